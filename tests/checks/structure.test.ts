// Structure and values (checks.md): sections, table completeness, cells, format version, unit,
// title, citation, government assessment — and the "no cascades" rules.
import { describe, expect, it } from 'vitest';
import { runChecks, type Finding } from '../../core/checks';
import { FORMATS, SECTION_IDS, sectionDef } from '../../core/formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import { blankReport, type Report } from '../../core/model';
import { DEPARTMENT, GOVERNMENT, balancedReport, only, setCell } from '../helpers/reports';

const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);

/** The one finding a report has; fails when there are more or none. */
function single(report: Report, options: Parameters<typeof runChecks>[1] = {}): Finding {
  const findings = runChecks(report, options);
  expect(codes(findings)).toHaveLength(1);
  return findings[0]!;
}

describe('SECTION_MISSING', () => {
  for (const id of SECTION_IDS) {
    it(`section ${id} absent: one error at the section, nothing about its content`, () => {
      for (const year of [2020, 2021]) {
        const report = balancedReport(year);
        delete report.sections[id];
        const f = single(report);
        expect(f).toMatchObject({
          code: 'SECTION_MISSING',
          severity: 'error',
          location: { section: id },
          message: `报告缺少“${sectionDef(id).heading}”部分。`,
        });
        expect(f.location).toEqual({ section: id });
      }
    });
  }

  it('two absent sections are two findings', () => {
    const report = balancedReport(2021);
    delete report.sections['三'];
    delete report.sections['四'];
    expect(runChecks(report).map((f) => [f.code, f.location])).toEqual([
      ['SECTION_MISSING', { section: '三' }],
      ['SECTION_MISSING', { section: '四' }],
    ]);
  });

  it('a present section with the accepted Art. 50 heading is not missing', () => {
    const report = balancedReport(2021);
    report.sections['四']!.heading = '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况';
    report.sections['五']!.heading = '五、政府信息公开工作存在的主要问题及改进情况';
    expect(runChecks(report)).toEqual([]);
  });
});

describe('HEADING_MISSING', () => {
  it('a section with content but no heading is a warning at the section', () => {
    const report = balancedReport(2021);
    report.sections['二']!.heading = '  ';
    expect(single(report)).toEqual({
      code: 'HEADING_MISSING',
      severity: 'warning',
      location: { section: '二' },
      message: '“二、主动公开政府信息情况”部分有内容，但缺少该部分的标题。',
      fingerprint: expect.any(String),
    });
  });
});

describe('SECTION_EMPTY', () => {
  it('section 五 without any paragraph', () => {
    const report = balancedReport(2021);
    report.sections['五']!.paragraphs = [];
    const f = single(report);
    expect(f).toMatchObject({
      code: 'SECTION_EMPTY',
      severity: 'warning',
      location: { section: '五' },
    });
    expect(f.message).toBe('“五、存在的主要问题及改进情况”没有内容，请补充。');
  });

  for (const placeholder of ['无。', '暂无', '无', '  无；']) {
    it(`section 一 that only says “${placeholder}”`, () => {
      const report = balancedReport(2021);
      report.sections['一']!.paragraphs = [{ level: 0, text: placeholder }];
      const f = single(report);
      expect(f).toMatchObject({
        code: 'SECTION_EMPTY',
        severity: 'warning',
        location: { section: '一' },
      });
      expect(f.message).toBe(`“一、总体情况”只写了“${placeholder.trim()}”，请补充。`);
    });
  }

  it('section 六 may say 无; real text in 一 and 五 is not empty', () => {
    const report = balancedReport(2021);
    report.sections['六']!.paragraphs = [{ level: 0, text: '无。' }];
    // FEE_NOT_REPORTED is about section 六's content, not emptiness
    expect(codes(runChecks(report))).toEqual(['FEE_NOT_REPORTED']);
    report.sections['五']!.paragraphs = [{ level: 0, text: '无其他问题，下一步继续加强培训。' }];
    expect(codes(runChecks(report))).toEqual(['FEE_NOT_REPORTED']);
  });
});

