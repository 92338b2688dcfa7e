// The statistical tables of the PDF (print.md "Tables across pages", report-format.md T2–T4):
// the grid of each table in its official layout, sizes and column widths, row heights, page
// break hints, and drawing of whole tables and of fragments split across pages.
import { describe, expect, it } from 'vitest';
import { FORMATS, cellsOf, type FormatVersion, type TableId } from '../../core/formats';
import {
  T3_GROUP_DENIED,
  T3_GROUP_OTHER,
  T3_GROUP_RESULTS,
  T3_GROUP_UNAVAILABLE,
  T3_GROUP_UNPROCESSED,
  T4_LITIGATION,
} from '../../core/formats/common';
import { blankReport, type Report } from '../../core/model';
import { loadFontSet } from '../../electron/services/pdf/fonts';
import { createTypesetter } from '../../electron/services/pdf/linebreak';
import {
  BORDER_WIDTH,
  MAX_HEADER_LINES,
  MAX_SIZE,
  MIN_SIZE,
  PAD_X,
  PAD_Y,
  layoutTable,
  reportGrid,
  tableGrid,
  type PdfGridCell,
  type TableGrid,
  type PdfTableLayoutDetail,
} from '../../electron/services/pdf/table';
import {
  PAGE,
  type DrawContext,
  type FontFace,
  type FontSet,
  type Line,
  type TextStyle,
  type Typesetter,
  type Segment as TextSegment,
} from '../../electron/services/pdf/types';
import { balancedReport, setCell } from '../helpers/reports';

const WIDTH = PAGE.blockWidth; // 442.2 pt = 156 mm
const FORMAT_YEARS: Record<FormatVersion, number> = { '2019': 2020, '2021': 2021 };
const TABLES: readonly TableId[] = ['二', '三', '四'];
const EPS = 0.01;

// ---------------------------------------------------------------------------------------------
// A fake typesetter: a CJK character is `size` wide, an ASCII character half of it; runs of
// ASCII letters and digits are unbreakable (even when wider than the line); greedy breaking.

const FAKE_FACE = {
  key: 'fake',
  family: 'fake',
  postscriptName: 'fake',
  file: '',
  source: 'bundled',
  font: {},
} as unknown as FontFace;

function fakeTypesetter(): Typesetter {
  const charWidth = (ch: string, size: number): number =>
    ch.charCodeAt(0) < 0x80 ? size / 2 : size;
  const units = (text: string, style: TextStyle): TextSegment[] => {
    const out: TextSegment[] = [];
    for (const piece of text.match(/[A-Za-z0-9.,+-]+|./gu) ?? []) {
      const width = Array.from(piece).reduce((s, ch) => s + charWidth(ch, style.size), 0);
      out.push({
        text: piece,
        runs: [{ text: piece, face: FAKE_FACE, width }],
        width,
        cjk: piece.charCodeAt(0) >= 0x80,
      });
    }
    return out;
  };
  const makeLine = (list: TextSegment[], style: TextStyle, avail: number, last: boolean): Line => {
    const natural = list.reduce((s, u) => s + u.width, 0);
    const gap = !last && list.length > 1 ? (avail - natural) / (list.length - 1) : 0;
    return {
      segments: list,
      natural,
      gap,
      width: natural + gap * Math.max(0, list.length - 1),
      style,
    };
  };
  return {
    fonts: { faceFor: () => FAKE_FACE } as unknown as FontSet,
    segments: units,
    width: (text, style) => units(text, style).reduce((s, u) => s + u.width, 0),
    ascent: (style) => 0.88 * style.size,
    lines(text, style, width) {
      const out: Line[] = [];
      let line: TextSegment[] = [];
      let used = 0;
      for (const unit of units(text, style)) {
        if (line.length > 0 && used + unit.width > width + 1e-9) {
          out.push(makeLine(line, style, width, false));
          line = [];
          used = 0;
        }
        line.push(unit);
        used += unit.width;
      }
      out.push(makeLine(line, style, width, true));
      return out;
    },
  };
}

const fake = fakeTypesetter();
let realTs: Typesetter | null = null;
const real = (): Typesetter => (realTs ??= createTypesetter(loadFontSet()));

// ---------------------------------------------------------------------------------------------
// A recording drawing context.

