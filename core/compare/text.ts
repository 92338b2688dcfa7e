/**
 * Text compared level by level (align.ts): paragraphs aligned by similarity, then the sentences
 * of a pair of paragraphs, then the clauses of a pair of sentences, and what still differs diffed
 * by character with diff-match-patch (Myers' bisection, then its semantic clean-up) — so that a
 * rewritten paragraph keeps its unchanged sentences unmarked and shows its new ones whole. The
 * runs are grouped so a reader can follow them: Chinese has no spaces, so an unchanged island of
 * one or two characters left between two changes is folded into them, and a change touching a
 * number takes the whole number ("2023" → "2024", not "3" → "4"). Similarity is common characters
 * ÷ the longer text, as TEXT_COPIED measures it; figures whose numbers changed are listed with the
 * words before them.
 */
import {
  DIFF_DELETE,
  DIFF_EQUAL,
  DIFF_INSERT,
  diffCleanupSemantic,
  diffMain,
  type Diff,
} from 'diff-match-patch-es';
import { align, clausesOf, paragraphsOf, sentencesOf, type Step } from './align';
import { COMPARE_THRESHOLDS, type CompareThresholds } from './thresholds';
import type { DiffRun, FigureChange } from './types';

type Item = { kind: 'eq'; text: string } | { kind: 'ch'; del: string; ins: string };

export interface TextDiff {
  readonly runs: DiffRun[];
  readonly similarity: number;
  readonly insertions: number;
  readonly deletions: number;
  readonly figures: FigureChange[];
}

const NUMBER_END = /[\d.．]+$/u;
const NUMBER_START = /^[\d.．]+/u;

/** The diff being built: what is shown, and the counts of the minimal character diff. */
interface Acc {
  readonly shown: Diff[];
  common: number;
  insertions: number;
  deletions: number;
  /** Off inside a pair of paragraphs: it was measured whole. */
  counting: boolean;
}

const count = (acc: Acc, diffs: readonly Diff[]) => {
  if (!acc.counting) return;
  for (const [op, text] of diffs) {
    if (op === DIFF_EQUAL) acc.common += text.length;
    else if (op === DIFF_INSERT) acc.insertions += text.length;
    else acc.deletions += text.length;
  }
};

/** The character diff of two pieces: counted as it is, shown after the semantic clean-up. */
function characters(acc: Acc, x: string, y: string, t: CompareThresholds): void {
  const raw = diffMain(x, y, { diffTimeout: t.diffTimeout });
  count(acc, raw);
  const shown = raw.map((d): Diff => [d[0], d[1]]);
  diffCleanupSemantic(shown);
  acc.shown.push(...shown);
}

/**
 * Up to this many characters (both sides), units deleted and inserted whole are measured
 * together, and a pair of paragraphs whose sentences do not all pair is measured whole.
 */
const MEASURE_TOGETHER = 2000;

/**
 * Units deleted and inserted whole (no counterpart similar enough): shown whole, counted as the
 * character diff of all of them — of the units taken pairwise in order when as many replace as
 * were removed, or when long — so that similarity stays what TEXT_COPIED measures.
 */
function whole(acc: Acc, dels: readonly string[], ins: readonly string[], t: CompareThresholds) {
  const del = dels.join('');
  const add = ins.join('');
  if (del) acc.shown.push([DIFF_DELETE, del]);
  if (add) acc.shown.push([DIFF_INSERT, add]);
  if (!acc.counting) return;
  if (!del || !add) {
    acc.deletions += del.length;
    acc.insertions += add.length;
    return;
  }
  if (dels.length !== ins.length && del.length + add.length <= MEASURE_TOGETHER) {
    count(acc, diffMain(del, add, { diffTimeout: t.diffTimeout }));
    return;
  }
  const both = Math.min(dels.length, ins.length);
  for (let k = 0; k < both; k++)
    count(acc, diffMain(dels[k]!, ins[k]!, { diffTimeout: t.diffTimeout }));
  for (const d of dels.slice(both)) acc.deletions += d.length;
  for (const i of ins.slice(both)) acc.insertions += i.length;
}

/** Paragraphs, then sentences: paired by similarity; clauses: identical ones kept. */
const LEVELS = [paragraphsOf, sentencesOf, clausesOf] as const;

/**
 * The diff of two texts level by level: paragraphs aligned (identical ones kept, rewritten
 * ones paired by similarity, the rest deleted or inserted whole), inside a pair of paragraphs
 * the sentences likewise, inside a pair of sentences the identical clauses kept and the rest
 * diffed by character. A rewritten paragraph so shows its kept sentences unmarked, its new
 * sentences whole and, inside a sentence that changed a little, only what changed.
 */
