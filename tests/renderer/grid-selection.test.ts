// The table editor's selection and keys (renderer/models/grid-selection.ts) on the real grids of
// the 2021 format: T2 (blocks of three columns, then single-value rows one cell wide across the
// table), T3 (25 rows × 7 columns, 总计 column computed) and T4 (one row of 15 cells).
import { describe, expect, it } from 'vitest';
import {
  clampSelection,
  collapsedAt,
  gridCommand,
  inSelection,
  inputCommand,
  isRange,
  moveSelection,
  selectAll,
  selectedCells,
  selectionBounds,
  selectTo,
  target,
  type Move,
  type Pos,
} from '../../renderer/models/grid-selection';
import {
  KEY_HELP,
  keyPress,
  nextRegion,
  reportShortcut,
  type KeyPress,
} from '../../renderer/models/keys';
import { findText } from '../../renderer/models/places';
import { balancedReport } from '../helpers/reports';
import { tableGrid } from '../../renderer/models/table-grid';

const T2 = tableGrid('2021', '二');
const T3 = tableGrid('2021', '三');
const T4 = tableGrid('2021', '四');

const key = (k: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key: k,
  ctrl: false,
  shift: false,
  alt: false,
  ...mods,
});

const names = (cells: readonly { row: { id: string }; column: { id: string } }[]) =>
  cells.map((c) => `${c.row.id}/${c.column.id}`);

describe('the editor grid', () => {
  it('lists the navigable cells of each table row by row, built once per format and table', () => {
    expect(T3.nav).toHaveLength(25);
    expect(T3.nav.every((row) => row.length === 7)).toBe(true);
    expect(names(T3.nav[0]!)).toEqual([
      'new/natural',
      'new/business',
      'new/research',
      'new/nonprofit',
      'new/legal',
      'new/otherOrg',
      'new/total',
    ]);
    expect(T2.nav.map((row) => row.length)).toEqual([3, 3, 1, 1, 1, 1]);
    expect(T2.nav[2]![0]).toMatchObject({ gridCol: 0, colSpan: 3 });
    expect(T4.nav).toHaveLength(1);
    expect(tableGrid('2021', '三')).toBe(T3);
    expect(T3.byKey.get(T3.nav[4]![2]!.key)).toBe(T3.nav[4]![2]);
  });
});

