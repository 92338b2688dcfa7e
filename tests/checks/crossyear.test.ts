// Across years (checks.md): CARRY_OVER_MISMATCH (also across the 2020→2021 format change),
// STOCK_DRIFT (2021 format both years), ITEM_COUNT_DRIFT (2019 format both years), TEXT_COPIED.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { balancedReport, numberAt, priorOf, setCell } from '../helpers/reports';

describe('CARRY_OVER_MISMATCH: this year’s 二 = last year’s 四, per column', () => {
  for (const year of [2020, 2021, 2022]) {
    it(`${year} against ${year - 1}${year === 2021 ? ' (2019 format → 2021 format)' : ''}`, () => {
      const report = balancedReport(year);
      const prior = priorOf(report);
      expect(runChecks(report, { prior })).toEqual([]);
      setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'natural', '50');
      expect(runChecks(report, { prior })).toEqual([
        {
          code: 'CARRY_OVER_MISMATCH',
          severity: 'warning',
          location: {
            section: '三',
            table: '三',
            row: '二、上年结转政府信息公开申请数量',
            column: '自然人',
          },
          message:
            '自然人列：本年“上年结转”为52，上年报告“结转下年度继续办理”为50，是否一致？请核实。',
          fingerprint: expect.any(String),
        },
      ]);
    });
  }

  it('every column, 总计 included', () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    for (const col of [
      'natural',
      'business',
      'research',
      'nonprofit',
      'legal',
      'otherOrg',
      'total',
    ]) {
      setCell(
        prior,
        '三',
        T3_BLOCK_ID,
        'carryNext',
        col,
        String(numberAt(prior, '三', T3_BLOCK_ID, 'carryNext', col) + 1),
      );
    }
    const found = runChecks(report, { prior });
    expect(found.map((f) => f.location.column)).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
    expect(found.every((f) => f.code === 'CARRY_OVER_MISMATCH')).toBe(true);
    expect(found.at(-1)!.message).toBe(
      '总计列：本年“上年结转”为342，上年报告“结转下年度继续办理”为343，是否一致？请核实。',
    );
  });

  it('not checked without a prior report, nor when either side is blank or absent', () => {
    const report = balancedReport(2021);
    setCell(report, '三', T3_BLOCK_ID, 'carried', 'natural', '53');
    setCell(report, '三', T3_BLOCK_ID, 'carried', 'total', '343');
    setCell(report, '三', T3_BLOCK_ID, 'new', 'natural', '4652');
    setCell(report, '三', T3_BLOCK_ID, 'new', 'total', '28547');
    const prior = priorOf(balancedReport(2021));
    // balanced again (一 one lower, 二 one higher), but the narrative says 28548 and 342
    const alone = runChecks(report).map((f) => f.code);
    expect(alone).not.toContain('CARRY_OVER_MISMATCH');
    expect(
      runChecks(report, { prior })
        .filter((f) => f.code === 'CARRY_OVER_MISMATCH')
        .map((f) => f.location.column),
    ).toEqual(['自然人', '总计']);
    setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'natural', '');
    delete prior.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['carryNext']!.cells['total'];
    expect(runChecks(report, { prior }).filter((f) => f.code === 'CARRY_OVER_MISMATCH')).toEqual(
      [],
    );
    delete prior.sections['三'];
    expect(runChecks(report, { prior }).filter((f) => f.code === 'CARRY_OVER_MISMATCH')).toEqual(
      [],
    );
  });

  it("findings about last year's report itself are not this report's", () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    setCell(prior, '三', T3_BLOCK_ID, 'granted', 'natural', '');
    prior.title = '';
    expect(runChecks(report, { prior })).toEqual([]);
  });
});

