// The reference reports every other checks test mutates: complete, correct and balanced, so
// that any finding a mutation causes is the mutation's doing.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { FORMATS, cellsOf } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { UNIT_KINDS, cellAt } from '../../core/model';
import {
  CARRIED,
  GOVERNMENT,
  allNumbers,
  balancedReport,
  numberAt,
  priorOf,
  rawAt,
  resultRows,
} from '../helpers/reports';

describe('the balanced reference reports', () => {
  for (const year of [2019, 2020, 2021, 2022, 2023]) {
    it(`${year}: every cell of the official layout is filled with a number`, () => {
      const report = balancedReport(year);
      expect(report.format).toBe(year >= 2021 ? '2021' : '2019');
      let cells = 0;
      for (const { table, block, row, column } of cellsOf(FORMATS[report.format])) {
        const cell = cellAt(report, table.id, block.id, row.id, column.id);
        expect(
          cell.present && cell.raw.trim() !== '',
          `${table.id}/${block.id}/${row.id}/${column.id}`,
        ).toBe(true);
        cells++;
      }
      expect(cells).toBe(report.format === '2021' ? 10 + 25 * 7 + 15 : 22 + 23 * 7 + 15);
      expect(allNumbers(report)).toHaveLength(cells);
    });

    it(`${year}: every cell holds a different value`, () => {
      const values = allNumbers(balancedReport(year));
      expect(new Set(values).size).toBe(values.length);
    });

    for (const kind of [null, ...UNIT_KINDS]) {
      it(`${year}: no finding at all, kind ${kind ?? 'unknown'}, alone and with last year's report`, () => {
        const report = balancedReport(year, { kind });
        expect(runChecks(report)).toEqual([]);
        if (year > 2019) expect(runChecks(report, { prior: priorOf(report) })).toEqual([]);
      });
    }
  }

  it('a government report (kind 政府, named as one) has no finding either', () => {
    const report = balancedReport(2021, { unitName: GOVERNMENT, kind: '政府' });
    expect(report.title).toBe('清河县人民政府2021年政府信息公开工作年度报告');
    expect(runChecks(report)).toEqual([]);
    expect(runChecks(report, { kind: '政府', prior: priorOf(report) })).toEqual([]);
  });

  it('states the figures its narrative mentions as the tables have them', () => {
    const report = balancedReport(2021);
    const text = report.sections['一']!.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain(
      '全年共收到政府信息公开申请28548件，上年结转342件；办结28476件，予以公开636件，结转下年度继续办理414件。',
    );
    expect(text).toContain('行政复议11件、提起行政诉讼78件');
    expect(text).toContain('印发行政规范性文件18件');
    expect(numberAt(report, '三', T3_BLOCK_ID, 'new', 'total')).toBe(28548);
    expect(numberAt(report, '三', T3_BLOCK_ID, 'total', 'total')).toBe(28476);
    expect(report.opening[0]!.text).toContain('（国办公开办函〔2021〕30号）');
    expect(balancedReport(2020).opening[0]!.text).toContain('（国办公开办函〔2019〕60号）');
    expect(report.signature).toEqual({ unit: '清河县市场监督管理局', date: '2022年1月20日' });
  });

  it('the T3 values obey every equation of checks.md (independently of the engine)', () => {
    for (const year of [2020, 2021]) {
      const report = balancedReport(year);
      const t3 = (row: string, col: string) => numberAt(report, '三', T3_BLOCK_ID, row, col);
      const columns = FORMATS[report.format].tables['三'].blocks[0]!.columns.map((c) => c.id);
      for (const col of columns) {
        expect(t3('new', col) + t3('carried', col)).toBe(t3('total', col) + t3('carryNext', col));
        expect(resultRows(report.format).reduce((a, row) => a + t3(row, col), 0)).toBe(
          t3('total', col),
        );
      }
      for (const row of Object.keys(report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows)) {
        expect(columns.slice(0, 6).reduce((a, col) => a + t3(row, col), 0)).toBe(t3(row, 'total'));
      }
    }
  });

  it("last year's report carries over into this year's", () => {
    const report = balancedReport(2021);
    const prior = priorOf(report);
    expect(prior.year).toBe(2020);
    expect(prior.format).toBe('2019');
    const columns = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'];
    expect(columns.map((c) => numberAt(prior, '三', T3_BLOCK_ID, 'carryNext', c))).toEqual([
      ...CARRIED,
    ]);
    expect(rawAt(report, '三', T3_BLOCK_ID, 'carried', 'total')).toBe(
      rawAt(prior, '三', T3_BLOCK_ID, 'carryNext', 'total'),
    );
    // the two years are worded differently
    expect(prior.sections['一']!.paragraphs[0]!.text).not.toBe(
      report.sections['一']!.paragraphs[0]!.text,
    );
  });
});
