/**
 * Every finding code the engine can produce, with its severity and a short Chinese title.
 * Codes are a public contract (GUI, CLI --json, tests): add freely, never rename.
 */
import type { Severity } from '../formats';

export interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
}

export const CODES = {
  SECTION_MISSING: { severity: 'error', title: '缺少部分' },
  SECTION_EMPTY: { severity: 'warning', title: '部分内容为空' },
  TABLE_INCOMPLETE: { severity: 'error', title: '表格不完整' },
  CELL_BLANK: { severity: 'error', title: '单元格未填' },
  CELL_NA: { severity: 'warning', title: '单元格填“不适用”' },
  VALUE_INVALID: { severity: 'error', title: '数值无效' },
  FORMAT_MISMATCH: { severity: 'error', title: '格式版本与年度不符' },
  UNIT_MISSING: { severity: 'error', title: '未写明单位' },
  TITLE_MISMATCH: { severity: 'warning', title: '标题不规范' },
  BASIS_CITATION: { severity: 'warning', title: '格式文号引用有误' },
  GOV_ASSESSMENT_MISSING: { severity: 'warning', title: '未报告考核、评议、责任追究' },
  T3_BALANCE: { severity: 'error', title: '表三勾稽关系不平' },
  T3_RESULT_TOTAL: { severity: 'error', title: '表三办理结果总计不符' },
  T3_ROW_TOTAL: { severity: 'error', title: '表三行总计不符' },
  T4_TOTAL: { severity: 'error', title: '表四总计不符' },
  CARRY_OVER_MISMATCH: { severity: 'warning', title: '上年结转与上年报告不符' },
  STOCK_DRIFT: { severity: 'warning', title: '现行有效件数与上年不衔接' },
  ITEM_COUNT_DRIFT: { severity: 'warning', title: '项目数量与上年不衔接' },
  TEXT_COPIED: { severity: 'warning', title: '正文与上年高度相同' },
  YEAR_REVIEW: { severity: 'warning', title: '沿用上年的年份待确认' },
  TEXT_TABLE_MISMATCH: { severity: 'warning', title: '正文数字与表格不符' },
  STALE_YEAR: { severity: 'warning', title: '年份疑似未更新' },
  FEE_NOT_REPORTED: { severity: 'warning', title: '未说明信息处理费' },
  DATE_MISSING: { severity: 'warning', title: '缺少成文日期' },
  DATE_OUT_OF_RANGE: { severity: 'error', title: '成文日期不合理' },
  DATE_LATE: { severity: 'warning', title: '成文日期晚于期限' },
  AGGREGATE_MISMATCH: { severity: 'warning', title: '汇总数与各单位之和不符' },
  MEMBER_MISSING: { severity: 'warning', title: '下属单位缺报' },
  // Added by this product (checks.md: "Add codes freely").
  LABEL_UNCLEAR: { severity: 'warning', title: '行标签残缺' },
  ROW_UNRECOGNISED: { severity: 'warning', title: '表格中有无法识别的行' },
  HEADING_MISSING: { severity: 'warning', title: '缺少部分标题' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
