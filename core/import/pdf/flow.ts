/**
 * The pages' text outside ruled tables → paragraphs and layout blocks, in reading order with
 * the tables. Running headers and footers and page numbers are left out; lines are joined into
 * paragraphs unless one ends short of the right margin, the next is indented or set apart, the
 * font size changes, or the next starts a heading; consecutive lines with runs set apart by wide
 * gaps (a table drawn without rules) become a layout block.
 */
import type { DocBlock, Span } from '../doc';
import type { GridCell } from '../doc';
import { ruledTables, struckThrough, type RuledTable } from './rules';
import { ems, groupLines, joinPieces, lineRuns, lineText, type Line, type Run } from './text';
import type { PdfPage } from './types';

/** A line of text outside tables, with its runs and its page. */
interface TextLine {
  readonly page: number;
  readonly line: Line;
  readonly runs: readonly Run[];
  readonly text: string;
}

type Element =
  | { readonly kind: 'line'; readonly top: number; readonly value: TextLine }
  | {
      readonly kind: 'table';
      readonly top: number;
      readonly value: RuledTable;
      readonly page: number;
    };

/** The outer band of a page (top and bottom) where running headers and footers stand. */
const BAND = 0.1;

const PAGE_NUMBER: readonly RegExp[] = [
  /^[-—–－―‒~～·•.\s]*\d{1,4}[-—–－―‒~～·•.\s]*$/u, // 3, - 3 -, — 3 —
  /^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/u, // 第 3 页, 第3页 共10页
  /^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$/u,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/u, // 3/10
  /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/iu,
  /^[-—–－\s]*[ivxlc]{1,6}[-—–－\s]*$/iu, // — iii —
];

export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && PAGE_NUMBER.some((re) => re.test(t));
}

/** A line's text with its digits made alike, to find the same header on every page. */
function furnitureKey(text: string): string {
  return text.replace(/\s+/gu, '').replace(/\d+/gu, '#');
}

/** Lines in the outer bands that are page numbers, or the same text on several pages. */
function furniture(pages: readonly PdfPage[], lines: readonly TextLine[][]): Set<TextLine> {
  const out = new Set<TextLine>();
  const band = (p: number, l: TextLine) => {
    const h = pages[p]!.height;
    return l.line.y < h * BAND + l.line.size || l.line.y > h * (1 - BAND);
  };
  const seen = new Map<string, Set<number>>();
  lines.forEach((pageLines, p) => {
    for (const l of pageLines) {
      if (!band(p, l)) continue;
      if (isPageNumber(l.text)) out.add(l);
      const key = `${l.line.y < pages[p]!.height / 2 ? 'top' : 'bottom'}:${furnitureKey(l.text)}`;
      let where = seen.get(key);
      if (!where) seen.set(key, (where = new Set()));
      where.add(p);
    }
  });
  if (pages.length >= 2) {
    lines.forEach((pageLines, p) => {
      for (const l of pageLines) {
        if (!band(p, l)) continue;
        const key = `${l.line.y < pages[p]!.height / 2 ? 'top' : 'bottom'}:${furnitureKey(l.text)}`;
        const count = seen.get(key)?.size ?? 0;
        if (count >= 2 && count >= pages.length / 2) out.add(l);
      }
    });
  }
  return out;
}

/** A line that starts a heading: 一、… or （一）… */
const HEADING_START =
  /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])/u;

interface Margins {
  readonly left: number;
  readonly right: number;
  /** Usual distance between the baselines of consecutive lines of a paragraph. */
  readonly pitch: number;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Lines long enough to reach both margins when they are not a paragraph's last. */
function bodyLines(lines: readonly TextLine[]): TextLine[] {
  return lines.filter((l) => [...l.text].length >= 8);
}

/**
 * Text margins of a set of pages: most lines of a paragraph start at the left margin and run
 * to the right one, so the outer few percent of line starts and ends (a line sticking out, a
 * page of indented short paragraphs, do not move them).
 */
function textMargins(lines: readonly TextLine[]): { left: number; right: number } | null {
  const body = bodyLines(lines);
  if (body.length < 3) return null;
  return {
    left: quantile(
      body.map((l) => l.line.x0),
      0.05,
    ),
    right: quantile(
      body.map((l) => l.line.x1),
      0.95,
    ),
  };
}

/** Usual distance between the baselines of a page's consecutive lines of one size. */
function linePitch(lines: readonly TextLine[]): number {
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!.line;
    const b = lines[i]!.line;
    if (Math.abs(a.size - b.size) < 0.5 && b.y > a.y) pitches.push(b.y - a.y);
  }
  return pitches.length ? quantile(pitches, 0.3) : 0;
}

/** Whether a line runs (nearly) to the right margin: the paragraph goes on. */
function isFull(l: TextLine, m: Margins): boolean {
  return l.line.x1 >= m.right - 1.6 * l.line.size;
}

