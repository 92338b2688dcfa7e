/**
 * Selection and movement in the table editor's grid (table-grid.ts), as a spreadsheet does it:
 * the active cell and the anchor of a range, where each key takes them, and which cells a range
 * covers. Positions are navigable-cell coordinates (row `r` of `grid.nav`, cell `c` of that row);
 * a range spans grid columns, so a wide cell (T2's single-value rows) is in it when it overlaps.
 * Pure: the component applies the returned selection and focuses its cell.
 */
import type { KeyPress } from './keys';
import type { NavCell, TableGrid } from './table-grid';

export interface Pos {
  readonly r: number;
  readonly c: number;
}

/** The active cell (focused, where typing goes) and the other corner of the range. */
export interface Selection {
  readonly active: Pos;
  readonly anchor: Pos;
}

/**
 * next/prev: Tab and Shift+Tab (over computed cells); return: Enter (down, or after a run of Tabs
 * the cell under the run's first cell); edge-*: Ctrl+arrow (to the edge of the filled block).
 */
export type Move =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'next'
  | 'prev'
  | 'return'
  | 'home'
  | 'end'
  | 'first'
  | 'last'
  | 'edge-up'
  | 'edge-down'
  | 'edge-left'
  | 'edge-right';

/**
 * What a move may need besides the grid: where the current run of Tabs started (Excel's
 * "Tab, Tab, Enter" returns to that column on the next row), and which cells hold a value (Ctrl+
 * arrow stops at the edge of a filled block, as in a spreadsheet).
 */
export interface MoveContext {
  readonly tabRun?: Pos | null;
  readonly filled?: (cell: NavCell) => boolean;
}

/** What a key pressed on a cell (the cell editor closed) does. */
export type GridCommand =
  /** `always`: the key's default is prevented even at the table's edge (all but Tab, which then leaves the table). */
  | {
      readonly kind: 'move';
      readonly move: Move;
      readonly extend: boolean;
      readonly always: boolean;
    }
  /** F2: edit the value (the caret in the text). */
  | { readonly kind: 'edit' }
  /** Delete, Backspace: clear the selected cells. */
  | { readonly kind: 'clear' }
  /** Esc: collapse the range, dismiss the messages. */
  | { readonly kind: 'escape' }
  | { readonly kind: 'select-all' }
  /** A printable character: it starts a new value (type to replace). */
  | { readonly kind: 'type'; readonly text: string };

/** What a key pressed in the open cell editor does (null: the text field's own behaviour). */
export type InputCommand =
  { readonly kind: 'commit'; readonly move: Move } | { readonly kind: 'cancel' };

/** replace: typing replaced the value (←/→ commit); edit: F2 or a double click (←/→ move the caret). */
export type EditMode = 'replace' | 'edit';

export function collapsedAt(p: Pos): Selection {
  return { active: p, anchor: p };
}

export function isRange(sel: Selection): boolean {
  return sel.anchor.r !== sel.active.r || sel.anchor.c !== sel.active.c;
}

export function cellAtPos(grid: TableGrid, p: Pos): NavCell | undefined {
  return grid.nav[p.r]?.[p.c];
}

/** The selection kept inside the grid (the report's format may have changed); the same object when it is. */
export function clampSelection(grid: TableGrid, sel: Selection): Selection {
  const clamp = (p: Pos): Pos => {
    const r = Math.min(Math.max(p.r, 0), grid.nav.length - 1);
    const c = Math.min(Math.max(p.c, 0), grid.nav[r]!.length - 1);
    return r === p.r && c === p.c ? p : { r, c };
  };
  const active = clamp(sel.active);
  const anchor = clamp(sel.anchor);
  return active === sel.active && anchor === sel.anchor ? sel : { active, anchor };
}

/** The selection with `to` active; the anchor stays when the range is extended (Shift). */
export function selectTo(sel: Selection, to: Pos, extend = false): Selection {
  return extend ? { active: to, anchor: sel.anchor } : collapsedAt(to);
}

/** Ctrl+A: from the first cell to the last. */
export function selectAll(grid: TableGrid): Selection {
  const r = grid.nav.length - 1;
  return { anchor: { r: 0, c: 0 }, active: { r, c: grid.nav[r]!.length - 1 } };
}

/** The cell of row `r` under the grid column of `from` (a row's last cell when none is). */
function vertical(grid: TableGrid, from: NavCell, r: number): Pos | null {
  const row = grid.nav[r];
  if (!row) return null;
  const hit =
    row.find((c) => c.gridCol <= from.gridCol && from.gridCol < c.gridCol + c.colSpan) ??
    row[row.length - 1]!;
  return { r, c: hit.c };
}

