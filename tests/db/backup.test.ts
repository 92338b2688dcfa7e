// Backups, restore, verify and damaged files: manual backups (never overwriting), the backup
// folder, daily backups and their rotation, restoring with the current file kept aside, refusing
// bad backups, and bytes overwritten in an archive detected with the recovery path.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Archive, restoreArchive } from '../../db/archive';
import {
  KEEP,
  backupFolder,
  checkBackupFile,
  listBackups,
  readHeader,
  recoveryAdvice,
  rotateBackups,
} from '../../db/backup';
import { LATEST_VERSION } from '../../db/migrations';
import {
  apiError,
  archivedPdf,
  apiErrorAsync,
  filesIn,
  legacyBody,
  rawConnection,
  snapshot,
  tempArchive,
  tempDir,
  type TempArchive,
} from '../helpers/archive';
import { DEPARTMENT, balancedReport, priorOf } from '../helpers/reports';

/** An archive holding two units, three years, a journal and a finalised PDF. */
async function filled(options: Parameters<typeof tempArchive>[0] = {}) {
  const t = await tempArchive(options);
  const a = t.archive;
  const dept = a.createUnit({ name: DEPARTMENT, kind: '部门' });
  const current = balancedReport(2021);
  a.storeImported({
    unitId: dept.id,
    year: 2020,
    content: priorOf(current),
    author: 'x',
    file: '2020.docx',
  });
  a.storeImported({
    unitId: dept.id,
    year: 2021,
    content: current,
    author: 'x',
    file: '2021.docx',
  });
  a.storeFinalisation({
    unitId: dept.id,
    year: 2021,
    by: '主任',
    pdf: new Uint8Array([37, 80, 68, 70, 1, 2, 3]),
  });
  const town = a.createUnit({ name: '城关镇人民政府', kind: '乡镇街道' });
  a.storeImported({
    unitId: town.id,
    year: 2012,
    content: legacyBody('城关镇2012年报', '城关镇旧格式全文'),
    author: 'x',
    file: 'f',
  });
  a.createReport({ unitId: town.id, year: 2022, author: 'x' });
  const draft = balancedReport(2022, { unitName: '城关镇人民政府' });
  a.writeJournal({ unitId: town.id, year: 2022, report: draft, author: 'x' });
  return { t, a, dept: dept.id, town: town.id };
}

/** Everything an archive holds, through its operations, for comparing two archives. */
function contents(a: Archive) {
  return a.listUnits().map((u) => ({
    unit: u,
    years: a.listYears({ unitId: u.id }).map((y) => ({
      summary: y,
      opened: a.openReport({ unitId: u.id, year: y.year }),
      history: a.history({ unitId: u.id, year: y.year }),
      pdf: y.format ? archivedPdf(a, u.id, y.year) : null,
    })),
  }));
}

async function openContents(file: string) {
  const a = await Archive.open(file, { create: false });
  try {
    expect(a.verify()).toMatchObject({ ok: true });
    return contents(a);
  } finally {
    a.close();
  }
}