describe('TABLE_INCOMPLETE', () => {
  it('a missing T3 row: one error at its place, no CELL_BLANK, no arithmetic on it', () => {
    const report = balancedReport(2021);
    delete report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['denied3'];
    const f = single(report);
    expect(f).toMatchObject({
      code: 'TABLE_INCOMPLETE',
      severity: 'error',
      message: '表三“（三）不予公开”中缺少“3.危及“三安全一稳定””行。',
    });
    expect(f.location).toEqual({
      section: '三',
      table: '三',
      block: '（三）不予公开',
      row: '3.危及“三安全一稳定”',
    });
  });

  it('a missing T3 row outside any group has no block in its location', () => {
    const report = balancedReport(2021);
    delete report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['carryNext'];
    const findings = runChecks(report);
    // the narrative's "结转下年度继续办理414件" has nothing to compare with: skipped, not a mismatch
    expect(codes(findings)).toEqual(['TABLE_INCOMPLETE']);
    expect(findings[0]!.location).toEqual({
      section: '三',
      table: '三',
      row: '四、结转下年度继续办理',
    });
  });

  it('the 2019 row （六）其他处理 and the 2021 rows （六）1–3 are required in their own format', () => {
    const r2019 = balancedReport(2020);
    delete r2019.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['other'];
    expect(single(r2019).location).toEqual({
      section: '三',
      table: '三',
      block: '三、本年度办理结果',
      row: '（六）其他处理',
    });
    const r2021 = balancedReport(2021);
    delete r2021.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['other3'];
    expect(single(r2021).location).toEqual({
      section: '三',
      table: '三',
      block: '（六）其他处理',
      row: '3.其他',
    });
  });

  it('a missing T2 row names its block caption', () => {
    const report = balancedReport(2021);
    delete report.sections['二']!.table!.blocks['art20_6']!.rows['penalty'];
    const f = single(report);
    expect(f.message).toBe('表二“第二十条第（六）项”中缺少“行政处罚”行。');
    expect(f.location).toEqual({
      section: '二',
      table: '二',
      block: '第二十条第（六）项',
      row: '行政处罚',
    });
  });

  it('a missing column: one error, no CELL_BLANK for its cells, no row totals computed without it', () => {
    const report = balancedReport(2021);
    const block = report.sections['三']!.table!.blocks[T3_BLOCK_ID]!;
    block.columns = block.columns.filter((c) => c !== 'research');
    for (const row of Object.values(block.rows)) delete row.cells['research'];
    const f = single(report);
    expect(f).toMatchObject({ code: 'TABLE_INCOMPLETE', message: '表三缺少“科研机构”列。' });
    expect(f.location).toEqual({ section: '三', table: '三', column: '科研机构' });
  });

  it('a listed column whose cells are missing reads as blank cells', () => {
    const report = balancedReport(2021);
    delete report.sections['二']!.table!.blocks['art20_5']!.rows['licensing']!.cells['decisions'];
    const f = single(report);
    expect(f.code).toBe('CELL_BLANK');
    expect(f.location).toEqual({
      section: '二',
      table: '二',
      block: '第二十条第（五）项',
      row: '行政许可',
      column: '本年处理决定数量',
    });
  });

  it('a missing T2 block is one error with its caption', () => {
    const report = balancedReport(2020);
    delete report.sections['二']!.table!.blocks['art20_9'];
    const f = single(report);
    expect(f).toMatchObject({
      code: 'TABLE_INCOMPLETE',
      message: '表二缺少“第二十条第（九）项”部分。',
    });
    expect(f.location).toEqual({ section: '二', table: '二', block: '第二十条第（九）项' });
  });

  it('a missing T4 block is one error; the lawsuit figure of the narrative is not compared', () => {
    const report = balancedReport(2021);
    delete report.sections['四']!.table!.blocks['suitAfter'];
    const f = single(report);
    expect(f).toMatchObject({ code: 'TABLE_INCOMPLETE', message: '表四缺少“复议后起诉”栏。' });
    expect(f.location).toEqual({ section: '四', table: '四', block: '复议后起诉' });
  });

  it("T4's data row missing in every block is one finding", () => {
    const report = balancedReport(2021);
    for (const block of Object.values(report.sections['四']!.table!.blocks))
      delete block.rows[T4_ROW_ID];
    const f = single(report);
    expect(f).toMatchObject({ code: 'TABLE_INCOMPLETE', message: '表四缺少数据行。' });
    expect(f.location).toEqual({ section: '四', table: '四' });
  });

  it("T4's data row missing in one block only is one finding at that block", () => {
    const report = balancedReport(2021);
    delete report.sections['四']!.table!.blocks['review']!.rows[T4_ROW_ID];
    const f = single(report);
    expect(f).toMatchObject({ code: 'TABLE_INCOMPLETE', message: '表四“行政复议”缺少数据。' });
    expect(f.location).toEqual({ section: '四', table: '四', block: '行政复议' });
  });

  it('a present section without its table is one finding', () => {
    for (const tid of ['二', '三', '四'] as const) {
      const report = balancedReport(2021);
      delete report.sections[tid]!.table;
      const f = single(report);
      expect(f).toMatchObject({
        code: 'TABLE_INCOMPLETE',
        severity: 'error',
        message: `“${sectionDef(tid).heading}”部分没有表${tid}。`,
      });
      expect(f.location).toEqual({ section: tid, table: tid });
    }
  });
});

