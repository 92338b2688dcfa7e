/**
 * Keeping the archive: backups (SQLite's online backup API; daily, before a migration, or to a
 * chosen file), the full integrity check and what the archive holds. Restoring: restore.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ApiError,
  type ArchiveInfo,
  type BackupFile,
  type BackupInfo,
  type Payload,
  type VerifyResult,
} from '../../core/api';
import { localDay } from '../../core/dates';
import {
  backupFolder,
  listBackups,
  newBackupPath,
  recoveryAdvice,
  rotateBackups,
  type BackupReason,
} from '../backup';
import { contentProblems } from '../integrity';
import { openDatabase } from '../sqlite';
import { storageWarning } from '../storage';
import { markOf, markShortfall } from '../watermark';
import { fileFailure } from './restore';
import { readOnlyMessage, type Store } from './store';

/** How long a backup may make no progress (the file busy or unreadable) before it fails. */
export const BACKUP_STALL_MS = 10_000;

/** A partial backup file's name: unique per process and attempt. */
function partialName(target: string): string {
  return `${target}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
}

/** Removes `.partial` files of backups that were killed (older than an hour: none running). */
export function removeStalePartials(archivePath: string, now = Date.now()): string[] {
  const folder = backupFolder(archivePath);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.endsWith('.partial')) continue;
    const file = path.join(folder, name);
    try {
      if (now - fs.statSync(file).mtimeMs < 60 * 60 * 1000) continue;
      fs.rmSync(file, { force: true });
      removed.push(file);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/**
 * SQLite's online backup into `partial`: stepped, and failed when it makes no progress for
 * `stallMs` (a file that stays busy or read-only would otherwise be retried forever).
 */
async function copyOnline(s: Store, partial: string, stallMs: number): Promise<void> {
  let remaining = -1;
  let since = Date.now();
  await s.db.backup(partial, {
    progress: (p) => {
      if (p.remainingPages !== remaining) {
        remaining = p.remainingPages;
        since = Date.now();
      } else if (Date.now() - since > stallMs) {
        throw new ApiError(
          'BUSY',
          `备份没有完成：档案库文件 ${Math.round(stallMs / 1000)} 秒内无法读取（可能正被其他程序占用，或文件是只读的）。档案库本身没有改动，请稍后再备份。`,
        );
      }
      return 100; // pages a step: the default
    },
  });
}

/** A backup's file name in a chosen folder: 年报档案库备份-20260105-093000.sqlite (local time). */
export function backupFileName(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}`;
  const time = `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
  return `年报档案库备份-${day}-${time}.sqlite`;
}

/** A folder the clerk chose (a USB stick): it must exist and be a folder; never created. */
function chosenFolder(folder: string): string {
  const resolved = path.resolve(os.homedir(), folder.trim());
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new ApiError(
      'NOT_FOUND',
      `找不到文件夹“${resolved}”。请确认 U 盘或移动硬盘已经插好，路径填写正确。`,
    );
  }
  if (!stat.isDirectory()) {
    throw new ApiError('INVALID', `“${resolved}”是一个文件，不是文件夹。请填写要备份到的文件夹。`);
  }
  return resolved;
}

/** At most this large an archive is handed over as a download (base64 over the bridge). */
export const DOWNLOAD_LIMIT = 256 * 1024 * 1024;

/**
 * A backup handed over as bytes (browser mode's download, the desktop window's save dialog):
 * made by the online backup into a temporary folder, read, and removed.
 */
export async function downloadBackup(s: Store): Promise<BackupFile> {
  const size = fs.statSync(s.path).size;
  if (size > DOWNLOAD_LIMIT) {
    throw new ApiError(
      'INVALID',
      `档案库有 ${(size / 1024 / 1024).toFixed(0)} MB，太大，不能在浏览器中下载。请填写文件夹（如 U 盘）备份到那里。`,
    );
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-backup-'));
  try {
    const date = s.now();
    const file = path.join(folder, backupFileName(date));
    await backup(s, { to: file }, 'manual');
    return {
      fileName: path.basename(file),
      data: new Uint8Array(fs.readFileSync(file)),
      at: date.toISOString(),
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Copies the archive with SQLite's online backup API (the archive stays usable meanwhile):
 * to `to`, or into the backup folder. Written to a temporary name first, so that a backup
 * file either is complete or does not exist.
 */
export async function backup(
  s: Store,
  p: Payload<'backup'>,
  reason: BackupReason = 'manual',
  stallMs = BACKUP_STALL_MS,
): Promise<BackupInfo> {
  const date = s.now();
  // a relative path is the user's (their home folder), never the program's working folder
  let target: string;
  try {
    target = p.to
      ? path.resolve(os.homedir(), p.to)
      : p.folder
        ? path.join(chosenFolder(p.folder), backupFileName(date))
        : newBackupPath(s.path, reason, date);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // the backup folder beside the archive cannot be made (a read-only disk)
    throw new ApiError(
      'FAILED',
      `备份没有完成（${fileFailure(error)}）：${backupFolder(s.path)}。档案库本身没有改动。${s.db.readonly ? '档案库所在的磁盘是只读的，请选择其他文件夹（如 U 盘）备份。' : ''}`,
    );
  }
  if (p.to && fs.existsSync(target)) {
    throw new ApiError('CONFLICT', `文件已存在：${target}。请另选文件名，备份不会覆盖已有文件。`);
  }
  if (target === s.path) throw new ApiError('INVALID', '备份不能写到档案库文件本身。');
  const partial = partialName(target);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await copyOnline(s, partial, stallMs);
    // one self-contained file in rollback-journal mode: opening it read-only (to check it before
    // a restore) then creates no -wal and -shm beside it, which rotation would leave behind
    const copy = openDatabase(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code;
    const why = code?.startsWith('SQLITE_')
      ? code === 'SQLITE_FULL'
        ? '磁盘空间不足'
        : `数据库出错（${code}）`
      : fileFailure(error);
    throw new ApiError(
      'FAILED',
      `备份没有完成（${why}）：${target}。档案库本身没有改动。${why === '磁盘空间不足' ? '请清理磁盘后再备份。' : ''}`,
    );
  }
  if (!p.to) rotateBackups(s.path, s.keep);
  return { path: target, at: date.toISOString(), reason, bytes: fs.statSync(target).size };
}

/** Today's automatic backup, unless there is one already (or the archive is empty). */
export async function dailyBackup(s: Store): Promise<BackupInfo | null> {
  if (s.db.readonly) return null;
  const today = localDay(s.now());
  if (listBackups(s.path).some((b) => b.reason === 'daily' && b.at.startsWith(today))) {
    return null;
  }
  const reports = s.stmt('SELECT count(*) FROM reports').pluck().get() as number;
  if (reports === 0) return null;
  removeStalePartials(s.path, s.now().getTime());
  // two programs started at once make one daily backup, not two: the first claims the day
  const folder = backupFolder(s.path);
  fs.mkdirSync(folder, { recursive: true });
  const claim = path.join(folder, `.${path.basename(s.path)}-${today}.daily-claim`);
  try {
    fs.writeFileSync(claim, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - fs.statSync(claim).mtimeMs;
    if (age < 10 * 60 * 1000) return null; // another program is making it
    fs.writeFileSync(claim, String(process.pid));
  }
  try {
    if (listBackups(s.path).some((b) => b.reason === 'daily' && b.at.startsWith(today))) {
      return null;
    }
    return await backup(s, {}, 'daily');
  } finally {
    fs.rmSync(claim, { force: true });
  }
}

/** The full integrity check and the archive's own consistency checks. */
export function verify(s: Store): VerifyResult {
  const problems: string[] = [];
  try {
    const rows = s.db.pragma('integrity_check') as { integrity_check: string }[];
    for (const r of rows) if (r.integrity_check !== 'ok') problems.push(r.integrity_check);
    const fk = s.db.pragma('foreign_key_check') as { table: string }[];
    for (const r of fk) problems.push(`外键不一致：${r.table}`);
    const missingHead = s
      .stmt(
        `SELECT r.id, r.year FROM reports r
          WHERE NOT EXISTS (SELECT 1 FROM revisions v WHERE v.report_id = r.id AND v.number = r.head)`,
      )
      .all() as { id: number; year: number }[];
    for (const r of missingHead) problems.push(`报告 ${r.id}（${r.year}年度）缺少最新版本`);
    problems.push(...contentProblems(s.db));
    const shortfall = markShortfall(s.path, markOf(s.db));
    if (shortfall) problems.push(shortfall);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const ok = problems.length === 0;
  return {
    ok,
    problems,
    message: ok ? '档案库完好。' : `档案库有问题，请停止写入。${recoveryAdvice(s.path)}`,
  };
}

export function archiveInfo(s: Store): ArchiveInfo {
  const size = (f: string) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  };
  return {
    path: s.path,
    schemaVersion: s.schemaVersion,
    bytes: size(s.path) + size(`${s.path}-wal`),
    units: s.stmt('SELECT count(*) FROM units').pluck().get() as number,
    reports: s.stmt('SELECT count(*) FROM reports').pluck().get() as number,
    warning:
      [
        s.db.readonly ? readOnlyMessage(s.path) : null,
        s.notice,
        storageWarning(path.dirname(s.path)),
      ]
        .filter(Boolean)
        .join(' ') || null,
  };
}
