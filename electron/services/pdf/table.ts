/**
 * The three statistical tables (T2, T3, T4) laid out in the official layout for the PDF.
 *
 * A table is first built as a grid of cells with row and column spans: the official layout
 * (core/table-layout.ts, shared with the table editor: T2 as blocks of a caption row, a header
 * row and data rows; T3 and T4 as column-header rows over body rows with spanning group cells),
 * with the report's values, each cell aligned, and the header rows each row repeats at the top
 * of a page. The grid is then laid out for a width: a text size between 12 pt and the 9 pt floor,
 * column widths that add up to the width, the lines of every cell and the height of every
 * row. Drawing takes any list of rows (a page's share, with repeated header rows first) and
 * draws the part of each spanning cell that the list holds, with its label in each part.
 */
import type { FormatDef, TableId } from '../../../core/formats';
import { cellAt, type Report } from '../../../core/model';
import { layoutRows, officialLayout, type LayoutCell } from '../../../core/table-layout';
import type {
  DrawContext,
  Line,
  PdfTableLayout,
  TableRowKind,
  TableRowLayout,
  TextStyle,
  Typesetter,
} from './types';

// ---------------------------------------------------------------------------------------------
// Typography

/** Largest and smallest table text size, and the step between tried sizes (print.md, "Type"). */
export const MAX_SIZE = 12;
export const MIN_SIZE = 9;
const SIZE_STEP = 0.5;
/** A header label wrapping onto more lines than this asks for a smaller size. */
export const MAX_HEADER_LINES = 3;
/** Cell padding, points. */
export const PAD_X = 3;
export const PAD_Y = 2.5;
/** Line pitch as a multiple of the text size. */
export const LEADING = 1.3;
/** Border line width, points. */
export const BORDER_WIDTH = 0.5;
/** Share of the width T3's label area takes: at most, and at least when numbers need room. */
const LABEL_AREA_MAX = 0.5;
const LABEL_AREA_MIN = 0.45;
/** Narrowest group-label column and narrowest item-label column, in characters. */
const GROUP_MIN_CHARS = 2;
const GROUP_MAX_CHARS = 8;
const ITEM_MIN_CHARS = 6;
const EPSILON = 0.01;

const ROLE = 'song' as const;

// ---------------------------------------------------------------------------------------------
// The grid

/**
 * caption: a T2 block caption; header: a column label or column-group label; note: T3's
 * top-left cell stating the table's balance rule; group: a row-group label spanning its rows
 * (T3 "（三）不予公开"); label: a row label; value: a data cell.
 */
export type CellKind = 'caption' | 'header' | 'note' | 'group' | 'label' | 'value';

export interface CellRef {
  readonly block: string;
  readonly row: string;
  readonly col: string;
}

export interface PdfGridCell {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** The text printed: a label of the format definition, or a value as the report states it. */
  readonly text: string;
  readonly kind: CellKind;
  readonly align: 'left' | 'center';
  /** The data cell of a value cell (format definition ids). */
  readonly ref?: CellRef;
}

export type ColumnKind = 'label' | 'value';

export interface TableGrid {
  readonly table: TableId;
  readonly format: FormatDef['version'];
  /** Kind of each grid column: label columns first, then value columns. */
  readonly columns: readonly ColumnKind[];
  /** Kind of each grid row. */
  readonly rows: readonly TableRowKind[];
  /** Every cell once, in reading order (row, then column). */
  readonly cells: readonly PdfGridCell[];
  /** For each row: the header rows to repeat above it when it starts a page. */
  readonly repeat: readonly (readonly number[])[];
}

type ValueOf = (block: string, row: string, col: string) => string;