describe('CELL_BLANK, CELL_NA, VALUE_INVALID', () => {
  const t3Cell: [string, string] = ['denied1', 'natural'];
  const t3Place = {
    section: '三',
    table: '三',
    block: '（三）不予公开',
    row: '1.属于国家秘密',
    column: '自然人',
  };

  it('an empty T3 cell: one error at the cell, and the sums through it are skipped', () => {
    const report = balancedReport(2021);
    setCell(report, '三', T3_BLOCK_ID, ...t3Cell, '');
    const f = single(report);
    expect(f).toEqual({
      code: 'CELL_BLANK',
      severity: 'error',
      location: t3Place,
      message: '表三“（三）不予公开 / 1.属于国家秘密”行“自然人”列未填写；没有发生请填 0。',
      fingerprint: expect.any(String),
    });
  });

  for (const mark of ['空', '/', '／', '-', '—', '——', '－', ' ']) {
    it(`“${mark}” in T3 and T4 is blank`, () => {
      const report = balancedReport(2021);
      setCell(report, '三', T3_BLOCK_ID, ...t3Cell, mark);
      setCell(report, '四', 'review', T4_ROW_ID, 'pending', mark);
      const findings = runChecks(report);
      expect(codes(findings)).toEqual(['CELL_BLANK', 'CELL_BLANK']);
      expect(findings[0]!.location).toEqual(t3Place);
      expect(findings[1]!.location).toEqual({
        section: '四',
        table: '四',
        block: '行政复议',
        column: '尚未审结',
      });
      if (mark.trim()) expect(findings[0]!.message).toContain(`填的是“${mark}”，视为未填`);
    });
  }

  for (const mark of ['-', '—', '空', '']) {
    it(`“${mark}” in T2 is blank, not “not applicable”`, () => {
      const report = balancedReport(2021);
      setCell(report, '二', 'art20_1', 'rules', 'issued', mark);
      const f = single(report);
      expect(f.code).toBe('CELL_BLANK');
      expect(f.location).toEqual({
        section: '二',
        table: '二',
        block: '第二十条第（一）项',
        row: '规章',
        column: '本年制发件数',
      });
    });
  }

  for (const mark of ['/', '——', '不适用', '／']) {
    it(`“${mark}” in T2 is CELL_NA, a warning that suggests 0`, () => {
      const report = balancedReport(2021);
      setCell(report, '二', 'art20_1', 'rules', 'issued', mark);
      const f = single(report);
      expect(f).toEqual({
        code: 'CELL_NA',
        severity: 'warning',
        location: {
          section: '二',
          table: '二',
          block: '第二十条第（一）项',
          row: '规章',
          column: '本年制发件数',
        },
        message: `表二“第二十条第（一）项 / 规章”行“本年制发件数”列填的是“${mark}”（不适用）。本单位没有此类事项时，按格式要求应填 0，是否改为 0？`,
        fingerprint: expect.any(String),
      });
    });
  }

  it('a blank report: one CELL_BLANK per fillable cell (none on a computed 总计), and no arithmetic, text or T2 finding besides', () => {
    for (const year of [2020, 2021]) {
      const report = blankReport({ id: 'u', name: DEPARTMENT, kind: '部门' }, year);
      const findings = runChecks(report);
      // 200 (2021) / 198 (2019) cells, of which 34 / 32 are computed totals the clerk cannot type
      const cells = 166;
      expect(only(findings, 'CELL_BLANK')).toHaveLength(cells);
      expect(only(findings, 'CELL_BLANK').map((f) => f.location.column)).not.toContain('总计');
      expect(
        only(findings, 'CELL_BLANK').filter(
          (f) => f.location.block === '（七）总计' || f.location.row === '（七）总计',
        ),
      ).toEqual([]);
      expect(codes(findings).filter((c) => c !== 'CELL_BLANK')).toEqual([
        'SECTION_EMPTY',
        'SECTION_EMPTY',
        'DATE_MISSING',
      ]);
    }
  });

  it('an imported report states its totals: a 总计 it left blank is CELL_BLANK (checks.md), unlike one the app computes', () => {
    const report = blankReport({ id: 'u', name: DEPARTMENT, kind: '部门' }, 2021);
    const made = only(runChecks(report), 'CELL_BLANK').length;
    const imported = only(
      runChecks({ ...report, source: { file: 'a.html', type: 'html' } }),
      'CELL_BLANK',
    );
    expect(imported).toHaveLength(200);
    expect(imported.length - made).toBe(34);
    expect(imported.map((f) => f.location.column)).toContain('总计');
  });

  const invalid: [string, string, string, string, string, string][] = [
    ['三', T3_BLOCK_ID, 'granted', 'legal', 'abc', '“abc”不是数字'],
    ['三', T3_BLOCK_ID, 'granted', 'legal', '-3', '数量不能为负数（“-3”）'],
    ['三', T3_BLOCK_ID, 'granted', 'legal', '3.5', '数量应为整数（“3.5”）'],
    ['三', T3_BLOCK_ID, 'granted', 'legal', '增 5', '“增 5”是增减数，此处应填数量'],
    ['三', T3_BLOCK_ID, 'granted', 'legal', '+5', '“+5”是增减数，此处应填数量'],
    ['三', T3_BLOCK_ID, 'granted', 'legal', '5万元', '“5万元”带有金额单位，此处应填件数'],
    ['四', 'suitDirect', T4_ROW_ID, 'upheld', '1/2', '“1/2”不是数字'],
    [
      '二',
      'art20_8',
      'fees',
      'fees',
      '251000元',
      '“251000元”的单位不对，此列单位为万元，应写作 25.1',
    ],
    ['二', 'art20_8', 'fees', 'fees', '-2.5', '金额不能写成增减或负数（“-2.5”）'],
    ['二', 'art20_1', 'normative', 'issued', '减 3', '数量不能为负数（“减 3”）'],
  ];
  for (const [table, block, row, col, raw, reason] of invalid) {
    it(`“${raw}” in ${table}/${block}/${row}/${col} is VALUE_INVALID`, () => {
      const report = balancedReport(2021);
      setCell(report, table as '二', block, row, col, raw);
      const findings = runChecks(report);
      const f = findings[0]!;
      expect(f).toMatchObject({ code: 'VALUE_INVALID', severity: 'error' });
      expect(f.message).toContain(reason);
      // the invalid cell takes part in no sum (no cascade)
      expect(codes(findings)).toEqual(['VALUE_INVALID']);
    });
  }

  it('VALUE_INVALID names the cell', () => {
    const report = balancedReport(2021);
    setCell(report, '三', T3_BLOCK_ID, 'granted', 'legal', 'abc');
    const f = single(report);
    expect(f.location).toEqual({
      section: '三',
      table: '三',
      block: '三、本年度办理结果',
      row: '（一）予以公开',
      column: '法律服务机构',
    });
    expect(f.message).toBe(
      '表三“三、本年度办理结果 / （一）予以公开”行“法律服务机构”列：“abc”不是数字。',
    );
  });

  it('signed deltas are valid in 本年增/减 (2019 format) and only there', () => {
    const report = balancedReport(2020);
    for (const delta of ['增 69', '+69', '增加69项', '减 3', '-3', '减少3项', '0', '无', '－３']) {
      setCell(report, '二', 'art20_5', 'licensing', 'delta', delta);
      expect(runChecks(report), delta).toEqual([]);
    }
    setCell(report, '二', 'art20_5', 'licensing', 'priorItems', '增 69');
    const f = single(report);
    expect(f.code).toBe('VALUE_INVALID');
    expect(f.location).toEqual({
      section: '二',
      table: '二',
      block: '第二十条第（五）项',
      row: '行政许可',
      column: '上一年项目数量',
    });
  });

  it('a delta must be whole', () => {
    const report = balancedReport(2020);
    setCell(report, '二', 'art20_6', 'penalty', 'delta', '增 1.5');
    expect(single(report).message).toContain('增减数应为整数（“增 1.5”）');
  });

  it('money keeps its measure: 万元 in the 2021 T2, 元 or 万元 for 2019 采购总金额', () => {
    const r2021 = balancedReport(2021);
    for (const raw of ['4068.208', '4068.208万元', '4,068.208', '０']) {
      setCell(r2021, '二', 'art20_8', 'fees', 'fees', raw);
      expect(runChecks(r2021), raw).toEqual([]);
    }
    const r2019 = balancedReport(2020);
    for (const raw of ['251000元', '25.1万元', '6944.93', '251,000元']) {
      setCell(r2019, '二', 'art20_9', 'procurement', 'amount', raw);
      expect(runChecks(r2019), raw).toEqual([]);
    }
  });

  it('normalised numbers are read as numbers: full-width digits, separators, unit words, 无', () => {
    const report = balancedReport(2021);
    setCell(report, '三', T3_BLOCK_ID, 'granted', 'natural', '１０１');
    setCell(report, '三', T3_BLOCK_ID, 'total', 'natural', '4,641');
    setCell(report, '三', T3_BLOCK_ID, 'total', 'total', '28,476件');
    setCell(report, '二', 'art20_5', 'licensing', 'decisions', '356件');
    setCell(report, '二', 'art20_1', 'rules', 'issued', '13条');
    setCell(report, '二', 'art20_1', 'rules', 'repealed', '14 项');
    // 无 = 0: 行政复议 3 + 1 + 0 + 5 = 9
    setCell(report, '四', 'review', T4_ROW_ID, 'other', '无');
    setCell(report, '四', 'review', T4_ROW_ID, 'total', '9');
    const findings = runChecks(report);
    // the narrative still says 行政复议11件: the only finding, and proof that 无 was read as 0
    expect(codes(findings)).toEqual(['TEXT_TABLE_MISMATCH']);
    expect(findings[0]!.message).toContain('表四“行政复议”总计为9');
  });
});