describe('movement', () => {
  const from =
    (grid = T3, p: Pos = { r: 3, c: 3 }) =>
    (move: Move) =>
      target(grid, p, move);

  it('moves with the arrows, Tab, Home/End and Ctrl+Home/End', () => {
    const go = from();
    expect(go('up')).toEqual({ r: 2, c: 3 });
    expect(go('down')).toEqual({ r: 4, c: 3 });
    expect(go('left')).toEqual({ r: 3, c: 2 });
    expect(go('right')).toEqual({ r: 3, c: 4 });
    expect(go('next')).toEqual({ r: 3, c: 4 });
    expect(go('prev')).toEqual({ r: 3, c: 2 });
    expect(go('home')).toEqual({ r: 3, c: 0 });
    expect(go('end')).toEqual({ r: 3, c: 6 });
    expect(go('first')).toEqual({ r: 0, c: 0 });
    expect(go('last')).toEqual({ r: 24, c: 6 });
  });

  it('wraps Tab to the next and previous row, passing over computed totals', () => {
    // the 总计 column (c 6) is computed: Tab goes from the last input to the next row
    expect(T3.nav[3]![6]!.computed).toBe(true);
    expect(T3.nav[3]![5]!.computed).toBe(false);
    expect(target(T3, { r: 3, c: 5 }, 'next')).toEqual({ r: 4, c: 0 });
    expect(target(T3, { r: 3, c: 6 }, 'next')).toEqual({ r: 4, c: 0 });
    expect(target(T3, { r: 4, c: 0 }, 'prev')).toEqual({ r: 3, c: 5 });
    // the （七）总计 row is computed throughout: Tab passes over all of it
    const totalRow = T3.nav.findIndex((row) => row.every((c) => c.computed));
    expect(totalRow).toBeGreaterThan(0);
    expect(target(T3, { r: totalRow - 1, c: 5 }, 'next')).toEqual({ r: totalRow + 1, c: 0 });
    expect(target(T3, { r: totalRow + 1, c: 0 }, 'prev')).toEqual({ r: totalRow - 1, c: 5 });
    // T4: 总计 of each block is computed
    expect(T4.nav[0]!.filter((c) => c.computed).map((c) => c.column.id)).toEqual([
      'total',
      'total',
      'total',
    ]);
    // T2: from a three-column row into a single wide cell and back
    expect(target(T2, { r: 1, c: 2 }, 'next')).toEqual({ r: 2, c: 0 });
    expect(target(T2, { r: 2, c: 0 }, 'prev')).toEqual({ r: 1, c: 2 });
  });

  it('Enter after a run of Tabs goes to the run’s first column on the next row', () => {
    expect(target(T3, { r: 3, c: 4 }, 'return')).toEqual({ r: 4, c: 4 });
    expect(target(T3, { r: 3, c: 4 }, 'return', { tabRun: { r: 3, c: 1 } })).toEqual({
      r: 4,
      c: 1,
    });
    expect(target(T3, { r: 24, c: 4 }, 'return', { tabRun: { r: 24, c: 0 } })).toBeNull();
  });

  it('Ctrl+arrow goes to the edge of the filled block, as in a spreadsheet', () => {
    const filled = new Set(['0/0', '0/1', '0/2', '0/4', '0/5', '1/0', '2/0', '3/0', '6/0']);
    const ctx = { filled: (c: { r: number; c: number }) => filled.has(`${c.r}/${c.c}`) };
    // inside a block: to its last filled cell
    expect(target(T3, { r: 0, c: 0 }, 'edge-right', ctx)).toEqual({ r: 0, c: 2 });
    // at the block's edge: to the next filled cell
    expect(target(T3, { r: 0, c: 2 }, 'edge-right', ctx)).toEqual({ r: 0, c: 4 });
    // past the last filled cell: the table's edge
    expect(target(T3, { r: 0, c: 5 }, 'edge-right', ctx)).toEqual({ r: 0, c: 6 });
    expect(target(T3, { r: 0, c: 6 }, 'edge-right', ctx)).toBeNull();
    expect(target(T3, { r: 0, c: 0 }, 'edge-down', ctx)).toEqual({ r: 3, c: 0 });
    expect(target(T3, { r: 3, c: 0 }, 'edge-down', ctx)).toEqual({ r: 6, c: 0 });
    expect(target(T3, { r: 6, c: 0 }, 'edge-down', ctx)).toEqual({ r: 24, c: 0 });
    expect(target(T3, { r: 3, c: 0 }, 'edge-up', ctx)).toEqual({ r: 0, c: 0 });
    expect(target(T3, { r: 0, c: 4 }, 'edge-left', ctx)).toEqual({ r: 0, c: 2 });
    // an empty table: straight to the edge
    expect(target(T3, { r: 5, c: 3 }, 'edge-left', { filled: () => false })).toEqual({
      r: 5,
      c: 0,
    });
  });

  it('stops at the table’s edges (null: Tab then leaves the table)', () => {
    expect(target(T3, { r: 0, c: 0 }, 'up')).toBeNull();
    expect(target(T3, { r: 0, c: 0 }, 'left')).toBeNull();
    expect(target(T3, { r: 0, c: 0 }, 'prev')).toBeNull();
    expect(target(T3, { r: 24, c: 6 }, 'down')).toBeNull();
    expect(target(T3, { r: 24, c: 6 }, 'right')).toBeNull();
    expect(target(T3, { r: 24, c: 6 }, 'next')).toBeNull();
    expect(target(T4, { r: 0, c: 7 }, 'up')).toBeNull();
    expect(target(T4, { r: 0, c: 7 }, 'down')).toBeNull();
    // a position outside the grid goes nowhere
    expect(target(T3, { r: 30, c: 0 }, 'down')).toBeNull();
    expect(target(T3, { r: 0, c: 9 }, 'left')).toBeNull();
  });

  it('keeps the grid column going up and down across wide cells', () => {
    // from the third column of a T2 block down into the wide single-value cell
    expect(target(T2, { r: 1, c: 2 }, 'down')).toEqual({ r: 2, c: 0 });
    // and up from the wide cell: the cell under its first grid column
    expect(target(T2, { r: 2, c: 0 }, 'up')).toEqual({ r: 1, c: 0 });
    expect(target(T2, { r: 2, c: 0 }, 'right')).toBeNull();
  });

  it('visits computed totals like any other cell (they are read-only, not skipped)', () => {
    const total = T3.nav[0]![6]!;
    expect(total.column.id).toBe('total');
    expect(target(T3, { r: 0, c: 5 }, 'right')).toEqual({ r: 0, c: 6 });
    expect(target(T3, { r: 22, c: 2 }, 'down')).toEqual({ r: 23, c: 2 }); // row 总计
  });

  it('returns the next selection, extending the range with Shift, or null at the edge', () => {
    const sel = collapsedAt({ r: 3, c: 3 });
    expect(moveSelection(T3, sel, sel.active, 'down')).toEqual(collapsedAt({ r: 4, c: 3 }));
    expect(moveSelection(T3, sel, sel.active, 'right', true)).toEqual({
      anchor: { r: 3, c: 3 },
      active: { r: 3, c: 4 },
    });
    const range = { anchor: { r: 3, c: 3 }, active: { r: 5, c: 5 } };
    expect(moveSelection(T3, range, range.active, 'end', true)).toEqual({
      anchor: { r: 3, c: 3 },
      active: { r: 5, c: 6 },
    });
    expect(moveSelection(T3, range, range.active, 'home')).toEqual(collapsedAt({ r: 5, c: 0 }));
    expect(moveSelection(T3, collapsedAt({ r: 0, c: 0 }), { r: 0, c: 0 }, 'up', true)).toBeNull();
  });
});

