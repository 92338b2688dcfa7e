/**
 * `nianbao archive export-exchange` and `import-exchange` (issue 15 item 1) on real archive
 * files through the built CLI: a county's files exported, a folder imported into another
 * archive (exit 0, counts), the same again (identical), two altered files (exit 1, each listed
 * with its Chinese reason, the others imported).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Archive } from '../../db/archive';
import { Clock } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import { fillCounty } from '../helpers/county';
import { alterEntry, alterManifest } from '../exchange/helpers';

const SLOW = 240_000;
const env = { NIANBAO_FONT_DIRS: '', NIANBAO_DATA_DIR: os.tmpdir() };

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-exchange-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'county.sqlite');
  const a = await Archive.open(db, { now: new Clock('2026-01-20T10:00:00').now });
  fillCounty(a);
  a.close();
  return { dir, db };
}

describe('nianbao archive export-exchange / import-exchange', () => {
  it(
    'exports files, imports a folder (exit 0), refuses altered files (exit 1) with their reasons',
    async () => {
      const { dir, db } = await setup();
      const out = path.join(dir, 'out');
      fs.mkdirSync(out);
      const units = ['清河县财政局', '清河县民政局', '城关镇', '公安局交通管理大队'];
      for (const unit of units) {
        const file = path.join(out, `${unit}-2025.nianbao`);
        const r = await runCli(dir, env, [
          'archive',
          'export-exchange',
          '--db',
          db,
          '--unit',
          unit,
          '--year',
          '2025',
          '-o',
          file,
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(`已导出交换文件：${file}（${unit} 2025年度，第 `);
        expect(fs.existsSync(file)).toBe(true);
      }

      const office = path.join(dir, 'office.sqlite');
      const first = await runCli(dir, env, ['archive', 'import-exchange', '--db', office, out]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(
        '共 4 个交换文件：导入 4，相同未导入 0，单位待确认 0，拒绝 0。',
      );
      const again = await runCli(dir, env, ['archive', 'import-exchange', '--db', office, out]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('导入 0，相同未导入 4');

      // two files altered after export, into a fresh archive
      const data = path.join(out, '清河县财政局-2025.nianbao');
      fs.writeFileSync(
        data,
        alterEntry(new Uint8Array(fs.readFileSync(data)), 'report.nianbao.json'),
      );
      const manifest = path.join(out, '城关镇-2025.nianbao');
      fs.writeFileSync(
        manifest,
        alterManifest(
          new Uint8Array(fs.readFileSync(manifest)),
          (m) => (m.revision = Number(m.revision) + 1),
        ),
      );
      const fresh = path.join(dir, 'fresh.sqlite');
      const bad = await runCli(dir, env, ['archive', 'import-exchange', '--db', fresh, out]);
      expect(bad.code, bad.stdout).toBe(1);
      expect(bad.stdout).toContain('共 4 个交换文件：导入 2，相同未导入 0，单位待确认 0，拒绝 2。');
      expect(bad.stdout).toContain('以下文件被拒绝，未导入：');
      expect(bad.stdout).toContain(
        `${data}：交换文件中的报告数据（report.nianbao.json）在导出后被改动过：SHA-256 与清单不符`,
      );
      expect(bad.stdout).toContain(`${manifest}：交换文件的清单（manifest.json）在导出后被改动过`);

      const missing = await runCli(dir, env, [
        'archive',
        'import-exchange',
        '--db',
        fresh,
        path.join(dir, '没有这个文件.nianbao'),
      ]);
      expect(missing.code).toBe(1);
      expect(missing.stdout).toContain('文件或文件夹不存在');
    },
    SLOW,
  );
});
