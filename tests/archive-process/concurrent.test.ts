/**
 * A second process on the same archive file: two writer processes and the database worker of
 * this process write at the same time (each its own report, all of them one shared report,
 * units created meanwhile), starting together on a file that does not exist yet. Nothing any
 * of them reported may be missing, no revision number may be lost or given twice. And a
 * process that holds a write transaction longer than the busy timeout makes a write fail
 * with BUSY (a Chinese message), harmlessly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../core/api';
import type { ArchiveApi } from '../../electron/services/archive/methods';
import type { Report, Unit } from '../../core/model';
import { Archive } from '../../db/archive';
import { openArchiveWorker } from '../../electron/services/archive/client';
import { bundleWriter, isEvent, Writer } from './child';
import { contentHash, markedReport, mix, type WriterEvent } from './shared';

const YEAR = 2022;
const COUNT = 100;
const SHARED_UNIT = '并发测试共享单位';
const SEED = 7_1022;
const CHINESE = /[\u4e00-\u9fff]/u;

let dir: string;
let script: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-concurrent-'));
  script = await bundleWriter(dir);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Saved = Extract<WriterEvent, { event: 'saved' }>;

/** Retries a call refused with BUSY, as a person would ("请稍后再试"). */
async function retryBusy<T>(call: () => Promise<T>, counter: { busy: number }): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'BUSY') throw error;
      counter.busy++;
    }
  }
}

/** The unit with this name, created through the API unless another writer was first. */
async function ensureUnit(api: ArchiveApi, name: string, counter: { busy: number }) {
  for (;;) {
    const found = (await api.listUnits()).find((u) => u.name === name);
    if (found) return { id: found.id, name: found.name, kind: found.kind } satisfies Unit;
    try {
      const created = await retryBusy(() => api.createUnit({ name }), counter);
      return { id: created.id, name: created.name, kind: created.kind } satisfies Unit;
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'CONFLICT') throw error;
    }
  }
}

async function ensureReport(api: ArchiveApi, unit: Unit, counter: { busy: number }) {
  try {
    await retryBusy(() => api.createReport({ unitId: unit.id, year: YEAR }), counter);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CONFLICT') throw error;
  }
}

