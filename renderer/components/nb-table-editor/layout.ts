/**
 * The on-screen grid of one statistical table in its official layout, built once per format and
 * table from the format definition (the same layout the print copy draws: T2 blocks of a caption
 * row, a header row and data rows; T3's three header rows under the note cell, with row groups
 * spanning their rows; T4's two-level header). Pure: no DOM, no report values.
 */
import {
  FORMATS,
  blockLabel,
  cellKey,
  type BlockDef,
  type ColumnDef,
  type FormatVersion,
  type RowDef,
  type TableId,
} from '../../../core/formats';
import type { Location } from '../../../core/model';
import type { CellPlace } from '../../../core/checks/values';

/** A header cell: T2 caption, column (group) label, T3's note, row group or row label. */
export interface HeadCell {
  readonly kind: 'caption' | 'header' | 'note' | 'group' | 'label';
  readonly id: string;
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Label columns: the first grid column the cell covers (for the sticky offset). */
  readonly labelCol?: number;
  /** The column a leaf column header labels (for finding markers): block id + column id. */
  readonly column?: { readonly block: string; readonly col: string };
  /** The row a row label labels: block id + row id. */
  readonly row?: { readonly block: string; readonly row: string };
}

/** A value cell: one cell of the format, navigable. */
export interface ValueCell {
  readonly kind: 'value';
  readonly key: string;
  readonly table: TableId;
  readonly block: BlockDef;
  readonly row: RowDef;
  readonly column: ColumnDef;
  readonly colSpan: number;
  /** Index of the first value column it covers. */
  readonly gridCol: number;
  /** Position among the navigable cells. */
  readonly r: number;
  readonly c: number;
  /** "“予以公开”行“自然人”列" parts: the row's and the column's names, for the accessible name. */
  readonly rowName: string;
  readonly colName: string;
  /** Finding location labels: block (caption or row group), row label, column label. */
  readonly loc: { readonly block: string; readonly row: string; readonly column: string };
  /** Ids of the header cells that label it (the `headers` attribute). */
  readonly headers: string;
}

export type GridItem = HeadCell | ValueCell;

export interface GridRow {
  readonly kind: 'caption' | 'header' | 'body';
  readonly items: readonly GridItem[];
}

export interface TableLayout {
  readonly table: TableId;
  readonly format: FormatVersion;
  /** Number of label columns (T2 1, T3 3, T4 0) and value columns. */
  readonly labelCols: number;
  readonly valueCols: number;
  /** Header rows shown once above the body (T3, T4); T2 has its headers in each section. */
  readonly head: readonly GridRow[];
  /** Row sections (<tbody>): T2 one per block (caption, header, rows); T3 and T4 one. */
  readonly sections: readonly (readonly GridRow[])[];
  /** The navigable cells, row by row. */
  readonly nav: readonly (readonly ValueCell[])[];
  readonly byKey: ReadonlyMap<string, ValueCell>;
  /** Header cell ids, for marking findings that name a column, a row or a block only. */
  readonly columnHeader: ReadonlyMap<string, string>;
  readonly rowHeader: ReadonlyMap<string, string>;
  /** By block label: T2 and T4 block captions, T3 row groups. */
  readonly blockHeader: ReadonlyMap<string, string>;
}

export function placeOf(cell: ValueCell): CellPlace {
  return { table: cell.table, block: cell.block, row: cell.row, column: cell.column };
}

const cache = new Map<string, TableLayout>();

export function tableLayout(format: FormatVersion, table: TableId): TableLayout {
  const key = `${format}|${table}`;
  let layout = cache.get(key);
  if (!layout) {
    layout = table === '二' ? t2Layout(format) : treeLayout(format, table);
    cache.set(key, layout);
  }
  return layout;
}

class NavBuilder {
  readonly nav: ValueCell[][] = [];
  readonly byKey = new Map<string, ValueCell>();
  readonly columnHeader = new Map<string, string>();
  readonly rowHeader = new Map<string, string>();
  readonly blockHeader = new Map<string, string>();
  row(): ValueCell[] {
    const list: ValueCell[] = [];
    this.nav.push(list);
    return list;
  }
  add(list: ValueCell[], cell: Omit<ValueCell, 'r' | 'c' | 'kind' | 'key'>): ValueCell {
    const full: ValueCell = {
      ...cell,
      kind: 'value',
      key: cellKey(cell.table, cell.block.id, cell.row.id, cell.column.id),
      r: this.nav.length - 1,
      c: list.length,
    };
    list.push(full);
    this.byKey.set(full.key, full);
    return full;
  }
}