describe('backup to a chosen file', () => {
  it('writes a complete copy that opens as an archive with the same data', async () => {
    const { t, a } = await filled();
    const target = path.join(tempDir(), 'sub', 'folder', '我的备份.sqlite');
    const info = await a.backup({ to: target });
    expect(info).toEqual({
      path: target,
      at: t.clock.now().toISOString(),
      reason: 'manual',
      bytes: fs.statSync(target).size,
    });
    expect(filesIn(path.dirname(target))).toEqual(['我的备份.sqlite']);
    expect(readHeader(target)).toMatchObject({ userVersion: LATEST_VERSION });
    // a self-contained file (rollback journal, not WAL): nothing else is needed beside it
    expect([...fs.readFileSync(target).subarray(18, 20)]).toEqual([1, 1]);
    // not a backup in the folder: it is not listed, not rotated
    expect(listBackups(t.file)).toEqual([]);
    const original = contents(a);
    expect(await openContents(target)).toEqual(original);
    // the archive stays usable after a backup
    expect(a.search({ query: '城关镇旧格式全文' }).hits).toHaveLength(1);
  });

  it('never overwrites an existing file', async () => {
    const { a } = await filled();
    const target = path.join(tempDir(), 'backup.sqlite');
    fs.writeFileSync(target, 'precious');
    const e = await apiErrorAsync(() => a.backup({ to: target }), 'CONFLICT');
    expect(e.message).toContain('不会覆盖');
    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
    await a.backup({ to: path.join(path.dirname(target), 'second.sqlite') });
    await apiErrorAsync(
      () => a.backup({ to: path.join(path.dirname(target), 'second.sqlite') }),
      'CONFLICT',
    );
  });

  it('refuses the archive file itself', async () => {
    const { t, a } = await filled();
    const before = snapshot(t.file);
    await expect(a.backup({ to: t.file })).rejects.toThrow();
    expect(snapshot(t.file).bytes.equals(before.bytes)).toBe(true);
  });
});

describe('backups in the backup folder', () => {
  it('backup() with no file goes into backups/, named by the clock, listed', async () => {
    const { t, a } = await filled();
    const info = await a.backup();
    expect(path.dirname(info.path)).toBe(path.join(t.dir, 'backups'));
    expect(path.basename(info.path)).toBe('archive-20240301-093000-manual.sqlite');
    expect(listBackups(t.file)).toEqual([{ ...info, at: '2024-03-01T09:30:00' }]);
    expect(await openContents(info.path)).toEqual(contents(a));
  });

  it('two backups in the same second: both kept, the later one listed first', async () => {
    const { t, a } = await filled();
    const first = await a.backup();
    a.renameUnit({ unitId: a.listUnits()[0]!.id, name: '改名后的单位' });
    const second = await a.backup();
    expect(second.path).not.toBe(first.path);
    const listed = listBackups(t.file);
    expect(listed.map((b) => b.path)).toEqual([second.path, first.path]);
    // so the recovery advice names the newest
    expect(recoveryAdvice(t.file)).toContain(second.path);
  });

  it('listBackups ignores other files and other archives’ backups; none → []', async () => {
    const { t, a } = await filled();
    expect(listBackups(t.file)).toEqual([]);
    await a.backup();
    const folder = backupFolder(t.file);
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'x');
    fs.writeFileSync(path.join(folder, 'other-20240101-000000-daily.sqlite'), 'x');
    fs.writeFileSync(path.join(folder, 'archive-20240101-000000-daily.sqlite.partial'), 'x');
    expect(listBackups(t.file)).toHaveLength(1);
  });
});

