/**
 * Reports the export tests write and read back: the balanced reports of both formats, a draft
 * with blank cells and open findings, and one with every paragraph level and a title that wraps.
 */
import type { Report } from '../../core/model';
import { balancedReport, GOVERNMENT } from '../helpers/reports';

/** A draft: blank cells in each table, an empty 成文日期, a figure the text contradicts. */
export function draftReport(): Report {
  const report = balancedReport(2021);
  const t2 = report.sections['二']!.table!;
  const firstBlock = Object.values(t2.blocks)[0]!;
  const firstRow = Object.values(firstBlock.rows)[0]!;
  firstRow.cells[firstBlock.columns[0]!] = '';
  const t3 = report.sections['三']!.table!.blocks;
  const t3Block = Object.values(t3)[0]!;
  t3Block.rows['granted']!.cells['business'] = '';
  t3Block.rows['denied3']!.cells['natural'] = '';
  const t4 = Object.values(report.sections['四']!.table!.blocks)[1]!;
  t4.rows[Object.keys(t4.rows)[0]!]!.cells[t4.columns[2]!] = '';
  report.signature = { ...report.signature, date: '' };
  return report;
}

/** Paragraphs of all four heading levels, and a long unit name whose title takes two lines. */
export function levelsReport(): Report {
  const report = balancedReport(2022, {
    unitName: '清河县人力资源和社会保障局',
  });
  report.sections['五']!.paragraphs = [
    { level: 2, text: '（一）存在的主要问题' },
    { level: 3, text: '1.政策解读形式单一' },
    { level: 0, text: '图解、视频解读数量偏少，群众获取信息不够便捷。' },
    { level: 4, text: '（1）基层工作人员业务能力有待提高' },
    { level: 0, text: '部分工作人员对《条例》的理解不够深入。' },
    { level: 2, text: '（二）改进情况' },
    { level: 0, text: '下一步，本机关将丰富解读形式，加强业务培训。' },
  ];
  return report;
}

export const EXPORT_REPORTS: readonly (readonly [string, () => Report])[] = [
  ['2021 format', () => balancedReport(2021)],
  ['2019 format', () => balancedReport(2020)],
  ['a government, 2022', () => balancedReport(2022, { unitName: GOVERNMENT, kind: '政府' })],
  ['a draft with blank cells and open findings', draftReport],
  ['all heading levels and a two-line title', levelsReport],
];