describe('ranges', () => {
  it('covers the rectangle between anchor and active cell, in either direction', () => {
    const sel = { anchor: { r: 4, c: 3 }, active: { r: 2, c: 1 } };
    expect(selectionBounds(T3, sel)).toEqual({ r0: 2, r1: 4, g0: 1, g1: 3 });
    const cells = selectedCells(T3, sel);
    expect(cells.map((row) => row.length)).toEqual([3, 3, 3]);
    expect(names(cells[0]!)).toEqual(['granted/business', 'granted/research', 'granted/nonprofit']);
    expect(inSelection(T3, sel, T3.nav[3]![2]!)).toBe(true);
    expect(inSelection(T3, sel, T3.nav[3]![4]!)).toBe(false);
    expect(inSelection(T3, sel, T3.nav[5]![2]!)).toBe(false);
  });

  it('takes in a wide cell that overlaps the range', () => {
    const sel = { anchor: { r: 1, c: 1 }, active: { r: 3, c: 0 } };
    expect(selectionBounds(T2, sel)).toEqual({ r0: 1, r1: 3, g0: 0, g1: 2 });
    expect(selectedCells(T2, sel).map((row) => row.length)).toEqual([3, 1, 1]);
  });

  it('shows no cell as selected when the selection is one cell, yet that cell is what acts', () => {
    const sel = collapsedAt({ r: 2, c: 2 });
    expect(isRange(sel)).toBe(false);
    expect(inSelection(T3, sel, T3.nav[2]![2]!)).toBe(false);
    expect(names(selectedCells(T3, sel).flat())).toEqual(['granted/research']);
  });

  it('selects the whole table with Ctrl+A', () => {
    const all = selectAll(T3);
    expect(all).toEqual({ anchor: { r: 0, c: 0 }, active: { r: 24, c: 6 } });
    expect(selectedCells(T3, all).flat()).toHaveLength(25 * 7);
    expect(selectAll(T4)).toEqual({ anchor: { r: 0, c: 0 }, active: { r: 0, c: 14 } });
  });

  it('keeps a selection inside the grid (the same object when it is)', () => {
    const inside = { anchor: { r: 1, c: 1 }, active: { r: 2, c: 6 } };
    expect(clampSelection(T3, inside)).toBe(inside);
    // a T3 selection shown on T4, or on a T2 single-value row
    expect(clampSelection(T4, inside)).toEqual({ anchor: { r: 0, c: 1 }, active: { r: 0, c: 6 } });
    expect(clampSelection(T2, { anchor: { r: 9, c: 9 }, active: { r: -1, c: -2 } })).toEqual({
      anchor: { r: 5, c: 0 },
      active: { r: 0, c: 0 },
    });
  });

  it('an empty range outside the grid selects nothing', () => {
    expect(selectedCells(T3, collapsedAt({ r: 40, c: 0 }))).toEqual([]);
    expect(selectTo(collapsedAt({ r: 1, c: 1 }), { r: 2, c: 2 }, true)).toEqual({
      anchor: { r: 1, c: 1 },
      active: { r: 2, c: 2 },
    });
  });
});

