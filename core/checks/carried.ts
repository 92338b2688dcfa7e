/** YEAR_REVIEW: the year mentions "copy last year" carried over that nobody has edited yet. */
import { CARRIED_CONTEXT } from '../carry';
import type { CarriedYear, Paragraph, Report } from '../model';
import { finding } from './structure';
import type { Finding } from './types';

function paragraphsOf(report: Report, section: CarriedYear['section']): readonly Paragraph[] {
  return section === '导语' ? report.opening : (report.sections[section]?.paragraphs ?? []);
}

/** The paragraph index of every occurrence of `needle` in the paragraphs, in reading order. */
function occurrences(paragraphs: readonly Paragraph[], needle: string): number[] {
  const out: number[] = [];
  for (const [index, p] of paragraphs.entries()) {
    for (let at = p.text.indexOf(needle); at >= 0; at = p.text.indexOf(needle, at + 1)) {
      out.push(index);
    }
  }
  return out;
}

/**
 * One finding per carried mention whose text (the year with the characters around it, as
 * copied) is still in its section. Identical mentions are matched occurrence by occurrence: two
 * copied "2022年，" left in a section give two findings, one once either is edited.
 */
export function carriedYearFindings(report: Report): Finding[] {
  const carried = report.carried;
  if (!carried || carried.years.length === 0) return [];
  const found = new Map<string, number[]>();
  const used = new Map<string, number>();
  const out: Finding[] = [];
  // the same year relative to the report: "2022年" of the 2022 report is "2023年" in 2023's
  const shift = report.year - carried.from;
  for (const m of carried.years) {
    const needle = `${m.before}${m.text}${m.after}`;
    const key = `${m.section}|${needle}`;
    let places = found.get(key);
    if (!places) {
      places = occurrences(paragraphsOf(report, m.section), needle);
      found.set(key, places);
    }
    const n = used.get(key) ?? 0;
    const paragraph = places[n];
    if (paragraph === undefined) continue;
    used.set(key, n + 1);
    const lead = Array.from(m.before).length >= CARRIED_CONTEXT ? '……' : '';
    const tail = Array.from(m.after).length >= CARRIED_CONTEXT ? '……' : '';
    out.push(
      finding(
        'YEAR_REVIEW',
        `“${m.text}年”是从${carried.from}年度报告沿用的年份，本报告是${report.year}年度报告，是否应改为${m.year + shift}年？请核实（“${lead}${needle}${tail}”）。`,
        { section: m.section, paragraph },
        `${m.section}|${m.before}|${m.text}|${m.after}`,
      ),
    );
  }
  return out;
}
