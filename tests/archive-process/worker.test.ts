/**
 * The database worker (electron/services/archive/worker.ts, bundled as dist/archive-worker.cjs)
 * and its client: the typed API works through it; imports report progress and can be
 * cancelled; payloads are validated before they reach the worker; errors cross as ApiError
 * with their code; the archive is opened in the worker thread, never the main thread; the
 * main thread's event loop runs while the worker works; a corrupted archive still lets the
 * worker start and restore a backup; close() ends the worker.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorCode, type ImportProgress } from '../../core/api';
import { blankReport } from '../../core/model';
import { Archive } from '../../db/archive';
import { openArchiveWorker, type ArchiveConnection } from '../../electron/services/archive/client';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { ROOT, SAMPLE } from '../helpers/paths';

const CHINESE = /[\u4e00-\u9fff]/u;

let dir: string;
let count = 0;
/** A new path in the test folder. */
const fresh = (name: string) => path.join(dir, `${++count}-${name}`);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-worker-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens a worker on `file`, closed after `run` whatever happens. */
async function withWorker<T>(file: string, run: (c: ArchiveConnection) => Promise<T>): Promise<T> {
  const connection = await openArchiveWorker(file);
  try {
    return await run(connection);
  } finally {
    await connection.close();
  }
}

/** The ApiError a promise rejects with (fails when it resolves or rejects with anything else). */
async function apiError(promise: Promise<unknown>, code: ApiErrorCode): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ApiError ${code}`).toBeInstanceOf(ApiError);
  expect((error as ApiError).code, (error as ApiError).message).toBe(code);
  expect((error as ApiError).message).toMatch(CHINESE);
  return error as ApiError;
}

/** How many times the event loop of this thread runs setImmediate callbacks while `work` runs. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; result: T }> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    ticks++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    const result = await work();
    return { ticks, result };
  } finally {
    running = false;
  }
}

describe('the API through the database worker', () => {
  it('creates, saves, searches, backs up and verifies', async () => {
    const file = fresh('api.sqlite');
    await withWorker(file, async ({ api, openError }) => {
      expect(openError).toBeNull();
      const unit = await api.createUnit({ name: '工作线程测试局', kind: '部门' });
      expect(unit).toMatchObject({ name: '工作线程测试局', kind: '部门', years: [] });
      const created = await api.createReport({ unitId: unit.id, year: 2023, author: '张三' });
      expect(created).toMatchObject({ legacy: false, revision: 1, year: 2023 });
      const report = blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, 2023);
      const saved = await api.saveReport({
        unitId: unit.id,
        year: 2023,
        report: { ...report, opening: [{ level: 0, text: '本年度依申请公开办理情况良好。' }] },
        author: '张三',
      });
      expect(saved).toEqual({ revision: 2, created: true });
      const opened = await api.openReport({ unitId: unit.id, year: 2023 });
      expect(opened.legacy === false && opened.report.opening[0]?.text).toBe(
        '本年度依申请公开办理情况良好。',
      );
      expect((await api.history({ unitId: unit.id, year: 2023 })).map((h) => h.revision)).toEqual([
        2, 1,
      ]);
      expect((await api.listYears({ unitId: unit.id })).map((y) => y.year)).toEqual([2023]);

      const long = await api.search({ query: '依申请公开' });
      expect(long.hits).toHaveLength(1);
      expect(long.hits[0]).toMatchObject({ unitId: unit.id, year: 2023 });
      expect(long.hits[0]!.snippet.some((p) => p.hit && p.text.includes('依申请公开'))).toBe(true);
      const short = await api.search({ query: '良好' });
      expect(short.hits.map((h) => h.unitId)).toEqual([unit.id]);

      const to = fresh('manual-backup.sqlite');
      const backup = await api.backup({ to });
      expect(backup).toMatchObject({ path: to, reason: 'manual' });
      expect(fs.statSync(to).size).toBe(backup.bytes);
      const auto = await api.backup();
      expect((await api.listBackups()).map((b) => b.path)).toEqual([auto.path]);
      expect(await api.verify()).toMatchObject({ ok: true, problems: [] });
      expect(await api.archiveInfo()).toMatchObject({ units: 1, reports: 1 });

      // the backup is a complete archive of its own
      const copy = await Archive.open(to, { create: false });
      try {
        expect(copy.verify().ok).toBe(true);
        expect(copy.listUnits().map((u) => u.name)).toEqual(['工作线程测试局']);
        expect(copy.history({ unitId: unit.id, year: 2023 })).toHaveLength(2);
      } finally {
        copy.close();
      }
    });
  });

  it('validates payloads before they reach the worker', async () => {
    await withWorker(fresh('invalid.sqlite'), async ({ api }) => {
      const unit = await api.createUnit({ name: '校验测试局' });
      const year = await apiError(api.createReport({ unitId: unit.id, year: 1999 }), 'INVALID');
      // the boundary's message (parsePayload), not the archive's own year check
      expect(year.message).toMatch(/^请求的数据无效（year）：年度应在 2008–2100 之间/u);
      await apiError(api.createReport({ unitId: unit.id, year: 2023.5 }), 'INVALID');
      // payloads the worker itself would accept, refused before they get there
      const limit = await apiError(api.search({ query: '公开', limit: 0 }), 'INVALID');
      expect(limit.message).toMatch(/^请求的数据无效（limit）/u);
      await apiError(api.listYears({ unitId: '' }), 'INVALID');
      const reason = await apiError(
        api.saveReport({
          unitId: unit.id,
          year: 2023,
          report: blankReport({ id: unit.id, name: unit.name, kind: null }, 2023),
          reason: 'autosave' as 'save',
        }),
        'INVALID',
      );
      expect(reason.message).toMatch(/^请求的数据无效（reason）/u);
      await apiError(api.importFiles({ paths: [] }), 'INVALID');
      expect(await api.listYears({ unitId: unit.id })).toEqual([]);
    });
  });

  it('passes errors back as ApiError with their code', async () => {
    await withWorker(fresh('errors.sqlite'), async ({ api }) => {
      const unit = await api.createUnit({ name: '错误测试局' });
      await apiError(api.openReport({ unitId: unit.id, year: 2023 }), 'NOT_FOUND');
      await apiError(api.openReport({ unitId: 'u-没有这个单位', year: 2023 }), 'NOT_FOUND');
      await apiError(api.createUnit({ name: '错误测试局' }), 'CONFLICT');
      await api.createReport({ unitId: unit.id, year: 2023 });
      await apiError(api.createReport({ unitId: unit.id, year: 2023 }), 'CONFLICT');
      const existing = fresh('exists.sqlite');
      fs.writeFileSync(existing, 'x');
      await apiError(api.backup({ to: existing }), 'CONFLICT');
      const text = fresh('not-an-archive.txt');
      fs.writeFileSync(text, '这不是档案库');
      await apiError(api.restoreBackup({ path: text }), 'NOT_ARCHIVE');
      // after all these refusals the archive is as it was
      expect(await api.verify()).toMatchObject({ ok: true });
      expect((await api.listUnits()).map((u) => u.years)).toEqual([[2023]]);
    });
  });
});

describe('importing through the worker', () => {
  const sources = (name: string, n: number) => {
    const folder = fresh(name);
    fs.mkdirSync(folder);
    const units: Record<string, string> = {};
    for (let i = 1; i <= n; i++) {
      const base = `报告-${String(i).padStart(2, '0')}.txt`;
      fs.copyFileSync(SAMPLE, path.join(folder, base));
      units[base] = `导入测试单位-${String(i).padStart(2, '0')}`;
    }
    return { folder, units };
  };

  it('reports progress for every file', async () => {
    const { folder, units } = sources('import-all', 30);
    await withWorker(fresh('import-all.sqlite'), async ({ api }) => {
      const progress: ImportProgress[] = [];
      const summary = await api.importFiles({ paths: [folder], units }, (p) => progress.push(p));
      expect(summary).toMatchObject({ imported: 30, unchanged: 0, needsUnit: 0, failed: 0 });
      expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 31 }, (_, i) => i));
      expect(progress.every((p) => p.total === 30)).toBe(true);
      expect(progress.slice(0, 30).map((p) => path.basename(p.file))).toEqual(
        Object.keys(units).sort(),
      );
      expect((await api.listUnits()).map((u) => u.name)).toEqual(Object.values(units).sort());
    });
  });

  it('stops between two files when cancelled; what was imported stays', async () => {
    const { folder, units } = sources('import-cancel', 30);
    await withWorker(fresh('import-cancel.sqlite'), async ({ api }) => {
      const controller = new AbortController();
      const progress: ImportProgress[] = [];
      const summary = await api.importFiles(
        { paths: [folder], units },
        (p) => {
          progress.push(p);
          if (p.done === 2) controller.abort();
        },
        controller.signal,
      );
      const n = summary.results.length;
      // files 0–2 had started when the abort was sent; the worker stopped before the last
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThan(30);
      expect(summary.imported).toBe(n);
      expect(progress.at(-1)).toEqual({ done: n, total: 30, file: '' });
      const names = (await api.listUnits()).map((u) => u.name);
      expect(names).toEqual(Object.values(units).sort().slice(0, n));
      expect(await api.verify()).toMatchObject({ ok: true });
      // and the worker goes on working after the cancelled request
      const rest = await api.importFiles({ paths: [folder], units });
      expect(rest).toMatchObject({ imported: 30 - n, unchanged: n, failed: 0 });
    });
  });

  it('imports nothing when the signal is aborted before the call (as in-process)', async () => {
    const { folder, units } = sources('import-aborted', 3);
    const controller = new AbortController();
    controller.abort();
    for (const open of [openArchiveWorker, openArchiveInProcess]) {
      const connection = await open(fresh(`import-aborted-${open.name}.sqlite`));
      try {
        const summary = await connection.api.importFiles(
          { paths: [folder], units },
          undefined,
          controller.signal,
        );
        expect(summary.results, open.name).toEqual([]);
        expect(await connection.api.listUnits(), open.name).toEqual([]);
      } finally {
        await connection.close();
      }
    }
  });
});

describe('where the archive lives', () => {
  it('is opened in the worker thread: SQLite is never loaded in the main thread', async () => {
    const file = fresh('main-thread.sqlite');
    const control = fresh('control.sqlite');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'tests', 'archive-process', 'main-thread.ts'),
        file,
        control,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // the script ends by itself once the connection is closed: a worker left running would
    // keep it alive (then it is killed here and the test fails)
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve) => child.on('close', (code, signal) => resolve({ code, signal })),
    );
    clearTimeout(timer);
    expect(exit, `the script did not end by itself\n${stderr}`).toEqual({ code: 0, signal: null });
    const seen = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(seen).toMatchObject({
      isMainThread: true,
      revision: 2,
      hits: 1,
      verified: true,
      // no SQLite connection was made in the main thread while the worker did all that…
      before: false,
      afterWorker: false,
      // …and the check would see one: opening an archive in the main thread loads the addon
      afterInProcess: true,
    });
    expect(seen.backupBytes).toBeGreaterThan(0);
  });

  it('keeps the main event loop running while the worker backs up and verifies', async () => {
    // a larger archive: 12 units × 10 years of long text-only reports
    const file = fresh('large.sqlite');
    const text = fs.readFileSync(SAMPLE, 'utf8').repeat(6);
    const archive = await Archive.open(file);
    try {
      for (let u = 0; u < 12; u++) {
        const unit = archive.createUnit({ name: `大档案测试单位${u}` });
        for (let year = 2009; year <= 2018; year++) {
          archive.storeImported({
            unitId: unit.id,
            year,
            content: { legacy: true, title: `${year}年报告`, text: `${u}-${year}\n${text}` },
            author: '测试',
            file: 'large.txt',
          });
        }
      }
    } finally {
      archive.close();
    }
    const bytes = fs.statSync(file).size;
    expect(bytes).toBeGreaterThan(10_000_000);

    await withWorker(file, async ({ api }) => {
      const backup = await ticksDuring(() => api.backup({ to: fresh('large-backup.sqlite') }));
      expect(backup.result.bytes).toBe(bytes);
      expect(backup.ticks).toBeGreaterThan(0);
      // verify() is one synchronous call in SQLite: in the worker it leaves this thread free
      const verify = await ticksDuring(() => api.verify());
      expect(verify.result.ok).toBe(true);
      expect(verify.ticks).toBeGreaterThan(0);
    });

    // the control: the same call on an archive opened in this thread blocks it throughout
    const inProcess = await openArchiveInProcess(file);
    try {
      const verify = await ticksDuring(() => inProcess.api.verify());
      expect(verify.result.ok).toBe(true);
      expect(verify.ticks).toBe(0);
    } finally {
      await inProcess.close();
    }
  });
});

describe('a corrupted archive', () => {
  it('starts the worker with openError CORRUPT, and restoreBackup works through it', async () => {
    const file = fresh('corrupt.sqlite');
    const archive = await Archive.open(file);
    let backupPath: string;
    try {
      for (let i = 0; i < 5; i++) {
        const unit = archive.createUnit({ name: `损坏测试单位${i}` });
        archive.createReport({ unitId: unit.id, year: 2023, author: '测试' });
      }
      backupPath = (await archive.backup()).path;
    } finally {
      archive.close();
    }
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // overwrite the b-tree page header of every page but the first
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    for (let at = 4096; at < size; at += 4096) fs.writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, at);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(file);

    const connection = await openArchiveWorker(file);
    try {
      const { api, openError } = connection;
      expect(openError).toBeInstanceOf(ApiError);
      expect(openError?.code).toBe('CORRUPT');
      expect(openError?.message).toMatch(CHINESE);
      // the recovery path: the newest backup, and how to restore it
      expect(openError?.message).toContain(backupPath);
      await apiError(api.listUnits(), 'CORRUPT');
      expect(await api.verify()).toMatchObject({ ok: false });
      expect((await api.listBackups()).map((b) => b.path)).toEqual([backupPath]);

      const restored = await api.restoreBackup({ path: backupPath });
      expect(restored.restoredFrom).toBe(backupPath);
      // the damaged file was kept aside, byte for byte
      expect(fs.readFileSync(restored.keptAside).equals(damaged)).toBe(true);
      expect(await api.verify()).toMatchObject({ ok: true, problems: [] });
      expect((await api.listUnits()).map((u) => u.name)).toEqual(
        [0, 1, 2, 3, 4].map((i) => `损坏测试单位${i}`),
      );
      // and it is writable again
      await api.createUnit({ name: '恢复后新建的单位' });
    } finally {
      await connection.close();
    }
  });
});

describe('closing', () => {
  it('close() ends the worker and closes the archive', async () => {
    const file = fresh('close.sqlite');
    const connection = await openArchiveWorker(file);
    await connection.api.createUnit({ name: '关闭测试局' });
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    await connection.close();
    // the last connection to close checkpoints the WAL and removes it
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const after = await apiError(connection.api.listUnits(), 'FAILED');
    expect(after.message).toBe('档案库已关闭。');
    await connection.close();
    // what was written is in the file
    const again = await Archive.open(file, { create: false });
    try {
      expect(again.listUnits().map((u) => u.name)).toEqual(['关闭测试局']);
    } finally {
      again.close();
    }
  });
});
