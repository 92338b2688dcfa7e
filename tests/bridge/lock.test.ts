// One bridge per archive (electron/bridge/lock.ts): `<archive>.bridge.lock` with the pid and
// the link; a live holder refuses a second bridge, a dead one's lock is taken over.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireBridgeLock,
  lockFileOf,
  processAlive,
  realArchivePath,
} from '../../electron/bridge/lock';
import { tempFolder } from './helpers';

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('the bridge lock', () => {
  it('is taken once; a live holder refuses the next and names its link', () => {
    const file = path.join(tempFolder(), 'archive.sqlite');
    const first = acquireBridgeLock(file);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.lock.file).toBe(lockFileOf(file));
    expect(lockFileOf(file)).toBe(`${file}.bridge.lock`);
    first.lock.update({ url: 'http://127.0.0.1:1234/?token=t', port: 1234 });
    // this process holds it; another live process (the parent of this one) asks
    const second = acquireBridgeLock(file, process.ppid);
    expect(second).toEqual({
      ok: false,
      file: lockFileOf(file),
      holder: { pid: process.pid, url: 'http://127.0.0.1:1234/?token=t', port: 1234 },
    });
    if (process.platform !== 'win32') {
      expect(fs.statSync(lockFileOf(file)).mode & 0o077).toBe(0);
    }
    first.lock.release();
    expect(fs.existsSync(lockFileOf(file))).toBe(false);
    expect(acquireBridgeLock(file, process.ppid).ok).toBe(true);
  });

  it('takes over the lock of a process that is gone, and an unreadable one', () => {
    const file = path.join(tempFolder(), 'archive.sqlite');
    const pid = deadPid();
    expect(processAlive(pid)).toBe(false);
    expect(processAlive(process.pid)).toBe(true);
    fs.writeFileSync(lockFileOf(file), JSON.stringify({ pid, url: 'http://old' }));
    const taken = acquireBridgeLock(file);
    expect(taken.ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockFileOf(file), 'utf8'))).toEqual({ pid: process.pid });
    if (taken.ok) taken.lock.release();
    fs.writeFileSync(lockFileOf(file), 'garbage');
    expect(acquireBridgeLock(file).ok).toBe(true);
  });

  it('release leaves a lock that is no longer its own', () => {
    const file = path.join(tempFolder(), 'archive.sqlite');
    const taken = acquireBridgeLock(file);
    if (!taken.ok) throw new Error('not taken');
    fs.writeFileSync(lockFileOf(file), JSON.stringify({ pid: process.ppid }));
    taken.lock.release();
    expect(fs.existsSync(lockFileOf(file))).toBe(true);
  });

  it('is taken on the real path: a symbolic link to the archive or its folder meets the same lock (issue 17, item 13)', () => {
    const dir = tempFolder();
    const file = path.join(dir, 'archive.sqlite');
    fs.writeFileSync(file, '');
    const linkFile = path.join(dir, '链接.sqlite');
    fs.symlinkSync(file, linkFile);
    const linkDir = path.join(tempFolder(), 'folder-link');
    fs.symlinkSync(dir, linkDir);
    expect(realArchivePath(linkFile)).toBe(fs.realpathSync(file));
    expect(realArchivePath(path.join(linkDir, 'archive.sqlite'))).toBe(fs.realpathSync(file));
    // a file that does not exist yet: its folder's real path
    expect(realArchivePath(path.join(linkDir, 'new.sqlite'))).toBe(
      path.join(fs.realpathSync(dir), 'new.sqlite'),
    );
    const first = acquireBridgeLock(file);
    expect(first.ok).toBe(true);
    for (const other of [linkFile, path.join(linkDir, 'archive.sqlite')]) {
      const second = acquireBridgeLock(other, process.ppid);
      expect(second.ok, other).toBe(false);
    }
    if (first.ok) first.lock.release();
  });
});
