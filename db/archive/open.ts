/**
 * Opening an archive file: a file that is not an archive, or was written by a newer version,
 * is refused after reading its header (never opened read-write); `quick_check` table by table;
 * an older version is backed up and migrated.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../core/api';
import { listBackups, readHeader, recoveryAdvice } from '../backup';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS } from '../migrations';
import { openDatabase, sqliteBinding } from '../sqlite';
import { markFile, markOf, markShortfall, readMark, writeMark } from '../watermark';
import { backup } from './maintenance';
import { recoverInterruptedRestore } from './restore';
import { Store, damaged, newerVersion, openFailure, type ArchiveOptions, type Db } from './store';

/** Opens (or creates) an archive file and gives its store, checked and migrated. */
export async function openStore(file: string, options: ArchiveOptions = {}): Promise<Store> {
  const resolved = path.resolve(file);
  // the native module NIANBAO_SQLITE_BINDING names, checked before anything is read or created
  sqliteBinding();
  let notice: string | null;
  try {
    notice = recoverInterruptedRestore(resolved);
  } catch (error) {
    throw openFailure(resolved, error);
  }
  const exists = fs.existsSync(resolved);
  if (!exists && options.create === false) {
    throw new ApiError('NOT_FOUND', `档案库文件不存在：${resolved}`);
  }
  if (!exists || fs.statSync(resolved).size === 0) refuseIfArchiveLivedHere(resolved, exists);
  const readOnly = options.readOnly ?? (exists && !writable(resolved));
  if (exists) checkHeader(resolved);
  else {
    try {
      fs.mkdirSync(path.dirname(resolved), { recursive: true });
    } catch (error) {
      throw openFailure(resolved, error);
    }
  }
  let db: Db | null = null;
  /** The temporary copy a read-only archive was opened from, if it could not be read in place. */
  let copy: string | null = null;
  try {
    db = openDatabase(resolved, {
      timeout: options.busyTimeout ?? 5000,
      ...(readOnly ? { readonly: true, fileMustExist: true } : {}),
    });
    // a WAL archive on a read-only disk cannot be read in place (no -shm can be made there)
    if (readOnly) db.pragma('user_version', { simple: true });
  } catch (error) {
    db?.close();
    if (!readOnly || (error as { code?: string }).code !== 'SQLITE_CANTOPEN') {
      throw openFailure(resolved, error);
    }
    try {
      ({ db, copy } = openCopy(resolved, options.busyTimeout ?? 5000));
    } catch (copyError) {
      throw openFailure(resolved, copyError);
    }
  }
  try {
    // The WAL header of another version may still hold a newer schema: check again.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw newerVersion(resolved, version);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      const tables = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
      if (tables.n > 0 || appId !== 0) {
        throw new ApiError('NOT_ARCHIVE', `“${resolved}”是其他程序的数据库，不是年报档案库。`);
      }
    }
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
    }
    quickCheck(resolved, db);
    const store = new Store(resolved, db, options, notice);
    if (copy) store.removeOnClose(copy);
    if (readOnly) {
      if (version < LATEST_VERSION) {
        throw new ApiError(
          'FAILED',
          `档案库“${resolved}”是只读的，而它需要先升级到本程序的版本才能打开。请把它复制到可以写入的文件夹后再打开。`,
        );
      }
    } else await migrate(store, version);
    const current = markOf(db);
    const shortfall = markShortfall(resolved, current);
    if (shortfall) {
      throw new ApiError(
        'CORRUPT',
        `${shortfall}。${recoveryAdvice(resolved)}如果是您有意换成了较早的档案库文件，请删除“${markFile(resolved)}”后再打开。`,
      );
    }
    if (!readOnly) writeMark(resolved, current);
    return store;
  } catch (error) {
    db.close();
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
    if (error instanceof ApiError) throw error;
    throw openFailure(resolved, error);
  }
}

/**
 * A read-only archive that cannot be read in place (its disk is read-only and it is in WAL
 * mode): copied with its WAL into a temporary folder and opened from there, read-only. What it
 * shows is the archive as it is on the disk; the copy is removed when the archive is closed.
 */
