/**
 * The archive's store: the one writer connection, its statement cache, write transactions,
 * the clock, and how SQLite's errors become the archive's messages. Every part of the archive
 * (units, reports, finalisations, the stored summary, search, maintenance) works through it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../core/api';
import { KEEP, recoveryAdvice, type BackupReason } from '../backup';
import { LATEST_VERSION } from '../migrations';
import { markOf, writeMark, type Mark } from '../watermark';

export type Db = Database.Database;

export interface ArchiveOptions {
  /** Create the file when it does not exist (default true). */
  readonly create?: boolean;
  /** The clock (tests pass their own). */
  readonly now?: () => Date;
  /** How many automatic backups to keep. */
  readonly keep?: Readonly<Record<BackupReason, number>>;
  /** How long a write waits for another process holding the file (ms, default 5000). */
  readonly busyTimeout?: number;
  /**
   * Open for reading only (viewing, search, export). Default: when the file or its folder
   * cannot be written (a read-only file, a read-only drive).
   */
  readonly readOnly?: boolean;
}

/** The file's identity: a file put in its place (a restore elsewhere) has another one. */
function identity(file: string): string | null {
  try {
    const st = fs.statSync(file, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

export class Store {
  private readonly statements = new Map<string, Database.Statement>();
  /** The clock: when things happen, as the archive records it. */
  readonly now: () => Date;
  readonly keep: Readonly<Record<BackupReason, number>>;
  /** The file's identity when it was opened. */
  private readonly opened: string | null;
  /** Set once the file was found replaced: every later write is refused. */
  private replaced: ApiError | null = null;
  /** A revision was added in the running write transaction. */
  private revisionsAdded = false;
  /** Something was written since the last checkpoint. */
  private checkpointDue = false;

  constructor(
    /** The archive file (absolute). */
    readonly path: string,
    readonly db: Db,
    options: ArchiveOptions,
    /** What opening found and did (an interrupted restore finished or rolled back). */
    readonly notice: string | null = null,
  ) {
    this.now = options.now ?? (() => new Date());
    this.keep = options.keep ?? KEEP;
    this.opened = identity(path);
  }

  /** Called by addRevision inside a write: the mark is updated after the commit. */
  revisionAdded(): void {
    this.revisionsAdded = true;
  }

  /**
   * Refuses to write when the archive file is no longer the one this connection opened (a
   * restore or a copy put another file in its place): the changes would go into the old file.
   */
  private assertSameFile(): void {
    if (this.replaced) throw this.replaced;
    if (this.opened === null || identity(this.path) === this.opened) return;
    this.replaced = new ApiError(
      'FAILED',
      `档案库文件“${this.path}”已被替换（可能在别处从备份恢复了档案库），为避免把修改写进旧文件，年报程序已停止保存。请关闭年报程序后重新打开；尚未保存的修改请先复制出来。`,
    );
    throw this.replaced;
  }

  /** Whether the file was found replaced (writes refused). */
  get isReplaced(): boolean {
    return this.replaced !== null;
  }

  /**
   * Moves the WAL's content into the archive file and empties the WAL (TRUNCATE), when
   * something was written since the last time (or `force`): called when the app goes idle
   * (after a save, a batch of imported revisions), so that a lost -wal file loses as little as
   * possible.
   */
  checkpoint(force = false): void {
    if (!force && !this.checkpointDue) return;
    if (!this.db.open || this.db.readonly) return;
    try {
      const [row] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (row && row.busy === 0) this.checkpointDue = false;
    } catch {
      // another process reading: tried again at the next idle moment
    }
  }

  /** A prepared statement, made once per connection. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /**
   * Runs fn in one IMMEDIATE transaction: a second process on the same file waits (busy
   * timeout) instead of corrupting anything. SQLite's errors become the archive's messages.
   */
  write<T>(fn: () => T): T {
    if (this.db.readonly) throw new ApiError('FAILED', readOnlyMessage(this.path));
    this.assertSameFile();
    // inside another write: a savepoint of it; the outer write updates the mark after its commit
    if (this.db.inTransaction) return this.db.transaction(fn)();
    let mark: Mark | null = null;
    try {
      this.revisionsAdded = false;
      const result = this.db
        .transaction(() => {
          const value = fn();
          if (this.revisionsAdded) mark = markOf(this.db);
          return value;
        })
        .immediate();
      if (mark) writeMark(this.path, mark);
      this.checkpointDue = true;
      return result;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY') {
        throw new ApiError('BUSY', '档案库正被另一个年报程序写入，请稍后再试。');
      }
      if (code && SQLITE_DAMAGED.has(code)) throw damaged(this.path, error);
      if (code === 'SQLITE_FULL') {
        throw new ApiError(
          'FAILED',
          `磁盘空间不足，这次修改没有写入档案库（已有的内容都完好）。请清理磁盘（${path.dirname(this.path)}）后再保存。`,
        );
      }
      if (code === 'SQLITE_READONLY' || code?.startsWith('SQLITE_IOERR')) {
        throw new ApiError(
          'FAILED',
          `无法写入档案库文件（${code === 'SQLITE_READONLY' ? '文件或文件夹是只读的' : '读写出错'}），这次修改没有保存。请检查 ${this.path} 所在的磁盘和权限。`,
        );
      }
      throw error;
    }
  }

  /** Now, as stored: an ISO time (UTC). */
  stamp(): string {
    return this.now().toISOString();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** A folder removed when the store closes: the temporary copy of a read-only archive. */
  private temporary: string | null = null;

  removeOnClose(folder: string): void {
    this.temporary = folder;
  }

  close(): void {
    if (this.db.open) this.db.close();
    if (this.temporary) fs.rmSync(this.temporary, { recursive: true, force: true });
    this.temporary = null;
  }
}

/** Said when a read-only archive is asked to change. */
export function readOnlyMessage(file: string): string {
  return `档案库“${file}”是只读的（文件或所在的磁盘不允许写入）：可以查看、搜索和导出，但修改无法保存。如需修改，请把档案库复制到可以写入的文件夹，或请管理员取消只读。`;
}

const SQLITE_DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/** Turns SQLite's damage errors into the archive's message with the recovery path. */
export function damaged(file: string, error: unknown): ApiError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError(
    'CORRUPT',
    `档案库文件已损坏，无法安全打开（${detail}）。${recoveryAdvice(file)}`,
  );
}

/** Why an archive could not be opened, as the archive says it. */
export function openFailure(file: string, error: unknown): ApiError {
  const code = (error as { code?: string }).code;
  if (code && SQLITE_DAMAGED.has(code)) return damaged(file, error);
  if (code === 'SQLITE_BUSY') {
    return new ApiError('BUSY', '档案库正被另一个年报程序使用，请稍后再试。');
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new ApiError('FAILED', `无法打开档案库“${file}”：没有读写权限或文件夹不存在。`);
  }
  return new ApiError('FAILED', `无法打开档案库“${file}”：${(error as Error).message}`);
}

export function newerVersion(file: string, version: number): ApiError {
  return new ApiError(
    'NEWER_VERSION',
    `档案库“${file}”由更新版本的年报程序写入（档案库版本 ${version}，本程序支持到 ${LATEST_VERSION}）。为避免损坏数据，本程序不会打开它，请升级年报程序。`,
  );
}
