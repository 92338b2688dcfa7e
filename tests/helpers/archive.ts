/**
 * Helpers for the archive tests (tests/db): real SQLite files in temporary folders, a clock the
 * test sets, and small assertions on ApiError. Everything a helper creates is removed when the
 * test that created it finishes (vitest's onTestFinished), so helpers must be called inside a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, onTestFinished } from 'vitest';
import { ApiError, type ApiErrorCode } from '../../core/api';
import { importReport } from '../../core/import';
import type { Report } from '../../core/model';
import { Archive, type ArchiveOptions } from '../../db/archive';
import type { LegacyBody } from '../../db/text';
import { SAMPLE } from './paths';

/** A clock that stands still until the test moves it. */
export class Clock {
  private at: number;
  constructor(start = '2024-03-01T09:30:00') {
    // local time (no zone): backup names and "today" are local
    this.at = new Date(start).getTime();
  }
  /** Pass as `ArchiveOptions.now`. */
  readonly now = (): Date => new Date(this.at);
  set(iso: string): void {
    this.at = new Date(iso).getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
  advanceDays(days: number): void {
    this.advance(days * 24 * 60 * 60 * 1000);
  }
}

/** A fresh empty folder under os.tmpdir(), removed after the test. */
export function tempDir(prefix = 'nianbao-db-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TempArchive {
  readonly dir: string;
  readonly file: string;
  readonly clock: Clock;
  archive: Archive;
  /** Closes the archive and opens the same file again (as after a restart or a crash). */
  reopen(): Promise<Archive>;
}

/**
 * Opens a new archive file in a fresh temporary folder with a fixed clock. The archive is
 * closed after the test (also when the test closed it itself).
 */
export async function tempArchive(
  options: Omit<ArchiveOptions, 'now'> & { clock?: Clock; name?: string; dir?: string } = {},
): Promise<TempArchive> {
  const dir = options.dir ?? tempDir();
  const file = path.join(dir, options.name ?? 'archive.sqlite');
  const clock = options.clock ?? new Clock();
  const { clock: _clock, name: _name, dir: _dir, ...rest } = options;
  const archiveOptions: ArchiveOptions = { ...rest, now: clock.now };
  const opened: Archive[] = [];
  onTestFinished(() => {
    for (const a of opened) a.close();
  });
  const open = async () => {
    const a = await Archive.open(file, archiveOptions);
    opened.push(a);
    return a;
  };
  const t: TempArchive = {
    dir,
    file,
    clock,
    archive: await open(),
    async reopen() {
      t.archive.close();
      t.archive = await open();
      return t.archive;
    },
  };
  return t;
}

/** A second, raw better-sqlite3 connection on a file (closed after the test). */
export function rawConnection(file: string, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  onTestFinished(() => {
    if (db.open) db.close();
  });
  return db;
}

/** The shared real sample (沂源县行政审批服务局, 2020), imported. */
export function sampleReport(): Report {
  return importReport(new Uint8Array(fs.readFileSync(SAMPLE)), { fileName: path.basename(SAMPLE) })
    .report;
}

export function legacyBody(title: string, text: string): LegacyBody {
  return { legacy: true, title, text };
}

/** The bytes and modification time of a file, to prove it was not touched. */
export function snapshot(file: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs };
}

/** The files of a folder (names), sorted. */
export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

function assertApiError(error: unknown, code: ApiErrorCode): ApiError {
  expect(error).toBeInstanceOf(ApiError);
  const e = error as ApiError;
  expect({ code: e.code, message: e.message }).toMatchObject({ code });
  // every message is for people: Chinese
  expect(e.message).toMatch(/\p{Script=Han}/u);
  return e;
}

/** Runs `fn`, expects an ApiError with this code and returns it (for message assertions). */
export function apiError(fn: () => unknown, code: ApiErrorCode): ApiError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error(`expected ApiError ${code}, nothing was thrown`);
  return assertApiError(thrown, code);
}

/** The async form of `apiError`. */
export async function apiErrorAsync(
  fn: () => Promise<unknown>,
  code: ApiErrorCode,
): Promise<ApiError> {
  let thrown: unknown;
  try {
    await fn();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error(`expected ApiError ${code}, nothing was thrown`);
  return assertApiError(thrown, code);
}

/**
 * The PDF archived when the report was finalised (exact bytes), while it is; null when the
 * report is not finalised or the record holds no PDF.
 */
export function archivedPdf(archive: Archive, unitId: string, year: number): Uint8Array | null {
  const printable = archive.printable({ unitId, year });
  return printable.kind === 'archived' ? printable.pdf : null;
}

/** Opens an archive file another process (the CLI) has closed, runs fn on it and closes it. */
export async function inArchive<T>(file: string, fn: (archive: Archive) => T): Promise<T> {
  const archive = await Archive.open(file, { create: false });
  try {
    return fn(archive);
  } finally {
    archive.close();
  }
}
