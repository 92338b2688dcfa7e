/**
 * Which official row a record's label names. Labels come whole ("1.属于国家秘密"), with their
 * group in front ("（三）不予公开 1.属于国家秘密", in one cell or two), split over two cells
 * ("1.属于 | 国家秘密"), cut short ("4.保护第三方合"), or wrapped over lines with pieces of
 * group labels around them (text laid out with spaces: "开 5.属于三类内部事务信息",
 * "（六） 1.申请人无正当理由逾期不补 其他处 正、行政机关不再处理其政府信"). The most specific
 * reading wins; a label that could be two rows is no row.
 */
import type { RowDef } from '../../formats';
import type { Cell } from './lines';
import { matchLabel, skeletonOf, type LabelMatch } from './vocabulary';

export interface RowHit<T extends RowDef = RowDef> {
  readonly def: T;
  readonly match: LabelMatch;
  /** The label as written (kept on the row when it is not an accepted form). */
  readonly text: string;
}

interface Forms {
  /** Skeleton of the official label, ordinal included. */
  readonly full: string;
  /** Skeletons of the key words and aliases (ordinal-less), when long enough to stand alone. */
  readonly bare: readonly string[];
}

const formCache = new WeakMap<RowDef, Forms>();

function formsOf(def: RowDef): Forms {
  let f = formCache.get(def);
  if (!f) {
    const bare = [def.key, ...(def.aliases ?? [])].map(skeletonOf).filter((s) => s.length >= 4);
    f = { full: skeletonOf(def.label), bare };
    formCache.set(def, f);
  }
  return f;
}

/** Whether the characters of `rest` appear in `text` in order (a wrapped label's remainder). */
function inOrder(rest: string, text: string): boolean {
  let i = 0;
  for (const ch of text) if (ch === rest[i]) i++;
  return i >= rest.length;
}

/**
 * The row a label (its cells, outermost first) names. `after` is text that follows the
 * record and may hold the end of a wrapped label.
 */
export function identifyRow<T extends RowDef>(
  labels: readonly Cell[],
  rows: readonly T[],
  after = '',
): RowHit<T> | null {
  const texts = labels.map((c) => c.text.trim()).filter(Boolean);
  if (!texts.length) return null;
  // a label cut short is whole when the rest of it follows (wrapped over lines)
  const settled = (def: T, match: LabelMatch, text: string, from: number): RowHit<T> => {
    if (match === 'exact') return { def, match, text };
    const full = formsOf(def).full;
    const got = skeletonOf(text);
    const cut = full.indexOf(got);
    const rest = cut >= 0 ? full.slice(cut + got.length) : full;
    const later = skeletonOf(texts.slice(from + 1).join('') + after);
    return { def, match: rest && inOrder(rest, later) ? 'exact' : 'partial', text };
  };
  // 1. a cell that is a label, the rightmost (the most specific: a row, not its group) — unless
  // text it does not explain follows it and a longer label wraps around it: in text laid out
  // in columns, a piece of a group label ("其他" of "（六）其他处理") can stand between the two
  // halves of a row's label ("1.申请人无正当理由逾期不补 其他 正、行政机关不再处理…")
  for (let i = texts.length - 1; i >= 0; i--) {
    const m = matchLabel(texts[i]!, rows);
    if (!m) continue;
    if (i < texts.length - 1) {
      const around = wrappedPrefix(skeletonOf(texts.join('')), skeletonOf(after), rows);
      if (around && around.def !== m.def && around.len > skeletonOf(texts[i]!).length) {
        return {
          def: around.def,
          match: around.complete ? 'exact' : 'partial',
          text: texts.join(''),
        };
      }
    }
    return settled(m.def, m.match, texts[i]!, i);
  }
  // 2. two neighbouring cells that together are a label
  for (let i = texts.length - 2; i >= 0; i--) {
    const joined = texts[i]! + texts[i + 1]!;
    const m = matchLabel(joined, rows);
    if (m) return settled(m.def, m.match, joined, i + 1);
  }
  const all = texts.join('');
  const sk = skeletonOf(all);
  // 3. an official label inside the text: the one that ends last, then the longest
  let best: { def: T; end: number; len: number } | null = null;
  let tie = false;
  for (const def of rows) {
    const f = formsOf(def);
    for (const form of [f.full, ...f.bare]) {
      if (!form) continue;
      const at = sk.lastIndexOf(form);
      if (at < 0) continue;
      const end = at + form.length;
      if (!best || end > best.end || (end === best.end && form.length > best.len)) {
        best = { def, end, len: form.length };
        tie = false;
      } else if (best.def !== def && end === best.end && form.length === best.len) tie = true;
    }
  }
  if (best && !tie) return { def: best.def, match: 'exact', text: all };
  // 4. the beginning of a label, wrapped: the longest official beginning found in the text
  const prefix = wrappedPrefix(sk, skeletonOf(after), rows);
  if (prefix) return { def: prefix.def, match: prefix.complete ? 'exact' : 'partial', text: all };
  return null;
}

/**
 * The longest official label beginning (6 characters at least) found in a skeleton, and whether
 * the rest of that label follows in order (in the text or in `tail`). Two rows with the same
 * longest beginning: none.
 */
function wrappedPrefix<T extends RowDef>(
  sk: string,
  tail: string,
  rows: readonly T[],
): { def: T; len: number; complete: boolean } | null {
  let prefix: { def: T; len: number; complete: boolean } | null = null;
  let tie = false;
  for (const def of rows) {
    const full = formsOf(def).full;
    if (full.length < 6) continue;
    for (let len = full.length - 1; len >= 6; len--) {
      const at = sk.lastIndexOf(full.slice(0, len));
      if (at < 0) continue;
      const rest = full.slice(len);
      const complete = inOrder(rest, sk.slice(at + len) + tail);
      if (!prefix || len > prefix.len) {
        prefix = { def, len, complete };
        tie = false;
      } else if (len === prefix.len && prefix.def !== def) tie = true;
      break;
    }
  }
  return prefix && !tie ? prefix : null;
}
