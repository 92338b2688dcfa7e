/**
 * Long reports for the PDF layout tests (tests/pdf/layout.test.ts), built on `balancedReport`:
 *
 * - `punctuationReport()`: narrative dense with what 避头尾 is about (GB/T 15834 §5.1, print.md
 *   "Line breaking"): closing and opening marks, nested quotes, "——" and "……", numbers with
 *   thousands separators and decimals, percentages, years and a URL. Every paragraph starts with
 *   a filler of a different length and takes the fragments in a different order, so that each
 *   mark falls on many different places of a line, line ends included.
 * - `t3BreakReport(n)`: section 一 made long with `n` one-line paragraphs, which moves T3 down
 *   the page a line at a time: the test picks the `n` that makes T3 start low on a page.
 *
 * No paragraph of these builders holds whitespace, so that positions in the text extracted
 * from the PDF (whitespace removed) are positions in the paragraph.
 */
import type { Paragraph, Report } from '../../core/model';
import { balancedReport, clone } from './reports';

const p = (text: string, level = 0): Paragraph => ({ level, text });

/** Fragments dense with marks, numbers and unbreakable runs. */
export const DENSE_FRAGMENTS: readonly string[] = [
  '“放管服”改革持续深化，',
  '全年受理申请1,234件（同比增长12.5%），',
  '2021年——“十四五”开局之年——',
  '办结率达99.8%；',
  '依据《中华人民共和国政府信息公开条例》（国务院令第711号）第二十条，',
  '群众评价“满意”“基本满意”的占比为96.25%！',
  '问：“是否公开？”答：“依法公开。”',
  '详见门户网站（https://www.qinghe.gov.cn/col/col1234/index.html）。',
  '文号为清政办发〔2021〕12号、【急件】、〈附件〉、「指南」、『目录』……',
  '2019年、2020年和2021年分别为3,127条、28,548条、0.5万条；',
  '‘一网通办’‘最多跑一次’等做法……',
  '共计12,345,678元（含税）。',
];

/** Plain text to shift the fragments along the line. */
const FILLER = '政务公开工作稳步推进各项任务全面完成成效明显群众满意度持续提高服务水平';

/** Paragraph `i` of the dense narrative: a filler of i mod 28 characters, then the fragments rotated. */
export function denseParagraph(i: number, fragments = 8): string {
  const head = Array.from(FILLER)
    .slice(0, i % 28)
    .join('');
  const parts: string[] = [];
  for (let k = 0; k < fragments; k++) {
    parts.push(DENSE_FRAGMENTS[(i * 5 + k) % DENSE_FRAGMENTS.length]!);
  }
  return head + parts.join('');
}

/**
 * A complete 2021 report whose opening and sections 一, 五 and 六 are dense with punctuation and
 * numbers (`count` paragraphs in all, level-2 headings between them in section 一).
 */
export function punctuationReport(count = 24): Report {
  const report = clone(balancedReport(2021));
  report.opening = [p(denseParagraph(0))];
  const one: Paragraph[] = [];
  const five: Paragraph[] = [];
  const six: Paragraph[] = [];
  for (let i = 1; i < count; i++) {
    const target = i < count * 0.6 ? one : i < count * 0.85 ? five : six;
    if (target === one && i % 4 === 1)
      one.push(p(`（${'一二三四五六七八九十'[(i - 1) / 4]}）“重点”工作——第${i}项`, 2));
    target.push(p(denseParagraph(i)));
  }
  report.sections['一']!.paragraphs = one;
  report.sections['五']!.paragraphs = five;
  report.sections['六']!.paragraphs = six;
  return report;
}

/** A one-line body paragraph (well under the 26 characters of an indented first line). */
export function fillerParagraph(n: number): Paragraph {
  return p(`补充说明第${n}项：本项工作已按计划完成。`);
}

/** The 2021 balanced report with `lines` one-line paragraphs added at the end of section 一. */
export function t3BreakReport(lines: number): Report {
  const report = clone(balancedReport(2021));
  const one = report.sections['一']!;
  for (let n = 1; n <= lines; n++) one.paragraphs.push(fillerParagraph(n));
  return report;
}
