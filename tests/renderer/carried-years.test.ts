// "全部改为 2021年" (renderer/models/carried-years.ts): every carried year still as copied moves on
// by one year in one edit, and YEAR_REVIEW then has nothing left to say; years the clerk already
// edited, and words around the years, stay as they are.
import { describe, expect, it } from 'vitest';
import { copyReportForYear } from '../../core/carry';
import { runChecks } from '../../core/checks';
import type { Report } from '../../core/model';
import { carriedYearFix } from '../../renderer/models/carried-years';
import { balancedReport, only } from '../helpers/reports';

function copiedWithYears(): Report {
  const prior = balancedReport(2020);
  prior.sections['一']!.paragraphs = [
    { level: 0, text: '2020年，我局认真贯彻《条例》，全年主动公开信息120条。' },
    { level: 0, text: '自2020年1月1日起至2020年12月31日止，二〇二〇年度工作按期完成。' },
  ];
  return copyReportForYear(prior, prior.unit, 2021);
}

describe('moving the carried years on at once', () => {
  it('changes every mention still as copied, in the way it was written, in one report', () => {
    const report = copiedWithYears();
    const review = only(runChecks(report), 'YEAR_REVIEW').length;
    expect(review).toBeGreaterThanOrEqual(4); // these four, and the 导语's
    const fix = carriedYearFix(report)!;
    expect(fix.count).toBe(review);
    expect(fix.label).toBe(`全部改为 2021年（${review} 处）`);
    const after = fix.apply(report);
    expect(after.sections['一']!.paragraphs.map((p) => p.text)).toEqual([
      '2021年，我局认真贯彻《条例》，全年主动公开信息120条。',
      '自2021年1月1日起至2021年12月31日止，二〇二一年度工作按期完成。',
    ]);
    expect(only(runChecks(after), 'YEAR_REVIEW')).toEqual([]);
    // the input is untouched (the editor's undo keeps it)
    expect(report.sections['一']!.paragraphs[0]!.text.startsWith('2020年')).toBe(true);
    expect(carriedYearFix(after)).toBeNull();
  });

  it('leaves a year the clerk already edited alone', () => {
    const report = copiedWithYears();
    const edited: Report = {
      ...report,
      sections: {
        ...report.sections,
        一: {
          ...report.sections['一']!,
          paragraphs: [
            { level: 0, text: '2019年至今，我局认真贯彻《条例》。' },
            report.sections['一']!.paragraphs[1]!,
          ],
        },
      },
    };
    const fix = carriedYearFix(edited)!;
    expect(fix.count).toBe(carriedYearFix(report)!.count - 1);
    expect(fix.apply(edited).sections['一']!.paragraphs[0]!.text).toBe(
      '2019年至今，我局认真贯彻《条例》。',
    );
  });

  it('offers nothing for a report that was not copied', () => {
    expect(carriedYearFix(balancedReport(2021))).toBeNull();
  });
});
