/** Reading a report's cells as values, and describing cells as finding locations. */
import { parseCell, type CellValue } from '../cells';
import {
  blockLabel,
  cellIndex,
  cellKey,
  type BlockDef,
  type ColumnDef,
  type RowDef,
  type TableId,
} from '../formats';
import { cellAt, type Location, type Report } from '../model';

export type ReadValue = CellValue | { readonly state: 'absent' };

export interface CellPlace {
  readonly table: TableId;
  readonly block: BlockDef;
  readonly row: RowDef;
  readonly column: ColumnDef;
}

/** Reads cells of one report with its own layout; parses each cell once. */
export class ValueReader {
  private readonly cache = new Map<string, ReadValue>();
  private readonly index: ReturnType<typeof cellIndex>;
  constructor(readonly report: Report) {
    this.index = cellIndex(report.format);
  }

  place(table: TableId, block: string, row: string, col: string): CellPlace | null {
    const def = this.index.get(cellKey(table, block, row, col));
    return def ? { table, block: def.block, row: def.row, column: def.column } : null;
  }

  read(table: TableId, block: string, row: string, col: string): ReadValue {
    const key = cellKey(table, block, row, col);
    let value = this.cache.get(key);
    if (value === undefined) {
      const def = this.index.get(key);
      const cell = def ? cellAt(this.report, table, block, row, col) : null;
      value = def && cell?.present ? parseCell(cell.raw, def.column, table) : { state: 'absent' };
      this.cache.set(key, value);
    }
    return value;
  }

  /** The number in a cell, or null when it is absent, blank, not applicable or invalid. */
  number(table: TableId, block: string, row: string, col: string): number | null {
    const v = this.read(table, block, row, col);
    return v.state === 'number' ? v.value : null;
  }

  /** The same, by the cell's key (table|block|row|column; see cellKey). */
  numberAt(key: string): number | null {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached.state === 'number' ? cached.value : null;
    const [table, block, row, col] = key.split('|') as [TableId, string, string, string];
    return this.number(table, block, row, col);
  }
}

/** The location of a cell: section, table, block caption or row group, row, column labels. */
export function cellLocation(
  place: CellPlace,
  fields: readonly ('block' | 'row' | 'column')[] = ['block', 'row', 'column'],
): Location {
  const loc: { -readonly [K in keyof Location]: Location[K] } = {
    section: place.table,
    table: place.table,
  };
  const block = blockLabel(place.block, place.row);
  if (fields.includes('block') && block) loc.block = block;
  if (fields.includes('row') && place.row.label) loc.row = place.row.label;
  if (fields.includes('column')) loc.column = place.column.label;
  return loc;
}

/** "表三“（三）不予公开 / 1.属于国家秘密”行“自然人”列" — a cell named for a message. */
export function describeCell(place: CellPlace): string {
  const parts: string[] = [`表${place.table}`];
  const block = blockLabel(place.block, place.row);
  const rowText = [block, place.row.label].filter(Boolean).join(' / ');
  if (rowText) parts.push(`“${rowText}”${place.row.label ? '行' : ''}`);
  parts.push(`“${place.column.label}”列`);
  return parts.join('');
}
