/**
 * The 汇总表's members × figures sheet (issue 15 item 5): one row per member unit — its state,
 * open errors and warnings, the T3/T4 totals and the key T2 figures — and a 合计 row (the sums of
 * the counted members). The .xlsx export (electron/services/xlsx) and the CLI's CSV both write
 * this; the aggregate tables in official layout come from core/table-layout.
 */
import { cellKey, FORMATS, type TableId } from '../formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../formats/common';
import { MEMBER_STATE_TEXT, type Aggregation } from './index';

export interface SheetFigure {
  readonly key: string;
  /** The column's heading in the sheet. */
  readonly label: string;
  readonly money: boolean;
}

const t3 = (row: string, label: string) => ({
  key: cellKey('三', T3_BLOCK_ID, row, 'total'),
  label,
});
const t4 = (block: string, label: string) => ({
  key: cellKey('四', block, T4_ROW_ID, 'total'),
  label,
});
const t2 = (block: string, row: string, col: string, label: string) => ({
  key: cellKey('二', block, row, col),
  label,
});

/** The figures of the sheet, in order; those the format lacks are left out. */
const FIGURES = [
  t3('new', '表三 本年新收申请'),
  t3('carried', '表三 上年结转申请'),
  t3('granted', '表三 予以公开'),
  t3('total', '表三 办理结果总计'),
  t3('carryNext', '表三 结转下年度'),
  t4('review', '表四 行政复议总计'),
  t4('suitDirect', '表四 未经复议直接起诉总计'),
  t4('suitAfter', '表四 复议后起诉总计'),
  t2('art20_1', 'rules', 'issued', '表二 规章本年制发'),
  t2('art20_1', 'rules', 'effective', '表二 规章现行有效'),
  t2('art20_1', 'normative', 'issued', '表二 规范性文件本年制发'),
  t2('art20_1', 'normative', 'effective', '表二 规范性文件现行有效'),
  t2('art20_5', 'licensing', 'decisions', '表二 行政许可'),
  t2('art20_6', 'penalty', 'decisions', '表二 行政处罚'),
  t2('art20_6', 'enforcement', 'decisions', '表二 行政强制'),
  t2('art20_8', 'fees', 'fees', '表二 行政事业性收费（万元）'),
] as const;

export function sheetFigures(agg: Aggregation): SheetFigure[] {
  const keys = new Set(agg.cells.map((c) => c.key));
  return FIGURES.filter((f) => keys.has(f.key)).map((f) => {
    const [table, block, , col] = f.key.split('|') as [TableId, string, string, string];
    const column = FORMATS[agg.format].tables[table].blocks
      .find((b) => b.id === block)
      ?.columns.find((c) => c.id === col);
    return { ...f, money: column?.kind === 'money' };
  });
}

export const SHEET_HEAD = ['序号', '单位', '报告状态', '汇总情况', '错误', '警告'] as const;

export interface MemberSheet {
  readonly header: readonly string[];
  /** One row per member: the head columns, then each figure (a number, or its text). */
  readonly rows: readonly (readonly (string | number)[])[];
  /** 合计: the counted members' sums ('' where none states a number). */
  readonly total: readonly (string | number)[];
  readonly figures: readonly SheetFigure[];
}

export function memberSheet(agg: Aggregation): MemberSheet {
  const figures = sheetFigures(agg);
  const cells = new Map(agg.cells.map((c) => [c.key, c]));
  const position = new Map(agg.counted.map((id, i) => [id, i]));
  const rows = agg.members.map((m, n) => {
    const i = position.get(m.unitId);
    const values = figures.map((f) => (i === undefined ? '' : (cells.get(f.key)?.values[i] ?? '')));
    const state =
      m.state === 'format'
        ? `${MEMBER_STATE_TEXT.format}（${m.format}年版）`
        : MEMBER_STATE_TEXT[m.state];
    return [n + 1, m.name, m.status ?? '', state, m.errors, m.warnings, ...values];
  });
  const total = [
    '',
    `合计（${agg.counted.length} 个单位）`,
    '',
    '',
    '',
    '',
    ...figures.map((f) => cells.get(f.key)?.sum ?? ''),
  ];
  return { header: [...SHEET_HEAD, ...figures.map((f) => f.label)], rows, total, figures };
}
