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

export type ReportShortcut = 'save' | 'undo' | 'redo';

/** The report view's shortcut a key press is, if any. */
export function reportShortcut(k: KeyPress): ReportShortcut | null {
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
