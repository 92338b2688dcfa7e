/** YEAR_REVIEW: the year mentions "copy last year" carried over that nobody has edited yet. */
import { CARRIED_CONTEXT } from '../carry';
import type { CarriedYear, Paragraph, Report } from '../model';
import { finding } from './structure';
import type { Finding } from './types';

function paragraphsOf(report: Report, section: CarriedYear['section']): readonly Paragraph[] {
  return section === '导语' ? report.opening : (report.sections[section]?.paragraphs ?? []);
}

/** Where `needle` occurs in the paragraphs, in reading order: paragraph and offset. */
function occurrences(
  paragraphs: readonly Paragraph[],
  needle: string,
): { paragraph: number; at: number }[] {
  const out: { paragraph: number; at: number }[] = [];
  for (const [paragraph, p] of paragraphs.entries()) {
    for (let at = p.text.indexOf(needle); at >= 0; at = p.text.indexOf(needle, at + 1)) {
      out.push({ paragraph, at });
    }
  }
  return out;
}

/** A carried mention still as copied: where its year's digits are now, and its finding. */
export interface CarriedPlace {
  readonly mention: CarriedYear;
  readonly paragraph: number;
  /** Offset of the year's digits in the paragraph's text (UTF-16, as a text field counts). */
  readonly start: number;
  /** The year of this report that the mention stands for (its year moved on). */
  readonly to: number;
  readonly finding: Finding;
}

/**
 * Every carried mention whose text (the year with the characters around it, as copied) is
 * still in its section, with its YEAR_REVIEW finding. Identical mentions are matched
 * occurrence by occurrence: two copied "2022年，" left in a section give two places, one once
 * either is edited.
 */
export function carriedPlaces(report: Report): CarriedPlace[] {
  const carried = report.carried;
  if (!carried || carried.years.length === 0) return [];
  const found = new Map<string, { paragraph: number; at: number }[]>();
  const used = new Map<string, number>();
  const out: CarriedPlace[] = [];
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
    const place = places[n];
    if (place === undefined) continue;
    used.set(key, n + 1);
    const lead = Array.from(m.before).length >= CARRIED_CONTEXT ? '……' : '';
    const tail = Array.from(m.after).length >= CARRIED_CONTEXT ? '……' : '';
    const to = m.year + shift;
    out.push({
      mention: m,
      paragraph: place.paragraph,
      start: place.at + m.before.length,
      to,
      finding: finding(
        'YEAR_REVIEW',
        `“${m.text}年”是从${carried.from}年度报告沿用的年份，本报告是${report.year}年度报告，是否应改为${to}年？请核实（“${lead}${needle}${tail}”）。`,
        { section: m.section, paragraph: place.paragraph },
        `${m.section}|${m.before}|${m.text}|${m.after}`,
      ),
    });
  }
  return out;
}

/** One finding per carried mention still as copied (carriedPlaces). */
export function carriedYearFindings(report: Report): Finding[] {
  return carriedPlaces(report).map((p) => p.finding);
}
