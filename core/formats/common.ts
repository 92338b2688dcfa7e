/** Parts that both official format versions share: sections, T3 (all but group （六）) and T4. */
import type {
  AssertionDef,
  BlockDef,
  ColumnDef,
  FormatDef,
  RowDef,
  SectionDef,
  SectionOutline,
  TableDef,
  TotalDef,
} from './types';

export const SECTIONS: readonly SectionDef[] = [
  {
    id: '一',
    heading: '一、总体情况',
    variants: [],
    keyTerms: ['总体情况', '总体', '基本情况', '概述'],
    kind: 'narrative',
  },
  {
    id: '二',
    heading: '二、主动公开政府信息情况',
    variants: [],
    keyTerms: ['主动公开'],
    kind: 'table',
    table: '二',
  },
  {
    id: '三',
    heading: '三、收到和处理政府信息公开申请情况',
    variants: ['三、依申请公开政府信息情况'],
    keyTerms: ['收到和处理', '依申请', '公开申请', '申请情况', '申请'],
    kind: 'table',
    table: '三',
  },
  {
    id: '四',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    variants: ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
    keyTerms: ['行政复议', '行政诉讼', '复议', '诉讼'],
    kind: 'table',
    table: '四',
  },
  {
    id: '五',
    heading: '五、存在的主要问题及改进情况',
    variants: ['五、政府信息公开工作存在的主要问题及改进情况'],
    keyTerms: ['问题', '改进'],
    kind: 'narrative',
  },
  {
    id: '六',
    heading: '六、其他需要报告的事项',
    variants: [],
    keyTerms: ['其他需要报告', '其他事项', '其他'],
    kind: 'narrative',
  },
];

/**
 * The customary sub-headings of 一 and 五 (report-format.md; the corpus: 上海市办公厅 2019,
 * 平潭 2023 — "（一）主动公开方面" … "（五）监督保障方面", "（一）主要问题", "（二）改进措施").
 * 工作考核、社会评议和责任追究 is reported by governments and townships (GOV_ASSESSMENT_MISSING).
 */
const OUTLINE_ONE: SectionOutline = {
  headings: [
    {
      level: 2,
      text: '（一）主动公开',
      hint: '本年度主动公开政府信息的情况：公开的数量和重点领域、政策解读、回应关切等。',
    },
    {
      level: 2,
      text: '（二）依申请公开',
      hint: '收到和办理政府信息公开申请的情况：数量、办理结果、答复时限、规范答复等。',
    },
    {
      level: 2,
      text: '（三）政府信息管理',
      hint: '政府信息的制作、保密审查、发布、更新，规范性文件的清理等管理工作。',
    },
    {
      level: 2,
      text: '（四）平台建设',
      hint: '政府网站、政务新媒体、政府信息公开专栏、查阅场所等公开平台的建设。',
    },
    {
      level: 2,
      text: '（五）监督保障',
      hint: '组织领导、制度建设、业务培训、监督检查等保障措施。',
    },
    {
      level: 2,
      text: '（六）工作考核、社会评议和责任追究结果',
      hint: '本年度政府信息公开工作考核、社会评议和责任追究的结果（《条例》第五十条）。',
      kinds: ['政府', '乡镇街道'],
    },
  ],
  hint: '本部分尚无内容，在此输入本年度政府信息公开工作的总体情况…',
};

const OUTLINE_FIVE: SectionOutline = {
  headings: [
    { level: 2, text: '（一）主要问题', hint: '本年度政府信息公开工作存在的主要问题。' },
    { level: 2, text: '（二）改进措施', hint: '针对上述问题的改进措施和下一年度的工作安排。' },
  ],
  hint: '本部分尚无内容，在此输入存在的主要问题及改进情况…',
};

export const OUTLINE_2019: FormatDef['outline'] = {
  一: OUTLINE_ONE,
  五: OUTLINE_FIVE,
  六: { headings: [], hint: '其他需要报告的事项；没有的写“无”。' },
};

export const OUTLINE_2021: FormatDef['outline'] = {
  一: OUTLINE_ONE,
  五: OUTLINE_FIVE,
  六: {
    headings: [],
    hint: '说明本年度信息处理费的收取情况（未收取也应写明，如“本年度未收取信息处理费。”）及其他需要报告的事项…',
  },
};

