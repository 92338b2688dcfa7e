// "Copying last year's report as this year's template" (report-format.md) and YEAR_REVIEW
// (checks.md): the copy, its prefilled T3 row 二, and the year mentions left to review.
import { describe, expect, it } from 'vitest';
import { copyReportForYear } from '../../core/carry';
import { decide, resolveFindings, runChecks, type Finding } from '../../core/checks';
import { parseReportFile, serialiseReport } from '../../core/file';
import { FORMATS, cellsOf } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import {
  ReportFileError,
  blankTable,
  officialTitle,
  type Paragraph,
  type Report,
  type Unit,
} from '../../core/model';
import { CARRY_NEXT, DEPARTMENT, balancedReport, only, rawAt, setCell } from '../helpers/reports';

const T3_COLUMNS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];

/** The unit under its new name (renamed in 机构改革): the title follows it, the 落款 is copied. */
const unitOf = (report: Report, name = report.unit.name): Unit => ({ ...report.unit, name });

const yearReview = (report: Report): Finding[] => only(runChecks(report), 'YEAR_REVIEW');

/** Replaces text in one paragraph (the replaced text must be there). */
function edit(paragraphs: Paragraph[], index: number, from: string, to: string): void {
  const p = paragraphs[index]!;
  expect(p.text).toContain(from);
  p.text = p.text.replace(from, to);
}

describe('copyReportForYear: 2022 → 2023 (2021 format both years)', () => {
  const prior = balancedReport(2022);
  prior.sections['五']!.heading = '五、政府信息公开工作存在的主要问题及改进情况';
  prior.sections['三']!.heading = '三、依申请公开政府信息情况';
  prior.sections['三']!.paragraphs = [{ level: 0, text: '2022年依申请公开情况见下表。' }];
  setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'legal', '７０'); // raw text, copied as written
  prior.signature.date = '2023年1月20日';
  prior.decisions = [
    {
      code: 'STALE_YEAR',
      location: { section: '一', paragraph: 0 },
      fingerprint: 'x',
      action: 'verified',
      reason: '已核实',
    },
  ];
  prior.finalised = { at: '2023-01-21T09:00:00Z' };
  prior.source = { file: '2022.docx', type: 'docx' };
  const copy = copyReportForYear(prior, unitOf(prior), 2023);

  it('has the new year, its format and title, the copied 落款 without a date, nothing decided', () => {
    expect(copy.year).toBe(2023);
    expect(copy.format).toBe('2021');
    expect(copy.title).toBe(officialTitle(DEPARTMENT, 2023));
    expect(copy.signature).toEqual({ unit: DEPARTMENT, date: '' });
    expect(copy.decisions).toEqual([]);
    expect(copy.finalised).toBeNull();
    expect(copy).not.toHaveProperty('source');
    expect(copy.unit).toEqual(prior.unit);
  });

  it('copies the 导语 and sections 一, 五, 六 as written', () => {
    expect(copy.opening).toEqual(prior.opening);
    for (const id of ['一', '五', '六'] as const) {
      expect(copy.sections[id]).toEqual(prior.sections[id]);
    }
    expect(copy.sections['五']!.heading).toBe('五、政府信息公开工作存在的主要问题及改进情况');
    // a copy, not shared paragraphs
    expect(copy.opening[0]).not.toBe(prior.opening[0]);
    expect(copy.sections['一']!.paragraphs).not.toBe(prior.sections['一']!.paragraphs);
  });

  it('gives sections 二, 三, 四 their official heading, blank tables and no paragraphs', () => {
    expect(copy.sections['二']).toEqual({
      heading: '二、主动公开政府信息情况',
      paragraphs: [],
      table: blankTable('2021', '二'),
    });
    expect(copy.sections['三']!.heading).toBe('三、收到和处理政府信息公开申请情况');
    expect(copy.sections['三']!.paragraphs).toEqual([]);
    expect(copy.sections['四']).toEqual({
      heading: '四、政府信息公开行政复议、行政诉讼情况',
      paragraphs: [],
      table: blankTable('2021', '四'),
    });
  });

  it('prefills T3 row 二 from last year’s row 四, column by column; every other cell is empty', () => {
    const carried = T3_COLUMNS.map((c) => rawAt(copy, '三', T3_BLOCK_ID, 'carried', c));
    // balancedReport's row 四: 64 66 68 70 72 74, total 414; 法律服务机构 written full-width
    expect(carried).toEqual(['64', '66', '68', '70', '７０', '74', '414']);
    expect(CARRY_NEXT).toEqual([64, 66, 68, 70, 72, 74]);
    expect(carried).toEqual(T3_COLUMNS.map((c) => rawAt(prior, '三', T3_BLOCK_ID, 'carryNext', c)));
    let filled = 0;
    for (const { table, block, row, column } of cellsOf(FORMATS['2021'])) {
      const raw = rawAt(copy, table.id, block.id, row.id, column.id);
      if (table.id === '三' && row.id === 'carried') filled++;
      else expect(raw, `${table.id}/${block.id}/${row.id}/${column.id}`).toBe('');
    }
    expect(filled).toBe(7);
    expect(copy.sections['三']!.table!.unrecognised).toEqual([]);
  });

  it('records every year of the copied narrative with the text around it', () => {
    expect(copy.carried).toEqual({
      from: 2022,
      years: [
        {
          section: '导语',
          year: 2022,
          before: '数据的统计期限自',
          text: '2022',
          after: '年1月1日起至',
        },
        {
          section: '导语',
          year: 2022,
          before: '年1月1日起至',
          text: '2022',
          after: '年12月31日止',
        },
        { section: '一', year: 2022, before: '', text: '2022', after: '年，本机关认真贯' },
      ],
    });
  });

  it('does not change the report it was copied from', () => {
    expect(prior.year).toBe(2022);
    expect(prior).not.toHaveProperty('carried');
    expect(rawAt(prior, '三', T3_BLOCK_ID, 'new', 'natural')).not.toBe('');
  });

  it('round-trips through the file format with `carried` intact', () => {
    const text = serialiseReport(copy);
    const back = parseReportFile(text);
    expect(back).toEqual(copy);
    expect(back.carried).toEqual(copy.carried);
    expect(serialiseReport(back)).toBe(text);
  });
});