/** The grid of one table in a format's official layout, with the values `valueOf` gives. */
export function tableGrid(
  format: FormatDef['version'],
  table: TableId,
  valueOf: ValueOf = () => '',
): TableGrid {
  const layout = officialLayout(format, table);
  const rows = layoutRows(layout);
  // A body row repeats the table's header rows and its section's caption and header rows.
  const headRows = layout.head.map((row) => row.index);
  const repeat = [
    ...layout.head.map(() => []),
    ...layout.sections.flatMap((section) => {
      const above = [
        ...headRows,
        ...section.rows.filter((row) => row.kind !== 'body').map((row) => row.index),
      ];
      return section.rows.map((row) => (row.kind === 'body' ? [...above] : []));
    }),
  ];
  const cells = rows
    .flatMap((row) => row.cells.map((cell) => gridCell(cell, valueOf)))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    table,
    format,
    columns: [
      ...Array<ColumnKind>(layout.labelCols).fill('label'),
      ...Array<ColumnKind>(layout.valueCols).fill('value'),
    ],
    rows: rows.map((row) => row.kind),
    cells,
    repeat,
  };
}

/** A cell of the official layout as the print draws it: row labels left, all else centred. */
function gridCell(cell: LayoutCell, valueOf: ValueOf): PdfGridCell {
  const at = { row: cell.row, col: cell.col, rowSpan: cell.rowSpan, colSpan: cell.colSpan };
  if (cell.kind !== 'value') {
    return {
      ...at,
      text: cell.text,
      kind: cell.kind,
      align: cell.kind === 'label' ? 'left' : 'center',
    };
  }
  const { block, row, column } = cell.place;
  return {
    ...at,
    text: valueOf(block.id, row.id, column.id),
    kind: 'value',
    align: 'center',
    ref: { block: block.id, row: row.id, col: column.id },
  };
}

/** The grid of a report's table, or null when the report has no such table section. */
export function reportGrid(report: Report, table: TableId): TableGrid | null {
  if (!report.sections[table]?.table) return null;
  return tableGrid(report.format, table, (block, row, col) => {
    const state = cellAt(report, table, block, row, col);
    return state.present ? state.raw.trim() : '';
  });
}

// ---------------------------------------------------------------------------------------------
// Layout

export interface PdfTableLayoutDetail extends PdfTableLayout {
  readonly grid: TableGrid;
  /** Width of each grid column; they add up to `width`. */
  readonly columnWidths: readonly number[];
  /** Line pitch of the table text. */
  readonly lineHeight: number;
  /** The lines of each cell of `grid.cells` (none for a blank cell). */
  readonly cellLines: readonly (readonly Line[])[];
  /** Whether every value fits on one line and every header label in MAX_HEADER_LINES lines. */
  readonly fits: boolean;
}

/**
 * Lays out a report's table for a width, or returns null when the report has no such table
 * section. Rows the import could not place (TableData.unrecognised) are not part of the table.
 */
export function layoutTable(
  report: Report,
  table: TableId,
  width: number,
  ts: Typesetter,
): PdfTableLayoutDetail | null {
  const grid = reportGrid(report, table);
  return grid ? layoutGrid(grid, width, ts) : null;
}

/** Lays out a grid: the largest size that fits, the column widths, the lines and the rows. */
export function layoutGrid(grid: TableGrid, width: number, ts: Typesetter): PdfTableLayoutDetail {
  for (let size = MAX_SIZE; size >= MIN_SIZE - EPSILON; size -= SIZE_STEP) {
    const candidates = columnWidths(grid, width, size, ts).filter((w) => fitsAt(grid, w, size, ts));
    if (candidates.length > 0) {
      return buildLayout(grid, width, size, shortest(grid, candidates, size, ts), ts, true);
    }
  }
  const candidates = columnWidths(grid, width, MIN_SIZE, ts, true);
  return buildLayout(grid, width, MIN_SIZE, shortest(grid, candidates, MIN_SIZE, ts), ts, false);
}

/**
 * Of several column widths, those giving the shortest table; a group label ending with a
 * lone character on its last line (of two or three) costs a point, so that equal heights
 * prefer whole words.
 */
function shortest(
  grid: TableGrid,
  candidates: readonly number[][],
  size: number,
  ts: Typesetter,
): number[] {
  const style = styleOf(size);
  let best = candidates[0]!;
  let bestScore = Infinity;
  for (const widths of candidates) {
    const { lines, heights } = measure(grid, widths, size, ts);
    let score = heights.reduce((s, h) => s + h, 0);
    grid.cells.forEach((cell, i) => {
      if (cell.kind !== 'group') return;
      const inner = innerWidth(cell, widths);
      if (!setsWell(cell.text, style, inner, ts, true) && lines[i]!.length > 1) score += 1;
    });
    if (score < bestScore - EPSILON) {
      best = widths;
      bestScore = score;
    }
  }
  return best;
}

