/**
 * What each change of the table editor would do, planned on the report before anything is
 * changed: opening a cell, committing a typed value, clearing a range, pasting a block, copying
 * a range. A plan is either the cell edits (one undo step, with its label) and what to say, or a
 * refusal saying why — nothing is half done: a paste with one invalid value, or one that does not
 * fit, changes nothing. Computed totals (core/totals.ts) are never written here: they show the
 * computed value and follow their cells (cell-edits.ts). Pure: the component applies the edits
 * through the report editor and shows the messages.
 */
import { formatNumber, parseCell } from '../../core/cells';
import { describeCell } from '../../core/checks/values';
import { FORMATS } from '../../core/formats';
import { cellAt, type Report } from '../../core/model';
import { computedTotals, type TotalCell } from '../../core/totals';
import { formatTsv, isBlock, parseTsv } from '../../core/tsv';
import { applyCellEdits, missingRows, type CellEdit } from './cell-edits';
import { cellAtPos, selectedCells, type Pos, type Selection } from './grid-selection';
import { placeOf, type NavCell, type TableGrid } from './table-grid';

/** The computed totals of the table, by cell key (core/totals.ts `computedTotals`). */
export type Totals = ReadonlyMap<string, TotalCell>;

/** A change refused, and where the component says so: the error line or the quiet note. */
export interface Refusal {
  readonly kind: 'refused';
  readonly say: 'alert' | 'info';
  readonly message: string;
}

/** The text shown for a report locked by 定稿. */
export const LOCKED_MESSAGE = '本报告已定稿，处于只读状态，不能修改。';

/** How many invalid values a refused paste lists. */
const MAX_LISTED = 3;

/** A cell's text as the report holds it, trimmed ('' when absent). */
function cellText(report: Report, cell: NavCell): string {
  const s = cellAt(report, cell.table, cell.block.id, cell.row.id, cell.column.id);
  return s.present ? s.raw.trim() : '';
}

function edit(cell: NavCell, value: string): CellEdit {
  return { table: cell.table, block: cell.block.id, row: cell.row.id, col: cell.column.id, value };
}

/** "表三 … 总计" sums: what a computed total adds up, for its tooltip and refusals. */
export function sumLabelOf(report: Report, total: TotalCell): string {
  const defs = FORMATS[report.format].totals.filter((t) => total.totals.includes(t.id));
  return defs.map((d) => d.sumLabel).join('，也是');
}

/** How many totals "用计算值替换" would write (stated totals that differ, or are blank). */
export function countReplacements(totals: Totals): number {
  let n = 0;
  for (const t of totals.values()) {
    if ((t.status === 'differs' || t.status === 'blank') && t.computed !== null) n++;
  }
  return n;
}

/**
 * The offer above the table to replace the totals with the computed values: how many, and the
 * hint (stated totals that differ, or blank ones). Null when there is nothing to replace.
 */
export function totalsOffer(totals: Totals): { count: number; hint: string } | null {
  const count = countReplacements(totals);
  if (count === 0) return null;
  const differs = [...totals.values()].filter((t) => t.status === 'differs').length;
  const hint =
    differs > 0
      ? `${differs} 处合计与表中数字不符：划线的是报告填写的数，旁边是按表中数字计算的值。`
      : '有合计未填写，可按表中数字填入计算值。';
  return { count, hint };
}

/**
 * Where pasted text goes. Into the open cell editor (`inEditor`), one value is its text field's
 * own paste (`text`); a block pasted there closes the editor and fills from its cell, and a block
 * pasted on a cell fills from the active cell (`cells`; no start when there is no such cell).
 */
export function pasteTarget(
  grid: TableGrid,
  selection: Selection,
  text: string,
  inEditor: boolean,
  editingKey: string | null,
):
  | { readonly kind: 'text' }
  | {
      readonly kind: 'cells';
      readonly start: NavCell | undefined;
      readonly closeEditor: boolean;
      readonly rows: string[][];
    } {
  if (inEditor && !isBlock(text)) return { kind: 'text' };
  const active = cellAtPos(grid, selection.active);
  const fromEditor = inEditor && editingKey !== null;
  const start = fromEditor ? (grid.byKey.get(editingKey) ?? active) : active;
  return { kind: 'cells', start, closeEditor: fromEditor, rows: parseTsv(text) };
}

/** Opening the cell editor (F2, a double click, typing): its starting text, or why not. */
export function planStartEdit(
  report: Report,
  totals: Totals,
  cell: NavCell,
): { readonly kind: 'edit'; readonly text: string } | Refusal {
  const total = totals.get(cell.key);
  if (total) {
    return {
      kind: 'refused',
      say: 'info',
      message: `${describeCell(placeOf(cell))}是自动计算的合计（${sumLabelOf(report, total)}），不能直接填写。`,
    };
  }
  return { kind: 'edit', text: cellText(report, cell) };
}

