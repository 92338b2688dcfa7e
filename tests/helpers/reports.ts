/**
 * Builders of complete, correct, balanced reports for the checks tests. Every table cell is
 * filled, and (where the arithmetic allows) every cell holds a different value, so that a check
 * reading the wrong row, column or block cannot pass by accident. The narrative states figures
 * that agree with the tables, cites the right 文号, and is signed in January of the next year.
 *
 * Tests mutate copies: `balancedReport()` returns a fresh object every call.
 */
import { parseCell } from '../../core/cells';
import { runChecks, type CheckOptions, type Finding } from '../../core/checks';
import { FORMATS, cellsOf, formatForYear, type TableId } from '../../core/formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import {
  blankReport,
  officialTitle,
  unitIdFor,
  type Paragraph,
  type Report,
  type UnitKind,
} from '../../core/model';

export const DEPARTMENT = '清河县市场监督管理局';
export const GOVERNMENT = '清河县人民政府';

const APPLICANTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'] as const;

/** T3 rows of 三、本年度办理结果 that are summed into （七）总计, per format. */
export function resultRows(format: '2019' | '2021'): string[] {
  const other = format === '2021' ? ['other1', 'other2', 'other3'] : ['other'];
  return [
    'granted',
    'partial',
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `denied${i}`),
    ...[1, 2, 3].map((i) => `unavailable${i}`),
    ...[1, 2, 3, 4, 5].map((i) => `unprocessed${i}`),
    ...other,
  ];
}

/** Row 二 (上年结转) of the current report and row 四 (结转下年度) — per applicant column. */
export const CARRIED = [52, 54, 56, 58, 60, 62] as const;
export const CARRY_NEXT = [64, 66, 68, 70, 72, 74] as const;
/** Row 二 of a prior year's report built by `priorOf`. */
export const PRIOR_CARRIED = [40, 42, 44, 46, 48, 50] as const;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * T3 values: result cells are distinct odd numbers 101…; row totals are even (636 + 72r);
 * column totals and row 一 are computed so that every equation of checks.md holds.
 */
export function t3Values(
  format: '2019' | '2021',
  carried: readonly number[] = CARRIED,
  carryNext: readonly number[] = CARRY_NEXT,
): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  const results = resultRows(format);
  results.forEach((row, r) => {
    rows[row] = APPLICANTS.map((_, c) => 101 + 2 * (6 * r + c));
  });
  const columnTotals = APPLICANTS.map((_, c) => sum(results.map((row) => rows[row]![c]!)));
  rows['total'] = columnTotals;
  rows['carried'] = [...carried];
  rows['carryNext'] = [...carryNext];
  rows['new'] = APPLICANTS.map((_, c) => columnTotals[c]! + carryNext[c]! - carried[c]!);
  for (const values of Object.values(rows)) values.push(sum(values));
  return rows;
}

/** T4: three blocks of 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计. */
export const T4_VALUES: Readonly<Record<string, readonly number[]>> = {
  review: [3, 1, 2, 5, 11],
  suitDirect: [4, 6, 7, 8, 25],
  suitAfter: [9, 10, 12, 22, 53],
};

/** T2 of each format: block → row → column → cell text. */
export const T2_VALUES: Readonly<
  Record<'2019' | '2021', Record<string, Record<string, Record<string, string>>>>
> = {
  '2021': {
    art20_1: {
      rules: { issued: '13', repealed: '14', effective: '15' },
      normative: { issued: '18', repealed: '19', effective: '97' },
    },
    art20_5: { licensing: { decisions: '356' } },
    art20_6: { penalty: { decisions: '89' }, enforcement: { decisions: '21' } },
    art20_8: { fees: { fees: '4068.208' } },
  },
  '2019': {
    art20_1: {
      rules: { created: '13', published: '14', publicTotal: '15' },
      normative: { created: '18', published: '17', publicTotal: '97' },
    },
    art20_5: {
      licensing: { priorItems: '79', delta: '增 69', decisions: '11983' },
      otherServices: { priorItems: '16', delta: '减 24', decisions: '13980' },
    },
    art20_6: {
      penalty: { priorItems: '27', delta: '+26', decisions: '31' },
      enforcement: { priorItems: '28', delta: '-8', decisions: '29' },
    },
    art20_8: { fees: { priorItems: '30', delta: '0' } },
    art20_9: { procurement: { items: '35', amount: '251000元' } },
  },
};

