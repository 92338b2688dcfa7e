/**
 * Cells compared by their place in the official layout (table, block, row, column), across the
 * 2019→2021 change through the format definitions: a cell is compared with the cell of the same
 * ids in the other format — T3 and T4 row by row; in T2 only 行政许可, 行政处罚 and 行政强制's
 * 处理决定数量 exist in both — except the rows of CROSS_FORMAT_SUMS. Any other cell of one
 * version is listed as not comparable, never compared with something else.
 */
import { parseCell } from '../cells';
import {
  FORMATS,
  blockLabel,
  cellIndex,
  cellKey,
  cellsOf,
  type CellDef,
  type FormatVersion,
  type TableId,
} from '../formats';
import { T3_BLOCK_ID } from '../formats/common';
import { cellAt, type Report } from '../model';
import { COMPARE_THRESHOLDS, type CompareThresholds } from './thresholds';
import type { CellComparison, CellFlag, NotComparable } from './types';

/** Rows of one format that stand for the sum of rows of the other (report-format.md). */
export const CROSS_FORMAT_SUMS: readonly {
  readonly table: TableId;
  readonly block: string;
  readonly row2019: string;
  readonly rows2021: readonly string[];
  readonly note: string;
}[] = [
  {
    table: '三',
    block: T3_BLOCK_ID,
    row2019: 'other',
    rows2021: ['other1', 'other2', 'other3'],
    note: '2019年版“（六）其他处理”对2021年版（六）1–3之和',
  },
];

interface Side {
  readonly raw: string | null;
  readonly value: number | null;
  readonly invalid: boolean;
}

const ABSENT: Side = { raw: null, value: null, invalid: false };

/** One cell of a report: its text and value (money in 万元). */
function sideOf(report: Report, def: CellDef): Side {
  const cell = cellAt(report, def.table.id, def.block.id, def.row.id, def.column.id);
  if (!cell.present) return ABSENT;
  const v = parseCell(cell.raw, def.column, def.table.id);
  if (v.state === 'number') {
    const value = v.measure === '元' ? v.value / 10000 : v.value;
    return { raw: cell.raw.trim(), value, invalid: false };
  }
  return { raw: cell.raw.trim(), value: null, invalid: v.state === 'invalid' };
}

/** The sum of several rows' cells of one column (blank when all are blank). */
function sumSide(
  report: Report,
  format: FormatVersion,
  rows: readonly string[],
  def: CellDef,
): Side {
  const index = cellIndex(format);
  const parts = rows.map((row) => {
    const d = index.get(cellKey(def.table.id, def.block.id, row, def.column.id));
    return d ? sideOf(report, d) : ABSENT;
  });
  if (parts.every((p) => p.raw === null)) return ABSENT;
  const written = parts.filter((p) => p.raw);
  const invalid = parts.some((p) => p.invalid);
  const numbers = parts.filter((p) => p.value !== null);
  return {
    raw: written.map((p) => p.raw).join('+'),
    value: invalid || numbers.length === 0 ? null : numbers.reduce((s, p) => s + p.value!, 0),
    invalid,
  };
}

/** The flag of a pair of values (null: nothing to look at). */
export function cellFlag(
  a: Side | { raw: string | null; value: number | null; invalid?: boolean },
  b: Side | { raw: string | null; value: number | null; invalid?: boolean },
  t: CompareThresholds = COMPARE_THRESHOLDS,
): CellFlag | null {
  if (a.invalid || b.invalid) return null;
  const av = a.value === null ? null : Math.abs(a.value);
  const bv = b.value === null ? null : Math.abs(b.value);
  if (av === null && bv === null) return null;
  if (av === null) return bv! >= t.appearMin ? 'appeared' : 'blank';
  if (bv === null) return av >= t.appearMin ? 'vanished' : 'blank';
  if (av === 0 && bv >= t.appearMin) return 'appeared';
  if (bv === 0 && av >= t.appearMin) return 'vanished';
  if (av === 0 || bv === 0) return null;
  const ratio = Math.max(av, bv) / Math.min(av, bv);
  return ratio >= t.jumpRatio && Math.abs(bv - av) >= t.jumpMinDelta ? 'jump' : null;
}

