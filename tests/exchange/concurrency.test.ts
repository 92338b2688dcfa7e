/**
 * Exchange files imported through the database worker (issue 15 item 1, as issue 17 item 7 did
 * for file imports): each file is read, unzipped and verified in the import worker outside the
 * archive's turn, and stored in its turn. During an import of many large files (each with a
 * 16 MB 定稿 PDF) a save is answered within a second, and a restore is refused with the Chinese
 * message (it works once the import is over). Cancelling (取消) stops between two files; what
 * was imported stays, and the next import takes the rest. A file the import worker has to stop
 * on (its time bound) is refused saying so for an exchange file, not with a report file's advice.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type ImportProgress } from '../../core/api';
import { blankReport } from '../../core/model';
import { Archive } from '../../db/archive';
import { openArchiveWorker, type ArchiveConnection } from '../../electron/services/archive/client';
import { ReportFileError } from '../../core/model';
import { EXCHANGE_LIMIT_MESSAGES, verifyExchangeInWorker } from '../../electron/services/import';
import { MISSING, YEAR, fillCounty } from '../helpers/county';
import { writeExport } from './helpers';

/** Files sent, each with a PDF this large (stored in the zip as it is). */
const FILES = 12;
const PDF_BYTES = 16 * 1024 * 1024;

let dir: string;
/** A folder of FILES exchange files, each a member's finalised report with its large PDF. */
let folder: string;
/** The unit names the files carry. */
let names: string[];
let count = 0;
const fresh = (name: string) => path.join(dir, `${++count}-${name}`);