describe('STOCK_DRIFT: 现行有效件数 = last year’s + 本年制发 − 本年废止 (2021 format both years)', () => {
  it('the exact finding, phrased as a question', () => {
    const report = balancedReport(2022);
    const prior = priorOf(report);
    expect(runChecks(report, { prior })).toEqual([]);
    setCell(report, '二', 'art20_1', 'rules', 'effective', '16');
    expect(runChecks(report, { prior })).toEqual([
      {
        code: 'STOCK_DRIFT',
        severity: 'warning',
        location: {
          section: '二',
          table: '二',
          block: '第二十条第（一）项',
          row: '规章',
          column: '现行有效件数',
        },
        message:
          '规章：现行有效件数为16，而上年现行有效16+本年制发13−本年废止14=15。是否另有文件失效或清理？请核实。',
        fingerprint: expect.any(String),
      },
    ]);
    expect(runChecks(report)).toEqual([]);
  });

  it('行政规范性文件 too, and each term matters', () => {
    const report = balancedReport(2022);
    const prior = priorOf(report);
    setCell(prior, '二', 'art20_1', 'normative', 'effective', '90');
    const f = runChecks(report, { prior });
    expect(f.map((x) => [x.code, x.location.row])).toEqual([['STOCK_DRIFT', '行政规范性文件']]);
    expect(f[0]!.message).toBe(
      '行政规范性文件：现行有效件数为97，而上年现行有效90+本年制发18−本年废止19=89。是否另有文件失效或清理？请核实。',
    );
    for (const col of ['issued', 'repealed']) {
      const r = balancedReport(2022);
      setCell(
        r,
        '二',
        'art20_1',
        'rules',
        col,
        String(numberAt(r, '二', 'art20_1', 'rules', col) + 1),
      );
      expect(
        runChecks(r, { prior: priorOf(balancedReport(2022)) }).map((x) => x.code),
        col,
      ).toEqual(['STOCK_DRIFT']);
    }
  });

  it('not checked across the 2020→2021 change, nor when a term is not a number', () => {
    const report = balancedReport(2021);
    setCell(report, '二', 'art20_1', 'rules', 'effective', '999');
    expect(runChecks(report, { prior: priorOf(report) })).toEqual([]);
    const r2022 = balancedReport(2022);
    const prior = priorOf(r2022);
    setCell(r2022, '二', 'art20_1', 'rules', 'effective', '999');
    setCell(prior, '二', 'art20_1', 'rules', 'effective', '/');
    expect(runChecks(r2022, { prior })).toEqual([]);
    setCell(prior, '二', 'art20_1', 'rules', 'effective', '16');
    setCell(r2022, '二', 'art20_1', 'rules', 'repealed', '不适用');
    expect(runChecks(r2022, { prior }).map((f) => f.code)).toEqual(['CELL_NA']);
  });
});

describe('ITEM_COUNT_DRIFT: 上一年项目数量 = last year’s 上一年项目数量 + 本年增/减 (2019 format both years)', () => {
  it('the exact finding, with the delta as written', () => {
    const report = balancedReport(2020);
    const prior = priorOf(report);
    expect(runChecks(report, { prior })).toEqual([]);
    setCell(report, '二', 'art20_5', 'licensing', 'priorItems', '80');
    setCell(report, '二', 'art20_5', 'otherServices', 'priorItems', '17');
    expect(runChecks(report, { prior })).toEqual([
      {
        code: 'ITEM_COUNT_DRIFT',
        severity: 'warning',
        location: {
          section: '二',
          table: '二',
          block: '第二十条第（五）项',
          row: '行政许可',
          column: '上一年项目数量',
        },
        message:
          '行政许可：上一年项目数量为80，而上年报告的上一年项目数量74加本年增/减5为79。是否有调整？请核实。',
        fingerprint: expect.any(String),
      },
      {
        code: 'ITEM_COUNT_DRIFT',
        severity: 'warning',
        location: {
          section: '二',
          table: '二',
          block: '第二十条第（五）项',
          row: '其他对外管理服务事项',
          column: '上一年项目数量',
        },
        // last year: 18, 本年增/减 "-2"
        message:
          '其他对外管理服务事项：上一年项目数量为17，而上年报告的上一年项目数量18加本年增/减-2为16。是否有调整？请核实。',
        fingerprint: expect.any(String),
      },
    ]);
  });

  it('rows of blocks （六） and （八） too', () => {
    const report = balancedReport(2020);
    const prior = priorOf(report);
    setCell(prior, '二', 'art20_6', 'enforcement', 'delta', '增 1');
    setCell(prior, '二', 'art20_8', 'fees', 'priorItems', '31');
    const found = runChecks(report, { prior });
    expect(found.map((f) => [f.code, f.location.block, f.location.row])).toEqual([
      ['ITEM_COUNT_DRIFT', '第二十条第（六）项', '行政强制'],
      ['ITEM_COUNT_DRIFT', '第二十条第（八）项', '行政事业性收费'],
    ]);
    expect(found[0]!.message).toBe(
      '行政强制：上一年项目数量为28，而上年报告的上一年项目数量29加本年增/减1为30。是否有调整？请核实。',
    );
  });

  it('not checked across the 2020→2021 change (the measures changed)', () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    setCell(prior, '二', 'art20_5', 'licensing', 'delta', '增 500');
    expect(runChecks(report, { prior })).toEqual([]);
  });
});