describe('LABEL_UNCLEAR and ROW_UNRECOGNISED', () => {
  it('a row read from a cut-short label is a warning at the row', () => {
    const report = balancedReport(2021);
    report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['denied4']!.label = '4. 保护第三方合';
    const f = single(report);
    expect(f).toMatchObject({
      code: 'LABEL_UNCLEAR',
      severity: 'warning',
      message:
        '表三中行名“4. 保护第三方合”不完整，已按“4.保护第三方合法权益”读取，请核对该行数字。',
    });
    expect(f.location).toEqual({
      section: '三',
      table: '三',
      block: '（三）不予公开',
      row: '4.保护第三方合法权益',
    });
  });

  it('a row that could not be placed is kept and reported, with its text', () => {
    const report = balancedReport(2021);
    report.sections['三']!.table!.unrecognised.push({
      cells: ['合计', ' 12', '', '3'],
      reason: '行名无法识别',
    });
    report.sections['二']!.table!.unrecognised.push({
      block: '第二十条第（九）项',
      cells: ['政府集中采购', '5'],
      reason: '2021年版格式没有此行',
    });
    const findings = runChecks(report);
    expect(findings.map((f) => [f.code, f.severity, f.location])).toEqual([
      ['ROW_UNRECOGNISED', 'warning', { section: '二', table: '二', block: '第二十条第（九）项' }],
      ['ROW_UNRECOGNISED', 'warning', { section: '三', table: '三' }],
    ]);
    expect(findings[1]!.message).toBe(
      '表三中有一行无法对应到格式中的任何行（行名无法识别）：“合计 | 12 | 3”。其中的数字没有读入，请核对。',
    );
  });
});

