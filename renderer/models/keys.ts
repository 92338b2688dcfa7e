/**
 * Key presses as the editors' models read them (a KeyboardEvent's key and modifiers, ⌘ counted as
 * Ctrl), and the report view's own shortcuts: Ctrl+S saves, Ctrl+Z undoes, Ctrl+Y and
 * Ctrl+Shift+Z redo. Pure.
 */

export interface KeyPress {
  readonly key: string;
  /** Ctrl, or ⌘ on a Mac. */
  readonly ctrl: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

/** The parts of a keyboard event the models read. */
export function keyPress(e: {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}): KeyPress {
  return { key: e.key, ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey, alt: e.altKey };
}

export type ReportShortcut =
  | 'save'
  | 'undo'
  | 'redo'
  /** F6 / Ctrl+Shift+E: the next region (navigator → editor → checks panel); Shift+F6 back. */
  | 'next-region'
  | 'prev-region'
  /** F1: the list of keys. */
  | 'help';

/** The report view's shortcut a key press is, if any. */
export function reportShortcut(k: KeyPress): ReportShortcut | null {
  if (k.key === 'F6' && !k.ctrl && !k.alt) return k.shift ? 'prev-region' : 'next-region';
  if (k.key === 'F1' && !k.ctrl && !k.alt && !k.shift) return 'help';
  if (k.ctrl && k.shift && !k.alt && k.key.toLowerCase() === 'e') return 'next-region';
  if (!k.ctrl || k.alt) return null;
  const key = k.key.toLowerCase();
  if (key === 's') return 'save';
  if (key === 'y') return 'redo';
  if (key === 'z') return k.shift ? 'redo' : 'undo';
  return null;
}

/**
 * Marks a text field whose Ctrl+Z / Ctrl+Y act on its own text (the browser's undo), not on the
 * report: the table's cell editor, whose text is not in the report until it is committed.
 */
export const OWN_UNDO_ATTRIBUTE = 'data-own-undo';

/** The report view's three regions, in the order F6 visits them. */
export const REGIONS = ['nav', 'doc', 'checks'] as const;
export type Region = (typeof REGIONS)[number];

/** The region F6 (or Shift+F6) goes to from `from` (null: focus in none of them → the editor). */
export function nextRegion(from: Region | null, back = false): Region {
  if (from === null) return 'doc';
  const i = REGIONS.indexOf(from);
  return REGIONS[(i + (back ? REGIONS.length - 1 : 1)) % REGIONS.length]!;
}

/** The keys of the report view, as 帮助 lists them (key, what it does). */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['F6 或 Ctrl+Shift+E', '在章节目录、编辑区和检查结果之间切换（Shift+F6 反向）'],
  ['Ctrl+S', '保存为一个修订'],
  ['Ctrl+Z / Ctrl+Y', '撤销 / 重做'],
  ['Tab / Shift+Tab', '到下一个 / 上一个控件；表格整体只占一个位置，进入后用方向键移动'],
  ['方向键', '表格内移动；Shift+方向键选择区域；Ctrl+方向键到数据区的边缘'],
  ['直接输入', '替换所选单元格的值（输入法同样输入到所选单元格）；F2 或双击修改'],
  ['输入后按 Tab', '确认并右移（跳过计算得出的合计）；连续 Tab 之后按 Enter 回到下一行起始列'],
  ['Enter / Shift+Enter', '确认并下移 / 上移'],
  ['Esc', '取消输入'],
  ['Delete', '清除所选单元格'],
  ['Ctrl+C / Ctrl+V', '复制 / 粘贴表格区域（可从 Excel、WPS 粘贴）'],
  ['Alt+↑ / Alt+↓', '上移 / 下移段落'],
  ['F1', '显示本说明'],
];