export type CommitPlan =
  /** Nothing to store: the editor closes (`clearAlert`: the value is the one stored). */
  | { readonly kind: 'close'; readonly clearAlert: boolean }
  /** The value is refused: the editor stays open with the text, and the alert says why. */
  | Refusal
  | {
      readonly kind: 'edit';
      readonly edits: readonly CellEdit[];
      readonly label: string;
      readonly info: string;
    };

/** Committing the text typed into a cell: only values `parseCell` accepts (trimmed) are stored. */
export function planCommit(report: Report, cell: NavCell, text: string): CommitPlan {
  const value = text.trim();
  const state = cellAt(report, cell.table, cell.block.id, cell.row.id, cell.column.id);
  if (state.present && value === state.raw.trim()) return { kind: 'close', clearAlert: true };
  if (!state.present && value === '') return { kind: 'close', clearAlert: false };
  const parsed = parseCell(value, cell.column, cell.table);
  if (parsed.state === 'invalid') {
    return {
      kind: 'refused',
      say: 'alert',
      message: `${describeCell(placeOf(cell))}：${parsed.reason}，未保存。请改正后按 Enter 确认，或按 Esc 放弃。`,
    };
  }
  const edits = [edit(cell, value)];
  const added = missingRows(report, edits).size > 0;
  return {
    kind: 'edit',
    edits,
    label: `修改${describeCell(placeOf(cell))}`,
    info: added ? `已在报告中补上“${cell.row.label || cell.block.caption}”这一行。` : '',
  };
}

/** Delete / Backspace on a selection: every filled cell but the computed totals becomes blank. */
export function planClear(
  report: Report,
  totals: Totals,
  grid: TableGrid,
  sel: Selection,
):
  | Refusal
  | {
      readonly kind: 'clear';
      readonly edits: readonly CellEdit[];
      readonly label: string;
      readonly info: string;
    } {
  const cells = selectedCells(grid, sel).flat();
  const editable = cells.filter((c) => !totals.has(c.key));
  if (editable.length === 0) {
    return { kind: 'refused', say: 'info', message: '所选的是自动计算的合计，不能清除。' };
  }
  const edits = editable.filter((c) => cellTextRaw(report, c) !== '').map((c) => edit(c, ''));
  const skipped = cells.length - editable.length;
  return {
    kind: 'clear',
    edits,
    label:
      edits.length === 1
        ? `清除${describeCell(placeOf(editable[0]!))}`
        : `清除 ${edits.length} 个单元格`,
    info:
      edits.length > 1 || skipped > 0
        ? `已清除 ${edits.length} 个单元格${skipped > 0 ? `；${skipped} 个自动计算的合计不能清除，已跳过` : ''}。`
        : '',
  };
}

/** A present cell's text as stored (untrimmed; '' when absent): what "filled" means for clearing. */
function cellTextRaw(report: Report, cell: NavCell): string {
  const s = cellAt(report, cell.table, cell.block.id, cell.row.id, cell.column.id);
  return s.present ? s.raw : '';
}

export type PastePlan =
  | Refusal
  | {
      readonly kind: 'paste';
      /** Only the cells whose value changes (none: nothing to store, the note still shown). */
      readonly edits: readonly CellEdit[];
      readonly label: string;
      readonly info: string;
      /** The pasted rectangle, selected after a block paste (a single value keeps the selection). */
      readonly selection: Selection | null;
    };

/**
 * Pasting a block (rows of values, as a spreadsheet copies them) with its top-left value at
 * `start`: all of it, or nothing. Refused when a value falls outside the table, when any value is
 * invalid for its cell (the first few are listed), or when a single value lands on a computed
 * total; values over computed totals in a block are skipped (the totals follow their cells).
 */
