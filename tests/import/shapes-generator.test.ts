// The shape generator itself (tests/fixtures/shapes/): a generated report balances by the
// format's own assertions, every cell of its format is generated, rendering is deterministic,
// and every shape writes every stated value where a reader can find it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { cellsOf, FORMATS } from '../../core/formats';
import { blankReport, unitIdFor } from '../../core/model';
import { SHAPES, caseArbitrary, normalise, render } from '../fixtures/shapes/index';
import { buildReport, cellKeyOf, reportArbitrary, type GenReport } from '../fixtures/shapes/report';

/** The generated report as a model report (cells as generated, no import involved). */
function asModel(gen: GenReport) {
  const report = blankReport({ id: unitIdFor(gen.unit), name: gen.unit, kind: '部门' }, gen.year);
  for (const [, c] of gen.cells) {
    report.sections[c.table]!.table!.blocks[c.block]!.rows[c.row]!.cells[c.col] = c.raw;
  }
  return report;
}

describe('shape generator', () => {
  it('generates every cell of the year’s format, and the tables balance', () => {
    fc.assert(
      fc.property(reportArbitrary(), (p) => {
        const gen = buildReport(p);
        expect(gen.format).toBe(p.year <= 2020 ? '2019' : '2021');
        const keys = [...cellsOf(FORMATS[gen.format])].map((c) =>
          cellKeyOf(c.table.id, c.block.id, c.row.id, c.column.id),
        );
        expect([...gen.cells.keys()]).toEqual(keys);
        for (const c of gen.cells.values()) {
          const n = normalise(c.raw);
          expect(n.kind).toBe('number');
          if (n.kind === 'number') expect(n.n).toBeCloseTo(c.value, 6);
        }
        const arithmetic = runChecks(asModel(gen)).filter((f) =>
          ['T3_BALANCE', 'T3_RESULT_TOTAL', 'T3_ROW_TOTAL', 'T4_TOTAL', 'VALUE_INVALID'].includes(
            f.code,
          ),
        );
        expect(arithmetic).toEqual([]);
      }),
      { seed: 1, numRuns: 60 },
    );
  });

  it('values are mostly small with many zeros, and some large', () => {
    const values = fc
      .sample(reportArbitrary(), { seed: 2, numRuns: 30 })
      .flatMap((p) => [...buildReport(p).cells.values()].filter((c) => c.table === '三'))
      .map((c) => c.value);
    const share = (f: (v: number) => boolean) => values.filter(f).length / values.length;
    expect(share((v) => v === 0)).toBeGreaterThan(0.4);
    expect(share((v) => v >= 100)).toBeGreaterThan(0.02);
  });

  for (const shape of SHAPES) {
    it(`${shape.id}: deterministic, and every stated value is written`, () => {
      for (const c of fc.sample(caseArbitrary(shape), { seed: 3, numRuns: 12 })) {
        const a = render(shape, c);
        expect(render(shape, c).text).toBe(a.text);
        const glued = shape.id === 'one-line-glued' || c.shuffles.includes('glued');
        for (const cell of a.prep.cells.values()) {
          const raw = cell.raw.trim();
          if (!cell.published || !/\d/u.test(raw) || glued) continue;
          // the value as written stands on its own: no digit or point glued to it
          const escaped = raw.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
          expect(a.text, `${cell.table}|${cell.block}|${cell.row}|${cell.col} "${raw}"`).toMatch(
            new RegExp(`(?:^|[^\\d.])${escaped}(?:$|[^\\d.])`, 'mu'),
          );
        }
        for (const h of ['一、', '二、', '三、', '四、', '五、', '六、'])
          expect(a.text).toContain(h);
      }
    });
  }
});