const styleOf = (size: number): TextStyle => ({ role: ROLE, size });

/** Inner width of a cell (between its paddings). */
function innerWidth(cell: PdfGridCell, widths: readonly number[]): number {
  let w = 0;
  for (let c = cell.col; c < cell.col + cell.colSpan; c++) w += widths[c]!;
  return w - 2 * PAD_X;
}

/** A line may not begin with closing or other trailing punctuation, nor end with an opening mark. */
const BAD_START = /^[\p{Pe}\p{Pf}\p{Po}]/u;
const BAD_END = /[\p{Ps}\p{Pi}]$/u;

const lineText = (line: Line): string => line.segments.map((u) => u.text).join('');

/**
 * Whether text set in `width` keeps every line within it and breaks only where it may; with
 * `noOrphan`, a short text of two or three lines must not end with a line of one character
 * (a longer one reads as a column of characters, where a last single one is natural).
 */
function setsWell(
  text: string,
  style: TextStyle,
  width: number,
  ts: Typesetter,
  noOrphan = false,
): boolean {
  const lines = ts.lines(text, style, width);
  const last = lines[lines.length - 1];
  if (noOrphan && last && lines.length > 1 && lines.length <= MAX_HEADER_LINES) {
    if (Array.from(lineText(last)).length < 2) return false;
  }
  return lines.every(
    (line, i) =>
      line.natural <= width + EPSILON &&
      (i === 0 || !BAD_START.test(lineText(line))) &&
      (i === lines.length - 1 || !BAD_END.test(lineText(line))),
  );
}

/** Narrowest width (in half-character steps) at which text sets well in at most `maxLines`. */
function minWidthFor(text: string, style: TextStyle, maxLines: number, ts: Typesetter): number {
  const natural = ts.width(text, style);
  for (let w = style.size; w < natural; w += style.size / 2) {
    if (setsWell(text, style, w, ts) && ts.lines(text, style, w).length <= maxLines) return w;
  }
  return natural;
}

/**
 * Candidate column widths at a size, each adding up to `width`; none when the label area
 * cannot hold its labels at this size (unless `force`). A group-label column is as narrow as
 * its labels allow, or one character wider; the last label column takes the rest of the label
 * area; value columns share the rest equally.
 */
function columnWidths(
  grid: TableGrid,
  width: number,
  size: number,
  ts: Typesetter,
  force = false,
): number[][] {
  const style = styleOf(size);
  const labelCols = grid.columns.filter((k) => k === 'label').length;
  const valueCols = grid.columns.length - labelCols;
  if (labelCols === 0) return [exactly(width, Array<number>(valueCols).fill(width / valueCols))];

  // Group-label columns: the fewest characters at which each of their labels sets well.
  const groupChoices: number[][] = [];
  for (let c = 0; c < labelCols - 1; c++) {
    const labels = grid.cells.filter((cell) => cell.kind === 'group' && cell.col === c);
    let chars = GROUP_MIN_CHARS;
    while (
      chars < GROUP_MAX_CHARS &&
      !labels.every((cell) => setsWell(cell.text, style, chars * size, ts))
    ) {
      chars++;
    }
    groupChoices.push([chars, chars + 1].map((n) => n * size + 2 * PAD_X));
  }

  // What each value column needs: its values on one line, its header labels in a few lines.
  let valueNeed = 0;
  for (const cell of grid.cells) {
    if (cell.col < labelCols || cell.colSpan !== 1 || cell.text === '') continue;
    const need =
      cell.kind === 'value'
        ? ts.width(cell.text, style)
        : minWidthFor(cell.text, style, MAX_HEADER_LINES, ts);
    valueNeed = Math.max(valueNeed, need + 2 * PAD_X);
  }

  const out: number[][] = [];
  for (const groupWidths of product(groupChoices)) {
    const groupsWidth = groupWidths.reduce((s, w) => s + w, 0);
    // What the labels would like: each on one line, with a character's room to spare.
    let labelNatural = groupsWidth;
    for (const cell of grid.cells) {
      if (cell.col + cell.colSpan > labelCols || cell.kind === 'note') continue;
      if (cell.kind === 'group' || cell.kind === 'caption') continue;
      let before = 0;
      for (let c = 0; c < cell.col; c++) before += groupWidths[c] ?? 0;
      labelNatural = Math.max(labelNatural, before + ts.width(cell.text, style) + size + 2 * PAD_X);
    }
    const most = Math.min(labelNatural, LABEL_AREA_MAX * width);
    const least = Math.min(labelNatural, LABEL_AREA_MIN * width);
    const labelArea = Math.max(least, Math.min(most, width - valueCols * valueNeed));
    const itemWidth = labelArea - groupsWidth;
    if (!force && itemWidth < Math.min(ITEM_MIN_CHARS * size, labelNatural - groupsWidth)) {
      continue;
    }
    const valueWidth = (width - labelArea) / valueCols;
    out.push(
      exactly(width, [...groupWidths, itemWidth, ...Array<number>(valueCols).fill(valueWidth)]),
    );
    if (force) break;
  }
  return out;
}

