/**
 * The archive's store: the one writer connection, its statement cache, write transactions,
 * the clock, and how SQLite's errors become the archive's messages. Every part of the archive
 * (units, reports, finalisations, the stored summary, search, maintenance) works through it.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../core/api';
import { KEEP, recoveryAdvice, type BackupReason } from '../backup';
import { LATEST_VERSION } from '../migrations';

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
}

export class Store {
  private readonly statements = new Map<string, Database.Statement>();
  /** The clock: when things happen, as the archive records it. */
  readonly now: () => Date;
  readonly keep: Readonly<Record<BackupReason, number>>;

  constructor(
    /** The archive file (absolute). */
    readonly path: string,
    readonly db: Db,
    options: ArchiveOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.keep = options.keep ?? KEEP;
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
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
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

  close(): void {
    if (this.db.open) this.db.close();
  }
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