describe('copyReportForYear: other cases', () => {
  it('2020 (2019 format) → 2021: T2 blank in the 2021 layout, T3 row 二 still prefilled', () => {
    const prior = balancedReport(2020);
    expect(prior.format).toBe('2019');
    setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'research', '六十八');
    const copy = copyReportForYear(prior, unitOf(prior), 2021);
    expect(copy.format).toBe('2021');
    expect(copy.title).toBe(officialTitle(DEPARTMENT, 2021));
    const t2 = copy.sections['二']!.table!;
    expect(t2).toEqual(blankTable('2021', '二'));
    expect(Object.keys(t2.blocks)).toEqual(['art20_1', 'art20_5', 'art20_6', 'art20_8']);
    expect(t2.blocks['art20_1']!.columns).toEqual(['issued', 'repealed', 'effective']);
    expect(Object.keys(copy.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows)).toContain('other3');
    expect(T3_COLUMNS.map((c) => rawAt(copy, '三', T3_BLOCK_ID, 'carried', c))).toEqual([
      '64',
      '66',
      '六十八',
      '70',
      '72',
      '74',
      '414',
    ]);
    expect(copy.sections['四']!.table).toEqual(blankTable('2021', '四'));
    expect(copy.carried!.from).toBe(2020);
    expect(copy.carried!.years.map((y) => `${y.section}:${y.year}`)).toEqual([
      '导语:2020',
      '导语:2020',
      '一:2020',
    ]);
  });

  it('leaves a cell of row 二 empty where last year’s row 四 lacks it', () => {
    const prior = balancedReport(2022);
    delete prior.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['carryNext'];
    const copy = copyReportForYear(prior, unitOf(prior), 2023);
    expect(T3_COLUMNS.map((c) => rawAt(copy, '三', T3_BLOCK_ID, 'carried', c))).toEqual(
      T3_COLUMNS.map(() => ''),
    );
    delete prior.sections['三'];
    const again = copyReportForYear(prior, unitOf(prior), 2023);
    expect(again.sections['三']!.table).toEqual(blankTable('2021', '三'));
  });

  it('takes the official heading for a section last year lacked; names a renamed unit', () => {
    const prior = balancedReport(2022);
    delete prior.sections['六'];
    prior.signature.unit = '';
    const copy = copyReportForYear(prior, unitOf(prior, '清河县市场监管局'), 2023);
    expect(copy.sections['六']).toEqual({ heading: '六、其他需要报告的事项', paragraphs: [] });
    expect(copy.title).toBe('清河县市场监管局2023年政府信息公开工作年度报告');
    expect(copy.signature).toEqual({ unit: '清河县市场监管局', date: '' });
    prior.signature.unit = DEPARTMENT;
    expect(copyReportForYear(prior, unitOf(prior, '清河县市场监管局'), 2023).signature.unit).toBe(
      DEPARTMENT,
    );
  });

  it('records carried even when the narrative mentions no year', () => {
    const prior = balancedReport(2022);
    prior.opening = [];
    prior.sections['一']!.paragraphs = [{ level: 0, text: '本机关全面推进政务公开。' }];
    const copy = copyReportForYear(prior, unitOf(prior), 2023);
    expect(copy.carried).toEqual({ from: 2022, years: [] });
    expect(yearReview(copy)).toEqual([]);
  });

  it('keeps years written in Chinese numerals as written, and short context at the edges', () => {
    const prior = balancedReport(2022);
    prior.sections['六']!.paragraphs = [{ level: 0, text: '二〇二二年' }];
    const copy = copyReportForYear(prior, unitOf(prior), 2023);
    expect(copy.carried!.years.filter((y) => y.section === '六')).toEqual([
      { section: '六', year: 2022, before: '', text: '二〇二二', after: '年' },
    ]);
  });

  it('refuses a year before 2019 and a report that is not in a structured format', () => {
    const prior = balancedReport(2022);
    expect(() => copyReportForYear(prior, unitOf(prior), 2018)).toThrow(ReportFileError);
    expect(() => copyReportForYear(prior, unitOf(prior), 2018)).toThrow(/2018年.*旧格式/u);
    const old = { ...balancedReport(2019), year: 2018 };
    expect(() => copyReportForYear(old, unitOf(old), 2019)).toThrow(ReportFileError);
    expect(() => copyReportForYear(old, unitOf(old), 2019)).toThrow(/2018年度.*不能作为模板/u);
  });
});

