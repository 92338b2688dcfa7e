/**
 * A child process that writes to an archive file, for the crash and concurrency tests. It is
 * bundled by the tests (esbuild) and run with `node writer.mjs '<WriterConfig JSON>'`. It
 * prints one JSON line (WriterEvent) after each write has committed, never before, so every
 * line the parent reads is a promise that the change is in the file.
 *
 * Modes:
 *   crash       saves revisions and journal entries of one report, creates units and makes
 *               backups, in an endless loop (the parent kills it with SIGKILL)
 *   concurrent  waits for "go" on stdin, then saves `count` revisions of its own report and as
 *               many of a report shared with the other writers, creating a unit every tenth step
 *   hold        opens a raw connection, starts a write transaction, inserts a unit and never
 *               commits (the parent kills it)
 */
import Database from 'better-sqlite3';
import { ApiError } from '../../core/api';
import type { Unit } from '../../core/model';
import { Archive } from '../../db/archive';
import {
  backsUp,
  contentHash,
  createsUnit,
  crashUnitName,
  journalMarker,
  journalSeed,
  markedReport,
  mix,
  prng,
  saveMarker,
  saveSeed,
  type WriterConfig,
  type WriterEvent,
} from './shared';

function emit(event: WriterEvent): void {
  // stdout is a pipe: written synchronously on Linux, so a line written is a line the parent gets
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function crash(config: Extract<WriterConfig, { mode: 'crash' }>): Promise<never> {
  const { seed, round, year } = config;
  const archive = await Archive.open(config.file);
  const info = archive.unitByName(config.unitName) ?? archive.createUnit({ name: config.unitName });
  if (!info.years.includes(year))
    archive.createReport({ unitId: info.id, year, author: '崩溃测试' });
  const unit: Unit = { id: info.id, name: info.name, kind: info.kind };
  const opened = archive.openReport({ unitId: unit.id, year });
  if (opened.legacy) throw new Error('unexpected legacy report');
  emit({
    event: 'ready',
    unitId: unit.id,
    head: opened.revision,
    recovered: opened.recovered,
    hash: contentHash(opened.report),
  });
  for (let step = 0; ; step++) {
    const report = markedReport(unit, year, saveMarker(round, step), saveSeed(seed, round, step));
    const saved = archive.saveReport({
      unitId: unit.id,
      year,
      report,
      reason: 'save',
      author: '崩溃测试',
    });
    emit({
      event: 'saved',
      unitId: unit.id,
      year,
      step,
      revision: saved.revision,
      hash: contentHash(report),
    });
    const draft = markedReport(
      unit,
      year,
      journalMarker(round, step),
      journalSeed(seed, round, step),
    );
    archive.writeJournal({ unitId: unit.id, year, report: draft, author: '崩溃测试' });
    emit({ event: 'journal', step, hash: contentHash(draft) });
    if (step === config.pauseAfterJournal) {
      // the last write is a journal entry: stay (archive open, nothing closed) until killed
      await new Promise(() => setInterval(() => {}, 60_000));
    }
    if (createsUnit(step)) {
      const name = crashUnitName(round, step);
      const created = archive.createUnit({ name });
      emit({ event: 'unit', step, unitId: created.id, name });
    }
    if (backsUp(step)) {
      const backup = await archive.backup();
      emit({ event: 'backup', step, path: backup.path });
    }
  }
}

/** Retries a write refused with BUSY (as a person would: "请稍后再试"); counts the retries. */
let busyRetries = 0;
async function retryBusy<T>(write: () => T): Promise<T> {
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'BUSY') throw error;
      busyRetries++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** The unit with this name, created by whichever writer gets there first. */
async function ensureUnit(archive: Archive, name: string): Promise<Unit> {
  for (;;) {
    const found = archive.unitByName(name);
    if (found) return { id: found.id, name: found.name, kind: found.kind };
    try {
      const created = await retryBusy(() => archive.createUnit({ name }));
      return { id: created.id, name: created.name, kind: created.kind };
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'CONFLICT') throw error;
    }
  }
}

async function ensureReport(archive: Archive, unit: Unit, year: number): Promise<void> {
  try {
    await retryBusy(() => archive.createReport({ unitId: unit.id, year, author: '并发测试' }));
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CONFLICT') throw error;
  }
}

async function concurrent(config: Extract<WriterConfig, { mode: 'concurrent' }>): Promise<void> {
  const { year, tag, count, seed } = config;
  const tagCode = [...tag].reduce((h, c) => h * 31 + c.codePointAt(0)!, 7);
  const archive = await Archive.open(config.file, { busyTimeout: config.busyTimeout });
  const own = await ensureUnit(archive, config.ownUnit);
  await ensureReport(archive, own, year);
  const shared = await ensureUnit(archive, config.sharedUnit);
  await ensureReport(archive, shared, year);
  emit({ event: 'ready', unitId: own.id, head: 0, recovered: false, hash: '' });
  await new Promise<void>((resolve) => {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      if (chunk.includes('go')) resolve();
    });
  });
  process.stdin.pause();
  const pause = prng(mix(seed, tagCode));
  for (let step = 0; step < count; step++) {
    for (const [which, unit] of [
      [1, own],
      [2, shared],
    ] as const) {
      const report = markedReport(
        unit,
        year,
        `${tag}-${which}-${step}`,
        mix(seed, tagCode, step, which),
      );
      const saved = await retryBusy(() =>
        archive.saveReport({
          unitId: unit.id,
          year,
          report,
          reason: 'save',
          author: `并发测试 ${tag}`,
        }),
      );
      emit({
        event: 'saved',
        unitId: unit.id,
        year,
        step,
        revision: saved.revision,
        hash: contentHash(report),
      });
    }
    if (step % 10 === 0) {
      const name = `并发测试新单位-${tag}-${step}`;
      const created = await retryBusy(() => archive.createUnit({ name }));
      emit({ event: 'unit', step, unitId: created.id, name });
    }
    // a short random pause, as between a person's saves: lets the other writers in
    await new Promise((resolve) => setTimeout(resolve, Math.floor(pause() * 4)));
  }
  archive.close();
  emit({ event: 'done', busyRetries });
}

function hold(config: Extract<WriterConfig, { mode: 'hold' }>): void {
  const db = new Database(config.file);
  db.exec('BEGIN IMMEDIATE');
  db.prepare(
    "INSERT INTO units (id, name, kind, parent_id, merged_into, created_at) VALUES ('u-held', '未提交的单位', NULL, NULL, NULL, '2024-01-01T00:00:00Z')",
  ).run();
  emit({ event: 'holding' });
  // never commits: keeps the write lock until killed
  setInterval(() => {}, 60_000);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as WriterConfig;
  try {
    if (config.mode === 'crash') await crash(config);
    else if (config.mode === 'concurrent') await concurrent(config);
    else hold(config);
  } catch (error) {
    const code = error instanceof ApiError ? error.code : 'EXCEPTION';
    emit({ event: 'error', code, message: (error as Error)?.stack ?? String(error) });
    process.exitCode = 3;
  }
}

void main();
