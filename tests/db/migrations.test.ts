// Schema and migrations (db/migrations.ts): a fresh archive is at the newest version; each
// migration N is run on a database of version N-1 that holds data; a database of a newer
// version, another program's database and a file that is not a database are refused without
// being changed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/model';
import { Archive } from '../../db/archive';
import { listBackups, readHeader } from '../../db/backup';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS } from '../../db/migrations';
import { INDEX_END, indexText, searchText, type StoredBody } from '../../db/text';
import {
  Clock,
  apiErrorAsync,
  filesIn,
  legacyBody,
  rawConnection,
  sampleReport,
  snapshot,
  tempArchive,
  tempDir,
} from '../helpers/archive';
import { balancedReport } from '../helpers/reports';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A database of `version` as the app would have left it: migrations 1…version run by hand, then
 * the seeded rows, then what that version's app derived from them on every save (the search
 * index). Adding a migration that changes what is derived means adding its case here.
 */
function buildAtVersion(file: string, version: number, seed?: (db: Database.Database) => void) {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      for (const m of MIGRATIONS.slice(0, version)) m.up(db);
      if (version > 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${version}`);
      seed?.(db);
      indexAsWrittenBy(db, version);
    })();
  } finally {
    db.close();
  }
}

/** The search rows the app of `version` wrote for each report's newest revision. */
function indexAsWrittenBy(db: Database.Database, version: number): void {
  if (version < 2) return; // no index before migration 2
  const text = (json: string) =>
    version === 2 ? searchText(json) : indexText(JSON.parse(json) as StoredBody);
  const insert = db.prepare('INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)');
  const heads = db
    .prepare(
      'SELECT r.id, v.body FROM reports r JOIN revisions v ON v.report_id = r.id AND v.number = r.head',
    )
    .all() as { id: number; body: string }[];
  for (const { id, body } of heads) {
    const t = text(body);
    insert.run(id, t.title, t.body);
  }
}

const SAMPLE_UNIT = 'u-sample';
const OTHER_UNIT = 'u-other';

interface Seeded {
  sample: Report;
  sample2: Report;
  balanced: Report;
  legacyText: string;
}

/**
 * Data of schema version 1 (units with a former name, a structured report with two revisions,
 * a legacy document, a second unit with its report), inserted as the app of version 1 wrote it.
 */
function seedV1(db: Database.Database): Seeded {
  const sample = sampleReport();
  sample.unit = { ...sample.unit, id: SAMPLE_UNIT };
  const sample2 = structuredClone(sample);
  sample2.sections['五']!.paragraphs.push({
    level: 0,
    text: '迁移前保存的第二版新增段落：档案迁移测试。',
  });
  const balanced = balancedReport(2021);
  balanced.unit = { ...balanced.unit, id: OTHER_UNIT };
  const legacyText =
    '沂源县行政审批服务局2015年政府信息公开工作年度报告\n本年度主动公开信息九十九条，旧格式档案全文鑫淼';

  const at = '2023-05-01T08:00:00.000Z';
  db.prepare(
    'INSERT INTO units (id, name, kind, parent_id, merged_into, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(SAMPLE_UNIT, '沂源县行政审批服务局', '部门', null, null, at);
  db.prepare(
    'INSERT INTO units (id, name, kind, parent_id, merged_into, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(OTHER_UNIT, '清河县市场监督管理局', null, SAMPLE_UNIT, null, at);
  const name = db.prepare(
    'INSERT INTO unit_names (unit_id, name, name_key, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)',
  );
  name.run(SAMPLE_UNIT, '沂源县行政审批局', '沂源县行政审批局', null, '2019-01-10');
  name.run(SAMPLE_UNIT, '沂源县行政审批服务局', '沂源县行政审批服务局', '2019-01-10', null);
  name.run(OTHER_UNIT, '清河县市场监督管理局', '清河县市场监督管理局', null, null);

  const report = db.prepare(
    `INSERT INTO reports (unit_id, year, format, line, head, title, status, errors, warnings, updated_at, updated_by)
     VALUES (?, ?, ?, 1, ?, ?, '草稿', 0, 0, ?, 'v1')`,
  );
  const revision = db.prepare(
    `INSERT INTO revisions (report_id, number, line, at, author, reason, note, body, hash)
     VALUES (?, ?, 1, ?, 'v1', ?, '', ?, ?)`,
  );
  const addRevisions = (reportId: number | bigint, bodies: object[], reason: string) => {
    bodies.forEach((body, i) => {
      const json = JSON.stringify(body);
      revision.run(reportId, i + 1, at, i === 0 ? reason : 'save', json, sha256(json));
    });
  };
  const r1 = report.run(SAMPLE_UNIT, 2020, '2019', 2, sample.title, at).lastInsertRowid;
  addRevisions(r1, [sample, sample2], 'import');
  const r2 = report.run(SAMPLE_UNIT, 2015, null, 1, '旧格式报告', at).lastInsertRowid;
  addRevisions(r2, [legacyBody('旧格式报告', legacyText)], 'import');
  const r3 = report.run(OTHER_UNIT, 2021, '2021', 1, balanced.title, at).lastInsertRowid;
  addRevisions(r3, [balanced], 'import');
  db.prepare(
    "INSERT INTO journal (report_id, base, at, author, body) VALUES (?, 1, ?, 'v1', ?)",
  ).run(r3, at, JSON.stringify({ ...balanced, title: '迁移前未保存的标题' }));
  return { sample, sample2, balanced, legacyText };
}

/** The data seeded at version 1 is all there, through the archive's operations. */
function expectV1Data(archive: Archive, seeded: Seeded): void {
  const units = archive.listUnits();
  expect(units.map((u) => u.name).sort()).toEqual(['沂源县行政审批服务局', '清河县市场监督管理局']);
  const unit = archive.unit(SAMPLE_UNIT);
  expect(unit.kind).toBe('部门');
  expect(unit.years).toEqual([2015, 2020]);
  expect(unit.formerNames).toEqual([{ name: '沂源县行政审批局', from: null, to: '2019-01-10' }]);
  expect(archive.unitByName('沂源县行政审批局')?.id).toBe(SAMPLE_UNIT);
  expect(archive.unit(OTHER_UNIT).parentId).toBe(SAMPLE_UNIT);

  const opened = archive.openReport({ unitId: SAMPLE_UNIT, year: 2020 });
  expect(opened.legacy).toBe(false);
  if (opened.legacy) return;
  expect(opened.revision).toBe(2);
  expect(opened.report).toEqual(seeded.sample2);
  expect(archive.openRevision({ unitId: SAMPLE_UNIT, year: 2020, revision: 1 })).toEqual({
    legacy: false,
    report: seeded.sample,
  });
  expect(
    archive.history({ unitId: SAMPLE_UNIT, year: 2020 }).map((h) => [h.revision, h.reason]),
  ).toEqual([
    [2, 'save'],
    [1, 'import'],
  ]);

  const legacy = archive.openReport({ unitId: SAMPLE_UNIT, year: 2015 });
  expect(legacy).toMatchObject({ legacy: true, title: '旧格式报告', text: seeded.legacyText });

  const withJournal = archive.openReport({ unitId: OTHER_UNIT, year: 2021 });
  expect(withJournal).toMatchObject({ legacy: false, recovered: true });
  expect(!withJournal.legacy && withJournal.report.title).toBe('迁移前未保存的标题');
  expect(archive.verify()).toMatchObject({ ok: true, problems: [] });
}

/**
 * What each migration must prove on a database of the version before it, holding data. A
 * migration without an entry here fails the test below: write its test when adding it.
 */
const MIGRATION_CHECKS: Record<number, (archive: Archive, seeded: Seeded, file: string) => void> = {
  2(archive, seeded) {
    // the reports stored before the index existed are found, with their newest revision's text
    const found = archive.search({ query: '迁移前保存的第二版' });
    expect(found.hits.map((h) => [h.unitName, h.year])).toEqual([['沂源县行政审批服务局', 2020]]);
    expect(archive.search({ query: '新媒体信息发布' }).hits.map((h) => h.year)).toEqual([2020]);
    // the legacy document's text, and a short (fallback) query
    expect(archive.search({ query: '九十九条' }).hits.map((h) => h.year)).toEqual([2015]);
    expect(archive.search({ query: '旧格' }).hits.map((h) => h.year)).toEqual([2015]);
    // the index has exactly one row per report (the newest revision, not every revision)
    expect(archive.search({ query: '清河县市场监督管理局' }).hits).toHaveLength(1);
    // and it follows later saves
    const changed = structuredClone(seeded.sample2);
    changed.sections['六']!.paragraphs = [{ level: 0, text: '迁移之后写入的文字。' }];
    expect(
      archive.saveReport({
        unitId: SAMPLE_UNIT,
        year: 2020,
        report: changed,
        reason: 'save',
        author: '测试',
      }),
    ).toEqual({
      revision: 3,
      created: true,
    });
    expect(archive.search({ query: '迁移之后写入' }).hits.map((h) => h.year)).toEqual([2020]);
  },
  3(archive, seeded, file) {
    // every indexed text (title and body) ends with INDEX_END, exactly once
    const raw = rawConnection(file, { readonly: true });
    const indexed = () =>
      raw.prepare('SELECT rowid, title, body FROM search').all() as {
        rowid: number;
        title: string;
        body: string;
      }[];
    const expectEnds = () => {
      const rows = indexed();
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        for (const text of [row.title, row.body]) {
          expect(text.endsWith(INDEX_END)).toBe(true);
          expect(text.endsWith(INDEX_END + INDEX_END)).toBe(false);
        }
      }
    };
    expectEnds();
    // 1–2 characters at the very end of a text indexed before the migration are found
    expect(archive.search({ query: '鑫淼' }).hits.map((h) => h.year)).toEqual([2015]);
    expect(archive.search({ query: '淼' }).hits.map((h) => h.year)).toEqual([2015]);
    expect(archive.search({ query: '九十九条' }).hits.map((h) => h.year)).toEqual([2015]);
    expect(archive.search({ query: '新媒体信息发布' }).hits.map((h) => h.year)).toEqual([2020]);
    // a save after the migration indexes the same way
    const changed = structuredClone(seeded.sample2);
    changed.signature = { ...changed.signature, date: '2021年1月30日垚' };
    archive.saveReport({
      unitId: SAMPLE_UNIT,
      year: 2020,
      report: changed,
      reason: 'save',
      author: '测试',
    });
    expectEnds();
    expect(archive.search({ query: '垚' }).hits.map((h) => h.year)).toEqual([2020]);
    expect(archive.search({ query: '鑫淼' }).hits.map((h) => h.year)).toEqual([2015]);
    raw.close(); // so that closing the archive checkpoints the WAL into the file
  },
  4(archive) {
    // no settings yet: the statutory deadlines; the reports' stored counts are as before
    const before = archive.listYears({ unitId: SAMPLE_UNIT });
    expect(archive.settings()).toMatchObject({ deadlines: {}, changed: null });
    // the table takes the office's deadlines, signed, and the summaries are recomputed
    const after = archive.updateSettings({ deadlines: { 部门: '01-20' }, author: '王五' });
    expect(after.deadlines).toEqual({ 部门: '01-20' });
    expect(after.changed?.by).toBe('王五');
    expect(archive.listYears({ unitId: SAMPLE_UNIT }).map((y) => y.year)).toEqual(
      before.map((y) => y.year),
    );
  },
  5(archive, _seeded, file) {
    // no report is marked 已发布（存档）; statuses and counts are as before
    const before = archive.listYears({ unitId: SAMPLE_UNIT });
    expect(before.every((y) => y.published === null)).toBe(true);
    // the table takes a signed mark (a past year: the clock says 2024), kept in history
    expect(
      archive.markPublished({
        unitId: SAMPLE_UNIT,
        year: 2020,
        reason: '网站已发布',
        author: '王五',
      }),
    ).toEqual({ revision: 3, created: true });
    const y2020 = archive.listYears({ unitId: SAMPLE_UNIT }).find((y) => y.year === 2020)!;
    expect(y2020).toMatchObject({ status: '已发布（存档）', locked: true });
    expect(y2020.published).toMatchObject({ by: '王五', reason: '网站已发布' });
    expect(archive.history({ unitId: SAMPLE_UNIT, year: 2020 })[0]).toMatchObject({
      reason: 'publish',
      author: '王五',
    });
    const raw = rawConnection(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM publications').get()).toEqual({ n: 1 });
    raw.close();
  },
  6(archive, _seeded, file) {
    // the units of version 5 have no recorded change; they are kept as they were
    expect(archive.unitHistory({ unitId: SAMPLE_UNIT })).toEqual([]);
    // the table takes signed changes, and keeps them (no change, no deletion)
    archive.updateUnit({ unitId: SAMPLE_UNIT, kind: '政府', author: '王五' });
    archive.renameUnit({ unitId: OTHER_UNIT, name: '沂源县政务服务中心', author: '赵六' });
    expect(archive.unitHistory({ unitId: SAMPLE_UNIT })).toMatchObject([
      { change: 'kind', before: '部门', after: '政府', by: '王五' },
    ]);
    expect(archive.unitHistory({ unitId: OTHER_UNIT })).toMatchObject([
      {
        change: 'renamed',
        before: '清河县市场监督管理局',
        after: '沂源县政务服务中心',
        by: '赵六',
      },
    ]);
    const raw = rawConnection(file);
    expect(() => raw.prepare("UPDATE unit_changes SET by = 'x'").run()).toThrow(/immutable/u);
    expect(() => raw.prepare('DELETE FROM unit_changes').run()).toThrow(/never deleted/u);
    raw.close();
  },
};

describe('a new archive', () => {
  it('is created at the newest version, marked as a Nianbao archive, in WAL mode', async () => {
    const t = await tempArchive();
    expect(t.archive.schemaVersion).toBe(LATEST_VERSION);
    expect(t.archive.archiveInfo()).toMatchObject({
      schemaVersion: LATEST_VERSION,
      units: 0,
      reports: 0,
    });
    t.archive.close();
    expect(readHeader(t.file)).toEqual({
      userVersion: LATEST_VERSION,
      applicationId: APPLICATION_ID,
    });
    const raw = rawConnection(t.file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    for (const table of [
      'units',
      'unit_names',
      'reports',
      'revisions',
      'journal',
      'finalisations',
      'search',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it('makes no migration backup (there was nothing to back up)', async () => {
    const t = await tempArchive();
    expect(listBackups(t.file)).toEqual([]);
  });

  it('its writer connection runs WAL, synchronous = FULL and foreign keys on', async () => {
    const t = await tempArchive();
    // the connection is private: read its settings the way SQLite reports them
    const db = (t.archive as unknown as { store: { db: Database.Database } }).store.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('opens a zero-byte file and an empty SQLite database (version 0) as new archives', async () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    const fresh = path.join(dir, 'fresh.sqlite');
    new Database(fresh).close();
    for (const file of [empty, fresh]) {
      const archive = await Archive.open(file);
      try {
        expect(archive.schemaVersion).toBe(LATEST_VERSION);
        expect(archive.createUnit({ name: '单位' }).name).toBe('单位');
      } finally {
        archive.close();
      }
      expect(readHeader(file)).toEqual({
        userVersion: LATEST_VERSION,
        applicationId: APPLICATION_ID,
      });
    }
  });

  it('is not created when create: false', async () => {
    const file = path.join(tempDir(), 'none.sqlite');
    await apiErrorAsync(() => Archive.open(file, { create: false }), 'NOT_FOUND');
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, … without gaps, and LATEST_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('each migration after the first has a test on data of the version before', () => {
    expect(Object.keys(MIGRATION_CHECKS).map(Number).sort()).toEqual(
      MIGRATIONS.slice(1).map((m) => m.version),
    );
  });

  it('migration 1 turns a version-0 database into an archive', async () => {
    const file = path.join(tempDir(), 'v0.sqlite');
    buildAtVersion(file, 0);
    expect(readHeader(file)).toEqual({ userVersion: 0, applicationId: 0 });
    const archive = await Archive.open(file);
    try {
      expect(archive.schemaVersion).toBe(LATEST_VERSION);
      const u = archive.createUnit({ name: '清河县市场监督管理局' });
      archive.storeImported({
        unitId: u.id,
        year: 2021,
        content: balancedReport(2021),
        author: 'x',
        file: 'f',
      });
      expect(archive.listYears({ unitId: u.id }).map((y) => y.year)).toEqual([2021]);
    } finally {
      archive.close();
    }
    // no backup of an empty version-0 database
    expect(listBackups(file)).toEqual([]);
  });

  for (const migration of MIGRATIONS.slice(1)) {
    const from = migration.version - 1;
    describe(`migration ${migration.version} (${migration.name})`, () => {
      it(`migrates a version-${from} database holding data, keeping every row`, async () => {
        const dir = tempDir();
        const file = path.join(dir, 'archive.sqlite');
        let seeded: Seeded | undefined;
        buildAtVersion(file, from, (db) => {
          seeded = seedV1(db);
        });
        expect(readHeader(file)).toMatchObject({ userVersion: from });
        const clock = new Clock('2024-06-01T10:00:00');
        const archive = await Archive.open(file, { now: clock.now });
        try {
          expect(archive.schemaVersion).toBe(LATEST_VERSION);
          expectV1Data(archive, seeded!);
          MIGRATION_CHECKS[migration.version]!(archive, seeded!, file);
        } finally {
          archive.close();
        }
        expect(readHeader(file)).toEqual({
          userVersion: LATEST_VERSION,
          applicationId: APPLICATION_ID,
        });
      });

      it(`backs up the version-${from} database before migrating it`, async () => {
        const dir = tempDir();
        const file = path.join(dir, 'archive.sqlite');
        buildAtVersion(file, from, seedV1);
        const before = new Database(file, { readonly: true });
        const revisions = before
          .prepare('SELECT report_id, number, body FROM revisions ORDER BY 1, 2')
          .all();
        before.close();
        const clock = new Clock('2024-06-01T10:00:00');
        (await Archive.open(file, { now: clock.now })).close();

        const backups = listBackups(file);
        expect(backups.map((b) => [b.reason, b.at])).toEqual([
          ['migration', '2024-06-01T10:00:00'],
        ]);
        expect(path.dirname(backups[0]!.path)).toBe(path.join(dir, 'backups'));
        // the backup is the database as it was: the old version, every revision
        expect(readHeader(backups[0]!.path)).toEqual({
          userVersion: from,
          applicationId: APPLICATION_ID,
        });
        const copy = rawConnection(backups[0]!.path, { readonly: true });
        expect(
          copy.prepare('SELECT report_id, number, body FROM revisions ORDER BY 1, 2').all(),
        ).toEqual(revisions);

        // opening again: no second migration, no second backup
        (await Archive.open(file, { now: clock.now })).close();
        expect(listBackups(file)).toHaveLength(1);
      });
    });
  }

  it('migration 2 indexes every report of a larger archive (more than one batch)', async () => {
    const file = path.join(tempDir(), 'archive.sqlite');
    const count = 450;
    buildAtVersion(file, 1, (db) => {
      const at = '2023-05-01T08:00:00.000Z';
      const unit = db.prepare('INSERT INTO units (id, name, created_at) VALUES (?, ?, ?)');
      const name = db.prepare('INSERT INTO unit_names (unit_id, name, name_key) VALUES (?, ?, ?)');
      const report = db.prepare(
        'INSERT INTO reports (unit_id, year, format, head, updated_at) VALUES (?, 2015, NULL, 1, ?)',
      );
      const revision = db.prepare(
        "INSERT INTO revisions (report_id, number, line, at, author, reason, body, hash) VALUES (?, 1, 1, ?, '', 'import', ?, ?)",
      );
      for (let i = 0; i < count; i++) {
        const n = `第${i}号单位`;
        unit.run(`u-${i}`, n, at);
        name.run(`u-${i}`, n, n);
        const id = report.run(`u-${i}`, at).lastInsertRowid;
        const json = JSON.stringify(
          legacyBody(`${n}年报`, `编号甲乙丙${i}号文本。共同的短语在此。`),
        );
        revision.run(id, at, json, sha256(json));
      }
    });
    const archive = await Archive.open(file);
    try {
      expect(archive.search({ query: '共同的短语', limit: 500 }).hits).toHaveLength(count);
      for (const i of [0, 199, 200, 201, 449]) {
        expect(archive.search({ query: `编号甲乙丙${i}号` }).hits.map((h) => h.unitName)).toEqual([
          `第${i}号单位`,
        ]);
      }
    } finally {
      archive.close();
    }
  });

  it('a failing migration leaves the database at its version, unchanged in content', async () => {
    // simulate a migration that fails half-way: the database at version 1 whose search table
    // name is already taken makes migration 2's CREATE fail inside its transaction
    const file = path.join(tempDir(), 'archive.sqlite');
    buildAtVersion(file, 1, (db) => {
      seedV1(db);
      db.exec('CREATE TABLE search (x TEXT)');
    });
    await expect(Archive.open(file)).rejects.toThrow();
    expect(readHeader(file)).toEqual({ userVersion: 1, applicationId: APPLICATION_ID });
    const raw = rawConnection(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM revisions').pluck().get()).toBe(4);
  });
});

describe('a database of a newer version of the app', () => {
  async function newer(): Promise<string> {
    const t = await tempArchive();
    const u = t.archive.createUnit({ name: '清河县市场监督管理局' });
    t.archive.storeImported({
      unitId: u.id,
      year: 2021,
      content: balancedReport(2021),
      author: 'x',
      file: 'f',
    });
    t.archive.close();
    const raw = new Database(t.file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(fs.existsSync(`${t.file}-wal`)).toBe(false);
    return t.file;
  }

  it('is refused with NEWER_VERSION and a Chinese message, never opened read-write', async () => {
    const file = await newer();
    const before = snapshot(file);
    const filesBefore = fs.readdirSync(path.dirname(file)).sort();
    const error = await apiErrorAsync(() => Archive.open(file), 'NEWER_VERSION');
    expect(error.message).toContain('更新版本');
    expect(error.message).toContain(String(LATEST_VERSION + 1));
    expect(error.message).toContain('升级');
    const after = snapshot(file);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    // no -wal or -shm, no backup, no migration
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(filesBefore);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(listBackups(file)).toEqual([]);
  });

  it('is refused when the newer version is only in the WAL (not yet checkpointed)', async () => {
    const t = await tempArchive();
    t.archive.close();
    // a newer app wrote its version into the WAL and then stopped: copy the file with its WAL
    // while that connection is still open, as a crash would leave them
    const raw = rawConnection(t.file);
    raw.pragma('wal_autocheckpoint = 0');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const dir = tempDir();
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(t.file, copy);
    fs.copyFileSync(`${t.file}-wal`, `${copy}-wal`);
    raw.close();
    expect(readHeader(copy)).toMatchObject({ userVersion: LATEST_VERSION });
    const before = fs.readFileSync(copy);
    const wal = fs.readFileSync(`${copy}-wal`);
    await apiErrorAsync(() => Archive.open(copy), 'NEWER_VERSION');
    // read without writing: the newer WAL was not checkpointed into the file
    expect(fs.readFileSync(copy).equals(before)).toBe(true);
    expect(fs.readFileSync(`${copy}-wal`).equals(wal)).toBe(true);
  });
});

describe('files that are not archives', () => {
  it("another program's SQLite database (application_id 0, with tables) → NOT_ARCHIVE, unchanged", async () => {
    const file = path.join(tempDir(), 'other.db');
    const db = new Database(file);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三');");
    db.close();
    const before = snapshot(file);
    const error = await apiErrorAsync(() => Archive.open(file), 'NOT_ARCHIVE');
    expect(error.message).toContain('不是年报档案库');
    const after = snapshot(file);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(readHeader(file)).toEqual({ userVersion: 0, applicationId: 0 });
  });

  it('a SQLite database with another application_id → NOT_ARCHIVE, unchanged', async () => {
    const file = path.join(tempDir(), 'other.db');
    const db = new Database(file);
    db.pragma('application_id = 0x12345678');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = snapshot(file);
    await apiErrorAsync(() => Archive.open(file), 'NOT_ARCHIVE');
    expect(snapshot(file).bytes.equals(before.bytes)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('another id even without tables → NOT_ARCHIVE', async () => {
    const file = path.join(tempDir(), 'other.db');
    const db = new Database(file);
    db.pragma('application_id = 7');
    db.close();
    await apiErrorAsync(() => Archive.open(file), 'NOT_ARCHIVE');
  });

  it('a file of random bytes → CORRUPT, with the recovery path (恢复), unchanged', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'archive.sqlite');
    let seed = 12345;
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    fs.writeFileSync(file, bytes);
    const error = await apiErrorAsync(() => Archive.open(file), 'CORRUPT');
    expect(error.message).toContain('恢复');
    expect(error.message).toContain('nianbao archive restore');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(filesIn(dir)).toEqual(['archive.sqlite']);
  });

  it('a folder, or a path below a plain file → FAILED with a message, nothing created', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'archive.sqlite');
    fs.mkdirSync(folder);
    const e1 = await apiErrorAsync(() => Archive.open(folder), 'FAILED');
    expect(e1.message).toContain('无法打开档案库');
    const plain = path.join(dir, 'plain.txt');
    fs.writeFileSync(plain, 'x');
    const e2 = await apiErrorAsync(
      () => Archive.open(path.join(plain, 'sub', 'a.sqlite')),
      'FAILED',
    );
    expect(e2.message).toContain('无法打开档案库');
    expect(filesIn(dir)).toEqual(['archive.sqlite', 'plain.txt']);
    expect(filesIn(folder)).toEqual([]);
  });

  it('a short text file → CORRUPT', async () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(file, '这不是数据库');
    const error = await apiErrorAsync(() => Archive.open(file), 'CORRUPT');
    expect(error.message).toContain('恢复');
  });

  it('a SQLite header followed by garbage → CORRUPT', async () => {
    const file = path.join(tempDir(), 'archive.sqlite');
    const bytes = Buffer.alloc(8192, 0xa5);
    bytes.write('SQLite format 3\0', 0, 'latin1');
    bytes.fill(0, 60, 72); // user_version 0, application_id 0: looks like a new database
    fs.writeFileSync(file, bytes);
    const error = await apiErrorAsync(() => Archive.open(file), 'CORRUPT');
    expect(error.message).toContain('恢复');
  });
});