describe('two processes and the worker writing the same archive', () => {
  it('loses nothing and numbers every revision once', async () => {
    const file = path.join(dir, 'shared.sqlite');
    expect(fs.existsSync(file)).toBe(false);
    const tags = ['甲', '乙'];
    // all three open the file that does not exist yet at the same moment
    const writers = tags.map(
      (tag) =>
        new Writer(script, {
          mode: 'concurrent',
          file,
          seed: SEED,
          tag,
          count: COUNT,
          ownUnit: `并发测试单位-${tag}`,
          sharedUnit: SHARED_UNIT,
          year: YEAR,
          busyTimeout: 5000,
        }),
    );
    const connection = await openArchiveWorker(file);
    expect(connection.openError).toBeNull();
    const { api } = connection;
    const counter = { busy: 0 };
    const workerSaves: Saved[] = [];
    const workerUnits: { id: string; name: string }[] = [];
    try {
      const own = await ensureUnit(api, '并发测试单位-工作线程', counter);
      await ensureReport(api, own, counter);
      const shared = await ensureUnit(api, SHARED_UNIT, counter);
      await ensureReport(api, shared, counter);
      for (const w of writers) await w.waitFor(isEvent('ready'));
      for (const w of writers) w.send('go\n');

      const save = async (unit: Unit, step: number, which: number) => {
        const report: Report = markedReport(
          unit,
          YEAR,
          `工作线程-${which}-${step}`,
          mix(SEED, step, which),
        );
        const result = await retryBusy(
          () =>
            api.saveReport({ unitId: unit.id, year: YEAR, report, author: '并发测试 工作线程' }),
          counter,
        );
        expect(result.created).toBe(true);
        workerSaves.push({
          event: 'saved',
          unitId: unit.id,
          year: YEAR,
          step,
          revision: result.revision,
          hash: contentHash(report),
        });
      };
      for (let step = 0; step < COUNT; step++) {
        await save(own, step, 1);
        await save(shared, step, 2);
        if (step % 25 === 0) {
          const name = `并发测试新单位-工作线程-${step}`;
          const created = await retryBusy(() => api.createUnit({ name }), counter);
          workerUnits.push({ id: created.id, name });
        }
      }
    } finally {
      await connection.close();
    }
    for (const w of writers) {
      const exit = await w.exited;
      expect(exit, `writer exit\n${w.diagnostics}`).toEqual({ code: 0, signal: null });
      expect(w.events.at(-1)?.event, w.diagnostics).toBe('done');
    }

    const archive = await Archive.open(file);
    try {
      expect(archive.verify()).toMatchObject({ ok: true, problems: [] });
      const units = archive.listUnits();
      // the race to create the shared unit and report made exactly one of each
      expect(units.filter((u) => u.name === SHARED_UNIT)).toHaveLength(1);
      const sharedUnit = units.find((u) => u.name === SHARED_UNIT)!;
      expect(sharedUnit.years).toEqual([YEAR]);

      const reported = [
        ...writers.map((w, i) => ({
          author: `并发测试 ${tags[i]}`,
          saves: w.events.filter(isEvent('saved')),
          units: w.events.filter(isEvent('unit')).map((e) => ({ id: e.unitId, name: e.name })),
        })),
        { author: '并发测试 工作线程', saves: workerSaves, units: workerUnits },
      ];
      const expectedUnits = 1 + reported.length + reported.reduce((n, r) => n + r.units.length, 0);
      expect(units).toHaveLength(expectedUnits);
      for (const r of reported) {
        expect(r.saves).toHaveLength(2 * COUNT);
        for (const u of r.units) {
          expect(units.find((x) => x.id === u.id)?.name).toBe(u.name);
        }
      }

      /** Every revision of a report: numbers exactly 1…n, each reported one with its content. */
      const checkReport = (unitId: string, saves: (Saved & { author: string })[]) => {
        const history = archive.history({ unitId, year: YEAR });
        const numbers = saves.map((s) => s.revision).sort((a, b) => a - b);
        // no number given twice, none lost: 2…n are exactly the reported saves (1 is 'create')
        expect(numbers).toEqual(Array.from({ length: saves.length }, (_, i) => i + 2));
        expect(history.map((h) => h.revision)).toEqual(
          Array.from({ length: saves.length + 1 }, (_, i) => saves.length + 1 - i),
        );
        expect(history.at(-1)?.reason).toBe('create');
        for (const s of saves) {
          const content = archive.openRevision({ unitId, year: YEAR, revision: s.revision });
          expect(!content.legacy && contentHash(content.report), `revision ${s.revision}`).toBe(
            s.hash,
          );
          expect(history.find((h) => h.revision === s.revision)?.author).toBe(s.author);
        }
        return history;
      };

      for (const r of reported) {
        const ownUnit = r.saves.find((s) => s.unitId !== sharedUnit.id)!.unitId;
        checkReport(
          ownUnit,
          r.saves.filter((s) => s.unitId === ownUnit).map((s) => ({ ...s, author: r.author })),
        );
      }
      const sharedHistory = checkReport(
        sharedUnit.id,
        reported.flatMap((r) =>
          r.saves
            .filter((s) => s.unitId === sharedUnit.id)
            .map((s) => ({ ...s, author: r.author })),
        ),
      );
      expect(sharedHistory).toHaveLength(1 + reported.length * COUNT);
      const switches = sharedHistory.filter(
        (h, i) => i > 0 && h.author !== sharedHistory[i - 1]!.author,
      ).length;
      const done = writers.map((w) => w.events.find(isEvent('done'))!.busyRetries);
      console.log(
        `concurrent: shared report ${sharedHistory.length} revisions, the writer changed ${switches} times; ` +
          `BUSY retries: processes ${done.join(', ')}, worker ${counter.busy}`,
      );
    } finally {
      archive.close();
    }
  }, 120_000);
});