function t2Layout(format: FormatVersion): TableLayout {
  const def = FORMATS[format];
  const blocks = def.tables['二'].blocks;
  const n = Math.max(...blocks.map((b) => b.columns.length));
  const nav = new NavBuilder();
  const sections: GridRow[][] = blocks.map((block) => {
    const captionId = `cap-${block.id}`;
    nav.blockHeader.set(block.caption, captionId);
    for (const column of block.columns) {
      nav.columnHeader.set(`${block.id}|${column.id}`, `h-${block.id}-${column.id}`);
    }
    const rows: GridRow[] = [
      {
        kind: 'caption',
        items: [
          {
            kind: 'caption',
            id: captionId,
            text: block.caption,
            rowSpan: 1,
            colSpan: n + 1,
            labelCol: 0,
          },
        ],
      },
    ];
    const spans = block.columns.map((_, j) => (j === block.columns.length - 1 ? n - j : 1));
    const headId = `h-${block.id}-label`;
    rows.push({
      kind: 'header',
      items: [
        { kind: 'header', id: headId, text: def.t2RowHeader, rowSpan: 1, colSpan: 1, labelCol: 0 },
        ...block.columns.map((column, j): HeadCell => ({
          kind: 'header',
          id: `h-${block.id}-${column.id}`,
          text: column.label,
          rowSpan: 1,
          colSpan: spans[j]!,
          column: { block: block.id, col: column.id },
        })),
      ],
    });
    for (const row of block.rows) {
      const list = nav.row();
      const rowId = `r-${block.id}-${row.id}`;
      nav.rowHeader.set(`${block.id}|${row.id}`, rowId);
      const items: GridItem[] = [
        {
          kind: 'label',
          id: rowId,
          text: row.label,
          rowSpan: 1,
          colSpan: 1,
          labelCol: 0,
          row: { block: block.id, row: row.id },
        },
      ];
      block.columns.forEach((column, j) => {
        items.push(
          nav.add(list, {
            table: '二',
            block,
            row,
            column,
            colSpan: spans[j]!,
            gridCol: j,
            rowName: `${block.caption} ${row.label}`,
            colName: column.label,
            loc: { block: blockLabel(block, row), row: row.label, column: column.label },
            headers: `${captionId} ${rowId} h-${block.id}-${column.id}`,
          }),
        );
      });
      rows.push({ kind: 'body', items });
    }
    return rows;
  });
  return {
    table: '二',
    format,
    labelCols: 1,
    valueCols: n,
    head: [],
    sections,
    nav: nav.nav,
    byKey: nav.byKey,
    columnHeader: nav.columnHeader,
    rowHeader: nav.rowHeader,
    blockHeader: nav.blockHeader,
  };
}

interface RowGroup {
  readonly label: string;
  readonly first: number;
  readonly last: number;
}

/** The groups each row belongs to, outermost first (as the print layout nests them). */
function groupChains(groups: readonly (string | undefined)[]): RowGroup[][] {
  const ranges = new Map<string, { first: number; last: number }>();
  groups.forEach((g, i) => {
    if (!g) return;
    const range = ranges.get(g);
    if (range) range.last = i;
    else ranges.set(g, { first: i, last: i });
  });
  const all = [...ranges].map(([label, r]) => ({ label, ...r }));
  return groups.map((_, i) =>
    all
      .filter((g) => g.first <= i && i <= g.last)
      .sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first),
  );
}

