// 勾稽关系 of T3 and T4 (checks.md "Arithmetic"): the exact finding for each equation, every
// term of every sum in both formats, and the no-cascade rule.
import { describe, expect, it } from 'vitest';
import { runChecks, type Finding } from '../../core/checks';
import { FORMATS } from '../../core/formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { balancedReport, numberAt, resultRows, setCell } from '../helpers/reports';

const APPLICANTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'];

function bump(
  report: Report,
  table: '三' | '四',
  block: string,
  row: string,
  col: string,
  by: number,
): void {
  setCell(report, table, block, row, col, String(numberAt(report, table, block, row, col) + by));
}

const summary = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.code} ${f.location.row ?? ''}/${f.location.column ?? ''}`);

describe('T3_BALANCE: 一 + 二 = （七）总计 + 四, per column', () => {
  it('two columns off: one error each, with both sides', () => {
    const report = balancedReport(2021);
    // +1 and −1 in row 一 keep its row total (and the narrative) right
    bump(report, '三', T3_BLOCK_ID, 'new', 'natural', 1);
    bump(report, '三', T3_BLOCK_ID, 'new', 'business', -1);
    const findings = runChecks(report);
    expect(findings).toEqual([
      {
        code: 'T3_BALANCE',
        severity: 'error',
        location: { section: '三', table: '三', column: '自然人' },
        message: '自然人列：一+二=4706，（七）总计+四=4705，两者应相等。',
        fingerprint: expect.any(String),
      },
      {
        code: 'T3_BALANCE',
        severity: 'error',
        location: { section: '三', table: '三', column: '商业企业' },
        message: '商业企业列：一+二=4748，（七）总计+四=4749，两者应相等。',
        fingerprint: expect.any(String),
      },
    ]);
  });

  it('the 总计 column balances too', () => {
    const report = balancedReport(2020);
    // row 二 total stated one too high: its own row total and the 总计 column's balance fail
    bump(report, '三', T3_BLOCK_ID, 'carried', 'total', 1);
    const findings = runChecks(report).filter((f) => f.code === 'T3_BALANCE');
    expect(findings.map((f) => [f.location, f.message])).toEqual([
      [
        { section: '三', table: '三', column: '总计' },
        '总计列：一+二=24811，（七）总计+四=24810，两者应相等。',
      ],
    ]);
  });

  it('a blank or invalid input skips the column (its own finding is the only one)', () => {
    for (const [row, raw] of [
      ['new', ''],
      ['carried', '—'],
      ['total', 'x'],
      ['carryNext', '-1'],
    ] as const) {
      const report = balancedReport(2021);
      bump(report, '三', T3_BLOCK_ID, 'new', 'natural', 1);
      bump(report, '三', T3_BLOCK_ID, 'new', 'business', -1);
      setCell(report, '三', T3_BLOCK_ID, row, 'natural', raw);
      const natural = runChecks(report).filter((f) => f.location.column === '自然人');
      expect(
        natural.map((f) => f.code),
        `${row} “${raw}”`,
      ).toEqual([raw === '' || raw === '—' ? 'CELL_BLANK' : 'VALUE_INVALID']);
    }
  });
});

describe('T3_RESULT_TOTAL: （七）总计 = every result row, per column', () => {
  it('the exact finding', () => {
    const report = balancedReport(2021);
    bump(report, '三', T3_BLOCK_ID, 'granted', 'natural', 1);
    bump(report, '三', T3_BLOCK_ID, 'granted', 'business', -1);
    expect(runChecks(report)).toEqual([
      {
        code: 'T3_RESULT_TOTAL',
        severity: 'error',
        location: {
          section: '三',
          table: '三',
          block: '三、本年度办理结果',
          row: '（七）总计',
          column: '自然人',
        },
        message: '自然人列：（七）总计写的是4641，各项办理结果之和为4642。',
        fingerprint: expect.any(String),
      },
      {
        code: 'T3_RESULT_TOTAL',
        severity: 'error',
        location: {
          section: '三',
          table: '三',
          block: '三、本年度办理结果',
          row: '（七）总计',
          column: '商业企业',
        },
        message: '商业企业列：（七）总计写的是4683，各项办理结果之和为4682。',
        fingerprint: expect.any(String),
      },
    ]);
  });

  for (const year of [2020, 2021]) {
    it(`${year}: every result row counts in every column, and rows 一, 二, 四 do not`, () => {
      const format = year >= 2021 ? '2021' : '2019';
      const results = resultRows(format);
      const rows = FORMATS[format].tables['三'].blocks[0]!.rows;
      expect(rows.length).toBe(format === '2021' ? 25 : 23);
      for (const row of rows) {
        for (const col of APPLICANTS) {
          const report = balancedReport(year);
          bump(report, '三', T3_BLOCK_ID, row.id, col, 1);
          bump(report, '三', T3_BLOCK_ID, row.id, 'total', 1);
          const found = runChecks(report);
          const resultTotal = found
            .filter((f) => f.code === 'T3_RESULT_TOTAL')
            .map((f) => f.location.column);
          // the stated （七）总计 is the other side of the same equation
          if (results.includes(row.id) || row.id === 'total') {
            const label = FORMATS[format].tables['三'].blocks[0]!.columns.find(
              (c) => c.id === col,
            )!.label;
            expect(resultTotal, `${row.id}/${col}`).toEqual([label, '总计']);
            if (row.id !== 'total') {
              expect(
                found.filter(
                  (f) => f.code !== 'T3_RESULT_TOTAL' && f.code !== 'TEXT_TABLE_MISMATCH',
                ),
              ).toEqual([]);
            }
          } else {
            expect(resultTotal, `${row.id}/${col}`).toEqual([]);
          }
        }
      }
    });
  }

  it('2019: the single row （六）其他处理 is a term', () => {
    const report = balancedReport(2020);
    bump(report, '三', T3_BLOCK_ID, 'other', 'legal', 2);
    expect(summary(runChecks(report))).toEqual([
      'T3_RESULT_TOTAL （七）总计/法律服务机构',
      'T3_ROW_TOTAL （六）其他处理/总计',
    ]);
    const f = runChecks(report).find((x) => x.code === 'T3_ROW_TOTAL')!;
    expect(f.location).toEqual({
      section: '三',
      table: '三',
      block: '三、本年度办理结果',
      row: '（六）其他处理',
      column: '总计',
    });
  });

  it('a blank result cell skips that column only', () => {
    const report = balancedReport(2021);
    bump(report, '三', T3_BLOCK_ID, 'total', 'natural', 1);
    bump(report, '三', T3_BLOCK_ID, 'total', 'business', -1);
    setCell(report, '三', T3_BLOCK_ID, 'unprocessed2', 'natural', '');
    const found = runChecks(report).filter((f) => f.code !== 'T3_BALANCE');
    expect(summary(found)).toEqual([
      'CELL_BLANK 2.重复申请/自然人',
      'T3_RESULT_TOTAL （七）总计/商业企业',
    ]);
  });
});

describe('T3_ROW_TOTAL: 总计 = 自然人 + five kinds of 法人或其他组织, per row', () => {
  it('the exact finding, with the row group as block', () => {
    const report = balancedReport(2021);
    bump(report, '三', T3_BLOCK_ID, 'denied1', 'natural', 1);
    bump(report, '三', T3_BLOCK_ID, 'denied2', 'natural', -1);
    expect(runChecks(report)).toEqual([
      {
        code: 'T3_ROW_TOTAL',
        severity: 'error',
        location: {
          section: '三',
          table: '三',
          block: '（三）不予公开',
          row: '1.属于国家秘密',
          column: '总计',
        },
        message: '“1.属于国家秘密”行：总计写的是780，自然人与各类法人或其他组织之和为781。',
        fingerprint: expect.any(String),
      },
      {
        code: 'T3_ROW_TOTAL',
        severity: 'error',
        location: {
          section: '三',
          table: '三',
          block: '（三）不予公开',
          row: '2.其他法律行政法规禁止公开',
          column: '总计',
        },
        message:
          '“2.其他法律行政法规禁止公开”行：总计写的是852，自然人与各类法人或其他组织之和为851。',
        fingerprint: expect.any(String),
      },
    ]);
  });

  it('a row outside any group has no block in its location', () => {
    const report = balancedReport(2021);
    bump(report, '三', T3_BLOCK_ID, 'carryNext', 'total', 1);
    const f = runChecks(report).find((x) => x.code === 'T3_ROW_TOTAL')!;
    expect(f.location).toEqual({
      section: '三',
      table: '三',
      row: '四、结转下年度继续办理',
      column: '总计',
    });
    expect(f.message).toBe(
      '“四、结转下年度继续办理”行：总计写的是415，自然人与各类法人或其他组织之和为414。',
    );
  });

  it('every applicant column is a term', () => {
    for (const col of APPLICANTS) {
      const report = balancedReport(2021);
      bump(report, '三', T3_BLOCK_ID, 'granted', col, 1);
      bump(report, '三', T3_BLOCK_ID, 'partial', col, -1);
      expect(summary(runChecks(report)), col).toEqual([
        'T3_ROW_TOTAL （一）予以公开/总计',
        'T3_ROW_TOTAL （二）部分公开（区分处理的，只计这一情形，不计其他情形）/总计',
      ]);
    }
  });

  it('a blank total skips the row', () => {
    const report = balancedReport(2021);
    bump(report, '三', T3_BLOCK_ID, 'denied1', 'natural', 1);
    bump(report, '三', T3_BLOCK_ID, 'denied2', 'natural', -1);
    setCell(report, '三', T3_BLOCK_ID, 'denied1', 'total', '');
    expect(summary(runChecks(report))).toEqual([
      'CELL_BLANK 1.属于国家秘密/总计',
      'T3_ROW_TOTAL 2.其他法律行政法规禁止公开/总计',
    ]);
  });
});

describe('T4_TOTAL: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per block', () => {
  const blocks: [string, string, number][] = [
    ['review', '行政复议', 11],
    ['suitDirect', '未经复议直接起诉', 25],
    ['suitAfter', '复议后起诉', 53],
  ];
  for (const [block, caption, total] of blocks) {
    it(`${caption}: every part counts`, () => {
      for (const col of ['upheld', 'corrected', 'other', 'pending']) {
        const report = balancedReport(2021);
        bump(report, '四', block, T4_ROW_ID, col, 1);
        expect(runChecks(report), col).toEqual([
          {
            code: 'T4_TOTAL',
            severity: 'error',
            location: { section: '四', table: '四', block: caption, column: '总计' },
            message: `${caption}：总计写的是${total}，结果维持、结果纠正、其他结果、尚未审结之和为${total + 1}。`,
            fingerprint: expect.any(String),
          },
        ]);
      }
    });
  }

  it('a blank part skips the block; an unbalanced block beside it is still found', () => {
    const report = balancedReport(2020);
    setCell(report, '四', 'review', T4_ROW_ID, 'corrected', '');
    bump(report, '四', 'suitDirect', T4_ROW_ID, 'other', -2);
    const findings = runChecks(report);
    expect(findings.map((f) => [f.code, f.location.block])).toEqual([
      ['CELL_BLANK', '行政复议'],
      ['T4_TOTAL', '未经复议直接起诉'],
    ]);
    expect(findings[1]!.message).toBe(
      '未经复议直接起诉：总计写的是25，结果维持、结果纠正、其他结果、尚未审结之和为23。',
    );
  });
});

it('stated totals are kept as stated: the checks compare, never rewrite', () => {
  const report = balancedReport(2021);
  setCell(report, '四', 'review', T4_ROW_ID, 'total', '12');
  const before = structuredClone(report);
  runChecks(report);
  expect(report).toEqual(before);
});
