/**
 * Restoring a backup in place of the archive file, so that the path never holds an empty,
 * partial or missing archive, whatever stops the restore:
 *
 *   1. the backup is checked in full (SQLite's integrity check, then every revision's SHA-256);
 *   2. the archive must not be open anywhere: SQLite grants an exclusive lock only to the last
 *      connection (a program that opens the file later, in the moment before the swap, finds
 *      it replaced at its first write and stops: Store);
 *   3. a journal `<archive>.restore.json` names the files of this restore;
 *   4. the backup is copied to `<archive>.restoring-<random>`, flushed, and compared byte for
 *      byte with the backup;
 *   5. the current file is kept aside as `<archive>.replaced-<time>` (a hard link, or a copy
 *      where links are not possible), its -wal moved beside it;
 *   6. the copy is renamed over the archive (atomic), the mark rewritten, the journal removed.
 *
 * Any failure before 6 removes the copy and puts the -wal back: the archive is as it was. A
 * restore killed half-way is finished or rolled back the next time the archive is opened
 * (recoverInterruptedRestore), with a message.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type RestoreResult } from '../../core/api';
import { checkBackupFile, stamp } from '../backup';
import { openDatabase } from '../sqlite';
import { markOf, writeMark } from '../watermark';
import type { Db } from './store';

interface RestoreJournal {
  readonly source: string;
  readonly copy: string;
  readonly aside: string;
}

export function restoreJournalFile(archive: string): string {
  return `${archive}.restore.json`;
}

/** A file-system step of the restore; tests replace it to make a step fail. */
export interface RestoreFs {
  copyFile(from: string, to: string): void;
}

const realFs: RestoreFs = {
  copyFile: (from, to) => fs.copyFileSync(from, to),
};

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder: its renames are durable on their own
  }
}

function sameBytes(a: string, b: string): boolean {
  const size = fs.statSync(a).size;
  if (size !== fs.statSync(b).size) return false;
  const fa = fs.openSync(a, 'r');
  const fb = fs.openSync(b, 'r');
  try {
    const ba = Buffer.alloc(1 << 20);
    const bb = Buffer.alloc(1 << 20);
    for (let pos = 0; pos < size;) {
      const n = fs.readSync(fa, ba, 0, ba.length, pos);
      const m = fs.readSync(fb, bb, 0, bb.length, pos);
      if (n !== m || n === 0 || !ba.subarray(0, n).equals(bb.subarray(0, n))) return false;
      pos += n;
    }
    return true;
  } finally {
    fs.closeSync(fa);
    fs.closeSync(fb);
  }
}

/** Why a file-system step failed, in Chinese (disk full, permissions, anything else). */
export function fileFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT') return '磁盘空间不足';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入权限';
  if (code === 'EBUSY') return '文件正被其他程序使用';
  return `读写文件出错（${code ?? (error as Error).message}）`;
}

const IN_USE =
  '档案库正在被使用（另一个年报程序的窗口、浏览器模式或命令正打开着它），不能恢复。请先关闭其他年报程序，再恢复备份（年报程序自己打开着的档案库，可以在它的“设置与备份”中恢复）。';

/**
 * Refuses the restore while any connection has the archive open: an exclusive lock is granted
 * only to the last one. Closing that connection (the last one) moves the WAL's content into the
 * file, which then stands alone when it is kept aside. A file SQLite cannot lock (damaged, not
 * a database) is not in use by anything that could save into it.
 */
function assertNotInUse(target: string): void {
  let db: Db;
  try {
    db = openDatabase(target, { fileMustExist: true, timeout: 200 });
  } catch {
    return;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      db.close();
      throw new ApiError('BUSY', IN_USE);
    }
  } finally {
    if (db.open) db.close();
  }
}

function freeName(base: string): string {
  let name = base;
  for (let n = 2; fs.existsSync(name); n++) name = `${base}-${n}`;
  return name;
}

/** Keeps the current file aside: a hard link (instant), else a flushed copy. */
function keepAside(target: string, aside: string): void {
  try {
    fs.linkSync(target, aside);
  } catch {
    fs.copyFileSync(target, aside, fs.constants.COPYFILE_EXCL);
    fsyncFile(aside);
  }
}

/**
 * Restores an archive from a backup (see above). The archive must be closed in this process
 * and open in no other. Works when the current file is damaged or missing. `files` replaces
 * the copy step (tests inject failures there).
 */