export const T2_ROW_HEADER = '信息内容';
export const T3_COLUMNS_HEADER = '申请人情况';

export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

const count = (id: string, label: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  id,
  label,
  kind: 'count',
  measure: '件',
  ...extra,
});

const APPLICANT_ORG = '法人或其他组织';
export const T3_COLUMNS: readonly ColumnDef[] = [
  count('natural', '自然人'),
  count('business', '商业企业', { group: APPLICANT_ORG }),
  count('research', '科研机构', { group: APPLICANT_ORG }),
  count('nonprofit', '社会公益组织', { group: APPLICANT_ORG, aliases: ['社会组织'] }),
  count('legal', '法律服务机构', { group: APPLICANT_ORG }),
  count('otherOrg', '其他', { group: APPLICANT_ORG }),
  count('total', '总计'),
];

export const T3_GROUP_RESULTS = '三、本年度办理结果';
export const T3_GROUP_DENIED = '（三）不予公开';
export const T3_GROUP_UNAVAILABLE = '（四）无法提供';
export const T3_GROUP_UNPROCESSED = '（五）不予处理';
export const T3_GROUP_OTHER = '（六）其他处理';

const row = (
  id: string,
  label: string,
  key: string,
  group?: string,
  aliases?: string[],
): RowDef => ({
  id,
  label,
  key,
  ...(group ? { group } : {}),
  ...(aliases ? { aliases } : {}),
});

/** Numbered rows "1.属于国家秘密" of a group; the key is the label without its ordinal. */
const numbered = (prefix: string, group: string, keys: readonly string[]): RowDef[] =>
  keys.map((key, i) => row(`${prefix}${i + 1}`, `${i + 1}.${key}`, key, group));

export const T3_ROWS_BEFORE_OTHER: readonly RowDef[] = [
  row('new', '一、本年新收政府信息公开申请数量', '本年新收政府信息公开申请数量'),
  row('carried', '二、上年结转政府信息公开申请数量', '上年结转政府信息公开申请数量'),
  row('granted', '（一）予以公开', '予以公开', T3_GROUP_RESULTS),
  row(
    'partial',
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    '部分公开',
    T3_GROUP_RESULTS,
  ),
  ...numbered('denied', T3_GROUP_DENIED, [
    '属于国家秘密',
    '其他法律行政法规禁止公开',
    '危及“三安全一稳定”',
    '保护第三方合法权益',
    '属于三类内部事务信息',
    '属于四类过程性信息',
    '属于行政执法案卷',
    '属于行政查询事项',
  ]),
  ...numbered('unavailable', T3_GROUP_UNAVAILABLE, [
    '本机关不掌握相关政府信息',
    '没有现成信息需要另行制作',
    '补正后申请内容仍不明确',
  ]),
  ...numbered('unprocessed', T3_GROUP_UNPROCESSED, [
    '信访举报投诉类申请',
    '重复申请',
    '要求提供公开出版物',
    '无正当理由大量反复申请',
    '要求行政机关确认或重新出具已获取信息',
  ]),
];

/** 2019: group （六） is one data row. */
export const T3_OTHER_2019: readonly RowDef[] = [
  row('other', '（六）其他处理', '其他处理', T3_GROUP_RESULTS),
];

/** 2021: group （六） has three rows. */
export const T3_OTHER_2021: readonly RowDef[] = numbered('other', T3_GROUP_OTHER, [
  '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '其他',
]);

export const T3_ROWS_AFTER_OTHER: readonly RowDef[] = [
  row('total', '（七）总计', '总计', T3_GROUP_RESULTS),
  row('carryNext', '四、结转下年度继续办理', '结转下年度继续办理'),
];

export const T3_BLOCK_ID = 't3';

export function t3Table(otherRows: readonly RowDef[]): TableDef {
  const block: BlockDef = {
    id: T3_BLOCK_ID,
    caption: '',
    columns: T3_COLUMNS,
    rows: [...T3_ROWS_BEFORE_OTHER, ...otherRows, ...T3_ROWS_AFTER_OTHER],
  };
  return { id: '三', section: '三', blocks: [block] };
}

