/**
 * The aggregation screen's and the editor's view of a 汇总 (DOM-free, tested in Node): a cell's
 * breakdown (which unit contributed what, largest first, with the units not counted), the
 * member choice (the parent's subtree as a tree of checkboxes; a unit is not offered while a
 * unit above it is chosen: it would count twice) and the status lines.
 */
import type { AggregateResult } from '../../core/api';
import { MEMBER_STATE_TEXT, type Aggregation, type TreeUnit } from '../../core/aggregate';
import { formatNumber } from '../../core/cells';
import { cellIndex } from '../../core/formats';
import { describeCell } from '../../core/checks/values';

export interface BreakdownRow {
  readonly unitId: string;
  readonly name: string;
  /** The figure, or the cell's text when it is not a number ('' blank). */
  readonly value: number | string;
  readonly text: string;
  /** Share of the sum in per cent (numbers only; null when the sum is 0). */
  readonly share: number | null;
  readonly counted: boolean;
}

export interface CellBreakdown {
  readonly key: string;
  /** The cell named for a heading: 表三“…”行“自然人”列. */
  readonly name: string;
  readonly sum: number | null;
  readonly sumText: string;
  readonly rows: readonly BreakdownRow[];
  /** Members whose cell is not a number (blank, 不适用, invalid): not in the sum. */
  readonly uncounted: number;
  /** Members not summed at all (no report, other format). */
  readonly excluded: readonly { name: string; reason: string }[];
}

/** The breakdown of one cell of an aggregation (null: the cell is not in its format). */
export function cellBreakdown(agg: Aggregation, key: string): CellBreakdown | null {
  const cell = agg.cells.find((c) => c.key === key);
  const def = cellIndex(agg.format).get(key);
  if (!cell || !def) return null;
  const names = new Map(agg.members.map((m) => [m.unitId, m.name]));
  const rows: BreakdownRow[] = agg.counted.map((unitId, i) => {
    const value = cell.values[i] ?? '';
    const counted = typeof value === 'number';
    return {
      unitId,
      name: names.get(unitId) ?? unitId,
      value,
      text: counted ? formatNumber(value) : value === '' ? '空' : value,
      share: counted && cell.sum ? Math.round((value / cell.sum) * 1000) / 10 : null,
      counted,
    };
  });
  rows.sort((a, b) =>
    a.counted && b.counted
      ? (b.value as number) - (a.value as number)
      : a.counted === b.counted
        ? 0
        : a.counted
          ? -1
          : 1,
  );
  return {
    key,
    name: describeCell({ table: cell.table, block: def.block, row: def.row, column: def.column }),
    sum: cell.sum,
    sumText: cell.sum === null ? '无数字' : formatNumber(cell.sum),
    rows,
    uncounted: rows.filter((r) => !r.counted).length,
    excluded: agg.members
      .filter((m) => m.state !== 'counted')
      .map((m) => ({
        name: m.name,
        reason: m.state === 'format' ? `${m.format}年版格式` : MEMBER_STATE_TEXT[m.state],
      })),
  };
}

/** The status line of an aggregation: how many summed, which not and why. */
export function aggregationSummary(agg: Aggregation): string {
  const out = agg.members.filter((m) => m.state !== 'counted');
  const head = `共 ${agg.members.length} 个单位，已汇总 ${agg.counted.length} 个`;
  if (out.length === 0) return `${head}。`;
  const list = out
    .map(
      (m) =>
        `${m.name}（${m.state === 'format' ? `${m.format}年版格式` : MEMBER_STATE_TEXT[m.state]}）`,
    )
    .join('、');
  return `${head}；未汇总 ${out.length} 个：${list}。`;
}

/** What applying would do to the parent's report, in one sentence. */
export function targetSummary(result: AggregateResult): string {
  const r = result.report;
  if (!r) return `${result.unit.name}还没有${result.year}年度报告：写入时新建。`;
  if (r.locked && r.status === '已发布（存档）') {
    return `本级报告已标记为已发布（存档），取消标记后才能写入汇总。`;
  }
  if (r.locked) return `本级报告已定稿（第 ${r.revision} 版），重新打开后才能写入汇总。`;
  const when = r.aggregated
    ? `上次汇总：${r.aggregated.at.slice(0, 16).replace('T', ' ')}${r.aggregated.by ? `（${r.aggregated.by}）` : ''}。`
    : '尚未汇总。';
  const change = r.changes === 0 ? '表中数字已是汇总结果。' : `写入将更新 ${r.changes} 个单元格。`;
  const mismatch = r.mismatches > 0 ? `有 ${r.mismatches} 处与各单位之和不符。` : '';
  return `本级报告第 ${r.revision} 版（${r.status}）。${when}${mismatch}${change}`;
}

export interface MemberOption {
  readonly unit: TreeUnit;
  /** Depth below the parent (0: a direct child). */
  readonly depth: number;
  readonly checked: boolean;
  /** A unit above it is chosen: it cannot be chosen too. */
  readonly covered: boolean;
}

/** The parent's subtree in tree order, with the current choice. */
export function memberOptions(
  units: readonly TreeUnit[],
  parentId: string,
  chosen: ReadonlySet<string>,
): MemberOption[] {
  const children = new Map<string, TreeUnit[]>();
  for (const u of units) {
    if (!u.parentId || u.mergedInto) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const out: MemberOption[] = [];
  const walk = (id: string, depth: number, covered: boolean, seen: Set<string>) => {
    for (const u of children.get(id) ?? []) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      const checked = chosen.has(u.id);
      out.push({ unit: u, depth, checked, covered });
      walk(u.id, depth + 1, covered || checked, seen);
    }
  };
  walk(parentId, 0, false, new Set([parentId]));
  return out;
}

/** The choice after ticking or unticking a unit: choosing a unit drops the units below it. */
export function toggleMember(
  options: readonly MemberOption[],
  unitId: string,
  on: boolean,
): string[] {
  const chosen = new Set(options.filter((o) => o.checked).map((o) => o.unit.id));
  if (!on) {
    chosen.delete(unitId);
    return options.filter((o) => chosen.has(o.unit.id)).map((o) => o.unit.id);
  }
  chosen.add(unitId);
  // the units below it: those after it in tree order with a greater depth
  const i = options.findIndex((o) => o.unit.id === unitId);
  const depth = options[i]?.depth ?? 0;
  for (let j = i + 1; j < options.length && options[j]!.depth > depth; j++) {
    chosen.delete(options[j]!.unit.id);
  }
  return options.filter((o) => chosen.has(o.unit.id)).map((o) => o.unit.id);
}

/**
 * The unit that carries the parent's own office figures as a member ("<上级>（本级）"): the
 * parent's child of that name, or null when there is none yet (the screen offers to create it).
 */
export function selfUnitName(parentName: string): string {
  return `${parentName}（本级）`;
}

export function findSelfUnit<U extends TreeUnit>(units: readonly U[], parentId: string): U | null {
  const parent = units.find((u) => u.id === parentId);
  if (!parent) return null;
  const name = selfUnitName(parent.name);
  return units.find((u) => u.parentId === parentId && !u.mergedInto && u.name === name) ?? null;
}
