/**
 * A unit's trends across every archived year: the figures a reviewer follows (new
 * applications, carried over, the shares granted and denied, 结转下年, 复议 and 诉讼 with their
 * 纠正 counts, T2's 规范性文件, 行政许可, 行政处罚, fees) as data. A text-only year (before 2019)
 * is present without figures; a year without a report is a gap; a measure one format lacks is
 * absent for that year, never taken from another column.
 */
import { parseCell } from '../cells';
import { cellIndex, cellKey, type FormatVersion, type TableId } from '../formats';
import { cellAt, type Report } from '../model';
import type { TrendPoint, TrendSeries, TrendYear, UnitTrends } from './types';

export type TrendSource =
  | { readonly year: number; readonly report: Report }
  | { readonly year: number; readonly legacy: true; readonly unit: string };

type Ref = readonly [TableId, string, string, string];

/** The value of a cell (money in 万元); null when blank, absent or invalid. */
function num(r: Report, [table, block, row, col]: Ref): number | null {
  const def = cellIndex(r.format).get(cellKey(table, block, row, col));
  if (!def) return null;
  const cell = cellAt(r, table, block, row, col);
  if (!cell.present) return null;
  const v = parseCell(cell.raw, def.column, table);
  if (v.state !== 'number') return null;
  return v.measure === '元' ? v.value / 10000 : v.value;
}

/** A sum of cells: null when every one is blank. */
function sum(r: Report, refs: readonly Ref[]): number | null {
  const vs = refs.map((x) => num(r, x)).filter((v): v is number => v !== null);
  return vs.length ? vs.reduce((s, v) => s + v, 0) : null;
}

function share(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Number(((part / whole) * 100).toFixed(1));
}

const T3 = (row: string, col = 'total'): Ref => ['三', 't3', row, col];
const T4 = (block: string, col: string): Ref => ['四', block, 'case', col];
const DENIED = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => T3(`denied${i}`));
const SUITS = ['suitDirect', 'suitAfter'];

export interface TrendDef {
  readonly id: string;
  readonly label: string;
  readonly measure: TrendSeries['measure'];
  /** The formats that have the measure (all by default). */
  readonly formats?: readonly FormatVersion[];
  readonly value: (r: Report) => number | null;
}

export const TREND_SERIES: readonly TrendDef[] = [
  { id: 'new', label: '本年新收申请', measure: '件', value: (r) => num(r, T3('new')) },
  { id: 'carried', label: '上年结转申请', measure: '件', value: (r) => num(r, T3('carried')) },
  {
    id: 'grantedShare',
    label: '予以公开占办理结果',
    measure: '%',
    value: (r) => share(num(r, T3('granted')), num(r, T3('total'))),
  },
  {
    id: 'deniedShare',
    label: '不予公开占办理结果',
    measure: '%',
    value: (r) => share(sum(r, DENIED), num(r, T3('total'))),
  },
  { id: 'carryNext', label: '结转下年度', measure: '件', value: (r) => num(r, T3('carryNext')) },
  { id: 'review', label: '行政复议', measure: '件', value: (r) => num(r, T4('review', 'total')) },
  {
    id: 'reviewCorrected',
    label: '行政复议结果纠正',
    measure: '件',
    value: (r) => num(r, T4('review', 'corrected')),
  },
  {
    id: 'suits',
    label: '行政诉讼',
    measure: '件',
    value: (r) =>
      sum(
        r,
        SUITS.map((b) => T4(b, 'total')),
      ),
  },
  {
    id: 'suitsCorrected',
    label: '行政诉讼结果纠正',
    measure: '件',
    value: (r) =>
      sum(
        r,
        SUITS.map((b) => T4(b, 'corrected')),
      ),
  },
  {
    id: 'normativeIssued',
    label: '行政规范性文件本年制发',
    measure: '件',
    formats: ['2021'],
    value: (r) => num(r, ['二', 'art20_1', 'normative', 'issued']),
  },
  {
    id: 'normativeEffective',
    label: '行政规范性文件现行有效',
    measure: '件',
    formats: ['2021'],
    value: (r) => num(r, ['二', 'art20_1', 'normative', 'effective']),
  },
  {
    id: 'licensing',
    label: '行政许可处理决定',
    measure: '件',
    value: (r) => num(r, ['二', 'art20_5', 'licensing', 'decisions']),
  },
  {
    id: 'penalty',
    label: '行政处罚处理决定',
    measure: '件',
    value: (r) => num(r, ['二', 'art20_6', 'penalty', 'decisions']),
  },
  {
    id: 'fees',
    label: '行政事业性收费',
    measure: '万元',
    formats: ['2021'],
    value: (r) => num(r, ['二', 'art20_8', 'fees', 'fees']),
  },
];

/**
 * The trends of one unit from its reports (any order; one per year). Years run from the first
 * to the last report, the years between without a report included as missing.
 */
export function unitTrends(
  unit: { readonly id: string; readonly name: string },
  sources: readonly TrendSource[],
): UnitTrends {
  const byYear = new Map(sources.map((s) => [s.year, s]));
  const known = [...byYear.keys()].sort((x, y) => x - y);
  const years: TrendYear[] = [];
  if (known.length) {
    for (let y = known[0]!; y <= known.at(-1)!; y++) {
      const s = byYear.get(y);
      years.push(
        !s
          ? { year: y, kind: 'missing', format: null, unit: null }
          : 'report' in s
            ? { year: y, kind: 'structured', format: s.report.format, unit: s.report.unit.name }
            : { year: y, kind: 'legacy', format: null, unit: s.unit },
      );
    }
  }
  const series: TrendSeries[] = TREND_SERIES.map((def) => ({
    id: def.id,
    label: def.label,
    measure: def.measure,
    points: years.map((y): TrendPoint => {
      const s = byYear.get(y.year);
      if (!s) return { year: y.year, value: null, note: '无报告' };
      if (!('report' in s)) return { year: y.year, value: null, note: '旧格式（仅文字）' };
      if (def.formats && !def.formats.includes(s.report.format)) {
        return { year: y.year, value: null, note: `${s.report.format}年版无此项` };
      }
      const value = def.value(s.report);
      return value === null ? { year: y.year, value, note: '未填写' } : { year: y.year, value };
    }),
  }));
  return { unitId: unit.id, unit: unit.name, years, series };
}
