/**
 * What the archive process tests and their child processes (writer.ts) share: a seeded PRNG,
 * the reports the writers save (a pure function of seed, round and step, so the parent can
 * compute what an unreported write would have stored), and a hash of a report's content that
 * does not depend on key order.
 */
import { createHash } from 'node:crypto';
import { blankReport, type Report, type Unit } from '../../core/model';
import { random as prng } from '../helpers/random';

export { prng };

/** One seed from several integers (for a PRNG per round and step). */
export function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return h >>> 0;
}

/** JSON with object keys sorted, so that equal content gives equal text whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

/** SHA-256 of a report's content (key order ignored). */
export function contentHash(report: Report): string {
  return createHash('sha256').update(stableJson(report)).digest('hex');
}

const FILLER =
  '本机关认真贯彻落实政府信息公开条例，主动公开政府信息，依法办理政府信息公开申请，不断提升政务公开质量。';

/**
 * The report a writer saves at one step: a blank report of the unit and year whose title and
 * opening carry `marker`, with opening paragraphs of random length (0 to ~12,000 characters,
 * so that some revisions fit in a page and others need overflow pages). Already canonical: the
 * archive's unit id, `finalised: null`, as the archive stores it.
 */
export function markedReport(unit: Unit, year: number, marker: string, seed: number): Report {
  const rand = prng(seed);
  const base = blankReport(unit, year);
  const paragraphs = 1 + Math.floor(rand() * 3);
  const opening = [{ level: 0, text: `写入标记 ${marker}` }];
  for (let p = 0; p < paragraphs; p++) {
    const length = Math.floor(rand() * rand() * 12_000);
    const start = Math.floor(rand() * FILLER.length);
    let text = '';
    while (text.length < length + start) text += FILLER;
    opening.push({ level: 0, text: `${marker}：${text.slice(start, start + length)}` });
  }
  return { ...base, title: `${base.title}（${marker}）`, opening };
}

/** Messages a writer prints, one JSON object a line, each after its write has committed. */
export type WriterEvent =
  | {
      readonly event: 'ready';
      readonly unitId: string;
      /** What the writer found on opening (crash mode). */
      readonly head: number;
      readonly recovered: boolean;
      readonly hash: string;
    }
  | {
      readonly event: 'saved';
      readonly unitId: string;
      readonly year: number;
      readonly step: number;
      readonly revision: number;
      readonly hash: string;
    }
  | { readonly event: 'journal'; readonly step: number; readonly hash: string }
  | {
      readonly event: 'unit';
      readonly step: number;
      readonly unitId: string;
      readonly name: string;
    }
  | { readonly event: 'backup'; readonly step: number; readonly path: string }
  | { readonly event: 'holding' }
  | { readonly event: 'done'; readonly busyRetries: number }
  | { readonly event: 'error'; readonly code: string; readonly message: string };

/** What a writer is told to do (argv[2], JSON). */
export type WriterConfig =
  | {
      readonly mode: 'crash';
      readonly file: string;
      readonly seed: number;
      readonly round: number;
      readonly unitName: string;
      readonly year: number;
      /** Stop writing (and wait to be killed) after the journal entry of this step. */
      readonly pauseAfterJournal?: number;
    }
  | {
      readonly mode: 'concurrent';
      readonly file: string;
      readonly seed: number;
      readonly tag: string;
      readonly count: number;
      readonly ownUnit: string;
      readonly sharedUnit: string;
      readonly year: number;
      readonly busyTimeout: number;
    }
  | { readonly mode: 'hold'; readonly file: string };

/** The name of the unit a crash writer creates at a step (every fourth step creates one). */
export function crashUnitName(round: number, step: number): string {
  return `崩溃测试新单位-${round}-${step}`;
}
export const CRASH_UNIT_PREFIX = '崩溃测试新单位-';
export const createsUnit = (step: number): boolean => step % 4 === 3;
/** Every fifth step a crash writer also makes a backup (into the archive's backup folder). */
export const backsUp = (step: number): boolean => step % 5 === 4;

/** Seeds of a crash writer's step: the saved report and the journal entry. */
export const saveSeed = (seed: number, round: number, step: number) => mix(seed, round, step, 1);
export const journalSeed = (seed: number, round: number, step: number) => mix(seed, round, step, 2);
export const saveMarker = (round: number, step: number) => `第${round}轮-保存${step}`;
export const journalMarker = (round: number, step: number) => `第${round}轮-草稿${step}`;
