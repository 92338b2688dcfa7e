// Text against tables (checks.md): TEXT_TABLE_MISMATCH (phrases as data, ignored clauses, topic
// rules), STALE_YEAR (with its exceptions) and FEE_NOT_REPORTED.
import { describe, expect, it } from 'vitest';
import { runChecks, type Finding } from '../../core/checks';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { balancedReport, setCell } from '../helpers/reports';

/** Appends a body paragraph to a section (under its last sub-heading) and returns its index. */
function append(report: Report, section: '一' | '五' | '六', text: string, level = 0): number {
  const paragraphs = report.sections[section]!.paragraphs;
  paragraphs.push({ level, text });
  return paragraphs.length - 1;
}

function withText(
  text: string,
  year = 2021,
  section: '一' | '五' | '六' = '一',
): { findings: Finding[]; index: number } {
  const report = balancedReport(year);
  const index = append(report, section, text);
  return { findings: runChecks(report), index };
}

const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);

describe('TEXT_TABLE_MISMATCH', () => {
  // The 2021 reference report: 一 28548, 二 342, （七） 28476, 四 414, （一） 636; T4 复议 11,
  // 诉讼 25 + 53; 行政规范性文件 本年制发 18.
  const mismatches: [string, string][] = [
    [
      '全年共收到政府信息公开申请28000件。',
      '正文写“收到政府信息公开申请28000件”，但表三“本年新收政府信息公开申请数量”总计为28548，表三本年新收与上年结转之和为28890，请核对正文与表格。',
    ],
    [
      '本年度共受理28000件政府信息公开申请。',
      '正文写“受理28000件政府信息公开申请”，但表三“本年新收政府信息公开申请数量”总计为28548，表三本年新收与上年结转之和为28890，请核对正文与表格。',
    ],
    [
      '本年度未收到政府信息公开申请。',
      '正文写“未收到政府信息公开申请”，但表三“本年新收政府信息公开申请数量”总计为28548，表三本年新收与上年结转之和为28890，请核对正文与表格。',
    ],
    [
      '依申请公开方面，上年结转300件。',
      '正文写“上年结转300件”，但表三“上年结转政府信息公开申请数量”总计为342，请核对正文与表格。',
    ],
    [
      '政府信息公开申请结转下年度继续办理400件。',
      '正文写“结转下年度继续办理400件”，但表三“结转下年度继续办理”总计为414，请核对正文与表格。',
    ],
    [
      '政府信息公开申请已全部办结，共办结28000件。',
      '正文写“办结28000件”，但表三“（七）总计”行总计为28476，请核对正文与表格。',
    ],
    [
      '对政府信息公开申请予以公开600件。',
      '正文写“予以公开600件”，但表三“（一）予以公开”总计为636，请核对正文与表格。',
    ],
    [
      '因政府信息公开被申请行政复议10件。',
      '正文写“行政复议10件”，但表四“行政复议”总计为11，请核对正文与表格。',
    ],
    [
      '因政府信息公开被申请行政复议十件。',
      '正文写“行政复议十件”，但表四“行政复议”总计为11，请核对正文与表格。',
    ],
    [
      '因政府信息公开被提起行政诉讼80件。',
      '正文写“行政诉讼80件”，但表四“未经复议直接起诉”与“复议后起诉”总计之和为78，请核对正文与表格。',
    ],
    [
      '政府信息公开行政复议和行政诉讼案件共90件。',
      '正文写“行政复议和行政诉讼案件共90件”，但表四行政复议与两类行政诉讼总计之和为89，请核对正文与表格。',
    ],
    [
      '全年制发行政规范性文件20件。',
      '正文写“制发行政规范性文件20件”，但表二“行政规范性文件”本年制发件数为18，请核对正文与表格。',
    ],
    [
      '收到政府信息公开行政复议申请10件。',
      '正文写“行政复议申请10件”，但表四“行政复议”总计为11，请核对正文与表格。',
    ],
  ];
  for (const [text, message] of mismatches) {
    it(`“${text}”`, () => {
      const { findings, index } = withText(text);
      expect(findings).toEqual([
        {
          code: 'TEXT_TABLE_MISMATCH',
          severity: 'warning',
          location: { section: '一', paragraph: index },
          message,
          fingerprint: expect.any(String),
        },
      ]);
    });
  }

  const agreeing = [
    '共受理政府信息公开申请28890件（含上年结转）。',
    '全年新收28548件政府信息公开申请。',
    '因政府信息公开被申请行政复议十一件、提起行政诉讼78件。',
    '政府信息公开相关案件89件。',
    // a 复议 application is not a 公开申请: compared with T4, not with T3
    '本年度共收到政府信息公开行政复议申请11件。',
    '本年度未收到政府信息公开方面的行政复议申请。',
    '政府信息公开申请予以公开636件，结转下年度继续办理414件。',
  ];
  for (const text of agreeing) {
    it(`“${text}” agrees with the tables`, () => {
      expect(withText(text).findings).toEqual([]);
    });
  }

  it('the 规范性文件 phrase is data for the 2021 format only', () => {
    expect(withText('全年制发行政规范性文件20件。', 2020).findings).toEqual([]);
    expect(codes(withText('全年制发行政规范性文件20件。', 2022).findings)).toEqual([
      'TEXT_TABLE_MISMATCH',
    ]);
  });

  const ignored: [string, string][] = [
    ['收到本级政府信息公开申请5件。', '收到政府信息公开申请5件。'],
    ['其中收到政府信息公开申请5件。', '今年收到政府信息公开申请5件。'],
    ['涉及政府信息公开的建议办结5件。', '涉及政府信息公开的事项办结5件。'],
    ['政府信息公开相关提案办结5件。', '政府信息公开相关申请办结5件。'],
    ['通过审批系统收到政府信息公开申请5件。', '通过网上系统收到政府信息公开申请5件。'],
  ];
  for (const [text, control] of ignored) {
    it(`a clause with 建议/提案/审批/其中/本级 is ignored: “${text}”`, () => {
      expect(withText(text).findings).toEqual([]);
      expect(codes(withText(control).findings)).toEqual(['TEXT_TABLE_MISMATCH']);
    });
  }

  it('a unit named 行政审批服务局 still has its figures checked', () => {
    const text = '县行政审批服务局全年收到政府信息公开申请5件。';
    expect(codes(withText(text).findings)).toEqual(['TEXT_TABLE_MISMATCH']);
    expect(codes(withText('审批服务中心收到政府信息公开申请5件。').findings)).toEqual([
      'TEXT_TABLE_MISMATCH',
    ]);
  });

  it('a received figure about one kind of applicant is not the total', () => {
    for (const text of ['收到自然人提出的政府信息公开申请5件。', '收到企业政府信息公开申请3件。']) {
      expect(withText(text).findings, text).toEqual([]);
    }
  });

  it('only the clause with the ignored word is skipped', () => {
    const { findings } = withText('收到政府信息公开申请5件，其中自然人申请3件。');
    expect(findings.map((f) => f.message)).toEqual([
      '正文写“收到政府信息公开申请5件”，但表三“本年新收政府信息公开申请数量”总计为28548，表三本年新收与上年结转之和为28890，请核对正文与表格。',
    ]);
  });

  it('only sentences about 政府信息公开 applications count (or a heading about them)', () => {
    expect(withText('全年受理行政许可申请356件。').findings).toEqual([]);
    expect(codes(withText('全年受理政府信息公开申请356件。').findings)).toEqual([
      'TEXT_TABLE_MISMATCH',
    ]);
    // under the sub-heading （二）依申请公开 the sentence need not say it again
    const report = balancedReport(2021);
    const heading = report.sections['一']!.paragraphs.findIndex(
      (p) => p.text === '（二）依申请公开',
    );
    report.sections['一']!.paragraphs.splice(heading + 1, 0, {
      level: 0,
      text: '全年共收到申请356件。',
    });
    const findings = runChecks(report);
    expect(findings.map((f) => [f.code, f.location])).toEqual([
      ['TEXT_TABLE_MISMATCH', { section: '一', paragraph: heading + 1 }],
    ]);
  });

  it('复议/诉讼 count only when about 信息公开', () => {
    expect(withText('全年办理行政复议案件30件、行政诉讼案件12件。').findings).toEqual([]);
    expect(codes(withText('全年办理政府信息公开行政复议案件30件。').findings)).toEqual([
      'TEXT_TABLE_MISMATCH',
    ]);
  });

  it('plans state no figure of this year (下一步, 计划, a later year)', () => {
    for (const text of [
      '下一步，本机关计划制定行政规范性文件3件。',
      '2022年，本机关将出台行政规范性文件5件。',
      '今后每年印发行政规范性文件不少于2件。',
    ]) {
      expect(withText(text, 2021, '五').findings, text).toEqual([]);
    }
    // an earlier year is no plan: still compared
    expect(codes(withText('2021年，本机关出台行政规范性文件5件。', 2021, '五').findings)).toEqual([
      'TEXT_TABLE_MISMATCH',
    ]);
  });

  it('the 导语 and sub-headings are not read for figures', () => {
    const report = balancedReport(2021);
    report.opening.push({ level: 0, text: '本年度收到政府信息公开申请5件。' });
    report.sections['一']!.paragraphs.push({ level: 2, text: '（六）收到政府信息公开申请5件' });
    expect(runChecks(report)).toEqual([]);
  });

  it('sections 五 and 六 are read too', () => {
    expect(
      withText('全年收到政府信息公开申请5件。', 2021, '五').findings.map((f) => f.location.section),
    ).toEqual(['五']);
    expect(
      withText('全年收到政府信息公开申请5件。', 2021, '六').findings.map((f) => f.location.section),
    ).toEqual(['六']);
  });

  it('a figure whose table quantities are blank is not compared (no cascade)', () => {
    const report = balancedReport(2021);
    setCell(report, '三', T3_BLOCK_ID, 'new', 'total', '');
    setCell(report, '四', 'review', T4_ROW_ID, 'total', '—');
    append(report, '一', '全年收到政府信息公开申请5件，因政府信息公开被申请行政复议2件。');
    expect(codes(runChecks(report))).toEqual(['CELL_BLANK', 'CELL_BLANK']);
    // one of the two meanings still readable: compared with it alone
    const partial = balancedReport(2021);
    setCell(partial, '三', T3_BLOCK_ID, 'carried', 'total', '');
    const index = append(partial, '一', '全年收到政府信息公开申请5件。');
    const found = runChecks(partial).filter((f) => f.code === 'TEXT_TABLE_MISMATCH');
    expect(found.map((f) => [f.location, f.message])).toEqual([
      [
        { section: '一', paragraph: index },
        '正文写“收到政府信息公开申请5件”，但表三“本年新收政府信息公开申请数量”总计为28548，请核对正文与表格。',
      ],
    ]);
  });
});