describe('daily backups', () => {
  it('none for an empty archive (units alone are not worth one)', async () => {
    const t = await tempArchive();
    expect(await t.archive.dailyBackup()).toBeNull();
    t.archive.createUnit({ name: '甲' });
    expect(await t.archive.dailyBackup()).toBeNull();
    expect(fs.existsSync(backupFolder(t.file)) ? filesIn(backupFolder(t.file)) : []).toEqual([]);
  });

  it('one per day by the clock', async () => {
    const { t, a } = await filled();
    const first = await a.dailyBackup();
    expect(first).toMatchObject({ reason: 'daily' });
    t.clock.advance(5 * 3600_000); // later the same day
    expect(await a.dailyBackup()).toBeNull();
    t.clock.set('2024-03-02T00:00:01');
    const next = await a.dailyBackup();
    expect(next).toMatchObject({ reason: 'daily' });
    expect(await a.dailyBackup()).toBeNull();
    expect(listBackups(t.file).map((b) => [b.reason, b.at])).toEqual([
      ['daily', '2024-03-02T00:00:01'],
      ['daily', '2024-03-01T09:30:00'],
    ]);
    // a manual backup does not count as the day's automatic one
    t.clock.set('2024-03-03T08:00:00');
    await a.backup();
    expect(await a.dailyBackup()).toMatchObject({ reason: 'daily' });
  });

  it(`rotation keeps the ${KEEP.daily} newest daily backups and every manual one`, async () => {
    const { t, a } = await filled();
    await a.backup();
    const days: string[] = [];
    for (let i = 0; i < KEEP.daily + 3; i++) {
      t.clock.advanceDays(1);
      const b = await a.dailyBackup();
      days.push(b!.at);
    }
    const daily = listBackups(t.file).filter((b) => b.reason === 'daily');
    expect(daily).toHaveLength(KEEP.daily);
    const local = (iso: string) => {
      const d = new Date(iso);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    };
    expect(daily.map((b) => b.at.slice(0, 10))).toEqual(
      days.slice(-KEEP.daily).reverse().map(local),
    );
    expect(listBackups(t.file).filter((b) => b.reason === 'manual')).toHaveLength(1);
    // nothing else is left in the folder
    expect(filesIn(backupFolder(t.file))).toHaveLength(KEEP.daily + 1);
  });

  it('honours a custom keep', async () => {
    const { t, a } = await filled({ keep: { ...KEEP, daily: 2 } });
    for (let i = 0; i < 4; i++) {
      await a.dailyBackup();
      t.clock.advanceDays(1);
    }
    expect(listBackups(t.file).map((b) => b.at.slice(0, 10))).toEqual(['2024-03-04', '2024-03-03']);
  });

  it('rotateBackups per reason: migration and restore backups have their own limits', async () => {
    const { t, a } = await filled();
    const one = await a.backup();
    const folder = backupFolder(t.file);
    for (let d = 1; d <= 5; d++) {
      for (const reason of ['migration', 'restore', 'manual']) {
        fs.copyFileSync(one.path, path.join(folder, `archive-2023010${d}-120000-${reason}.sqlite`));
      }
    }
    const removed = rotateBackups(t.file);
    expect(removed.map((f) => path.basename(f)).sort()).toEqual(
      [
        'archive-20230101-120000-migration.sqlite',
        'archive-20230102-120000-migration.sqlite',
        'archive-20230101-120000-restore.sqlite',
        'archive-20230102-120000-restore.sqlite',
      ].sort(),
    );
    const left = listBackups(t.file);
    expect(left.filter((b) => b.reason === 'manual')).toHaveLength(6);
    expect(left.filter((b) => b.reason === 'migration').map((b) => b.at.slice(0, 10))).toEqual([
      '2023-01-05',
      '2023-01-04',
      '2023-01-03',
    ]);
  });
});

