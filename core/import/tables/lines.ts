/**
 * The table reader's input, whatever the shape: lines. A grid row (HTML, Word, a pipe or tab
 * table) is a line of positioned cells; a line of text (one cell per line, columns aligned with
 * spaces, a crawler's text with everything glued together) is cut into pieces by the
 * vocabulary. `parts` then groups lines into what a table is made of — captions, header lines
 * and records (a row's label with the values after it) — without deciding yet which official
 * row or column anything is.
 */
import type { GridCell } from '../doc';
import { cutRun, isNumberLike, isValueLike, wordOf, type Word } from './vocabulary';

/** One cell of a line: a grid cell (with its column) or a piece of a text line. */
export interface Cell {
  readonly text: string;
  /** Grid column (grids only). */
  readonly col?: number;
  /** A position a merged cell covers other than its own (grids only). */
  readonly spanned?: boolean;
  /** An empty cell that may be a separator rather than a cell (a row end in Word's text). */
  readonly soft?: boolean;
  /** Cut from a run of text with no separator (its digits may be several values glued). */
  readonly glued?: boolean;
}

export interface Line {
  /** grid: cells at their columns; text: pieces in reading order. */
  readonly kind: 'grid' | 'text';
  readonly cells: readonly Cell[];
  /** The line as written (for what cannot be placed). */
  readonly source: string;
  /** Index of the table or text run the line came from: a new table resets the header. */
  readonly group: number;
  /** Whether its empty cells are separators (text taken from a PDF: blank after every cell). */
  readonly blanksSeparate?: boolean;
}

export type CellKind = 'value' | 'empty' | 'word' | 'text';

/** What a cell is: a value (number, dash, 无), an empty cell, a vocabulary word, other text. */
export function kindOf(cell: Cell): CellKind {
  const t = cell.text.trim();
  if (!t) return 'empty';
  if (isValueLike(t)) return t.normalize('NFKC').replace(/\s+/gu, '') === '' ? 'empty' : 'value';
  if (wordOf(t)) return 'word';
  if (isGarbledValue(t)) return 'value';
  return 'text';
}

/**
 * A value mangled in conversion ("247a", "12件多"): short, with a digit, no ordinal at its
 * start and no label in it. Kept in its place and reported by the checks.
 */
