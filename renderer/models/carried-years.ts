/**
 * "全部改为 2021年": every year mention carried over by "copy last year" that is still as copied
 * (what YEAR_REVIEW reports) moved on by the years between the two reports, in one edit. The
 * mentions are found the way the check finds them (core/checks/carried.ts): the year with the
 * characters around it as copied, first occurrence first. Pure.
 */
import type { CarriedYear, Paragraph, Report } from '../../core/model';

const HAN_DIGITS = '〇一二三四五六七八九';

/** The year written the way the mention wrote it: Arabic digits, or 〇一二… digit by digit. */
function written(year: number, like: string): string {
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

function paragraphsOf(report: Report, section: CarriedYear['section']): readonly Paragraph[] {
  return section === '导语' ? report.opening : (report.sections[section]?.paragraphs ?? []);
}

/** The fix for the report's carried years still as copied, or null when there is none. */
export function carriedYearFix(report: Report): YearFix | null {
  const carried = report.carried;
  if (!carried || carried.years.length === 0) return null;
  const shift = report.year - carried.from;
  if (shift === 0) return null;
  const apply = (r: Report): Report => fixed(r, shift).report;
  const { count, targets } = fixed(report, shift);
  if (count === 0) return null;
  const same = targets.size === 1 ? [...targets][0] : null;
  const label = same ? `全部改为 ${same}年（${count} 处）` : `全部改为本年度的年份（${count} 处）`;
  return { count, label, apply };
}

function fixed(
  report: Report,
  shift: number,
): { report: Report; count: number; targets: Set<number> } {
  const texts = new Map<CarriedYear['section'], string[]>();
  const targets = new Set<number>();
  let count = 0;
  for (const m of report.carried?.years ?? []) {
    let list = texts.get(m.section);
    if (!list) texts.set(m.section, (list = paragraphsOf(report, m.section).map((p) => p.text)));
    const needle = `${m.before}${m.text}${m.after}`;
    const index = list.findIndex((t) => t.includes(needle));
    if (index < 0) continue; // edited already
    const to = m.year + shift;
    list[index] = list[index]!.replace(needle, `${m.before}${written(to, m.text)}${m.after}`);
    targets.add(to);
    count++;
  }
  const move = (ps: readonly Paragraph[], list: string[] | undefined): Paragraph[] =>
    ps.map((p, i) => (list && list[i] !== p.text ? { ...p, text: list[i]! } : p));
  const sections = { ...report.sections };
  for (const [section, list] of texts) {
    if (section === '导语') continue;
    const s = sections[section];
    if (s) sections[section] = { ...s, paragraphs: move(s.paragraphs, list) };
  }
  return {
    report: { ...report, opening: move(report.opening, texts.get('导语')), sections },
    count,
    targets,
  };
}