describe('restoreArchive', () => {
  async function backedUp() {
    const f = await filled();
    const backup = await f.a.backup();
    const before = contents(f.a);
    // changes after the backup
    f.a.renameUnit({ unitId: f.dept, name: '备份之后改的名称' });
    f.a.saveReport({
      unitId: f.town,
      year: 2022,
      report: balancedReport(2022, { unitName: '城关镇人民政府' }),
      reason: 'save',
      author: 'x',
    });
    f.a.close();
    return { ...f, backup, before };
  }

  it('replaces the archive with the backup; the current file is kept aside, byte for byte', async () => {
    const { t, backup, before } = await backedUp();
    const current = snapshot(t.file);
    const restoredAt = new Date('2024-03-05T10:11:12');
    const result = restoreArchive(t.file, backup.path, restoredAt);
    expect(result.restoredFrom).toBe(backup.path);
    expect(result.keptAside).toBe(`${t.file}.replaced-20240305-101112`);
    expect(fs.readFileSync(result.keptAside).equals(current.bytes)).toBe(true);
    // the restored archive has the backup's data, not the later changes
    expect(await openContents(t.file)).toEqual(before);
    // the kept-aside file still opens, with the later changes
    const aside = await Archive.open(result.keptAside, { create: false });
    expect(aside.listUnits().map((u) => u.name)).toContain('备份之后改的名称');
    aside.close();
    // the backup itself is unchanged and still listed, alone: checking it left no -wal/-shm
    expect(listBackups(t.file).map((b) => b.path)).toContain(backup.path);
    expect(filesIn(backupFolder(t.file))).toEqual([path.basename(backup.path)]);
    expect(filesIn(t.dir).filter((f) => f.endsWith('.restoring'))).toEqual([]);
  });

  it('twice in the same second: two distinct kept-aside files', async () => {
    const { t, backup } = await backedUp();
    const now = new Date('2024-03-05T10:11:12');
    const first = restoreArchive(t.file, backup.path, now);
    const second = restoreArchive(t.file, backup.path, now);
    expect(second.keptAside).not.toBe(first.keptAside);
    expect(fs.existsSync(first.keptAside)).toBe(true);
    expect(fs.existsSync(second.keptAside)).toBe(true);
  });

  it('after a crash: the WAL’s commits go aside with its file, nothing of it is lost', async () => {
    const t = await tempArchive();
    const u = t.archive.createUnit({ name: '甲' });
    t.archive.storeImported({
      unitId: u.id,
      year: 2011,
      content: legacyBody('t', '备份时的内容'),
      author: 'x',
      file: 'f',
    });
    const backup = await t.archive.backup();
    t.archive.close();
    // a writer that died with its last commits only in the WAL: copy the files while it is open
    const live = rawConnection(t.file);
    live.pragma('wal_autocheckpoint = 0');
    live.prepare("UPDATE units SET name = '崩溃前提交的名称'").run();
    const crashed = path.join(tempDir(), 'archive.sqlite');
    fs.copyFileSync(t.file, crashed);
    fs.copyFileSync(`${t.file}-wal`, `${crashed}-wal`);
    live.close();
    expect(fs.statSync(`${crashed}-wal`).size).toBeGreaterThan(0);

    const result = restoreArchive(crashed, backup.path, new Date('2024-03-05T10:00:00'));
    // the WAL's commits are in the kept-aside file (checkpointed into it by the restore's
    // lock check, or moved beside it): none beside the restored archive
    expect(fs.existsSync(`${crashed}-wal`)).toBe(false);
    const aside = await Archive.open(result.keptAside, { create: false });
    expect(aside.listUnits().map((x) => x.name)).toEqual(['崩溃前提交的名称']);
    aside.close();
    const restored = await Archive.open(crashed, { create: false });
    expect(restored.listUnits().map((x) => x.name)).toEqual(['甲']);
    restored.close();
  });

  it('works when the current file is missing', async () => {
    const { t, backup, before } = await backedUp();
    fs.rmSync(t.file);
    expect(restoreArchive(t.file, backup.path)).toEqual({
      keptAside: '',
      restoredFrom: backup.path,
    });
    expect(await openContents(t.file)).toEqual(before);
  });

  it('refuses bad backups and leaves the current file untouched', async () => {
    const { t, backup } = await backedUp();
    const current = snapshot(t.file);
    const filesBefore = filesIn(t.dir);
    const dir = tempDir();

    const text = path.join(dir, 'text.sqlite');
    fs.writeFileSync(text, '这不是备份文件');
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    const other = path.join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(backup.path);
    bytes.fill(0, 8192, 12288);
    fs.writeFileSync(damaged, bytes);
    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(backup.path, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();

    const cases = [
      [text, 'NOT_ARCHIVE'],
      [empty, 'NOT_ARCHIVE'],
      [other, 'NOT_ARCHIVE'],
      [damaged, 'CORRUPT'],
      [newer, 'NEWER_VERSION'],
      [path.join(dir, 'missing.sqlite'), 'NOT_FOUND'],
      [t.file, 'INVALID'],
    ] as const;
    for (const [file, code] of cases) {
      const e = apiError(() => restoreArchive(t.file, file), code);
      // in Chinese: no English system error (SQLite's "database disk image is malformed")
      expect(e.message.replaceAll(file, '').replaceAll(t.file, ''), file).not.toMatch(
        /[A-Za-z]{3,}/u,
      );
      const after = snapshot(t.file);
      expect(after.bytes.equals(current.bytes), file).toBe(true);
      expect(after.mtimeMs, file).toBe(current.mtimeMs);
      expect(filesIn(t.dir), file).toEqual(filesBefore);
    }
    // checkBackupFile is what restore uses; a good backup passes
    expect(checkBackupFile(backup.path)).toEqual({ version: LATEST_VERSION });
  });
});

describe('verify', () => {
  it('a good archive: ok', async () => {
    const { a } = await filled();
    expect(a.verify()).toEqual({ ok: true, problems: [], message: '档案库完好。' });
  });

  it('detects a revision body changed behind the archive, naming that revision', async () => {
    const { t, a, dept } = await filled();
    await a.backup();
    const raw = rawConnection(t.file);
    const reportId = raw
      .prepare('SELECT id FROM reports WHERE unit_id = ? AND year = 2020')
      .pluck()
      .get(dept) as number;
    raw.exec('DROP TRIGGER revisions_immutable');
    raw
      .prepare(
        "UPDATE revisions SET body = replace(body, '清河县', '河清县') WHERE report_id = ? AND number = 1",
      )
      .run(reportId);
    const result = a.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([`报告 ${reportId} 第 1 版的内容与其校验值不符`]);
    expect(result.message).toContain('恢复');
    expect(result.message).toContain(listBackups(t.file)[0]!.path);
  });

  it('detects a body that is not JSON or not a report (hash made to match), a missing head, a PDF changed', async () => {
    const { t, a, dept, town } = await filled();
    const raw = rawConnection(t.file);
    const idOf = (unit: string, year: number) =>
      raw
        .prepare('SELECT id FROM reports WHERE unit_id = ? AND year = ?')
        .pluck()
        .get(unit, year) as number;
    raw.exec('DROP TRIGGER revisions_immutable; DROP TRIGGER finalisations_fixed;');
    const setBody = raw.prepare(
      'UPDATE revisions SET body = ?, hash = ? WHERE report_id = ? AND number = 1',
    );
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    setBody.run('{not json', sha('{not json'), idOf(dept, 2020));
    setBody.run('{"title":"x"}', sha('{"title":"x"}'), idOf(town, 2022));
    raw.prepare('UPDATE reports SET head = 9 WHERE id = ?').run(idOf(town, 2012));
    raw.prepare("UPDATE finalisations SET pdf = x'00'").run();
    const result = a.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        `报告 ${idOf(dept, 2020)} 第 1 版不是有效的 JSON`,
        `报告 ${idOf(town, 2022)} 第 1 版不是有效的报告数据`,
        `报告 ${idOf(town, 2012)}（2012年度）缺少最新版本`,
        expect.stringMatching(/^定稿记录 \d+ 的 PDF 与其 SHA-256 不符$/u),
      ]),
    );
    expect(result.problems).toHaveLength(4);
  });
});

