/** 国办公开办函〔2019〕60号: the trial format for report years 2019 and 2020. */
import {
  COMMON_ASSERTIONS,
  OUTLINE_2019,
  SECTIONS,
  T2_ROW_HEADER,
  T3_COLUMNS_HEADER,
  T3_NOTE,
  T3_OTHER_2019,
  T4,
  commonTotals,
  t3Table,
} from './common';
import type { ColumnDef, FormatDef, TableDef } from './types';

const ITEMS: readonly ColumnDef[] = [
  { id: 'priorItems', label: '上一年项目数量', kind: 'count', measure: '项' },
  {
    id: 'delta',
    label: '本年增/减',
    kind: 'delta',
    measure: '项',
    aliases: ['本年增减', '本年增加/减少'],
  },
];
const DECISIONS: ColumnDef = {
  id: 'decisions',
  label: '处理决定数量',
  kind: 'count',
  measure: '件',
};

const T2: TableDef = {
  id: '二',
  section: '二',
  blocks: [
    {
      id: 'art20_1',
      caption: '第二十条第（一）项',
      columns: [
        { id: 'created', label: '本年新制作数量', kind: 'count', measure: '件' },
        { id: 'published', label: '本年新公开数量', kind: 'count', measure: '件' },
        { id: 'publicTotal', label: '对外公开总数量', kind: 'count', measure: '件' },
      ],
      rows: [
        { id: 'rules', label: '规章', key: '规章' },
        { id: 'normative', label: '规范性文件', key: '规范性文件' },
      ],
    },
    {
      id: 'art20_5',
      caption: '第二十条第（五）项',
      columns: [...ITEMS, DECISIONS],
      rows: [
        { id: 'licensing', label: '行政许可', key: '行政许可' },
        { id: 'otherServices', label: '其他对外管理服务事项', key: '其他对外管理服务事项' },
      ],
    },
    {
      id: 'art20_6',
      caption: '第二十条第（六）项',
      columns: [...ITEMS, DECISIONS],
      rows: [
        { id: 'penalty', label: '行政处罚', key: '行政处罚' },
        { id: 'enforcement', label: '行政强制', key: '行政强制' },
      ],
    },
    {
      id: 'art20_8',
      caption: '第二十条第（八）项',
      columns: ITEMS,
      rows: [{ id: 'fees', label: '行政事业性收费', key: '行政事业性收费' }],
    },
    {
      id: 'art20_9',
      caption: '第二十条第（九）项',
      columns: [
        { id: 'items', label: '采购项目数量', kind: 'count', measure: '项' },
        {
          id: 'amount',
          label: '采购总金额',
          kind: 'money',
          measure: '',
          moneyUnits: ['元', '万元'],
        },
      ],
      rows: [{ id: 'procurement', label: '政府集中采购', key: '政府集中采购' }],
    },
  ],
};

const ITEM_ROWS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['art20_5', ['licensing', 'otherServices']],
  ['art20_6', ['penalty', 'enforcement']],
  ['art20_8', ['fees']],
];

export const FORMAT_2019: FormatDef = {
  version: '2019',
  issuedBy: '国务院办公厅政府信息与政务公开办公室',
  documentNumber: '国办公开办函〔2019〕60号',
  documentTitle: '中华人民共和国政府信息公开工作年度报告格式（试行）',
  years: [2019, 2020],
  sections: SECTIONS,
  outline: OUTLINE_2019,
  tables: { 二: T2, 三: t3Table(T3_OTHER_2019), 四: T4 },
  totals: commonTotals(['other']),
  t3Note: T3_NOTE,
  t2RowHeader: T2_ROW_HEADER,
  t3ColumnsHeader: T3_COLUMNS_HEADER,
  assertions: [
    ...COMMON_ASSERTIONS,
    ...ITEM_ROWS.map(([block, rows]) => ({
      code: 'ITEM_COUNT_DRIFT',
      severity: 'warning' as const,
      equation: {
        table: '二' as const,
        over: { each: 'row' as const, block, rows },
        left: [{ col: 'priorItems' }],
        right: [
          { col: 'priorItems', prior: true },
          { col: 'delta', prior: true },
        ],
      },
      locate: ['block', 'row', 'column'] as const,
      priorFormats: ['2019'] as const,
      message:
        '{row}：上一年项目数量为{L}，而上年报告的上一年项目数量{r0}加本年增/减{r1}为{R}。是否有调整？请核实。',
    })),
  ],
};
