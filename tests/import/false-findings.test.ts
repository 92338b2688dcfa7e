// Findings import must not invent (issue 11, item 5): a table in the other format's layout is
// FORMAT_MISMATCH even when its cells are empty, and a row that is there with every cell empty
// is CELL_BLANK — present, not missing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { importReport } from '../../core/import';
import { FIXTURES } from '../helpers/paths';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'reports', name), 'utf8');

/** The text with every figure between two headings taken out (cells left empty). */
function emptyBetween(text: string, from: string, to: string): string {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a + from.length);
  expect(a).toBeGreaterThanOrEqual(0);
  expect(b).toBeGreaterThan(a);
  const body = text
    .slice(a + from.length, b)
    .split('\n')
    .map((line) => {
      const cells = line.replace(/\r$/u, '').split('\t');
      // a data row: its label kept, every value taken out ("增 15", "748348元" too)
      if (cells.length < 2 || !/\d/u.test(cells.slice(1).join(''))) return line;
      return [cells[0], ...cells.slice(1).map(() => '')].join('\t');
    })
    .join('\n');
  return text.slice(0, a + from.length) + body + text.slice(b);
}

describe('false findings', () => {
  it('a 2019-layout T2 in a 2021 report with every cell empty is still FORMAT_MISMATCH', () => {
    const text = emptyBetween(
      fixture('layout-2019-in-2021.txt'),
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
    );
    const { report } = importReport(new TextEncoder().encode(text), { fileName: 'x.txt' });
    expect(report.year).toBe(2021);
    expect(report.format).toBe('2019');
    const t2 = report.sections['二']!.table!;
    // the rows are there, with nothing in them
    const cells = Object.values(t2.blocks).flatMap((b) =>
      Object.values(b.rows).flatMap((r) => Object.values(r.cells)),
    );
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.trim() === '')).toBe(true);
    expect(runChecks(report).map((f) => f.code)).toContain('FORMAT_MISMATCH');
  });

  it('a T3 row present with every cell empty is CELL_BLANK, not TABLE_INCOMPLETE', () => {
    const text = fixture('ok-2021.md').replace(
      /^(\| 三、本年度办理结果 \| （一）予以公开 \|)[^\n]*$/mu,
      (_m, head: string) => `${head}${' |'.repeat(8)}`,
    );
    expect(text).not.toBe(fixture('ok-2021.md'));
    const { report } = importReport(new TextEncoder().encode(text), { fileName: 'x.md' });
    const row = report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['granted'];
    expect(row).toBeDefined();
    expect(Object.values(row!.cells).every((c) => c === '')).toBe(true);
    const findings = runChecks(report);
    const about = (code: string) =>
      findings.filter((f) => f.code === code && f.location.row === '（一）予以公开');
    expect(about('CELL_BLANK').length).toBeGreaterThan(0);
    expect(about('TABLE_INCOMPLETE')).toEqual([]);
  });
});