interface Drawn {
  text: string;
  x: number;
  baseline: number;
  width: number;
}
interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function recorder(ts: Typesetter) {
  const drawn: Drawn[] = [];
  const stroked: Segment[] = [];
  const path: Segment[] = [];
  let at: [number, number] = [0, 0];
  let depth = 0;
  const calls: string[] = [];
  const doc = {
    save() {
      depth++;
      calls.push('save');
      return doc;
    },
    restore() {
      depth--;
      calls.push('restore');
      return doc;
    },
    lineWidth(w: number) {
      calls.push(`lineWidth ${w}`);
      return doc;
    },
    strokeColor() {
      return doc;
    },
    lineCap() {
      return doc;
    },
    rect() {
      return doc;
    },
    clip() {
      calls.push('clip');
      return doc;
    },
    moveTo(x: number, y: number) {
      at = [x, y];
      return doc;
    },
    lineTo(x: number, y: number) {
      path.push({ x1: at[0], y1: at[1], x2: x, y2: y });
      at = [x, y];
      return doc;
    },
    stroke() {
      stroked.push(...path.splice(0));
      return doc;
    },
  };
  const ctx: DrawContext = {
    doc: doc as unknown as PDFKit.PDFDocument,
    typesetter: ts,
    drawLine: (line, x, baseline) =>
      drawn.push({
        text: line.segments.map((u) => u.text).join(''),
        x,
        baseline,
        width: line.width,
      }),
  };
  return { ctx, drawn, stroked, calls, depth: () => depth };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const reportOf = (format: FormatVersion): Report => balancedReport(FORMAT_YEARS[format]);

const gridOf = (format: FormatVersion, table: TableId): TableGrid =>
  reportGrid(reportOf(format), table)!;

const at = (grid: TableGrid, row: number, col: number): PdfGridCell | undefined =>
  grid.cells.find((c) => c.row === row && c.col === col);

const span = (cell: PdfGridCell | undefined) =>
  cell && { rowSpan: cell.rowSpan, colSpan: cell.colSpan, text: cell.text, kind: cell.kind };

function layoutOf(
  format: FormatVersion,
  table: TableId,
  ts: Typesetter,
  report = reportOf(format),
): PdfTableLayoutDetail {
  const layout = layoutTable(report, table, WIDTH, ts);
  if (!layout) throw new Error('no layout');
  return layout;
}

/** x range and the list of (top, bottom) of a cell's parts when `list` is drawn at (x, y). */
function cellBox(layout: PdfTableLayoutDetail, cell: PdfGridCell, x: number) {
  const left = x + layout.columnWidths.slice(0, cell.col).reduce((s, w) => s + w, 0);
  const right =
    left + layout.columnWidths.slice(cell.col, cell.col + cell.colSpan).reduce((s, w) => s + w, 0);
  return { left, right };
}

function rowTops(layout: PdfTableLayoutDetail, list: readonly number[], y: number): number[] {
  const tops: number[] = [];
  let top = y;
  for (const r of list) {
    tops.push(top);
    top += layout.rows[r]!.height;
  }
  return tops;
}

/** Whether a stroked segment runs through the interior of a rectangle. */
function crossesInterior(s: Segment, left: number, right: number, top: number, bottom: number) {
  if (Math.abs(s.y1 - s.y2) < EPS) {
    const y = s.y1;
    const [a, b] = [Math.min(s.x1, s.x2), Math.max(s.x1, s.x2)];
    return y > top + EPS && y < bottom - EPS && b > left + EPS && a < right - EPS;
  }
  const x = s.x1;
  const [a, b] = [Math.min(s.y1, s.y2), Math.max(s.y1, s.y2)];
  return x > left + EPS && x < right - EPS && b > top + EPS && a < bottom - EPS;
}

const all = (layout: PdfTableLayoutDetail): number[] => layout.rows.map((_, i) => i);

// ---------------------------------------------------------------------------------------------
// The grid

describe('the grid covers its rectangle exactly once', () => {
  for (const format of ['2019', '2021'] as const) {
    for (const table of TABLES) {
      it(`${format} T${table}`, () => {
        const grid = gridOf(format, table);
        const seen = grid.rows.map(() => grid.columns.map(() => 0));
        for (const cell of grid.cells) {
          expect(cell.rowSpan).toBeGreaterThanOrEqual(1);
          expect(cell.colSpan).toBeGreaterThanOrEqual(1);
          for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
            for (let c = cell.col; c < cell.col + cell.colSpan; c++) seen[r]![c]!++;
          }
        }
        expect(seen.flat().every((n) => n === 1)).toBe(true);
      });
    }
  }
});

