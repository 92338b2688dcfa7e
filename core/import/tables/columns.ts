/**
 * What a table's header says about its columns: where each one is (a grid with its spans
 * expanded names every column at its position) and in which order the values come (a header
 * written without positions, or a grid whose merged cells were written once so its header
 * rows do not line up). A header that names too little leaves the official order, which the
 * reader uses only when the values are exactly as many as the columns.
 */
import type { ColumnDef } from '../../formats';
import { labelKey } from '../../text';
import type { Layout } from './assign';
import type { Cell, Header } from './lines';
import { matchLabel } from './vocabulary';

/** Column positions named by grid header rows; `clash` when the rows disagree. */
function gridPositions(
  headers: readonly Header[],
  columns: readonly ColumnDef[],
): { positions: Map<string, number>; clash: boolean } {
  const byIdx = new Map<number, string>();
  const idxOf = new Map<string, number>();
  let clash = false;
  for (const header of headers) {
    for (const cell of header.cells) {
      if (cell.col === undefined) continue;
      const m = matchLabel(cell.text, columns);
      if (!m || m.match !== 'exact') continue;
      const seen = byIdx.get(cell.col);
      if (seen !== undefined && seen !== m.def.id) clash = true;
      byIdx.set(cell.col, m.def.id);
      const at = idxOf.get(m.def.id);
      if (!cell.spanned && at !== undefined && at !== cell.col) clash = true;
      if (at === undefined) idxOf.set(m.def.id, cell.col);
    }
  }
  const positions = new Map<string, number>();
  for (const [idx, col] of [...byIdx].sort((a, b) => a[0] - b[0])) {
    if (!positions.has(col)) positions.set(col, idx);
  }
  return { positions, clash };
}

/** The columns in the order header cells name them, a group label replaced by its members. */
export function namedOrder(cells: readonly Cell[], columns: readonly ColumnDef[]): ColumnDef[] {
  const groups = new Set(columns.flatMap((c) => (c.group ? [labelKey(c.group)] : [])));
  const named = cells.filter((c) => !c.spanned && c.text.trim());
  const grouped = named.some((c) => groups.has(labelKey(c.text)));
  const GROUP = null;
  const top: (ColumnDef | null)[] = [];
  const members: ColumnDef[] = [];
  for (const cell of named) {
    if (grouped && groups.has(labelKey(cell.text))) {
      if (!top.includes(GROUP)) top.push(GROUP);
      continue;
    }
    const m = matchLabel(cell.text, columns);
    if (!m || m.match !== 'exact') continue;
    const list = grouped && m.def.group ? members : top;
    if (!list.includes(m.def)) list.push(m.def);
  }
  return top.flatMap((x) => (x === GROUP ? members : [x]));
}

/** Whether `named` lists columns in the official order (some may be missing). */
function officialOrder(named: readonly ColumnDef[], columns: readonly ColumnDef[]): boolean {
  let last = -1;
  for (const c of named) {
    const i = columns.indexOf(c);
    if (i <= last) return false;
    last = i;
  }
  return true;
}

/**
 * The layouts to read a block's rows by, in order of trust: the header's own order of all
 * columns (or of the columns it names, if the table lacks some: a T3 without 总计), then the
 * official order when the header names the columns in that order or names too few to tell.
 */
export function layoutsFor(headers: readonly Header[], columns: readonly ColumnDef[]): Layout[] {
  const grid = headers.some((h) => h.grid);
  const { positions, clash } = grid
    ? gridPositions(headers, columns)
    : { positions: new Map<string, number>(), clash: false };
  const cells = headers.flatMap((h) => h.cells);
  let named: ColumnDef[];
  if (grid && !clash && positions.size > 0) {
    named = [...positions.keys()].map((id) => columns.find((c) => c.id === id)!);
  } else {
    named = namedOrder(cells, columns);
    if (named.length !== new Set(named).size) named = [];
  }
  const complete = named.length === columns.length;
  const pos = grid && !clash && complete ? positions : null;
  const out: Layout[] = [];
  if (complete) out.push({ order: named, positions: pos, named: true });
  else {
    if (officialOrder(named, columns) || named.length <= 1)
      out.push({ order: columns, positions: null, named: false });
    // a header that names fewer columns, all of them clearly: the table lacks the others —
    // in a grid; in text only a missing total column (text taken out of a PDF loses columns
    // to other places, and a header cut short must not make a table of fewer columns)
    const missing = columns.filter((c) => !named.includes(c));
    const trusted = grid || missing.every((c) => c.id === 'total');
    if (trusted && headers.length > 0 && !clash && namesAllItHas(cells, named, columns))
      out.push({ order: named, positions: grid ? positions : null, named: true });
  }
  return out;
}

/**
 * Whether every column label in the header was recognised (no unknown header text between
 * them): then the columns it names are all the table has.
 */
function namesAllItHas(
  cells: readonly Cell[],
  named: readonly ColumnDef[],
  columns: readonly ColumnDef[],
): boolean {
  if (named.length < 1) return false;
  const groups = new Set(columns.flatMap((c) => (c.group ? [labelKey(c.group)] : [])));
  return cells.every((c) => {
    const t = c.text.trim();
    if (!t || c.spanned) return true;
    if (groups.has(labelKey(t))) return true;
    return matchLabel(t, columns) !== null || !/[\u4e00-\u9fff]/u.test(t) || isFrame(t);
  });
}

/** Header words that are no column: T3's note, 申请人情况, 信息内容, captions. */
function isFrame(text: string): boolean {
  const k = labelKey(text);
  return (
    k.startsWith('本列数据的勾稽关系') ||
    k === '申请人情况' ||
    k === '信息内容' ||
    k.startsWith('第二十条')
  );
}
