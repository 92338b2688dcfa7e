// `nianbao aggregate` on the county archive (dist/cli.cjs): the sum written into the county's
// report as a revision, --members, the CSV and the .xlsx (read back with exceljs), refusals.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../db/archive';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { Clock, tempArchive } from '../helpers/archive';
import { expectRefused, runCli } from '../helpers/cli';
import { COUNTY, YEAR, fillCounty } from '../helpers/county';
import { numberAt } from '../helpers/reports';

describe('nianbao aggregate', () => {
  it('writes the sum, exports the members sheet and the workbook, refuses a double count', async () => {
    const t = await tempArchive({ clock: new Clock('2026-01-20T10:00:00') });
    const c = fillCounty(t.archive);
    t.archive.close();
    const db = ['--db', t.file];
    const run = (args: string[]) => runCli(t.dir, { NIANBAO_AUTHOR: '' }, args);

    const csv = await run(['aggregate', ...db, '--unit', COUNTY, '--year', String(YEAR), '--csv']);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout
      .replace(/^\uFEFF/u, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^序号,单位,报告状态,汇总情况,错误,警告,表三 本年新收申请/u);
    expect(lines).toHaveLength(1 + 45 + 1);
    expect(lines.at(-1)).toMatch(/^,合计（42 个单位）,/u);

    const out = path.join(t.dir, '汇总表.xlsx');
    const x = await run([
      'aggregate',
      ...db,
      '--unit',
      COUNTY,
      '--year',
      String(YEAR),
      '--xlsx',
      '-o',
      out,
    ]);
    expect(x.code, x.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['各单位数据', '表二', '表三', '表四']);

    const police = c.byName.get('清河县公安局')!;
    const subs = c.members.filter((m) => m.parentId === police.id).map((m) => m.name);
    expectRefused(
      await run([
        'aggregate',
        ...db,
        '--unit',
        COUNTY,
        '--year',
        String(YEAR),
        '--members',
        `清河县公安局,${subs[0]}`,
      ]),
      [],
      /不能重复汇总/u,
    );

    const w = await run([
      'aggregate',
      ...db,
      '--unit',
      '清河县公安局',
      '--year',
      String(YEAR),
      '--author',
      '张三',
    ]);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(/已汇总 2 个/u);
    expect(w.stdout).toMatch(/已写入清河县公安局2025年度报告第 \d+ 版/u);
    const a = await Archive.open(t.file);
    try {
      const opened = a.openReport({ unitId: police.id, year: YEAR });
      if (opened.legacy) throw new Error('legacy');
      const expected = subs.reduce(
        (s, name) =>
          s +
          numberAt(c.reports2025.get(c.byName.get(name)!.id)!, '三', T3_BLOCK_ID, 'new', 'natural'),
        0,
      );
      expect(numberAt(opened.report, '三', T3_BLOCK_ID, 'new', 'natural')).toBe(expected);
      expect(a.history({ unitId: police.id, year: YEAR })[0]).toMatchObject({
        reason: 'aggregate',
        author: '张三',
      });
    } finally {
      a.close();
    }
  });
});