describe('every data cell of the format appears once, at its row and column', () => {
  for (const format of ['2019', '2021'] as const) {
    for (const table of TABLES) {
      it(`${format} T${table}`, () => {
        const report = reportOf(format);
        const grid = reportGrid(report, table)!;
        const values = grid.cells.filter((c) => c.kind === 'value');
        const defs = [...cellsOf(FORMATS[format], [table])];
        expect(values).toHaveLength(defs.length);
        for (const { block, row, column } of defs) {
          const found = values.filter(
            (c) => c.ref?.block === block.id && c.ref.row === row.id && c.ref.col === column.id,
          );
          expect(found).toHaveLength(1);
          const raw =
            report.sections[table]!.table!.blocks[block.id]!.rows[row.id]!.cells[column.id];
          expect(found[0]!.text).toBe((raw ?? '').trim());
        }
      });
    }
  }
});

describe('T2', () => {
  for (const format of ['2019', '2021'] as const) {
    it(`${format}: caption, header and data rows per block, spans over the column grid`, () => {
      const grid = gridOf(format, '二');
      const blocks = FORMATS[format].tables['二'].blocks;
      const n = Math.max(...blocks.map((b) => b.columns.length));
      expect(n).toBe(3);
      expect(grid.columns).toEqual(['label', 'value', 'value', 'value']);
      let r = 0;
      for (const block of blocks) {
        expect(grid.rows[r]).toBe('caption');
        expect(span(at(grid, r, 0))).toEqual({
          rowSpan: 1,
          colSpan: n + 1,
          text: block.caption,
          kind: 'caption',
        });
        expect(grid.rows[r + 1]).toBe('header');
        expect(at(grid, r + 1, 0)?.text).toBe('信息内容');
        block.columns.forEach((column, j) => {
          const last = j === block.columns.length - 1;
          const header = at(grid, r + 1, 1 + j);
          expect(header?.text).toBe(column.label);
          expect(header?.colSpan).toBe(last ? n - j : 1);
          block.rows.forEach((row, i) => {
            const value = at(grid, r + 2 + i, 1 + j);
            expect(value?.ref).toEqual({ block: block.id, row: row.id, col: column.id });
            expect(value?.colSpan).toBe(last ? n - j : 1);
          });
        });
        block.rows.forEach((row, i) => {
          expect(grid.rows[r + 2 + i]).toBe('body');
          expect(at(grid, r + 2 + i, 0)?.text).toBe(row.label);
          expect(grid.repeat[r + 2 + i]).toEqual([r, r + 1]);
        });
        expect(grid.repeat[r]).toEqual([]);
        expect(grid.repeat[r + 1]).toEqual([]);
        r += 2 + block.rows.length;
      }
      expect(grid.rows).toHaveLength(r);
    });
  }

  it('2021: block （五） spans its one column over three, header and value', () => {
    const grid = gridOf('2021', '二');
    const header = grid.cells.find((c) => c.kind === 'header' && c.text === '本年处理决定数量');
    expect(header?.colSpan).toBe(3);
    const value = grid.cells.find((c) => c.ref?.block === 'art20_5');
    expect(value?.colSpan).toBe(3);
    expect(grid.cells.some((c) => c.text === '本年收费金额（单位：万元）')).toBe(true);
  });
});