/**
 * Whether the line ends short only because the next line's first word (Latin letters, digits,
 * a web address) did not fit in the space left: lines wrap before a word, not inside it.
 */
function wrappedWord(prev: TextLine, next: TextLine, m: Margins): boolean {
  const word = /^[^\s\u2e80-\u9fff]+/u.exec(next.text)?.[0];
  if (!word || !/[A-Za-z0-9]/u.test(word)) return false;
  return ems(word) * next.line.size > m.right - prev.line.x1 - 0.5 * prev.line.size;
}

/** Whether `next` continues the paragraph whose last line is `prev`. */
function continues(
  prev: TextLine,
  next: TextLine,
  m: Margins,
  mNext: Margins,
  adjacent: boolean,
): boolean {
  if (!isFull(prev, m) && !wrappedWord(prev, next, m)) return false;
  if (Math.abs(prev.line.size - next.line.size) > 1) return false;
  // an indented first line, or a line starting well right of the margin (a 落款, a centred line)
  if (next.line.x0 > mNext.left + 1.2 * next.line.size) return false;
  if (HEADING_START.test(next.text) && !isFull(next, mNext)) return false;
  if (adjacent) {
    // on the same page: set apart by more than the usual line distance
    const gap = next.line.y - prev.line.y;
    if (m.pitch > 0 && gap > m.pitch * 1.35) return false;
    if (gap > 2.5 * next.line.size) return false;
  }
  return true;
}

/** Whether a line's runs stand apart like a table's columns. */
function isColumnar(l: TextLine): boolean {
  return l.runs.length >= 2;
}

/**
 * Layout blocks: two or more columnar lines, with at most three short one-run lines between
 * them (wrapped labels) and after them (the last row's wrapped label: close below, in the first
 * column, not a heading); they stop at a large vertical gap.
 */
function layoutRanges(lines: readonly TextLine[], m: Margins | null): [number, number][] {
  const ranges: [number, number][] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isColumnar(lines[i]!)) {
      i++;
      continue;
    }
    let end = i; // last columnar line of the block
    let columnar = 1;
    let j = i + 1;
    while (j < lines.length) {
      const prev = lines[j - 1]!;
      const l = lines[j]!;
      if (
        l.page !== prev.page ||
        l.line.y - prev.line.y > 3 * Math.max(l.line.size, prev.line.size)
      )
        break;
      if (isColumnar(l)) {
        end = j;
        columnar++;
        j++;
        continue;
      }
      if (j - end > 3 || (m && isFull(l, m))) break;
      j++;
    }
    if (columnar >= 2) {
      // wrapped labels of the last row, just below it
      const first = lines[i]!.line.x0;
      let k = end + 1;
      while (
        k < lines.length &&
        k - end <= 3 &&
        !isColumnar(lines[k]!) &&
        lines[k]!.page === lines[k - 1]!.page &&
        lines[k]!.line.y - lines[k - 1]!.line.y <= 1.5 * lines[k]!.line.size &&
        Math.abs(lines[k]!.line.x0 - first) <= lines[k]!.line.size &&
        !HEADING_START.test(lines[k]!.text) &&
        !(m && isFull(lines[k]!, m))
      )
        k++;
      ranges.push([i, k - 1]);
      i = k;
    } else i++;
  }
  return ranges;
}