describe('a write transaction held longer than the busy timeout', () => {
  const setup = async (name: string) => {
    const file = path.join(dir, name);
    const archive = await Archive.open(file, { busyTimeout: 200 });
    const unit = archive.createUnit({ name: '忙碌测试单位' });
    const opened = archive.createReport({ unitId: unit.id, year: 2023, author: '测试' });
    if (opened.legacy) throw new Error('legacy');
    return { file, archive, unit, report: opened.report };
  };

  const expectBusy = (write: () => unknown) => {
    let caught: unknown;
    try {
      write();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('BUSY');
    expect((caught as ApiError).message).toMatch(CHINESE);
  };

  it('makes a write fail with BUSY and a Chinese message, and corrupts nothing', async () => {
    const { file, archive, unit, report } = await setup('busy.sqlite');
    try {
      const raw = new Database(file);
      raw.exec('BEGIN IMMEDIATE');
      raw
        .prepare(
          "INSERT INTO units (id, name, kind, parent_id, merged_into, created_at) VALUES ('u-raw', '未提交的单位', NULL, NULL, NULL, '2024-01-01T00:00:00Z')",
        )
        .run();
      const changed = { ...report, title: `${report.title}（已修改）` };
      expectBusy(() =>
        archive.saveReport({
          unitId: unit.id,
          year: 2023,
          report: changed,
          reason: 'save',
          author: '测试',
        }),
      );
      expectBusy(() =>
        archive.writeJournal({ unitId: unit.id, year: 2023, report: changed, author: '测试' }),
      );
      expectBusy(() => archive.createUnit({ name: '另一个单位' }));
      // reading goes on meanwhile (WAL: readers do not wait for the writer)
      expect(archive.openReport({ unitId: unit.id, year: 2023 }).revision).toBe(1);
      expect(archive.listUnits().map((u) => u.name)).toEqual(['忙碌测试单位']);

      raw.exec('ROLLBACK');
      raw.close();
      // the refused writes left nothing; the next one gets the next number
      expect(archive.history({ unitId: unit.id, year: 2023 }).map((h) => h.revision)).toEqual([1]);
      expect(
        archive.saveReport({
          unitId: unit.id,
          year: 2023,
          report: changed,
          reason: 'save',
          author: '测试',
        }),
      ).toEqual({
        revision: 2,
        created: true,
      });
      expect(archive.listUnits().map((u) => u.id)).not.toContain('u-raw');
      expect(archive.verify()).toMatchObject({ ok: true, problems: [] });
    } finally {
      archive.close();
    }
  });

  it('recovers when the process holding the transaction is killed', async () => {
    const { file, archive, unit, report } = await setup('held.sqlite');
    try {
      const holder = new Writer(script, { mode: 'hold', file });
      await holder.waitFor(isEvent('holding'));
      const changed = { ...report, title: `${report.title}（第二版）` };
      expectBusy(() =>
        archive.saveReport({
          unitId: unit.id,
          year: 2023,
          report: changed,
          reason: 'save',
          author: '测试',
        }),
      );
      holder.kill();
      expect((await holder.exited).signal, holder.diagnostics).toBe('SIGKILL');

      expect(
        archive.saveReport({
          unitId: unit.id,
          year: 2023,
          report: changed,
          reason: 'save',
          author: '测试',
        }),
      ).toEqual({
        revision: 2,
        created: true,
      });
      expect(archive.listUnits().map((u) => u.id)).not.toContain('u-held');
      expect(archive.verify()).toMatchObject({ ok: true, problems: [] });
    } finally {
      archive.close();
    }
    // and a fresh open of the file (as after a restart) finds it intact
    const again = await Archive.open(file);
    try {
      expect(again.verify().ok).toBe(true);
      expect(again.history({ unitId: unit.id, year: 2023 }).map((h) => h.revision)).toEqual([2, 1]);
    } finally {
      again.close();
    }
  });
});
