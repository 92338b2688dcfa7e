/**
 * Text compared level by level (align.ts): paragraphs aligned by similarity, then the sentences
 * of a pair of paragraphs, then the clauses of a pair of sentences, and what still differs diffed
 * by character with diff-match-patch (Myers' bisection, then its semantic clean-up) — so that a
 * rewritten paragraph keeps its unchanged sentences unmarked and shows its new ones whole. The
 * runs are grouped so a reader can follow them: Chinese has no spaces, so an unchanged island of
 * one or two characters left between two changes is folded into them, and a change touching a
 * number takes the whole number ("2023" → "2024", not "3" → "4"). Similarity is common characters
 * ÷ the longer text, as TEXT_COPIED measures it (lcs.ts, whatever is shown); figures whose numbers
 * changed are listed with the words before them.
 */
import {
  DIFF_DELETE,
  DIFF_EQUAL,
  DIFF_INSERT,
  diffCleanupSemantic,
  diffMain,
  type Diff,
} from 'diff-match-patch-es';
import { align, clausesOf, paragraphsOf, sentencesOf } from './align';
import { lcsLength } from './lcs';
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

/** The character diff of two pieces, after the semantic clean-up. */
function characters(shown: Diff[], x: string, y: string, t: CompareThresholds): void {
  const diffs = diffMain(x, y, { diffTimeout: t.diffTimeout });
  diffCleanupSemantic(diffs);
  shown.push(...diffs);
}

/** Common characters, counted paragraph by paragraph of the alignment (see diffText). */
interface Measure {
  common: number;
}

/**
 * Counts a piece just shown (from `from` on): the characters a minimal character diff of it
 * keeps — what TEXT_COPIED counts — or, for two very long pieces, the characters shown unchanged.
 */
function measure(m: Measure | undefined, x: string, y: string, shown: Diff[], from: number): void {
  if (!m) return;
  const n = lcsLength(x, y);
  if (n !== null) {
    m.common += n;
    return;
  }
  for (let i = from; i < shown.length; i++) {
    if (shown[i]![0] === DIFF_EQUAL) m.common += shown[i]![1].length;
  }
}

/** Paragraphs, then sentences: paired by similarity; clauses: identical ones kept. */
const LEVELS = [paragraphsOf, sentencesOf, clausesOf] as const;

/**
 * The diff of two texts as shown, level by level: paragraphs aligned (identical ones kept,
 * rewritten ones paired by similarity, the rest deleted or inserted whole), inside a pair of
 * paragraphs the sentences likewise, inside a pair of sentences the identical clauses kept and
 * the rest diffed by character. A rewritten paragraph so shows its kept sentences unmarked, its
 * new sentences whole and, inside a sentence that changed a little, only what changed.
 */
function levels(
  shown: Diff[],
  x: string,
  y: string,
  level: number,
  t: CompareThresholds,
  m?: Measure,
): void {
  if (x === y) {
    if (x) shown.push([DIFF_EQUAL, x]);
    if (m) m.common += x.length;
    return;
  }
  const from = shown.length;
  if (!x || !y || level === LEVELS.length) {
    characters(shown, x, y, t);
    measure(m, x, y, shown, from);
    return;
  }
  // a pair of paragraphs or sentences both ending in a line break: the break is kept
  if (x.endsWith('\n') && y.endsWith('\n')) {
    levels(shown, x.slice(0, -1), y.slice(0, -1), level, t, m);
    shown.push([DIFF_EQUAL, '\n']);
    if (m) m.common++;
    return;
  }
  const ua = LEVELS[level]!(x);
  const ub = LEVELS[level]!(y);
  if (ua.length === 1 && ub.length === 1) {
    levels(shown, x, y, level + 1, t);
    measure(m, x, y, shown, from);
    return;
  }
  const last = level === LEVELS.length - 1;
  let dels: string[] = [];
  let ins: string[] = [];
  const flush = () => {
    const at = shown.length;
    const del = dels.join('');
    const add = ins.join('');
    // clauses: diffed together by character; paragraphs and sentences: whole
    if (last) characters(shown, del, add, t);
    else {
      if (del) shown.push([DIFF_DELETE, del]);
      if (add) shown.push([DIFF_INSERT, add]);
    }
    measure(m, del, add, shown, at);
    dels = [];
    ins = [];
  };
  for (const s of align(ua, ub, last ? null : t.alignMin)) {
    if (s.op === 'delete') dels.push(ua[s.a]!);
    else if (s.op === 'insert') ins.push(ub[s.b]!);
    else {
      if (dels.length || ins.length) flush();
      const at = shown.length;
      if (s.op === 'equal') levels(shown, ua[s.a]!, ub[s.b]!, level, t, m);
      else {
        levels(shown, ua[s.a]!, ub[s.b]!, level + 1, t);
        measure(m, ua[s.a]!, ub[s.b]!, shown, at);
      }
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
  // every paragraph ends in a line break while it is diffed, the last one too; measured apart
  // from how it is shown, paragraph by paragraph of the alignment (identical, paired, or the
  // ones between) as a minimal character diff would keep them — as TEXT_COPIED counts
  const readable: Diff[] = [];
  const m: Measure = { common: -1 };
  levels(readable, `${a}\n`, `${b}\n`, 0, t, m);
  const end = readable.at(-1);
  if (end?.[0] === DIFF_EQUAL) {
    end[1] = end[1].slice(0, -1);
    if (!end[1]) readable.pop();
  }
  const common = m.common;
  const insertions = b.length - common;
  const deletions = a.length - common;
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