function round(n: number): number {
  return Number(n.toFixed(6));
}

function compared(
  def: CellDef,
  a: Side,
  b: Side,
  t: CompareThresholds,
  note?: string,
): CellComparison {
  const both = a.value !== null && b.value !== null;
  return {
    key: cellKey(def.table.id, def.block.id, def.row.id, def.column.id),
    table: def.table.id,
    block: blockLabel(def.block, def.row),
    row: def.row.label,
    column: def.column.label,
    blockId: def.block.id,
    rowId: def.row.id,
    columnId: def.column.id,
    aRaw: a.raw,
    bRaw: b.raw,
    a: a.value === null ? null : round(a.value),
    b: b.value === null ? null : round(b.value),
    delta: both ? round(b.value! - a.value!) : null,
    ratio: both && a.value !== 0 ? round(b.value! / a.value!) : null,
    flag: cellFlag(a, b, t),
    ...(note ? { note } : {}),
  };
}

function notComparable(
  def: CellDef,
  only: 'a' | 'b',
  format: FormatVersion,
  side: Side,
): NotComparable {
  return {
    table: def.table.id,
    block: blockLabel(def.block, def.row),
    row: def.row.label,
    column: def.column.label,
    only,
    format,
    raw: side.raw,
  };
}

/** The cross-format group a cell of a format belongs to, if any. */
function crossGroup(def: CellDef, format: FormatVersion) {
  return CROSS_FORMAT_SUMS.find(
    (g) =>
      g.table === def.table.id &&
      g.block === def.block.id &&
      (format === '2019' ? g.row2019 === def.row.id : g.rows2021.includes(def.row.id)),
  );
}

/** Every cell of b's format compared with a's, then a's cells b's format lacks. */
export function compareCells(
  a: Report,
  b: Report,
  t: CompareThresholds = COMPARE_THRESHOLDS,
): { cells: CellComparison[]; notComparable: NotComparable[] } {
  const cells: CellComparison[] = [];
  const lacking: NotComparable[] = [];
  const aIndex = cellIndex(a.format);
  const bIndex = cellIndex(b.format);
  const sameFormat = a.format === b.format;
  for (const def of cellsOf(FORMATS[b.format])) {
    const key = cellKey(def.table.id, def.block.id, def.row.id, def.column.id);
    const aDef = aIndex.get(key);
    const group = sameFormat ? undefined : crossGroup(def, b.format);
    if (group) {
      // 2019 row vs the 2021 rows' sum, shown once at the group's first 2021 row (or the 2019 row)
      if (b.format === '2021' && def.row.id !== group.rows2021[0]) continue;
      const aSide =
        a.format === '2019'
          ? aDefSide(a, aIndex, def.table.id, def.block.id, group.row2019, def.column.id)
          : sumSide(a, a.format, group.rows2021, def);
      const bSide =
        b.format === '2019' ? sideOf(b, def) : sumSide(b, b.format, group.rows2021, def);
      const shown =
        b.format === '2019'
          ? def
          : (aIndex.get(cellKey(def.table.id, def.block.id, group.row2019, def.column.id)) ?? def);
      cells.push(compared(shown, aSide, bSide, t, group.note));
      continue;
    }
    if (aDef) cells.push(compared(def, sideOf(a, aDef), sideOf(b, def), t));
    else lacking.push(notComparable(def, 'b', b.format, sideOf(b, def)));
  }
  if (!sameFormat) {
    for (const def of cellsOf(FORMATS[a.format])) {
      const key = cellKey(def.table.id, def.block.id, def.row.id, def.column.id);
      if (bIndex.has(key) || crossGroup(def, a.format)) continue;
      lacking.push(notComparable(def, 'a', a.format, sideOf(a, def)));
    }
  }
  return { cells, notComparable: lacking };
}

function aDefSide(
  report: Report,
  index: ReadonlyMap<string, CellDef>,
  table: TableId,
  block: string,
  row: string,
  col: string,
): Side {
  const def = index.get(cellKey(table, block, row, col));
  return def ? sideOf(report, def) : ABSENT;
}