/** The widths with the last one adjusted so that they add up to exactly `width`. */
function exactly(width: number, widths: number[]): number[] {
  const others = widths.slice(0, -1).reduce((s, w) => s + w, 0);
  widths[widths.length - 1] = width - others;
  return widths;
}

/** Every combination of one choice per position. */
function product(choices: readonly (readonly number[])[]): number[][] {
  return choices.reduce<number[][]>(
    (acc, options) => acc.flatMap((prefix) => options.map((o) => [...prefix, o])),
    [[]],
  );
}

/** Every value on one line in its cell; every header in at most MAX_HEADER_LINES lines; labels within their cells. */
function fitsAt(grid: TableGrid, widths: readonly number[], size: number, ts: Typesetter): boolean {
  const style = styleOf(size);
  return grid.cells.every((cell) => {
    if (cell.text === '') return true;
    const inner = innerWidth(cell, widths);
    if (inner <= 0) return false;
    if (cell.kind === 'value') return ts.width(cell.text, style) <= inner + EPSILON;
    const lines = ts.lines(cell.text, style, inner);
    if (!lines.every((line) => line.width <= inner + EPSILON)) return false;
    if (cell.kind === 'caption') return lines.length === 1;
    if (cell.kind === 'header' || cell.kind === 'note') return lines.length <= MAX_HEADER_LINES;
    return true;
  });
}

/**
 * The lines of a cell's text: justified when left-aligned, at their natural width when centred
 * (a header of two characters a line is not spread over its column). A line still wider than
 * the cell (an unbreakable run the typesetter kept whole) is cut between its characters.
 */
function cellLines(cell: PdfGridCell, style: TextStyle, inner: number, ts: Typesetter): Line[] {
  const lines =
    cell.align === 'left' || cell.kind === 'value'
      ? wrap(cell.text, style, inner, ts)
      : balanced(cell.text, style, inner, ts);
  if (cell.align === 'left') return lines;
  // Spread space is taken out; a line the typesetter tightened (a closing mark pushed in) stays so.
  return lines.map((line) => {
    const gap = Math.min(0, line.gap);
    return { ...line, gap, width: line.natural + gap * Math.max(0, line.segments.length - 1) };
  });
}

/**
 * Lines of even length for a centred label: the narrowest measure that takes no more lines
 * ("商业/企业", not "商业企/业"); when the last line is still a lone character, the first line
 * stays and the rest is balanced again ("（三）/不予/公开", not "（三）/不予公/开").
 */
