/**
 * A county of three levels for the county office's tests (issue 15): 清河县人民政府 with 30
 * departments and 15 townships; three departments have two sub-units each (the third level).
 * Every unit's figures differ (balancedReport's `scale`), so that a sum that reads the wrong unit
 * or cell cannot pass by accident.
 *
 * Year 2025, as the office finds it in January:
 * - most members have a balanced report, about a third finalised (已定稿), the rest 待定稿;
 * - `DRAFT_WITH_ERRORS` hold a 草稿 with an error (a T3 cell that breaks its row's sum);
 * - `MISSING` have no 2025 report (MEMBER_MISSING);
 * - `OLD_FORMAT` filed its 2025 report in the 2019 table layout (not summable);
 * - every member also has a 2024 report (year-over-year comparison) that carries into its 2025
 *   report (结转, 现行有效件数), so a balanced member has neither errors nor warnings.
 *
 * `fillCounty` returns the ids and what it stored, so that a test can compute its own
 * independent sum from `figures` rather than trusting the code under test.
 */
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report, UnitKind } from '../../core/model';
import path from 'node:path';
import { Archive, type ArchiveOptions } from '../../db/archive';
import { balancedReport, numberAt, priorOf, setCell } from './reports';

export const COUNTY = '清河县人民政府';
export const YEAR = 2025;

const DEPARTMENT_NAMES = [
  '发展和改革局',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境分局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业局',
  '城市管理局',
  '行政审批局',
  '信访局',
  '数据资源管理局',
  '档案馆',
] as const;
const TOWNSHIP_NAMES = [
  '城关镇',
  '东关街道',
  '西关街道',
  '南寨镇',
  '北庄镇',
  '柳林镇',
  '桃园乡',
  '杏花乡',
  '王村镇',
  '李家庄镇',
  '河口镇',
  '石门乡',
  '青山镇',
  '白马乡',
  '新集镇',
] as const;
/** Departments with two sub-units each (the third level). */
const SUB_UNITS: Readonly<Record<string, readonly string[]>> = {
  公安局: ['公安局交通管理大队', '公安局出入境管理大队'],
  自然资源局: ['自然资源局城关自然资源所', '不动产登记中心'],
  卫生健康委员会: ['疾病预防控制中心', '人民医院'],
};

export const DRAFT_WITH_ERRORS = ['清河县民政局', '柳林镇', '不动产登记中心'] as const;
export const MISSING = ['清河县档案馆', '白马乡', '人民医院'] as const;
export const OLD_FORMAT = ['清河县统计局'] as const;

export interface CountyUnit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  /** null for the county itself. */
  readonly parentId: string | null;
  /** The `scale` of its figures (1 for the county's own office report). */
  readonly scale: number;
}

export interface County {
  readonly county: CountyUnit;
  /** Every unit below the county (departments, townships, sub-units), in creation order. */
  readonly members: readonly CountyUnit[];
  readonly byName: ReadonlyMap<string, CountyUnit>;
  /** The 2025 report stored for each unit id (absent: no report). */
  readonly reports2025: ReadonlyMap<string, Report>;
}

/** Numbers are counts except 万元 cells; a whole `scale` keeps both exact. */
function scaleOf(index: number): number {
  return (index % 9) + 2;
}

/** Breaks T3 row 予以公开's 总计 (an ARITH error) so that the report is a 草稿 with an error. */
function withError(report: Report): Report {
  const total = numberAt(report, '三', T3_BLOCK_ID, 'granted', 'total');
  setCell(report, '三', T3_BLOCK_ID, 'granted', 'total', String((total ?? 0) + 7));
  return report;
}

/**
 * Creates the unit's report for the year and saves `report` (given the unit's id) as its first
 * revision; returns what was stored.
 */
export function storeReport(
  a: Archive,
  unitId: string,
  year: number,
  report: Report,
  author: string,
): Report {
  const stored = { ...report, unit: { ...report.unit, id: unitId } };
  a.createReport({ unitId, year, author });
  a.saveReport({ unitId, year, report: stored, reason: 'save', author });
  return stored;
}

/** Fills an open, empty archive with the county; returns what it stored. */
export function fillCounty(a: Archive, options: { finaliseEvery?: number } = {}): County {
  const author = '县政务公开办';
  const finaliseEvery = options.finaliseEvery ?? 3;
  const created: CountyUnit[] = [];
  const add = (name: string, kind: UnitKind, parentId: string | null, scale: number) => {
    const info = a.createUnit({ name, kind, parentId });
    const unit: CountyUnit = { id: info.id, name, kind, parentId, scale };
    created.push(unit);
    return unit;
  };

  const county = add(COUNTY, '政府', null, 1);
  let index = 0;
  for (const short of DEPARTMENT_NAMES) {
    const dept = add(`清河县${short}`, '部门', county.id, scaleOf(index++));
    for (const sub of SUB_UNITS[short] ?? []) add(sub, '部门', dept.id, scaleOf(index++));
  }
  for (const name of TOWNSHIP_NAMES) add(name, '乡镇街道', county.id, scaleOf(index++));

  const reports2025 = new Map<string, Report>();
  const members = created.filter((u) => u.parentId !== null);
  members.forEach((unit, i) => {
    const build = (year: number, layout?: '2019') =>
      balancedReport(year, { unitName: unit.name, kind: unit.kind, scale: unit.scale, layout });
    const missing = (MISSING as readonly string[]).includes(unit.name);
    let report = build(
      YEAR,
      (OLD_FORMAT as readonly string[]).includes(unit.name) ? '2019' : undefined,
    );
    // last year's report carries into this year's (上年结转, 现行有效件数): no cross-year warnings
    const prior = missing ? build(YEAR - 1) : priorOf(build(YEAR), unit.scale);
    storeReport(a, unit.id, YEAR - 1, prior, author);
    if (missing) return;
    if ((DRAFT_WITH_ERRORS as readonly string[]).includes(unit.name)) report = withError(report);
    reports2025.set(unit.id, storeReport(a, unit.id, YEAR, report, author));
    const clean =
      !(DRAFT_WITH_ERRORS as readonly string[]).includes(unit.name) &&
      !(OLD_FORMAT as readonly string[]).includes(unit.name);
    if (clean && i % finaliseEvery === 0)
      a.storeFinalisation({ unitId: unit.id, year: YEAR, by: author });
  });

  return {
    county,
    members,
    byName: new Map(created.map((u) => [u.name, u])),
    reports2025,
  };
}

/**
 * A new archive file `archive.sqlite` in `dir` holding the county, closed again (for a test that
 * starts the bridge or the CLI on it).
 */
export async function writeCountyArchive(
  dir: string,
  options: ArchiveOptions = {},
): Promise<{ file: string; county: County }> {
  const file = path.join(dir, 'archive.sqlite');
  const a = await Archive.open(file, options);
  try {
    return { file, county: fillCounty(a) };
  } finally {
    a.close();
  }
}
