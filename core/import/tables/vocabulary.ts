/**
 * The words of the official tables, as the table reader meets them: captions, header labels,
 * row and group labels of both format versions, T3's note; what a value looks like; and the
 * tokenizer that cuts a run of text without separators ("行政许可3960181",
 * "（三）不予公开1.属于国家秘密0000000") into labels and numbers by this vocabulary.
 */
import { normaliseCellText } from '../../cells';
import { FORMATS, FORMAT_VERSIONS, type ColumnDef, type RowDef, type TableId } from '../../formats';
import { T2_ROW_HEADER, T3_COLUMNS_HEADER, T4_LITIGATION } from '../../formats/common';
import { labelKey, stripOrdinal } from '../../text';

const VALUE_LIKE =
  /^(?:[+-]|增加|减少|增|减|新增|净增|净减)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|条|项|个|次|份|宗|起|家|人次|人)?$/u;
const EMPTY_LIKE = /^(?:|空|无|没有|\/|不适用|[-‐‑‒–—―─━_]+)$/u;

/** Whether a cell's text reads as a value (number, blank, dash, 无) rather than a label. */
export function isValueLike(text: string): boolean {
  const t = normaliseCellText(text);
  return EMPTY_LIKE.test(t) || VALUE_LIKE.test(t);
}

/** A number (with its sign or unit word), not a blank or dash. */
export function isNumberLike(text: string): boolean {
  return VALUE_LIKE.test(normaliseCellText(text));
}

/** A value that is no number: empty, 无, a dash or a slash. */
export function isEmptyLike(text: string): boolean {
  return EMPTY_LIKE.test(normaliseCellText(text));
}

export type LabelMatch = 'exact' | 'partial';

interface LabelKeys {
  /** labelKey of the label, key and aliases. */
  readonly exact: readonly string[];
  /** The key words as written (NFKC, no ordinal, no spaces), for "key words + parenthesis". */
  readonly plain: string;
  /** labelKey of the key words, for a label cut short. */
  readonly prefix: string;
}

const keyCache = new WeakMap<object, LabelKeys>();

/** The comparison keys of a label definition, computed once per definition. */
function keysOf(def: { label: string; key?: string; aliases?: readonly string[] }): LabelKeys {
  let keys = keyCache.get(def);
  if (!keys) {
    const words = def.key ?? def.label;
    keys = {
      exact: [def.label, def.key ?? '', ...(def.aliases ?? [])].map(labelKey).filter(Boolean),
      plain: stripOrdinal(words.normalize('NFKC')).replace(/[\s\u3000]+/gu, ''),
      prefix: labelKey(words),
    };
    keyCache.set(def, keys);
  }
  return keys;
}

