// The official layout of T2, T3 and T4 (core/table-layout.ts), shared by the print copy and the
// table editor: rows, cells, texts and spans from the format definition (report-format.md).
import { describe, expect, it } from 'vitest';
import { FORMATS, cellKey, cellsOf, type FormatVersion, type TableId } from '../../core/formats';
import {
  T2_ROW_HEADER,
  T3_BLOCK_ID,
  T3_COLUMNS_HEADER,
  T3_GROUP_DENIED,
  T3_GROUP_OTHER,
  T3_GROUP_RESULTS,
  T3_NOTE,
  T4_LITIGATION,
  T4_ROW_ID,
} from '../../core/formats/common';
import {
  groupChains,
  layoutRows,
  officialLayout,
  type GroupCell,
  type HeaderCell,
  type LabelCell,
  type LayoutCell,
  type OfficialLayout,
  type ValueCell,
} from '../../core/table-layout';

const FORMAT_VERSIONS: readonly FormatVersion[] = ['2019', '2021'];
const TABLES: readonly TableId[] = ['二', '三', '四'];
const ALL = FORMAT_VERSIONS.flatMap((f) => TABLES.map((t) => [f, t] as const));

const cellsOfLayout = (layout: OfficialLayout): LayoutCell[] =>
  layoutRows(layout).flatMap((row) => row.cells);
const ofKind = <K extends LayoutCell['kind']>(layout: OfficialLayout, kind: K) =>
  cellsOfLayout(layout).filter((c): c is Extract<LayoutCell, { kind: K }> => c.kind === kind);
const headerAt = (layout: OfficialLayout, row: number, col: number): HeaderCell | undefined =>
  ofKind(layout, 'header').find((c) => c.row === row && c.col === col);
const text = (cell: LayoutCell): string => ('text' in cell ? cell.text : '');
const span = (cell: LayoutCell | undefined) =>
  cell && { row: cell.row, col: cell.col, rowSpan: cell.rowSpan, colSpan: cell.colSpan };

describe('every table in every format', () => {
  it.each(ALL)('%s %s: the cells cover the grid once each, without holes', (format, table) => {
    const layout = officialLayout(format, table);
    const rows = layoutRows(layout);
    const width = layout.labelCols + layout.valueCols;
    const owner: (LayoutCell | undefined)[][] = rows.map(() => Array(width).fill(undefined));
    for (const cell of cellsOfLayout(layout)) {
      expect(cell.rowSpan).toBeGreaterThanOrEqual(1);
      expect(cell.colSpan).toBeGreaterThanOrEqual(1);
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
        for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
          expect(r).toBeLessThan(rows.length);
          expect(c).toBeLessThan(width);
          expect(owner[r]![c], `${format} ${table} (${r},${c}) covered twice`).toBeUndefined();
          owner[r]![c] = cell;
        }
      }
    }
    expect(owner.flat().every((cell) => cell !== undefined)).toBe(true);
  });

  it.each(ALL)('%s %s: rows numbered in reading order, cells in column order', (format, table) => {
    const layout = officialLayout(format, table);
    layoutRows(layout).forEach((row, i) => {
      expect(row.index).toBe(i);
      const cols = row.cells.map((cell) => cell.col);
      expect(cols).toEqual([...cols].sort((a, b) => a - b));
      for (const cell of row.cells) expect(cell.row).toBe(i);
      // Only data rows hold labels and values; only they belong to row groups.
      if (row.kind !== 'body') {
        expect(row.cells.some((c) => c.kind === 'value' || c.kind === 'label')).toBe(false);
        expect(row.groups).toEqual([]);
      }
    });
  });

  it.each(ALL)("%s %s: the value cells are the format's cells, each once", (format, table) => {
    const layout = officialLayout(format, table);
    const values = ofKind(layout, 'value');
    const expected = [...cellsOf(FORMATS[format], [table])].map((c) =>
      cellKey(table, c.block.id, c.row.id, c.column.id),
    );
    expect(values.map((v) => v.key).sort()).toEqual([...expected].sort());
    for (const v of values) {
      const { block, row, column } = v.place;
      expect(v.place.table).toBe(table);
      expect(v.key).toBe(cellKey(table, block.id, row.id, column.id));
      // The format definition's own objects, not copies.
      expect(FORMATS[format].tables[table].blocks).toContain(block);
      expect(block.rows).toContain(row);
      expect(block.columns).toContain(column);
      expect(v.col).toBeGreaterThanOrEqual(layout.labelCols);
    }
  });

  it('is built once per format and table', () => {
    expect(officialLayout('2021', '三')).toBe(officialLayout('2021', '三'));
    expect(officialLayout('2019', '三')).not.toBe(officialLayout('2021', '三'));
  });
});