/** The figures the narrative states; they agree with the tables. */
interface Figures {
  readonly year: number;
  readonly unit: string;
  readonly received: number;
  readonly carried: number;
  readonly handled: number;
  readonly granted: number;
  readonly carryNext: number;
  readonly reviews: number;
  readonly lawsuits: number;
  readonly normative: number;
}

const p = (text: string, level = 0): Paragraph => ({ level, text });

/** Two wordings, so that consecutive years do not read as copied (TEXT_COPIED). */
function narrativeA(f: Figures): Record<'一' | '五' | '六', Paragraph[]> {
  return {
    一: [
      p('（一）主动公开', 2),
      p(
        `${f.year}年，本机关坚持以公开为常态、不公开为例外，通过门户网站、政务新媒体等渠道主动公开政府信息3127条。全年印发行政规范性文件${f.normative}件，均按规定在门户网站集中公开并同步发布政策解读。`,
      ),
      p('（二）依申请公开', 2),
      p(
        `全年共收到政府信息公开申请${f.received}件，上年结转${f.carried}件；办结${f.handled}件，予以公开${f.granted}件，结转下年度继续办理${f.carryNext}件。`,
      ),
      p(
        `本年度因政府信息公开被申请行政复议${f.reviews}件、提起行政诉讼${f.lawsuits}件，均已依法应诉答复。`,
      ),
      p('（三）政府信息管理', 2),
      p('严格执行公开属性源头认定制度，对拟公开的政府信息逐件进行保密审查，全年清理失效文件46件。'),
      p('（四）平台建设', 2),
      p('优化政府信息公开专栏栏目设置，完善检索和智能问答功能，政务新媒体账号实行统一管理。'),
      p('（五）监督保障', 2),
      p('将政府信息公开工作纳入年度绩效考核，邀请群众代表开展社会评议，本年度未发生责任追究情况。'),
    ],
    五: [
      p(
        '本年度政府信息公开工作仍存在一些不足：一是政策解读形式较为单一，图解、视频解读数量偏少；二是基层工作人员业务能力有待提高。',
      ),
      p(
        `下一步，本机关将丰富解读形式，加强业务培训，${f.year + 1}年计划组织专题培训不少于4次，持续提升政府信息公开工作质量。`,
      ),
    ],
    六: [
      p('本年度未收取信息处理费。'),
      p('本机关共办理人大代表建议12件、政协提案9件，均已按时办结。'),
    ],
  };
}

function narrativeB(f: Figures): Record<'一' | '五' | '六', Paragraph[]> {
  return {
    一: [
      p(
        `${f.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作深化政务公开，各项工作有序推进。`,
      ),
      p('（一）主动公开情况', 2),
      p(
        `依托政府门户网站和“清河发布”微信公众号，及时发布机构职能、权责清单、财政预决算、重大项目建设等信息共2864条，制定行政规范性文件${f.normative}件并全部公开。`,
      ),
      p('（二）依申请公开情况', 2),
      p(
        `新收政府信息公开申请${f.received}件，另有上年结转${f.carried}件。已办理${f.handled}件，予以公开${f.granted}件；结转下一年度继续办理${f.carryNext}件。`,
      ),
      p(
        `全年发生政府信息公开相关的行政复议${f.reviews}件、行政诉讼${f.lawsuits}件，未发生被纠错情况。`,
      ),
      p('（三）政府信息管理情况', 2),
      p('建立健全政府信息公开审查机制，落实“三审三校”制度，动态更新政府信息公开指南和目录。'),
      p('（四）政府信息公开平台建设情况', 2),
      p('完成门户网站集约化改造，政府信息公开专栏实现与上级平台数据同步。'),
      p('（五）监督保障情况', 2),
      p(
        '成立政务公开工作领导小组，将政务公开纳入年度目标考核，聘请社会监督员开展评议，全年未发生因政府信息公开工作引起的责任追究。',
      ),
    ],
    五: [
      p(
        '一是主动公开的深度和广度还需拓展，部分领域信息更新不够及时；二是依申请公开答复的规范性有待加强。',
      ),
      p(
        '针对上述问题，本机关将建立信息更新台账，定期开展自查，并组织依申请公开业务培训，进一步规范答复文书。',
      ),
    ],
    六: [p('本年度未收取任何信息处理费。无其他需要报告的事项。')],
  };
}