/** Matches a label against candidates: exact (official, key, alias) or a clear truncation. */
export function matchLabel<T extends { label: string; key?: string; aliases?: readonly string[] }>(
  text: string,
  candidates: readonly T[],
): { def: T; match: LabelMatch } | null {
  const k = labelKey(text);
  if (!k) return null;
  for (const def of candidates) if (keysOf(def).exact.includes(k)) return { def, match: 'exact' };
  // "部分公开（区分处理的…）" with another note, "本年收费金额（万元）": the key words, then a
  // parenthesis
  const plain = stripOrdinal(text.normalize('NFKC')).replace(/[\s\u3000]+/gu, '');
  const starts = candidates.filter((def) => {
    const key = keysOf(def).plain;
    return key.length >= 2 && plain.startsWith(key) && /^[(（[【]/u.test(plain.slice(key.length));
  });
  if (starts.length === 1) return { def: starts[0]!, match: 'exact' };
  // a label cut short in conversion: "保护第三方合" for "保护第三方合法权益"
  if (k.length >= 4) {
    const prefixes = candidates.filter((def) => keysOf(def).prefix.startsWith(k));
    if (prefixes.length === 1) return { def: prefixes[0]!, match: 'partial' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Skeletons: text compared without spaces, brackets, quotes and separating punctuation, with
// the ordinal's digits or numerals kept ("（三）不予公开" → "三不予公开", "1.属于国家秘密" →
// "1属于国家秘密"). A decimal point between digits stays.

const DROP =
  /[\s\u00a0\u3000\u200b\ufeff()（）[\]【】〔〕{}<>《》“”„‟"'‘’「」『』、，,:：;；·/／\\|*#_]/u;

/** A text's skeleton and, for each skeleton character, its index in the text. */
export function skeleton(text: string): { chars: string; at: number[] } {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let ch = text[i]!;
    const folded = ch.normalize('NFKC');
    if (folded.length === 1) ch = folded;
    if (DROP.test(ch)) continue;
    if (ch === '.' || ch === '．' || ch === '。') {
      // a decimal point (digit . digit) is kept; an ordinal's point is not
      const prev = chars[chars.length - 1];
      const next = text[i + 1]?.normalize('NFKC');
      if (!(prev && /\d/u.test(prev) && next && /\d/u.test(next))) continue;
      ch = '.';
    }
    chars += ch;
    at.push(i);
  }
  return { chars, at };
}

export const skeletonOf = (text: string): string => skeleton(text).chars;

// ---------------------------------------------------------------------------------------------
// The vocabulary of both format versions.

export type WordKind = 'caption' | 'header' | 'column' | 'group' | 'row' | 'note';

export interface Word {
  readonly kind: WordKind;
  /** The official text. */
  readonly text: string;
  /** The skeleton it is matched by. */
  readonly form: string;
  /** Tables the word belongs to (a column label such as 总计 belongs to two). */
  readonly tables: readonly TableId[];
}

export interface Vocabulary {
  readonly words: readonly Word[];
  /** Words by the first character of their form, longest first. */
  readonly byFirst: ReadonlyMap<string, readonly Word[]>;
  /** Every row definition of both versions, per table. */
  readonly rows: Readonly<Record<TableId, readonly RowDef[]>>;
  /** Every column definition of both versions, per table. */
  readonly columns: Readonly<Record<TableId, readonly ColumnDef[]>>;
}

let cached: Vocabulary | null = null;

export function vocabulary(): Vocabulary {
  if (cached) return cached;
  const words = new Map<string, { kind: WordKind; text: string; tables: Set<TableId> }>();
  const add = (kind: WordKind, text: string, table: TableId) => {
    const form = skeletonOf(text);
    if (form.length < 2) return;
    const seen = words.get(form);
    // a word that is both a row and something else is a row (2019's "（六）其他处理")
    if (seen) {
      seen.tables.add(table);
      if (kind === 'row') seen.kind = 'row';
      return;
    }
    words.set(form, { kind, text, tables: new Set([table]) });
  };
  const rows: Record<TableId, RowDef[]> = { 二: [], 三: [], 四: [] };
  const columns: Record<TableId, ColumnDef[]> = { 二: [], 三: [], 四: [] };
  for (const version of FORMAT_VERSIONS) {
    const format = FORMATS[version];
    add('note', format.t3Note, '三');
    add('header', T2_ROW_HEADER, '二');
    add('header', T3_COLUMNS_HEADER, '三');
    add('header', T4_LITIGATION, '四');
    for (const table of Object.values(format.tables)) {
      for (const block of table.blocks) {
        // T2's captions open blocks; T4's groups (行政复议 …) are header words
        if (block.caption) add(table.id === '二' ? 'caption' : 'header', block.caption, table.id);
        for (const c of block.columns) {
          if (!columns[table.id].some((x) => x.id === c.id && x.label === c.label))
            columns[table.id].push(c);
          for (const l of [c.label, ...(c.aliases ?? [])]) add('column', l, table.id);
          if (c.group) add('header', c.group, table.id);
        }
        for (const r of block.rows) {
          if (r.group) add('group', r.group, table.id);
          if (!r.label) continue;
          if (!rows[table.id].includes(r)) rows[table.id].push(r);
          add('row', r.label, table.id);
          for (const a of r.aliases ?? []) add('row', a, table.id);
          // T3's rows without their ordinal ("予以公开", "本年新收政府信息公开申请数量"), when
          // the words alone are long enough not to be found inside other words
          const bare = stripOrdinal(r.label);
          if (table.id === '三' && bare !== r.label && skeletonOf(r.key).length >= 4)
            add('row', r.key, table.id);
        }
      }
    }
  }
  const list: Word[] = [...words].map(([form, w]) => ({
    kind: w.kind,
    text: w.text,
    form,
    tables: [...w.tables],
  }));
  const byFirst = new Map<string, Word[]>();
  for (const w of list) {
    const first = w.form[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), w]);
  }
  for (const ws of byFirst.values()) ws.sort((a, b) => b.form.length - a.form.length);
  cached = { words: list, byFirst, rows, columns };
  return cached;
}

/** The vocabulary word a whole text is, if any. */
export function wordOf(text: string): Word | null {
  const form = skeletonOf(text);
  if (!form) return null;
  for (const w of vocabulary().byFirst.get(form[0]!) ?? []) if (w.form === form) return w;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Cutting a run of text into words and numbers.

export type Piece =
  | { readonly kind: 'word'; readonly text: string; readonly word: Word }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string };

/** A number as tables write it: sign or 增/减, digits, decimals, a unit word. */
/** Marks written for an empty cell. */
const BLANK_MARK = /[—–―\-－/／]/u;

const NUMBER_AT =
  /^(?:[+-]|增加|减少|增|减)?\d+(?:[.．]\d+)?(?:万元|元|件|条|项|个|次|份|宗|起|家|人次|人)?/u;

/** The longest vocabulary word starting at skeleton position `s`. */
function wordAt(sk: string, s: number, allowed: (w: Word) => boolean): Word | null {
  for (const w of vocabulary().byFirst.get(sk[s]!) ?? []) {
    if (allowed(w) && sk.startsWith(w.form, s)) return w;
  }
  return null;
}

/**
 * Cuts a run of text (no separators of its own) into vocabulary words and numbers. A number
 * stops where a word starts ("00000002.其他法律…": the 2 opens the next row's label). When
 * the run is not made of words and numbers alone, only long row and group labels are looked
 * for inside it ("三、本年度办理结果（一）予以公开"), and the rest is text.
 */
export function cutRun(run: string): Piece[] {
  const { chars: sk, at } = skeleton(run);
  if (!sk) return run.trim() ? [{ kind: 'text', text: run.trim() }] : [];
  const full = cut(run, sk, at, () => true);
  if (full.every((p) => p.kind !== 'text')) return full;
  const partial = cut(
    run,
    sk,
    at,
    (w) => (w.kind === 'row' || w.kind === 'group') && w.form.length >= 4,
  );
  return partial.some((p) => p.kind !== 'text') ? partial : [{ kind: 'text', text: run.trim() }];
}

type Span = { kind: Piece['kind']; from: number; to: number; word?: Word };

const CLOSING = /[)）\]】〕}>》”’」』]/u;