/** T3 and T4: header rows from each column's path of labels, row groups spanning their rows. */
function treeLayout(format: FormatVersion, table: TableId): TableLayout {
  const def = FORMATS[format];
  const blocks = def.tables[table].blocks;
  const top = table === '三' ? def.t3ColumnsHeader : '';
  const valueColumns = blocks.flatMap((block) =>
    block.columns.map((column) => ({ block, column })),
  );
  const paths = valueColumns.map(({ block, column }) =>
    [top, column.group ?? '', block.caption, column.label].filter((s) => s !== ''),
  );
  const depth = Math.max(...paths.map((p) => p.length));
  const bodyRows = blocks[0]!.rows;
  const chains = groupChains(bodyRows.map((r) => r.group));
  const labelled = bodyRows.some((r) => r.label !== '');
  const labelCols = labelled ? Math.max(...chains.map((c) => c.length)) + 1 : 0;

  const head: { kind: 'header'; items: HeadCell[] }[] = Array.from({ length: depth }, () => ({
    kind: 'header',
    items: [],
  }));
  if (labelCols > 0) {
    head[0]!.items.push({
      kind: 'note',
      id: 'note',
      text: table === '三' ? def.t3Note : '',
      rowSpan: depth,
      colSpan: labelCols,
      labelCol: 0,
    });
  }
  const nav = new NavBuilder();
  /** For each value column, the ids of the header cells above it. */
  const columnHeaders: string[][] = valueColumns.map(() => []);
  for (let level = 0; level < depth; level++) {
    let j = 0;
    while (j < paths.length) {
      const path = paths[j]!;
      if (path.length <= level) {
        j++;
        continue;
      }
      const leaf = level === path.length - 1;
      const sameUpTo = (p: readonly string[]) =>
        `${p.slice(0, level + 1).join('\u0000')}|${p.length - 1 === level}`;
      let k = j + 1;
      while (k < paths.length && sameUpTo(paths[k]!) === sameUpTo(path)) k++;
      const id = `h-${level}-${j}`;
      const { block, column } = valueColumns[j]!;
      head[level]!.items.push({
        kind: 'header',
        id,
        text: path[level]!,
        rowSpan: leaf ? depth - level : 1,
        colSpan: k - j,
        ...(leaf ? { column: { block: block.id, col: column.id } } : {}),
      });
      for (let x = j; x < k; x++) {
        columnHeaders[x]!.push(id);
        const vc = valueColumns[x]!;
        if (leaf) nav.columnHeader.set(`${vc.block.id}|${vc.column.id}`, id);
      }
      if (!leaf && block.caption && path[level] === block.caption) {
        nav.blockHeader.set(block.caption, id);
      }
      j = k;
    }
  }

  const body: GridRow[] = bodyRows.map((rowDef, i) => {
    const items: GridItem[] = [];
    const chain = chains[i]!;
    const groupIds: string[] = [];
    chain.forEach((group, level) => {
      const id = `g-${group.first}-${level}`;
      groupIds.push(id);
      if (group.first !== i) return;
      nav.blockHeader.set(group.label, id);
      items.push({
        kind: 'group',
        id,
        text: group.label,
        rowSpan: group.last - group.first + 1,
        colSpan: 1,
        labelCol: level,
      });
    });
    const rowHeaderId = `r-${rowDef.id}`;
    if (labelCols > 0) {
      nav.rowHeader.set(`${blocks[0]!.id}|${rowDef.id}`, rowHeaderId);
      items.push({
        kind: 'label',
        id: rowHeaderId,
        text: rowDef.label,
        rowSpan: 1,
        colSpan: labelCols - chain.length,
        labelCol: chain.length,
        row: { block: blocks[0]!.id, row: rowDef.id },
      });
    }
    const list = nav.row();
    valueColumns.forEach(({ block, column }, j) => {
      const row = block.rows[i] ?? rowDef;
      const group = blockLabel(block, row);
      const rowName = table === '四' ? '' : [group, row.label].filter(Boolean).join(' ');
      const colName = (table === '四' ? paths[j]! : paths[j]!.slice(top ? 1 : 0)).join(' ');
      items.push(
        nav.add(list, {
          table,
          block,
          row,
          column,
          colSpan: 1,
          gridCol: j,
          rowName,
          colName,
          loc: { block: group, row: row.label, column: column.label },
          headers: [...(labelCols > 0 ? [...groupIds, rowHeaderId] : []), ...columnHeaders[j]!]
            .filter(Boolean)
            .join(' '),
        }),
      );
    });
    return { kind: 'body', items };
  });
  return {
    table,
    format,
    labelCols,
    valueCols: valueColumns.length,
    head,
    sections: [body],
    nav: nav.nav,
    byKey: nav.byKey,
    columnHeader: nav.columnHeader,
    rowHeader: nav.rowHeader,
    blockHeader: nav.blockHeader,
  };
}

/** Key of a finding location within a table: block (caption or group) | row | column labels. */
export function locKey(block: string, row: string, column: string): string {
  return `${block}\u0000${row}\u0000${column}`;
}

/**
 * The cells a location points at: the one cell it names, or, for a location naming only a
 * column, a row or a block, every cell it covers (none for the table as a whole).
 */
export function cellsAt(layout: TableLayout, loc: Location): ValueCell[] {
  if (loc.table !== layout.table) return [];
  const out: ValueCell[] = [];
  if (loc.block === undefined && loc.row === undefined && loc.column === undefined) return out;
  for (const row of layout.nav) {
    for (const cell of row) {
      if (loc.column !== undefined && cell.loc.column !== loc.column) continue;
      if (loc.row !== undefined && cell.loc.row !== loc.row) continue;
      // a block is a T2/T4 caption or a T3 row group (a row's innermost or outer group)
      if (loc.block !== undefined && cell.loc.block !== loc.block) {
        if (!(cell.table === '三' && cell.row.group && outerGroupOf(cell) === loc.block)) continue;
      }
      out.push(cell);
    }
  }
  return out;
}

/** T3: the outer group label over a row's own group (三、本年度办理结果 over （三）不予公开). */
function outerGroupOf(cell: ValueCell): string {
  const rows = cell.block.rows;
  const chains = groupChains(rows.map((r) => r.group));
  const i = rows.indexOf(cell.row);
  return chains[i]?.[0]?.label ?? '';
}

/** Whether a location names exactly one cell (all of block/row/column that the cell has). */
export function namesCell(cell: ValueCell, loc: Location): boolean {
  return (
    loc.table === cell.table &&
    (loc.block ?? '') === cell.loc.block &&
    (loc.row ?? '') === cell.loc.row &&
    loc.column === cell.loc.column
  );
}