describe('T2', () => {
  const layout = officialLayout('2021', '二');
  const blocks = FORMATS['2021'].tables['二'].blocks;
  const widest = Math.max(...blocks.map((b) => b.columns.length));

  it('one label column, as many value columns as the widest block; no shared head', () => {
    expect(layout.labelCols).toBe(1);
    expect(layout.valueCols).toBe(widest);
    expect(layout.head).toEqual([]);
    expect(layout.sections.map((s) => s.block)).toEqual(blocks);
  });

  it('each block: a caption row across the table, a header row, its data rows', () => {
    layout.sections.forEach((section, i) => {
      const block = blocks[i]!;
      expect(section.rows.map((r) => r.kind)).toEqual([
        'caption',
        'header',
        ...block.rows.map(() => 'body'),
      ]);
      const [caption, header, ...body] = section.rows;
      expect(caption!.cells).toHaveLength(1);
      expect(caption!.cells[0]).toMatchObject({
        kind: 'caption',
        text: block.caption,
        block,
        col: 0,
        colSpan: widest + 1,
      });
      expect(header!.cells.map(text)).toEqual([
        T2_ROW_HEADER,
        ...block.columns.map((c) => c.label),
      ]);
      expect(header!.cells[0]).toMatchObject({ part: 'rows', columns: [] });
      body.forEach((row, r) => {
        const label = row.cells[0] as LabelCell;
        expect(label).toMatchObject({ kind: 'label', text: block.rows[r]!.label, col: 0 });
        expect(label.place).toEqual({ table: '二', block, row: block.rows[r] });
      });
    });
  });

  it('a block with fewer columns lets its last column span the rest, header and values alike', () => {
    const narrow = layout.sections.find((s) => s.block!.columns.length === 1)!;
    const [, header, first] = narrow.rows;
    expect(span(header!.cells[1])).toEqual({
      row: header!.index,
      col: 1,
      rowSpan: 1,
      colSpan: widest,
    });
    expect(header!.cells[1]).toMatchObject({
      part: 'label',
      leaf: true,
      columns: [{ block: narrow.block, column: narrow.block!.columns[0] }],
    });
    expect(first!.cells[1]).toMatchObject({ kind: 'value', col: 1, colSpan: widest });
    const wide = layout.sections.find((s) => s.block!.columns.length === widest)!;
    expect(wide.rows[2]!.cells.slice(1).map((c) => c.colSpan)).toEqual(Array(widest).fill(1));
  });
});