export function restoreArchive(
  file: string,
  backupFile: string,
  now: Date = new Date(),
  files: RestoreFs = realFs,
): RestoreResult {
  const target = path.resolve(file);
  const source = path.resolve(backupFile);
  if (source === target) throw new ApiError('INVALID', '不能用档案库文件本身恢复。');
  checkBackupFile(source, { full: true });
  const existed = fs.existsSync(target);
  if (existed) assertNotInUse(target);
  const journalFile = restoreJournalFile(target);
  const copy = `${target}.restoring-${randomBytes(4).toString('hex')}`;
  const aside = existed ? freeName(`${target}.replaced-${stamp(now)}`) : '';
  let walMoved = false;
  let swapped = false;
  try {
    try {
      fs.writeFileSync(
        journalFile,
        JSON.stringify({ source, copy, aside } satisfies RestoreJournal),
      );
      files.copyFile(source, copy);
      fsyncFile(copy);
      if (!sameBytes(source, copy)) throw new Error('the copy differs from the backup');
    } catch (error) {
      throw new ApiError(
        'FAILED',
        `恢复没有进行：复制备份时出错（${fileFailure(error)}）。档案库保持原样，没有任何改动。${fileFailure(error) === '磁盘空间不足' ? `请清理磁盘（${path.dirname(target)}）后再恢复。` : ''}`,
      );
    }
    try {
      if (existed) {
        keepAside(target, aside);
        if (fs.existsSync(`${target}-wal`)) {
          fs.renameSync(`${target}-wal`, `${aside}-wal`);
          walMoved = true;
        }
        fs.rmSync(`${target}-shm`, { force: true });
      }
      fs.renameSync(copy, target);
      swapped = true;
    } catch (error) {
      throw new ApiError(
        'FAILED',
        `恢复没有进行：替换档案库文件时出错（${fileFailure(error)}）。档案库保持原样。`,
      );
    }
    fsyncDir(path.dirname(target));
    const restored = openDatabase(target, { readonly: true, fileMustExist: true });
    try {
      writeMark(target, markOf(restored), true);
    } finally {
      restored.close();
    }
    fs.rmSync(journalFile, { force: true });
    return { keptAside: aside, restoredFrom: source };
  } catch (error) {
    // the swap did not happen: the archive is untouched; put its -wal back, drop the rest
    if (!swapped) {
      fs.rmSync(copy, { force: true });
      if (walMoved) fs.renameSync(`${aside}-wal`, `${target}-wal`);
      if (aside && sameFile(aside, target)) fs.rmSync(aside, { force: true });
      fs.rmSync(journalFile, { force: true });
    }
    throw error;
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a, { bigint: true });
    const sb = fs.statSync(b, { bigint: true });
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * A restore that was stopped (killed, power cut) before it finished: finished when the backup
 * had already taken the archive's place, rolled back otherwise. Returns what happened, in
 * Chinese, or null when there was nothing to do.
 */
export function recoverInterruptedRestore(file: string): string | null {
  const target = path.resolve(file);
  const journalFile = restoreJournalFile(target);
  let journal: RestoreJournal;
  try {
    journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as RestoreJournal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // cut while it was written: nothing else had happened yet
    fs.rmSync(journalFile, { force: true });
    return null;
  }
  const { copy, aside } = journal;
  const dir = path.dirname(target);
  const ours = (f: string) => typeof f === 'string' && f !== '' && path.dirname(f) === dir;
  if (!ours(copy) || (aside !== '' && !ours(aside))) {
    fs.rmSync(journalFile, { force: true });
    return null;
  }
  let message: string;
  if (fs.existsSync(copy)) {
    // the swap did not happen: the archive file is the one from before the restore
    fs.rmSync(copy, { force: true });
    if (aside && fs.existsSync(`${aside}-wal`) && !fs.existsSync(`${target}-wal`)) {
      fs.renameSync(`${aside}-wal`, `${target}-wal`);
    }
    if (aside && sameFile(aside, target)) fs.rmSync(aside, { force: true });
    message =
      '上次从备份恢复档案库时被中断，没有完成：档案库保持恢复之前的内容。如仍需恢复，请重新操作。';
  } else if (
    fs.existsSync(target) &&
    (aside === '' || (fs.existsSync(aside) && !sameFile(aside, target)))
  ) {
    // the backup had taken the archive's place: only the mark was left to write
    const db = openDatabase(target, { readonly: true, fileMustExist: true });
    try {
      writeMark(target, markOf(db), true);
    } finally {
      db.close();
    }
    message = `上次从备份恢复档案库时被中断，恢复已经完成${aside ? `；原来的档案库文件另存为“${aside}”` : ''}。`;
  } else {
    message = '上次从备份恢复档案库时被中断，没有完成：档案库保持恢复之前的内容。';
    if (aside && sameFile(aside, target)) fs.rmSync(aside, { force: true });
  }
  fs.rmSync(journalFile, { force: true });
  return message;
}
