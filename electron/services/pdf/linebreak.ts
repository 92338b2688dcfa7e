/**
 * Chinese line breaking for the PDF: text is cut into unbreakable segments (a character, a
 * number, a Latin word, "——", "……"), set on the grid's character pitch and broken into lines
 * by the 避头尾 rules of GB/T 15834-2011 §5.1 (print.md, "Line breaking"):
 *
 * - closing punctuation never starts a line: the line takes it in by tightening its gaps (at
 *   most 8 % of a character each) or, when that would be too tight, gives its last segments to
 *   the next line ("push out");
 * - opening marks never end a line: they move to the next one;
 * - numbers, years, Latin words, "——" and "……" are never split (unless wider than a line).
 *
 * Every line but a paragraph's last is justified by spreading space evenly between segments
 * (PDFKit's own `justify` only widens spaces, which Chinese text does not have).
 */
import type { FontFace, FontSet, Line, Run, TextStyle, Typesetter, Segment } from './types';

/** Never at the start of a line. */
const NO_START = new Set(Array.from('。，、；：？！”’）〕】》〉」』］｝〗〙…—・·％‰℃．,.;:?!)]}%'));
/** Never at the end of a line. */
const NO_END = new Set(Array.from('“‘（〔【《〈「『［｛〖〘([{'));

/** Characters drawn from the preceding one (combining marks, variation selectors). */
function isMark(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    cp === 0x200d
  );
}

/** ASCII letters, digits and the marks that join them into one unbreakable word or number. */
function isWordChar(cp: number): boolean {
  if (cp >= 0x21 && cp <= 0x7e) return cp !== 0x28 && cp !== 0x5b && cp !== 0x7b; // ( [ {
  return (
    (cp >= 0xff10 && cp <= 0xff19) ||
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a)
  );
}

function isSpaceChar(cp: number): boolean {
  return (
    cp === 0x20 || cp === 0x09 || cp === 0xa0 || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200b)
  );
}

/** Full-width characters: the segments justification spreads, set on the grid pitch. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    cp === 0x2018 ||
    cp === 0x2019 ||
    cp === 0x201c ||
    cp === 0x201d ||
    cp === 0x2014 ||
    cp === 0x2026
  );
}

interface Piece {
  text: string;
  kind: 'wide' | 'word' | 'space' | 'other';
}

/** Splits a text into pieces that must not be broken. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const cp = ch.codePointAt(0)!;
    const prev = out[out.length - 1];
    if (prev && isMark(cp)) {
      prev.text += ch;
      continue;
    }
    if (ch === '—' || ch === '…') {
      let j = i;
      while (chars[j + 1] === ch) j++;
      out.push({ text: chars.slice(i, j + 1).join(''), kind: j > i ? 'other' : 'wide' });
      i = j;
      continue;
    }
    if (isSpaceChar(cp)) {
      if (prev?.kind !== 'space') out.push({ text: ' ', kind: 'space' });
      continue;
    }
    // "2023年", "1月", "27日": a date's number keeps its unit character.
    if (
      (ch === '年' || ch === '月' || ch === '日') &&
      prev?.kind === 'word' &&
      /\d$/u.test(prev.text)
    ) {
      prev.text += ch;
      continue;
    }
    if (isWordChar(cp)) {
      if (prev?.kind === 'word' && !NO_END.has(prev.text.slice(-1))) prev.text += ch;
      else out.push({ text: ch, kind: 'word' });
      continue;
    }
    out.push({ text: ch, kind: isWide(cp) ? 'wide' : 'other' });
  }
  return out.flatMap(splitWord);
}

/** Longer than this, a Latin word (a URL, a file name) may break between any characters. */
const LONG_WORD = 12;

/**
 * A word's trailing sentence punctuation ("2023." "95%,") is its own segment, kept off the next
 * line's start by the line breaker. A long word with letters (a URL) may break anywhere; a
 * number never does.
 */
function splitWord(piece: Piece): Piece[] {
  if (piece.kind !== 'word') return [piece];
  const m = /^(.*?[^,.;:?!)\]}])([,.;:?!)\]}]+)$/u.exec(piece.text);
  const head = m ? m[1]! : piece.text;
  const tail = m ? Array.from(m[2]!).map((c): Piece => ({ text: c, kind: 'other' })) : [];
  const chars = Array.from(head);
  const body: Piece[] =
    chars.length > LONG_WORD && /[A-Za-z]/u.test(head)
      ? chars.map((c) => ({ text: c, kind: 'other' }))
      : [{ text: head, kind: 'word' }];
  return [...body, ...tail];
}

