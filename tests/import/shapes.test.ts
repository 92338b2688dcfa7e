// Import of every shape a report is found in (issue 11, item 2): a balanced report rendered into
// each shape, with shuffles on top, imports with every table cell either right or blank — and
// every blank reported — never a wrong value. The share of cells read right is measured per
// shape, printed once per run and held to the minimums in tests/fixtures/shapes/minimums.json.
//
//   npx vitest run tests/import/shapes.test.ts                  40 cases per shape, fixed seed
//   SHAPES_RUNS=500 npx vitest run tests/import/shapes.test.ts  a long run
//   SHAPES_SEED=123 …                                           another seed (printed every run)
//   SHAPES_ONLY=pipe-md,one-line …                              some shapes only
//   SHAPES_UPDATE_MINIMUMS=1 …                                  raise minimums.json to this run's
//                                                               figures (never lowers one; clears
//                                                               knownWrong for a shape without wrongs)
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SHAPES,
  caseArbitrary,
  runCase,
  type ShapeCase,
  type ShapeDef,
} from '../fixtures/shapes/index';
import { FIXTURES } from '../helpers/paths';

const DEFAULT_RUNS = 40;
const DEFAULT_SEED = 20_250_611;
const RUNS = Number(process.env['SHAPES_RUNS'] ?? DEFAULT_RUNS);
const SEED = Number(process.env['SHAPES_SEED'] ?? DEFAULT_SEED);
const ONLY = process.env['SHAPES_ONLY']?.split(',').filter(Boolean);
/** The minimums hold for the default sample (seed and runs); another sample only reports them. */
const EXACT = RUNS === DEFAULT_RUNS && SEED === DEFAULT_SEED;

interface Minimum {
  readonly rightShare: number;
  readonly knownWrong: boolean;
}
interface MinimumsFile {
  readonly $comment?: string;
  readonly shapes: Record<string, Minimum>;
}
const MINIMUMS_PATH = path.join(FIXTURES, 'shapes', 'minimums.json');
const minimums = JSON.parse(readFileSync(MINIMUMS_PATH, 'utf8')) as MinimumsFile;

interface Stats {
  runs: number;
  stated: number;
  right: number;
  blank: number;
  wrong: number;
  silent: number;
  refused: number;
  /** Cases with a wrong or silent cell, per shuffle they had on (and "none"). */
  badByShuffle: Map<string, number>;
  counterexample?: string;
}
const stats = new Map<string, Stats>();

/** A stable per-shape seed: the shapes do not share their samples. */
function shapeSeed(id: string): number {
  let h = SEED >>> 0;
  for (const ch of id) h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0) % 2_147_483_647;
  return h;
}

/** The part of the rendered text around the table the first bad cell belongs to. */
function excerpt(text: string, table: string): string {
  const order = ['二', '三', '四', '五'];
  const next = order[order.indexOf(table) + 1]!;
  // a heading: "三、…" at the start of a line, after Markdown or HTML mark-up
  const heading = (id: string) =>
    new RegExp(
      `^(?:[\\s*#>]|<[^>]+>)*${id}、(?:收到|依申请|主动公开|政府信息公开|因政府|存在|政府信息公开工作)`,
      'u',
    );
  const lines = text.split('\n');
  const from = Math.max(
    0,
    lines.findIndex((l) => heading(table).test(l)),
  );
  const to = lines.findIndex((l, j) => j > from && heading(next).test(l));
  const part = lines.slice(from, to > from ? to : from + 60).join('\n');
  return part.length > 2500 ? `${part.slice(0, 2500)}…（截断）` : part;
}

function describeCase(shape: ShapeDef, c: ShapeCase): string {
  const r = runCase(shape, c);
  const j = r.judgement;
  const bad = j.cells.filter((x) => x.verdict === 'wrong' || !x.reported);
  const first = bad[0];
  const lines = [
    `shape ${shape.id} (${shape.fileName}), year ${c.params.year} (format ${r.prep.report.format}), shuffles [${c.shuffles.join(', ')}], choices ${c.choices}`,
    `wrong ${j.wrong}, blank and not reported ${j.silent}${j.formatRead ? `, read as format ${j.formatRead}` : ''}`,
    ...bad
      .slice(0, 10)
      .map(
        (x) =>
          `  ${x.key}: source ${x.cell ? JSON.stringify(x.cell.published ? x.cell.raw : '(not published)') : '(no such cell)'}, imported ${x.got === undefined ? '(absent)' : JSON.stringify(x.got)}${x.verdict === 'wrong' ? ' WRONG' : ' blank, NOT REPORTED'}`,
      ),
    ...(bad.length > 10 ? [`  … ${bad.length - 10} more`] : []),
  ];
  if (first) lines.push('--- the table as rendered ---', excerpt(r.text, first.key.split('|')[0]!));
  return lines.join('\n');
}

