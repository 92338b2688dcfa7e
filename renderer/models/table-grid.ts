/**
 * The table editor's grid of one statistical table in its official layout, built once per format
 * and table over core/table-layout.ts (the layout the print copy draws too: T2 blocks of a caption
 * row, a header row and data rows; T3's three header rows under the note cell, with row groups
 * spanning their rows; T4's two-level header): what the editor adds are element ids, the header
 * ids and accessible names of every value cell and the navigable cells. Pure: no DOM, no report
 * values. (`TableGrid` and `NavCell` are the editor's; the print copy's grid is core's
 * `OfficialLayout` and its `NavCell`.)
 */
import {
  blockLabel,
  cellKey,
  type BlockDef,
  type ColumnDef,
  type FormatVersion,
  type RowDef,
  type TableId,
} from '../../core/formats';
import type { Location } from '../../core/model';
import type { CellPlace } from '../../core/checks/values';
import { isTotalCell } from '../../core/totals';
import {
  groupChains,
  officialLayout,
  type HeaderCell as OfficialHeader,
  type LayoutCell,
  type LayoutRow,
  type OfficialLayout,
  type ValueCell as OfficialValue,
} from '../../core/table-layout';

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

/** A value cell of the editor's grid: one cell of the format, navigable. */
export interface NavCell {
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
  /** A computed total (core/totals.ts): shown, never typed into; Tab passes over it. */
  readonly computed: boolean;
}

export type GridItem = HeadCell | NavCell;

export interface GridRow {
  readonly kind: 'caption' | 'header' | 'body';
  readonly items: readonly GridItem[];
}

export interface TableGrid {
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
  readonly nav: readonly (readonly NavCell[])[];
  readonly byKey: ReadonlyMap<string, NavCell>;
  /** Header cell ids, for marking findings that name a column, a row or a block only. */
  readonly columnHeader: ReadonlyMap<string, string>;
  readonly rowHeader: ReadonlyMap<string, string>;
  /** By block label: T2 and T4 block captions, T3 row groups. */
  readonly blockHeader: ReadonlyMap<string, string>;
}

export function placeOf(cell: NavCell): CellPlace {
  return { table: cell.table, block: cell.block, row: cell.row, column: cell.column };
}

/** The editor's grid of each official layout (built once per format and table, as those are). */
const built = new WeakMap<OfficialLayout, TableGrid>();

export function tableGrid(format: FormatVersion, table: TableId): TableGrid {
  const official = officialLayout(format, table);
  const grid = built.get(official) ?? editorGrid(official);
  built.set(official, grid);
  return grid;
}

class NavBuilder {
  readonly nav: NavCell[][] = [];
  readonly byKey = new Map<string, NavCell>();
  readonly columnHeader = new Map<string, string>();
  readonly rowHeader = new Map<string, string>();
  readonly blockHeader = new Map<string, string>();
  row(): NavCell[] {
    const list: NavCell[] = [];
    this.nav.push(list);
    return list;
  }
  constructor(private readonly format: FormatVersion) {}
  add(list: NavCell[], cell: Omit<NavCell, 'r' | 'c' | 'kind' | 'key' | 'computed'>): NavCell {
    const key = cellKey(cell.table, cell.block.id, cell.row.id, cell.column.id);
    const full: NavCell = {
      ...cell,
      kind: 'value',
      key,
      computed: isTotalCell(this.format, key),
      r: this.nav.length - 1,
      c: list.length,
    };
    list.push(full);
    this.byKey.set(full.key, full);
    return full;
  }
}

/** A column header with its element id. */
interface ColumnHead {
  readonly cell: OfficialHeader;
  readonly id: string;
}

/**
 * The editor's grid over the official layout (core/table-layout.ts): element ids for every
 * header cell, the `headers` list and accessible names of every value cell, the navigable cells
 * and the header cells that findings naming a column, a row or a block mark.
 */
