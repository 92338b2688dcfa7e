/**
 * Issue 17, item 11: CLI commands started at the same moment on the first run of the day
 * (list, search and export at once) all succeed: one daily backup, not two, no collision on a
 * `.partial` name, none left behind. And an import killed at random moments never leaves a
 * unit without its report (the unit is created in the transaction that stores the report).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../db/archive';
import { backupFolder, listBackups } from '../../db/backup';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { blankReport } from '../../core/model';
import { ROOT, SAMPLE } from '../helpers/paths';
import { sleep } from './child';

const CLI = path.join(ROOT, 'dist', 'cli.cjs');
const SAMPLE_UNIT = '沂源县行政审批服务局';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-concurrent-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], db: string): { done: Promise<Run>; kill: () => void } {
  const child = spawn(process.execPath, [CLI, 'archive', ...args, '--db', db], {
    env: { ...process.env, NIANBAO_DATA_DIR: path.join(dir, 'data') },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

/** A unit name unlike any other: six CJK characters from a seeded sequence. */
function unitName(n: number): string {
  let x = (n * 7919 + 4242) >>> 0;
  let name = '';
  for (let i = 0; i < 6; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    name += String.fromCodePoint(0x4e00 + ((x >>> 8) % 0x5000));
  }
  return `${name}局`;
}

describe('CLI commands at once on the first run of the day', () => {
  it('list, search and export together: all succeed, one daily backup, no .partial', async () => {
    const db = path.join(dir, 'day.sqlite');
    const setup = await openArchiveInProcess(db);
    const unit = await setup.api.createUnit({ name: '并发命令测试局' });
    await setup.api.createReport({ unitId: unit.id, year: 2023 });
    await setup.api.saveReport({
      unitId: unit.id,
      year: 2023,
      report: {
        ...blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, 2023),
        opening: [{ level: 0, text: '今天第一次运行的命令。' }],
      },
    });
    await setup.close();
    for (let round = 0; round < 6; round++) {
      // a new day: no daily backup yet
      fs.rmSync(backupFolder(db), { recursive: true, force: true });
      const out = path.join(dir, `export-${round}.nianbao.json`);
      const runs = await Promise.all(
        [
          ['list'],
          ['search', '第一次运行'],
          ['export', '--unit', '并发命令测试局', '--year', '2023', '-o', out],
          ['list', '--json'],
        ].map((args) => cli(args, db).done),
      );
      for (const r of runs) {
        expect(r.code, `round ${round}: ${r.stderr}`).toBe(0);
        expect(r.stderr).not.toMatch(/disk I\/O error|\n\s+at /u);
      }
      expect(runs[0]!.stdout).toContain('并发命令测试局');
      expect(runs[1]!.stdout).toContain('并发命令测试局');
      expect(fs.readFileSync(out, 'utf8')).toContain('今天第一次运行的命令。');
      const daily = listBackups(db).filter((b) => b.reason === 'daily');
      expect(daily, `round ${round}`).toHaveLength(1);
      const left = fs.readdirSync(backupFolder(db)).filter((n) => /partial|claim/u.test(n));
      expect(left, `round ${round}`).toEqual([]);
    }
  }, 120_000);
});

describe('an import killed at random moments', () => {
  it('never leaves a unit without its report (10 kills)', async () => {
    const folder = path.join(dir, 'files');
    fs.mkdirSync(folder);
    const sample = fs.readFileSync(SAMPLE, 'utf8');
    const total = 30;
    for (let i = 0; i < total; i++) {
      fs.writeFileSync(
        path.join(folder, `${String(i).padStart(2, '0')}.txt`),
        sample.replaceAll(SAMPLE_UNIT, unitName(i)),
      );
    }
    let killed = 0;
    let db = '';
    for (let k = 0; k < 10; k++) {
      // a new archive each round, so that every run has the whole folder to import and the
      // kill lands in its middle however fast or slow the machine is
      db = path.join(dir, `killed-${k}.sqlite`);
      (await Archive.open(db)).close();
      // killed at a moment in the middle: a little after a new unit is seen in the file
      const units = () => {
        const raw = new Database(db, { readonly: true });
        try {
          return raw.prepare('SELECT count(*) FROM units').pluck().get() as number;
        } finally {
          raw.close();
        }
      };
      // after 1 to 10 of the 30 units have appeared, at a varying moment after the last one
      const target = 1 + ((k * 3) % 10);
      const run = cli(['import', folder], db);
      let finished = false;
      const result = run.done.finally(() => (finished = true));
      while (!finished && units() < target) await sleep(5);
      await sleep((k * 7) % 17);
      run.kill();
      const { code } = await result;
      if (code === null) killed++;
      const archive = await Archive.open(db, { create: false });
      try {
        for (const unit of archive.listUnits()) {
          expect(archive.listYears({ unitId: unit.id }), `kill ${k}: ${unit.name}`).toHaveLength(1);
        }
        expect(archive.verify().ok).toBe(true);
      } finally {
        archive.close();
      }
    }
    // most runs were killed in the middle (a very fast run may finish first)
    expect(killed).toBeGreaterThanOrEqual(7);
    const archive = await Archive.open(db, { create: false });
    try {
      expect(archive.listUnits().length).toBeGreaterThan(0);
    } finally {
      archive.close();
    }
  }, 120_000);
});