function openCopy(file: string, timeout: number): { db: Db; copy: string } {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-readonly-'));
  try {
    const target = path.join(copy, path.basename(file));
    fs.copyFileSync(file, target);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${target}-wal`);
    const db = openDatabase(target, { timeout, readonly: true, fileMustExist: true });
    db.pragma('user_version', { simple: true });
    return { db, copy };
  } catch (error) {
    fs.rmSync(copy, { recursive: true, force: true });
    throw error;
  }
}

/** Whether this program may write the archive file and its folder (-wal, backups). */
function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A missing or empty archive file where an archive lived (its mark or its backups are beside
 * it) is not replaced by a new empty archive: that would hide every report it held.
 */
function refuseIfArchiveLivedHere(file: string, exists: boolean): void {
  const backups = listBackups(file);
  if (!readMark(file) && backups.length === 0) return;
  throw new ApiError(
    'CORRUPT',
    `${exists ? `档案库文件“${file}”是空的` : `档案库文件“${file}”不见了`}，但这里曾有档案库${backups.length ? `（旁边有 ${backups.length} 个备份）` : ''}。为避免用一个空档案库代替它，年报程序没有新建档案库。${recoveryAdvice(file)}`,
  );
}

/** Refuses a file that is not an archive or comes from a newer version, reading it only. */
function checkHeader(file: string): void {
  let header: ReturnType<typeof readHeader>;
  try {
    header = readHeader(file);
  } catch (error) {
    // a folder, a file that cannot be read: a message, not a Node error
    throw openFailure(file, error);
  }
  if (header === 'not-sqlite') {
    throw new ApiError(
      'CORRUPT',
      `“${file}”不是年报档案库文件，或文件头已损坏。${recoveryAdvice(file)}`,
    );
  }
  if (header === 'empty') return;
  if (header.userVersion > LATEST_VERSION) throw newerVersion(file, header.userVersion);
  if (header.applicationId !== APPLICATION_ID && header.applicationId !== 0) {
    throw new ApiError('NOT_ARCHIVE', `“${file}”是其他程序的数据库，不是年报档案库。`);
  }
  // a newer version's migration may still be only in the WAL: read it without writing
  if (fs.existsSync(`${file}-wal`)) {
    const walVersion = readVersionReadOnly(file);
    if (walVersion !== null && walVersion > LATEST_VERSION) throw newerVersion(file, walVersion);
  }
}

/**
 * quick_check table by table: the plain pragma also runs FTS5's own full check of the search
 * index, which reads all of it (seconds on a large archive); verify() runs it.
 */
function quickCheck(file: string, db: Db): void {
  const tables = db
    .prepare(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow')",
    )
    .pluck()
    .all() as string[];
  const problems: string[] = [];
  for (const table of tables) {
    const rows = db.pragma(`quick_check("${table.replace(/"/g, '""')}")`) as {
      quick_check: string;
    }[];
    for (const r of rows) if (r.quick_check !== 'ok') problems.push(r.quick_check);
  }
  if (problems.length) throw damaged(file, problems.slice(0, 3).join('；'));
}

async function migrate(s: Store, from: number): Promise<void> {
  if (from >= LATEST_VERSION) return;
  if (from > 0) await backup(s, {}, 'migration');
  for (const migration of MIGRATIONS) {
    s.write(() => {
      // another process may have migrated meanwhile: decide inside the transaction
      const current = s.schemaVersion;
      if (current >= migration.version) return;
      if (current !== migration.version - 1) {
        throw new Error(`migration ${migration.version} found user_version ${current}`);
      }
      if (current === 0) s.db.pragma(`application_id = ${APPLICATION_ID}`);
      migration.up(s.db);
      s.db.pragma(`user_version = ${migration.version}`);
    });
  }
}

/** user_version through a read-only connection (WAL included), or null if that cannot be read. */
function readVersionReadOnly(file: string): number | null {
  let db: Db | undefined;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
    return db.pragma('user_version', { simple: true }) as number;
  } catch {
    return null; // the read-write open below reports what is wrong
  } finally {
    db?.close();
  }
}
