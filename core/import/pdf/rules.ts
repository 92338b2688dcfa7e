/**
 * Tables from ruling lines. Horizontal and vertical rules that touch form a table; their
 * positions are its grid lines; an elementary cell joins its neighbour where the rule between
 * them is missing (a merged cell), giving cells with colspan and rowspan; text items go to the
 * cell their middle lies in, and each cell's lines are joined. The result is the same
 * span-expanded grid as an HTML table's (expandSpans).
 */
import { expandSpans, type GridCell, type SourceCell } from '../doc';
import { ems, groupLines, joinPieces, lineText, middleOf } from './text';
import type { PdfRule, PdfText } from './types';

/** Rules thicker than this are shapes (shading, a filled box), not lines. */
const MAX_THICKNESS = 4;
/** Positions closer than this (points) are one grid line. */
const SNAP = 2.5;
/** A page with more rule segments than this is a drawing, not a table: none is read. */
export const MAX_SEGMENTS = 4000;
/** A grid of more elementary cells than this is not a report's table (T3 has about 300). */
const MAX_CELLS = 20_000;

interface HSeg {
  y: number;
  x0: number;
  x1: number;
}
interface VSeg {
  x: number;
  y0: number;
  y1: number;
}

/** Thin rules as horizontal and vertical segments, collinear pieces merged. */
export function segments(rules: readonly PdfRule[]): { h: HSeg[]; v: VSeg[] } {
  const h: HSeg[] = [];
  const v: VSeg[] = [];
  for (const r of rules) {
    const w = r.x1 - r.x0;
    const t = r.y1 - r.y0;
    if (!(w >= 0 && t >= 0) || !Number.isFinite(w + t)) continue;
    if (w >= t && t <= MAX_THICKNESS && w >= 1)
      h.push({ y: (r.y0 + r.y1) / 2, x0: r.x0, x1: r.x1 });
    else if (t > w && w <= MAX_THICKNESS && t >= 1)
      v.push({ x: (r.x0 + r.x1) / 2, y0: r.y0, y1: r.y1 });
  }
  return {
    h: merge(
      h,
      (s) => s.y,
      (s) => [s.x0, s.x1],
      (pos, a, b) => ({ y: pos, x0: a, x1: b }),
    ),
    v: merge(
      v,
      (s) => s.x,
      (s) => [s.y0, s.y1],
      (pos, a, b) => ({ x: pos, y0: a, y1: b }),
    ),
  };
}

function merge<S>(
  segs: S[],
  pos: (s: S) => number,
  span: (s: S) => [number, number],
  make: (pos: number, a: number, b: number) => S,
): S[] {
  const sorted = [...segs].sort((a, b) => pos(a) - pos(b));
  const out: S[] = [];
  let i = 0;
  while (i < sorted.length) {
    // one position: segments within SNAP of the first
    let j = i;
    while (j < sorted.length && pos(sorted[j]!) - pos(sorted[i]!) <= SNAP) j++;
    const group = sorted.slice(i, j);
    const at = group.reduce((sum, s) => sum + pos(s), 0) / group.length;
    const spans = group.map(span).sort((a, b) => a[0] - b[0]);
    let [a, b] = spans[0]!;
    for (const [c, d] of spans.slice(1)) {
      if (c <= b + SNAP) b = Math.max(b, d);
      else {
        out.push(make(at, a, b));
        [a, b] = [c, d];
      }
    }
    out.push(make(at, a, b));
    i = j;
  }
  return out;
}