function cut(
  run: string,
  sk: string,
  at: readonly number[],
  allowed: (w: Word) => boolean,
): Piece[] {
  // skeleton ranges first, then the text of each: a piece runs from where the one before it
  // ended to its last character and the closing brackets or quotes right after it
  const spans: Span[] = [];
  let textFrom = -1;
  const flushText = (end: number) => {
    if (textFrom >= 0) spans.push({ kind: 'text', from: textFrom, to: end });
    textFrom = -1;
  };
  let s = 0;
  while (s < sk.length) {
    const word = wordAt(sk, s, allowed);
    if (word) {
      flushText(s);
      spans.push({ kind: 'word', from: s, to: s + word.form.length, word });
      s += word.form.length;
      continue;
    }
    // a number starts after a non-digit; a delta's sign also right after digits ("102减13")
    const sign = /[+\-增减]/u.test(sk[s]!) && /\d/u.test(sk[s + 1] ?? '');
    const m =
      sign || (/\d/u.test(sk[s]!) && !/[\d.]/u.test(sk[s - 1] ?? ''))
        ? NUMBER_AT.exec(sk.slice(s))
        : null;
    // digits, but not past the start of a word, and not an ordinal ("5.要求…", "3、")
    let len = 0;
    if (m) {
      for (const ch of m[0]) {
        if (len > 0 && /\d/u.test(ch) && wordAt(sk, s + len, allowed)) break;
        len++;
      }
      const after = run.slice(at[s + len - 1]! + 1);
      // an ordinal is one digit: glued figures before it are numbers ("01133.其他": 0113, 3.其他)
      if (/^\s*[.．、](?!\d)/u.test(after) && /^\d+$/u.test(sk.slice(s, s + len))) len -= 1;
    }
    // a dash or slash standing for an empty cell ("其他—40——"): a value of its own
    if (len === 0 && !m && BLANK_MARK.test(sk[s]!)) {
      while (BLANK_MARK.test(sk[s + len] ?? '') && !/\d/u.test(sk[s + len + 1] ?? '')) len++;
      if (len === 0) len = 1;
    }
    if (len > 0) {
      flushText(s);
      spans.push({ kind: 'number', from: s, to: s + len });
      s += len;
      continue;
    }
    if (textFrom < 0) textFrom = s;
    s++;
  }
  flushText(sk.length);
  const out: Piece[] = [];
  let begin = 0;
  for (const [i, span] of spans.entries()) {
    let end = i + 1 < spans.length ? at[span.to - 1]! + 1 : run.length;
    if (i + 1 < spans.length) while (end < run.length && CLOSING.test(run[end]!)) end++;
    const text = run.slice(begin, end).trim();
    begin = end;
    if (!text) continue;
    out.push(
      span.kind === 'word'
        ? { kind: 'word', text, word: span.word! }
        : { kind: span.kind as 'number' | 'text', text },
    );
  }
  return out;
}

/**
 * Whether a piece of text is part of a table word: a label wrapped over lines ("缴纳费用、行政
 * 机关不再处理其", "（二）部分公开（区分处理的，只计这一", "不予公").
 */
export function isWordPiece(text: string): boolean {
  const form = skeletonOf(text);
  if (form.length < 2) return false;
  return vocabulary().words.some((w) => w.form.includes(form));
}