describe('T3', () => {
  const t3 = (format: FormatVersion) => officialLayout(format, '三');
  const rowsOf = (format: FormatVersion) => FORMATS[format].tables['三'].blocks[0]!.rows;
  const bodyIndex = (format: FormatVersion, rowId: string) =>
    t3(format).head.length + rowsOf(format).findIndex((r) => r.id === rowId);

  it('three header rows under the note cell over the three label columns', () => {
    for (const format of FORMAT_VERSIONS) {
      const layout = t3(format);
      expect(layout.labelCols).toBe(3);
      expect(layout.valueCols).toBe(7);
      expect(layout.head.map((r) => r.kind)).toEqual(['header', 'header', 'header']);
      const notes = ofKind(layout, 'note');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ text: T3_NOTE, row: 0, col: 0, rowSpan: 3, colSpan: 3 });
    }
  });

  it('column headers: 申请人情况 over all, 法人或其他组织 over five, the rest reach the body', () => {
    const layout = t3('2021');
    expect(headerAt(layout, 0, 3)).toMatchObject({
      text: T3_COLUMNS_HEADER,
      part: 'top',
      leaf: false,
      rowSpan: 1,
      colSpan: 7,
    });
    expect(headerAt(layout, 0, 3)!.columns.map((c) => c.column.id)).toEqual([
      'natural',
      'business',
      'research',
      'nonprofit',
      'legal',
      'otherOrg',
      'total',
    ]);
    expect(headerAt(layout, 1, 3)).toMatchObject({ text: '自然人', leaf: true, rowSpan: 2 });
    expect(headerAt(layout, 1, 4)).toMatchObject({
      text: '法人或其他组织',
      part: 'group',
      leaf: false,
      rowSpan: 1,
      colSpan: 5,
    });
    expect(headerAt(layout, 1, 9)).toMatchObject({ text: '总计', leaf: true, rowSpan: 2 });
    expect(layout.head[2]!.cells.map(text)).toEqual([
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
    // Every leaf header stands over exactly the value column below it.
    for (const h of ofKind(layout, 'header').filter((c) => c.leaf)) {
      const below = ofKind(layout, 'value').filter((v) => v.col === h.col);
      expect(below.length).toBeGreaterThan(0);
      for (const v of below)
        expect(h.columns).toEqual([{ block: v.place.block, column: v.place.column }]);
      expect(h.row + h.rowSpan).toBe(layout.head.length);
    }
  });

  it('row groups span their rows in the column of their depth; labels take the rest', () => {
    for (const format of FORMAT_VERSIONS) {
      const layout = t3(format);
      const groups = ofKind(layout, 'group');
      const results = groups.find((g) => g.text === T3_GROUP_RESULTS)!;
      const first = bodyIndex(format, 'granted');
      const last = bodyIndex(format, 'total');
      expect(span(results)).toEqual({ row: first, col: 0, rowSpan: last - first + 1, colSpan: 1 });
      expect(results.level).toBe(0);
      const denied = groups.find((g) => g.text === T3_GROUP_DENIED)!;
      expect(span(denied)).toEqual({
        row: bodyIndex(format, 'denied1'),
        col: 1,
        rowSpan: 8,
        colSpan: 1,
      });
      expect(denied.level).toBe(1);
      for (const label of ofKind(layout, 'label')) {
        const row = layoutRows(layout)[label.row]!;
        expect(label.col).toBe(row.groups.length);
        expect(label.col + label.colSpan).toBe(3);
        expect(label.place.block.id).toBe(T3_BLOCK_ID);
      }
      const newRow = layoutRows(layout)[bodyIndex(format, 'new')]!;
      expect(newRow.cells[0]).toMatchObject({ kind: 'label', col: 0, colSpan: 3 });
    }
  });

  it('（六）其他处理: one row of the results in 2019, a group of three in 2021', () => {
    const other2019 = layoutRows(t3('2019'))[bodyIndex('2019', 'other')]!;
    expect(other2019.cells[0]).toMatchObject({
      kind: 'label',
      text: T3_GROUP_OTHER,
      col: 1,
      colSpan: 2,
    });
    expect(ofKind(t3('2019'), 'group').map((g) => g.text)).not.toContain(T3_GROUP_OTHER);
    const group2021 = ofKind(t3('2021'), 'group').find((g) => g.text === T3_GROUP_OTHER)!;
    expect(span(group2021)).toEqual({
      row: bodyIndex('2021', 'other1'),
      col: 1,
      rowSpan: 3,
      colSpan: 1,
    });
  });

  it("each data row lists its groups' cells, outermost first", () => {
    const layout = t3('2021');
    const rows = layoutRows(layout);
    const names = (i: number) => rows[i]!.groups.map((g: GroupCell) => g.text);
    expect(names(bodyIndex('2021', 'new'))).toEqual([]);
    expect(names(bodyIndex('2021', 'partial'))).toEqual([T3_GROUP_RESULTS]);
    expect(names(bodyIndex('2021', 'denied5'))).toEqual([T3_GROUP_RESULTS, T3_GROUP_DENIED]);
    // The same cells as the rows where the groups start.
    const denied = ofKind(layout, 'group').find((g) => g.text === T3_GROUP_DENIED);
    expect(rows[bodyIndex('2021', 'denied5')]!.groups[1]).toBe(denied);
  });

  it('computed totals: the 总计 column and the （七）总计 row, nothing else', () => {
    const totals = ofKind(t3('2021'), 'value').filter((v: ValueCell) => v.total);
    for (const v of totals) {
      expect(v.place.column.id === 'total' || v.place.row.id === 'total').toBe(true);
    }
    const keys = totals.map((v) => v.key);
    expect(keys).toContain(cellKey('三', T3_BLOCK_ID, 'total', 'natural'));
    expect(keys).toContain(cellKey('三', T3_BLOCK_ID, 'granted', 'total'));
    expect(keys).not.toContain(cellKey('三', T3_BLOCK_ID, 'granted', 'natural'));
  });
});