export function isGarbledValue(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return (
    t.length <= 12 &&
    /\d/u.test(t) &&
    !/^(?:\d+\s*[.、](?!\d)|\(|（)/u.test(t) &&
    !/[\u4e00-\u9fff]{3}/u.test(t) &&
    !wordOf(t) &&
    // figures and dashes glued together are cut, not kept as one mangled value ("0—", "—7411")
    !/^[\d—–\-－/／.+增减]+$/u.test(t) &&
    // nor a label glued to figures ("37（七）总计95243")
    !cutRun(t).some((p) => p.kind === 'word')
  );
}

/** Grid rows of one table as lines. */
export function gridLines(rows: readonly (readonly GridCell[])[], group: number): Line[] {
  return rows.map((row) => ({
    kind: 'grid',
    cells: row.map((c, col) => ({ text: c.text.trim(), col, spanned: c.spanned })),
    source: row
      .filter((c) => !c.spanned)
      .map((c) => c.text.trim())
      .join(' | '),
    group,
  }));
}

const UNIT_WORD = /^(?:万元|元|件|项|条|个)$/u;

const NBSP_ONLY = /^[\u00a0\u3000\u2007\u202f][\u00a0\u3000\u2007\u202f ]*$/u;

/**
 * Lines of text as lines of pieces: split at tabs and runs of spaces, each run cut by the
 * vocabulary. A line holding only a no-break space is an empty cell (html-to-text writes an
 * empty cell so); a blank line is kept as an empty line (a separator or an empty cell, decided
 * per run).
 */
export function textLines(texts: readonly string[], group: number): Line[] {
  return texts.map((raw) => {
    const cells: Cell[] = [];
    // one empty cell per no-break space: html-to-text writes a run of empty cells as one
    // line of their no-break spaces ("\u00a0\u00a0": two empty cells in a row)
    const spaced = raw.replace(/[ \t]+/gu, '');
    // a delta's sign word glued to the figure before it still belongs to its number ("0减 1")
    const joined = raw.replace(/(?<=[^\s\u3000])(增加|减少|增|减)[ \u3000]+(?=\d)/gu, '$1');
    if (NBSP_ONLY.test(spaced)) for (const _ of spaced.slice(0, 20)) cells.push({ text: '' });
    else {
      // runs between spaces; a delta's sign and its number belong together ("增 69", "- 3")
      const runs =
        joined.match(
          /(?:增加|减少|增|减|[+-])[ \u3000]+\d\S*|[^\s\u3000]+(?:\u3000[^\s\u3000]+)*/gu,
        ) ?? [];
      for (const run of runs) {
        if (!run.trim()) continue;
        // a value as it stands, garbled ones included ("247a"), is one cell
        if (isValueLike(run) || isGarbledValue(run)) {
          cells.push({ text: run });
          continue;
        }
        const pieces = cutRun(run);
        for (const piece of pieces)
          cells.push(pieces.length > 1 ? { text: piece.text, glued: true } : { text: piece.text });
      }
    }
    return { kind: 'text' as const, cells, source: raw.trim(), group };
  });
}

// ---------------------------------------------------------------------------------------------
// Parts.

export interface Caption {
  readonly kind: 'caption';
  readonly text: string;
  readonly group: number;
}

/** A header line (grid) or run of header words (text), in reading order. */
export interface Header {
  readonly kind: 'header';
  readonly cells: readonly Cell[];
  readonly grid: boolean;
  readonly group: number;
}

/** A row's label (all its label cells, outermost first) and the values after it. */
export interface RecordPart {
  readonly kind: 'record';
  readonly labels: readonly Cell[];
  readonly values: readonly Cell[];
  /** The grid row, when the record is one (for positions). */
  readonly row: readonly Cell[] | null;
  /** The record's text as written. */
  readonly source: string;
  /** Values only, no label: T4's data row, or a row whose label could not be read. */
  readonly unlabelled: boolean;
  readonly group: number;
  /** Values may have lost their empty cells (columns aligned with spaces). */
  readonly lossy: boolean;
}

/** Labels that no values followed: a heading over the next table ("行政复议"). */
export interface Context {
  readonly kind: 'context';
  readonly labels: readonly Cell[];
  readonly group: number;
}

export type Part = Caption | Header | RecordPart | Context;

const isCaptionWord = (w: Word | null) => w?.kind === 'caption';
const isHeaderWord = (w: Word | null) =>
  w !== null && (w.kind === 'column' || w.kind === 'header' || w.kind === 'note');

/**
 * Merges text fragments that together make a vocabulary word: a header cell broken across
 * lines ("商业" + "企业", "本年新" + "制作数量").
 */
function mergeFragments(cells: readonly Cell[]): Cell[] {
  const out: Cell[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (kindOf(c) !== 'text' && kindOf(c) !== 'word') {
      out.push(c);
      continue;
    }
    let merged: Cell | null = null;
    let joined = c.text;
    for (let j = i + 1; j < Math.min(cells.length, i + 4); j++) {
      const next = cells[j]!;
      const k = kindOf(next);
      if (k !== 'text' && k !== 'word') break;
      joined += next.text;
      if (wordOf(joined) && !(kindOf(c) === 'word' && kindOf(next) === 'word')) {
        merged = { text: joined };
        i = j;
        // keep going: a word may be broken in three
      }
    }
    out.push(merged ?? c);
  }
  return out;
}

/** Grid rows that are really several rows run together (Word's text of a .doc table). */
function isRunTogether(line: Line): boolean {
  let labelled = 0;
  let sawValue = false;
  for (const c of line.cells) {
    const k = kindOf(c);
    if (k === 'value') sawValue = true;
    else if (k === 'word' && wordOf(c.text)?.kind === 'row') {
      if (sawValue || labelled === 0) labelled++;
      sawValue = false;
    }
  }
  return labelled >= 3;
}

/** Whether a grid row is a header row: labels and no numbers. */
function headerRow(cells: readonly Cell[]): boolean {
  if (cells.some((c) => isNumberLike(c.text))) return false;
  return cells.some((c) => isHeaderWord(wordOf(c.text)) || isCaptionWord(wordOf(c.text)));
}

function gridParts(line: Line, out: Part[]): void {
  const cells = line.cells;
  const own = cells.filter((c) => !c.spanned);
  const caption = own.find((c) => isCaptionWord(wordOf(c.text)));
  if (caption) {
    out.push({ kind: 'caption', text: caption.text, group: line.group });
    // a caption row with more in it (a header or even values: a flattened block)
    const rest = cells.filter((c) => c !== caption && c.text !== caption.text);
    if (!rest.some((c) => c.text)) return;
    line = { ...line, cells: rest };
  }
  if (headerRow(line.cells)) {
    out.push({ kind: 'header', cells: line.cells, grid: true, group: line.group });
    return;
  }
  // the label: every label cell up to the last one before the values
  const labels: Cell[] = [];
  let lastLabel = -1;
  const firstValue = line.cells.findIndex((c) => kindOf(c) === 'value');
  for (const [i, c] of line.cells.entries()) {
    if (firstValue >= 0 && i >= firstValue) break;
    const k = kindOf(c);
    if (k === 'word' || k === 'text') {
      if (c.spanned && labels.some((l) => l.text === c.text)) continue;
      labels.push(c);
      lastLabel = i;
    }
  }
  // a merged cell counts once: its copies are neither values nor labels
  const values = line.cells.slice(lastLabel + 1).filter((c) => !c.spanned);
  if (!labels.length && !values.some((c) => kindOf(c) === 'value')) return;
  out.push({
    kind: 'record',
    labels,
    values,
    row: line.cells,
    source: line.source,
    unlabelled: labels.length === 0,
    group: line.group,
    lossy: false,
  });
}

/**
 * Parts of a run of text lines (or grid rows read as text). Header words gather into a
 * header; a label (or several: a group and its row, or a label broken over lines) followed by
 * values is a record. A line with a label and values is a whole record (its leading empty
 * cells are merged cells from above, not values of the record before); values on lines of
 * their own follow the label above them (one cell per line).
 */
function streamParts(lines: readonly Line[], out: Part[], lossy: boolean): void {
  let header: Cell[] = [];
  let labels: Cell[] = [];
  let values: Cell[] = [];
  let source: string[] = [];
  let group = lines[0]?.group ?? 0;
  const flushHeader = () => {
    if (header.length) out.push({ kind: 'header', cells: header, grid: false, group });
    header = [];
  };
  const flushRecord = () => {
    if (values.some((c) => kindOf(c) === 'value') || (labels.length && values.length)) {
      out.push({
        kind: 'record',
        labels,
        values,
        row: null,
        source: source.join(' | '),
        unlabelled: labels.length === 0,
        group,
        lossy,
      });
      labels = [];
    }
    values = [];
    source = [];
  };
  for (const line of lines) {
    if (line.group !== group) {
      flushRecord();
      flushHeader();
      if (labels.length) out.push({ kind: 'context', labels, group });
      labels = [];
      group = line.group;
    }
    const cells = mergeFragments(line.cells);
    const lineHasLabelAndValues =
      cells.some((c) => kindOf(c) === 'word' || kindOf(c) === 'text') &&
      cells.some((c) => kindOf(c) === 'value');
    let seenOnLine = false;
    for (const cell of cells) {
      const k = kindOf(cell);
      const word = k === 'word' ? wordOf(cell.text) : null;
      // a unit word wrapped away from its number ("748348" / "元")
      const last = values[values.length - 1];
      if (k === 'text' && UNIT_WORD.test(cell.text.trim()) && last && isNumberLike(last.text)) {
        values[values.length - 1] = { ...last, text: `${last.text}${cell.text.trim()}` };
        continue;
      }
      if (k === 'value' || k === 'empty') {
        // an empty cell before anything on a line with a label is a merged cell from above
        if (k === 'empty' && !seenOnLine && lineHasLabelAndValues) continue;
        if (k === 'empty' && line.blanksSeparate) continue;
        if (header.length && k === 'value') flushHeader();
        values.push(cell);
        if (!source.length || source[source.length - 1] !== line.source) source.push(line.source);
        seenOnLine = true;
        continue;
      }
      seenOnLine = true;
      if (isCaptionWord(word)) {
        flushRecord();
        flushHeader();
        labels = [];
        out.push({ kind: 'caption', text: cell.text, group });
        continue;
      }
      // header words after a record's values: a header again (the table continued)
      if (isHeaderWord(word) && values.some((c) => kindOf(c) === 'value')) flushRecord();
      if (isHeaderWord(word) && !labels.length) {
        if (values.length) flushRecord();
        header.push(cell);
        continue;
      }
      // a label: it opens a new record once the open one has values
      if (values.some((c) => kindOf(c) === 'value') || values.length) flushRecord();
      if (header.length) flushHeader();
      labels.push(cell);
      if (!source.length || source[source.length - 1] !== line.source) source.push(line.source);
    }
    if (lineHasLabelAndValues && values.length) flushRecord();
  }
  flushRecord();
  flushHeader();
  if (labels.length) out.push({ kind: 'context', labels, group });
}

/** Whether blank lines only separate cells: after at least 80 % of the cells. */
export function blanksOnlySeparate(lines: readonly Line[]): boolean {
  let cells = 0;
  let followed = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.cells.length) continue;
    cells++;
    if (i + 1 < lines.length && !lines[i + 1]!.cells.length && !lines[i + 1]!.source) followed++;
  }
  return cells > 0 && followed / cells >= 0.8;
}

