/**
 * "Copy last year's report as this year's template" (report-format.md): the structure is mapped
 * to the format of the new year, the narrative is copied as text to revise, and every table cell
 * starts empty except T3 row 二 (上年结转), which is last year's row 四 (结转下年度).
 */
import { FIRST_STRUCTURED_YEAR, FORMATS, findBlock, formatForYear } from './formats';
import { T3_BLOCK_ID } from './formats/common';
import {
  ReportFileError,
  blankReport,
  cellAt,
  officialTitle,
  type CarriedYear,
  type Paragraph,
  type Report,
  type Unit,
} from './model';
import { findYears } from './text';

/** The narrative copied as text: 导语 and sections 一, 五, 六. */
export const COPIED_SECTIONS = ['一', '五', '六'] as const;

/** How many characters around a carried year are kept to find it again. */
export const CARRIED_CONTEXT = 8;

const copyParagraphs = (paragraphs: readonly Paragraph[]): Paragraph[] =>
  paragraphs.map((p) => ({ level: p.level, text: p.text }));

/**
 * Every year mentioned in a paragraph, with up to CARRIED_CONTEXT characters either side. The
 * context stops at a neighbouring year ("自2022年1月1日起至2022年12月31日止"), so that editing one
 * year does not make the next one look edited too.
 */
export function yearMentions(section: CarriedYear['section'], text: string): CarriedYear[] {
  const found = findYears(text);
  return found.map(({ year, index, length }, i) => {
    const start = i > 0 ? found[i - 1]!.index + found[i - 1]!.length : 0;
    const end = found[i + 1]?.index ?? text.length;
    return {
      section,
      year,
      // by code points, so that a character outside the BMP is never cut in half
      before: Array.from(text.slice(start, index)).slice(-CARRIED_CONTEXT).join(''),
      text: text.slice(index, index + length),
      after: Array.from(text.slice(index + length, end))
        .slice(0, CARRIED_CONTEXT)
        .join(''),
    };
  });
}

/**
 * A new report for `toYear`, in that year's format, made from last year's report of the unit.
 * The year mentions of the copied narrative are recorded in `carried` (YEAR_REVIEW).
 */
export function copyReportForYear(prior: Report, unit: Unit, toYear: number): Report {
  if (formatForYear(toYear) === null) {
    throw new ReportFileError(
      `${toYear}年的报告使用旧格式，只能作为文本存档，不能以上年报告为模板编制。`,
    );
  }
  if (prior.year < FIRST_STRUCTURED_YEAR || formatForYear(prior.year) === null) {
    throw new ReportFileError(
      `${prior.year}年度的报告是2019年以前的旧格式，没有现行格式的结构，不能作为模板复制。`,
    );
  }
  const report = blankReport(unit, toYear);

  report.opening = copyParagraphs(prior.opening);
  for (const id of COPIED_SECTIONS) {
    const from = prior.sections[id];
    const to = report.sections[id]!;
    if (!from) continue;
    if (from.heading.trim()) to.heading = from.heading;
    to.paragraphs = copyParagraphs(from.paragraphs);
  }

  // T3 row 二 (上年结转) = last year's row 四 (结转下年度), column by column, as written
  const carriedRow = report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['carried']!;
  for (const column of findBlock(FORMATS[report.format].tables['三'], T3_BLOCK_ID)!.columns) {
    const cell = cellAt(prior, '三', T3_BLOCK_ID, 'carryNext', column.id);
    if (cell.present) carriedRow.cells[column.id] = cell.raw;
  }

  report.title = officialTitle(unit.name, toYear);
  report.signature = {
    unit: prior.signature.unit.trim() ? prior.signature.unit : unit.name,
    date: '',
  };

  const years: CarriedYear[] = [];
  for (const p of report.opening) years.push(...yearMentions('导语', p.text));
  for (const id of COPIED_SECTIONS) {
    for (const p of report.sections[id]!.paragraphs) years.push(...yearMentions(id, p.text));
  }
  report.carried = { from: prior.year, years };
  return report;
}