function levels(acc: Acc, x: string, y: string, level: number, t: CompareThresholds): void {
  if (x === y) {
    if (x) acc.shown.push([DIFF_EQUAL, x]);
    if (acc.counting) acc.common += x.length;
    return;
  }
  if (!x || !y || level === LEVELS.length) {
    characters(acc, x, y, t);
    return;
  }
  // a pair of paragraphs or sentences both ending in a line break: the break is kept
  if (x.endsWith('\n') && y.endsWith('\n')) {
    levels(acc, x.slice(0, -1), y.slice(0, -1), level, t);
    acc.shown.push([DIFF_EQUAL, '\n']);
    if (acc.counting) acc.common++;
    return;
  }
  const ua = LEVELS[level]!(x);
  const ub = LEVELS[level]!(y);
  if (ua.length === 1 && ub.length === 1) {
    levels(acc, x, y, level + 1, t);
    return;
  }
  const last = level === LEVELS.length - 1;
  const steps = align(ua, ub, last ? null : t.alignMin);
  // sentences of a pair of paragraphs deleted or inserted: the pair is measured whole — its
  // character diff, as TEXT_COPIED measures — not as its sentences happen to be shown (a long
  // pair is measured as shown: its character diff could run out of time)
  if (
    level > 0 &&
    !last &&
    acc.counting &&
    x.length + y.length <= MEASURE_TOGETHER &&
    steps.some((s) => s.op === 'delete' || s.op === 'insert')
  ) {
    count(acc, diffMain(x, y, { diffTimeout: t.diffTimeout }));
    acc.counting = false;
    walk(acc, ua, ub, steps, level, t);
    acc.counting = true;
  } else walk(acc, ua, ub, steps, level, t);
}

/** Shows (and counts) an alignment of units: pairs one level down, the rest whole. */
function walk(
  acc: Acc,
  ua: readonly string[],
  ub: readonly string[],
  steps: readonly Step[],
  level: number,
  t: CompareThresholds,
): void {
  const last = level === LEVELS.length - 1;
  let dels: string[] = [];
  let ins: string[] = [];
  const flush = () => {
    if (last) characters(acc, dels.join(''), ins.join(''), t);
    else whole(acc, dels, ins, t);
    dels = [];
    ins = [];
  };
  for (const s of steps) {
    if (s.op === 'delete') dels.push(ua[s.a]!);
    else if (s.op === 'insert') ins.push(ub[s.b]!);
    else {
      if (dels.length || ins.length) flush();
      levels(acc, ua[s.a]!, ub[s.b]!, s.op === 'equal' ? level : level + 1, t);
    }
  }
  if (dels.length || ins.length) flush();
}

type Change = Extract<Item, { kind: 'ch' }>;

/** Ends a sentence or a paragraph. */
const UNIT_END = /[。；！？;!?\n][”’」』）)》\]】]*$/u;
const closed = (c: Change) => (!c.del || UNIT_END.test(c.del)) && (!c.ins || UNIT_END.test(c.ins));

/**
 * Two neighbouring changes read as one, unless the first is whole sentences or paragraphs and
 * the second is not just what replaces them: a paragraph inserted whole stays apart from the
 * change at the start of the next one.
 */
const joins = (prev: Change, next: Pick<Change, 'del' | 'ins'>) =>
  !closed(prev) || (prev.ins === '' && next.del === '');

/** Diff operations as items: neighbouring deletions and insertions form one change. */
function itemsOf(diffs: readonly Diff[]): Item[] {
  const items: Item[] = [];
  for (const [op, text] of diffs) {
    const last = items.at(-1);
    if (op === DIFF_EQUAL) {
      if (last?.kind === 'eq') last.text += text;
      else items.push({ kind: 'eq', text });
    } else if (
      last?.kind === 'ch' &&
      joins(last, { del: op === DIFF_DELETE ? text : '', ins: op === DIFF_INSERT ? text : '' })
    ) {
      if (op === DIFF_INSERT) last.ins += text;
      else last.del += text;
    } else {
      items.push({
        kind: 'ch',
        del: op === DIFF_DELETE ? text : '',
        ins: op === DIFF_INSERT ? text : '',
      });
    }
  }
  return items;
}

/** Folds short unchanged islands between two changes into them. */
function foldIslands(items: Item[], max: number): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const prev = out.at(-1);
    const next = items[i + 1];
    if (
      it.kind === 'eq' &&
      prev?.kind === 'ch' &&
      next?.kind === 'ch' &&
      it.text.length <= max &&
      !it.text.includes('\n')
    ) {
      // the island goes with the change before it; the next change joins them unless the
      // island closed a sentence before a sentence rewritten whole
      prev.del += it.text;
      prev.ins += it.text;
      if (joins(prev, next)) {
        prev.del += next.del;
        prev.ins += next.ins;
        i++;
      }
      continue;
    }
    if (it.kind === 'ch' && prev?.kind === 'ch' && joins(prev, it)) {
      prev.del += it.del;
      prev.ins += it.ins;
      continue;
    }
    out.push(it.kind === 'ch' ? { ...it } : it);
  }
  return out;
}

