/**
 * Issue 17, item 10: an archive on a read-only disk (a write-protected USB stick, a read-only
 * share; simulated by a tmpfs remounted read-only and by a read-only bind mount: as root, a
 * chmod does not stop writes) opens read-only for viewing, search and export, saying that
 * changes cannot be saved; a backup into its folder fails at once with a Chinese message,
 * never spins; a backup elsewhere works. An archive whose last saves are still in its WAL (the
 * app that wrote it still running, or killed) opens from a temporary copy that includes them.
 * Skipped where mounting is not allowed (not root, or no CAP_SYS_ADMIN).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../core/api';
import { blankReport, type Report } from '../../core/model';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import type { ArchiveApi } from '../../electron/services/archive/methods';
import { ROOT } from '../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.cjs');

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

const mounting = canMount();
let dir: string;
const mounts: string[] = [];

function mount(args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-rotest-'));
});
afterAll(() => {
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder on a tmpfs of its own (remountable read-only). */
function tmpfs(name: string): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  mount(['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', folder]);
  mounts.push(folder);
  return folder;
}

/** A unit with a report saved twice; the last save's text is returned. */
async function fill(api: ArchiveApi, text: string): Promise<{ unitId: string }> {
  const unit = await api.createUnit({ name: '只读测试局' });
  await api.createReport({ unitId: unit.id, year: 2023 });
  const report: Report = blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, 2023);
  for (const t of ['第一次保存。', text]) {
    await api.saveReport({
      unitId: unit.id,
      year: 2023,
      report: { ...report, opening: [{ level: 0, text: t }] },
    });
  }
  return { unitId: unit.id };
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe.skipIf(!mounting)('an archive on a read-only disk', () => {
  it('opens for viewing, search and export; changes and a backup beside it are refused', async () => {
    const disk = tmpfs('stick');
    const file = path.join(disk, 'archive.sqlite');
    const writer = await openArchiveInProcess(file);
    const { unitId } = await fill(writer.api, '只读磁盘上的报告内容。');
    await writer.close();
    mount(['-o', 'remount,ro', disk]);
    expect(() => fs.writeFileSync(path.join(disk, 'x'), 'x')).toThrow();

    const started = Date.now();
    const reader = await openArchiveInProcess(file, { dailyBackup: true });
    try {
      expect(reader.openError).toBeNull();
      const { api } = reader;
      expect((await api.listUnits()).map((u) => u.name)).toEqual(['只读测试局']);
      expect((await api.search({ query: '只读磁盘' })).hits).toHaveLength(1);
      const opened = await api.openReport({ unitId, year: 2023 });
      expect(!opened.legacy && opened.report.opening[0]?.text).toBe('只读磁盘上的报告内容。');
      const exported = await api.exportReport({ unitId, year: 2023, format: 'json' });
      expect(exported.text).toContain('只读磁盘上的报告内容。');
      expect((await api.archiveInfo()).warning).toContain('修改无法保存');
      expect((await refusal(api.createUnit({ name: '新单位' }))).message).toContain('只读');
      // a backup into the read-only folder: refused at once, in Chinese, not spinning
      const beside = Date.now();
      const backup = await refusal(api.backup());
      expect(Date.now() - beside).toBeLessThan(5000);
      expect(backup.message).toMatch(/备份没有完成.*只读/u);
      // elsewhere: a complete copy
      const to = path.join(dir, 'elsewhere.sqlite');
      expect((await api.backup({ to })).path).toBe(to);
      expect(fs.statSync(to).size).toBeGreaterThan(0);
    } finally {
      await reader.close();
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('the CLI lists, searches and exports it (exit 0)', () => {
    const disk = tmpfs('cli');
    const file = path.join(disk, 'archive.sqlite');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'archive', ...args, '--db', file], {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, NIANBAO_DATA_DIR: path.join(dir, 'cli-data') },
      });
    return (async () => {
      const writer = await openArchiveInProcess(file);
      await fill(writer.api, '命令行读取只读档案库。');
      await writer.close();
      mount(['-o', 'remount,ro', disk]);
      const list = run('list');
      expect(list.status, list.stderr).toBe(0);
      expect(list.stdout).toContain('只读测试局');
      const search = run('search', '命令行读取');
      expect(search.status, search.stderr).toBe(0);
      expect(search.stdout).toContain('只读测试局');
      const out = path.join(dir, 'cli-export.nianbao.json');
      const exported = run('export', '--unit', '只读测试局', '--year', '2023', '-o', out);
      expect(exported.status, exported.stderr).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toContain('命令行读取只读档案库。');
      for (const r of [list, search, exported]) expect(r.stderr).not.toMatch(/\n\s+at /u);
    })();
  });

  it('saves still in the WAL are shown (opened from a temporary copy, removed on close)', async () => {
    const disk = tmpfs('wal');
    const file = path.join(disk, 'archive.sqlite');
    // the app that wrote it is still running: its last save is only in the WAL
    const writer = await openArchiveInProcess(file);
    try {
      const { unitId } = await fill(writer.api, '只在预写日志中的内容。');
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      // the same folder seen through a read-only bind mount
      const view = path.join(dir, 'wal-view');
      fs.mkdirSync(view);
      mount(['--bind', disk, view]);
      mounts.push(view);
      mount(['-o', 'remount,bind,ro', view]);
      const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('nianbao-readonly-'));
      const reader = await openArchiveInProcess(path.join(view, 'archive.sqlite'));
      try {
        expect(reader.openError).toBeNull();
        const opened = await reader.api.openReport({ unitId, year: 2023 });
        expect(!opened.legacy && opened.report.opening[0]?.text).toBe('只在预写日志中的内容。');
        expect((await refusal(reader.api.createUnit({ name: '新单位' }))).message).toContain(
          '只读',
        );
      } finally {
        await reader.close();
      }
      const after = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('nianbao-readonly-'));
      expect(after.sort()).toEqual(before.sort());
    } finally {
      await writer.close();
    }
  });
});
