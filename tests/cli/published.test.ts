// 已发布（存档） on the command line (issue 13 item 13): `archive import --published` marks a
// folder's past years (not the current one), `archive list` shows the state and that the errors
// are no to-do, `archive unpublish` needs a reason, `archive publish` marks again. The real
// command (dist/cli.cjs) on a real archive file; the real clock decides which years are past.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentReportYear } from '../../core/dates';
import { serialiseReport } from '../../core/file';
import { blankReport } from '../../core/model';
import { inArchive } from '../helpers/archive';
import { expectRefused, runCli } from '../helpers/cli';

const UNIT = '清河县命令行发布测试局';
const CURRENT = currentReportYear(new Date());
const PAST = CURRENT - 1;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-published-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const DB = path.join(root, 'archive.sqlite');
const run = (...args: string[]) =>
  runCli(root, { NIANBAO_DATA_DIR: path.join(root, 'data'), NIANBAO_AUTHOR: '测试员' }, args);

describe('nianbao archive … 已发布（存档）', { timeout: 60_000 }, () => {
  it('import --published marks the past years; list shows it; unpublish needs a reason; publish again', async () => {
    const folder = path.join(root, 'site');
    fs.mkdirSync(folder);
    for (const year of [PAST, CURRENT]) {
      const r = blankReport({ id: 'u-cli', name: UNIT, kind: '部门' }, year);
      fs.writeFileSync(path.join(folder, `${year}.nianbao.json`), serialiseReport(r));
    }
    const imported = await run('archive', 'import', 'site', '--published', '--db', DB);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(
      `→ ${UNIT} ${PAST}年度，第 2 版（新建单位），标记为已发布（存档）`,
    );
    expect(imported.stdout).toContain(`→ ${UNIT} ${CURRENT}年度，第 1 版\n`);
    expect(imported.stdout).toContain('其中 1 份往年报告标记为已发布（存档）');

    const list = await run('archive', 'list', '--db', DB);
    const line = (year: number) => list.stdout.split('\n').find((l) => l.includes(` ${year} `))!;
    expect(line(PAST)).toMatch(/已发布（存档）\s+\d+（不算待办）/u);
    expect(line(CURRENT)).toContain('草稿');

    const args = ['archive', 'unpublish', '--unit', UNIT, '--year', String(PAST), '--db', DB];
    expectRefused(await run(...args), args, /取消已发布标记必须用 --reason 写明理由/u);
    const unmarked = await run(...args, '--reason', '要改正', '--author', '李四');
    expect(unmarked.code, unmarked.stderr).toBe(0);
    expect(unmarked.stdout).toContain('已取消');
    const marked = await run(
      'archive',
      'publish',
      '--unit',
      UNIT,
      '--year',
      String(PAST),
      '--db',
      DB,
    );
    expect(marked.code, marked.stderr).toBe(0);
    await inArchive(DB, (a) => {
      const unitId = a.listUnits()[0]!.id;
      expect(a.history({ unitId, year: PAST }).map((r) => [r.reason, r.author])).toEqual([
        ['publish', '测试员'],
        ['unpublish', '李四'],
        ['publish', '测试员'],
        ['import', '测试员'],
      ]);
      expect(a.listYears({ unitId }).map((y) => [y.year, y.status])).toEqual([
        [CURRENT, '草稿'],
        [PAST, '已发布（存档）'],
      ]);
    });
  });
});