/** Per-face cache of measured advance widths (units per em), keyed by text. */
const advances = new WeakMap<FontFace, Map<string, number>>();

function advance(face: FontFace, text: string): number {
  let cache = advances.get(face);
  if (!cache) advances.set(face, (cache = new Map()));
  let width = cache.get(text);
  if (width === undefined) {
    width = face.font.layout(text).advanceWidth / face.font.unitsPerEm;
    cache.set(text, width);
  }
  return width;
}

function firstChar(segment: Segment): string {
  return Array.from(segment.text)[0] ?? '';
}

function lastChar(segment: Segment): string {
  return Array.from(segment.text).at(-1) ?? '';
}

const noStart = (u: Segment): boolean => NO_START.has(firstChar(u));
const noEnd = (u: Segment): boolean => NO_END.has(lastChar(u));
const isSpace = (u: Segment): boolean => u.text === ' ';

/** Cached results per typesetter are dropped beyond this many entries. */
const CACHE_LIMIT = 20_000;

const typesetters = new WeakMap<FontSet, Typesetter>();

/**
 * The typesetter of a font set: one per set, so that what was measured and broken once (table
 * labels, headings, every paragraph left unchanged between two previews) is reused.
 */
export function createTypesetter(fonts: FontSet): Typesetter {
  let ts = typesetters.get(fonts);
  if (!ts) typesetters.set(fonts, (ts = newTypesetter(fonts)));
  return ts;
}

function newTypesetter(fonts: FontSet): Typesetter {
  const segmentCache = new Map<string, Segment[]>();
  const lineCache = new Map<string, Line[]>();
  function runsOf(text: string, style: TextStyle): Run[] {
    const runs: Run[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const last = runs[runs.length - 1];
      const face = isMark(cp) && last ? last.face : fonts.faceFor(style.role, cp);
      if (last && last.face === face) {
        runs[runs.length - 1] = { text: last.text + ch, face, width: 0 };
      } else {
        runs.push({ text: ch, face, width: 0 });
      }
    }
    return runs.map((r) => ({ ...r, width: advance(r.face, r.text) * style.size }));
  }

  function segmentOf(piece: Piece, style: TextStyle): Segment {
    const runs = runsOf(piece.text, style);
    return {
      text: piece.text,
      runs,
      width: runs.reduce((s, r) => s + r.width, 0),
      cjk: piece.kind === 'wide',
    };
  }

  function segments(text: string, style: TextStyle): Segment[] {
    const key = `${style.role}|${style.size}|${text}`;
    let list = segmentCache.get(key);
    if (!list) {
      if (segmentCache.size > CACHE_LIMIT) segmentCache.clear();
      list = pieces(text).map((p) => segmentOf(p, style));
      segmentCache.set(key, list);
    }
    return list;
  }

  /** Splits segments wider than `max` into their characters (a URL longer than a line). */
  function splitWide(list: Segment[], max: number, style: TextStyle): Segment[] {
    if (!list.some((u) => u.width > max)) return list;
    const out: Segment[] = [];
    for (const u of list) {
      if (u.width <= max || Array.from(u.text).length === 1) out.push(u);
      else for (const ch of u.text) out.push(segmentOf({ text: ch, kind: 'other' }, style));
    }
    return out;
  }

  function lines(
    text: string,
    style: TextStyle,
    width: number,
    options: { firstIndent?: number; pitch?: number; justifyLast?: boolean } = {},
  ): Line[] {
    const key = `${style.role}|${style.size}|${width}|${options.firstIndent ?? 0}|${options.pitch ?? ''}|${options.justifyLast ? 1 : 0}|${text}`;
    let cached = lineCache.get(key);
    if (!cached) {
      if (lineCache.size > CACHE_LIMIT) lineCache.clear();
      cached = breakLines(text, style, width, options);
      lineCache.set(key, cached);
    }
    return cached;
  }

  function breakLines(
    text: string,
    style: TextStyle,
    width: number,
    options: { firstIndent?: number; pitch?: number; justifyLast?: boolean },
  ): Line[] {
    const indent = options.firstIndent ?? 0;
    // The grid sets full-width characters on `pitch`: the base gap after each segment.
    const base = options.pitch === undefined ? 0 : options.pitch - style.size;
    const out: Line[] = [];
    const hardLines = text.split(/\r\n|\r|\n/u);
    hardLines.forEach((hard, h) => {
      let list = splitWide(segments(hard, style), width - (h === 0 ? indent : 0), style);
      let first = h === 0;
      if (list.length === 0) {
        out.push(makeLine([], style, base, first ? width - indent : width, true));
        return;
      }
      while (list.length > 0) {
        while (list.length > 0 && isSpace(list[0]!)) list = list.slice(1);
        if (list.length === 0) break;
        const avail = first ? width - indent : width;
        const end = breakAt(list, avail, base, style.size);
        let lineSegments = list.slice(0, end);
        list = list.slice(end);
        while (lineSegments.length > 1 && isSpace(lineSegments[lineSegments.length - 1]!)) {
          lineSegments = lineSegments.slice(0, -1);
        }
        const last = list.every(isSpace);
        out.push(makeLine(lineSegments, style, base, avail, last && !options.justifyLast));
        first = false;
      }
    });
    return out;
  }

  function width(text: string, style: TextStyle): number {
    return segments(text, style).reduce((s, u) => s + u.width, 0);
  }

  function ascent(style: TextStyle): number {
    // Chinese faces sit in an em box whose ideographic bottom is 0.12 em below the baseline;
    // every role and fallback face shares this line, whatever its own ascender says.
    return EM_ASCENT * style.size;
  }

  return { fonts, segments, lines, width, ascent };
}