function balanced(text: string, style: TextStyle, inner: number, ts: Typesetter): Line[] {
  let lines = wrap(text, style, inner, ts);
  if (lines.length < 2) return lines;
  for (let w = inner - style.size / 2; w >= style.size; w -= style.size / 2) {
    const narrower = ts.lines(text, style, w);
    if (narrower.length > lines.length || !setsWell(text, style, w, ts)) break;
    lines = narrower;
  }
  const last = lines[lines.length - 1]!;
  if (lines.length < 3 || Array.from(lineText(last)).length > 1) return lines;
  const rest = lines.slice(1).map(lineText).join('');
  const again = balanced(rest, style, inner, ts);
  return again.length <= lines.length - 1 ? [lines[0]!, ...again] : lines;
}

function wrap(text: string, style: TextStyle, inner: number, ts: Typesetter): Line[] {
  if (text === '') return [];
  const lines = ts.lines(text, style, inner);
  if (lines.every((line) => line.width <= inner + EPSILON || line.segments.length > 1))
    return lines;
  return lines.flatMap((line) => {
    if (line.width <= inner + EPSILON || line.segments.length > 1) return [line];
    const pieces: string[] = [];
    let piece = '';
    for (const ch of lineText(line)) {
      if (piece !== '' && ts.width(piece + ch, style) > inner + EPSILON) {
        pieces.push(piece);
        piece = ch;
      } else {
        piece += ch;
      }
    }
    if (piece !== '') pieces.push(piece);
    return pieces.flatMap((p) => ts.lines(p, style, Math.max(inner, ts.width(p, style))));
  });
}

interface Measured {
  readonly lines: Line[][];
  readonly heights: number[];
  readonly lineHeight: number;
  /** Height cell i needs: its lines and padding. */
  readonly need: (i: number) => number;
  /** The cells spanning several rows, shorter spans first. */
  readonly spanning: { cell: PdfGridCell; i: number }[];
}

/** The lines of every cell and the height of every row, for column widths at a size. */
function measure(
  grid: TableGrid,
  widths: readonly number[],
  size: number,
  ts: Typesetter,
): Measured {
  const style = styleOf(size);
  const lineHeight = LEADING * size;
  const lines = grid.cells.map((cell) => cellLines(cell, style, innerWidth(cell, widths), ts));
  const need = (i: number): number => Math.max(1, lines[i]!.length) * lineHeight + 2 * PAD_Y;

  // Row heights: single-row cells first, then spanning cells, the shorter spans first, share
  // any height they still lack evenly among their rows.
  const heights = grid.rows.map(() => lineHeight + 2 * PAD_Y);
  grid.cells.forEach((cell, i) => {
    if (cell.rowSpan === 1) heights[cell.row] = Math.max(heights[cell.row]!, need(i));
  });
  const spanning = grid.cells
    .map((cell, i) => ({ cell, i }))
    .filter(({ cell }) => cell.rowSpan > 1)
    .sort((a, b) => a.cell.rowSpan - b.cell.rowSpan);
  for (const { cell, i } of spanning) {
    let have = 0;
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) have += heights[r]!;
    const lack = need(i) - have;
    if (lack > 0) {
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) heights[r]! += lack / cell.rowSpan;
    }
  }
  return { lines, heights, lineHeight, need, spanning };
}