/** Reads the text of every page into blocks: paragraphs, ruled tables and layout blocks. */
export function pagesToBlocks(pages: readonly PdfPage[]): DocBlock[] {
  const perPage: Element[][] = [];
  const pageLines: TextLine[][] = [];
  pages.forEach((page, p) => {
    const struck = struckThrough(page.rules, page.texts);
    const texts = struck.size ? page.texts.flatMap((t) => struck.get(t) ?? [t]) : page.texts;
    const tables = ruledTables(page.rules, texts);
    const inTables = new Set(tables.flatMap((t) => t.texts));
    const free = texts.filter((t) => !inTables.has(t));
    const lines = groupLines(free).map((line): TextLine => ({
      page: p,
      line,
      runs: lineRuns(line),
      text: lineText(line),
    }));
    pageLines.push(lines);
    perPage.push([
      ...tables.map((t): Element => ({ kind: 'table', top: t.table.y0, value: t.table, page: p })),
      ...lines.map((l): Element => ({ kind: 'line', top: l.line.y - l.line.size, value: l })),
    ]);
  });
  const skip = furniture(pages, pageLines);

  // margins: the document's, of odd and even pages apart (mirrored margins), with each page's
  // own line pitch
  const kept = pageLines.map((lines) => lines.filter((l) => !skip.has(l)));
  const all = textMargins(kept.flat());
  const byParity = [0, 1].map(
    (parity) => textMargins(kept.filter((_, p) => p % 2 === parity).flat()) ?? all,
  );
  const pageMargins = kept.map((lines, p): Margins | null => {
    const m =
      bodyLines(kept.filter((_, q) => q % 2 === p % 2).flat()).length >= 10 ? byParity[p % 2] : all;
    return m ? { ...m, pitch: linePitch(lines) } : null;
  });

  // one stream of elements: lines and tables, page after page, top to bottom
  const stream = perPage.flatMap((elements) =>
    elements.filter((e) => e.kind === 'table' || !skip.has(e.value)).sort((a, b) => a.top - b.top),
  );

  const blocks: DocBlock[] = [];
  // the last table pushed, while nothing but page furniture followed it
  let lastTable: { page: number; table: RuledTable; rows: GridCell[][] } | null = null;
  let run: TextLine[] = [];
  const flushLines = () => {
    if (!run.length) return;
    const lines = run;
    run = [];
    const ranges = layoutRanges(lines, null);
    let k = 0;
    for (const [a, b] of [...ranges, [lines.length, lines.length] as [number, number]]) {
      paragraphs(lines.slice(k, a), pageMargins, blocks);
      if (a < lines.length) {
        blocks.push({
          kind: 'layout',
          lines: lines
            .slice(a, b + 1)
            .map((l) => l.runs.map((r): Span => ({ text: r.text, x0: r.x0, x1: r.x1 }))),
        });
      }
      k = b + 1;
    }
  };
  for (const e of stream) {
    if (e.kind === 'line') {
      run.push(e.value);
      lastTable = null;
      continue;
    }
    flushLines();
    // a table going on at the top of the next page, its first row the rest of a row cut there
    if (
      lastTable &&
      lastTable.page + 1 === e.page &&
      sameColumns(lastTable.table, e.value) &&
      continueRow(lastTable.rows, e.value.rows)
    ) {
      lastTable = { page: e.page, table: e.value, rows: lastTable.rows };
      continue;
    }
    const rows = e.value.rows.map((r) => [...r]);
    blocks.push({ kind: 'table', rows });
    lastTable = { page: e.page, table: e.value, rows };
  }
  flushLines();
  return blocks;
}

function sameColumns(a: RuledTable, b: RuledTable): boolean {
  return a.xs.length === b.xs.length && a.xs.every((x, i) => Math.abs(x - b.xs[i]!) <= 3);
}

/** The start of a row's label: 1. / （一） / 一、 */
const LABEL_START =
  /^(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])/u;

/**
 * Word and LibreOffice let a row break across pages: the rest of its cells' text (a label's
 * last characters, a number's last digits) opens the table on the next page. The next page's
 * first row is taken as that rest when some of its cells are empty where the cut row's are not,
 * none has text where the cut row had none, and none starts a label of its own; then its text
 * is appended to the cut row's cells (and to the rows a merged cell spans), and the rest of the
 * next page's rows follow. Returns whether it was.
 */
function continueRow(rows: GridCell[][], next: readonly (readonly GridCell[])[]): boolean {
  const last = rows[rows.length - 1];
  const first = next[0];
  if (!last || !first || last.length !== first.length) return false;
  let partial = false;
  for (let c = 0; c < first.length; c++) {
    const before = last[c]!.text.trim();
    const after = first[c]!.text.trim();
    if (after && !before) return false;
    if (after && LABEL_START.test(after)) return false;
    if (!after && before) partial = true;
  }
  if (!partial) return false;
  const joined = first.map((cell, c) =>
    cell.text.trim() ? joinPieces([last[c]!.text, cell.text]) : last[c]!.text,
  );
  // the cut row's cells, and above it the positions its merged cells span
  for (let c = 0; c < first.length; c++) {
    if (joined[c] === last[c]!.text) continue;
    const old = last[c]!.text;
    for (let r = rows.length - 1; r >= 0; r--) {
      const cell = rows[r]![c]!;
      if (cell.text !== old) break;
      rows[r]![c] = { ...cell, text: joined[c]! };
      if (!cell.spanned) break;
    }
  }
  // the next page's rows: a merged cell running on from the first row takes its joined text
  for (const row of next.slice(1)) {
    rows.push(
      row.map((cell, c) =>
        cell.spanned && cell.text === first[c]!.text && first[c]!.text.trim()
          ? { ...cell, text: joined[c]! }
          : cell,
      ),
    );
  }
  return true;
}

/** Lines → paragraphs (pushed to `out`). */
function paragraphs(
  lines: readonly TextLine[],
  pageMargins: readonly (Margins | null)[],
  out: DocBlock[],
): void {
  let current: TextLine[] = [];
  const flush = () => {
    if (current.length) out.push({ kind: 'p', text: joinPieces(current.map((l) => l.text)) });
    current = [];
  };
  for (const l of lines) {
    const prev = current[current.length - 1];
    const m = prev && pageMargins[prev.page];
    const mNext = pageMargins[l.page];
    if (prev && m && mNext && continues(prev, l, m, mNext, prev.page === l.page)) {
      current.push(l);
      continue;
    }
    flush();
    current.push(l);
  }
  flush();
}