/** A 定稿 PDF of `size` bytes only this report has. */
function largePdf(label: string, size: number): Uint8Array {
  const bytes = randomBytes(size);
  bytes.write(`%PDF-1.7\n% ${label}\n`, 0, 'utf8');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-exchange-concurrency-'));
  folder = path.join(dir, 'sent');
  fs.mkdirSync(folder);
  const a = await Archive.open(path.join(dir, 'county.sqlite'));
  try {
    const county = fillCounty(a, { finaliseEvery: 1000 });
    const sent = county.members
      .filter((m) => !(MISSING as readonly string[]).includes(m.name))
      // the first member is finalised by fillCounty already
      .slice(1, FILES + 1);
    expect(sent).toHaveLength(FILES);
    for (const m of sent) {
      a.storeFinalisation({
        unitId: m.id,
        year: YEAR,
        by: '张三',
        pdf: largePdf(m.name, PDF_BYTES),
      });
      writeExport(a, m.id, YEAR, folder);
    }
  } finally {
    a.close();
  }
  const files = fs.readdirSync(folder).sort();
  expect(files).toHaveLength(FILES);
  expect(fs.statSync(path.join(folder, files[0]!)).size).toBeGreaterThan(PDF_BYTES);
  names = files.map((f) => f.replace(/-\d{4}\.nianbao$/u, ''));
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function withWorker<T>(file: string, run: (c: ArchiveConnection) => Promise<T>): Promise<T> {
  const connection = await openArchiveWorker(file);
  try {
    return await run(connection);
  } finally {
    await connection.close();
  }
}

/** Resolves at the first progress event with `done` at least `n` (the import under way). */
function progressAt(n: number) {
  let reached!: () => void;
  const at = new Promise<void>((resolve) => (reached = resolve));
  const progress: ImportProgress[] = [];
  const listener = (p: ImportProgress) => {
    progress.push(p);
    if (p.done >= n && p.file) reached();
  };
  return { at, progress, listener };
}

describe('an exchange import through the database worker', () => {
  it('answers a save within a second and refuses a restore while large files are imported', async () => {
    await withWorker(fresh('office.sqlite'), async ({ api }) => {
      const unit = await api.createUnit({ name: '县政务公开办', kind: '部门' });
      await api.createReport({ unitId: unit.id, year: YEAR, author: '张三' });
      const report = blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, YEAR);
      const backup = await api.backup({ to: fresh('before.sqlite') });

      const started = progressAt(1);
      let finished = false;
      const importing = api
        .importExchange({ paths: [folder], author: '县政务公开办' }, started.listener)
        .finally(() => (finished = true));
      await started.at;

      // a clerk saves meanwhile: answered promptly, not after the import
      const t0 = performance.now();
      const saved = await api.saveReport({
        unitId: unit.id,
        year: YEAR,
        report: { ...report, opening: [{ level: 0, text: '导入交换文件期间保存。' }] },
        author: '张三',
      });
      const saveMs = performance.now() - t0;
      expect(saved).toEqual({ revision: 2, created: true });
      expect(finished, 'the import was over before the save was answered').toBe(false);
      expect(saveMs).toBeLessThan(1000);

      // a restore meanwhile is refused, in Chinese, and changes nothing
      const refused = await api.restoreBackup({ path: backup.path }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).code).toBe('BUSY');
      expect((refused as ApiError).message).toBe(
        '正在导入文件，不能恢复备份。请等导入完成（或取消导入）后再恢复。',
      );
      expect(finished, 'the import was over before the restore was refused').toBe(false);

      const summary = await importing;
      expect(summary).toMatchObject({ added: FILES, identical: 0, refused: 0, needsUnit: 0 });
      expect(summary.results.every((r) => r.status === 'added' && r.pdf)).toBe(true);
      const units = (await api.listUnits()).map((u) => u.name);
      for (const name of names) expect(units).toContain(name);
      const opened = await api.openReport({ unitId: unit.id, year: YEAR });
      expect(opened.legacy === false && opened.report.opening[0]?.text).toBe(
        '导入交换文件期间保存。',
      );
      expect(await api.verify()).toMatchObject({ ok: true });
      // once the import is over, the same restore goes through
      const restored = await api.restoreBackup({ path: backup.path });
      expect(restored.restoredFrom).toBe(backup.path);
    });
  }, 180_000);

  it('stops between two files when cancelled; what was imported stays', async () => {
    await withWorker(fresh('cancel.sqlite'), async ({ api }) => {
      const controller = new AbortController();
      const progress: ImportProgress[] = [];
      const summary = await api.importExchange(
        { paths: [folder], author: '县政务公开办' },
        (p) => {
          progress.push(p);
          if (p.done === 2) controller.abort();
        },
        controller.signal,
      );
      const n = summary.results.length;
      // files 0–2 had started when 取消 was sent; the worker stopped before the last
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThan(FILES);
      expect(summary).toMatchObject({ added: n, refused: 0, needsUnit: 0 });
      expect(progress.at(-1)).toEqual({ done: n, total: FILES, file: '' });
      // the files imported are there, each with its report; none of the others
      const imported = summary.results.map((r) => r.unitName!);
      expect(summary.results.map((r) => r.file)).toEqual(progress.slice(0, n).map((p) => p.file));
      const units = (await api.listUnits()).map((u) => u.name).sort();
      expect(units).toEqual([...imported].sort());
      expect(names.filter((name) => !imported.includes(name))).toHaveLength(FILES - n);
      expect(await api.verify()).toMatchObject({ ok: true });

      // and the next import takes the rest
      const rest = await api.importExchange({ paths: [folder], author: '县政务公开办' });
      expect(rest).toMatchObject({ added: FILES - n, identical: n, refused: 0 });
    });
  }, 180_000);

  it('says an exchange file took too long when the worker stops on it, and reads it in time', async () => {
    const file = path.join(folder, fs.readdirSync(folder)[0]!);
    const stopped = await verifyExchangeInWorker({ path: file }, { timeoutMs: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(stopped).toBeInstanceOf(ReportFileError);
    expect((stopped as Error).message).toBe(EXCHANGE_LIMIT_MESSAGES.timeout(1));
    expect((stopped as Error).message).toContain('请让报送单位重新导出交换文件');
    // within the ordinary bounds the same file reads and verifies
    const read = await verifyExchangeInWorker({ path: file });
    expect(read.ok, read.ok ? '' : read.message).toBe(true);
    expect(read.ok && read.pdf?.length).toBe(PDF_BYTES);
  });
});
