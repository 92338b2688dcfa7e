/**
 * The crash test: a child process writes to the archive in a loop (revisions, journal entries,
 * new units) and is killed with SIGKILL at random moments, many times, on the same file. After
 * the kills the archive must pass its integrity check and hold every change the child reported
 * committed — and nothing else but, at most, the one write that was under way (committed but
 * not yet reported when the kill came). The random choices come from a seeded PRNG: the seed
 * is in every assertion message (rerun with NIANBAO_CRASH_SEED=<seed>).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unit } from '../../core/model';
import { Archive } from '../../db/archive';
import { bundleWriter, isEvent, sleep, Writer } from './child';
import { checkBackupFile, listBackups } from '../../db/backup';
import {
  backsUp,
  CRASH_UNIT_PREFIX,
  contentHash,
  crashUnitName,
  createsUnit,
  journalMarker,
  journalSeed,
  markedReport,
  prng,
  saveMarker,
  saveSeed,
  type WriterEvent,
} from './shared';

const BASE_SEED = Number(process.env.NIANBAO_CRASH_SEED ?? 20_240_611) >>> 0;
/** Kills per batch; batches run one after the other, each on its own file and seed. */
const ROUNDS = Number(process.env.NIANBAO_CRASH_ROUNDS ?? 25);
const BATCHES = Number(process.env.NIANBAO_CRASH_BATCHES ?? 8);
/** The figures over every batch, printed at the end. */
const totals = { batches: 0, kills: 0, acknowledged: 0, lost: 0, corrupted: 0 };
const YEAR = 2023;
const UNIT = '崩溃测试单位';

/** The state of the report the writer edits: its newest revision and its journal entry. */
interface ReportState {
  readonly head: number;
  readonly headHash: string;
  readonly journalHash: string | null;
}

/** The write a writer does after its last reported event (the one a kill may have cut). */
type NextWrite =
  | { readonly kind: 'save'; readonly step: number }
  | { readonly kind: 'journal'; readonly step: number }
  | { readonly kind: 'unit'; readonly step: number }
  | { readonly kind: 'backup'; readonly step: number };

function nextWrite(last: WriterEvent | undefined): NextWrite {
  if (!last || last.event === 'ready') return { kind: 'save', step: 0 };
  const step = (last as { step: number }).step;
  // a step: save, journal, then maybe a new unit, then maybe a backup
  const order = ['save', 'journal', 'unit', 'backup'] as const;
  const done = { saved: 0, journal: 1, unit: 2, backup: 3 }[last.event as string];
  if (done === undefined) throw new Error(`unexpected event ${JSON.stringify(last)}`);
  for (const kind of order.slice(done + 1)) {
    if (kind === 'journal') return { kind, step };
    if (kind === 'unit' && createsUnit(step)) return { kind, step };
    if (kind === 'backup' && backsUp(step)) return { kind, step };
  }
  return { kind: 'save', step: step + 1 };
}

let dir: string;
let script: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-crash-'));
  script = await bundleWriter(dir);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One batch: ROUNDS kills of a writer on one file (seed BASE_SEED + batch). */
