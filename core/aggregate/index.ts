/**
 * 汇总 (issue 15 item 4): a parent unit's report for a year filled from the sum of its members'
 * reports. Pure: the archive (db/archive/aggregate.ts) reads the members' reports and passes
 * them in; this module sums, keeps each cell's breakdown, writes the sums into a report and
 * finds the cells whose typed value differs from the sum (AGGREGATE_MISMATCH).
 *
 * - Members are chosen units; by default the parent's **direct children** (a department's report
 *   covers its own sub-units, so counting the sub-units too would count them twice). A chosen
 *   set in which one unit lies below another chosen unit is refused (`memberOverlap`). The
 *   parent's own office figures are a member like any other: a unit of their own under the
 *   parent (the aggregation screen offers to create "<上级>（本级）").
 * - Only members whose report has the parent's format are summed; a member in another format
 *   (a 2019-layout report in a 2021 year), a text-only document or no report at all is listed
 *   with the reason and counted nowhere.
 * - Every cell sums by its kind: counts, 本年增/减 (signed) and money (a money cell stated in 元
 *   where the column allows 元 and 万元 is converted to the column's first unit). A computed
 *   total (T3 总计, T4 总计) sums the members' computed totals, so a member whose own stated
 *   total is wrong does not carry its error into the sum. A member's blank, 不适用 or invalid
 *   cell is not counted and is shown as it reads in the breakdown.
 */
import { formatNumber, parseCell } from '../cells';
import { CODES } from '../checks/codes';
import type { Finding } from '../checks/types';
import { ValueReader, cellLocation, describeCell } from '../checks/values';
import { cellKey, cellsOf, FORMATS, type FormatVersion, type TableId } from '../formats';
import { cellAt, stableHash, type Report, type Unit } from '../model';
import { computedTotals, isTotalCell } from '../totals';
import type { AggregateCell, AggregateMember, Aggregation, MemberState } from './types';

/** One member unit as the aggregation takes it. */
export interface MemberInput {
  readonly unitId: string;
  readonly name: string;
  /** The report of the year (its current state); null: none; 'legacy': a text-only document. */
  readonly report: Report | null | 'legacy';
  /** The stored summary (status, open errors and warnings), for the members sheet. */
  readonly status?: string | null;
  readonly errors?: number;
  readonly warnings?: number;
}

export type { AggregateCell, AggregateMember, Aggregation, MemberState } from './types';
export const MEMBER_STATE_TEXT: Readonly<Record<MemberState, string>> = {
  counted: '已汇总',
  missing: '未报送',
  format: '格式不同，未汇总',
  legacy: '仅有文本，未汇总',
};

/** The unit a money cell's value is summed in: the column's first allowed unit. */
function moneyValue(value: number, measure: string, units: readonly string[] | undefined): number {
  const target = units?.[0];
  if (!target || !measure || measure === target) return value;
  if (measure === '元' && target === '万元') return value / 10000;
  if (measure === '万元' && target === '元') return value * 10000;
  return value;
}

/** A member's contribution to every cell of the format, totals as computed. */
function contributions(report: Report, format: FormatVersion): Map<string, number | string> {
  const out = new Map<string, number | string>();
  const totals = new Map<string, number | null>();
  for (const table of ['二', '三', '四'] as const) {
    for (const [key, cell] of computedTotals(report, table)) totals.set(key, cell.computed);
  }
  for (const { table, block, row, column } of cellsOf(FORMATS[format])) {
    const key = cellKey(table.id, block.id, row.id, column.id);
    const cell = cellAt(report, table.id, block.id, row.id, column.id);
    const raw = cell.present ? cell.raw.trim() : '';
    if (totals.has(key)) {
      const v = totals.get(key);
      out.set(key, v ?? raw);
      continue;
    }
    const read = parseCell(raw, column, table.id);
    if (read.state !== 'number') {
      out.set(key, read.state === 'na' ? '/' : raw);
      continue;
    }
    out.set(
      key,
      column.kind === 'money'
        ? moneyValue(read.value, read.measure, column.moneyUnits)
        : read.value,
    );
  }
  return out;
}

/** The exact sum of a column of numbers (money to 6 decimals, as cells are written). */
function sumOf(values: readonly (number | string)[]): number | null {
  let sum = 0;
  let any = false;
  for (const v of values) {
    if (typeof v === 'number') {
      sum += v;
      any = true;
    }
  }
  return any ? Number(sum.toFixed(6)) : null;
}

