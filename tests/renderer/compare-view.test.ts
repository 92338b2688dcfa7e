// The compare screens' DOM-free models: 对比上年's per-cell values and flags (a cell blank this
// year and filled last year is flagged too: tests/renderer/editor-perf-marks.test.ts), a part's
// diff per side, the compare screen's rows, a trend chart's
// geometry with gaps for text-only and missing years.
import { describe, expect, it } from 'vitest';
import { unitTrends } from '../../core/compare';
import { T3_BLOCK_ID } from '../../core/formats/common';
import {
  compareByDefault,
  compareRows,
  partDiff,
  priorCells,
  sideRuns,
} from '../../renderer/models/compare-view';
import { chartGeometry, niceMax } from '../../renderer/models/trend-chart';
import { copyReportForYear } from '../../core/carry';
import { balancedReport, clone, setCell } from '../helpers/reports';
import { compareReports } from '../../core/compare';

describe('对比上年 in the editor', () => {
  const prior = balancedReport(2022);
  const copied = copyReportForYear(prior, prior.unit, 2023);

  it('is on by default for a report copied from last year only', () => {
    expect(compareByDefault(copied)).toBe(true);
    expect(compareByDefault(balancedReport(2023))).toBe(false);
  });

  it('shows last year’s value per cell and its flag; one computation per pair', () => {
    const key = `三|${T3_BLOCK_ID}|new|natural`;
    const cells = priorCells(copied, prior);
    const lastYear =
      prior.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['new']!.cells['natural']!;
    expect(cells.get(key)).toMatchObject({ text: lastYear, flag: 'vanished' });
    expect(priorCells(copied, prior)).toBe(cells);
    const typed = clone(copied);
    setCell(typed, '三', T3_BLOCK_ID, 'new', 'natural', String(Number(lastYear) * 5));
    const after = priorCells(typed, prior).get(key)!;
    expect(after.flag).toBe('jump');
    expect(after.title).toContain(`上年：${lastYear}`);
  });

  it('a part’s diff: last year’s side keeps deletions, this year’s insertions', () => {
    const edited = clone(copied);
    edited.sections['一']!.paragraphs = [
      { level: 0, text: `本年度${copied.sections['一']!.paragraphs[0]!.text}` },
      ...copied.sections['一']!.paragraphs.slice(1),
    ];
    const d = partDiff(prior, edited, '一');
    expect(sideRuns(d.runs, 'b').find((r) => r.op === 'insert')!.text).toBe('本年度');
    expect(sideRuns(d.runs, 'a').some((r) => r.op === 'insert')).toBe(false);
  });

  it('the compare screen’s rows leave out rows blank in both reports', () => {
    const a = balancedReport(2022);
    const b = clone(a);
    for (const col of a.sections['三']!.table!.blocks[T3_BLOCK_ID]!.columns) {
      setCell(a, '三', T3_BLOCK_ID, 'denied1', col, '');
      setCell(b, '三', T3_BLOCK_ID, 'denied1', col, '');
    }
    const rows = compareRows(compareReports(a, b).cells).get('三')!;
    expect(rows.some((r) => r.key.endsWith('|denied1'))).toBe(false);
    expect(rows.some((r) => r.key.endsWith('|new'))).toBe(true);
  });
});

describe('trend chart geometry', () => {
  it('breaks the line at years without figures and marks text-only and missing years', () => {
    const r2019 = balancedReport(2019);
    const r2021 = balancedReport(2021);
    const t = unitTrends(r2021.unit, [
      { year: 2017, legacy: true, unit: r2021.unit.name },
      { year: 2019, report: r2019 },
      { year: 2021, report: r2021 },
    ]);
    expect(t.years.map((y) => y.kind)).toEqual([
      'legacy',
      'missing',
      'structured',
      'missing',
      'structured',
    ]);
    const g = chartGeometry(
      t.series.find((s) => s.id === 'new')!,
      t.years,
    );
    expect(g.dots.map((d) => d.year)).toEqual([2019, 2021]);
    expect(g.lines).toEqual([]); // no two consecutive years with figures
    expect(g.gaps.map((x) => `${x.year}${x.kind}`)).toEqual([
      '2017legacy',
      '2018missing',
      '2020missing',
    ]);
    expect([niceMax(0), niceMax(7), niceMax(34), niceMax(100), niceMax(101)]).toEqual([
      1, 10, 50, 100, 200,
    ]);
  });
});
