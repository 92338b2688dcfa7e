/**
 * The carried years marked in the text itself (the narrative editor): for a part of the report,
 * the spans of each paragraph's text that are a year carried over by "copy last year" and still
 * open (YEAR_REVIEW) — "2020年", not the whole paragraph — the text cut into plain and marked
 * segments for display, and the edit that moves one of them on. Pure.
 */
import type { ResolvedFinding } from '../../core/checks';
import type { Paragraph, Report } from '../../core/model';
import { moveYears, openPlaces, written } from './carried-years';
import type { CarriedPlace } from '../../core/checks';
import type { TextPlace } from './paragraphs';

/** A carried year in a paragraph's text: what is marked, and what it would become. */
export interface YearMark {
  readonly paragraph: number;
  /** The marked range in the paragraph's text (UTF-16 offsets, as a text field counts). */
  readonly start: number;
  readonly end: number;
  /** The marked text: the year with its 年 ("2020年", "二〇二〇 年"). */
  readonly text: string;
  /** What it becomes when moved on ("2021年"). */
  readonly replacement: string;
  /** The year of this report it stands for. */
  readonly to: number;
  /** From which year's report it was copied. */
  readonly from: number;
  readonly place: CarriedPlace;
}

/** The open carried years of one part of the report (导语 or a section), in reading order. */
export function yearMarks(
  report: Report,
  place: TextPlace,
  findings?: readonly ResolvedFinding[],
): YearMark[] {
  if (place !== '导语' && place !== '一' && place !== '五' && place !== '六') return [];
  const from = report.carried?.from ?? report.year;
  return openPlaces(report, findings)
    .filter((p) => p.mention.section === place)
    .map((p) => {
      const digits = p.mention.text;
      const nian = /^\s*年/u.exec(p.mention.after)?.[0] ?? '';
      const text = `${digits}${nian}`;
      return {
        paragraph: p.paragraph,
        start: p.start,
        end: p.start + text.length,
        text,
        replacement: `${written(p.to, digits)}${nian}`,
        to: p.to,
        from,
        place: p,
      };
    })
    .sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
}

/** The marks by paragraph. */
export function marksByParagraph(marks: readonly YearMark[]): Map<number, YearMark[]> {
  const out = new Map<number, YearMark[]>();
  for (const m of marks) {
    const list = out.get(m.paragraph) ?? [];
    list.push(m);
    out.set(m.paragraph, list);
  }
  return out;
}

export interface Segment {
  readonly text: string;
  /** Set on a marked segment. */
  readonly mark?: YearMark;
}

/**
 * A paragraph's text cut into plain and marked segments, which joined give the text back. A
 * mark that no longer fits the text (the field is ahead of the model) is left out.
 */
export function segments(text: string, marks: readonly YearMark[] = []): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || text.slice(m.start, m.end) !== m.text) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: m.text, mark: m });
    at = m.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at) });
  return out;
}

/** The mark the caret is in (start..end inclusive), if any. */
export function markAt(marks: readonly YearMark[], caret: number): YearMark | undefined {
  return marks.find((m) => caret >= m.start && caret <= m.end);
}

/** The report with one carried year moved on ("2020年" → "2021年"), or null when it moved. */
export function moveOneYear(report: Report, mark: YearMark): Report | null {
  const next = moveYears(report, [mark.place]);
  return next === report || sameText(next, report, mark) ? null : next;
}

function sameText(a: Report, b: Report, mark: YearMark): boolean {
  const section = mark.place.mention.section;
  const of = (r: Report): readonly Paragraph[] =>
    section === '导语' ? r.opening : (r.sections[section]?.paragraphs ?? []);
  return of(a)[mark.paragraph]?.text === of(b)[mark.paragraph]?.text;
}