describe('T3', () => {
  for (const format of ['2019', '2021'] as const) {
    it(`${format}: three header rows in the official layout`, () => {
      const grid = gridOf(format, '三');
      const columns = FORMATS[format].tables['三'].blocks[0]!.columns;
      expect(grid.columns).toEqual([...Array(3).fill('label'), ...Array(7).fill('value')]);
      expect(grid.rows.slice(0, 4)).toEqual(['header', 'header', 'header', 'body']);
      expect(span(at(grid, 0, 0))).toEqual({
        rowSpan: 3,
        colSpan: 3,
        text: FORMATS[format].t3Note,
        kind: 'note',
      });
      expect(span(at(grid, 0, 3))).toEqual({
        rowSpan: 1,
        colSpan: 7,
        text: '申请人情况',
        kind: 'header',
      });
      const natural = columns[0]!;
      const total = columns[6]!;
      const org = columns.slice(1, 6);
      expect(span(at(grid, 1, 3))).toEqual({
        rowSpan: 2,
        colSpan: 1,
        text: natural.label,
        kind: 'header',
      });
      expect(span(at(grid, 1, 4))).toEqual({
        rowSpan: 1,
        colSpan: 5,
        text: org[0]!.group,
        kind: 'header',
      });
      expect(span(at(grid, 1, 9))).toEqual({
        rowSpan: 2,
        colSpan: 1,
        text: total.label,
        kind: 'header',
      });
      org.forEach((column, j) => {
        expect(span(at(grid, 2, 4 + j))).toEqual({
          rowSpan: 1,
          colSpan: 1,
          text: column.label,
          kind: 'header',
        });
      });
      expect(grid.cells.filter((c) => c.row < 3)).toHaveLength(1 + 1 + 3 + 5);
    });

    it(`${format}: body labels and spanning groups`, () => {
      const grid = gridOf(format, '三');
      const rows = FORMATS[format].tables['三'].blocks[0]!.rows;
      const rowOf = (id: string) => 3 + rows.findIndex((r) => r.id === id);
      const labelCell = (id: string) =>
        grid.cells.find((c) => c.kind === 'label' && c.row === rowOf(id));
      for (const id of ['new', 'carried', 'carryNext']) {
        expect(labelCell(id)).toMatchObject({ col: 0, colSpan: 3, rowSpan: 1 });
      }
      for (const id of ['granted', 'partial', 'total']) {
        expect(labelCell(id)).toMatchObject({ col: 1, colSpan: 2, rowSpan: 1 });
      }
      const groups = grid.cells.filter((c) => c.kind === 'group');
      const group = (label: string) => groups.find((c) => c.text === label);
      expect(group(T3_GROUP_RESULTS)).toMatchObject({
        col: 0,
        colSpan: 1,
        row: rowOf('granted'),
        rowSpan: rowOf('total') - rowOf('granted') + 1,
      });
      expect(group(T3_GROUP_RESULTS)!.rowSpan).toBe(format === '2021' ? 22 : 20);
      const inner: [string, string, number][] = [
        [T3_GROUP_DENIED, 'denied1', 8],
        [T3_GROUP_UNAVAILABLE, 'unavailable1', 3],
        [T3_GROUP_UNPROCESSED, 'unprocessed1', 5],
      ];
      if (format === '2021') inner.push([T3_GROUP_OTHER, 'other1', 3]);
      for (const [label, first, count] of inner) {
        expect(group(label)).toMatchObject({
          col: 1,
          colSpan: 1,
          row: rowOf(first),
          rowSpan: count,
        });
        for (let i = 0; i < count; i++) {
          const item = grid.cells.find((c) => c.kind === 'label' && c.row === rowOf(first) + i);
          expect(item).toMatchObject({ col: 2, colSpan: 1, rowSpan: 1 });
          expect(item!.text).toBe(rows[rowOf(first) + i - 3]!.label);
        }
      }
      expect(groups).toHaveLength(1 + inner.length);
      if (format === '2019') {
        // （六）其他处理 is one data row spanning label columns 2–3.
        expect(labelCell('other')).toMatchObject({ col: 1, colSpan: 2, text: T3_GROUP_OTHER });
      }
      for (let r = 3; r < grid.rows.length; r++) expect(grid.repeat[r]).toEqual([0, 1, 2]);
      expect(grid.repeat.slice(0, 3)).toEqual([[], [], []]);
    });
  }
});

describe('T4', () => {
  it('three header rows and one row of fifteen values', () => {
    const grid = gridOf('2021', '四');
    const blocks = FORMATS['2021'].tables['四'].blocks;
    expect(grid.columns).toEqual(Array(15).fill('value'));
    expect(grid.rows).toEqual(['header', 'header', 'header', 'body']);
    expect(span(at(grid, 0, 0))).toEqual({
      rowSpan: 1,
      colSpan: 5,
      text: blocks[0]!.caption,
      kind: 'header',
    });
    expect(span(at(grid, 0, 5))).toEqual({
      rowSpan: 1,
      colSpan: 10,
      text: T4_LITIGATION,
      kind: 'header',
    });
    blocks[0]!.columns.forEach((column, j) => {
      expect(span(at(grid, 1, j))).toEqual({
        rowSpan: 2,
        colSpan: 1,
        text: column.label,
        kind: 'header',
      });
    });
    expect(span(at(grid, 1, 5))).toMatchObject({
      rowSpan: 1,
      colSpan: 5,
      text: blocks[1]!.caption,
    });
    expect(span(at(grid, 1, 10))).toMatchObject({
      rowSpan: 1,
      colSpan: 5,
      text: blocks[2]!.caption,
    });
    for (let j = 0; j < 10; j++) {
      expect(span(at(grid, 2, 5 + j))).toMatchObject({
        rowSpan: 1,
        colSpan: 1,
        text: blocks[1 + Math.floor(j / 5)]!.columns[j % 5]!.label,
      });
    }
    const values = grid.cells.filter((c) => c.row === 3);
    expect(values).toHaveLength(15);
    expect(values.every((c) => c.kind === 'value' && c.rowSpan === 1 && c.colSpan === 1)).toBe(
      true,
    );
    expect(grid.repeat).toEqual([[], [], [], [0, 1, 2]]);
  });

  it('is the same in both formats', () => {
    expect(tableGrid('2019', '四')).toEqual({ ...tableGrid('2021', '四'), format: '2019' });
  });
});