describe('import of every shape: each cell right or blank-and-reported, never wrong', () => {
  const shapes = SHAPES.filter((s) => !ONLY || ONLY.includes(s.id));
  console.log(
    `shapes: seed ${SEED}, ${RUNS} cases per shape (SHAPES_SEED / SHAPES_RUNS to change)`,
  );

  for (const shape of shapes) {
    it(shape.id, { timeout: 60_000 + RUNS * 500 }, () => {
      const seed = shapeSeed(shape.id);
      const arbitrary = caseArbitrary(shape);
      const s: Stats = {
        runs: 0,
        stated: 0,
        right: 0,
        blank: 0,
        wrong: 0,
        silent: 0,
        refused: 0,
        badByShuffle: new Map(),
      };
      stats.set(shape.id, s);
      for (const c of fc.sample(arbitrary, { seed, numRuns: RUNS })) {
        const { judgement: j } = runCase(shape, c);
        s.runs++;
        s.stated += j.published;
        s.right += j.right;
        s.blank += j.blank;
        s.wrong += j.wrong;
        s.silent += j.silent;
        if (j.refused) s.refused++;
        if (j.wrong || j.silent) {
          for (const k of c.shuffles.length ? c.shuffles : ['none']) {
            s.badByShuffle.set(k, (s.badByShuffle.get(k) ?? 0) + 1);
          }
        }
      }

      const minimum = minimums.shapes[shape.id];
      if (s.wrong > 0 || s.silent > 0) {
        // shrink to a minimal counterexample: small numbers, few shuffles
        const details = fc.check(
          fc.property(arbitrary, (c) => {
            const { judgement: j } = runCase(shape, c);
            return j.wrong === 0 && j.silent === 0;
          }),
          { seed, numRuns: RUNS },
        );
        const message = details.counterexample
          ? `${describeCase(shape, details.counterexample[0])}\n(seed ${SEED}; fast-check seed ${seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks} times)`
          : 'wrong cells found in the sample but not again by fast-check';
        s.counterexample = message;
        if (!minimum?.knownWrong) {
          expect.fail(
            `${shape.id}: ${s.wrong} wrong and ${s.silent} unreported blank cells in ${s.runs} cases (seed ${SEED}).\nMinimal counterexample:\n${message}`,
          );
        }
        console.warn(
          `\n!!!!! KNOWN WRONG: ${shape.id} puts ${s.wrong} wrong values in cells (${s.silent} blanks unreported) in ${s.runs} cases — listed as knownWrong in minimums.json.\n!!!!! Minimal counterexample:\n${message}\n`,
        );
      } else if (minimum?.knownWrong) {
        console.warn(
          `${shape.id}: no wrong cell in ${s.runs} cases — set "knownWrong": false in minimums.json (SHAPES_UPDATE_MINIMUMS=1 does).`,
        );
      }

      const share = s.stated ? s.right / s.stated : 1;
      expect(minimum, `${shape.id} has no entry in minimums.json`).toBeDefined();
      const below = `${shape.id}: ${(share * 100).toFixed(1)} % of cells read right, below the minimum ${(minimum!.rightShare * 100).toFixed(1)} %`;
      if (EXACT) expect(share, below).toBeGreaterThanOrEqual(minimum!.rightShare - 1e-9);
      // another sample measures differently (40 cases are a small sample): said, not failed
      else if (share < minimum!.rightShare) console.warn(`${below} (measured on another sample)`);
    });
  }

  afterAll(() => {
    if (stats.size === 0) return;
    const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)} %` : '—');
    const table: Record<string, Record<string, string | number>> = {};
    for (const [id, s] of stats) {
      const m = minimums.shapes[id];
      table[id] = {
        cases: s.runs,
        'cells stated': s.stated,
        right: pct(s.right, s.stated),
        'blank (reported)': pct(s.blank, s.stated),
        wrong: s.wrong,
        'blank unreported': s.silent,
        refused: s.refused,
        minimum: m ? pct(m.rightShare, 1) : '—',
        knownWrong: m?.knownWrong ? 'YES' : '',
        'bad cases by shuffle': [...s.badByShuffle].map(([k, n]) => `${k} ${n}`).join(', '),
      };
    }
    console.log(`\nShapes: cells read right (seed ${SEED}, ${RUNS} cases per shape)`);
    console.table(table);
    const known = [...stats].filter(
      ([id, s]) => minimums.shapes[id]?.knownWrong && s.wrong + s.silent > 0,
    );
    if (known.length) {
      console.warn(
        `!!!!! ${known.length} shapes still put wrong values in cells (knownWrong): ${known.map(([id]) => id).join(', ')}`,
      );
    }
    if (process.env['SHAPES_UPDATE_MINIMUMS'] && !EXACT) {
      console.warn('minimums.json is only updated from a run with the default seed and runs.');
    } else if (process.env['SHAPES_UPDATE_MINIMUMS']) {
      const shapes: Record<string, Minimum> = { ...minimums.shapes };
      for (const [id, s] of stats) {
        const measured = Math.floor((s.stated ? s.right / s.stated : 1) * 1000) / 1000;
        const old = shapes[id];
        const bad = s.wrong + s.silent > 0;
        shapes[id] = {
          rightShare: Math.max(old?.rightShare ?? 0, measured),
          knownWrong: old ? old.knownWrong && bad : bad,
        };
      }
      writeFileSync(MINIMUMS_PATH, `${JSON.stringify({ ...minimums, shapes }, null, 2)}\n`);
      console.log(`minimums.json updated`);
    }
  });
});
