// Issue 13 item 4: the unit's 类型 — the name-based guess (offered, never applied silently) and
// the checks that did not run because the 类型 is not known (said, never skipped silently).
import { describe, expect, it } from 'vitest';
import {
  CODES,
  checksSkippedForKind,
  effectiveKind,
  KIND_UNKNOWN,
  runChecks,
  type CheckOptions,
} from '../../core/checks';
import type { Report, UnitKind } from '../../core/model';
import { guessUnitKind } from '../../core/units';
import { balancedReport } from '../helpers/reports';

describe('guessUnitKind: 乡、镇、街道、办事处 → 乡镇街道, and the rest', () => {
  const cases: [string, UnitKind | null][] = [
    ['城关镇', '乡镇街道'],
    ['城关镇人民政府', '乡镇街道'],
    ['城关镇政府', '乡镇街道'],
    ['河西乡', '乡镇街道'],
    ['河西乡人民政府', '乡镇街道'],
    ['东城街道', '乡镇街道'],
    ['东城街道办事处', '乡镇街道'],
    ['东城办事处', '乡镇街道'],
    ['巴音苏木', '乡镇街道'],
    [' 城关镇 人民政府 ', '乡镇街道'],
    ['清河县人民政府', '政府'],
    ['清河县人民政府办公室', '部门'],
    ['城关镇人民政府办公室', '部门'],
    ['清河县驻京办事处', '部门'],
    ['清河县住房和城乡建设局', '部门'],
    ['清河县城乡规划委员会', '部门'],
    ['清河县红十字会', null],
    ['', null],
  ];
  for (const [name, kind] of cases) {
    it(`“${name}” → ${kind ?? '不推测'}`, () => {
      expect(guessUnitKind(name)).toBe(kind);
    });
  }
});

/** A 2021 report written late (2022-04-10) without a word on 考核、评议、责任追究. */
function lateWithoutAssessment(kind: UnitKind | null = null): Report {
  const report = balancedReport(2021, { kind });
  report.signature.date = '2022年4月10日';
  for (const section of Object.values(report.sections)) {
    if (!section) continue;
    section.paragraphs = section.paragraphs.filter((p) => !/考核|评议|责任追究/u.test(p.text));
  }
  return report;
}

const codes = (report: Report, options: CheckOptions = {}) =>
  runChecks(report, options).map((f) => f.code);

describe('checksSkippedForKind', () => {
  it('kind unknown: 考核评议 and the deadline, by name and code, with why', () => {
    const report = lateWithoutAssessment();
    const skipped = checksSkippedForKind(report);
    expect(skipped.map((s) => s.code)).toEqual(['GOV_ASSESSMENT_MISSING', 'DATE_LATE']);
    expect(skipped.map((s) => s.title)).toEqual([
      CODES.GOV_ASSESSMENT_MISSING.title,
      CODES.DATE_LATE.title,
    ]);
    expect(skipped[0]!.reason).toContain('不知道单位类型');
    expect(skipped[1]!.reason).toContain('次年1月31日');
    expect(skipped[1]!.reason).toContain('次年3月31日');
    expect(KIND_UNKNOWN).toBe('单位类型未定');
    // and indeed they did not run
    expect(codes(report)).not.toContain('GOV_ASSESSMENT_MISSING');
    expect(codes(report)).not.toContain('DATE_LATE');
  });

  it('the same report with a kind: nothing skipped, and both checks run', () => {
    const report = lateWithoutAssessment();
    for (const kind of ['政府', '乡镇街道'] as const) {
      expect(checksSkippedForKind(report, { kind })).toEqual([]);
      expect(codes(report, { kind })).toEqual(
        expect.arrayContaining(['GOV_ASSESSMENT_MISSING', 'DATE_LATE']),
      );
    }
    // a 部门 is not asked for 考核评议: the check ran and found nothing to ask
    expect(checksSkippedForKind(report, { kind: '部门' })).toEqual([]);
    expect(codes(report, { kind: '部门' })).toContain('DATE_LATE');
    expect(codes(report, { kind: '部门' })).not.toContain('GOV_ASSESSMENT_MISSING');
  });

  it('the kind the report carries counts like the archive’s', () => {
    const report = lateWithoutAssessment('政府');
    expect(effectiveKind(report)).toBe('政府');
    expect(checksSkippedForKind(report)).toEqual([]);
    expect(effectiveKind(report, { kind: '部门' })).toBe('部门');
    expect(effectiveKind(lateWithoutAssessment(), { kind: null })).toBeNull();
  });

  it('a deadline given (--deadline) makes the deadline check run without the kind', () => {
    const report = lateWithoutAssessment();
    const options = { deadline: '03-31' };
    expect(checksSkippedForKind(report, options).map((s) => s.code)).toEqual([
      'GOV_ASSESSMENT_MISSING',
    ]);
    expect(codes(report, options)).toContain('DATE_LATE');
  });
});