/** The next (or previous) cell in reading order that is not a computed total. */
function tabStep(grid: TableGrid, from: NavCell, step: 1 | -1): Pos | null {
  let { r, c } = from;
  for (;;) {
    c += step;
    if (c < 0 || c >= grid.nav[r]!.length) {
      r += step;
      const row = grid.nav[r];
      if (!row) return null;
      c = step === 1 ? 0 : row.length - 1;
    }
    if (!grid.nav[r]![c]!.computed) return { r, c };
  }
}

/** The cells from `from` (excluded) to the table's edge in a direction, nearest first. */
function lineFrom(
  grid: TableGrid,
  from: NavCell,
  dir: 'up' | 'down' | 'left' | 'right',
): NavCell[] {
  const out: NavCell[] = [];
  if (dir === 'left' || dir === 'right') {
    const row = grid.nav[from.r]!;
    if (dir === 'right') out.push(...row.slice(from.c + 1));
    else out.push(...row.slice(0, from.c).reverse());
    return out;
  }
  const step = dir === 'down' ? 1 : -1;
  for (let r = from.r + step; grid.nav[r]; r += step)
    out.push(cellAtPos(grid, vertical(grid, from, r)!)!);
  return out;
}

/**
 * Ctrl+arrow as in a spreadsheet: from a filled cell whose neighbour is filled, to the last
 * filled cell of the block; otherwise to the next filled cell; the table's edge when none.
 */
function edge(
  grid: TableGrid,
  from: NavCell,
  dir: 'up' | 'down' | 'left' | 'right',
  filled: (cell: NavCell) => boolean,
): Pos | null {
  const line = lineFrom(grid, from, dir);
  if (line.length === 0) return null;
  let to: NavCell;
  if (filled(from) && filled(line[0]!)) {
    const gap = line.findIndex((c) => !filled(c));
    to = gap === -1 ? line[line.length - 1]! : line[gap - 1]!;
  } else {
    to = line.find(filled) ?? line[line.length - 1]!;
  }
  return { r: to.r, c: to.c };
}

/**
 * Where a move from `from` goes, or null at the table's edge: ↑/↓ keep the grid column, ←/→ stop
 * at the row's ends, next/prev (Tab) pass over computed totals, wrap to the next or previous row
 * and stop at the first and last cell (Tab then leaves the table), return (Enter) goes down — to
 * the column where a run of Tabs started when there was one — home/end the row's ends,
 * first/last the table's, edge-* the edge of the filled block (Ctrl+arrow). Computed totals can
 * be visited with the arrows, not edited.
 */
export function target(grid: TableGrid, from: Pos, move: Move, ctx: MoveContext = {}): Pos | null {
  const cell = cellAtPos(grid, from);
  if (!cell) return null;
  const { r, c } = cell;
  const row = grid.nav[r]!;
  switch (move) {
    case 'return': {
      const start = ctx.tabRun ? cellAtPos(grid, ctx.tabRun) : undefined;
      return vertical(grid, start ? { ...cell, gridCol: start.gridCol, colSpan: 1 } : cell, r + 1);
    }
    case 'edge-up':
    case 'edge-down':
    case 'edge-left':
    case 'edge-right':
      return edge(grid, cell, move.slice(5) as 'up', ctx.filled ?? (() => true));
    case 'up':
      return vertical(grid, cell, r - 1);
    case 'down':
      return vertical(grid, cell, r + 1);
    case 'left':
      return c > 0 ? { r, c: c - 1 } : null;
    case 'right':
      return c < row.length - 1 ? { r, c: c + 1 } : null;
    case 'next':
      return tabStep(grid, cell, 1);
    case 'prev':
      return tabStep(grid, cell, -1);
    case 'home':
      return { r, c: 0 };
    case 'end':
      return { r, c: row.length - 1 };
    case 'first':
      return { r: 0, c: 0 };
    case 'last': {
      const lr = grid.nav.length - 1;
      return { r: lr, c: grid.nav[lr]!.length - 1 };
    }
  }
}

/** The selection after a move from `from` (extending the range with Shift); null at the edge. */
export function moveSelection(
  grid: TableGrid,
  sel: Selection,
  from: Pos,
  move: Move,
  extend = false,
  ctx: MoveContext = {},
): Selection | null {
  const to = target(grid, from, move, ctx);
  return to ? selectTo(sel, to, extend) : null;
}