describe('FORMAT_MISMATCH', () => {
  it('a 2021 report in the 2019 layout: the only finding, checked against the layout found', () => {
    const report = balancedReport(2021, { layout: '2019' });
    expect(report.format).toBe('2019');
    const f = single(report);
    expect(f).toEqual({
      code: 'FORMAT_MISMATCH',
      severity: 'error',
      location: { section: '全文' },
      message:
        '2021年度报告应使用2021年版格式（国办公开办函〔2021〕30号），本报告的表格是2019年版格式。',
      fingerprint: expect.any(String),
    });
    // a blank cell of the 2019 layout is reported at its 2019 place
    setCell(report, '二', 'art20_5', 'otherServices', 'decisions', '');
    const findings = runChecks(report);
    expect(codes(findings)).toEqual(['FORMAT_MISMATCH', 'CELL_BLANK']);
    expect(findings[1]!.location).toEqual({
      section: '二',
      table: '二',
      block: '第二十条第（五）项',
      row: '其他对外管理服务事项',
      column: '处理决定数量',
    });
  });

  it("citing the found layout's own 文号 is part of the same mismatch, not a second finding", () => {
    const report = balancedReport(2021, { layout: '2019' });
    report.opening[0]!.text = report.opening[0]!.text.replace(
      '国办公开办函〔2021〕30号',
      '国办公开办函〔2019〕60号',
    );
    expect(codes(runChecks(report))).toEqual(['FORMAT_MISMATCH']);
    const later = balancedReport(2020, { layout: '2021' });
    later.opening[0]!.text = later.opening[0]!.text.replace(
      '国办公开办函〔2019〕60号',
      '国办公开办函〔2021〕30号',
    );
    expect(codes(runChecks(later))).toEqual(['FORMAT_MISMATCH']);
    // a number that is wrong for both is still a wrong citation
    later.opening[0]!.text = later.opening[0]!.text.replace(
      '国办公开办函〔2021〕30号',
      '国办发〔2021〕30号',
    );
    expect(codes(runChecks(later))).toEqual(['FORMAT_MISMATCH', 'BASIS_CITATION']);
  });

  it('a 2020 report in the 2021 layout', () => {
    const report = balancedReport(2020, { layout: '2021' });
    const f = single(report, { kind: '部门' });
    expect(f.message).toBe(
      '2020年度报告应使用2019年版格式（国办公开办函〔2019〕60号），本报告的表格是2021年版格式。',
    );
  });

  it('a report before 2019 cannot be checked in a current format', () => {
    const report = balancedReport(2019);
    report.year = 2018;
    const f = runChecks(report).find((x) => x.code === 'FORMAT_MISMATCH')!;
    expect(f.message).toBe(
      '2018年度报告早于2019年版格式，不能按现行格式检查；本报告的表格是2019年版格式。',
    );
  });
});