function buildLayout(
  grid: TableGrid,
  width: number,
  size: number,
  widths: readonly number[],
  ts: Typesetter,
  fits: boolean,
): PdfTableLayoutDetail {
  const style = styleOf(size);
  const ascent = ts.ascent(style);
  const { lines, heights, lineHeight, need, spanning } = measure(grid, widths, size, ts);
  const spanHeight = (first: number, count: number): number =>
    heights.slice(first, first + count).reduce((s, h) => s + h, 0);

  // A page may not end after a caption or header row, nor cut a spanning body cell where one
  // of the two parts would be too short to hold its label.
  const keep = grid.rows.map((kind) => kind !== 'body');
  for (const { cell, i } of spanning) {
    if (grid.rows[cell.row] !== 'body' || lines[i]!.length === 0) continue;
    for (let k = cell.row; k < cell.row + cell.rowSpan - 1; k++) {
      const above = spanHeight(cell.row, k - cell.row + 1);
      const below = spanHeight(k + 1, cell.row + cell.rowSpan - k - 1);
      if (above < need(i) - EPSILON || below < need(i) - EPSILON) keep[k] = true;
    }
  }

  const rows: TableRowLayout[] = grid.rows.map((kind, r) => ({
    kind,
    height: heights[r]!,
    keepWithNext: keep[r]!,
  }));
  const colX: number[] = [];
  widths.reduce((x, w, c) => ((colX[c] = x), x + w), 0);

  function draw(ctx: DrawContext, list: readonly number[], x: number, y: number): number {
    const tops: number[] = [];
    let bottom = y;
    for (const r of list) {
      tops.push(bottom);
      bottom += heights[r]!;
    }
    const borders = new Borders();
    const doc = ctx.doc;
    grid.cells.forEach((cell, i) => {
      for (const part of partsOf(cell, list)) {
        const left = x + colX[cell.col]!;
        const right = x + colX[cell.col + cell.colSpan - 1]! + widths[cell.col + cell.colSpan - 1]!;
        const top = tops[part.from]!;
        const low = tops[part.to]! + heights[list[part.to]!]!;
        borders.rect(left, top, right, low);
        // Where the page flow cut a span too short for the whole label (keepWithNext asks it
        // not to), the part shows the lines that fit.
        const room = Math.floor((low - top - 2 * PAD_Y + EPSILON) / lineHeight);
        const shown = lines[i]!.slice(0, Math.max(1, room));
        if (shown.length === 0) continue;
        let lineTop = top + (low - top - shown.length * lineHeight) / 2;
        for (const line of shown) {
          const lx = cell.align === 'center' ? (left + right - line.width) / 2 : left + PAD_X;
          ctx.drawLine(line, lx, lineTop + (lineHeight - size) / 2 + ascent);
          lineTop += lineHeight;
        }
      }
    });
    doc.save();
    doc.lineWidth(BORDER_WIDTH).strokeColor('black').lineCap('square');
    borders.stroke(doc);
    doc.restore();
    return bottom - y;
  }

  return {
    id: grid.table,
    fontSize: size,
    width,
    rows,
    grid,
    columnWidths: widths,
    lineHeight,
    cellLines: lines,
    fits,
    repeatFor: (index) => grid.repeat[index] ?? [],
    draw,
  };
}

/**
 * The parts of a cell present in a list of rows: runs of consecutive list positions holding
 * consecutive rows of the cell's span (positions `from`..`to`, inclusive).
 */
function partsOf(cell: PdfGridCell, list: readonly number[]): { from: number; to: number }[] {
  const parts: { from: number; to: number }[] = [];
  const inSpan = (r: number): boolean => r >= cell.row && r < cell.row + cell.rowSpan;
  list.forEach((r, p) => {
    if (!inSpan(r)) return;
    const last = parts[parts.length - 1];
    if (last && last.to === p - 1 && list[p - 1] === r - 1) last.to = p;
    else parts.push({ from: p, to: p });
  });
  return parts;
}

/** Cell edges collected, merged where they touch, and stroked once each. */
class Borders {
  private readonly h = new Map<string, { at: number; spans: [number, number][] }>();
  private readonly v = new Map<string, { at: number; spans: [number, number][] }>();

  rect(left: number, top: number, right: number, bottom: number): void {
    this.add(this.h, top, left, right);
    this.add(this.h, bottom, left, right);
    this.add(this.v, left, top, bottom);
    this.add(this.v, right, top, bottom);
  }

  private add(
    map: Map<string, { at: number; spans: [number, number][] }>,
    at: number,
    from: number,
    to: number,
  ): void {
    const key = at.toFixed(3);
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = { at, spans: [] }));
    entry.spans.push([from, to]);
  }

  stroke(doc: PDFKit.PDFDocument): void {
    let any = false;
    for (const [map, horizontal] of [
      [this.h, true],
      [this.v, false],
    ] as const) {
      for (const { at, spans } of map.values()) {
        for (const [from, to] of merge(spans)) {
          if (horizontal) doc.moveTo(from, at).lineTo(to, at);
          else doc.moveTo(at, from).lineTo(at, to);
          any = true;
        }
      }
    }
    if (any) doc.stroke();
  }
}

function merge(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + EPSILON) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