/** Sums the members' reports in `format` (the parent's report format for the year). */
export function aggregate(
  year: number,
  format: FormatVersion,
  members: readonly MemberInput[],
): Aggregation {
  const infos: AggregateMember[] = [];
  const counted: { unitId: string; values: Map<string, number | string> }[] = [];
  for (const m of members) {
    const report = m.report;
    const state: MemberState =
      report === null
        ? 'missing'
        : report === 'legacy'
          ? 'legacy'
          : report.format !== format
            ? 'format'
            : 'counted';
    infos.push({
      unitId: m.unitId,
      name: m.name,
      state,
      format: report && report !== 'legacy' ? report.format : null,
      status: m.status ?? null,
      errors: m.errors ?? 0,
      warnings: m.warnings ?? 0,
    });
    if (state === 'counted') {
      counted.push({ unitId: m.unitId, values: contributions(report as Report, format) });
    }
  }
  const cells: AggregateCell[] = [];
  for (const { table, block, row, column } of cellsOf(FORMATS[format])) {
    const key = cellKey(table.id, block.id, row.id, column.id);
    const values = counted.map((c) => c.values.get(key) ?? '');
    cells.push({
      key,
      table: table.id,
      block: block.id,
      row: row.id,
      col: column.id,
      total: isTotalCell(format, key),
      sum: sumOf(values),
      values,
    });
  }
  return { year, format, members: infos, counted: counted.map((c) => c.unitId), cells };
}

/** The text an aggregate cell is written as: the number, with its unit where the column has none. */
export function sumText(format: FormatVersion, cell: AggregateCell): string | null {
  if (cell.sum === null) return null;
  const def = FORMATS[format].tables[cell.table].blocks.find((b) => b.id === cell.block);
  const column = def?.columns.find((c) => c.id === cell.col);
  const unit = column?.kind === 'money' && !column.measure ? (column.moneyUnits?.[0] ?? '') : '';
  return `${formatNumber(cell.sum)}${unit}`;
}

export interface AggregateEdit {
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly col: string;
  readonly before: string;
  readonly value: string;
}

/**
 * The cells of `report` that the aggregation changes: each cell with a sum whose text differs.
 * A cell no member states a number for is left as the report has it.
 */
export function aggregateEdits(report: Report, agg: Aggregation): AggregateEdit[] {
  const out: AggregateEdit[] = [];
  for (const cell of agg.cells) {
    const value = sumText(agg.format, cell);
    if (value === null) continue;
    const now = cellAt(report, cell.table, cell.block, cell.row, cell.col);
    const before = now.present ? now.raw : '';
    if (now.present && before.trim() === value) continue;
    out.push({ table: cell.table, block: cell.block, row: cell.row, col: cell.col, before, value });
  }
  return out;
}

/** What an aggregated report records: the members summed, when and by whom. */
export interface AggregatedMark {
  readonly members: readonly string[];
  readonly at: string;
  readonly by?: string;
}

/**
 * The report with the sums written into T2/T3/T4 (missing rows and blocks of the official
 * layout added) and the aggregation recorded. Refused (an Error with a Chinese message) when
 * the report's format is not the aggregation's.
 */
export function applyAggregation(report: Report, agg: Aggregation, mark: AggregatedMark): Report {
  if (report.format !== agg.format) {
    throw new Error(
      `本单位的报告为${report.format}年版格式，汇总按${agg.format}年版格式进行，不能写入。`,
    );
  }
  const sections = { ...report.sections };
  const edits = aggregateEdits(report, agg);
  for (const table of ['二', '三', '四'] as const) {
    const mine = edits.filter((e) => e.table === table);
    if (mine.length === 0) continue;
    const section = sections[table] ?? { heading: '', paragraphs: [] };
    const data = section.table ?? { blocks: {}, unrecognised: [] };
    const blocks = { ...data.blocks };
    const def = FORMATS[agg.format].tables[table];
    for (const e of mine) {
      const blockDef = def.blocks.find((b) => b.id === e.block)!;
      const block = blocks[e.block] ?? { columns: blockDef.columns.map((c) => c.id), rows: {} };
      const columns = block.columns.includes(e.col)
        ? block.columns
        : blockDef.columns.map((c) => c.id).filter((c) => block.columns.includes(c) || c === e.col);
      const row = block.rows[e.row] ?? { cells: Object.fromEntries(columns.map((c) => [c, ''])) };
      blocks[e.block] = {
        columns,
        rows: { ...block.rows, [e.row]: { ...row, cells: { ...row.cells, [e.col]: e.value } } },
      };
    }
    sections[table] = { ...section, table: { ...data, blocks } };
  }
  return {
    ...report,
    sections,
    aggregated: { members: [...mark.members], at: mark.at, ...(mark.by ? { by: mark.by } : {}) },
  };
}