/** The selected range in grid terms: rows r0..r1, value columns g0..g1 (inclusive; empty when outside the grid). */
export function selectionBounds(
  grid: TableGrid,
  sel: Selection,
): { r0: number; r1: number; g0: number; g1: number } {
  const a = cellAtPos(grid, sel.anchor);
  const b = cellAtPos(grid, sel.active);
  if (!a || !b) return { r0: 0, r1: -1, g0: 0, g1: -1 };
  return {
    r0: Math.min(a.r, b.r),
    r1: Math.max(a.r, b.r),
    g0: Math.min(a.gridCol, b.gridCol),
    g1: Math.max(a.gridCol + a.colSpan - 1, b.gridCol + b.colSpan - 1),
  };
}

/** Whether the cell is shown selected: in a range of more than the active cell. */
export function inSelection(grid: TableGrid, sel: Selection, cell: NavCell): boolean {
  if (!isRange(sel)) return false;
  const { r0, r1, g0, g1 } = selectionBounds(grid, sel);
  return (
    cell.r >= r0 && cell.r <= r1 && cell.gridCol <= g1 && cell.gridCol + cell.colSpan - 1 >= g0
  );
}

/** The selected cells, row by row (the active cell alone when there is no range). */
export function selectedCells(grid: TableGrid, sel: Selection): NavCell[][] {
  const { r0, r1, g0, g1 } = selectionBounds(grid, sel);
  const out: NavCell[][] = [];
  for (let r = r0; r <= r1; r++) {
    out.push(grid.nav[r]!.filter((c) => c.gridCol <= g1 && c.gridCol + c.colSpan - 1 >= g0));
  }
  return out;
}

/**
 * The spreadsheet keys on a cell (see the table editor's module comment). The grid is one tab
 * stop: Tab on a cell leaves the table, except during a run of Tabs that started by committing a
 * typed value with Tab (`inTabRun`), where it moves right as in a spreadsheet.
 */
export function gridCommand(k: KeyPress, inTabRun = false): GridCommand | null {
  const move = (m: Move, extend = false, always = true): GridCommand => ({
    kind: 'move',
    move: m,
    extend,
    always,
  });
  switch (k.key) {
    case 'ArrowUp':
      return move(k.ctrl ? 'edge-up' : 'up', k.shift);
    case 'ArrowDown':
      return move(k.ctrl ? 'edge-down' : 'down', k.shift);
    case 'ArrowLeft':
      return move(k.ctrl ? 'edge-left' : 'left', k.shift);
    case 'ArrowRight':
      return move(k.ctrl ? 'edge-right' : 'right', k.shift);
    case 'Tab':
      // outside a run of Tabs, and at the first or last cell, Tab leaves the table; Ctrl+Tab is
      // the browser's
      return k.ctrl || !inTabRun ? null : move(k.shift ? 'prev' : 'next', false, false);
    case 'Enter':
      return move(k.shift ? 'up' : 'return');
    case 'Home':
      return move(k.ctrl ? 'first' : 'home', k.shift);
    case 'End':
      return move(k.ctrl ? 'last' : 'end', k.shift);
    case 'F2':
      return { kind: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
    case 'Escape':
      return { kind: 'escape' };
  }
  if (k.ctrl && !k.alt && k.key.toLowerCase() === 'a') return { kind: 'select-all' };
  if (!k.ctrl && !k.alt && [...k.key].length === 1) return { kind: 'type', text: k.key };
  return null;
}

/** The keys of the open cell editor: Enter, Tab and ↑/↓ commit and move, Esc cancels. */
export function inputCommand(k: KeyPress, mode: EditMode): InputCommand | null {
  const commit = (move: Move): InputCommand => ({ kind: 'commit', move });
  switch (k.key) {
    case 'Enter':
      return commit(k.shift ? 'up' : 'return');
    case 'Tab':
      return commit(k.shift ? 'prev' : 'next');
    case 'ArrowUp':
      return commit('up');
    case 'ArrowDown':
      return commit('down');
    case 'ArrowLeft':
      return mode === 'replace' ? commit('left') : null;
    case 'ArrowRight':
      return mode === 'replace' ? commit('right') : null;
    case 'Escape':
      return { kind: 'cancel' };
  }
  return null;
}

/** A cell's position among the navigable cells. */
export function posOf(cell: NavCell): Pos {
  return { r: cell.r, c: cell.c };
}

/**
 * The run of Tabs after a move from `cell` (where it started; null: none): Tab and Shift+Tab
 * start or continue it, any other move ends it.
 */
export function runAfter(run: Pos | null, move: Move, cell: NavCell): Pos | null {
  if (move === 'next' || move === 'prev') return run ?? posOf(cell);
  return null;
}
