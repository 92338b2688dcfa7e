/**
 * The computed total cells of a table (T3 总计 column and （七）总计 row, T4 总计): what each
 * stated cell says and what the format's TotalDef computes from the other cells, read with the
 * checks' own rules (ValueReader, computeTotal). The table editor shows these cells read-only
 * with the computed value, shows both where an imported report states another total, and keeps
 * the stated totals up to date as cells are edited.
 *
 * Totals can feed other totals (T3's grand total is both a row total and a column total); a
 * total is computed from the other totals' computed values, so that replacing every stated total
 * by its computed value leaves the table balanced in one step.
 */
import { formatNumber } from './cells';
import { computeTotal, expand, resolveRef } from './checks/arithmetic';
import { ValueReader } from './checks/values';
import { FORMATS, cellKey, type TableId, type TotalDef } from './formats';
import { cellAt, type Report } from './model';

/**
 * match: the stated value is the computed one; differs: the cell states another number or
 * something that is not a number; blank: nothing stated (or a blank mark), a value is computed;
 * incomplete: an input is blank, absent or invalid, so there is nothing to compute.
 */
export type TotalStatus = 'match' | 'differs' | 'blank' | 'incomplete';

export interface TotalCell {
  readonly block: string;
  readonly row: string;
  readonly col: string;
  /** The sum of the inputs, or null when an input is not a number. */
  readonly computed: number | null;
  /** The cell's text as the report states it ('' when blank or absent). */
  readonly stated: string;
  /** Whether the report has the cell at all (its row, block and column). */
  readonly present: boolean;
  readonly status: TotalStatus;
  /** Ids of the TotalDefs that compute this cell (T3's grand total has two). */
  readonly totals: readonly string[];
}

interface Instance {
  readonly key: string;
  readonly def: TotalDef;
  readonly binding: ReturnType<typeof expand>[number];
  readonly block: string;
  readonly row: string;
  readonly col: string;
}

const instancesCache = new Map<string, readonly Instance[]>();

/** Every computed cell of a table in a format: one instance per TotalDef binding. */
function instancesOf(format: Report['format'], table: TableId): readonly Instance[] {
  const cacheKey = `${format}|${table}`;
  const done = instancesCache.get(cacheKey);
  if (done) return done;
  const def = FORMATS[format];
  const out: Instance[] = [];
  for (const total of def.totals) {
    if (total.table !== table) continue;
    for (const binding of expand(total, def.tables[table])) {
      const ref = resolveRef(total.left[0]!, binding);
      if (!ref) continue;
      out.push({
        key: cellKey(table, ref.block, ref.row, ref.col),
        def: total,
        binding,
        block: ref.block,
        row: ref.row,
        col: ref.col,
      });
    }
  }
  instancesCache.set(cacheKey, out);
  return out;
}

/** Reads cells as the checks do, except that computed cells read as their computed value. */
class TotalsReader extends ValueReader {
  readonly computed = new Map<string, number>();
  constructor(
    report: Report,
    /** Cells read as blank whatever they state (totals about to be recomputed). */
    private readonly blank: ReadonlySet<string> = new Set(),
  ) {
    super(report);
  }
  override number(table: TableId, block: string, row: string, col: string): number | null {
    const key = cellKey(table, block, row, col);
    const v = this.computed.get(key);
    if (v !== undefined) return v;
    return this.blank.has(key) ? null : super.number(table, block, row, col);
  }
}

/** Whether a key (table|block|row|column) is a computed cell of the report's format. */
export function isTotalCell(format: Report['format'], key: string): boolean {
  const [table] = key.split('|') as [TableId];
  const cacheKey = `${format}|${table}`;
  let keys = totalKeys.get(cacheKey);
  if (!keys) {
    keys = new Set(instancesOf(format, table).map((i) => i.key));
    totalKeys.set(cacheKey, keys);
  }
  return keys.has(key);
}
const totalKeys = new Map<string, ReadonlySet<string>>();

