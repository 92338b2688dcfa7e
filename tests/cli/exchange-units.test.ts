/**
 * `nianbao archive import-exchange --units <对应表.csv>` and `--unit <单位>` (issue 15 item 1):
 * a file whose unit only resembles one here is not imported (exit 1) and its line is printed
 * as `archive import` prints it ("文件,单位", the candidates as # lines); the clerk fills the
 * second column, saves the lines as CSV and imports again with --units (paths as printed, or
 * relative to the CSV): each file lands in the unit chosen, an existing one or a new one. A
 * single file is settled with --unit; --unit with a folder is refused in Chinese.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Archive } from '../../db/archive';
import { expectRefused, runCli } from '../helpers/cli';
import { YEAR, fillCounty } from '../helpers/county';
import { writeExport } from '../exchange/helpers';

const SLOW = 240_000;
const env = { NIANBAO_FONT_DIRS: '', NIANBAO_DATA_DIR: os.tmpdir() };
const FINANCE = '清河县财政局';
const CIVIL = '清河县民政局';
/** Units of the receiving office whose names only resemble the files' units. */
const FINANCE_HERE = '清河县财政局（国有资产监督管理局）';
const CIVIL_HERE = '清河县民政局（老龄工作委员会办公室）';

/** Two members' exchange files in `out/`; an office archive with resembling unit names. */
async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-exchange-units-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  const a = await Archive.open(path.join(dir, 'county.sqlite'));
  const files: Record<string, string> = {};
  try {
    const county = fillCounty(a);
    for (const name of [FINANCE, CIVIL]) {
      files[name] = writeExport(a, county.byName.get(name)!.id, YEAR, out);
    }
  } finally {
    a.close();
  }
  const office = path.join(dir, 'office.sqlite');
  const b = await Archive.open(office);
  try {
    b.createUnit({ name: FINANCE_HERE, kind: '部门' });
    b.createUnit({ name: CIVIL_HERE, kind: '部门' });
  } finally {
    b.close();
  }
  return { dir, out, office, finance: files[FINANCE]!, civil: files[CIVIL]! };
}

/** The office's units: name → the years it holds. */
async function unitsOf(file: string): Promise<Record<string, number[]>> {
  const b = await Archive.open(file, { create: false });
  try {
    return Object.fromEntries(
      b.listUnits().map((u) => [u.name, b.listYears({ unitId: u.id }).map((y) => y.year)]),
    );
  } finally {
    b.close();
  }
}

describe('nianbao archive import-exchange --units / --unit', () => {
  it(
    'prints the lines to fill, then imports each file into the unit the CSV names',
    async () => {
      const { dir, out, office, finance, civil } = await setup();
      const asked = await runCli(dir, env, ['archive', 'import-exchange', '--db', office, out]);
      expect(asked.code, asked.stderr).toBe(1);
      expect(asked.stdout).toContain('导入 0，相同未导入 0，单位待确认 2，拒绝 0。');
      expect(asked.stdout).toContain('再用 --units <文件> 重新导入');
      // the lines to save as CSV, as `archive import` prints them
      const lines = asked.stdout.slice(asked.stdout.indexOf('文件,单位')).trim().split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          '文件,单位',
          `# 候选：${FINANCE_HERE}`,
          `${finance},`,
          `# 候选：${CIVIL_HERE}`,
          `${civil},`,
        ]),
      );
      expect(await unitsOf(office)).toEqual({ [FINANCE_HERE]: [], [CIVIL_HERE]: [] });

      // the clerk fills the second column: the finance file as printed, into the unit here; the
      // civil affairs file by a path relative to the CSV, into a new unit
      const csv = path.join(dir, '对应表.csv');
      fs.writeFileSync(
        csv,
        lines
          .map((line) =>
            line === `${finance},`
              ? `${finance},${FINANCE_HERE}`
              : line === `${civil},`
                ? `${path.relative(dir, civil)},清河县民政局（新）`
                : line,
          )
          .join('\n'),
      );
      const settled = await runCli(dir, env, [
        'archive',
        'import-exchange',
        '--db',
        office,
        out,
        '--units',
        csv,
      ]);
      expect(settled.code, settled.stdout + settled.stderr).toBe(0);
      expect(settled.stdout).toContain('导入 2，相同未导入 0，单位待确认 0，拒绝 0。');
      expect(settled.stdout).toMatch(
        new RegExp(
          `${civil} → ${CIVIL} ${YEAR}年度（来源第 \\d+ 版），存入“清河县民政局（新）”`,
          'u',
        ),
      );
      expect(await unitsOf(office)).toEqual({
        [FINANCE_HERE]: [YEAR],
        [CIVIL_HERE]: [],
        '清河县民政局（新）': [YEAR],
      });
    },
    SLOW,
  );

  it(
    'settles a single file with --unit; refuses --unit with a folder',
    async () => {
      const { dir, out, office, finance } = await setup();
      const folder = ['archive', 'import-exchange', '--db', office, out, '--unit', FINANCE_HERE];
      expectRefused(await runCli(dir, env, folder), folder, /--unit 只能用于一个交换文件/u);
      const two = ['archive', 'import-exchange', '--db', office, finance, finance];
      two.push('--unit', FINANCE_HERE);
      expectRefused(await runCli(dir, env, two), two, /--unit 只能用于一个交换文件/u);
      expect(await unitsOf(office)).toEqual({ [FINANCE_HERE]: [], [CIVIL_HERE]: [] });

      const one = await runCli(dir, env, [
        'archive',
        'import-exchange',
        '--db',
        office,
        finance,
        '--unit',
        FINANCE_HERE,
      ]);
      expect(one.code, one.stdout + one.stderr).toBe(0);
      expect(one.stdout).toMatch(
        new RegExp(
          `${finance} → ${FINANCE} ${YEAR}年度（来源第 \\d+ 版），存入“${FINANCE_HERE}”`,
          'u',
        ),
      );
      expect(one.stdout).toContain('导入 1，相同未导入 0，单位待确认 0，拒绝 0。');
      expect(await unitsOf(office)).toEqual({ [FINANCE_HERE]: [YEAR], [CIVIL_HERE]: [] });
    },
    SLOW,
  );
});
