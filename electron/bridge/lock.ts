/**
 * One bridge per archive: `<archive>.bridge.lock` holds the running bridge's pid and link. A
 * second bridge on the same archive finds it and points to the first one's link instead of
 * starting; a lock whose process is gone (a crash, a kill -9) is stale and taken over.
 *
 * The lock is taken on the archive's real path (symbolic links resolved): a second bridge
 * reaching the same file through a link is refused too. A bridge that cannot take the lock
 * (a folder it cannot write to) does not start.
 *
 * Limits: a pid reused by an unrelated process after a crash makes the lock look held (delete
 * the file); the Electron window does not take this lock (SQLite's own locking keeps the two
 * consistent: a write waits or reports BUSY).
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The archive's real path: links resolved (of the file, or of its folder when the file does
 * not exist yet), so that two names of one file share one lock.
 */
export function realArchivePath(file: string): string {
  const resolved = path.resolve(file);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    try {
      return path.join(fs.realpathSync.native(path.dirname(resolved)), path.basename(resolved));
    } catch {
      return resolved;
    }
  }
}

export interface LockContent {
  readonly pid: number;
  /** The running bridge's link (with its token); set once it listens. */
  readonly url?: string;
  readonly port?: number;
}

export interface BridgeLock {
  readonly file: string;
  /** Records the link once the bridge listens (readable by this user only). */
  update(content: Omit<LockContent, 'pid'>): void;
  /** Removes the file if it is still ours. */
  release(): void;
}

export type LockResult =
  | { readonly ok: true; readonly lock: BridgeLock }
  | { readonly ok: false; readonly holder: LockContent; readonly file: string };

export function lockFileOf(archiveFile: string): string {
  return `${archiveFile}.bridge.lock`;
}

/** Whether a process with this pid exists (EPERM: it exists, another user's). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof data.pid !== 'number') return null;
    return {
      pid: data.pid,
      ...(typeof data.url === 'string' ? { url: data.url } : {}),
      ...(typeof data.port === 'number' ? { port: data.port } : {}),
    };
  } catch {
    return null;
  }
}

/** Takes the archive's bridge lock, or says who holds it. */
export function acquireBridgeLock(archiveFile: string, pid = process.pid): LockResult {
  const file = lockFileOf(realArchivePath(archiveFile));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid }), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder && holder.pid !== pid && processAlive(holder.pid)) {
        return { ok: false, holder, file };
      }
      // stale (its process is gone) or unreadable: take it over
      fs.rmSync(file, { force: true });
      continue;
    }
    let released = false;
    const lock: BridgeLock = {
      file,
      update(content) {
        if (released) return;
        fs.writeFileSync(file, JSON.stringify({ pid, ...content }), { mode: 0o600 });
      },
      release() {
        if (released) return;
        released = true;
        if (readLock(file)?.pid === pid) fs.rmSync(file, { force: true });
      },
    };
    return { ok: true, lock };
  }
  throw new Error(`could not take the lock ${file}`);
}
