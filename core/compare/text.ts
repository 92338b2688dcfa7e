/**
 * Text compared character by character with diff-match-patch (Myers' bisection, then its
 * semantic clean-up), grouped into runs a reader can follow: Chinese has no spaces, so an
 * unchanged island of one or two characters left between two changes is folded into them, and a change touching a number takes the whole
 * number ("2023" → "2024", not "3" → "4"). Similarity is common characters ÷ the longer text,
 * as TEXT_COPIED measures it; figures whose numbers changed are listed with the words before them.
 */
import {
  DIFF_DELETE,
  DIFF_EQUAL,
  DIFF_INSERT,
  diffCharsToLines,
  diffCleanupSemantic,
  diffLinesToChars,
  diffMain,
  type Diff,
} from 'diff-match-patch-es';
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

/** Sentences with their closing mark. */
const sentencesOf = (text: string): string[] =>
  text.match(/[^。；！？\n]*[。；！？\n]+|[^。；！？\n]+$/gu) ?? [];

/** Lines with their line break: paragraphs. */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/gu) ?? [];

/**
 * The character diff, paragraph by paragraph: paragraphs are aligned first (line mode), then
 * each run of changed paragraphs is diffed by character — pairwise when as many paragraphs
 * replace as were removed — which keeps a long, much rewritten section fast.
 */
function paragraphDiff(a: string, b: string, t: CompareThresholds): Diff[] {
  const { chars1, chars2, lineArray } = diffLinesToChars(a, b);
  const lines = diffMain(chars1, chars2, { diffTimeout: 0 });
  diffCharsToLines(lines, lineArray);
  const out: Diff[] = [];
  let del = '';
  let ins = '';
  const chars = (x: string, y: string) => {
    // sentence by sentence when a paragraph kept its number of sentences
    const sx = sentencesOf(x);
    const sy = sentencesOf(y);
    if (sx.length > 1 && sx.length === sy.length) {
      sx.forEach((p, i) => out.push(...diffMain(p, sy[i]!, { diffTimeout: t.diffTimeout })));
    } else out.push(...diffMain(x, y, { diffTimeout: t.diffTimeout }));
  };
  const flush = () => {
    const ls = linesOf(del);
    const li = linesOf(ins);
    if (ls.length === li.length) ls.forEach((l, i) => chars(l, li[i]!));
    else chars(del, ins);
    del = '';
    ins = '';
  };
  for (const [op, text] of lines) {
    if (op === DIFF_DELETE) del += text;
    else if (op === DIFF_INSERT) ins += text;
    else {
      if (del || ins) flush();
      out.push([DIFF_EQUAL, text]);
    }
  }
  if (del || ins) flush();
  return out;
}

/** Diff operations as items: neighbouring deletions and insertions form one change. */
function itemsOf(diffs: readonly Diff[]): Item[] {
  const items: Item[] = [];
  for (const [op, text] of diffs) {
    const last = items.at(-1);
    if (op === DIFF_EQUAL) {
      if (last?.kind === 'eq') last.text += text;
      else items.push({ kind: 'eq', text });
    } else if (last?.kind === 'ch') {
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
      prev.del += it.text + next.del;
      prev.ins += it.text + next.ins;
      i++;
      continue;
    }
    if (it.kind === 'ch' && prev?.kind === 'ch') {
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
    if (it.kind === 'ch' && prev?.kind === 'ch') {
      prev.del += it.del;
      prev.ins += it.ins;
    } else out.push(it);
  }
  return out;
}

const MEASURE = /^(?:人次|万元|件|项|次|个|条|元|家|起|宗|份|人|%|％)/u;
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
  // the minimal character diff (Myers' bisection) measures; the semantic clean-up is what is shown
  const raw = paragraphDiff(a, b, t);
  let common = 0;
  let insertions = 0;
  let deletions = 0;
  for (const [op, text] of raw) {
    if (op === DIFF_EQUAL) common += text.length;
    else if (op === DIFF_INSERT) insertions += text.length;
    else deletions += text.length;
  }
  const readable = raw.map((d): Diff => [d[0], d[1]]);
  diffCleanupSemantic(readable);
  const items = wholeNumbers(foldIslands(itemsOf(readable), t.islandMax));
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
