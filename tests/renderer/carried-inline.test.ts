// The carried years marked in the text itself (renderer/models/carried-inline.ts): only the year
// ("2020年") is marked, at its place in the paragraph's text; a year confirmed as it is (已核实) or
// already edited is not; one year moves on alone, and 全部改为 skips the confirmed ones.
import { describe, expect, it } from 'vitest';
import { copyReportForYear } from '../../core/carry';
import { decide, resolveFindings, runChecks } from '../../core/checks';
import type { Report } from '../../core/model';
import { carriedYearFix } from '../../renderer/models/carried-years';
import {
  markAt,
  marksByParagraph,
  moveOneYear,
  segments,
  yearMarks,
} from '../../renderer/models/carried-inline';
import { balancedReport, only } from '../helpers/reports';

function copied(): Report {
  const prior = balancedReport(2020);
  prior.sections['一']!.paragraphs = [
    { level: 0, text: '2020年，我局认真贯彻《条例》，全年主动公开信息120条。' },
    { level: 0, text: '自2020年1月1日起至2020年12月31日止，二〇二〇 年度工作按期完成。' },
  ];
  return copyReportForYear(prior, prior.unit, 2021);
}

const texts = (r: Report) => r.sections['一']!.paragraphs.map((p) => p.text);

describe('marking the carried years inline', () => {
  it('marks only the year with its 年, at its offsets, for each open mention', () => {
    const report = copied();
    const marks = yearMarks(report, '一');
    expect(marks.map((m) => [m.paragraph, m.start, m.end, m.text, m.replacement])).toEqual([
      [0, 0, 5, '2020年', '2021年'],
      [1, 1, 6, '2020年', '2021年'],
      [1, 12, 17, '2020年', '2021年'],
      [1, 25, 31, '二〇二〇 年', '二〇二一 年'],
    ]);
    for (const m of marks) {
      expect(texts(report)[m.paragraph]!.slice(m.start, m.end)).toBe(m.text);
      expect(m.from).toBe(2020);
    }
    // one per YEAR_REVIEW of the section
    const review = only(runChecks(report), 'YEAR_REVIEW').filter(
      (f) => f.location.section === '一',
    );
    expect(marks).toHaveLength(review.length);
    expect(yearMarks(report, '三')).toEqual([]);
    expect(yearMarks(balancedReport(2021), '一')).toEqual([]);
  });

  it('cuts the text into plain and marked segments that give the text back', () => {
    const report = copied();
    const byParagraph = marksByParagraph(yearMarks(report, '一'));
    const text = texts(report)[1]!;
    const parts = segments(text, byParagraph.get(1));
    expect(parts.map((s) => s.text).join('')).toBe(text);
    expect(parts.filter((s) => s.mark).map((s) => s.text)).toEqual([
      '2020年',
      '2020年',
      '二〇二〇 年',
    ]);
    // a mark that no longer fits the text is left out
    expect(segments('2019年，我局', byParagraph.get(0))).toEqual([{ text: '2019年，我局' }]);
    expect(segments('')).toEqual([{ text: '' }]);
  });

  it('finds the mark the caret is in', () => {
    const marks = marksByParagraph(yearMarks(copied(), '一')).get(1)!;
    expect(markAt(marks, 0)).toBeUndefined();
    expect(markAt(marks, 1)).toBe(marks[0]);
    expect(markAt(marks, 6)).toBe(marks[0]);
    expect(markAt(marks, 15)).toBe(marks[1]);
    expect(markAt(marks, 10)).toBeUndefined();
  });

  it('moves one year on alone; the others stay marked', () => {
    const report = copied();
    const second = yearMarks(report, '一')[2]!;
    const after = moveOneYear(report, second)!;
    expect(texts(after)[1]).toBe('自2020年1月1日起至2021年12月31日止，二〇二〇 年度工作按期完成。');
    expect(texts(after)[0]).toBe(texts(report)[0]);
    expect(yearMarks(after, '一').map((m) => [m.paragraph, m.start])).toEqual([
      [0, 0],
      [1, 1],
      [1, 25],
    ]);
    // moved already: nothing to do
    expect(moveOneYear(after, second)).toBeNull();
    // the input is untouched (the editor's undo keeps it)
    expect(texts(report)[1]).toContain('至2020年12月31日');
  });

  it('leaves a year confirmed as it is (已核实) unmarked, and 全部改为 leaves it too', () => {
    const report = copied();
    const review = only(runChecks(report), 'YEAR_REVIEW');
    const first = review.find((f) => f.location.section === '一' && f.location.paragraph === 0)!;
    const decided = decide(report, first, 'verified', '沿用年份无误', { by: '王小明' });
    const findings = resolveFindings(runChecks(decided), decided.decisions);
    const marks = yearMarks(decided, '一', findings);
    expect(marks.map((m) => [m.paragraph, m.start])).toEqual([
      [1, 1],
      [1, 12],
      [1, 25],
    ]);
    const fix = carriedYearFix(decided, findings)!;
    expect(fix.count).toBe(review.length - 1);
    const after = fix.apply(decided);
    expect(texts(after)).toEqual([
      '2020年，我局认真贯彻《条例》，全年主动公开信息120条。',
      '自2021年1月1日起至2021年12月31日止，二〇二一 年度工作按期完成。',
    ]);
    expect(yearMarks(after, '一', resolveFindings(runChecks(after), after.decisions))).toEqual([]);
  });
});