async function crashBatch(batch: number): Promise<void> {
  {
    const SEED = (BASE_SEED + batch) >>> 0;
    const file = path.join(dir, `crash-${batch}.sqlite`);
    const rand = prng(SEED);
    const where = (round: number) =>
      `seed ${SEED}, round ${round} (rerun: NIANBAO_CRASH_SEED=${BASE_SEED}, batch ${batch})`;

    let unit: Unit | null = null;
    /** The states the file may be in after the last kill (the reported one, or one write on). */
    let candidates: ReportState[] = [];
    /** Every revision known to be committed: number → content hash. */
    const revisions = new Map<number, string>();
    /** Units the writer reported created: id → name. */
    const units = new Map<string, string>();
    /** Names of units whose creation a kill cut: each may exist, at most once. */
    const maybeUnits = new Set<string>();
    /** Backups the writer reported made. */
    const backups = new Set<string>();
    const stats = { kills: 0, early: 0, verified: 0, events: 0, cutWriteCommitted: 0 };

    const expected = (round: number, write: NextWrite) => {
      const marker =
        write.kind === 'save' ? saveMarker(round, write.step) : journalMarker(round, write.step);
      const seed =
        write.kind === 'save'
          ? saveSeed(SEED, round, write.step)
          : journalSeed(SEED, round, write.step);
      return contentHash(markedReport(unit!, YEAR, marker, seed));
    };

    /**
     * Opens the archive here, proves it intact and complete; returns the state found (null
     * before any writer got ready: then nothing was written but the unit and the blank report).
     */
    const verify = async (round: number): Promise<ReportState | null> => {
      // every file under a backup's name is a complete, intact archive (a kill during a backup
      // leaves at most a .partial file), and every backup reported made is there
      const listed = listBackups(file).map((b) => b.path);
      for (const b of backups) expect(listed, `backup ${b}, ${where(round)}`).toContain(b);
      for (const b of listed) {
        expect(() => checkBackupFile(b), `backup ${b}, ${where(round)}`).not.toThrow();
      }
      const archive = await Archive.open(file);
      try {
        const check = archive.verify();
        expect(check, `verify() after the kill, ${where(round)}`).toMatchObject({
          ok: true,
          problems: [],
        });
        if (!unit) {
          const units = archive.listUnits();
          expect(
            units.every((u) => u.name === UNIT),
            `only the writer's own unit, ${where(round)}`,
          ).toBe(true);
          expect(units.length).toBeLessThanOrEqual(1);
          stats.verified++;
          return null;
        }
        const opened = archive.openReport({ unitId: unit!.id, year: YEAR });
        if (opened.legacy) throw new Error('legacy');
        const head = archive.openRevision({
          unitId: unit!.id,
          year: YEAR,
          revision: opened.revision,
        });
        if (head.legacy) throw new Error('legacy');
        // revision numbers: exactly 1…head, none lost, none twice
        const numbers = archive.history({ unitId: unit!.id, year: YEAR }).map((h) => h.revision);
        expect(numbers, `revision numbers, ${where(round)}`).toEqual(
          Array.from({ length: opened.revision }, (_, i) => opened.revision - i),
        );
        // every revision reported committed holds exactly what was saved
        for (const [number, hash] of revisions) {
          let content;
          try {
            content = archive.openRevision({ unitId: unit!.id, year: YEAR, revision: number });
          } catch (error) {
            expect.fail(
              `revision ${number} was reported committed but is missing (${(error as Error).message}), ${where(round)}`,
            );
          }
          expect(
            !content.legacy && contentHash(content.report),
            `revision ${number}, ${where(round)}`,
          ).toBe(hash);
        }
        // every unit reported created, and no other but a cut creation
        const found = archive.listUnits().filter((u) => u.name.startsWith(CRASH_UNIT_PREFIX));
        for (const [id, name] of units) {
          expect(
            found.find((u) => u.id === id)?.name,
            `unit ${name} (${id}), ${where(round)}`,
          ).toBe(name);
        }
        const extra = found.filter((u) => !units.has(u.id)).map((u) => u.name);
        expect(new Set(extra).size, `duplicate cut unit, ${where(round)}`).toBe(extra.length);
        for (const name of extra) {
          expect(maybeUnits.has(name), `unexpected unit ${name}, ${where(round)}`).toBe(true);
        }
        stats.verified++;
        return {
          head: opened.revision,
          headHash: contentHash(head.report),
          journalHash: opened.recovered ? contentHash(opened.report) : null,
        };
      } finally {
        archive.close();
      }
    };

    /** The one candidate state that matches what was found (the found one must be allowed). */
    const settle = (
      round: number,
      found: { head: number; recovered: boolean; hash: string; headHash?: string },
      what: string,
    ): ReportState => {
      const match = candidates.find(
        (c) =>
          c.head === found.head &&
          (found.recovered
            ? c.journalHash === found.hash
            : c.journalHash === null && c.headHash === found.hash) &&
          (found.headHash === undefined || c.headHash === found.headHash),
      );
      expect(
        match,
        `${what}: the archive is neither in the last reported state nor one write on, ${where(round)}\n` +
          `found ${JSON.stringify(found)}\nallowed ${JSON.stringify(candidates)}`,
      ).toBeDefined();
      if (match !== candidates[0]) stats.cutWriteCommitted++;
      if (!revisions.has(match!.head)) revisions.set(match!.head, match!.headHash);
      return match!;
    };

    for (let round = 1; round <= ROUNDS; round++) {
      // now and then the kill comes early: while the writer opens the file (WAL recovery,
      // quick_check) or right after; otherwise 50–400 ms after it started writing
      const early = rand() < 0.2;
      const delay = early ? Math.floor(rand() * 300) : 50 + Math.floor(rand() * 350);
      const verifyAfter = round === ROUNDS || rand() < 0.5;

      const writer = new Writer(script, {
        mode: 'crash',
        file,
        seed: SEED,
        round,
        unitName: UNIT,
        year: YEAR,
      });
      if (!early) await writer.waitFor(isEvent('ready'));
      await sleep(delay);
      writer.kill();
      const exit = await writer.exited;
      expect(exit.signal, `the writer died by itself, ${where(round)}\n${writer.diagnostics}`).toBe(
        'SIGKILL',
      );
      stats.kills++;
      if (early) stats.early++;

      const events = writer.events;
      stats.events += events.length;
      const ready = events.find(isEvent('ready'));
      // killed before it was ready, a writer wrote nothing but (the first time) the unit and
      // its blank report: the state the next writer reports on opening
      if (ready) {
        if (!unit) {
          unit = { id: ready.unitId, name: UNIT, kind: null };
          candidates = [{ head: ready.head, headHash: ready.hash, journalHash: null }];
          revisions.set(ready.head, ready.hash);
        }
        expect(ready.unitId, where(round)).toBe(unit.id);
        // what the writer found on opening is the last state, or one write on (its own recovery
        // of the WAL the previous kill left, when this test did not open the file in between)
        let state = settle(round, ready, 'on opening');
        for (const e of events) {
          if (e.event === 'saved') {
            expect(e.revision, `revision after ${state.head}, ${where(round)}`).toBe(
              state.head + 1,
            );
            expect(e.hash, where(round)).toBe(expected(round, { kind: 'save', step: e.step }));
            revisions.set(e.revision, e.hash);
            state = { head: e.revision, headHash: e.hash, journalHash: null };
          } else if (e.event === 'journal') {
            expect(e.hash, where(round)).toBe(expected(round, { kind: 'journal', step: e.step }));
            state = { ...state, journalHash: e.hash };
          } else if (e.event === 'unit') {
            expect(e.name).toBe(crashUnitName(round, e.step));
            units.set(e.unitId, e.name);
          } else if (e.event === 'backup') {
            backups.add(e.path);
          }
        }
        // the write under way when the kill came may or may not have committed
        const cut = nextWrite(events.at(-1));
        const after: ReportState =
          cut.kind === 'save'
            ? { head: state.head + 1, headHash: expected(round, cut), journalHash: null }
            : cut.kind === 'journal'
              ? { ...state, journalHash: expected(round, cut) }
              : state;
        if (cut.kind === 'unit') maybeUnits.add(crashUnitName(round, cut.step));
        candidates = after === state ? [state] : [state, after];
      }

      const found = verifyAfter ? await verify(round) : null;
      if (found) {
        candidates = [
          settle(
            round,
            {
              head: found.head,
              recovered: found.journalHash !== null,
              hash: found.journalHash ?? found.headHash,
              headHash: found.headHash,
            },
            'after the kill',
          ),
        ];
      }
    }

    // Deterministically, a last journal entry survives a kill: the writer stops after it.
    const writer = new Writer(script, {
      mode: 'crash',
      file,
      seed: SEED,
      round: ROUNDS + 1,
      unitName: UNIT,
      year: YEAR,
      pauseAfterJournal: 2,
    });
    const { unitId } = await writer.waitFor(isEvent('ready'));
    const journal = await writer.waitFor(
      (e): e is Extract<WriterEvent, { event: 'journal' }> => e.event === 'journal' && e.step === 2,
    );
    writer.kill();
    expect((await writer.exited).signal, writer.diagnostics).toBe('SIGKILL');
    const saves = writer.events.filter(isEvent('saved'));
    const archive = await Archive.open(file);
    try {
      expect(archive.verify().ok, `seed ${SEED}`).toBe(true);
      const opened = archive.openReport({ unitId, year: YEAR });
      expect(opened.legacy).toBe(false);
      if (opened.legacy) return;
      expect(opened.recovered, `the journal entry is recovered, seed ${SEED}`).toBe(true);
      expect(contentHash(opened.report)).toBe(journal.hash);
      expect(opened.report.opening[0]?.text).toBe(`写入标记 ${journalMarker(ROUNDS + 1, 2)}`);
      expect(opened.revision).toBe(saves.at(-1)!.revision);
      const pending = archive.listYears({ unitId }).find((y) => y.year === YEAR);
      expect(pending?.pending).toBe(true);
    } finally {
      archive.close();
    }

    console.log(
      `crash test: seed ${SEED}, ${stats.kills} kills (${stats.early} early), ` +
        `${stats.events} events, ${revisions.size} revisions, ${units.size} units, ${backups.size} backups, ` +
        `${stats.verified} checks by this process, ${stats.cutWriteCommitted} cut writes found committed`,
    );
    // every assertion above held: no reported write lost, verify() ok after the kills
    totals.batches++;
    totals.kills += stats.kills;
    totals.acknowledged += stats.events;
  }
}

describe('crash: SIGKILL at random moments while writing', () => {
  for (let batch = 0; batch < BATCHES; batch++) {
    it(
      `keeps the archive intact and every reported write (batch ${batch + 1} of ${BATCHES}, ${ROUNDS} kills of one file)`,
      () => crashBatch(batch),
      120_000,
    );
  }
});

afterAll(() => {
  console.log(
    `crash test totals: ${totals.batches} batches, ${totals.kills} kills, ${totals.acknowledged} acknowledged writes, ` +
      `${totals.lost} lost, ${totals.corrupted} corrupted`,
  );
});
