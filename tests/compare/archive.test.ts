// Comparison and trends on a real archive (tests/helpers/compare-archive.ts: 平潭 2016 text-only,
// 2017–2018 missing, 2019–2025 imported from published text, renamed in 2024, 2026 copied; two
// townships' 2022 reports), through the validated API and the command line.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePayload } from '../../core/api';
import { Archive } from '../../db/archive';
import { tempDir } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import {
  PINGTAN,
  PINGTAN_RENAMED,
  TOWN_A,
  TOWN_B,
  fillCompareArchive,
  type CompareArchive,
} from '../helpers/compare-archive';

let file: string;
let ids: CompareArchive;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'nianbao-compare-'));
  file = path.join(dir, 'archive.sqlite');
  const a = await Archive.open(file);
  ids = fillCompareArchive(a);
  a.close();
});

async function withArchive<T>(fn: (a: Archive) => T): Promise<T> {
  const a = await Archive.open(file);
  try {
    return fn(a);
  } finally {
    a.close();
  }
}

describe('trends of one unit across its archived years', () => {
  it('follows the unit id through the rename; text-only and missing years are present without figures', async () => {
    const t = await withArchive((a) =>
      a.unitTrends(parsePayload('unitTrends', { unitId: ids.pingtan })),
    );
    expect(t.unit).toBe(PINGTAN_RENAMED);
    expect(t.years.map((y) => `${y.year}${y.kind[0]}`)).toEqual([
      '2016l',
      '2017m',
      '2018m',
      '2019s',
      '2020s',
      '2021s',
      '2022s',
      '2023s',
      '2024s',
      '2025s',
      '2026s',
    ]);
    expect(t.years.find((y) => y.year === 2022)!.unit).toBe(PINGTAN);
    expect(t.years.find((y) => y.year === 2025)!.unit).toBe(PINGTAN_RENAMED);
    const newApps = t.series.find((s) => s.id === 'new')!;
    expect(newApps.points[0]).toEqual({ year: 2016, value: null, note: '旧格式（仅文字）' });
    expect(newApps.points[1]).toEqual({ year: 2017, value: null, note: '无报告' });
    // 2022 and 2023 as published (corpus truth: 一、本年新收 总计 74 and 81)
    expect(newApps.points.find((p) => p.year === 2022)!.value).toBe(74);
    expect(newApps.points.find((p) => p.year === 2023)!.value).toBe(81);
    // a measure of the 2021 format only is absent in the 2019-format years, never taken from another column
    const effective = t.series.find((s) => s.id === 'normativeEffective')!;
    expect(effective.points.find((p) => p.year === 2020)).toEqual({
      year: 2020,
      value: null,
      note: '2019年版无此项',
    });
    // 2026 was copied from 2025: its 上年结转 is 2025's 结转下年度
    const carried = t.series.find((s) => s.id === 'carried')!.points.find((p) => p.year === 2026)!;
    const carryNext = t.series
      .find((s) => s.id === 'carryNext')!
      .points.find((p) => p.year === 2025)!;
    expect(carried.value).toBe(carryNext.value);
  });
});

