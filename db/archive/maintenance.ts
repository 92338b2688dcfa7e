/**
 * Keeping the archive: backups (SQLite's online backup API; daily, before a migration, or to a
 * chosen file), the full integrity check, what the archive holds, and restoring a backup in
 * place of the archive file.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ApiError,
  type ArchiveInfo,
  type BackupInfo,
  type Payload,
  type RestoreResult,
  type VerifyResult,
} from '../../core/api';
import { localDay } from '../../core/dates';
import { ReportSchema } from '../../core/model';
import {
  checkBackupFile,
  listBackups,
  newBackupPath,
  recoveryAdvice,
  rotateBackups,
  stamp,
  type BackupReason,
} from '../backup';
import { sha256 } from '../hash';
import { openDatabase } from '../sqlite';
import { storageWarning } from '../storage';
import { isLegacyBody, type StoredBody } from '../text';
import type { Store } from './store';

/**
 * Copies the archive with SQLite's online backup API (the archive stays usable meanwhile):
 * to `to`, or into the backup folder. Written to a temporary name first, so that a backup
 * file either is complete or does not exist.
 */
export async function backup(
  s: Store,
  p: Payload<'backup'>,
  reason: BackupReason = 'manual',
): Promise<BackupInfo> {
  const date = s.now();
  const target = p.to ? path.resolve(p.to) : newBackupPath(s.path, reason, date);
  if (p.to && fs.existsSync(target)) {
    throw new ApiError('CONFLICT', `文件已存在：${target}。请另选文件名，备份不会覆盖已有文件。`);
  }
  if (target === s.path) throw new ApiError('INVALID', '备份不能写到档案库文件本身。');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  await s.db.backup(partial);
  // one self-contained file in rollback-journal mode: opening it read-only (to check it before
  // a restore) then creates no -wal and -shm beside it, which rotation would leave behind
  const copy = openDatabase(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fs.renameSync(partial, target);
  if (!p.to) rotateBackups(s.path, s.keep);
  return { path: target, at: date.toISOString(), reason, bytes: fs.statSync(target).size };
}

/** Today's automatic backup, unless there is one already (or the archive is empty). */
export async function dailyBackup(s: Store): Promise<BackupInfo | null> {
  const today = localDay(s.now());
  if (listBackups(s.path).some((b) => b.reason === 'daily' && b.at.startsWith(today))) {
    return null;
  }
  const reports = s.stmt('SELECT count(*) FROM reports').pluck().get() as number;
  if (reports === 0) return null;
  return backup(s, {}, 'daily');
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
    for (const v of s
      .stmt('SELECT report_id, number, body, hash FROM revisions')
      .iterate() as Iterable<{ report_id: number; number: number; body: string; hash: string }>) {
      if (sha256(v.body) !== v.hash) {
        problems.push(`报告 ${v.report_id} 第 ${v.number} 版的内容与其校验值不符`);
        continue;
      }
      try {
        const body = JSON.parse(v.body) as StoredBody;
        if (!isLegacyBody(body) && !ReportSchema.safeParse(body).success) {
          problems.push(`报告 ${v.report_id} 第 ${v.number} 版不是有效的报告数据`);
        }
      } catch {
        problems.push(`报告 ${v.report_id} 第 ${v.number} 版不是有效的 JSON`);
      }
    }
    for (const f of s
      .stmt('SELECT id, pdf, sha256 FROM finalisations WHERE pdf IS NOT NULL')
      .iterate() as Iterable<{ id: number; pdf: Buffer; sha256: string }>) {
      if (sha256(f.pdf) !== f.sha256) problems.push(`定稿记录 ${f.id} 的 PDF 与其 SHA-256 不符`);
    }
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
    warning: storageWarning(path.dirname(s.path)),
  };
}

/**
 * Restores an archive from a backup: the backup is checked first, the current file (with its
 * WAL) is renamed aside, never overwritten, and a copy of the backup takes its place. The
 * archive must be closed. Works when the current file is damaged or missing.
 */
export function restoreArchive(
  file: string,
  backupFile: string,
  now: Date = new Date(),
): RestoreResult {
  const target = path.resolve(file);
  const source = path.resolve(backupFile);
  if (source === target) throw new ApiError('INVALID', '不能用档案库文件本身恢复。');
  checkBackupFile(source);
  const aside = `${target}.replaced-${stamp(now)}`;
  let keptAside = '';
  if (fs.existsSync(target)) {
    let name = aside;
    for (let n = 2; fs.existsSync(name); n++) name = `${aside}-${n}`;
    fs.renameSync(target, name);
    keptAside = name;
    for (const ext of ['-wal', '-shm']) {
      if (fs.existsSync(target + ext)) fs.renameSync(target + ext, name + ext);
    }
  }
  const partial = `${target}.restoring`;
  fs.copyFileSync(source, partial);
  const fd = fs.openSync(partial, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, target);
  return { keptAside, restoredFrom: source };
}