/**
 * The findings on an aggregated report. MEMBER_MISSING: each recorded member without a report
 * for the year. AGGREGATE_MISMATCH: each cell of an aggregated report whose number differs from the sum of
 * the members (a figure typed over the aggregate, or a member changed since). Cells the report
 * leaves blank are CELL_BLANK's; cells no member states a number for are not compared.
 */
export function aggregateFindings(report: Report, agg: Aggregation): Finding[] {
  if (report.format !== agg.format) return [];
  const reader = new ValueReader(report);
  const out: Finding[] = [];
  // MEMBER_MISSING: a member of the aggregation without a report for the year (not summed)
  for (const m of agg.members) {
    if (m.state !== 'missing') continue;
    out.push({
      code: 'MEMBER_MISSING',
      severity: CODES.MEMBER_MISSING.severity,
      message: `下属单位“${m.name}”没有${agg.year}年度报告，未计入汇总（没有业务也应报送数字为 0 的报告）。`,
      location: { section: '全文' },
      fingerprint: stableHash(`member|${m.unitId}|${agg.year}`),
    });
  }
  const n = agg.counted.length;
  for (const cell of agg.cells) {
    if (cell.sum === null) continue;
    const value = reader.number(cell.table, cell.block, cell.row, cell.col);
    if (value === null || Math.abs(value - cell.sum) < 1e-6) continue;
    const place = reader.place(cell.table, cell.block, cell.row, cell.col)!;
    out.push({
      code: 'AGGREGATE_MISMATCH',
      severity: CODES.AGGREGATE_MISMATCH.severity,
      message: `${describeCell(place)}填写 ${formatNumber(value)}，${n} 个下属单位之和为 ${formatNumber(cell.sum)}：请重新汇总或核实。`,
      location: cellLocation(place),
      fingerprint: stableHash(`${cell.key}|${value}|${cell.sum}`),
    });
  }
  return out;
}

/** The breakdown of one cell: each counted member's name and contribution, largest first. */
export function breakdown(
  agg: Aggregation,
  key: string,
): { name: string; unitId: string; value: number | string }[] | null {
  const cell = agg.cells.find((c) => c.key === key);
  if (!cell) return null;
  const names = new Map(agg.members.map((m) => [m.unitId, m.name]));
  return agg.counted.map((unitId, i) => ({
    unitId,
    name: names.get(unitId) ?? unitId,
    value: cell.values[i] ?? '',
  }));
}

// ---------------------------------------------------------------------------------------------
// Choosing members

/** The units as the member choice needs them. */
export interface TreeUnit {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly mergedInto?: string | null;
}

/** The default members: the parent's direct children (merged units left out). */
export function defaultMembers(units: readonly TreeUnit[], parentId: string): TreeUnit[] {
  return units.filter((u) => u.parentId === parentId && !u.mergedInto);
}

/** Every unit below the parent, at any depth. */
export function subtree(units: readonly TreeUnit[], parentId: string): TreeUnit[] {
  const children = new Map<string, TreeUnit[]>();
  for (const u of units) {
    if (u.parentId === null || u.mergedInto) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const out: TreeUnit[] = [];
  const seen = new Set<string>([parentId]);
  const walk = (id: string) => {
    for (const c of children.get(id) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      walk(c.id);
    }
  };
  walk(parentId);
  return out;
}

/**
 * Why a chosen set of members cannot be summed, in Chinese, or null: a unit not under the
 * parent, or a unit chosen together with a unit above it (its figures would count twice).
 */
export function memberProblem(
  units: readonly TreeUnit[],
  parent: Pick<Unit, 'id' | 'name'>,
  chosen: readonly string[],
): string | null {
  const below = new Map(subtree(units, parent.id).map((u) => [u.id, u]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const set = new Set(chosen);
  for (const id of chosen) {
    const unit = below.get(id);
    if (!unit) {
      const name = byId.get(id)?.name ?? id;
      return `“${name}”不是“${parent.name}”的下属单位，不能参加汇总。`;
    }
    for (let up = unit.parentId; up && up !== parent.id; up = byId.get(up)?.parentId ?? null) {
      if (set.has(up)) {
        return `“${unit.name}”是“${byId.get(up)!.name}”的下属单位，其数字已在上级单位的报告中，不能重复汇总。`;
      }
    }
  }
  return null;
}