describe('what is not drawn in the table', () => {
  it('a report without the table section has no layout', () => {
    const report = reportOf('2021');
    delete report.sections['四']!.table;
    expect(layoutTable(report, '四', WIDTH, fake)).toBeNull();
    delete report.sections['三'];
    expect(layoutTable(report, '三', WIDTH, fake)).toBeNull();
  });

  it('unrecognised rows are left out; absent rows and blocks stay as blank cells', () => {
    const report = reportOf('2021');
    const t2 = report.sections['二']!.table!;
    t2.unrecognised.push({ cells: ['某某其他事项', '99'], reason: 'unknown row' });
    delete t2.blocks['art20_5'];
    delete t2.blocks['art20_1']!.rows['rules'];
    const grid = reportGrid(report, '二')!;
    expect(grid.cells).toHaveLength(tableGrid('2021', '二').cells.length);
    expect(grid.cells.some((c) => c.text.includes('某某') || c.text === '99')).toBe(false);
    expect(grid.cells.find((c) => c.ref?.block === 'art20_5')?.text).toBe('');
    expect(grid.cells.find((c) => c.ref?.row === 'rules')?.text).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// Layout

function checkLayout(layout: PdfTableLayoutDetail, ts: Typesetter) {
  const { grid, columnWidths: widths, fontSize: size } = layout;
  expect(widths.reduce((s, w) => s + w, 0)).toBeCloseTo(WIDTH, 6);
  expect(widths).toHaveLength(grid.columns.length);
  for (const w of widths) expect(w).toBeGreaterThanOrEqual(size + 2 * PAD_X);
  expect(size).toBeGreaterThanOrEqual(MIN_SIZE);
  expect(size).toBeLessThanOrEqual(MAX_SIZE);
  expect((size * 2) % 1).toBe(0);
  const style = { role: 'song' as const, size };
  grid.cells.forEach((cell, i) => {
    const inner =
      widths.slice(cell.col, cell.col + cell.colSpan).reduce((s, w) => s + w, 0) - 2 * PAD_X;
    const lines = layout.cellLines[i]!;
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(inner + EPS);
    if (layout.fits) {
      if (cell.kind === 'value' && cell.text !== '') {
        expect(ts.width(cell.text, style)).toBeLessThanOrEqual(inner + EPS);
        expect(lines).toHaveLength(1);
      }
      if (cell.kind === 'header' || cell.kind === 'note') {
        expect(lines.length).toBeLessThanOrEqual(MAX_HEADER_LINES);
      }
    }
    // Every cell's lines fit the rows it spans.
    const height = layout.rows
      .slice(cell.row, cell.row + cell.rowSpan)
      .reduce((s, r) => s + r.height, 0);
    expect(height + EPS).toBeGreaterThanOrEqual(lines.length * layout.lineHeight + 2 * PAD_Y);
  });
  layout.rows.forEach((row, r) => {
    expect(row.kind).toBe(grid.rows[r]);
    if (row.kind !== 'body') expect(row.keepWithNext).toBe(true);
    expect(layout.repeatFor(r)).toEqual(grid.repeat[r]);
  });
  expect(layout.rows.at(-1)!.keepWithNext).toBe(false);
}

describe('layout with a fake typesetter', () => {
  for (const format of ['2019', '2021'] as const) {
    for (const table of TABLES) {
      it(`${format} T${table}: widths, size, lines, heights, page hints`, () => {
        checkLayout(layoutOf(format, table, fake), fake);
      });
    }
  }

  it('T3 gives its label area 45–50 % of the width and the numbers equal shares', () => {
    for (const format of ['2019', '2021'] as const) {
      const { columnWidths: w } = layoutOf(format, '三', fake);
      const labels = w.slice(0, 3).reduce((s, x) => s + x, 0);
      expect(labels / WIDTH).toBeGreaterThanOrEqual(0.45 - EPS);
      expect(labels / WIDTH).toBeLessThanOrEqual(0.5 + EPS);
      for (const x of w.slice(4)) expect(x).toBeCloseTo(w[3]!, 6);
    }
  });

  it('a blank table is set at the largest size its headers allow', () => {
    const report = blankReport({ id: 'u', name: '某单位', kind: '部门' }, 2021);
    const t2 = layoutOf('2021', '二', fake, report);
    expect(t2.fontSize).toBe(MAX_SIZE);
    const t4 = layoutOf('2021', '四', fake, report);
    // 15 columns of 29.5 pt: at 12 pt a header holds one character a line (结果维持: 4 lines).
    expect(t4.fontSize).toBe(11.5);
    expect(t4.fits).toBe(true);
    checkLayout(t4, fake);
  });

  it('wider values ask for a smaller size, down to the floor', () => {
    const report = reportOf('2021');
    const base = layoutOf('2021', '四', fake, report).fontSize;
    setCell(report, '四', 'review', 'case', 'total', '12345');
    const smaller = layoutOf('2021', '四', fake, report);
    expect(smaller.fontSize).toBeLessThan(base);
    expect(smaller.fits).toBe(true);
    checkLayout(smaller, fake);
  });

  it('a very long value wraps within its cell (40 digits, a note-like text)', () => {
    for (const text of [
      '1234567890123456789012345678901234567890',
      '其中包括依申请公开中由本机关会同有关部门办理并已答复的申请',
    ]) {
      const report = reportOf('2021');
      setCell(report, '三', 't3', 'denied1', 'natural', text);
      const layout = layoutOf('2021', '三', fake, report);
      expect(layout.fontSize).toBe(MIN_SIZE);
      expect(layout.fits).toBe(false);
      checkLayout(layout, fake);
      const i = layout.grid.cells.findIndex(
        (c) => c.ref?.row === 'denied1' && c.ref.col === 'natural',
      );
      const lines = layout.cellLines[i]!;
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.map((l) => l.segments.map((u) => u.text).join('')).join('')).toBe(text);

      const rec = recorder(fake);
      layout.draw(rec.ctx, all(layout), 0, 0);
      const { left, right } = cellBox(layout, layout.grid.cells[i]!, 0);
      const cell = layout.grid.cells[i]!;
      const top = rowTops(layout, all(layout), 0)[cell.row]!;
      const bottom = top + layout.rows[cell.row]!.height;
      const inCell = rec.drawn.filter(
        (d) => d.x >= left && d.x < right && d.baseline > top && d.baseline < bottom,
      );
      expect(inCell.map((d) => d.text).join('')).toBe(text);
      for (const d of inCell) {
        expect(d.x).toBeGreaterThanOrEqual(left + PAD_X - EPS);
        expect(d.x + d.width).toBeLessThanOrEqual(right - PAD_X + EPS);
      }
    }
  });

  it('centred labels are set in balanced lines, not justified', () => {
    const report = reportOf('2019');
    setCell(report, '三', 't3', 'denied1', 'natural', '1234567890123456789012345678901234567890');
    const layout = layoutOf('2019', '三', fake, report);
    const business = FORMATS['2019'].tables['三'].blocks[0]!.columns[1]!.label;
    const i = layout.grid.cells.findIndex((c) => c.kind === 'header' && c.text === business);
    const lines = layout.cellLines[i]!;
    expect(lines.map((l) => l.segments.map((u) => u.text).join(''))).toEqual([
      business.slice(0, 2),
      business.slice(2),
    ]);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(line.natural);
  });

  it('keeps a spanning group from being cut where a part could not hold its label', () => {
    const layout = layoutOf('2021', '三', fake);
    const cells = layout.grid.cells;
    cells.forEach((cell, i) => {
      if (cell.kind !== 'group') return;
      const need = layout.cellLines[i]!.length * layout.lineHeight + 2 * PAD_Y;
      for (let k = cell.row; k < cell.row + cell.rowSpan - 1; k++) {
        if (layout.rows[k]!.keepWithNext) continue;
        const above = layout.rows.slice(cell.row, k + 1).reduce((s, r) => s + r.height, 0);
        const below = layout.rows
          .slice(k + 1, cell.row + cell.rowSpan)
          .reduce((s, r) => s + r.height, 0);
        expect(above).toBeGreaterThanOrEqual(need - EPS);
        expect(below).toBeGreaterThanOrEqual(need - EPS);
      }
    });
    // …but leaves places to break.
    const body = layout.rows.filter((r) => r.kind === 'body');
    expect(body.filter((r) => !r.keepWithNext).length).toBeGreaterThan(5);
  });
});

describe('layout with the real typesetter (bundled fonts)', () => {
  for (const format of ['2019', '2021'] as const) {
    for (const table of TABLES) {
      it(`${format} T${table} fits 156 mm`, () => {
        const layout = layoutOf(format, table, real());
        expect(layout.fits).toBe(true);
        checkLayout(layout, real());
      });
    }
  }

  it('a blank T3 and T4 are set at 12 and 11.5 pt', () => {
    const report = blankReport({ id: 'u', name: '某单位', kind: '部门' }, 2021);
    expect(layoutOf('2021', '三', real(), report).fontSize).toBe(12);
    expect(layoutOf('2021', '四', real(), report).fontSize).toBe(11.5);
  });
});

// ---------------------------------------------------------------------------------------------
// Drawing

describe('draw', () => {
  it('draws a whole table: height, borders around every cell, no text in blank cells', () => {
    const report = blankReport({ id: 'u', name: '某单位', kind: '部门' }, 2021);
    setCell(report, '三', 't3', 'new', 'natural', '  ');
    const layout = layoutOf('2021', '三', fake, report);
    const rec = recorder(fake);
    const x = 80;
    const y = 100;
    const height = layout.draw(rec.ctx, all(layout), x, y);
    expect(height).toBeCloseTo(
      layout.rows.reduce((s, r) => s + r.height, 0),
      6,
    );
    // Value cells are blank: only labels are drawn, each line once.
    const expected = layout.grid.cells.flatMap((c, i) =>
      c.kind === 'value'
        ? []
        : layout.cellLines[i]!.map((l) => l.segments.map((u) => u.text).join('')),
    );
    expect(rec.drawn.map((d) => d.text).sort()).toEqual(expected.sort());
    expect(layout.grid.cells.filter((c) => c.kind === 'value').every((c) => c.text === '')).toBe(
      true,
    );
    // Outer border, and graphics state balanced.
    const horizontal = rec.stroked.filter((s) => Math.abs(s.y1 - s.y2) < EPS);
    const vertical = rec.stroked.filter((s) => Math.abs(s.x1 - s.x2) < EPS);
    expect(
      horizontal.some(
        (s) => Math.abs(s.y1 - y) < EPS && Math.abs(Math.abs(s.x2 - s.x1) - WIDTH) < EPS,
      ),
    ).toBe(true);
    expect(
      horizontal.some(
        (s) => Math.abs(s.y1 - (y + height)) < EPS && Math.abs(Math.abs(s.x2 - s.x1) - WIDTH) < EPS,
      ),
    ).toBe(true);
    expect(vertical.some((s) => Math.abs(s.x1 - x) < EPS)).toBe(true);
    expect(vertical.some((s) => Math.abs(s.x1 - (x + WIDTH)) < EPS)).toBe(true);
    expect(rec.depth()).toBe(0);
    expect(rec.calls).toContain(`lineWidth ${BORDER_WIDTH}`);
    // Every cell edge is covered by a stroked segment, no segment crosses a cell.
    const tops = rowTops(layout, all(layout), y);
    for (const cell of layout.grid.cells) {
      const { left, right } = cellBox(layout, cell, x);
      const top = tops[cell.row]!;
      const bottom =
        top +
        layout.rows.slice(cell.row, cell.row + cell.rowSpan).reduce((s, r) => s + r.height, 0);
      for (const s of rec.stroked) expect(crossesInterior(s, left, right, top, bottom)).toBe(false);
      const covered = (yy: number) =>
        horizontal.some(
          (s) =>
            Math.abs(s.y1 - yy) < EPS &&
            Math.min(s.x1, s.x2) <= left + EPS &&
            Math.max(s.x1, s.x2) >= right - EPS,
        );
      expect(covered(top) && covered(bottom)).toBe(true);
    }
  });

  it('centres text vertically and keeps it inside its cell', () => {
    const layout = layoutOf('2021', '三', fake);
    const rec = recorder(fake);
    layout.draw(rec.ctx, all(layout), 0, 0);
    const tops = rowTops(layout, all(layout), 0);
    const size = layout.fontSize;
    const first = layout.grid.cells.findIndex((c) => c.kind === 'label');
    const cell = layout.grid.cells[first]!;
    const line = rec.drawn.find((d) => d.text === cell.text)!;
    const top = tops[cell.row]!;
    const h = layout.rows[cell.row]!.height;
    // One line: its em box (ascent 0.88 em above the baseline) centred in the row.
    const emTop = line.baseline - 0.88 * size;
    expect(emTop - top).toBeCloseTo(top + h - (emTop + size), 6);
    expect(line.x).toBeCloseTo(PAD_X, 6);
    for (const d of rec.drawn)
      expect(d.baseline).toBeLessThan(tops.at(-1)! + layout.rows.at(-1)!.height);
  });

  for (const format of ['2019', '2021'] as const) {
    it(`${format} T3 split across two pages: spanning groups drawn in each part`, () => {
      const layout = layoutOf(format, '三', fake);
      const grid = layout.grid;
      const rows = FORMATS[format].tables['三'].blocks[0]!.rows;
      // Break inside （三）不予公开 and inside 三、本年度办理结果.
      const split = 3 + rows.findIndex((r) => r.id === 'denied5');
      const first = Array.from({ length: split }, (_, i) => i);
      const second = [...layout.repeatFor(split), ...all(layout).slice(split)];
      expect(layout.repeatFor(split)).toEqual([0, 1, 2]);

      for (const list of [first, second]) {
        const rec = recorder(fake);
        const x = 50;
        const y = 70;
        const height = layout.draw(rec.ctx, list, x, y);
        expect(height).toBeCloseTo(
          list.reduce((s, r) => s + layout.rows[r]!.height, 0),
          6,
        );
        const tops = rowTops(layout, list, y);
        for (const label of [T3_GROUP_RESULTS, T3_GROUP_DENIED]) {
          const i = grid.cells.findIndex((c) => c.kind === 'group' && c.text === label);
          const cell = grid.cells[i]!;
          const lines = layout.cellLines[i]!.map((l) => l.segments.map((u) => u.text).join(''));
          const { left, right } = cellBox(layout, cell, x);
          const positions = list
            .map((r, p) => (r >= cell.row && r < cell.row + cell.rowSpan ? p : -1))
            .filter((p) => p >= 0);
          const top = tops[positions[0]!]!;
          const bottom =
            tops.at(positions.at(-1)!)! + layout.rows[list[positions.at(-1)!]!]!.height;
          // The label, whole, once in this part, vertically centred in it.
          const inside = rec.drawn.filter(
            (d) => d.x >= left && d.x < right && d.baseline > top && d.baseline < bottom,
          );
          expect(inside.map((d) => d.text)).toEqual(lines);
          expect(rec.drawn.filter((d) => d.text === lines[0]).length).toBe(1);
          const textTop =
            inside[0]!.baseline -
            0.88 * layout.fontSize -
            (layout.lineHeight - layout.fontSize) / 2;
          const textBottom = textTop + lines.length * layout.lineHeight;
          expect(textTop - top).toBeCloseTo(bottom - textBottom, 6);
          // No border inside the part of the spanning cell; its edges are drawn.
          for (const s of rec.stroked)
            expect(crossesInterior(s, left, right, top, bottom)).toBe(false);
          const edge = (yy: number) =>
            rec.stroked.some(
              (s) =>
                Math.abs(s.y1 - yy) < EPS &&
                Math.abs(s.y2 - yy) < EPS &&
                Math.min(s.x1, s.x2) <= left + EPS &&
                Math.max(s.x1, s.x2) >= right - EPS,
            );
          expect(edge(top)).toBe(true);
          expect(edge(bottom)).toBe(true);
        }
        // The repeated header: the note once, in the first rows drawn.
        const note = layout.cellLines[grid.cells.findIndex((c) => c.kind === 'note')]!;
        const noteFirst = note[0]!.segments.map((u) => u.text).join('');
        expect(rec.drawn.filter((d) => d.text === noteFirst)).toHaveLength(1);
        expect(rec.depth()).toBe(0);
      }
    });
  }

  it('T2: a block split after its first data row repeats its caption and header', () => {
    const layout = layoutOf('2021', '二', fake);
    // Rows: caption 0, header 1, 规章 2, 行政规范性文件 3.
    expect(layout.repeatFor(3)).toEqual([0, 1]);
    const rec = recorder(fake);
    const h = layout.draw(rec.ctx, [...layout.repeatFor(3), 3], 0, 0);
    expect(h).toBeCloseTo(
      layout.rows[0]!.height + layout.rows[1]!.height + layout.rows[3]!.height,
      6,
    );
    const texts = rec.drawn.map((d) => d.text);
    expect(texts).toContain(FORMATS['2021'].tables['二'].blocks[0]!.caption);
    expect(texts).toContain('行政规范性文件');
    expect(texts).not.toContain('规章');
  });

  it('a part too short for its label shows the lines that fit, inside the table', () => {
    const layout = layoutOf('2021', '三', fake);
    const rows = FORMATS['2021'].tables['三'].blocks[0]!.rows;
    const only = 3 + rows.findIndex((r) => r.id === 'granted');
    const rec = recorder(fake);
    const height = layout.draw(rec.ctx, [0, 1, 2, only], 0, 0);
    const i = layout.grid.cells.findIndex((c) => c.text === T3_GROUP_RESULTS);
    const lines = layout.cellLines[i]!.map((l) => l.segments.map((u) => u.text).join(''));
    const { right } = cellBox(layout, layout.grid.cells[i]!, 0);
    const shown = rec.drawn.filter(
      (d) => d.x < right && d.baseline > height - layout.rows[only]!.height,
    );
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length).toBeLessThan(lines.length);
    expect(shown.map((d) => d.text)).toEqual(lines.slice(0, shown.length));
    for (const d of rec.drawn) expect(d.baseline).toBeLessThan(height);
  });
});