export function planPaste(
  report: Report,
  totals: Totals,
  grid: TableGrid,
  start: NavCell,
  rows: readonly (readonly string[])[],
): PastePlan {
  const edits: CellEdit[] = [];
  const invalid: string[] = [];
  let invalidCount = 0;
  let outside = 0;
  let skipped = 0;
  /** The figures the block states for computed totals, to compare with the computed ones. */
  const statedTotals: { cell: NavCell; value: string }[] = [];
  let placed = 0;
  let last: Pos = { r: start.r, c: start.c };
  rows.forEach((values, i) => {
    values.forEach((raw, j) => {
      const value = raw.trim();
      const cell = grid.nav[start.r + i]?.[start.c + j];
      if (!cell) {
        if (value !== '') outside++;
        return;
      }
      last = { r: cell.r, c: cell.c };
      if (totals.has(cell.key)) {
        skipped++;
        if (value !== '') statedTotals.push({ cell, value });
        return;
      }
      placed++;
      const parsed = parseCell(value, cell.column, cell.table);
      if (parsed.state === 'invalid') {
        invalidCount++;
        if (invalid.length < MAX_LISTED) {
          invalid.push(`${describeCell(placeOf(cell))}：${parsed.reason}`);
        }
        return;
      }
      if (value !== cellText(report, cell)) edits.push(edit(cell, value));
    });
  });
  const single = rows.length === 1 && rows[0]!.length === 1;
  if (single && totals.has(start.key)) {
    return {
      kind: 'refused',
      say: 'info',
      message: `${describeCell(placeOf(start))}是自动计算的合计，不能粘贴。`,
    };
  }
  if (outside > 0) {
    const size = `${rows.length} 行 × ${Math.max(...rows.map((r) => r.length))} 列`;
    return {
      kind: 'refused',
      say: 'alert',
      message: `粘贴的内容（${size}）从${describeCell(placeOf(start))}起超出了表格，有 ${outside} 个值放不下，没有粘贴任何内容。请选择靠上、靠左的单元格后再粘贴。`,
    };
  }
  if (invalidCount > 0) {
    const more = invalidCount > invalid.length ? `\n……共 ${invalidCount} 个无效值。` : '';
    return {
      kind: 'refused',
      say: 'alert',
      message: `粘贴的内容中有 ${invalidCount} 个值无效，没有粘贴任何内容：\n${invalid.join('\n')}${more}`,
    };
  }
  const added = missingRows(report, edits).size;
  const notes: string[] = [];
  if (!single) notes.push(`已粘贴 ${placed} 个单元格`);
  if (skipped > 0) notes.push(`${skipped} 个自动计算的合计单元格已跳过（合计按表中数字计算）`);
  const differ = totalsDiffering(report, start, edits, statedTotals);
  if (added > 0) notes.push(`补上了报告中缺少的 ${added} 行`);
  return {
    kind: 'paste',
    edits,
    label: single ? `粘贴到${describeCell(placeOf(start))}` : `粘贴 ${placed} 个单元格`,
    info: (notes.length ? `${notes.join('；')}。` : '') + differ,
    selection: single ? null : { anchor: { r: start.r, c: start.c }, active: last },
  };
}

/**
 * The pasted block's own totals compared with the totals computed from the pasted cells: the
 * computed value is kept, and every row whose stated total differs is listed ("" when all agree).
 */
function totalsDiffering(
  report: Report,
  start: NavCell,
  edits: readonly CellEdit[],
  stated: readonly { cell: NavCell; value: string }[],
): string {
  if (stated.length === 0) return '';
  const after = computedTotals(applyCellEdits(report, start.table, edits), start.table);
  const lines: string[] = [];
  let count = 0;
  for (const { cell, value } of stated) {
    const parsed = parseCell(value, cell.column, cell.table);
    const computed = after.get(cell.key)?.computed ?? null;
    const same =
      parsed.state === 'number' && computed !== null && Math.abs(parsed.value - computed) < 1e-6;
    if (same) continue;
    count++;
    if (lines.length < MAX_LISTED) {
      const now = computed === null ? '无法计算（有未填的数）' : formatNumber(computed);
      lines.push(`${describeCell(placeOf(cell))}：粘贴的是 ${value}，按表中数字计算为 ${now}`);
    }
  }
  if (count === 0) return `\n粘贴的 ${stated.length} 个合计与按表中数字计算的一致。`;
  const more = count > lines.length ? `\n……共 ${count} 处。` : '';
  return `\n粘贴的合计有 ${count} 处与按表中数字计算的不同，表中保留计算值，请核对原表：\n${lines.join('\n')}${more}`;
}

/** Ctrl+C: the selected cells as spreadsheet text (computed totals as computed), and the note. */
export function copySelection(
  report: Report,
  totals: Totals,
  grid: TableGrid,
  sel: Selection,
): { readonly text: string; readonly info: string } {
  const rows = selectedCells(grid, sel).map((row) =>
    row.map((cell) => {
      const total = totals.get(cell.key);
      if (total && total.computed !== null) return formatNumber(total.computed);
      return cellText(report, cell);
    }),
  );
  const n = rows.reduce((a, r) => a + r.length, 0);
  return { text: formatTsv(rows), info: n > 1 ? `已复制 ${n} 个单元格。` : '' };
}
