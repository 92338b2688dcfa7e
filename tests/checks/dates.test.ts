// 成文日期 (checks.md "Text against tables, dates"): DATE_MISSING, DATE_OUT_OF_RANGE, DATE_LATE —
// the three ways of writing a date, the deadlines per kind and the --deadline option.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINES, runChecks, type CheckOptions, type Finding } from '../../core/checks';
import { UNIT_KINDS } from '../../core/model';
import { findDate, isRealDate } from '../../core/text';
import { balancedReport } from '../helpers/reports';

function dated(date: string, options: CheckOptions = {}, year = 2021): Finding[] {
  const report = balancedReport(year);
  report.signature.date = date;
  return runChecks(report, options);
}

describe('date formats', () => {
  const same: [string, number, number, number][] = [
    ['2022年1月27日', 2022, 1, 27],
    ['2022-01-27', 2022, 1, 27],
    ['二〇二二年一月二十七日', 2022, 1, 27],
    ['2022 年 1 月 27 日', 2022, 1, 27],
    ['2022.1.27', 2022, 1, 27],
    ['2022/01/27', 2022, 1, 27],
    ['二〇二二年三月十日', 2022, 3, 10],
    ['二〇二二年三月三十一日', 2022, 3, 31],
    ['二〇二二年一月九日', 2022, 1, 9],
  ];
  for (const [text, year, month, day] of same) {
    it(`“${text}”`, () => {
      expect(findDate(text)).toMatchObject({ year, month, day });
      expect(dated(text, { kind: '政府' })).toEqual([]);
    });
  }

  it('full-width digits, as typed with a Chinese input method', () => {
    expect(dated('２０２２年１月２０日', { kind: '部门' })).toEqual([]);
    expect(dated('２０２１年１２月３１日', { kind: '部门' }).map((f) => f.code)).toEqual([
      'DATE_OUT_OF_RANGE',
    ]);
    expect(dated('２０２２年２月１日', { kind: '部门' }).map((f) => f.code)).toEqual(['DATE_LATE']);
  });

  it('two-character months and days in Chinese numerals', () => {
    expect(findDate('二〇二二年十二月三十一日')).toMatchObject({ year: 2022, month: 12, day: 31 });
    expect(findDate('二〇二二年十一月二十日')).toMatchObject({ year: 2022, month: 11, day: 20 });
    expect(findDate('二〇二二年十月十日')).toMatchObject({ year: 2022, month: 10, day: 10 });
  });

  it('only a month, or none', () => {
    expect(findDate('2022年1月')).toEqual({ year: 2022, month: 1, text: '2022年1月' });
    expect(findDate('二〇二二年一月')).toMatchObject({ year: 2022, month: 1 });
    expect(findDate('一月二十日')).toBeNull();
    expect(findDate('')).toBeNull();
  });

  it('real dates', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2022, 4, 31)).toBe(false);
    expect(isRealDate(2022, 13, 1)).toBe(false);
    expect(isRealDate(2022, 1, 0)).toBe(false);
  });
});

describe('DATE_MISSING', () => {
  for (const [date, message] of [
    ['', '没有找到完整的成文日期，落款应写明成文日期，如“2022年1月27日”。'],
    ['   ', '没有找到完整的成文日期，落款应写明成文日期，如“2022年1月27日”。'],
    ['2022年1月', '成文日期“2022年1月”只写到月份，落款应写明成文日期，如“2022年1月27日”。'],
    ['一月二十日', '没有找到完整的成文日期，落款应写明成文日期，如“2022年1月27日”。'],
  ] as const) {
    it(`“${date}”`, () => {
      expect(dated(date, { kind: '部门' })).toEqual([
        {
          code: 'DATE_MISSING',
          severity: 'warning',
          location: { section: '落款' },
          message,
          fingerprint: expect.any(String),
        },
      ]);
    });
  }
});