describe('UNIT_MISSING', () => {
  function anonymous(): Report {
    const report = balancedReport(2021);
    report.title = '2021年政府信息公开工作年度报告';
    report.signature.unit = '';
    report.opening[0]!.text = report.opening[0]!.text.replace(DEPARTMENT, '本机关');
    return report;
  }

  it('no unit in title, 导语 or 落款: one error about the whole report', () => {
    expect(single(anonymous())).toEqual({
      code: 'UNIT_MISSING',
      severity: 'error',
      location: { section: '全文' },
      message: '报告的标题、导语和落款都没有写明单位名称，请在标题和落款中写明。',
      fingerprint: expect.any(String),
    });
  });

  it('a unit named in any one of them is enough', () => {
    const inTitle = anonymous();
    inTitle.title = `${DEPARTMENT}2021年政府信息公开工作年度报告`;
    expect(runChecks(inTitle)).toEqual([]);
    const inSignature = anonymous();
    inSignature.signature.unit = DEPARTMENT;
    expect(runChecks(inSignature)).toEqual([]);
    const inOpening = anonymous();
    inOpening.opening[0]!.text = `${DEPARTMENT}${inOpening.opening[0]!.text}`;
    expect(runChecks(inOpening)).toEqual([]);
  });
});

describe('TITLE_MISMATCH', () => {
  const cases: [string, string][] = [
    [
      '清河县市场监督管理局2020年政府信息公开工作年度报告',
      '标题中的年份是2020年，而本报告是2021年度报告。',
    ],
    [
      '清河县市场监督管理局2021年政务公开工作总结',
      '标题“清河县市场监督管理局2021年政务公开工作总结”中没有“政府信息公开工作年度报告”字样。',
    ],
    [
      '清河县市场监督管理局政府信息公开工作年度报告',
      '标题“清河县市场监督管理局政府信息公开工作年度报告”中没有写年份（应为2021年）。',
    ],
    ['', '报告没有标题，应为“<单位名称>2021年政府信息公开工作年度报告”。'],
  ];
  for (const [title, message] of cases) {
    it(`“${title}”`, () => {
      const report = balancedReport(2021);
      report.title = title;
      const f = single(report);
      expect(f).toMatchObject({ code: 'TITLE_MISMATCH', severity: 'warning', message });
      expect(f.location).toEqual({ section: '标题' });
    });
  }

  it('the year may be written 2021年度 or 二〇二一年', () => {
    const report = balancedReport(2021);
    for (const title of [
      '清河县市场监督管理局2021年度政府信息公开工作年度报告',
      '清河县市场监督管理局二〇二一年政府信息公开工作年度报告',
    ]) {
      report.title = title;
      expect(runChecks(report), title).toEqual([]);
    }
  });
});

