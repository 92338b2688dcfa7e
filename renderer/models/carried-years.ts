/**
 * Moving the years carried over by "copy last year" on (YEAR_REVIEW), one mention or all at once:
 * "全部改为 2021年" moves every mention still as copied — and not confirmed as it is (已核实) —
 * on by the years between the two reports, in one edit. The mentions are found the way the check
 * finds them (core/checks/carried.ts: carriedPlaces). Pure.
 */
import { carriedPlaces, type CarriedPlace, type ResolvedFinding } from '../../core/checks';
import type { CarriedYear, Paragraph, Report } from '../../core/model';
import { sameFinding } from './findings';

const HAN_DIGITS = '〇一二三四五六七八九';

/** The year written the way the mention wrote it: Arabic digits, or 〇一二… digit by digit. */
export function written(year: number, like: string): string {
  const digits = String(year);
  return /^[0-9０-９]+$/u.test(like)
    ? digits
    : [...digits].map((d) => HAN_DIGITS[Number(d)]).join('');
}

export interface YearFix {
  /** Mentions that would change. */
  readonly count: number;
  /** The button's text: "全部改为 2021年（3 处）". */
  readonly label: string;
  /** The report with every such mention moved on (a new object; the input is not changed). */
  readonly apply: (report: Report) => Report;
}

/**
 * The carried places still open: with the findings of the editor (`findings`), the mentions
 * whose YEAR_REVIEW is neither confirmed (已核实) nor gone; without, every place.
 */
export function openPlaces(report: Report, findings?: readonly ResolvedFinding[]): CarriedPlace[] {
  const places = carriedPlaces(report);
  if (!findings) return places;
  const open = findings.filter((f) => f.code === 'YEAR_REVIEW' && !f.resolved);
  return places.filter((p) => open.some((f) => sameFinding(f, { ...p.finding, resolved: false })));
}

function paragraphsOf(report: Report, section: CarriedYear['section']): readonly Paragraph[] {
  return section === '导语' ? report.opening : (report.sections[section]?.paragraphs ?? []);
}

/** The report with the given places' years moved on (their digits replaced in place). */
export function moveYears(report: Report, places: readonly CarriedPlace[]): Report {
  if (places.length === 0) return report;
  const texts = new Map<CarriedYear['section'], string[]>();
  // right to left within a paragraph, so that earlier offsets stay valid
  const ordered = [...places].sort(
    (a, b) =>
      a.mention.section.localeCompare(b.mention.section) ||
      a.paragraph - b.paragraph ||
      b.start - a.start,
  );
  for (const p of ordered) {
    const section = p.mention.section;
    let list = texts.get(section);
    if (!list) texts.set(section, (list = paragraphsOf(report, section).map((x) => x.text)));
    const text = list[p.paragraph];
    const digits = p.mention.text;
    if (text === undefined || text.slice(p.start, p.start + digits.length) !== digits) continue;
    list[p.paragraph] =
      text.slice(0, p.start) + written(p.to, digits) + text.slice(p.start + digits.length);
  }
  const move = (ps: readonly Paragraph[], list: string[] | undefined): Paragraph[] =>
    ps.map((p, i) => (list && list[i] !== p.text ? { ...p, text: list[i]! } : p));
  const sections = { ...report.sections };
  for (const [section, list] of texts) {
    if (section === '导语') continue;
    const s = sections[section];
    if (s) sections[section] = { ...s, paragraphs: move(s.paragraphs, list) };
  }
  const opening = texts.has('导语') ? move(report.opening, texts.get('导语')) : report.opening;
  return { ...report, opening, sections };
}

/**
 * The fix for the report's carried years still as copied (and, given the editor's findings,
 * not confirmed as they are), or null when there is none.
 */
export function carriedYearFix(
  report: Report,
  findings?: readonly ResolvedFinding[],
): YearFix | null {
  const carried = report.carried;
  if (!carried || carried.years.length === 0) return null;
  if (report.year === carried.from) return null;
  const places = openPlaces(report, findings);
  if (places.length === 0) return null;
  const keys = new Set(places.map(placeKey));
  // applied to the report as it is then (the same one, normally): the same places, found again
  const apply = (r: Report): Report =>
    moveYears(
      r,
      carriedPlaces(r).filter((p) => keys.has(placeKey(p))),
    );
  const targets = new Set(places.map((p) => p.to));
  const same = targets.size === 1 ? [...targets][0] : null;
  const count = places.length;
  const label = same ? `全部改为 ${same}年（${count} 处）` : `全部改为本年度的年份（${count} 处）`;
  return { count, label, apply };
}

/** A place's identity: its finding's fingerprint and paragraph. */
export function placeKey(p: CarriedPlace): string {
  return `${p.finding.fingerprint}|${p.mention.section}|${p.paragraph}|${p.start}`;
}