function opening(year: number, unit: string): Paragraph[] {
  const format = FORMATS[formatForYear(year)!];
  return [
    p(
      `本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈${format.documentTitle}〉的通知》（${format.documentNumber}）要求编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项组成。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在清河县人民政府门户网站下载。如对本报告有疑问，请与${unit}办公室联系（地址：清河县人民路8号，电话：0533-1234567）。`,
    ),
  ];
}

export interface BuildOptions {
  readonly unitName?: string;
  readonly kind?: UnitKind | null;
  /** T3 row 二 and row 四 (per applicant column); the other rows follow. */
  readonly carried?: readonly number[];
  readonly carryNext?: readonly number[];
  /** Which wording the narrative uses; by default alternates with the year. */
  readonly wording?: 'A' | 'B';
  /**
   * The table layout, when it is not the one the year requires (a FORMAT_MISMATCH report);
   * title, 导语 (citing the year's format) and narrative still follow the year.
   */
  readonly layout?: '2019' | '2021';
  /**
   * Every figure of T2 (whole numbers and 万元), T3 and T4 multiplied by this whole number
   * (default 1): the equations are linear, so the report stays balanced and its narrative
   * states the scaled figures. Used to give each unit of a county different figures.
   */
  readonly scale?: number;
}

/** A T2 cell's text with its figure scaled ('13' → '39'; '增 69' and '251000元' kept). */
function scaledT2(raw: string, k: number): string {
  if (k === 1 || !/^\d+(\.\d+)?$/u.test(raw)) return raw;
  const decimals = raw.includes('.') ? raw.split('.')[1]!.length : 0;
  return (Number(raw) * k).toFixed(decimals);
}

/** A complete, correct, balanced report in the format its year requires. */
export function balancedReport(year = 2021, options: BuildOptions = {}): Report {
  const unitName = options.unitName ?? DEPARTMENT;
  const layoutYear = options.layout === undefined ? year : options.layout === '2019' ? 2020 : 2021;
  const report = blankReport(
    { id: unitIdFor(unitName), name: unitName, kind: options.kind ?? null },
    layoutYear,
  );
  report.year = year;
  report.title = officialTitle(unitName, year);
  const format = report.format;
  const k = options.scale ?? 1;

  for (const [block, rows] of Object.entries(T2_VALUES[format])) {
    for (const [row, cells] of Object.entries(rows)) {
      for (const [col, raw] of Object.entries(cells)) {
        setCell(report, '二', block, row, col, scaledT2(raw, k));
      }
    }
  }
  const t3 = Object.fromEntries(
    Object.entries(t3Values(format, options.carried, options.carryNext)).map(([row, values]) => [
      row,
      values.map((v) => v * k),
    ]),
  );
  const t4 = Object.fromEntries(
    Object.entries(T4_VALUES).map(([block, values]) => [block, values.map((v) => v * k)]),
  );
  const t3Columns = FORMATS[format].tables['三'].blocks[0]!.columns;
  for (const [row, values] of Object.entries(t3)) {
    t3Columns.forEach((c, i) => setCell(report, '三', T3_BLOCK_ID, row, c.id, String(values[i])));
  }
  const t4Columns = FORMATS[format].tables['四'].blocks[0]!.columns;
  for (const [block, values] of Object.entries(t4)) {
    t4Columns.forEach((c, i) => setCell(report, '四', block, T4_ROW_ID, c.id, String(values[i])));
  }

  const figures: Figures = {
    year,
    unit: unitName,
    received: t3['new']![6]!,
    carried: t3['carried']![6]!,
    handled: t3['total']![6]!,
    granted: t3['granted']![6]!,
    carryNext: t3['carryNext']![6]!,
    reviews: t4['review']![4]!,
    lawsuits: t4['suitDirect']![4]! + t4['suitAfter']![4]!,
    normative:
      k *
      Number(
        format === '2021'
          ? T2_VALUES['2021'].art20_1!.normative!.issued
          : T2_VALUES['2019'].art20_1!.normative!.created,
      ),
  };
  const wording = options.wording ?? (year % 2 === 1 ? 'A' : 'B');
  const text = wording === 'A' ? narrativeA(figures) : narrativeB(figures);
  report.opening = opening(year, unitName);
  for (const id of ['一', '五', '六'] as const) report.sections[id]!.paragraphs = text[id];
  report.signature = { unit: unitName, date: `${year + 1}年1月20日` };
  return report;
}

