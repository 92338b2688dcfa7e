// Issue 14's leftover and issue 13's quick opening, DOM-free: under 对比上年 a cell blank this
// year and filled last year carries the comparison's flag (上年有数，本年空白) — but not a computed
// total, which is never typed; and the renderer build's transform that lets the bundler leave
// core's unused zod schemas out (renderer/vite.config.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyReportForYear } from '../../core/carry';
import { FLAG_LABELS } from '../../core/compare';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { isTotalCell } from '../../core/totals';
import { BLANK_NOW, priorCells } from '../../renderer/models/compare-view';
import { pureConsts } from '../../electron/pure-consts.mjs';
import { balancedReport, clone, setCell } from '../helpers/reports';
import { ROOT } from '../helpers/paths';

describe('对比上年: a cell blank this year, filled last year', () => {
  const prior = balancedReport(2022);
  const key = `三|${T3_BLOCK_ID}|new|natural`;
  const lastYear = prior.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['new']!.cells['natural']!;

  it('is flagged as the comparison flags it, with 上年有数，本年空白 in its tooltip', () => {
    const report = clone(prior);
    report.year = 2023;
    setCell(report, '三', T3_BLOCK_ID, 'new', 'natural', '');
    const cell = priorCells(report, prior).get(key)!;
    expect(Number(lastYear)).toBeGreaterThan(0);
    expect(cell).toMatchObject({ text: lastYear, flag: 'vanished' });
    expect(cell.title).toBe(`上年：${lastYear} · 本年：（空） · ${BLANK_NOW}`);
    // the same cell filled this year as last year: nothing to look at
    const same = priorCells(clone(prior), prior).get(key)!;
    expect(same.flag).toBeNull();
    expect(same.title).not.toContain(BLANK_NOW);
  });

  it('last year 0, this year blank: flagged blank in one year (一年空白)', () => {
    const before = clone(prior);
    setCell(before, '三', T3_BLOCK_ID, 'new', 'natural', '0');
    const report = clone(prior);
    setCell(report, '三', T3_BLOCK_ID, 'new', 'natural', ' ');
    const cell = priorCells(report, before).get(key)!;
    expect(cell.flag).toBe('blank');
    expect(FLAG_LABELS[cell.flag!]).toBe('一年空白');
    expect(cell.title).toContain(BLANK_NOW);
  });

  it('a report copied from last year flags its blank cells, never its computed totals', () => {
    const copied = copyReportForYear(prior, prior.unit, 2023);
    const cells = priorCells(copied, prior);
    const blankFlagged = [...cells].filter(([, c]) => c.title.endsWith(BLANK_NOW));
    expect(blankFlagged.length).toBeGreaterThan(100);
    expect(blankFlagged.every(([k, c]) => c.flag !== null && !isTotalCell(copied.format, k))).toBe(
      true,
    );
    const totals = [...cells].filter(([k]) => isTotalCell(copied.format, k));
    expect(totals.length).toBeGreaterThan(0);
    expect(totals.some(([, c]) => c.title.includes(BLANK_NOW))).toBe(false);
  });
});

describe('the renderer build leaves unused schemas out (pureConsts)', () => {
  it('wraps each top-level const in a call marked pure, strings and nesting respected', () => {
    const code = [
      "import { z } from 'zod';",
      "export const A = z.object({ a: z.string().max(3, { error: '太长；' }) }).optional();",
      'const B = [1, 2] as const;',
      'function f() {',
      '  const inner = 1;',
      '  return inner;',
      '}',
      'export const C = (x: string) => `${x};}`;',
    ].join('\n');
    const out = pureConsts(code);
    expect(out).toContain(
      "export const A = /* @__PURE__ */ (() => (z.object({ a: z.string().max(3, { error: '太长；' }) }).optional()))();",
    );
    expect(out).toContain('const B = /* @__PURE__ */ (() => ([1, 2] as const))();');
    expect(out).toContain('  const inner = 1;');
    expect(out).toContain('export const C = /* @__PURE__ */ (() => ((x: string) => `${x};}`))();');
  });

  it('the built first page load holds no zod at all (a core module with schemas left in costs ~20 ms of start-up)', () => {
    // dist/renderer is built by the suites' global setup (tests/setup/build.ts)
    const dir = path.join(ROOT, 'dist', 'renderer');
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const first = fs
      .readdirSync(path.join(dir, 'assets'))
      .filter((name) => html.includes(`assets/${name}`));
    expect(first.length).toBeGreaterThan(0);
    for (const name of first) {
      const code = fs.readFileSync(path.join(dir, 'assets', name), 'utf8');
      // zod's own error text and its schema kind names survive minification
      expect(code).not.toMatch(/ZodObject|ZodString|Invalid input/u);
    }
  });
});
