/**
 * The official layout of the statistical tables (T2, T3, T4) as a neutral grid, built once per
 * format and table from the format definition: which rows there are (captions, headers, data
 * rows), which cells each row holds, their texts and their row and column spans. The print copy
 * (electron/services/pdf/table.ts) sizes and draws this grid; the table editor builds its grid
 * over it (renderer/models/table-grid.ts) and renders that as an HTML table. No report values,
 * no fonts, no sizes, no DOM.
 *
 * - T2: one section per block: a caption row spanning the table, a header row (the row-label
 *   header, then the block's column labels) and the block's data rows; one label column and as
 *   many value columns as the widest block has, a block with fewer columns letting its last
 *   column span the rest.
 * - T3 and T4: header rows shared by the whole table, from each column's path of labels (T3's
 *   header over all its columns, the column's group, its block's caption, its own label), with
 *   neighbouring columns under the same labels sharing a cell; one section of data rows. The
 *   label area is as wide as the row groups nest deep plus one (T3: 3; T4, whose one row is
 *   unlabelled: none); its top-left cell over the header rows is T3's note. A row group's label
 *   spans its rows in the column of its depth; a row's own label spans the rest of the label area.
 *
 * Positions are grid coordinates: rows numbered in reading order (the head's rows first, then
 * each section's), columns numbered with the label columns first.
 */
import type { CellPlace } from './checks/values';
import {
  FORMATS,
  cellKey,
  type BlockDef,
  type ColumnDef,
  type FormatVersion,
  type RowDef,
  type TableId,
} from './formats';
import { isTotalCell } from './totals';

/** A value column of the format: a block's column. */
export interface TableColumn {
  readonly block: BlockDef;
  readonly column: ColumnDef;
}