/** The computed cells of one table by cellKey, in the format's order. */
export function computedTotals(
  report: Report,
  table: TableId,
  /** Totals to compute as if they were blank (an uncomputable one does not feed others). */
  blank: ReadonlySet<string> = new Set(),
): Map<string, TotalCell> {
  const instances = instancesOf(report.format, table);
  const reader = new TotalsReader(report, blank);
  // Each pass settles at least one more level of totals over totals; a few passes suffice.
  const values = new Map<string, (number | null)[]>();
  for (let pass = 0; pass <= instances.length; pass++) {
    values.clear();
    for (const inst of instances) {
      const list = values.get(inst.key) ?? [];
      list.push(computeTotal(inst.def, inst.binding, reader));
      values.set(inst.key, list);
    }
    let changed = false;
    for (const [key, list] of values) {
      const v = agreed(list);
      if (v === null) {
        if (reader.computed.delete(key)) changed = true;
      } else if (reader.computed.get(key) !== v) {
        reader.computed.set(key, v);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const plain = new ValueReader(report);
  const out = new Map<string, TotalCell>();
  for (const inst of instances) {
    const existing = out.get(inst.key);
    if (existing) {
      out.set(inst.key, { ...existing, totals: [...existing.totals, inst.def.id] });
      continue;
    }
    const computed = agreed(values.get(inst.key) ?? [null]);
    const cell = cellAt(report, table, inst.block, inst.row, inst.col);
    const stated = cell.present ? cell.raw.trim() : '';
    // the stated value itself, read with the checks' rules (not the computed one)
    const read = plain.read(table, inst.block, inst.row, inst.col);
    let status: TotalStatus;
    if (computed === null) status = 'incomplete';
    else if (read.state === 'number')
      status = Math.abs(read.value - computed) < 1e-6 ? 'match' : 'differs';
    else if (read.state === 'blank' || read.state === 'absent') status = 'blank';
    else status = 'differs';
    out.set(inst.key, {
      block: inst.block,
      row: inst.row,
      col: inst.col,
      computed,
      stated,
      present: cell.present,
      status,
      totals: [inst.def.id],
    });
  }
  return out;
}

/** One value when every definition of a cell computes the same; null otherwise. */
function agreed(list: readonly (number | null)[]): number | null {
  const first = list[0];
  if (first === null || first === undefined) return null;
  return list.every((v) => v !== null && Math.abs(v - first) < 1e-6) ? first : null;
}

export interface TotalEdit {
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly col: string;
  readonly value: string;
}

/**
 * The edits that replace every stated total that differs from its computed value, or is blank
 * while a value can be computed ("用计算值替换所有合计"). Cells that cannot be computed stay.
 */
export function totalReplacements(report: Report, table: TableId): TotalEdit[] {
  const out: TotalEdit[] = [];
  for (const cell of computedTotals(report, table).values()) {
    if ((cell.status === 'differs' || cell.status === 'blank') && cell.computed !== null) {
      out.push({ table, ...pick(cell), value: formatNumber(cell.computed) });
    }
  }
  return out;
}

/**
 * After cells were edited (`before` → `after`), the edits that keep the stated totals current.
 * A total follows its cells when, before the edit, it matched its computed value, was blank, or
 * could not be computed and stated nothing: it takes the new computed value, or is cleared when
 * it can no longer be computed (a total over totals then does not add up a stale figure). A
 * total that stated something else (a figure the report states against its own cells) is left
 * as it is: replacing it is the user's decision ("用计算值替换所有合计").
 */
export function followingTotals(before: Report, after: Report, table: TableId): TotalEdit[] {
  const was = computedTotals(before, table);
  const followed = new Set<string>();
  for (const [key, cell] of was) {
    const follows =
      cell.status === 'match' ||
      cell.status === 'blank' ||
      (cell.status === 'incomplete' && cell.stated === '');
    const [, block, row, col] = key.split('|') as [TableId, string, string, string];
    const now = cellAt(after, table, block, row, col);
    // a total the edit itself wrote is the edit's to decide
    if (follows && (now.present ? now.raw.trim() : '') === cell.stated) followed.add(key);
  }
  const now = computedTotals(after, table, followed);
  const stated = computedTotals(after, table);
  const out: TotalEdit[] = [];
  for (const key of followed) {
    const cell = now.get(key)!;
    // a total that still matches keeps its own wording ("120件")
    if (cell.computed !== null && stated.get(key)!.status === 'match') {
      if (Math.abs(stated.get(key)!.computed! - cell.computed) < 1e-6) continue;
    }
    const value = cell.computed === null ? '' : formatNumber(cell.computed);
    if (value !== cell.stated && cell.present) out.push({ table, ...pick(cell), value });
  }
  return out;
}

function pick(cell: TotalCell): { block: string; row: string; col: string } {
  return { block: cell.block, row: cell.row, col: cell.col };
}
