/**
 * What the screens show of a comparison (core/compare), DOM-free: last year's value and flag of
 * each cell of the report being edited (对比上年, computed once per pair of reports, so a
 * keystroke costs one lookup), a section's diff split into the two sides, the compare screen's
 * table groups, and the wording of a change.
 */
import { formatNumber } from '../../core/cells';
import {
  FLAG_LABELS,
  compareCells,
  diffText,
  percentChange,
  type CellComparison,
  type CellFlag,
  type DiffRun,
  type TextDiff,
} from '../../core/compare';
import type { TableId } from '../../core/formats';
import type { Report } from '../../core/model';
import { isTotalCell } from '../../core/totals';

export interface PriorCell {
  /** Last year's text as written ('' blank). */
  readonly text: string;
  readonly flag: CellFlag | null;
  /** "上年：30 · 本年：25（−5，−16.7%）· 新出现". */
  readonly title: string;
}

/** "−5，−16.7%" or '' when there is no difference to state. */
export function changeText(c: Pick<CellComparison, 'delta' | 'ratio'>): string {
  if (c.delta === null) return '';
  const delta = `${c.delta > 0 ? '+' : c.delta < 0 ? '−' : '±'}${formatNumber(Math.abs(c.delta))}`;
  const pct = percentChange(c).replace('-', '−');
  return pct ? `${delta}，${pct}` : delta;
}

export function cellTitle(c: CellComparison, aName = '上年', bName = '本年'): string {
  const show = (raw: string | null) => (raw === null ? '（无此行）' : raw || '（空）');
  const change = changeText(c);
  return [
    `${aName}：${show(c.aRaw)}`,
    `${bName}：${show(c.bRaw)}${change ? `（${change}）` : ''}`,
    c.flag ? FLAG_LABELS[c.flag] : '',
    c.note ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

let memo: { report: Report; prior: Report; cells: ReadonlyMap<string, PriorCell> } | null = null;

/** The tooltip's word for a cell filled last year and blank this year. */
export const BLANK_NOW = '上年有数，本年空白';

/**
 * Last year's value of each cell of `report`, by cell key (table|block|row|column ids), flagged
 * as the comparison flags it. A cell blank this year and filled last year carries the flag too
 * (上年有数，本年空白: the clerk has it still to fill, or it really fell to nothing), except a
 * computed total, which is never typed (its inputs carry the mark).
 */
export function priorCells(report: Report, prior: Report): ReadonlyMap<string, PriorCell> {
  if (memo && memo.report === report && memo.prior === prior) return memo.cells;
  const cells = new Map<string, PriorCell>();
  for (const c of compareCells(prior, report).cells) {
    const blankNow = !c.bRaw?.trim() && !!c.aRaw?.trim();
    const flag = blankNow && isTotalCell(report.format, c.key) ? null : c.flag;
    const title =
      blankNow && flag
        ? `${cellTitle({ ...c, flag: null })} · ${BLANK_NOW}`
        : cellTitle({ ...c, flag });
    cells.set(c.key, { text: c.aRaw ?? '', flag, title });
  }
  memo = { report, prior, cells };
  return cells;
}

/** 对比上年 is on by default for a report copied from last year's. */
export function compareByDefault(report: Report): boolean {
  return report.carried?.from === report.year - 1;
}

/** The text of a part of a report (导语 or a section), paragraphs on lines. */
export function partText(report: Report, place: '导语' | TableId | '一' | '五' | '六'): string {
  const ps = place === '导语' ? report.opening : (report.sections[place]?.paragraphs ?? []);
  return ps.map((p) => p.text).join('\n');
}

let diffMemo: { a: string; b: string; diff: TextDiff } | null = null;

/** The diff of last year's text of a part with this year's (the last one kept). */
export function partDiff(
  prior: Report,
  report: Report,
  place: Parameters<typeof partText>[1],
): TextDiff {
  const a = partText(prior, place);
  const b = partText(report, place);
  if (diffMemo && diffMemo.a === a && diffMemo.b === b) return diffMemo.diff;
  const diff = diffText(a, b);
  diffMemo = { a, b, diff };
  return diff;
}

/** One side of a diff: a shows what was kept and deleted, b what was kept and inserted. */
export function sideRuns(runs: readonly DiffRun[], side: 'a' | 'b'): DiffRun[] {
  return runs.filter((r) => r.op === 'equal' || r.op === (side === 'a' ? 'delete' : 'insert'));
}

/** A row of the compare screen's tables: one official row with its cells. */
export interface CompareRow {
  readonly key: string;
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly cells: readonly CellComparison[];
}

/** The cells by table and row, in official order; rows blank in both reports are left out. */
export function compareRows(cells: readonly CellComparison[]): Map<TableId, CompareRow[]> {
  const out = new Map<TableId, CompareRow[]>();
  const rows = new Map<
    string,
    { table: TableId; block: string; row: string; cells: CellComparison[] }
  >();
  for (const c of cells) {
    const key = `${c.table}|${c.blockId}|${c.rowId}`;
    let r = rows.get(key);
    if (!r) {
      r = { table: c.table, block: c.block, row: c.row, cells: [] };
      rows.set(key, r);
    }
    r.cells.push(c);
  }
  for (const [key, r] of rows) {
    if (r.cells.every((c) => !c.aRaw && !c.bRaw)) continue;
    const list = out.get(r.table) ?? [];
    list.push({ key, ...r });
    out.set(r.table, list);
  }
  return out;
}