describe('BASIS_CITATION', () => {
  it('a wrong document number for the format: a warning at the 导语 paragraph', () => {
    const report = balancedReport(2021);
    report.opening.unshift({
      level: 0,
      text: '根据国办发〔2021〕30号文件要求，现公布本年度报告。',
    });
    const f = single(report);
    expect(f).toEqual({
      code: 'BASIS_CITATION',
      severity: 'warning',
      location: { section: '导语', paragraph: 0 },
      message:
        '导语引用的“国办发〔2021〕30号”有误：2021年度报告所用格式的文号是“国办公开办函〔2021〕30号”（《中华人民共和国政府信息公开工作年度报告格式》），是否改正？',
      fingerprint: expect.any(String),
    });
  });

  it("the other format's number is wrong for the year", () => {
    const report = balancedReport(2021);
    report.opening[0]!.text = report.opening[0]!.text.replace(
      '国办公开办函〔2021〕30号',
      '国办公开办函〔2019〕60号',
    );
    const f = single(report);
    expect(f.location).toEqual({ section: '导语', paragraph: 0 });
    expect(f.message).toContain('“国办公开办函〔2019〕60号”有误');
    const old = balancedReport(2020);
    old.opening[0]!.text = old.opening[0]!.text.replace(
      '国办公开办函〔2019〕60号',
      '国办公开办函〔2021〕30号',
    );
    expect(single(old).message).toContain('2020年度报告所用格式的文号是“国办公开办函〔2019〕60号”');
  });

  it('other brackets around the year, and other documents, are no finding', () => {
    const report = balancedReport(2021);
    report.opening[0]!.text = report.opening[0]!.text.replace(
      '国办公开办函〔2021〕30号',
      '国办公开办函[2021]30号',
    );
    report.opening.push({ level: 0, text: '参照国办发〔2019〕15号、国办函〔2021〕12号文件。' });
    expect(runChecks(report)).toEqual([]);
  });
});