describe('STALE_YEAR', () => {
  const stale: [string, number][] = [
    ['2020年，本机关进一步加强政府信息公开工作。', 2020],
    ['2020年度，全县各单位共主动公开信息五千余条。', 2020],
    ['截至2020年底，本机关现行有效规范性文件97件。', 2020],
    ['本报告是清河县市场监督管理局2020年度政府信息公开工作年度报告。', 2020],
    ['2019年，我局认真贯彻落实条例。', 2019],
  ];
  for (const [text, year] of stale) {
    it(`“${text}” in the 2021 report`, () => {
      const { findings, index } = withText(text);
      expect(findings).toEqual([
        {
          code: 'STALE_YEAR',
          severity: 'warning',
          location: { section: '一', paragraph: index },
          message: `“${text}”：本报告是2021年度报告，这里的${year}年是否为沿用上年报告未改的年份？请核实。`,
          fingerprint: expect.any(String),
        },
      ]);
    });
  }

  it('the example of checks.md: "2022年，我局…" in the 2023 report', () => {
    const { findings } = withText('2022年，我局围绕优化营商环境深化政务公开。', 2023);
    expect(findings.map((f) => f.code)).toEqual(['STALE_YEAR']);
    expect(findings[0]!.message).toContain('本报告是2023年度报告，这里的2022年');
  });

  it('a long sentence is quoted in part', () => {
    const text =
      '2020年，本机关深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，紧紧围绕县委县政府中心工作，持续深化重点领域信息公开。';
    const { findings } = withText(text);
    expect(findings[0]!.message).toBe(
      `“${text.slice(0, 40)}……”：本报告是2021年度报告，这里的2020年是否为沿用上年报告未改的年份？请核实。`,
    );
  });

  it("the 导语's period left from last year is one finding for the paragraph", () => {
    const report = balancedReport(2021);
    report.opening[0]!.text = report.opening[0]!.text.replace(
      '自2021年1月1日起至2021年12月31日止',
      '自2020年1月1日起至2020年12月31日止',
    );
    expect(runChecks(report).map((f) => [f.code, f.location])).toEqual([
      ['STALE_YEAR', { section: '导语', paragraph: 0 }],
    ]);
  });

  it('较 in 较好 or 比较 makes no comparison: a stale year is still found', () => {
    expect(codes(withText('2020年，我局政府信息公开工作开展较好。').findings)).toEqual([
      'STALE_YEAR',
    ]);
    expect(codes(withText('2020年，我局比较重视政务公开。').findings)).toEqual(['STALE_YEAR']);
  });

  const fine = [
    '2021年，本机关进一步加强政府信息公开工作。',
    '本年度收到政府信息公开申请数量较2020年增长12%。',
    '2020年，本机关主动公开信息较上年增加300条。',
    '2020年，本机关主动公开信息2500条，本年同比增长25%。',
    '与2020年相比，依申请公开数量有所下降。',
    '本年度主动公开信息比2020年增加600条。',
    '2022年，本机关将继续深化政务公开。',
    '下一步，本机关将在2022年组织专题培训。',
    '根据《清河县2020年度政府信息公开工作年度报告》中提出的问题，本年度逐项整改。',
    '针对2020年度政府信息公开工作年度报告中指出的问题，本机关逐项整改。',
    '按照2020年政府信息公开工作年度报告的整改要求，完善了公开目录。',
    '《2020年政务公开工作要点》部署的任务已全部完成。',
  ];
  for (const text of fine) {
    it(`not a finding: “${text}”`, () => {
      expect(withText(text).findings).toEqual([]);
    });
  }
});