/** Width the segments take with `gap` after each (the trailing gap counts: it is the grid cell). */
function extent(list: readonly Segment[], from: number, to: number, gap: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += list[i]!.width + gap;
  return w;
}

const EPSILON = 0.01;

/** The most a push-in may tighten each gap of a line, in em. */
const PUSH_IN = 0.08;

/** From the top of a Chinese em box to the baseline, in em. */
export const EM_ASCENT = 0.88;

/** How far back a URL's line break may move to fall after a separator, in characters. */
const URL_LOOKBACK = 8;
const URL_BREAK_AFTER = new Set(Array.from('/.-_?&=@'));

/** A single ASCII character of a word broken into characters (see splitWord). */
function isUrlChar(segment: Segment): boolean {
  const { cjk, text } = segment;
  return !cjk && text.length === 1 && text > ' ' && text <= '~';
}

/** Whether a line may end after `list[e - 1]` (and the next begin with `list[e]`). */
function canBreak(list: readonly Segment[], e: number): boolean {
  return e >= 1 && (e >= list.length || !(noStart(list[e]!) || noEnd(list[e - 1]!)));
}

/** Index after the last segment of the first line of `list`. */
function breakAt(list: readonly Segment[], avail: number, base: number, size: number): number {
  let end = 0;
  let used = 0;
  while (end < list.length && used + list[end]!.width + base <= avail + EPSILON) {
    used += list[end]!.width + base;
    end++;
  }
  if (end >= list.length) return list.length;
  if (end === 0) return 1;
  // The closing marks that would start the next line.
  let marks = end;
  while (marks < list.length && noStart(list[marks]!)) marks++;
  // Push in: up to two of them join this line when the line can absorb them by tightening
  // each gap by at most 8 % of a character (a body line: about a character in all).
  if (marks > end && marks - end <= 2 && canBreak(list, marks)) {
    const over = extent(list, 0, marks, base) - avail;
    if (over <= Math.min(size * (marks - end), PUSH_IN * size * (marks - 1))) return marks;
  }
  // Inside a long word (a URL broken into characters): rather after a / . - _ ? & = or @,
  // or before the word.
  if (isUrlChar(list[end - 1]!) && isUrlChar(list[end]!)) {
    for (let e = end; e >= Math.max(1, end - URL_LOOKBACK); e--) {
      // the word's start is near: it goes to the next line whole
      if (!isUrlChar(list[e - 1]!)) {
        if (canBreak(list, e)) return e;
        break;
      }
      if (URL_BREAK_AFTER.has(list[e - 1]!.text) && canBreak(list, e)) return e;
    }
  }
  // Push out: the line ends earlier, its last segments go along to the next line.
  for (let e = end; e >= 1; e--) if (canBreak(list, e)) return e;
  // Nowhere to break by the rules (a narrow cell): take the marks in however tight, else break.
  return marks > end ? marks : end;
}

function makeLine(
  list: Segment[],
  style: TextStyle,
  base: number,
  avail: number,
  last: boolean,
): Line {
  const natural = list.reduce((s, u) => s + u.width, 0);
  const gaps = list.length - 1;
  let gap = base;
  // Justified; a last line keeps the grid's spacing unless a pushed-in mark needs it tighter.
  if (gaps > 0 && (!last || natural + base * gaps > avail)) gap = (avail - natural) / gaps;
  // A last line (or one of a single segment) keeps the grid's spacing.
  return { segments: list, natural, gap, width: natural + gap * Math.max(0, gaps), style };
}
