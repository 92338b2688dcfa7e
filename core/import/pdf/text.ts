/**
 * Text items → lines → runs. pdf.js cuts text wherever the PDF changes font or position (a CJK
 * run drawn with a fallback font for some characters arrives in pieces), so items on one
 * baseline are put back together: into runs where they are close, with a space only between
 * Latin words.
 */
import type { PdfText } from './types';

/** CJK characters, full-width forms and CJK punctuation (curly quotes, dashes, ellipsis). */
const CJK =
  /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2014-\u201f\u2026]/u;
const WORD = /[\p{L}\p{N}]/u;
const DIGIT = /\d/u;

/**
 * Whether a space goes between two pieces of text set side by side (the end of one line and
 * the start of the next, or two items on a line with a visible gap): between Latin words and
 * numbers, never next to a CJK character, never inside a number broken across lines.
 */
export function spaceBetween(left: string, right: string): boolean {
  const a = left.slice(-1);
  const b = right.slice(0, 1);
  if (!a || !b || /\s/u.test(a) || /\s/u.test(b)) return false;
  if (CJK.test(a) || CJK.test(b)) return false;
  if (DIGIT.test(a) && DIGIT.test(b)) return false;
  return WORD.test(a) && WORD.test(b);
}

/** Joins pieces of text (lines of a cell or paragraph): no space between CJK characters. */
export function joinPieces(pieces: readonly string[]): string {
  let out = '';
  for (const raw of pieces) {
    const piece = raw.trim();
    if (!piece) continue;
    out = out && spaceBetween(out, piece) ? `${out} ${piece}` : out + piece;
  }
  return out;
}

/** The width of a text in ems, estimated: CJK and full-width characters 1, others ½. */
export function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += CJK.test(ch) ? 1 : 0.5;
  return n;
}

/** Characters of a text (code points, not UTF-16 units). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The average advance of a character of an item (its width over its characters). */
export function charWidth(item: { text: string; width: number; fontSize: number }): number {
  const n = length(item.text.trim());
  return n > 0 && item.width > 0 ? item.width / n : item.fontSize * 0.5;
}

/** The vertical middle of an item's glyphs (CJK glyphs stand about 0.88 em above the baseline). */
export function middleOf(item: PdfText): number {
  return item.y - item.fontSize * 0.35;
}

export interface Line {
  /** Baseline (of the line's first item). */
  readonly y: number;
  /** The largest font size on the line. */
  readonly size: number;
  readonly x0: number;
  readonly x1: number;
  /** Items left to right. */
  readonly items: readonly PdfText[];
}

/**
 * Items drawn twice (fake bold: the same text offset by a fraction of a point) and empty items
 * are left out; the rest grouped into lines by baseline, top to bottom, items left to right.
 */
export function groupLines(items: readonly PdfText[]): Line[] {
  const sorted = items
    .filter((t) => t.text.trim() !== '' && t.fontSize > 0)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  let current: PdfText[] = [];
  let anchor = 0;
  let size = 0;
  const flush = () => {
    if (!current.length) return;
    current.sort((a, b) => a.x - b.x);
    const kept: PdfText[] = [];
    let x0 = Infinity;
    let x1 = -Infinity;
    let top = 0;
    for (const item of current) {
      // a twin is close by on the left: look back only that far
      let twin = false;
      for (let k = kept.length - 1; k >= 0 && item.x - kept[k]!.x < 0.25 * item.fontSize; k--) {
        if (kept[k]!.text === item.text) twin = true;
      }
      if (twin) continue;
      kept.push(item);
      x0 = Math.min(x0, item.x);
      x1 = Math.max(x1, item.x + item.width);
      top = Math.max(top, item.fontSize);
    }
    lines.push({ y: anchor, size: top, x0, x1, items: kept });
    current = [];
  };
  for (const item of sorted) {
    if (current.length && item.y - anchor > 0.4 * Math.min(size, item.fontSize)) flush();
    if (!current.length) {
      anchor = item.y;
      size = item.fontSize;
    }
    current.push(item);
    size = Math.max(size, item.fontSize);
  }
  flush();
  return lines;
}

export interface Run {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
}

/**
 * A line's items joined into runs: items closer than `gap` × the wider of their average
 * character widths belong to one run (with a space between Latin words set apart by more
 * than a fifth of the font size).
 */
export function lineRuns(line: Line, gap = 1.5): Run[] {
  const runs: { text: string; x0: number; x1: number; last: PdfText }[] = [];
  for (const item of line.items) {
    const text = item.text.replace(/\s+/gu, ' ');
    const prev = runs[runs.length - 1];
    const distance = prev ? item.x - prev.x1 : Infinity;
    if (prev && distance <= gap * Math.max(charWidth(prev.last), charWidth(item))) {
      const spaced =
        distance > 0.2 * item.fontSize && spaceBetween(prev.text.trimEnd(), text.trimStart());
      prev.text = spaced ? `${prev.text.trimEnd()} ${text.trimStart()}` : prev.text + text;
      prev.x1 = Math.max(prev.x1, item.x + item.width);
      prev.last = item;
    } else {
      runs.push({ text, x0: item.x, x1: item.x + item.width, last: item });
    }
  }
  return runs
    .map((r) => ({ text: r.text.trim(), x0: r.x0, x1: r.x1 }))
    .filter((r) => r.text !== '');
}

/** The text of a line: its runs, joined (a space only between Latin words). */
export function lineText(line: Line): string {
  return joinPieces(lineRuns(line, Infinity).map((r) => r.text));
}