describe('FEE_NOT_REPORTED', () => {
  function withoutFeeText(year = 2021): Report {
    const report = balancedReport(year);
    report.sections['六']!.paragraphs = [{ level: 0, text: '无其他需要报告的事项。' }];
    return report;
  }

  it('2021 format, applications received, section 六 silent about fees', () => {
    expect(runChecks(withoutFeeText())).toEqual([
      {
        code: 'FEE_NOT_REPORTED',
        severity: 'warning',
        location: { section: '六' },
        message:
          '本年共有28890件政府信息公开申请，“六、其他需要报告的事项”却没有说明信息处理费的收取情况（未收取也应写明），是否补充？',
        fingerprint: expect.any(String),
      },
    ]);
  });

  it('信息处理费 or 收费 in section 六 is enough; elsewhere it is not', () => {
    const report = withoutFeeText();
    report.sections['六']!.paragraphs.push({ level: 0, text: '本机关未发生收费情况。' });
    expect(runChecks(report)).toEqual([]);
    const elsewhere = withoutFeeText();
    append(elsewhere, '一', '本年度未收取信息处理费。');
    expect(codes(runChecks(elsewhere))).toEqual(['FEE_NOT_REPORTED']);
  });

  it('not for the 2019 format, nor without applications, nor when the totals are blank', () => {
    expect(runChecks(withoutFeeText(2020))).toEqual([]);
    const none = withoutFeeText();
    setCell(none, '三', T3_BLOCK_ID, 'new', 'total', '0');
    setCell(none, '三', T3_BLOCK_ID, 'carried', 'total', '0');
    expect(codes(runChecks(none))).not.toContain('FEE_NOT_REPORTED');
    const carriedOnly = withoutFeeText();
    setCell(carriedOnly, '三', T3_BLOCK_ID, 'new', 'total', '0');
    expect(codes(runChecks(carriedOnly))).toContain('FEE_NOT_REPORTED');
    const blank = withoutFeeText();
    setCell(blank, '三', T3_BLOCK_ID, 'new', 'total', '');
    expect(codes(runChecks(blank))).toEqual(['CELL_BLANK']);
  });
});