/** Where a cell sits in the grid and how many rows and columns it covers. */
interface Placed {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

/** T2: a block's caption, spanning the whole table width. */
export interface CaptionCell extends Placed {
  readonly kind: 'caption';
  readonly text: string;
  readonly block: BlockDef;
}

/**
 * A column header. `part` says which label it is: 'rows' T2's header over the row labels;
 * 'top' T3's header over all its value columns; 'group' a column group (T3 "法人或其他组织",
 * T4 "行政诉讼"); 'caption' a block's caption (T4 "行政复议"); 'label' a column's own label.
 */
export interface HeaderCell extends Placed {
  readonly kind: 'header';
  readonly text: string;
  readonly part: 'rows' | 'top' | 'group' | 'caption' | 'label';
  /** The value columns it stands over (none for T2's row-label header). */
  readonly columns: readonly TableColumn[];
  /** Whether it is the lowest header of its columns (it reaches down to the data rows). */
  readonly leaf: boolean;
}

/** T3's top-left cell over the label area, stating the table's balance rule. */
export interface NoteCell extends Placed {
  readonly kind: 'note';
  readonly text: string;
}

/** A row group's label (T3 "（三）不予公开"), spanning the group's rows. */
export interface GroupCell extends Placed {
  readonly kind: 'group';
  readonly text: string;
  /** Nesting depth, outermost 0: also its label column. */
  readonly level: number;
  /** The group's first and last data rows (indexes into the table's rows, from 0). */
  readonly first: number;
  readonly last: number;
}

/** A data row's label. For T3 and T4 the row of the first block (all blocks share the rows). */
export interface LabelCell extends Placed {
  readonly kind: 'label';
  readonly text: string;
  readonly place: Omit<CellPlace, 'column'>;
}

/** A data cell of the format. */
export interface ValueCell extends Placed {
  readonly kind: 'value';
  readonly place: CellPlace;
  /** cellKey(table, block, row, column). */
  readonly key: string;
  /** Whether the format computes the cell from others (core/totals). */
  readonly total: boolean;
}

export type LayoutCell = CaptionCell | HeaderCell | NoteCell | GroupCell | LabelCell | ValueCell;

export interface LayoutRow {
  readonly kind: 'caption' | 'header' | 'body';
  /** Grid row number. */
  readonly index: number;
  /** The cells that start in this row, in column order. */
  readonly cells: readonly LayoutCell[];
  /** Body rows: the row groups the row belongs to, outermost first (cells of this or earlier rows). */
  readonly groups: readonly GroupCell[];
}

export interface LayoutSection {
  /** T2: the block the section shows. */
  readonly block?: BlockDef;
  readonly rows: readonly LayoutRow[];
}

export interface OfficialLayout {
  readonly table: TableId;
  readonly format: FormatVersion;
  /** Number of label columns (T2 1, T3 3, T4 0) and of value columns after them. */
  readonly labelCols: number;
  readonly valueCols: number;
  /** Header rows over the whole table (T3, T4); none for T2, whose headers are in each section. */
  readonly head: readonly LayoutRow[];
  /** T2: one per block (caption row, header row, data rows); T3 and T4: one of data rows. */
  readonly sections: readonly LayoutSection[];
}

const cache = new Map<string, OfficialLayout>();

/** The official layout of a table in a format (built once, shared: never mutate it). */
export function officialLayout(format: FormatVersion, table: TableId): OfficialLayout {
  const key = `${format}|${table}`;
  let layout = cache.get(key);
  if (!layout) {
    layout = table === '二' ? t2Layout(format) : treeLayout(format, table);
    cache.set(key, layout);
  }
  return layout;
}

/** Every row of a layout in reading order (the head's, then each section's). */
export function layoutRows(layout: OfficialLayout): LayoutRow[] {
  return [...layout.head, ...layout.sections.flatMap((s) => s.rows)];
}

/** Numbers grid rows as they are added. */
class Counter {
  private count = 0;
  next(): number {
    return this.count++;
  }
}

function valueCell(
  table: TableId,
  format: FormatVersion,
  at: Placed,
  block: BlockDef,
  row: RowDef,
  column: ColumnDef,
): ValueCell {
  const key = cellKey(table, block.id, row.id, column.id);
  return {
    kind: 'value',
    ...at,
    place: { table, block, row, column },
    key,
    total: isTotalCell(format, key),
  };
}

function t2Layout(format: FormatVersion): OfficialLayout {
  const def = FORMATS[format];
  const blocks = def.tables['二'].blocks;
  const n = Math.max(...blocks.map((block) => block.columns.length));
  const rows = new Counter();
  const sections = blocks.map((block): LayoutSection => {
    const spans = block.columns.map((_, j) => (j === block.columns.length - 1 ? n - j : 1));
    const caption = rows.next();
    const header = rows.next();
    const out: LayoutRow[] = [
      {
        kind: 'caption',
        index: caption,
        cells: [
          {
            kind: 'caption',
            ...one(caption, 0),
            colSpan: n + 1,
            text: block.caption,
            block,
          },
        ],
        groups: [],
      },
      {
        kind: 'header',
        index: header,
        cells: [
          {
            kind: 'header',
            ...one(header, 0),
            text: def.t2RowHeader,
            part: 'rows',
            columns: [],
            leaf: true,
          },
          ...block.columns.map((column, j): HeaderCell => ({
            kind: 'header',
            ...one(header, 1 + j),
            colSpan: spans[j]!,
            text: column.label,
            part: 'label',
            columns: [{ block, column }],
            leaf: true,
          })),
        ],
        groups: [],
      },
    ];
    for (const rowDef of block.rows) {
      const r = rows.next();
      const label: LabelCell = {
        kind: 'label',
        ...one(r, 0),
        text: rowDef.label,
        place: { table: '二', block, row: rowDef },
      };
      const values = block.columns.map((column, j) =>
        valueCell('二', format, { ...one(r, 1 + j), colSpan: spans[j]! }, block, rowDef, column),
      );
      out.push({ kind: 'body', index: r, cells: [label, ...values], groups: [] });
    }
    return { block, rows: out };
  });
  return { table: '二', format, labelCols: 1, valueCols: n, head: [], sections };
}

const one = (row: number, col: number): Placed => ({ row, col, rowSpan: 1, colSpan: 1 });

/** One label of a column's path: its text and which label it is. */
interface PathLabel {
  readonly text: string;
  readonly part: HeaderCell['part'];
}

/** T3 and T4: header rows from each column's path of labels, row groups spanning their rows. */
function treeLayout(format: FormatVersion, table: TableId): OfficialLayout {
  const def = FORMATS[format];
  const blocks = def.tables[table].blocks;
  const top = table === '三' ? def.t3ColumnsHeader : '';
  const valueColumns: TableColumn[] = blocks.flatMap((block) =>
    block.columns.map((column) => ({ block, column })),
  );
  const paths = valueColumns.map(({ block, column }): PathLabel[] =>
    [
      { text: top, part: 'top' } as const,
      { text: column.group ?? '', part: 'group' } as const,
      { text: block.caption, part: 'caption' } as const,
      { text: column.label, part: 'label' } as const,
    ].filter((label) => label.text !== ''),
  );
  const depth = Math.max(...paths.map((p) => p.length));

  // Body rows and their groups (all blocks share the rows: T4's one row is in every block).
  const bodyRows = blocks[0]!.rows;
  const chains = groupChains(bodyRows.map((r) => r.group));
  const labelled = bodyRows.some((r) => r.label !== '');
  const labelCols = labelled ? Math.max(...chains.map((c) => c.length)) + 1 : 0;

  const rows = new Counter();
  const head = Array.from({ length: depth }, (_, level): LayoutRow => {
    const r = rows.next();
    const cells: LayoutCell[] = [];
    if (level === 0 && labelCols > 0) {
      cells.push({
        kind: 'note',
        row: r,
        col: 0,
        rowSpan: depth,
        colSpan: labelCols,
        text: table === '三' ? def.t3Note : '',
      });
    }
    let j = 0;
    while (j < paths.length) {
      const path = paths[j]!;
      if (path.length <= level) {
        j++;
        continue;
      }
      // Neighbouring columns under the same labels down to this level share one cell.
      const leaf = level === path.length - 1;
      const key = (p: readonly PathLabel[]) =>
        `${p
          .slice(0, level + 1)
          .map((label) => label.text)
          .join('\u0000')}|${p.length - 1 === level}`;
      let k = j + 1;
      while (k < paths.length && key(paths[k]!) === key(path)) k++;
      cells.push({
        kind: 'header',
        row: r,
        col: labelCols + j,
        rowSpan: leaf ? depth - level : 1,
        colSpan: k - j,
        text: path[level]!.text,
        part: path[level]!.part,
        columns: valueColumns.slice(j, k),
        leaf,
      });
      j = k;
    }
    return { kind: 'header', index: r, cells, groups: [] };
  });

  // A group's cell is in its first row; the rows after it refer to the same cell.
  const groupCells = new Map<string, GroupCell>();
  const body = bodyRows.map((rowDef, i): LayoutRow => {
    const r = rows.next();
    const chain = chains[i]!;
    const cells: LayoutCell[] = [];
    chain.forEach((group, level) => {
      if (group.first !== i) return;
      const cell: GroupCell = {
        kind: 'group',
        row: r,
        col: level,
        rowSpan: group.last - group.first + 1,
        colSpan: 1,
        text: group.label,
        level,
        first: group.first,
        last: group.last,
      };
      groupCells.set(group.label, cell);
      cells.push(cell);
    });
    if (labelCols > 0) {
      cells.push({
        kind: 'label',
        row: r,
        col: chain.length,
        rowSpan: 1,
        colSpan: labelCols - chain.length,
        text: rowDef.label,
        place: { table, block: blocks[0]!, row: rowDef },
      });
    }
    valueColumns.forEach(({ block, column }, j) => {
      const row = block.rows[i] ?? rowDef;
      cells.push(valueCell(table, format, one(r, labelCols + j), block, row, column));
    });
    const groups = chain.map((group) => groupCells.get(group.label)!);
    return { kind: 'body', index: r, cells, groups };
  });

  return {
    table,
    format,
    labelCols,
    valueCols: valueColumns.length,
    head,
    sections: [{ rows: body }],
  };
}

export interface RowGroup {
  readonly label: string;
  /** The group's first and last rows (indexes into the rows given). */
  readonly first: number;
  readonly last: number;
}

/**
 * The groups each row belongs to, outermost first. A row names only its innermost group; a
 * group whose rows enclose another group's rows is that group's outer group (T3: the rows of
 * "三、本年度办理结果" run from （一） to （七）, around （三）…（六）).
 */
export function groupChains(groups: readonly (string | undefined)[]): RowGroup[][] {
  const ranges = new Map<string, { first: number; last: number }>();
  groups.forEach((g, i) => {
    if (g === undefined || g === '') return;
    const range = ranges.get(g);
    if (range) range.last = i;
    else ranges.set(g, { first: i, last: i });
  });
  const all = [...ranges].map(([label, r]) => ({ label, ...r }));
  for (const a of all) {
    for (const b of all) {
      const overlap = a.first <= b.last && b.first <= a.last;
      const nested =
        (a.first <= b.first && b.last <= a.last) || (b.first <= a.first && a.last <= b.last);
      if (a !== b && overlap && !nested) {
        throw new Error(`row groups ${a.label} and ${b.label} overlap without nesting`);
      }
    }
  }
  return groups.map((_, i) =>
    all
      .filter((g) => g.first <= i && i <= g.last)
      .sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first),
  );
}