describe('DATE_OUT_OF_RANGE', () => {
  it('on or before 31 December of the report year', () => {
    expect(dated('2022年1月1日')).toEqual([]);
    for (const date of ['2021年12月31日', '2021-06-30', '二〇二一年一月二十七日']) {
      const findings = dated(date, { kind: '部门' });
      expect(
        findings.map((f) => [f.code, f.severity, f.location]),
        date,
      ).toEqual([['DATE_OUT_OF_RANGE', 'error', { section: '落款' }]]);
      expect(findings[0]!.message).toContain(
        '不晚于报告年度的最后一天（2021年12月31日）；2021年度报告应在2022年成文，是否写错了年份？',
      );
    }
    expect(dated('2021年12月31日')[0]!.message).toBe(
      '成文日期“2021年12月31日”不晚于报告年度的最后一天（2021年12月31日）；2021年度报告应在2022年成文，是否写错了年份？',
    );
  });

  it('not a real date', () => {
    for (const date of ['2022年2月30日', '2022-13-01', '二〇二二年二月三十日', '2022年1月32日']) {
      const findings = dated(date, { kind: '部门' });
      expect(
        findings.map((f) => f.code),
        date,
      ).toEqual(['DATE_OUT_OF_RANGE']);
    }
    expect(dated('2022年2月30日')[0]!.message).toBe('成文日期“2022年2月30日”不是有效的日期。');
  });
});

describe('DATE_LATE', () => {
  it('the default deadlines: 部门 31 January, 政府 31 March, 乡镇街道 and 其他 31 January', () => {
    expect(DEFAULT_DEADLINES).toEqual({
      部门: '01-31',
      政府: '03-31',
      乡镇街道: '01-31',
      其他: '01-31',
    });
  });

  const cases: [string, string, boolean][] = [
    ['部门', '2022年1月31日', false],
    ['部门', '2022年2月1日', true],
    ['乡镇街道', '2022年1月31日', false],
    ['乡镇街道', '2022-02-01', true],
    ['其他', '二〇二二年二月一日', true],
    ['政府', '2022年2月1日', false],
    ['政府', '2022年3月31日', false],
    ['政府', '2022年4月1日', true],
    ['政府', '2023年1月5日', true],
  ];
  for (const [kind, date, late] of cases) {
    it(`${kind}, ${date}: ${late ? 'late' : 'in time'}`, () => {
      const findings = dated(date, { kind: kind as (typeof UNIT_KINDS)[number] });
      expect(findings.map((f) => f.code)).toEqual(late ? ['DATE_LATE'] : []);
    });
  }

  it('the exact finding', () => {
    expect(dated('2022年2月1日', { kind: '部门' })).toEqual([
      {
        code: 'DATE_LATE',
        severity: 'warning',
        location: { section: '落款' },
        message: '成文日期2022年2月1日晚于部门报告期限2022年1月31日，是否逾期？',
        fingerprint: expect.any(String),
      },
    ]);
    expect(dated('2022年4月1日', { kind: '政府' })[0]!.message).toBe(
      '成文日期2022年4月1日晚于政府报告期限2022年3月31日，是否逾期？',
    );
  });

  it('the kind may come from the report itself', () => {
    const report = balancedReport(2021, { kind: '部门' });
    report.signature.date = '2022年3月1日';
    expect(runChecks(report).map((f) => f.code)).toEqual(['DATE_LATE']);
    // the options override the report's kind
    expect(runChecks(report, { kind: '政府' })).toEqual([]);
  });

  it('unknown kind: skipped', () => {
    expect(dated('2022年12月1日')).toEqual([]);
  });

  it('--deadline overrides the default for the kind, and works without a kind', () => {
    expect(dated('2022年2月15日', { kind: '部门', deadline: '02-28' })).toEqual([]);
    expect(
      dated('2022年3月1日', { kind: '部门', deadline: '02-28' }).map((f) => f.message),
    ).toEqual(['成文日期2022年3月1日晚于部门报告期限2022年2月28日，是否逾期？']);
    expect(dated('2022年2月15日', { kind: '政府', deadline: '01-31' }).map((f) => f.code)).toEqual([
      'DATE_LATE',
    ]);
    expect(dated('2022年1月20日', { deadline: '01-15' }).map((f) => f.message)).toEqual([
      '成文日期2022年1月20日晚于报告期限2022年1月15日，是否逾期？',
    ]);
    expect(dated('2022年1月15日', { deadline: '01-15' })).toEqual([]);
  });

  it('a deadline written without leading zeros means the same day', () => {
    expect(dated('2022年2月15日', { deadline: '1-31' }).map((f) => f.code)).toEqual(['DATE_LATE']);
    expect(dated('2022年1月9日', { deadline: '1-9' })).toEqual([]);
    expect(dated('2022年1月10日', { deadline: '1-9' }).map((f) => f.code)).toEqual(['DATE_LATE']);
  });

  it('an out-of-range date is not also late', () => {
    expect(dated('2021年12月1日', { kind: '部门' }).map((f) => f.code)).toEqual([
      'DATE_OUT_OF_RANGE',
    ]);
  });
});