describe('keys on a cell', () => {
  it('map arrows, Tab, Enter, Home and End to moves', () => {
    expect(gridCommand(key('ArrowDown'))).toEqual({
      kind: 'move',
      move: 'down',
      extend: false,
      always: true,
    });
    expect(gridCommand(key('ArrowLeft', { shift: true }))).toMatchObject({
      move: 'left',
      extend: true,
    });
    // the table is one tab stop: Tab leaves it, except in a run of Tabs (a value committed with Tab)
    expect(gridCommand(key('Tab'))).toBeNull();
    expect(gridCommand(key('Tab', { shift: true }))).toBeNull();
    expect(gridCommand(key('Tab'), true)).toEqual({
      kind: 'move',
      move: 'next',
      extend: false,
      always: false,
    });
    expect(gridCommand(key('Tab', { shift: true }), true)).toMatchObject({
      move: 'prev',
      always: false,
    });
    expect(gridCommand(key('Enter'))).toMatchObject({ move: 'return', extend: false });
    expect(gridCommand(key('ArrowRight', { ctrl: true }))).toMatchObject({ move: 'edge-right' });
    expect(gridCommand(key('ArrowUp', { ctrl: true, shift: true }))).toMatchObject({
      move: 'edge-up',
      extend: true,
    });
    expect(gridCommand(key('Enter', { shift: true }))).toMatchObject({ move: 'up' });
    expect(gridCommand(key('Home'))).toMatchObject({ move: 'home' });
    expect(gridCommand(key('Home', { ctrl: true }))).toMatchObject({ move: 'first' });
    expect(gridCommand(key('End', { ctrl: true, shift: true }))).toMatchObject({
      move: 'last',
      extend: true,
    });
  });

  it('edit, clear, escape, select all and type to replace', () => {
    expect(gridCommand(key('F2'))).toEqual({ kind: 'edit' });
    expect(gridCommand(key('Delete'))).toEqual({ kind: 'clear' });
    expect(gridCommand(key('Backspace'))).toEqual({ kind: 'clear' });
    expect(gridCommand(key('Escape'))).toEqual({ kind: 'escape' });
    expect(gridCommand(key('a', { ctrl: true }))).toEqual({ kind: 'select-all' });
    expect(gridCommand(key('A', { ctrl: true, shift: true }))).toEqual({ kind: 'select-all' });
    expect(gridCommand(key('7'))).toEqual({ kind: 'type', text: '7' });
    expect(gridCommand(key('增'))).toEqual({ kind: 'type', text: '增' });
  });

  it('leave other keys to the browser', () => {
    expect(gridCommand(key('Tab', { ctrl: true }))).toBeNull();
    expect(gridCommand(key('c', { ctrl: true }))).toBeNull();
    expect(gridCommand(key('v', { ctrl: true }))).toBeNull();
    expect(gridCommand(key('a', { alt: true }))).toBeNull();
    expect(gridCommand(key('Shift'))).toBeNull();
    expect(gridCommand(key('PageDown'))).toBeNull();
  });
});

