/**
 * The high-water mark: the newest revision's id and the number of revisions, kept inside the
 * archive and in a small side file beside it (`<archive>.mark`). The side file is written after
 * every commit that adds revisions; opening and verify() compare it with the file. A file that
 * holds fewer revisions than the mark lost acknowledged saves (a -wal file deleted after a
 * crash, an older copy put in its place): that is reported with the recovery advice instead of
 * passing silently. The side file also says that an archive lived here: a missing or empty
 * archive file beside it is not silently replaced by a new empty archive.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';

export interface Mark {
  /** rowid of the newest revision (0: none). */
  readonly newest: number;
  /** How many revisions the archive holds. */
  readonly count: number;
}

export function markFile(archive: string): string {
  return `${archive}.mark`;
}

/** The archive's own mark (newest revision id and count). */
export function markOf(db: Database.Database): Mark {
  const row = db
    .prepare('SELECT coalesce(max(rowid), 0) AS newest, count(*) AS count FROM revisions')
    .get() as Mark;
  return { newest: row.newest, count: row.count };
}

/** The side file's mark, or null when there is none (or it cannot be read). */
export function readMark(archive: string): Mark | null {
  try {
    const data = JSON.parse(fs.readFileSync(markFile(archive), 'utf8')) as Partial<Mark>;
    if (!Number.isSafeInteger(data.newest) || !Number.isSafeInteger(data.count)) return null;
    return { newest: data.newest!, count: data.count! };
  } catch {
    return null;
  }
}

/**
 * Writes the side file (a unique temporary name, then a rename). Never lowers it unless `exact`
 * (after a restore): another process may have written a newer mark meanwhile. A file that
 * cannot be written (read-only folder) is left as it is: the mark is a safeguard, not data.
 */
export function writeMark(archive: string, mark: Mark, exact = false): void {
  const old = exact ? null : readMark(archive);
  const next = old
    ? { newest: Math.max(old.newest, mark.newest), count: Math.max(old.count, mark.count) }
    : mark;
  if (old && old.newest === next.newest && old.count === next.count) return;
  const tmp = `${markFile(archive)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(next));
    fs.renameSync(tmp, markFile(archive));
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/** What is missing from the archive compared with its mark (null: nothing). */
export function markShortfall(archive: string, current: Mark): string | null {
  const mark = readMark(archive);
  if (!mark) return null;
  if (current.newest >= mark.newest && current.count >= mark.count) return null;
  const lost = mark.count - current.count;
  return (
    `档案库文件中缺少已经保存过的修改${lost > 0 ? `（少了 ${lost} 个版本）` : ''}：` +
    '可能是断电或程序崩溃后 -wal 文件丢失，或文件被换成了较早的副本'
  );
}