describe('YEAR_REVIEW: the carried years still to be reviewed', () => {
  const copied = (): Report => {
    const prior = balancedReport(2022);
    return copyReportForYear(prior, unitOf(prior), 2023);
  };

  it('is not produced for a report that was not copied', () => {
    expect(yearReview(balancedReport(2023))).toEqual([]);
  });

  it('gives one warning per carried year, at its paragraph', () => {
    const findings = yearReview(copied());
    expect(findings.map((f) => [f.location, f.severity])).toEqual([
      [{ section: '导语', paragraph: 0 }, 'warning'],
      [{ section: '导语', paragraph: 0 }, 'warning'],
      [{ section: '一', paragraph: 0 }, 'warning'],
    ]);
    expect(findings[2]!.message).toBe(
      '“2022年”是从2022年度报告沿用的年份，本报告是2023年度报告，是否应改为2023年？请核实（“2022年，本机关认真贯……”）。',
    );
    expect(findings[0]!.message).toContain('（“……数据的统计期限自2022年1月1日起至”）');
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(3);
  });

  it('finds a year again where paragraphs were inserted before it', () => {
    const report = copied();
    report.sections['一']!.paragraphs.unshift({ level: 0, text: '新写的一段。' });
    expect(yearReview(report).map((f) => f.location)).toEqual([
      { section: '导语', paragraph: 0 },
      { section: '导语', paragraph: 0 },
      { section: '一', paragraph: 1 },
    ]);
  });

  it('a plan year of last year is suggested one year later', () => {
    const prior = balancedReport(2021);
    const report = copyReportForYear(prior, unitOf(prior), 2022);
    const plan = yearReview(report).find((f) => f.location.section === '五')!;
    expect(plan.location).toEqual({ section: '五', paragraph: 1 });
    expect(plan.message).toContain('“2022年”是从2021年度报告沿用的年份');
    expect(plan.message).toContain('是否应改为2023年？');
  });

  it('disappears once the year is edited, one mention at a time', () => {
    const report = copied();
    edit(report.sections['一']!.paragraphs, 0, '2022年，', '2023年，');
    expect(yearReview(report).map((f) => f.location.section)).toEqual(['导语', '导语']);
    // the first year of the 导语: the second, right after it, is still to review
    edit(report.opening, 0, '自2022年', '自2023年');
    const left = yearReview(report);
    expect(left).toHaveLength(1);
    expect(left[0]!.message).toContain('起至2022年12月31日止');
    edit(report.opening, 0, '至2022年', '至2023年');
    expect(yearReview(report)).toEqual([]);
  });

  it('disappears when the text right around the year is rewritten', () => {
    const report = copied();
    edit(report.sections['一']!.paragraphs, 0, '2022年，本机关', '2022年，本局');
    expect(yearReview(report).map((f) => f.location.section)).toEqual(['导语', '导语']);
  });

  it('stays, with the same fingerprint, after an edit elsewhere in the paragraph', () => {
    const report = copied();
    const before = yearReview(report);
    edit(
      report.sections['一']!.paragraphs,
      0,
      '各项工作有序推进。',
      '各项工作扎实推进，成效明显。',
    );
    edit(report.opening, 0, '本报告电子版', '本报告的电子版');
    expect(yearReview(report)).toEqual(before);
  });

  it('matches identical mentions occurrence by occurrence', () => {
    const prior = balancedReport(2022);
    const same = '2022年，本机关完成了平台迁移。';
    prior.sections['五']!.paragraphs = [
      { level: 0, text: same },
      { level: 0, text: '其他问题。' },
      { level: 0, text: same },
    ];
    const report = copyReportForYear(prior, unitOf(prior), 2023);
    const inFive = (r: Report) =>
      yearReview(r)
        .filter((f) => f.location.section === '五')
        .map((f) => f.location.paragraph);
    expect(inFive(report)).toEqual([0, 2]);
    edit(report.sections['五']!.paragraphs, 0, '2022年', '2023年');
    expect(inFive(report)).toEqual([2]);
    // moved into another paragraph, the remaining mention is still found once
    report.sections['五']!.paragraphs[1]!.text = same;
    report.sections['五']!.paragraphs.pop();
    expect(inFive(report)).toEqual([1]);
    report.sections['五']!.paragraphs = [];
    expect(inFive(report)).toEqual([]);
  });

  it('two mentions in one paragraph are confirmed one by one', () => {
    let report = copied();
    const opening = () =>
      resolveFindings(only(runChecks(report), 'YEAR_REVIEW'), report.decisions).filter(
        (f) => f.location.section === '导语',
      );
    const [first, second] = opening();
    expect(first!.location).toEqual(second!.location);
    report = decide(report, first!, 'verified', '起止日期无误。', {}, runChecks(report));
    report = decide(report, second!, 'verified', '起止日期无误。', {}, runChecks(report));
    expect(opening().map((f) => f.resolved)).toEqual([true, true]);
    // deciding again on the first replaces its decision, keeping the second's
    report = decide(report, first!, 'verified', '再次核实。', {}, runChecks(report));
    expect(report.decisions.filter((d) => d.location.section === '导语')).toHaveLength(2);
  });

  it('is resolved by a verified decision, which holds while the text around it is unchanged', () => {
    let report = copied();
    const target = yearReview(report).find((f) => f.location.section === '一')!;
    report = decide(report, target, 'verified', '沿用上年的年份已核实无误。');
    const status = (r: Report) =>
      resolveFindings(only(runChecks(r), 'YEAR_REVIEW'), r.decisions).map((f) => [
        f.location.section,
        f.resolved,
      ]);
    expect(status(report)).toEqual([
      ['导语', false],
      ['导语', false],
      ['一', true],
    ]);
    // the decision survives a save and an edit elsewhere in the paragraph
    report = parseReportFile(serialiseReport(report));
    edit(report.sections['一']!.paragraphs, 0, '有序推进', '稳步推进');
    expect(status(report)).toEqual([
      ['导语', false],
      ['导语', false],
      ['一', true],
    ]);
  });
});

describe('STALE_YEAR and YEAR_REVIEW', () => {
  it('a carried year is reported once, as YEAR_REVIEW, not also as STALE_YEAR', () => {
    const prior = balancedReport(2021);
    prior.sections['一']!.paragraphs.unshift({ level: 0, text: '2021年，本机关认真贯彻条例。' });
    const copy = copyReportForYear(prior, prior.unit, 2022);
    const codes = runChecks(copy)
      .filter((f) => f.location.section === '一' && f.location.paragraph === 0)
      .map((f) => f.code);
    expect(codes).toContain('YEAR_REVIEW');
    expect(codes).not.toContain('STALE_YEAR');
    // once the year is edited by hand, nothing is left there
    copy.sections['一']!.paragraphs[0]!.text = '2022年，本机关认真贯彻条例。';
    expect(
      runChecks(copy).filter((f) => f.location.section === '一' && f.location.paragraph === 0),
    ).toEqual([]);
  });
});