describe('TEXT_TABLE_MISMATCH: result rows named together (issue 11, false findings)', () => {
  const totals = (report: Report) => {
    const rows = report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows;
    return Number(rows['granted']!.cells['total']) + Number(rows['partial']!.cells['total']);
  };

  it('"予以公开及部分公开N件" is （一）+（二）, not （一） alone', () => {
    const sum = totals(balancedReport(2021));
    for (const pair of ['及', '和', '与', '、', '以及']) {
      const { findings } = withText(`对政府信息公开申请予以公开${pair}部分公开${sum}件。`);
      expect(codes(findings), pair).not.toContain('TEXT_TABLE_MISMATCH');
    }
  });

  it('a wrong sum is still found, and named as the sum of both rows', () => {
    const sum = totals(balancedReport(2021));
    const { findings } = withText(`对政府信息公开申请予以公开及部分公开${sum + 5}件。`);
    const found = findings.filter((f) => f.code === 'TEXT_TABLE_MISMATCH');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('“（一）予以公开”与“（二）部分公开”总计之和');
    expect(found[0]!.message).toContain(String(sum));
  });
});

describe('TEXT_TABLE_MISMATCH: the stock of 规范性文件 (found on a real report: 393 said, 470 in T2)', () => {
  const effective = (report: Report) =>
    Number(report.sections['二']!.table!.blocks['art20_1']!.rows['normative']!.cells['effective']);

  it('"现行有效行政规范性文件N件" is T2\'s 现行有效件数', () => {
    const n = effective(balancedReport(2021));
    expect(codes(withText(`集中发布现行有效行政规范性文件${n}件。`).findings)).not.toContain(
      'TEXT_TABLE_MISMATCH',
    );
    const wrong = withText(`清理并集中发布现行有效行政规范性文件${n + 7}件。`).findings.filter(
      (f) => f.code === 'TEXT_TABLE_MISMATCH',
    );
    expect(wrong).toHaveLength(1);
    expect(wrong[0]!.message).toContain('现行有效件数');
  });
});