/**
 * The parts of a table's lines. Grid tables are read row by row unless a row holds several
 * rows run together; then the whole table is read as text (its positions mean nothing).
 */
export function parts(lines: readonly Line[]): Part[] {
  const out: Part[] = [];
  const groups = new Map<number, Line[]>();
  for (const line of lines) groups.set(line.group, [...(groups.get(line.group) ?? []), line]);
  for (const group of groups.values()) {
    const grid = group.every((l) => l.kind === 'grid');
    if (grid && !group.some(isRunTogether)) {
      for (const line of group) gridParts(line, out);
      continue;
    }
    // text: a blank line is an empty cell between cells written one per line (LibreOffice's
    // text), unless blank lines only separate the cells (text taken from a PDF)
    const separators = blanksOnlySeparate(group);
    const single = (l: Line | undefined) => l !== undefined && l.cells.length === 1;
    const near = (i: number, step: number) => {
      for (let j = i + step; j >= 0 && j < group.length; j += step)
        if (group[j]!.cells.length || group[j]!.source) return group[j];
      return undefined;
    };
    const asText = group.map((l, i): Line => {
      if (l.kind === 'grid') {
        // a run-together grid row: its empty cells may be row ends or merged cells
        return {
          ...l,
          kind: 'text',
          cells: l.cells.filter((c) => !c.spanned).map((c) => (c.text ? c : { ...c, soft: true })),
        };
      }
      if (!l.cells.length && !l.source) {
        const emptyCell = !separators && single(near(i, -1)) && single(near(i, 1));
        // soft: a blank line is an empty cell only as far as the header vouches for it
        return emptyCell ? { ...l, cells: [{ text: '', soft: true }] } : l;
      }
      return l;
    });
    const lossy = group.some(
      (l) => l.kind === 'text' && l.cells.length >= 4 && /\S {2,}\S/u.test(l.source),
    );
    streamParts(asText, out, lossy);
  }
  return out;
}
