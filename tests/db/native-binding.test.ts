// NIANBAO_SQLITE_BINDING (db/sqlite.ts): the better-sqlite3 native module every connection of
// db/ loads. `npm start` sets it to a build for Electron (electron/native.mjs); here, in Node,
// it names Node's own build, or a copy of it under another path so that the test can see which
// file was loaded. A missing or unloadable file is a Chinese ApiError, before anything is created.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blankReport } from '../../core/model';
import { Archive } from '../../db/archive';
import { checkBackupFile } from '../../db/backup';
import { SQLITE_BINDING_ENV, openDatabase, sqliteBinding } from '../../db/sqlite';
import { openArchiveWorker, type ArchiveConnection } from '../../electron/services/archive/client';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { apiErrorAsync, snapshot, tempArchive, tempDir } from '../helpers/archive';
import { ROOT } from '../helpers/paths';

const NODE_BUILD = path.join(
  ROOT,
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
const nodeRequire = createRequire(import.meta.url);

let before: string | undefined;
beforeEach(() => {
  before = process.env[SQLITE_BINDING_ENV];
  delete process.env[SQLITE_BINDING_ENV];
});
afterEach(() => {
  if (before === undefined) delete process.env[SQLITE_BINDING_ENV];
  else process.env[SQLITE_BINDING_ENV] = before;
});

function useBinding(file: string): void {
  process.env[SQLITE_BINDING_ENV] = file;
}

/** Node's build copied under a new path: only a connection that honours the variable loads it. */
function copyOfNodeBuild(): string {
  const copy = path.join(tempDir('nianbao-binding-'), 'better_sqlite3.node');
  fs.copyFileSync(NODE_BUILD, copy);
  return copy;
}

/** The native addon whose Database class made this connection's native half. */
function addonClassOf(db: Database.Database): unknown {
  const inner = Object.getOwnPropertySymbols(db)
    .map((s) => (db as unknown as Record<symbol, unknown>)[s])
    .find((v) => typeof v === 'object' && v !== null);
  return (inner as object).constructor;
}

/** Whether this process (any thread) has mapped that shared library (Linux only). */
function mapped(file: string): boolean | null {
  if (process.platform !== 'linux') return null;
  return fs.readFileSync('/proc/self/maps', 'utf8').includes(file);
}

async function useArchive(connection: ArchiveConnection, to: string): Promise<void> {
  const { api, openError } = connection;
  expect(openError).toBeNull();
  const unit = await api.createUnit({ name: '本机模块测试局', kind: '部门' });
  await api.createReport({ unitId: unit.id, year: 2024, author: '张三' });
  const report = blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, 2024);
  expect(
    await api.saveReport({
      unitId: unit.id,
      year: 2024,
      report: { ...report, opening: [{ level: 0, text: '本年度政府信息公开工作扎实推进。' }] },
      author: '张三',
    }),
  ).toEqual({ revision: 2, created: true });
  expect((await api.search({ query: '扎实推进' })).hits.map((h) => h.unitId)).toEqual([unit.id]);
  expect(await api.backup({ to })).toMatchObject({ path: to, reason: 'manual' });
  expect(await api.verify()).toMatchObject({ ok: true, problems: [] });
  expect(await api.archiveInfo()).toMatchObject({ units: 1, reports: 1 });
}

describe('without NIANBAO_SQLITE_BINDING', () => {
  it('better-sqlite3 loads its own build, as before', () => {
    expect(sqliteBinding({})).toBeUndefined();
    expect(sqliteBinding({ [SQLITE_BINDING_ENV]: '' })).toBeUndefined();
    const db = openDatabase(':memory:');
    try {
      expect(addonClassOf(db)).toBe((nodeRequire(NODE_BUILD) as { Database: unknown }).Database);
    } finally {
      db.close();
    }
  });
});

