/**
 * Units of a text — paragraphs, sentences, clauses — and their alignment between two texts:
 * identical units first (the longest common sequence, as diff-match-patch's line mode finds it),
 * then, between two identical ones, units similar enough to be one unit rewritten (character
 * pairs in common, Dice), in order. What is left is a unit deleted or inserted whole.
 */
import { DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT, diffMain } from 'diff-match-patch-es';

/** One step of an alignment: indices into the two lists of units. */
export type Step =
  | { readonly op: 'equal'; readonly a: number; readonly b: number }
  | { readonly op: 'pair'; readonly a: number; readonly b: number }
  | { readonly op: 'delete'; readonly a: number }
  | { readonly op: 'insert'; readonly b: number };

/** Pieces of a text, each up to and with its marks (and the closing quotes after them). */
const cutter = (marks: string) =>
  new RegExp(
    `[^${marks}]+(?:[${marks}]+[”’」』）)》\\]】]*|$)|[${marks}]+[”’」』）)》\\]】]*`,
    'gu',
  );

const PARAGRAPHS = cutter('\\n');
const SENTENCES = cutter('。；！？;!?\\n');
const CLAUSES = cutter('，、：,:。；！？;!?\\n');

/** Paragraphs with their line break. */
export const paragraphsOf = (text: string): string[] => text.match(PARAGRAPHS) ?? [];
/** Sentences with their closing mark (。；！？). */
export const sentencesOf = (text: string): string[] => text.match(SENTENCES) ?? [];
/** Clauses with their mark (，、：). */
export const clausesOf = (text: string): string[] => text.match(CLAUSES) ?? [];

/** Character pairs of a unit, sorted (its single character when it has one). */
function bigrams(text: string): Uint32Array {
  const t = text.trim();
  if (t.length === 1) return Uint32Array.of(t.charCodeAt(0));
  const grams = new Uint32Array(Math.max(0, t.length - 1));
  for (let i = 0; i + 1 < t.length; i++) grams[i] = t.charCodeAt(i) * 0x10000 + t.charCodeAt(i + 1);
  return grams.sort();
}

/** Dice's coefficient of two units' character pairs: 1 identical, 0 nothing in common. */
function dice(x: Uint32Array, y: Uint32Array): number {
  if (x.length === 0 || y.length === 0) return x.length === y.length ? 1 : 0;
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++;
    else if (x[i]! > y[j]!) j++;
    else {
      common++;
      i++;
      j++;
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** Beyond this many candidate pairs in one gap, units are not paired (kept fast). */
const MAX_PAIRS = 40_000;

/**
 * Pairs the units of a gap (none identical) by similarity: the order-keeping choice of pairs,
 * each at least `min` similar, with the largest sum of similarities.
 */
function pairGap(a: readonly string[], b: readonly string[], min: number): Step[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_PAIRS) {
    return [
      ...a.map((_, i): Step => ({ op: 'delete', a: i })),
      ...b.map((_, j): Step => ({ op: 'insert', b: j })),
    ];
  }
  const ga = a.map(bigrams);
  const gb = b.map(bigrams);
  // as many units rewritten in place, each still like its old self: paired in order
  if (n === m && ga.every((x, i) => dice(x, gb[i]!) >= min)) {
    return a.map((_, i): Step => ({ op: 'pair', a: i, b: i }));
  }
  const score = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const x = ga[i]!;
      const y = gb[j]!;
      // Dice cannot exceed 2·min/(sum): skip pairs whose lengths alone rule them out
      const bound = (2 * Math.min(x.length, y.length)) / (x.length + y.length || 1);
      const s = bound < min ? 0 : dice(x, y);
      score[i * m + j] = s >= min ? s : -1;
    }
  }
  const best = new Float64Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = score[(i - 1) * m + j - 1]!;
      best[at(i, j)] = Math.max(
        best[at(i - 1, j)]!,
        best[at(i, j - 1)]!,
        s >= 0 ? best[at(i - 1, j - 1)]! + s : -1,
      );
    }
  }
  const steps: Step[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const s = i > 0 && j > 0 ? score[(i - 1) * m + j - 1]! : -1;
    if (s >= 0 && best[at(i, j)] === best[at(i - 1, j - 1)]! + s) {
      steps.push({ op: 'pair', a: --i, b: --j });
    } else if (j > 0 && (i === 0 || best[at(i, j)] === best[at(i, j - 1)])) {
      steps.push({ op: 'insert', b: --j });
    } else steps.push({ op: 'delete', a: --i });
  }
  return steps.reverse();
}

/**
 * Aligns two lists of units: identical ones are `equal`; between them, with `pairMin`, units at
 * least that similar are a `pair` (one unit rewritten); the rest are deleted or inserted.
 */
export function align(a: readonly string[], b: readonly string[], pairMin: number | null): Step[] {
  const steps: Step[] = [];
  // identical units at both ends
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  for (let k = 0; k < head; k++) steps.push({ op: 'equal', a: k, b: k });
  let gapA: number[] = [];
  let gapB: number[] = [];
  const flush = () => {
    if (pairMin !== null && gapA.length && gapB.length) {
      const a0 = gapA[0]!;
      const b0 = gapB[0]!;
      for (const s of pairGap(
        gapA.map((k) => a[k]!),
        gapB.map((k) => b[k]!),
        pairMin,
      )) {
        if (s.op === 'pair') steps.push({ op: 'pair', a: a0 + s.a, b: b0 + s.b });
        else if (s.op === 'delete') steps.push({ op: 'delete', a: a0 + s.a });
        else if (s.op === 'insert') steps.push({ op: 'insert', b: b0 + s.b });
      }
    } else {
      for (const k of gapA) steps.push({ op: 'delete', a: k });
      for (const k of gapB) steps.push({ op: 'insert', b: k });
    }
    gapA = [];
    gapB = [];
  };
  const endA = a.length - tail;
  const endB = b.length - tail;
  const middleA = a.slice(head, endA);
  const middleB = b.slice(head, endB);
  const shared =
    middleA.length * middleB.length <= 64
      ? middleA.some((u) => middleB.includes(u))
      : ((inB) => middleA.some((u) => inB.has(u)))(new Set(middleB));
  if (shared) {
    // identical units in the middle: each distinct unit as one character, diffed (line mode)
    const codes = new Map<string, string>();
    const encode = (units: readonly string[]) =>
      units
        .map((u) => {
          let c = codes.get(u);
          if (c === undefined) {
            c = String.fromCharCode(codes.size + 1);
            codes.set(u, c);
          }
          return c;
        })
        .join('');
    let i = head;
    let j = head;
    const diffs = diffMain(encode(middleA), encode(middleB), { diffTimeout: 0 }, false);
    for (const [op, text] of diffs) {
      for (let k = 0; k < text.length; k++) {
        if (op === DIFF_EQUAL) {
          if (gapA.length || gapB.length) flush();
          steps.push({ op: 'equal', a: i++, b: j++ });
        } else if (op === DIFF_DELETE) gapA.push(i++);
        else if (op === DIFF_INSERT) gapB.push(j++);
      }
    }
  } else {
    for (let k = head; k < endA; k++) gapA.push(k);
    for (let k = head; k < endB; k++) gapB.push(k);
  }
  flush();
  for (let k = 0; k < tail; k++) steps.push({ op: 'equal', a: endA + k, b: endB + k });
  return steps;
}
