/**
 * Backup files: where they go, how they are named, rotation, and checking a file before it is
 * restored. Backups are made with SQLite's online backup API (Archive.backup), so the archive
 * stays usable while they run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupInfo } from '../core/api';
import { ApiError } from '../core/api';
import { contentProblems } from './integrity';
import { APPLICATION_ID, LATEST_VERSION } from './migrations';
import { openDatabase } from './sqlite';

export type BackupReason = BackupInfo['reason'];

/** How many automatic backups of each kind are kept. Manual ones are never deleted. */
export const KEEP: Readonly<Record<BackupReason, number>> = {
  daily: 7,
  migration: 3,
  restore: 3,
  manual: Infinity,
};

export function backupFolder(archivePath: string): string {
  return path.join(path.dirname(path.resolve(archivePath)), 'backups');
}

function stem(archivePath: string): string {
  return path.basename(archivePath).replace(/\.[^.]*$/u, '');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 20261128-081500 in local time: what people see in the file list. */
export function stamp(date: Date): string {
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

export function backupName(archivePath: string, reason: BackupReason, date: Date): string {
  return `${stem(archivePath)}-${stamp(date)}-${reason}.sqlite`;
}

const NAME = /^(.*)-(\d{8})-(\d{6})(?:-(\d+))?-(daily|migration|manual|restore)\.sqlite$/u;

/** The backups of an archive in its backup folder, newest first. */
export function listBackups(archivePath: string): BackupInfo[] {
  const folder = backupFolder(archivePath);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  // the number newBackupPath adds to a second backup in the same second orders those backups
  const out: (BackupInfo & { n: number })[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m || m[1] !== stem(archivePath)) continue;
    const d = m[2]!;
    const t = m[3]!;
    const at = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
    const file = path.join(folder, name);
    let bytes: number;
    try {
      bytes = fs.statSync(file).size;
    } catch {
      continue;
    }
    out.push({ path: file, at, reason: m[5] as BackupReason, bytes, n: Number(m[4] ?? 1) });
  }
  return out
    .sort((a, b) =>
      a.at < b.at ? 1 : a.at > b.at ? -1 : b.n - a.n || b.path.localeCompare(a.path),
    )
    .map(({ n: _n, ...info }) => info);
}

/** A path for a new automatic backup that does not exist yet. */
export function newBackupPath(archivePath: string, reason: BackupReason, date: Date): string {
  const folder = backupFolder(archivePath);
  fs.mkdirSync(folder, { recursive: true });
  let file = path.join(folder, backupName(archivePath, reason, date));
  for (let n = 2; fs.existsSync(file); n++) {
    file = path.join(
      folder,
      backupName(archivePath, reason, date).replace(/-(\w+)\.sqlite$/u, `-${n}-$1.sqlite`),
    );
  }
  return file;
}

/** Deletes the oldest automatic backups beyond what KEEP allows. */
export function rotateBackups(archivePath: string, keep = KEEP): string[] {
  const removed: string[] = [];
  const seen: Partial<Record<BackupReason, number>> = {};
  for (const b of listBackups(archivePath)) {
    const n = (seen[b.reason] = (seen[b.reason] ?? 0) + 1);
    if (n > keep[b.reason]) {
      fs.rmSync(b.path, { force: true });
      removed.push(b.path);
    }
  }
  return removed;
}

/** The newest file a restore kept aside (`<archive>.replaced-<time>`), if any. */
export function keptAsideFile(archivePath: string): string | null {
  const dir = path.dirname(path.resolve(archivePath));
  const prefix = `${path.basename(archivePath)}.replaced-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && !/-(wal|shm)$/u.test(n));
  } catch {
    return null;
  }
  const newest = names.sort().at(-1);
  return newest ? path.join(dir, newest) : null;
}

/** The recovery path for a damaged archive, in Chinese. */
export function recoveryAdvice(archivePath: string): string {
  const aside = keptAsideFile(archivePath);
  const kept = aside
    ? `上次恢复前的档案库文件另存在“${aside}”，其中可能有恢复之后丢失的修改。`
    : '';
  return recoveryPath(archivePath) + kept;
}

function recoveryPath(archivePath: string): string {
  const latest = listBackups(archivePath)[0];
  const how = `在程序中选择“从备份恢复”，或运行：nianbao archive restore --db "${archivePath}" <备份文件>`;
  if (!latest) {
    return `没有找到自动备份（${backupFolder(archivePath)}）。如有手动备份，可${how}。请不要再写入这个文件，并联系技术人员。`;
  }
  return `可以用最近的备份恢复（${latest.at.replace('T', ' ')}，${latest.path}）：${how.replace('<备份文件>', `"${latest.path}"`)}。恢复时当前文件会被另存，不会被覆盖。`;
}

/**
 * Checks that a file is an intact Nianbao archive this version can open: read-only, never
 * changed. Throws ApiError with the reason otherwise.
 */
export function checkBackupFile(
  file: string,
  options: { full?: boolean } = {},
): { version: number } {
  if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `备份文件不存在：${file}`);
  const header = readHeader(file);
  if (header === 'not-sqlite' || header === 'empty') {
    throw new ApiError('NOT_ARCHIVE', `“${file}”不是年报档案库的备份文件（或已损坏）。`);
  }
  if (header.applicationId !== APPLICATION_ID) {
    throw new ApiError('NOT_ARCHIVE', `“${file}”不是年报档案库的备份文件。`);
  }
  if (header.userVersion > LATEST_VERSION) {
    throw new ApiError(
      'NEWER_VERSION',
      `备份“${file}”由更新版本的年报程序生成（档案库版本 ${header.userVersion}，本程序支持到 ${LATEST_VERSION}），请先升级程序。`,
    );
  }
  let db: Database.Database | undefined;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    // before a restore: every revision's SHA-256 too (a backup whose reports are damaged
    // passes SQLite's structural check)
    if (!problems.length && options.full) problems.push(...contentProblems(db));
    if (problems.length) {
      // SQLite's own findings are English ("Page 3: btreeInitPage() returns error code 11"):
      // the clerk is told what it means; the archive's own findings are Chinese already
      const first = /[\u4e00-\u9fff]/u.test(problems[0]!)
        ? problems[0]!
        : '数据库文件的结构检查没有通过';
      throw new ApiError(
        'CORRUPT',
        `备份“${file}”已损坏，不能用于恢复：${first}${problems.length > 1 ? `（共 ${problems.length} 处问题）` : ''}。请选择另一个备份。`,
      );
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code ?? '';
    const why =
      code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')
        ? '文件已损坏'
        : code === 'SQLITE_NOTADB'
          ? '不是数据库文件'
          : code === 'SQLITE_CANTOPEN' ||
              code === 'SQLITE_IOERR' ||
              code.startsWith('SQLITE_IOERR_')
            ? '文件打不开或读不出来'
            : `读取时出错${code ? `（${code}）` : ''}`;
    throw new ApiError(
      'CORRUPT',
      `备份“${file}”无法读取（${why}），不能用于恢复。请选择另一个备份。`,
    );
  } finally {
    db?.close();
  }
  return { version: header.userVersion };
}

export interface Header {
  readonly userVersion: number;
  readonly applicationId: number;
}

const MAGIC = 'SQLite format 3\0';

/**
 * Reads the SQLite header without opening the database: user_version (offset 60) and
 * application_id (offset 68). 'empty' for a zero-length file.
 */
export function readHeader(file: string): Header | 'not-sqlite' | 'empty' {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    if (n === 0) return 'empty';
    if (n < 100 || buf.toString('latin1', 0, 16) !== MAGIC) return 'not-sqlite';
    return { userVersion: buf.readUInt32BE(60), applicationId: buf.readUInt32BE(68) };
  } finally {
    fs.closeSync(fd);
  }
}
