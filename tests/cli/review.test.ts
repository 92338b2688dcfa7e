/**
 * `nianbao review` (issue 15, item 3): the 审核意见 of one report or of every member, as PDF or
 * CSV, from an archive holding the county fixture.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Archive } from '../../db/archive';
import { Clock } from '../helpers/archive';
import { expectRefused, runCli } from '../helpers/cli';
import { MISSING, fillCounty } from '../helpers/county';
import { pdfText, stripCjkSpaces } from '../helpers/pdf';

const SLOW = 240_000;

async function countyDb(): Promise<{ dir: string; db: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-review-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'county.sqlite');
  const a = await Archive.open(db, { now: new Clock('2026-01-20T10:00:00').now });
  fillCounty(a);
  a.close();
  return { dir, db };
}

const env = { NIANBAO_FONT_DIRS: '', NIANBAO_DATA_DIR: os.tmpdir() };

describe('nianbao review', () => {
  it(
    'writes one report’s 审核意见 as PDF and as CSV, and all members’ with --all-members',
    async () => {
      const { dir, db } = await countyDb();
      const base = ['review', '--db', db, '--year', '2025', '--reviewer', '张三'];
      const pdf = path.join(dir, '民政局.pdf');
      const one = await runCli(dir, env, [...base, '--unit', '清河县民政局', '-o', pdf]);
      expect(one.code, one.stderr).toBe(0);
      expect(one.stdout).toMatch(/已生成审核意见 PDF：.*（1 个单位，\d+ 页）/u);
      const text = stripCjkSpaces((await pdfText(pdf)).join('')).replace(/\s+/gu, '');
      expect(text).toContain('清河县民政局2025年度政府信息公开工作年度报告');
      expect(text).toContain('审核人：张三');

      const csv = path.join(dir, '全部.csv');
      const all = await runCli(dir, env, [
        ...base,
        '--unit',
        '清河县人民政府',
        '--all-members',
        '--csv',
        '-o',
        csv,
      ]);
      expect(all.code, all.stderr).toBe(0);
      expect(all.stdout).toMatch(/（51 个单位，\d+ 个问题）/u);
      const lines = fs.readFileSync(csv, 'utf8').split('\r\n');
      expect(lines[0]).toMatch(/^\uFEFF单位,年度,部分,位置,代码/u);
      for (const name of MISSING) {
        expect(
          lines.filter((l) => l.startsWith(`${name},`) && l.includes('MEMBER_MISSING')),
        ).toHaveLength(1);
      }
      expect(
        lines.some((l) => l.startsWith('清河县民政局,2025,三、') && l.includes('T3_ROW_TOTAL')),
      ).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses a missing -o, an unknown unit and a bad year, writing nothing',
    async () => {
      const { dir, db } = await countyDb();
      const cases: [string[], RegExp][] = [
        [['--unit', '柳林镇', '--year', '2025'], /需要 -o/u],
        [['--unit', '柳林县', '--year', '2025', '-o', 'x.pdf'], /没有名为“柳林县”的单位/u],
        [['--unit', '柳林镇', '--year', '1990', '-o', 'x.pdf'], /年份/u],
      ];
      for (const [args, message] of cases) {
        const all = ['review', '--db', db, ...args];
        expectRefused(await runCli(dir, env, all), all, message);
      }
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('x'))).toEqual([]);
    },
    SLOW,
  );
});