describe('T4', () => {
  const layout = officialLayout('2021', '四');

  it('no label area: one data row of fifteen values under a two-level header', () => {
    expect(layout.labelCols).toBe(0);
    expect(layout.valueCols).toBe(15);
    expect(ofKind(layout, 'note')).toEqual([]);
    expect(ofKind(layout, 'label')).toEqual([]);
    const body = layout.sections.flatMap((s) => s.rows);
    expect(body).toHaveLength(1);
    expect(body[0]!.cells.every((c) => c.kind === 'value' && c.place.row.id === T4_ROW_ID)).toBe(
      true,
    );
  });

  it('行政复议 over its five columns; 行政诉讼 over two captions of five', () => {
    expect(headerAt(layout, 0, 0)).toMatchObject({
      text: '行政复议',
      part: 'caption',
      leaf: false,
      rowSpan: 1,
      colSpan: 5,
    });
    expect(ofKind(layout, 'header').filter((h) => h.row === 1 && h.col < 5)).toHaveLength(5);
    for (let c = 0; c < 5; c++)
      expect(headerAt(layout, 1, c)).toMatchObject({ rowSpan: 2, leaf: true });
    expect(headerAt(layout, 0, 5)).toMatchObject({
      text: T4_LITIGATION,
      part: 'group',
      rowSpan: 1,
      colSpan: 10,
    });
    expect(headerAt(layout, 1, 5)).toMatchObject({
      text: '未经复议直接起诉',
      part: 'caption',
      colSpan: 5,
    });
    expect(headerAt(layout, 1, 10)).toMatchObject({
      text: '复议后起诉',
      part: 'caption',
      colSpan: 5,
    });
    expect(layout.head[2]!.cells.map(text)).toEqual(
      Array(2).fill(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']).flat(),
    );
  });

  it('the 总计 of each block is computed', () => {
    const totals = ofKind(layout, 'value').filter((v) => v.total);
    expect(totals.map((v) => `${v.place.block.id}|${v.place.column.id}`)).toEqual([
      'review|total',
      'suitDirect|total',
      'suitAfter|total',
    ]);
  });

  it('is the same in both formats', () => {
    const strip = (l: OfficialLayout) => JSON.stringify({ ...l, format: undefined });
    expect(strip(officialLayout('2019', '四'))).toBe(strip(layout));
  });
});

describe('groupChains', () => {
  it('nests a group enclosing another outside it; rows without a group have none', () => {
    const chains = groupChains([undefined, 'A', 'B', 'B', 'A', '', 'C']);
    expect(chains.map((c) => c.map((g) => g.label))).toEqual([
      [],
      ['A'],
      ['A', 'B'],
      ['A', 'B'],
      ['A'],
      [],
      ['C'],
    ]);
    expect(chains[2]![0]).toEqual({ label: 'A', first: 1, last: 4 });
    expect(chains[2]![1]).toEqual({ label: 'B', first: 2, last: 3 });
  });

  it('refuses groups that overlap without nesting', () => {
    expect(() => groupChains(['A', 'B', 'A', 'B'])).toThrow(/overlap/);
  });
});
