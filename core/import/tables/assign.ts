/**
 * Which value goes in which column of an identified row. The readings tried, in order:
 * the values after the label, exactly as many as the columns (in the header's order, or the
 * official one); the grid positions the header gives; and, when values are fewer than the
 * columns, the readings the table's own arithmetic confirms — where glued digits split
 * ("230 000023" → 23 0 0 0 0 0 23) or which cells a line laid out with spaces lost. A cell is
 * placed only when every confirmed reading agrees on the whole row; otherwise nothing is
 * placed and the row is reported: a blank is better than a wrong number.
 */
import type { ColumnDef } from '../../formats';
import { kindOf, type Cell } from './lines';
import { isNumberLike } from './vocabulary';

export type Reading = Record<string, string>;

export type Assignment =
  | { readonly kind: 'placed'; readonly cells: Reading }
  /** Several readings fit and the row alone cannot tell: the table's arithmetic may. */
  | { readonly kind: 'open'; readonly readings: readonly Reading[]; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

export interface Layout {
  /** The columns to fill, in the order the values come (header order or official). */
  readonly order: readonly ColumnDef[];
  /** Grid positions of the columns, from the header (grids only). */
  readonly positions: ReadonlyMap<string, number> | null;
  /**
   * Whether the header named these columns in this order. A layout that is only the official
   * order (a header that names too little) must not contradict the row's own arithmetic.
   */
  readonly named: boolean;
}

export const REASON_COUNT = '数值的个数与表头的列数对不上';
export const REASON_GLUED = '数字连在一起，无法唯一确定如何拆分';
export const REASON_LOST = '部分空白单元格丢失，无法确定数值所在的列';
export const REASON_UNCONFIRMED = '表头不完整，且数值与本行合计对不上，无法确定各数值所在的列';

/** Readings tried for one row under the official order alone (no header named the columns). */
const MAX_UNNAMED_READINGS = 20;
/** At most this many readings are tried for one row (glued digits of a long row). */
const MAX_READINGS = 20000;

function zip(order: readonly ColumnDef[], values: readonly string[]): Reading {
  const out: Reading = {};
  order.forEach((c, i) => (out[c.id] = values[i] ?? ''));
  return out;
}

function distinct(readings: readonly Reading[]): Reading[] {
  const seen = new Set<string>();
  const out: Reading[] = [];
  for (const r of readings) {
    const key = JSON.stringify(Object.entries(r));
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}

/**
 * The value sequences a record's values can be read as, most literal first; `soft` when the
 * sequence counts an empty cell that may be a separator.
 */
function sequences(values: readonly Cell[], n: number): { seq: string[]; soft: boolean }[] {
  const texts = values.map((c) => c.text.trim());
  const hard = values.filter((c) => !c.soft).map((c) => c.text.trim());
  const anySoft = values.some((c) => c.soft);
  const out = [
    { seq: texts, soft: anySoft },
    { seq: hard, soft: false },
  ];
  for (const { seq: base, soft } of [...out]) {
    // empty cells beyond the columns at either end: a wider grid, a row end
    const seq = [...base];
    while (seq.length > n && seq[seq.length - 1] === '') seq.pop();
    while (seq.length > n && seq[0] === '') seq.shift();
    out.push({ seq, soft });
  }
  return out.filter((s) => s.seq.length === n);
}

/** A token glued digits may be cut from: a sign, digits, decimals and a unit. */
const GLUED_TOKEN = /^([+-]|增加|减少|增|减)?(\d+)((?:\.\d+)?(?:元|万元)?)$/u;

/**
 * Ways to split digit runs into exactly `n` numbers (no leading zeros but "0"); only the
 * tokens marked splittable may split.
 */
export function splits(
  tokens: readonly string[],
  n: number,
  splittable: readonly boolean[],
): string[][] {
  const out: string[][] = [];
  const parts = tokens.map((t) => t.normalize('NFKC').replace(/\s+/gu, ''));
  if (parts.some((p) => !GLUED_TOKEN.test(p))) return out;
  const rec = (i: number, acc: string[]) => {
    if (out.length > MAX_READINGS) return;
    if (i === parts.length) {
      if (acc.length === n) out.push([...acc]);
      return;
    }
    if (!splittable[i]) {
      rec(i + 1, [...acc, tokens[i]!.trim()]);
      return;
    }
    const left = parts.length - i - 1; // tokens after this one: each gives at least one number
    const m = GLUED_TOKEN.exec(parts[i]!)!;
    // a delta's sign belongs to its first number, its decimals and unit to its last
    const sign = m[1] ?? '';
    const digits = m[2]!;
    const suffix = m[3]!;
    const cut = (pos: number, got: string[]) => {
      if (acc.length + got.length + left > n) return;
      if (pos === digits.length) {
        const last = got.length - 1;
        rec(i + 1, [...acc, ...got.slice(0, last), got[last]! + suffix]);
        return;
      }
      for (let end = pos + 1; end <= digits.length; end++) {
        const num = digits.slice(pos, end);
        if (num.length > 1 && num[0] === '0') break;
        cut(end, [...got, pos === 0 ? sign + num : num]);
      }
    };
    cut(0, []);
  };
  rec(0, []);
  return out;
}

/** Ways to place `values` in `n` columns keeping their order, the other columns blank. */
function placements(values: readonly string[], n: number): string[][] {
  const out: string[][] = [];
  const rec = (vi: number, col: number, acc: string[]) => {
    if (out.length > MAX_READINGS) return;
    if (vi === values.length) {
      out.push([...acc, ...Array(n - col).fill('')]);
      return;
    }
    for (let c = col; c <= n - (values.length - vi); c++) {
      rec(vi + 1, c + 1, [...acc, ...Array(c - col).fill(''), values[vi]!]);
    }
  };
  rec(0, 0, []);
  return out;
}

export interface RecordValues {
  readonly values: readonly Cell[];
  readonly row: readonly Cell[] | null;
  readonly lossy: boolean;
  /** Grid column of the row's label (-1: none). */
  readonly labelAt: number;
}

export type Placed = Assignment & { readonly layout: Layout };

/**
 * Assigns a record's values to the columns of one of the layouts. `check` tells whether a
 * reading agrees with the row's own arithmetic (null: nothing to check). Readings that take
 * the values as they stand come first, in every layout; only then readings that split glued
 * digits or put back lost blanks.
 */
export function assign(
  record: RecordValues,
  layouts: readonly Layout[],
  check: (reading: Reading) => boolean | null,
): Placed {
  let first: Placed | null = null;
  for (const layout of layouts) {
    const a = literal(record, layout, check);
    if (a.kind === 'placed') return { ...a, layout };
    if (a.kind === 'open') first ??= { ...a, layout };
  }
  if (first) return first;
  let failed: Placed | null = null;
  // splitting digits or putting back blanks finds a reading that happens to add up more often
  // than one would think: only under a header that named its columns, when there is one (a
  // table without its total column must not be read as the official seven columns)
  const trusted = layouts.some((l) => l.named) ? layouts.filter((l) => l.named) : layouts;
  for (const layout of trusted) {
    const a = enumerated(record, layout, check);
    if (a.kind !== 'failed') return { ...a, layout };
    failed ??= { ...a, layout };
  }
  return (
    failed ?? {
      kind: 'failed',
      reason: REASON_COUNT,
      layout: { order: [], positions: null, named: false },
    }
  );
}

/** Readings of the values as they stand: by their number, else by grid positions. */
function literal(
  record: RecordValues,
  layout: Layout,
  check: (reading: Reading) => boolean | null,
): Assignment {
  const n = layout.order.length;
  // an empty cell that may be a separator counts only under a header naming every column
  const seqs = sequences(record.values, n).filter((s) => layout.named || !s.soft);
  if (seqs.length) {
    const readings = distinct(seqs.map((s) => zip(layout.order, s.seq))).filter(
      (r) => layout.named || check(r) !== false,
    );
    if (!readings.length) return { kind: 'failed', reason: REASON_UNCONFIRMED };
    if (readings.length === 1) return { kind: 'placed', cells: readings[0]! };
    const confirmed = readings.filter((r) => check(r) !== false);
    if (confirmed.length === 1) return { kind: 'placed', cells: confirmed[0]! };
    return { kind: 'open', readings: confirmed, reason: REASON_COUNT };
  }
  // a grid row: the header's positions
  if (record.row && layout.positions && layout.positions.size === n) {
    const cells: Reading = {};
    let ok = true;
    for (const c of layout.order) {
      const cell = record.row.find((x) => x.col === layout.positions!.get(c.id));
      if (cell && kindOf(cell) !== 'value' && kindOf(cell) !== 'empty') ok = false;
      cells[c.id] = cell?.text.trim() ?? '';
    }
    // every number of the row must be in a column
    const placed = new Set(layout.positions.values());
    const stray = record.row.some(
      (x) =>
        x.col !== undefined &&
        x.col > record.labelAt &&
        !x.spanned &&
        !placed.has(x.col) &&
        isNumberLike(x.text),
    );
    if (ok && !stray) return { kind: 'placed', cells };
  }
  return { kind: 'failed', reason: REASON_COUNT };
}

/** Readings with fewer values than columns: glued digits split, or lost blanks put back. */
function enumerated(
  record: RecordValues,
  layout: Layout,
  check: (reading: Reading) => boolean | null,
): Assignment {
  const n = layout.order.length;
  // (an empty cell written as such is a blank in its place: no reading moves values past it)
  const hardEmpty = record.values.some((c) => !c.soft && c.text.trim() === '');
  const hard = record.values.filter((c) => !c.soft && c.text.trim() !== '');
  const texts = hard.map((c) => c.text.trim());
  if (hardEmpty || texts.length === 0 || texts.length >= n || !texts.every(isNumberLike)) {
    return { kind: 'failed', reason: REASON_COUNT };
  }
  // digits glued together: cut from a run without separators, or written with a leading zero
  // and once one number of the row is glued, any other of its numbers may be too ("00 077 75
  // 89" is 0 0 0 77 7 5 89)
  const gluedHere = hard.some((c) => c.glued === true || /^0\d/u.test(c.text.trim()));
  const splittable = hard.map((c) => gluedHere && /\d{2,}/u.test(c.text.normalize('NFKC')));
  const glued = splittable.some(Boolean);
  const candidates: string[][] = [];
  if (glued) candidates.push(...splits(texts, n, splittable));
  if (record.lossy) candidates.push(...placements(texts, n));
  if (!candidates.length || candidates.length > MAX_READINGS) {
    return { kind: 'failed', reason: glued ? REASON_GLUED : REASON_COUNT };
  }
  const readings = distinct(candidates.map((s) => zip(layout.order, s)));
  // without a header that names the columns, nothing says the row has a total at all: among
  // many readings one adds up by chance (16 glued digits split into 7 give 5,005 readings)
  if (!layout.named && readings.length > MAX_UNNAMED_READINGS) {
    return { kind: 'failed', reason: glued ? REASON_GLUED : REASON_LOST };
  }
  const confirmed = readings.filter((r) => check(r) === true);
  if (confirmed.length === 1) return { kind: 'placed', cells: confirmed[0]! };
  // (a reading nothing confirms is never placed, even the only one: "719" splits into 7 1 9
  // alone, but was 7, a blank and 19)
  const reason = glued ? REASON_GLUED : REASON_LOST;
  return confirmed.length
    ? { kind: 'open', readings: confirmed, reason }
    : { kind: 'failed', reason };
}