describe('keys in the cell editor', () => {
  it('commit and move with Enter, Tab and ↑/↓; Esc cancels', () => {
    expect(inputCommand(key('Enter'), 'edit')).toEqual({ kind: 'commit', move: 'return' });
    expect(inputCommand(key('Enter', { shift: true }), 'edit')).toEqual({
      kind: 'commit',
      move: 'up',
    });
    expect(inputCommand(key('Tab'), 'edit')).toEqual({ kind: 'commit', move: 'next' });
    expect(inputCommand(key('Tab', { shift: true }), 'replace')).toEqual({
      kind: 'commit',
      move: 'prev',
    });
    expect(inputCommand(key('ArrowUp'), 'edit')).toEqual({ kind: 'commit', move: 'up' });
    expect(inputCommand(key('Escape'), 'edit')).toEqual({ kind: 'cancel' });
  });

  it('←/→ commit only after type-to-replace; after F2 they move the caret', () => {
    expect(inputCommand(key('ArrowLeft'), 'replace')).toEqual({ kind: 'commit', move: 'left' });
    expect(inputCommand(key('ArrowRight'), 'replace')).toEqual({ kind: 'commit', move: 'right' });
    expect(inputCommand(key('ArrowLeft'), 'edit')).toBeNull();
    expect(inputCommand(key('ArrowRight'), 'edit')).toBeNull();
    expect(inputCommand(key('Home'), 'edit')).toBeNull();
    expect(inputCommand(key('z', { ctrl: true }), 'edit')).toBeNull();
  });
});

describe('the report view’s shortcuts', () => {
  it('save, undo and redo (Ctrl or ⌘)', () => {
    const press = (
      k: string,
      mods: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean } = {},
    ) =>
      reportShortcut(
        keyPress({
          key: k,
          ctrlKey: false,
          metaKey: false,
          shiftKey: false,
          altKey: false,
          ...mods,
        }),
      );
    expect(press('s', { ctrlKey: true })).toBe('save');
    expect(press('S', { metaKey: true, shiftKey: true })).toBe('save');
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(press('y', { metaKey: true })).toBe('redo');
    expect(press('Y', { ctrlKey: true, shiftKey: true })).toBe('redo');
  });

  it('are no shortcuts without Ctrl, with Alt, or on other keys', () => {
    expect(reportShortcut(key('z'))).toBeNull();
    expect(reportShortcut(key('z', { ctrl: true, alt: true }))).toBeNull();
    expect(reportShortcut(key('s', { ctrl: true, alt: true }))).toBeNull();
    expect(reportShortcut(key('x', { ctrl: true }))).toBeNull();
  });

  it('F6 / Ctrl+Shift+E cycle navigator → editor → checks (Shift+F6 back); F1 is 帮助', () => {
    expect(reportShortcut(key('F6'))).toBe('next-region');
    expect(reportShortcut(key('F6', { shift: true }))).toBe('prev-region');
    expect(reportShortcut(key('E', { ctrl: true, shift: true }))).toBe('next-region');
    expect(reportShortcut(key('e', { ctrl: true }))).toBeNull();
    expect(reportShortcut(key('F1'))).toBe('help');
    expect(nextRegion('nav')).toBe('doc');
    expect(nextRegion('doc')).toBe('checks');
    expect(nextRegion('checks')).toBe('nav');
    expect(nextRegion('nav', true)).toBe('checks');
    expect(nextRegion(null)).toBe('doc');
    expect(KEY_HELP.map(([k]) => k)).toContain('F6 或 Ctrl+Shift+E');
  });
});

describe('a search hit in the report text', () => {
  it('is the first paragraph holding the text, with its range', () => {
    const report = balancedReport(2021);
    const text = report.sections['五']!.paragraphs[0]!.text;
    const word = text.slice(3, 7);
    const hit = findText(report, ` ${word} `);
    expect(hit).not.toBeNull();
    const para =
      hit!.location.section === '导语'
        ? report.opening[hit!.location.paragraph!]!
        : report.sections[hit!.location.section as '五']!.paragraphs[hit!.location.paragraph!]!;
    expect(para.text.slice(hit!.start, hit!.end)).toBe(word);
    expect(findText(report, '这段文字不在报告里')).toBeNull();
    expect(findText(report, '  ')).toBeNull();
  });
});