describe('TEXT_COPIED: section 一 or 五, ≥ 50 characters, ≥ 90 % the same as last year', () => {
  const body = (report: Report, id: '一' | '五') => report.sections[id]!.paragraphs;

  it('the same text as last year: a warning at the section', () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    report.sections['五']!.paragraphs = structuredClone(body(prior, '五'));
    expect(runChecks(report, { prior })).toEqual([
      {
        code: 'TEXT_COPIED',
        severity: 'warning',
        location: { section: '五' },
        message:
          '“五、存在的主要问题及改进情况”与2020年度报告的同一部分有100%的文字相同，是否已按本年度实际情况更新？',
        fingerprint: expect.any(String),
      },
    ]);
    expect(runChecks(report)).toEqual([]);
  });

  /** A text of `length` distinct-enough characters, and a copy with `changed` of them replaced. */
  function pair(length: number, changed: number): [string, string] {
    const chars =
      '政府信息公开工作年度报告本机关坚持以为常态不例外通过门户网站新媒体渠道主动件全年印发行规范性文均按定在集中并同步布策解读依申请收到上结转办予下复议诉讼理管建设监督保障考核评责任追究';
    const text = Array.from({ length }, (_, i) => chars[(i * 7) % chars.length]!).join('');
    const copy = Array.from(text, (ch, i) =>
      i % Math.floor(length / changed) === 0 && i / Math.floor(length / changed) < changed
        ? '☆'
        : ch,
    ).join('');
    return [text, copy];
  }

  it('exactly at the threshold: 90 % is a finding, 89 % is not', () => {
    for (const [changed, expected] of [
      [10, ['TEXT_COPIED']],
      [11, []],
    ] as const) {
      const report = balancedReport(2021);
      const prior = priorOf(report);
      const [before, now] = pair(100, changed);
      body(prior, '一').splice(0, Infinity, { level: 0, text: before });
      body(report, '一').splice(0, Infinity, { level: 0, text: now });
      // only TEXT_COPIED is asserted: the replaced section 一 no longer states the figures
      const found = runChecks(report, { prior }).filter((f) => f.code === 'TEXT_COPIED');
      expect(
        found.map((f) => f.code),
        `${changed} changed`,
      ).toEqual(expected);
      if (expected.length) expect(found[0]!.message).toContain('有90%的文字相同');
    }
  });

  it('the similarity is over the longer text: added text lowers it', () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    const [text] = pair(90, 1);
    expect(text).toHaveLength(90);
    body(prior, '一').splice(0, Infinity, { level: 0, text });
    // 90 of 101 characters match: 89 %; 90 of 100: 90 %
    const eleven = '另新增十一字的说明内容';
    const ten = '另新增十字的说明内容';
    expect([eleven.length, ten.length]).toEqual([11, 10]);
    body(report, '一').splice(0, Infinity, { level: 0, text: text + eleven });
    expect(runChecks(report, { prior }).map((f) => f.code)).not.toContain('TEXT_COPIED');
    body(report, '一').splice(0, Infinity, { level: 0, text: text + ten });
    expect(runChecks(report, { prior }).map((f) => f.code)).toContain('TEXT_COPIED');
  });

  it('whitespace and paragraph breaks do not hide a copy', () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    report.sections['一']!.paragraphs = body(prior, '一').map((p) => ({
      level: p.level,
      text: ` ${p.text.split('').join(' ')}\n`,
    }));
    const found = runChecks(report, { prior }).filter((f) => f.code === 'TEXT_COPIED');
    expect(found.map((f) => f.location)).toEqual([{ section: '一' }]);
  });

  it('shorter than 50 characters: not compared', () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    const short =
      '本年度未发现明显问题，将继续按照条例要求做好政府信息公开工作，持续提升公开质量。';
    expect(short.length).toBeLessThan(50);
    body(prior, '五').splice(0, Infinity, { level: 0, text: short });
    body(report, '五').splice(0, Infinity, { level: 0, text: short });
    expect(runChecks(report, { prior })).toEqual([]);
    const long = short + '同时加强业务培训和监督检查。';
    expect(long.length).toBeGreaterThanOrEqual(50);
    body(prior, '五').splice(0, Infinity, { level: 0, text: long });
    body(report, '五').splice(0, Infinity, { level: 0, text: long });
    expect(runChecks(report, { prior }).map((f) => f.code)).toEqual(['TEXT_COPIED']);
  });

  it('sections 二, 三, 四 and 六 are not compared', () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    report.sections['六']!.paragraphs = [{ level: 0, text: '本年度未收取信息处理费。'.repeat(6) }];
    prior.sections['六']!.paragraphs = structuredClone(report.sections['六']!.paragraphs);
    expect(runChecks(report, { prior })).toEqual([]);
  });
});
