/**
 * Issue 17, items 1 and 2, with real processes: a restore while the app (the HTTP bridge) is
 * saving is refused and loses no acknowledged save; a restore killed at random moments never
 * leaves the archive's path empty or missing (and the next open finishes or rolls it back); a
 * restore that runs out of disk space (a file-size limit, as a full disk) changes nothing and
 * says so in Chinese.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedReport } from '../../core/api';
import { blankReport } from '../../core/model';
import { fromWire, toWire } from '../../core/wire';
import { Archive } from '../../db/archive';
import { request } from '../bridge/helpers';
import { startBridge } from '../helpers/browser';
import { ROOT } from '../helpers/paths';
import { bundleChild, Writer, sleep } from './child';
import { markedReport, prng, type WriterEvent } from './shared';

const SEED = Number(process.env.NIANBAO_RESTORE_SEED ?? 20_261_205) >>> 0;
const KILLS = Number(process.env.NIANBAO_RESTORE_KILLS ?? 50);
const CLI = path.join(ROOT, 'dist', 'cli.cjs');

const started = (e: WriterEvent): e is WriterEvent => (e as { event: string }).event === 'start';

let dir: string;
let script: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-restore-'));
  script = await bundleChild('restorer', dir);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An archive with `saves` revisions of one report (a few MB), and a backup of it. */
async function archiveWith(file: string, saves: number, seed: number): Promise<string> {
  const a = await Archive.open(file);
  try {
    let unit = a.listUnits()[0];
    if (!unit) {
      unit = a.createUnit({ name: '恢复测试单位', kind: '部门' });
      a.createReport({ unitId: unit.id, year: 2023, author: 'x' });
    }
    const base = blankReport({ ...unit, kind: '部门' } as never, 2023);
    for (let i = 0; i < saves; i++) {
      const report = markedReport(
        { ...base.unit, id: unit.id },
        2023,
        `${seed}-${i}`,
        seed * 1000 + i,
      );
      a.saveReport({ unitId: unit.id, year: 2023, report, reason: 'save', author: 'x' });
    }
    return (await a.backup({ to: path.join(path.dirname(file), `backup-${seed}.sqlite`) })).path;
  } finally {
    a.close();
  }
}

/** How many revisions the archive at `file` holds, opened as the app opens it. */
async function revisions(file: string): Promise<number> {
  const a = await Archive.open(file, { create: false });
  try {
    expect(a.verify().ok).toBe(true);
    const unit = a.listUnits()[0]!;
    return a.history({ unitId: unit.id, year: 2023 }).length;
  } finally {
    a.close();
  }
}

describe('restore killed at random moments', () => {
  it(`never leaves the path empty or missing (${KILLS} kills)`, async () => {
    const file = path.join(dir, 'killed', 'archive.sqlite');
    fs.mkdirSync(path.dirname(file));
    const small = await archiveWith(file, 20, 1);
    const large = await archiveWith(file, 40, 2);
    const counts = new Map([
      [small, await revisions(small)],
      [large, await revisions(large)],
    ]);
    // how long an uninterrupted restore takes, from its start to its exit
    const timed = new Writer(script, { file, backup: small } as never);
    await timed.waitFor(started);
    const t0 = Date.now();
    expect((await timed.exited).code, timed.diagnostics).toBe(0);
    const span = Math.max(5, Date.now() - t0);
    let current = counts.get(small)!;

    const rand = prng(SEED);
    const outcome = { killed: 0, restored: 0, rolledBack: 0, finishedBeforeKill: 0 };
    for (let round = 0; round < KILLS; round++) {
      const backup = round % 2 === 0 ? large : small;
      const child = new Writer(script, { file, backup } as never);
      await child.waitFor(started);
      await sleep(Math.floor(rand() * span * 1.3));
      child.kill();
      const exit = await child.exited;
      if (exit.signal === 'SIGKILL') outcome.killed++;
      else outcome.finishedBeforeKill++;
      const where = `round ${round}, seed ${SEED}`;
      // the path is never empty or missing, whatever the moment
      expect(fs.existsSync(file), where).toBe(true);
      expect(fs.statSync(file).size, where).toBeGreaterThan(0);
      // the next open finishes or rolls back: the archive is the old one or the backup, whole
      const now = await revisions(file);
      expect([current, counts.get(backup)], where).toContain(now);
      if (now === counts.get(backup) && now !== current) outcome.restored++;
      else if (now !== counts.get(backup)) outcome.rolledBack++;
      current = now;
      const left = fs.readdirSync(path.dirname(file));
      expect(
        left.filter((f) => f.includes('.restoring-') || f.endsWith('.restore.json')),
        where,
      ).toEqual([]);
    }
    console.log(
      `restore kill test: seed ${SEED}, ${KILLS} rounds (${outcome.killed} killed, ${outcome.finishedBeforeKill} finished first), ` +
        `restore span ${span} ms, ${outcome.restored} ended restored, ${outcome.rolledBack} rolled back; path never empty or missing`,
    );
  }, 600_000);
});

