/** 国办公开办函〔2021〕30号: the format for report years 2021 and later. */
import {
  COMMON_ASSERTIONS,
  OUTLINE_2021,
  SECTIONS,
  T2_ROW_HEADER,
  T3_COLUMNS_HEADER,
  T3_NOTE,
  T3_OTHER_2021,
  T4,
  commonTotals,
  t3Table,
} from './common';
import type { FormatDef, TableDef } from './types';

const T2: TableDef = {
  id: '二',
  section: '二',
  blocks: [
    {
      id: 'art20_1',
      caption: '第二十条第（一）项',
      columns: [
        { id: 'issued', label: '本年制发件数', kind: 'count', measure: '件' },
        { id: 'repealed', label: '本年废止件数', kind: 'count', measure: '件' },
        { id: 'effective', label: '现行有效件数', kind: 'count', measure: '件' },
      ],
      rows: [
        { id: 'rules', label: '规章', key: '规章' },
        {
          id: 'normative',
          label: '行政规范性文件',
          key: '行政规范性文件',
          aliases: ['规范性文件'],
        },
      ],
    },
    {
      id: 'art20_5',
      caption: '第二十条第（五）项',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count', measure: '件' }],
      rows: [{ id: 'licensing', label: '行政许可', key: '行政许可' }],
    },
    {
      id: 'art20_6',
      caption: '第二十条第（六）项',
      columns: [{ id: 'decisions', label: '本年处理决定数量', kind: 'count', measure: '件' }],
      rows: [
        { id: 'penalty', label: '行政处罚', key: '行政处罚' },
        { id: 'enforcement', label: '行政强制', key: '行政强制' },
      ],
    },
    {
      id: 'art20_8',
      caption: '第二十条第（八）项',
      columns: [
        {
          id: 'fees',
          label: '本年收费金额（单位：万元）',
          kind: 'money',
          measure: '万元',
          moneyUnits: ['万元'],
          aliases: ['本年收费金额', '本年收费金额（万元）'],
        },
      ],
      rows: [{ id: 'fees', label: '行政事业性收费', key: '行政事业性收费' }],
    },
  ],
};

const OTHER_ROWS = T3_OTHER_2021.map((r) => r.id);

export const FORMAT_2021: FormatDef = {
  version: '2021',
  issuedBy: '国务院办公厅政府信息与政务公开办公室',
  documentNumber: '国办公开办函〔2021〕30号',
  documentTitle: '中华人民共和国政府信息公开工作年度报告格式',
  years: [2021, null],
  sections: SECTIONS,
  outline: OUTLINE_2021,
  tables: { 二: T2, 三: t3Table(T3_OTHER_2021), 四: T4 },
  totals: commonTotals(OTHER_ROWS),
  t3Note: T3_NOTE,
  t2RowHeader: T2_ROW_HEADER,
  t3ColumnsHeader: T3_COLUMNS_HEADER,
  assertions: [
    ...COMMON_ASSERTIONS,
    {
      code: 'STOCK_DRIFT',
      severity: 'warning',
      equation: {
        table: '二',
        over: { each: 'row', block: 'art20_1' },
        left: [{ col: 'effective' }],
        right: [
          { col: 'effective', prior: true },
          { col: 'issued' },
          { col: 'repealed', coef: -1 },
        ],
      },
      locate: ['block', 'row', 'column'],
      priorFormats: ['2021'],
      message:
        '{row}：现行有效件数为{L}，而上年现行有效{r0}+本年制发{r1}−本年废止{r2}={R}。是否另有文件失效或清理？请核实。',
    },
  ],
};