describe('comparing archived reports', () => {
  it('two years of one unit across the format change: T3 row by row, T2 not comparable where it must not be', async () => {
    const c = await withArchive((a) =>
      a.compareReports(
        parsePayload('compareReports', {
          a: { unitId: ids.pingtan, year: 2020 },
          b: { unitId: ids.pingtan, year: 2021 },
        }),
      ),
    );
    expect(c.relation).toBe('years');
    expect(c.a.format).toBe('2019');
    expect(c.b.format).toBe('2021');
    expect(c.cells.filter((x) => x.table === '二')).toHaveLength(3);
    expect(c.notComparable.length).toBeGreaterThan(10);
    const total = c.cells.find((x) => x.rowId === 'new' && x.columnId === 'total')!;
    expect([total.a, total.b]).toEqual([21, 70]);
    expect(total.flag).toBe('jump');
  });

  it('two townships of one year', async () => {
    const c = await withArchive((a) =>
      a.compareReports(
        parsePayload('compareReports', {
          a: { unitId: ids.townA, year: 2022 },
          b: { unitId: ids.townB, year: 2022 },
        }),
      ),
    );
    expect(c.relation).toBe('units');
    expect([c.a.unit, c.b.unit]).toEqual([TOWN_A, TOWN_B]);
    expect(c.sections.find((s) => s.section === '一')!.changed).toBe(true);
  });

  it('a text-only year with a structured one: sections only, with the note', async () => {
    const c = await withArchive((a) =>
      a.compareReports(
        parsePayload('compareReports', {
          a: { unitId: ids.pingtan, year: 2016 },
          b: { unitId: ids.pingtan, year: 2019 },
        }),
      ),
    );
    expect(c.cells).toEqual([]);
    expect(c.sections.map((s) => s.section)).toEqual(['全文']);
    expect(c.notes.join('')).toContain('旧格式');
  });

  it('a year the unit has no report for is refused in Chinese; a bad payload too', async () => {
    await withArchive((a) => {
      expect(() =>
        a.compareReports(
          parsePayload('compareReports', {
            a: { unitId: ids.pingtan, year: 2017 },
            b: { unitId: ids.pingtan, year: 2019 },
          }),
        ),
      ).toThrow(/没有2017年度的报告/u);
    });
    expect(() =>
      parsePayload('compareReports', { a: { unitId: ids.pingtan, year: 1999 } }),
    ).toThrow(/请求的数据无效/u);
  });
});

describe('the command line', { timeout: 60_000 }, () => {
  it('compare --db --unit --years --json prints cells and sections with the official labels', async () => {
    const r = await runCli(tempDir(), {}, [
      'compare',
      '--db',
      file,
      '--unit',
      PINGTAN,
      '--years',
      '2022,2023',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      cells: Record<string, unknown>[];
      sections: Record<string, unknown>[];
    };
    const cell = out.cells.find((c) => c['row'] === '行政许可')!;
    expect(cell).toMatchObject({
      table: '二',
      block: '第二十条第（五）项',
      column: '本年处理决定数量',
      a: 10690,
      b: 2629,
      delta: -8061,
      flag: 'jump',
    });
    expect(Object.keys(cell)).toEqual(
      expect.arrayContaining([
        'table',
        'block',
        'row',
        'column',
        'a',
        'b',
        'delta',
        'ratio',
        'flag',
      ]),
    );
    const s = out.sections.find((x) => x['section'] === '一、总体情况')!;
    expect(Object.keys(s)).toEqual(['section', 'similarity', 'insertions', 'deletions', 'figures']);
    const figures = s['figures'] as { context: string; a: string | null; b: string | null }[];
    expect(figures.some((f) => f.a?.includes('75件') && f.b?.includes('81件'))).toBe(true);
  });

  it('compare <a> <b> --csv of two files; trends --csv; wrong --years refused with exit 2', async () => {
    const corpus = path.join(__dirname, '..', 'fixtures', 'corpus');
    const csv = await runCli(tempDir(), {}, [
      'compare',
      path.join(corpus, 'pingtan-2020.txt'),
      path.join(corpus, 'pingtan-2021.txt'),
      '--csv',
    ]);
    expect(csv.code).toBe(0);
    expect(
      csv.stdout.startsWith('\uFEFFtable,block,row,column,a,b,delta,ratio,flag,a_raw,b_raw\r\n'),
    ).toBe(true);
    expect(csv.stdout).toContain('三,,一、本年新收政府信息公开申请数量,总计,21,70,49,');
    const trends = await runCli(tempDir(), {}, [
      'trends',
      '--db',
      file,
      '--unit',
      PINGTAN,
      '--csv',
    ]);
    expect(trends.code).toBe(0);
    expect(trends.stdout).toContain('2016,legacy,');
    expect(trends.stdout).toContain('2023,structured,平潭综合实验区,new,本年新收申请,件,81,');
    const text = await runCli(tempDir(), {}, ['trends', '--db', file, '--unit', PINGTAN_RENAMED]);
    expect(text.stdout).toContain('2016（旧格式）');
    const bad = await runCli(tempDir(), {}, [
      'compare',
      '--db',
      file,
      '--unit',
      PINGTAN,
      '--years',
      '2022',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--years 应为两个年度');
  });
});