describe('GOV_ASSESSMENT_MISSING', () => {
  function withoutAssessment(kind: Report['unit']['kind'], keep: readonly string[] = []): Report {
    const report = balancedReport(2021, { unitName: GOVERNMENT, kind });
    const para = report.sections['一']!.paragraphs.at(-1)!;
    para.text = [
      '将政府信息公开工作纳入年度绩效考核',
      '邀请群众代表开展社会评议',
      '本年度未发生责任追究情况',
    ]
      .filter((t) => keep.some((k) => t.includes(k)))
      .concat('持续加强监督保障。')
      .join('，');
    return report;
  }

  it('政府: a warning that lists every missing item', () => {
    const f = single(withoutAssessment('政府'));
    expect(f).toEqual({
      code: 'GOV_ASSESSMENT_MISSING',
      severity: 'warning',
      location: { section: '一' },
      message:
        '政府的年度报告应报告工作考核、社会评议和责任追究结果（《条例》第五十条），本报告未提到：考核、评议、责任追究。',
      fingerprint: expect.any(String),
    });
  });

  it('乡镇街道: lists only the missing ones', () => {
    const f = single(withoutAssessment('乡镇街道', ['考核']));
    expect(f.message).toBe(
      '乡镇（街道）的年度报告应报告工作考核、社会评议和责任追究结果（《条例》第五十条），本报告未提到：评议、责任追究。',
    );
    expect(single(withoutAssessment('政府', ['考核', '评议'])).message).toMatch(
      /本报告未提到：责任追究。$/u,
    );
  });

  it('the kind given in the options counts', () => {
    expect(codes(runChecks(withoutAssessment(null), { kind: '政府' }))).toEqual([
      'GOV_ASSESSMENT_MISSING',
    ]);
  });

  it('部门 and 其他 need not report it; an unknown kind skips it (even for a name that looks like a government)', () => {
    expect(runChecks(withoutAssessment('部门'))).toEqual([]);
    expect(runChecks(withoutAssessment('其他'))).toEqual([]);
    const unknown = withoutAssessment(null);
    expect(unknown.unit.name).toBe('清河县人民政府');
    expect(runChecks(unknown)).toEqual([]);
  });
});

it('every finding has the severity its code is registered with', async () => {
  const { CODES } = await import('../../core/checks');
  const report = balancedReport(2021);
  delete report.sections['五'];
  report.title = '';
  setCell(report, '三', T3_BLOCK_ID, 'new', 'natural', '1');
  setCell(report, '二', 'art20_1', 'rules', 'issued', '/');
  for (const f of runChecks(report, { kind: '政府' })) {
    expect(f.severity).toBe(CODES[f.code as keyof typeof CODES].severity);
  }
  expect(
    FORMATS['2021'].assertions.every(
      (a) => CODES[a.code as keyof typeof CODES]?.severity === a.severity,
    ),
  ).toBe(true);
  expect(
    FORMATS['2019'].assertions.every(
      (a) => CODES[a.code as keyof typeof CODES]?.severity === a.severity,
    ),
  ).toBe(true);
});