function editorGrid(official: OfficialLayout): TableGrid {
  const { table, labelCols } = official;
  const nav = new NavBuilder(official.format);

  /** Element ids: T2's name their block; T3's and T4's their grid position. */
  function idOf(cell: Exclude<LayoutCell, OfficialValue>, block: BlockDef | undefined): string {
    switch (cell.kind) {
      case 'caption':
        return `cap-${cell.block.id}`;
      case 'note':
        return 'note';
      case 'group':
        return `g-${cell.first}-${cell.level}`;
      case 'label':
        return block ? `r-${block.id}-${cell.place.row.id}` : `r-${cell.place.row.id}`;
      case 'header':
        if (!block) return `h-${cell.row}-${cell.col - labelCols}`;
        return `h-${block.id}-${cell.part === 'rows' ? 'label' : cell.columns[0]!.column.id}`;
    }
  }

  function rowsOf(
    rows: readonly LayoutRow[],
    block: BlockDef | undefined,
    heads: ColumnHead[],
  ): GridRow[] {
    let captionId = '';
    return rows.map((row): GridRow => {
      let labelId = '';
      const list = row.kind === 'body' ? nav.row() : [];
      const items = row.cells.map((cell): GridItem => {
        if (cell.kind === 'value') {
          const { block: cellBlock, row: rowDef, column } = cell.place;
          const over = heads.filter(
            ({ cell: h }) => h.col <= cell.col && cell.col < h.col + h.colSpan,
          );
          const group = blockLabel(cellBlock, rowDef);
          return nav.add(list, {
            table,
            block: cellBlock,
            row: rowDef,
            column,
            colSpan: cell.colSpan,
            gridCol: cell.col - labelCols,
            rowName: table === '四' ? '' : [group, rowDef.label].filter(Boolean).join(' '),
            colName: over
              .filter(({ cell: h }) => h.part !== 'top')
              .map(({ cell: h }) => h.text)
              .join(' '),
            loc: { block: group, row: rowDef.label, column: column.label },
            headers: [
              captionId,
              ...row.groups.map((g) => idOf(g, block)),
              labelId,
              ...over.map((h) => h.id),
            ]
              .filter(Boolean)
              .join(' '),
          });
        }
        const id = idOf(cell, block);
        const leafOf = cell.kind === 'header' && cell.leaf ? cell.columns[0] : undefined;
        switch (cell.kind) {
          case 'caption':
            captionId = id;
            nav.blockHeader.set(cell.text, id);
            break;
          case 'header':
            heads.push({ cell, id });
            if (cell.leaf) {
              for (const c of cell.columns) {
                nav.columnHeader.set(`${c.block.id}|${c.column.id}`, id);
              }
            } else if (cell.part === 'caption') {
              nav.blockHeader.set(cell.text, id);
            }
            break;
          case 'group':
            nav.blockHeader.set(cell.text, id);
            break;
          case 'label':
            labelId = id;
            nav.rowHeader.set(`${cell.place.block.id}|${cell.place.row.id}`, id);
            break;
        }
        return {
          kind: cell.kind,
          id,
          text: cell.text,
          rowSpan: cell.rowSpan,
          colSpan: cell.colSpan,
          ...(cell.col < labelCols ? { labelCol: cell.col } : {}),
          ...(leafOf ? { column: { block: leafOf.block.id, col: leafOf.column.id } } : {}),
          ...(cell.kind === 'label'
            ? { row: { block: cell.place.block.id, row: cell.place.row.id } }
            : {}),
        };
      });
      return { kind: row.kind, items };
    });
  }

  const heads: ColumnHead[] = [];
  const head = rowsOf(official.head, undefined, heads);
  const sections = official.sections.map((section) =>
    rowsOf(section.rows, section.block, [...heads]),
  );
  return {
    table,
    format: official.format,
    labelCols,
    valueCols: official.valueCols,
    head,
    sections,
    nav: nav.nav,
    byKey: nav.byKey,
    columnHeader: nav.columnHeader,
    rowHeader: nav.rowHeader,
    blockHeader: nav.blockHeader,
  };
}

/**
 * The cells a location points at: the one cell it names, or, for a location naming only a
 * column, a row or a block, every cell it covers (none for the table as a whole).
 */
export function cellsAt(grid: TableGrid, loc: Location): NavCell[] {
  if (loc.table !== grid.table) return [];
  const out: NavCell[] = [];
  if (loc.block === undefined && loc.row === undefined && loc.column === undefined) return out;
  for (const row of grid.nav) {
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
function outerGroupOf(cell: NavCell): string {
  const rows = cell.block.rows;
  const chains = groupChains(rows.map((r) => r.group));
  const i = rows.indexOf(cell.row);
  return chains[i]?.[0]?.label ?? '';
}

/** Whether a location names exactly one cell (all of block/row/column that the cell has). */
export function namesCell(cell: NavCell, loc: Location): boolean {
  return (
    loc.table === cell.table &&
    (loc.block ?? '') === cell.loc.block &&
    (loc.row ?? '') === cell.loc.row &&
    loc.column === cell.loc.column
  );
}