describe('NIANBAO_SQLITE_BINDING names the native module', () => {
  it('every connection loads the module it names', () => {
    const copy = copyOfNodeBuild();
    useBinding(copy);
    expect(sqliteBinding()).toBe(copy);
    const db = openDatabase(':memory:');
    try {
      const own = (nodeRequire(copy) as { Database: unknown }).Database;
      expect(addonClassOf(db)).toBe(own);
      expect(addonClassOf(db)).not.toBe(
        (nodeRequire(NODE_BUILD) as { Database: unknown }).Database,
      );
      expect(db.prepare('SELECT 6 * 7 AS n').get()).toEqual({ n: 42 });
    } finally {
      db.close();
    }
  });

  it('an archive opens and works in this process (Node’s own build named)', async () => {
    useBinding(NODE_BUILD);
    const dir = tempDir();
    const connection = await openArchiveInProcess(path.join(dir, 'archive.sqlite'));
    try {
      await useArchive(connection, path.join(dir, 'backup.sqlite'));
    } finally {
      await connection.close();
    }
    expect(checkBackupFile(path.join(dir, 'backup.sqlite')).version).toBeGreaterThan(0);
    const again = await Archive.open(path.join(dir, 'archive.sqlite'), { create: false });
    try {
      expect(again.listUnits().map((u) => u.name)).toEqual(['本机模块测试局']);
    } finally {
      again.close();
    }
  });

  it('the database worker inherits the variable, loads that module and works', async () => {
    const copy = copyOfNodeBuild();
    useBinding(copy);
    expect(mapped(copy)).not.toBe(true); // this thread has not loaded it
    const dir = tempDir();
    const connection = await openArchiveWorker(path.join(dir, 'archive.sqlite'));
    try {
      await useArchive(connection, path.join(dir, 'backup.sqlite'));
      // the worker thread (same process) loaded the copy
      expect(mapped(copy)).not.toBe(false);
    } finally {
      await connection.close();
    }
    expect(fs.existsSync(path.join(dir, 'backup.sqlite'))).toBe(true);
  });
});

describe('a module that is not there or cannot be loaded', () => {
  it('refuses to open, naming the file, and creates nothing', async () => {
    const dir = tempDir();
    const bogus = path.join(dir, 'nowhere', 'better_sqlite3.node');
    useBinding(bogus);
    const target = path.join(dir, 'new', 'archive.sqlite');
    const error = await apiErrorAsync(() => Archive.open(target), 'FAILED');
    expect(error.message).toContain(`找不到 SQLite 本机模块“${bogus}”`);
    expect(error.message).toContain(SQLITE_BINDING_ENV);

    for (const open of [openArchiveWorker, openArchiveInProcess]) {
      const connection = await open(target);
      try {
        expect(connection.openError?.code).toBe('FAILED');
        expect(connection.openError?.message).toContain(`找不到 SQLite 本机模块“${bogus}”`);
      } finally {
        await connection.close();
      }
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves an existing archive untouched', async () => {
    const t = await tempArchive();
    t.archive.createUnit({ name: '既有单位' });
    t.archive.close();
    const files = fs.readdirSync(t.dir).sort();
    const before = snapshot(t.file);
    useBinding(path.join(t.dir, 'missing.node'));
    const error = await apiErrorAsync(() => Archive.open(t.file), 'FAILED');
    expect(error.message).toContain(path.join(t.dir, 'missing.node'));
    expect(snapshot(t.file)).toEqual(before);
    expect(fs.readdirSync(t.dir).sort()).toEqual(files);
  });

  it('a file that is no module for this Node is refused with the loader’s reason', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'better_sqlite3.node');
    fs.writeFileSync(fake, 'not a shared library');
    useBinding(fake);
    const error = await apiErrorAsync(() => Archive.open(path.join(dir, 'a.sqlite')), 'FAILED');
    expect(error.message).toContain(`无法加载 SQLite 本机模块“${fake}”`);
    expect(fs.readdirSync(dir)).toEqual(['better_sqlite3.node']);

    // not a .node file, or a folder: not there
    const other = path.join(dir, 'better_sqlite3.so');
    fs.writeFileSync(other, '');
    for (const file of [other, dir]) {
      useBinding(file);
      const e = await apiErrorAsync(() => Archive.open(path.join(dir, 'a.sqlite')), 'FAILED');
      expect(e.message).toContain(`找不到 SQLite 本机模块“${file}”`);
    }
  });

  it('checking a backup says the module is missing, not that the backup is damaged', async () => {
    const t = await tempArchive();
    t.archive.createUnit({ name: '备份单位' });
    const backup = await t.archive.backup({ to: path.join(t.dir, 'copy.sqlite') });
    expect(checkBackupFile(backup.path).version).toBeGreaterThan(0);
    const missing = path.join(t.dir, 'gone', 'better_sqlite3.node');
    useBinding(missing);
    let thrown: unknown;
    try {
      checkBackupFile(backup.path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'FAILED' });
    expect((thrown as Error).message).toContain(missing);
  });
});