/**
 * Last year's report of the same unit (built with the same `scale` as `report`), consistent with
 * `report` across years: its row 四 is this
 * year's row 二; in the 2021 format 现行有效件数 carries over; in the 2019 format 上一年项目数量
 * carries over. The narrative uses the other wording.
 */
export function priorOf(report: Report, scale = 1): Report {
  const year = report.year - 1;
  // balancedReport multiplies every T3 figure by the scale: pass the unscaled carry-over
  const carried = APPLICANTS.map(
    (_, c) => numberAt(report, '三', T3_BLOCK_ID, 'carried', APPLICANTS[c]!) / scale,
  );
  const prior = balancedReport(year, {
    unitName: report.unit.name,
    kind: report.unit.kind,
    carried: PRIOR_CARRIED,
    carryNext: carried,
    scale,
  });
  if (prior.format === '2021' && report.format === '2021') {
    for (const row of ['rules', 'normative']) {
      const effective = numberAt(report, '二', 'art20_1', row, 'effective');
      const issued = numberAt(report, '二', 'art20_1', row, 'issued');
      const repealed = numberAt(report, '二', 'art20_1', row, 'repealed');
      setCell(prior, '二', 'art20_1', row, 'effective', String(effective - issued + repealed));
    }
  }
  if (prior.format === '2019' && report.format === '2019') {
    const deltas: Record<string, string> = {
      licensing: '增 5',
      otherServices: '-2',
      penalty: '+3',
      enforcement: '减 1',
      fees: '0',
    };
    for (const [block, rows] of [
      ['art20_5', ['licensing', 'otherServices']],
      ['art20_6', ['penalty', 'enforcement']],
      ['art20_8', ['fees']],
    ] as const) {
      for (const row of rows) {
        const delta = deltas[row]!;
        const value = numberAt(prior, '二', block, row, 'delta', delta);
        setCell(prior, '二', block, row, 'delta', delta);
        setCell(
          prior,
          '二',
          block,
          row,
          'priorItems',
          String(numberAt(report, '二', block, row, 'priorItems') - value),
        );
      }
    }
  }
  return prior;
}

/** A deep copy to mutate. */
export function clone(report: Report): Report {
  return structuredClone(report);
}

/** Sets a cell's text (the cell must exist in the report's layout). */
export function setCell(
  report: Report,
  table: TableId,
  block: string,
  row: string,
  col: string,
  raw: string,
): void {
  const cells = report.sections[table]?.table?.blocks[block]?.rows[row]?.cells;
  if (!cells || !(col in cells))
    throw new Error(`no cell ${table}/${block}/${row}/${col} in format ${report.format}`);
  cells[col] = raw;
}

export function rawAt(
  report: Report,
  table: TableId,
  block: string,
  row: string,
  col: string,
): string {
  const raw = report.sections[table]?.table?.blocks[block]?.rows[row]?.cells[col];
  if (raw === undefined) throw new Error(`no cell ${table}/${block}/${row}/${col}`);
  return raw;
}

/** The number a cell holds (or `raw` would hold), parsed as the checks read it. */
export function numberAt(
  report: Report,
  table: TableId,
  block: string,
  row: string,
  col: string,
  raw?: string,
): number {
  const def = FORMATS[report.format].tables[table].blocks
    .find((b) => b.id === block)
    ?.columns.find((c) => c.id === col);
  if (!def) throw new Error(`no column ${table}/${block}/${col}`);
  const value = parseCell(raw ?? rawAt(report, table, block, row, col), def, table);
  if (value.state !== 'number') throw new Error(`${table}/${block}/${row}/${col} is not a number`);
  return value.value;
}

/** Every number cell's value, in official order. */
export function allNumbers(report: Report): number[] {
  const out: number[] = [];
  for (const { table, block, row, column } of cellsOf(FORMATS[report.format])) {
    out.push(numberAt(report, table.id, block.id, row.id, column.id));
  }
  return out;
}

/** The findings with one code. */
export function only(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

export function codesOf(report: Report, options: CheckOptions = {}): string[] {
  return runChecks(report, options).map((f) => f.code);
}