describe('a damaged archive file (bytes overwritten)', () => {
  /** An archive with data and a backup, closed; returns its file and the backup. */
  async function closedWithBackup(): Promise<{ t: TempArchive; backup: string; before: unknown }> {
    const { t, a } = await filled();
    const backup = (await a.dailyBackup())!;
    const before = contents(a);
    a.close();
    expect(fs.existsSync(`${t.file}-wal`)).toBe(false);
    return { t, backup: backup.path, before };
  }

  function overwrite(file: string, offset: number, bytes: Buffer): void {
    const fd = fs.openSync(file, 'r+');
    try {
      fs.writeSync(fd, bytes, 0, bytes.length, offset);
    } finally {
      fs.closeSync(fd);
    }
  }

  function garbage(n: number, seed = 7): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      b[i] = seed >>> 24;
    }
    return b;
  }

  const pageCases: [string, (file: string) => void][] = [
    ['a page of zeros at offset 8192', (f) => overwrite(f, 8192, Buffer.alloc(4096))],
    ['a page of garbage at offset 8192', (f) => overwrite(f, 8192, garbage(4096))],
    [
      'the root page of the revisions table zeroed',
      (f) => {
        const db = new Database(f, { readonly: true });
        const root = db
          .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'revisions'")
          .pluck()
          .get() as number;
        db.close();
        overwrite(f, (root - 1) * 4096, Buffer.alloc(4096));
      },
    ],
    [
      'the database header (after the magic string) overwritten',
      (f) => overwrite(f, 16, garbage(44)),
    ],
    ['the magic string overwritten', (f) => overwrite(f, 0, Buffer.from('NOT SQLITE AT ALL'))],
  ];

  for (const [what, damage] of pageCases) {
    it(`${what}: refused as CORRUPT, naming the latest backup; restoring it recovers`, async () => {
      const { t, backup, before } = await closedWithBackup();
      damage(t.file);
      const damagedBytes = fs.readFileSync(t.file);
      const e = await apiErrorAsync(() => Archive.open(t.file, { now: t.clock.now }), 'CORRUPT');
      expect(e.message).toContain('恢复');
      expect(e.message).toContain(backup);
      expect(e.message).toContain('nianbao archive restore');
      // nothing was written to the damaged file
      expect(fs.readFileSync(t.file).equals(damagedBytes)).toBe(true);
      // the recovery path works
      const result = restoreArchive(t.file, backup);
      expect(fs.readFileSync(result.keptAside).equals(damagedBytes)).toBe(true);
      expect(await openContents(t.file)).toEqual(before);
    });
  }

  it('garbage inside a revision body (an overflow page): verify() names the revision', async () => {
    const { t, backup, before } = await closedWithBackup();
    const db = new Database(t.file, { readonly: true });
    const page = db
      .prepare(
        "SELECT pageno FROM dbstat WHERE name = 'revisions' AND pagetype = 'overflow' ORDER BY pageno LIMIT 1",
      )
      .pluck()
      .get() as number;
    db.close();
    expect(page).toBeGreaterThan(1);
    // the middle of the page: content, not the overflow chain pointer
    overwrite(t.file, (page - 1) * 4096 + 1000, Buffer.from('XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'));
    const a = await Archive.open(t.file, { now: t.clock.now });
    try {
      const result = a.verify();
      expect(result.ok).toBe(false);
      expect(result.problems.length).toBe(1);
      expect(result.problems[0]).toMatch(/^报告 \d+ 第 \d+ 版的内容与其校验值不符$/u);
      expect(result.message).toContain(backup);
    } finally {
      a.close();
    }
    restoreArchive(t.file, backup);
    expect(await openContents(t.file)).toEqual(before);
  });

  it('without any backup the message says so, and still explains how to restore', async () => {
    const t = await tempArchive();
    t.archive.createUnit({ name: '甲' });
    t.archive.close();
    overwrite(t.file, 8192, Buffer.alloc(4096));
    const e = await apiErrorAsync(() => Archive.open(t.file), 'CORRUPT');
    expect(e.message).toContain('没有找到自动备份');
    expect(e.message).toContain('恢复');
  });

  it('a truncated file is refused as CORRUPT', async () => {
    const { t, backup } = await closedWithBackup();
    const size = fs.statSync(t.file).size;
    fs.truncateSync(t.file, Math.floor(size / 2 / 4096) * 4096);
    const e = await apiErrorAsync(() => Archive.open(t.file, { now: t.clock.now }), 'CORRUPT');
    expect(e.message).toContain(backup);
  });
});