/** Positions within SNAP of each other, as their mean. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[0]! > SNAP) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

/** A table found on a page: its box, its column edges and its span-expanded grid. */
export interface RuledTable {
  readonly xs: readonly number[];
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly rows: GridCell[][];
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** How much of [a, b] the given intervals cover (0–1). */
function coverage(a: number, b: number, spans: readonly (readonly [number, number])[]): number {
  if (b <= a) return 1;
  const parts = spans
    .map(([c, d]) => [Math.max(a, c), Math.min(b, d)] as const)
    .filter(([c, d]) => d > c)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = a;
  for (const [c, d] of parts) {
    if (d <= end) continue;
    covered += d - Math.max(c, end);
    end = d;
  }
  return covered / (b - a);
}

interface Grid {
  xs: number[];
  ys: number[];
  h: HSeg[];
  v: VSeg[];
}

/** Groups of touching rules with at least two rows or two columns between them. */
function grids(h: HSeg[], v: VSeg[]): Grid[] {
  const uf = new UnionFind(h.length + v.length);
  for (const [i, a] of h.entries()) {
    for (const [j, b] of v.entries()) {
      if (b.x >= a.x0 - SNAP && b.x <= a.x1 + SNAP && a.y >= b.y0 - SNAP && a.y <= b.y1 + SNAP)
        uf.union(i, h.length + j);
    }
  }
  const groups = new Map<number, { h: HSeg[]; v: VSeg[] }>();
  const at = (root: number) => {
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    return g;
  };
  h.forEach((s, i) => at(uf.find(i)).h.push(s));
  v.forEach((s, j) => at(uf.find(h.length + j)).v.push(s));
  const out: Grid[] = [];
  for (const g of groups.values()) {
    if (g.h.length === 0 || g.v.length === 0) continue;
    const left = Math.min(...g.h.map((s) => s.x0), ...g.v.map((s) => s.x));
    const right = Math.max(...g.h.map((s) => s.x1), ...g.v.map((s) => s.x));
    const top = Math.min(...g.v.map((s) => s.y0), ...g.h.map((s) => s.y));
    const bottom = Math.max(...g.v.map((s) => s.y1), ...g.h.map((s) => s.y));
    // the outer edges, drawn or not (a table open at its sides still has them)
    const xs = cluster([left, right, ...g.v.map((s) => s.x)]);
    const ys = cluster([top, bottom, ...g.h.map((s) => s.y)]);
    if (xs.length < 2 || ys.length < 2) continue;
    const cells = (xs.length - 1) * (ys.length - 1);
    if (cells < 2 || cells > MAX_CELLS) continue; // a box around something, or a drawing
    out.push({ xs, ys, h: g.h, v: g.v });
  }
  return out;
}

/** The index of the interval of `edges` that holds `p` (clamped to the first and last). */
function slot(edges: readonly number[], p: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Reads one grid: merged cells where inner rules are missing (each row's cells joined across
 * missing vertical rules, then a cell joined with the one below it when both span the same
 * columns and no rule divides them), texts assigned by their middle.
 */
function readGrid(grid: Grid, texts: readonly PdfText[]): RuledTable {
  const { xs, ys } = grid;
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  const vAt = (x: number) =>
    grid.v.filter((s) => Math.abs(s.x - x) <= SNAP).map((s) => [s.y0, s.y1] as const);
  const hAt = (y: number) =>
    grid.h.filter((s) => Math.abs(s.y - y) <= SNAP).map((s) => [s.x0, s.x1] as const);
  const vLines = xs.map(vAt);
  const hLines = ys.map(hAt);
  const ruled = (spans: readonly (readonly [number, number])[], a: number, b: number) =>
    coverage(a + SNAP, b - SNAP, spans) >= 0.6;

  // each row's cells: runs of elementary cells with no vertical rule between them
  const rowCells: { c0: number; c1: number }[][] = [];
  for (let r = 0; r < nr; r++) {
    const cells: { c0: number; c1: number }[] = [];
    let start = 0;
    for (let c = 1; c <= nc; c++) {
      if (c === nc || ruled(vLines[c]!, ys[r]!, ys[r + 1]!)) {
        cells.push({ c0: start, c1: c - 1 });
        start = c;
      }
    }
    rowCells.push(cells);
  }
  // join a cell with the one below when they span the same columns and no rule divides them
  const uf = new UnionFind(nr * nc);
  const id = (r: number, c: number) => r * nc + c;
  for (let r = 0; r < nr; r++) {
    for (const cell of rowCells[r]!) {
      for (let c = cell.c0 + 1; c <= cell.c1; c++) uf.union(id(r, c), id(r, cell.c0));
      if (r + 1 < nr) {
        const below = rowCells[r + 1]!.find((b) => b.c0 === cell.c0 && b.c1 === cell.c1);
        if (below && !ruled(hLines[r + 1]!, xs[cell.c0]!, xs[cell.c1 + 1]!))
          uf.union(id(r + 1, cell.c0), id(r, cell.c0));
      }
    }
  }

  // texts to cells by their middle (an item running across a column rule split at its spaces)
  const byCell = new Map<number, PdfText[]>();
  for (const t of texts.flatMap((t) => splitAcross(t, xs))) {
    const cx = t.x + t.width / 2;
    const root = uf.find(id(slot(ys, middleOf(t)), slot(xs, cx)));
    let list = byCell.get(root);
    if (!list) byCell.set(root, (list = []));
    list.push(t);
  }
  const cellText = (root: number) =>
    joinPieces(groupLines(byCell.get(root) ?? []).map((line) => lineText(line)));

  // source rows: each cell once, at its top-left elementary position, with its spans
  const seen = new Set<number>();
  const source: SourceCell[][] = [];
  for (let r = 0; r < nr; r++) {
    const row: SourceCell[] = [];
    for (const cell of rowCells[r]!) {
      const root = uf.find(id(r, cell.c0));
      if (seen.has(root)) continue;
      seen.add(root);
      let r1 = r;
      while (r1 + 1 < nr && uf.find(id(r1 + 1, cell.c0)) === root) r1++;
      row.push({ text: cellText(root), colspan: cell.c1 - cell.c0 + 1, rowspan: r1 - r + 1 });
    }
    source.push(row);
  }
  return {
    xs,
    x0: xs[0]!,
    y0: ys[0]!,
    x1: xs[nc]!,
    y1: ys[nr]!,
    rows: expandSpans(source),
  };
}

/**
 * pdf.js joins text a small gap apart into one item with a space, even across a cell's rule
 * ("本年制发件数 本年" over two cells): such an item is cut at its spaces, the pieces placed
 * by their characters' widths with the gaps shared out evenly.
 */
export function splitAcross(t: PdfText, xs: readonly number[]): PdfText[] {
  const inner = xs.slice(1, -1);
  if (!/\S\s+\S/u.test(t.text) || !inner.some((x) => x > t.x + 1 && x < t.x + t.width - 1))
    return [t];
  const pieces = t.text.trim().split(/\s+/u);
  const widths = pieces.map(ems);
  const total = widths.reduce((a, b) => a + b, 0);
  const em = Math.min(t.fontSize, t.width / Math.max(total, 0.5));
  const gap = Math.max(0, (t.width - total * em) / (pieces.length - 1));
  const out: PdfText[] = [];
  let x = t.x;
  pieces.forEach((text, i) => {
    const width = widths[i]! * em;
    out.push({ ...t, text, x, width });
    x += width + gap;
  });
  return out;
}

/**
 * Text struck through (deleted text a word processor still shows, as printed tracked changes):
 * a thin horizontal rule through the middle of the characters that touches no vertical rule (a
 * table's rules always do). The characters it crosses (placed by their estimated widths) are
 * taken out of their item; returns the items changed, with what is left of each.
 */
export function struckThrough(
  rules: readonly PdfRule[],
  texts: readonly PdfText[],
): Map<PdfText, PdfText[]> {
  const out = new Map<PdfText, PdfText[]>();
  const { h, v } = segments(rules);
  if (h.length + v.length > MAX_SEGMENTS) return out;
  const free = h.filter(
    (s) =>
      !v.some(
        (b) => b.x >= s.x0 - SNAP && b.x <= s.x1 + SNAP && s.y >= b.y0 - SNAP && s.y <= b.y1 + SNAP,
      ),
  );
  if (!free.length) return out;
  for (const t of texts) {
    const strikes = free.filter(
      (s) =>
        s.y >= t.y - 0.55 * t.fontSize &&
        s.y <= t.y - 0.15 * t.fontSize &&
        s.x1 > t.x &&
        s.x0 < t.x + t.width,
    );
    if (!strikes.length) continue;
    const chars = [...t.text];
    const total = ems(t.text) || 1;
    const kept: PdfText[] = [];
    let piece = '';
    let pieceX = t.x;
    let x = t.x;
    const flush = (end: number) => {
      if (piece.trim()) kept.push({ ...t, text: piece, x: pieceX, width: end - pieceX });
      piece = '';
    };
    for (const ch of chars) {
      const w = (t.width * ems(ch)) / total;
      const mid = x + w / 2;
      if (strikes.some((s) => mid >= s.x0 && mid <= s.x1)) flush(x);
      else {
        if (!piece) pieceX = x;
        piece += ch;
      }
      x += w;
    }
    flush(x);
    out.set(t, kept);
  }
  return out;
}

/** Whether a text item lies in a box (its middle, with a little tolerance). */
export function inside(t: PdfText, box: { x0: number; y0: number; x1: number; y1: number }) {
  const cx = t.x + t.width / 2;
  const cy = middleOf(t);
  return cx >= box.x0 - 1 && cx <= box.x1 + 1 && cy >= box.y0 - 1 && cy <= box.y1 + 1;
}

/**
 * The page's tables drawn with ruling lines, top to bottom, each with the texts it holds; a
 * grid whose cells hold running text (a frame around the page's text) is not a table.
 */
export function ruledTables(
  rules: readonly PdfRule[],
  texts: readonly PdfText[],
): { table: RuledTable; texts: PdfText[] }[] {
  const { h, v } = segments(rules);
  if (h.length + v.length > MAX_SEGMENTS) return [];
  const out: { table: RuledTable; texts: PdfText[] }[] = [];
  for (const grid of grids(h, v)) {
    const box = {
      x0: grid.xs[0]!,
      y0: grid.ys[0]!,
      x1: grid.xs[grid.xs.length - 1]!,
      y1: grid.ys[grid.ys.length - 1]!,
    };
    const own = texts.filter((t) => inside(t, box));
    if (own.length === 0) continue;
    const table = readGrid(grid, own);
    const frame =
      grid.xs.length === 2 ||
      table.rows.some((row) => row.some((c) => !c.spanned && c.text.length > 150));
    if (!frame) out.push({ table, texts: own });
  }
  return out.sort((a, b) => a.table.y0 - b.table.y0);
}