describe('restore out of disk space', () => {
  it('a file-size limit (as a full disk) stops the copy: the archive unchanged, a Chinese message, no stack', async () => {
    const file = path.join(dir, 'full', 'archive.sqlite');
    fs.mkdirSync(path.dirname(file));
    const backup = await archiveWith(file, 30, 3);
    const before = fs.readFileSync(file);
    expect(fs.statSync(backup).size).toBeGreaterThan(600 * 1024);
    // ulimit -f counts 512-byte blocks in POSIX sh: 512 KiB
    const r = spawnSync(
      'sh',
      [
        '-c',
        `ulimit -f 1024 && exec "$0" "$@"`,
        process.execPath,
        script,
        toWire({ file, backup }),
      ],
      { encoding: 'utf8' },
    );
    const events = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { event: string; message?: string });
    const error = events.find((e) => e.event === 'error');
    expect(error, r.stderr).toBeDefined();
    expect(error!.message).toContain('磁盘空间不足');
    expect(error!.message).toContain('档案库保持原样');
    expect(error!.message).not.toMatch(/EFBIG|ENOSPC|\n\s+at /u);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(
      fs.readdirSync(path.dirname(file)).filter((f) => /restoring|restore\.json|replaced/u.test(f)),
    ).toEqual([]);
  });
});

describe('restore while the app is saving (through the bridge)', () => {
  it('is refused; every acknowledged save is in the archive; a replaced file stops the app saving', async () => {
    const file = path.join(dir, 'bridge', 'archive.sqlite');
    fs.mkdirSync(path.dirname(file));
    const backup = await archiveWith(file, 3, 4);
    const app = await startBridge(file);
    try {
      const login = await request(app.port, {
        path: new URL(app.url).pathname + new URL(app.url).search,
      });
      const cookie = login.headers['set-cookie']![0]!.split(';')[0]!;
      const call = async (method: string, payload: unknown) => {
        const r = await request(app.port, {
          method: 'POST',
          path: `/api/${method}`,
          headers: { Cookie: cookie, 'Content-Type': 'application/json' },
          body: toWire(payload),
        });
        return { status: r.status, body: fromWire(r.text) as never };
      };
      const units = (await call('listUnits', {})).body as { id: string }[];
      const unitId = units[0]!.id;
      const opened = (await call('openReport', { unitId, year: 2023 })).body as OpenedReport;
      if (opened.legacy) throw new Error('unexpected legacy report');
      const acknowledged: string[] = [];
      let saving = true;
      const saver = (async () => {
        for (let i = 0; saving; i++) {
          const title = `保存中恢复-${i}`;
          const r = await call('saveReport', {
            unitId,
            year: 2023,
            report: { ...opened.report, title },
            reason: 'save',
            author: '张三',
          });
          if (r.status === 200) acknowledged.push(title);
        }
      })();
      await sleep(300);
      const restore = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [CLI, 'archive', 'restore', '--db', file, backup]);
        let stderr = '';
        p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        p.on('close', (code) => resolve({ code, stderr }));
      });
      await sleep(300);
      saving = false;
      await saver;
      expect(restore.code, restore.stderr).toBe(2);
      expect(restore.stderr).toContain('正在被使用');
      expect(restore.stderr).not.toMatch(/\n\s+at /u);
      expect(acknowledged.length).toBeGreaterThan(3);

      // the restore changed nothing: every acknowledged save is in the archive
      await app.stop();
      const archive = await Archive.open(file, { create: false });
      try {
        const titles = new Set(
          archive.history({ unitId, year: 2023 }).map((h) => {
            const r = archive.openRevision({ unitId, year: 2023, revision: h.revision });
            return r.legacy ? '' : r.report.title;
          }),
        );
        const missing = acknowledged.filter((t) => !titles.has(t));
        console.log(
          `restore during saves: ${acknowledged.length} acknowledged saves, restore refused (exit ${restore.code}), ${missing.length} missing`,
        );
        expect(missing).toEqual([]);
      } finally {
        archive.close();
      }

      // a file put in the archive's place behind the running app's back: it stops saving
      const again = await startBridge(file);
      try {
        const link = new URL(again.url);
        const r2 = await request(again.port, { path: link.pathname + link.search });
        const cookie2 = r2.headers['set-cookie']![0]!.split(';')[0]!;
        const save = (title: string) =>
          request(again.port, {
            method: 'POST',
            path: '/api/saveReport',
            headers: { Cookie: cookie2, 'Content-Type': 'application/json' },
            body: toWire({
              unitId,
              year: 2023,
              report: { ...opened.report, title },
              reason: 'save',
              author: '张三',
            }),
          });
        expect((await save('替换之前')).status).toBe(200);
        fs.copyFileSync(backup, `${file}.tmp`);
        fs.renameSync(`${file}.tmp`, file);
        const refused = await save('替换之后');
        expect(refused.status).toBe(500);
        expect(refused.text).toContain('已被替换');
      } finally {
        await again.stop();
      }
    } finally {
      await app.stop();
    }
  }, 120_000);
});