/** A change at a number's edge takes the rest of the number from the unchanged text. */
function wholeNumbers(items: Item[]): Item[] {
  for (let i = 0; i < items.length; i++) {
    const ch = items[i]!;
    if (ch.kind !== 'ch') continue;
    const prev = items[i - 1];
    const next = items[i + 1];
    if (prev?.kind === 'eq' && (/^\d/u.test(ch.del) || /^\d/u.test(ch.ins))) {
      const m = NUMBER_END.exec(prev.text);
      if (m) {
        prev.text = prev.text.slice(0, -m[0].length);
        ch.del = m[0] + ch.del;
        ch.ins = m[0] + ch.ins;
      }
    }
    if (next?.kind === 'eq' && (/\d$/u.test(ch.del) || /\d$/u.test(ch.ins))) {
      const m = NUMBER_START.exec(next.text);
      if (m) {
        next.text = next.text.slice(m[0].length);
        ch.del += m[0];
        ch.ins += m[0];
      }
    }
  }
  // drop emptied unchanged runs and join the changes they separated
  const out: Item[] = [];
  for (const it of items) {
    if (it.kind === 'eq' && it.text === '') continue;
    const prev = out.at(-1);
    if (it.kind === 'ch' && prev?.kind === 'ch' && joins(prev, it)) {
      prev.del += it.del;
      prev.ins += it.ins;
    } else out.push(it);
  }
  return out;
}

const MEASURE =
  /^(?:人次|万元|个工作日|件|项|次|个|条|元|家|起|宗|份|人|篇|场|期|批|户|名|位|天|%|％)/u;
const FIGURE = /\d+(?:[.．]\d+)?(?:%|％)?/gu;
const CLAUSE_END = /[，。；：、,;:！？\n（）()“”]/u;

/** Part of a web address or a file name: its digits are no figures. */
const ADDRESS_CHAR = /[A-Za-z/_.:=?&#-]/u;

function figuresOf(text: string, before: string, after: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const rest = text.slice(m.index + m[0].length) + after;
    const prev = m.index > 0 ? text[m.index - 1]! : (before.at(-1) ?? '');
    if (ADDRESS_CHAR.test(prev) || ADDRESS_CHAR.test(rest[0] ?? '')) continue;
    // a year ("2023年") is not a figure: every copied report changes its years
    if (
      /^\d{4}$/u.test(m[0]) &&
      Number(m[0]) >= 2000 &&
      Number(m[0]) <= 2100 &&
      rest.startsWith('年')
    )
      continue;
    const measure = /[%％]$/u.test(m[0]) ? '' : (MEASURE.exec(rest)?.[0] ?? '');
    out.push(m[0] + measure);
  }
  return out;
}

function contextBefore(text: string): string {
  let start = text.length;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!) && text.length - start < 12) start--;
  return text.slice(start);
}

function figureChanges(items: readonly Item[]): FigureChange[] {
  const out: FigureChange[] = [];
  for (let i = 0; i < items.length; i++) {
    const ch = items[i]!;
    if (ch.kind !== 'ch') continue;
    const prev = items[i - 1];
    const next = items[i + 1];
    const after = next?.kind === 'eq' ? next.text : '';
    const before = prev?.kind === 'eq' ? prev.text : '';
    const a = figuresOf(ch.del, before, after);
    const b = figuresOf(ch.ins, before, after);
    if (a.length === 0 && b.length === 0) continue;
    // the words before the first figure: the unchanged text, and what the change starts with
    const lead = /^[^\d]*/u.exec(ch.ins || ch.del)?.[0] ?? '';
    const context = contextBefore(
      before + (ch.del.startsWith(lead) && ch.ins.startsWith(lead) ? lead : ''),
    );
    out.push({ context, a: a.length ? a.join('、') : null, b: b.length ? b.join('、') : null });
  }
  return out;
}

/** The diff of two texts as readable runs, with similarity, counts and changed figures. */
export function diffText(
  a: string,
  b: string,
  t: CompareThresholds = COMPARE_THRESHOLDS,
): TextDiff {
  if (a === b) {
    return {
      runs: a ? [{ op: 'equal', text: a }] : [],
      similarity: 1,
      insertions: 0,
      deletions: 0,
      figures: [],
    };
  }
  // every paragraph ends in a line break while it is diffed, the last one too
  const acc: Acc = { shown: [], common: -1, insertions: 0, deletions: 0, counting: true };
  levels(acc, `${a}\n`, `${b}\n`, 0, t);
  const { common, insertions, deletions } = acc;
  const readable = acc.shown;
  const end = readable.at(-1);
  if (end?.[0] === DIFF_EQUAL) {
    end[1] = end[1].slice(0, -1);
    if (!end[1]) readable.pop();
  }
  // folded again: taking a whole number can leave a new island ("/t" in a web address)
  const items = foldIslands(wholeNumbers(foldIslands(itemsOf(readable), t.islandMax)), t.islandMax);
  const runs: DiffRun[] = [];
  for (const it of items) {
    if (it.kind === 'eq') runs.push({ op: 'equal', text: it.text });
    else {
      if (it.del) runs.push({ op: 'delete', text: it.del });
      if (it.ins) runs.push({ op: 'insert', text: it.ins });
    }
  }
  const longer = Math.max(a.length, b.length);
  return {
    runs,
    similarity: longer === 0 ? 1 : common / longer,
    insertions,
    deletions,
    figures: figureChanges(items),
  };
}