const T4_SUB = (prefix: string): ColumnDef[] =>
  [
    count('upheld', '结果维持'),
    count('corrected', '结果纠正'),
    count('other', '其他结果'),
    count('pending', '尚未审结'),
    count('total', '总计'),
  ].map((c) => (prefix ? { ...c, group: prefix } : c));

export const T4_ROW_ID = 'case';
const T4_BLOCK = (id: string, caption: string, group: string): BlockDef => ({
  id,
  caption,
  columns: T4_SUB(group),
  rows: [{ id: T4_ROW_ID, label: '', key: '' }],
});

export const T4_LITIGATION = '行政诉讼';
export const T4: TableDef = {
  id: '四',
  section: '四',
  blocks: [
    T4_BLOCK('review', '行政复议', ''),
    T4_BLOCK('suitDirect', '未经复议直接起诉', T4_LITIGATION),
    T4_BLOCK('suitAfter', '复议后起诉', T4_LITIGATION),
  ],
};

const T3_APPLICANT_COLUMNS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'];

/** Computed totals of T3 and T4; the T3 result total depends on the rows of group （六）. */
export function commonTotals(otherRowIds: readonly string[]): TotalDef[] {
  const resultRows = [
    'granted',
    'partial',
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `denied${i}`),
    ...[1, 2, 3].map((i) => `unavailable${i}`),
    ...[1, 2, 3, 4, 5].map((i) => `unprocessed${i}`),
    ...otherRowIds,
  ];
  return [
    {
      id: 't3RowTotal',
      sumLabel: '各类申请人之和',
      table: '三',
      over: { each: 'row', block: T3_BLOCK_ID },
      left: [{ col: 'total' }],
      right: T3_APPLICANT_COLUMNS.map((col) => ({ col })),
    },
    {
      id: 't3ResultTotal',
      sumLabel: '各项办理结果之和',
      table: '三',
      over: { each: 'column', block: T3_BLOCK_ID },
      left: [{ row: 'total' }],
      right: resultRows.map((r) => ({ row: r })),
    },
    {
      id: 't4Total',
      sumLabel: '结果维持、结果纠正、其他结果、尚未审结之和',
      table: '四',
      over: { each: 'block', blocks: ['review', 'suitDirect', 'suitAfter'] },
      left: [{ col: 'total', row: T4_ROW_ID }],
      right: ['upheld', 'corrected', 'other', 'pending'].map((col) => ({ col, row: T4_ROW_ID })),
    },
  ];
}

export const COMMON_ASSERTIONS: readonly AssertionDef[] = [
  {
    code: 'T3_BALANCE',
    severity: 'error',
    equation: {
      table: '三',
      over: { each: 'column', block: T3_BLOCK_ID },
      left: [{ row: 'new' }, { row: 'carried' }],
      right: [{ row: 'total' }, { row: 'carryNext' }],
    },
    locate: ['column'],
    message: '{column}列：一+二={L}，（七）总计+四={R}，两者应相等。',
  },
  {
    code: 'T3_RESULT_TOTAL',
    severity: 'error',
    equation: { total: 't3ResultTotal' },
    message: '{column}列：（七）总计写的是{L}，各项办理结果之和为{R}。',
  },
  {
    code: 'T3_ROW_TOTAL',
    severity: 'error',
    equation: { total: 't3RowTotal' },
    message: '“{row}”行：总计写的是{L}，自然人与各类法人或其他组织之和为{R}。',
  },
  {
    code: 'T4_TOTAL',
    severity: 'error',
    equation: { total: 't4Total' },
    message: '{block}：总计写的是{L}，结果维持、结果纠正、其他结果、尚未审结之和为{R}。',
  },
  {
    code: 'CARRY_OVER_MISMATCH',
    severity: 'warning',
    equation: {
      table: '三',
      over: { each: 'column', block: T3_BLOCK_ID },
      left: [{ row: 'carried' }],
      right: [{ row: 'carryNext', prior: true }],
    },
    priorFormats: ['2019', '2021'],
    message:
      '{column}列：本年“上年结转”为{L}，上年报告“结转下年度继续办理”为{R}，是否一致？请核实。',
  },
];
