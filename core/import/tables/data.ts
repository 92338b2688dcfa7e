/**
 * Building a table's data as rows are read: placed rows, rows kept unplaced with their text
 * and reason, and the rows whose reading only the whole table's arithmetic can settle.
 */
import type { BlockDef, FormatVersion, RowDef, TableId } from '../../formats';
import type { TableBlock, TableData, UnrecognisedRow } from '../../model';
import type { Reading } from './assign';
import { cellId, holds, instances } from './identities';

export function emptyData(): TableData {
  return { blocks: {}, unrecognised: [] };
}

export function ensureBlock(
  data: TableData,
  block: BlockDef,
  columns: readonly string[],
): TableBlock {
  let b = data.blocks[block.id];
  if (!b) {
    b = { columns: [], rows: {} };
    data.blocks[block.id] = b;
  }
  const set = new Set([...b.columns, ...columns]);
  b.columns = block.columns.map((c) => c.id).filter((id) => set.has(id));
  return b;
}

/** Keeps a row that could not be placed: its cells as written, why, and where. */
export function keep(
  data: TableData,
  cells: readonly string[],
  reason: string,
  block?: string,
  row?: string,
) {
  const list = cells.map((c) => c.trim());
  while (list.length && list[list.length - 1] === '') list.pop(); // nothing after the last
  const seen = data.unrecognised.some(
    (u) => u.reason === reason && u.cells.join('\u0001') === list.join('\u0001'),
  );
  if (!seen && list.some(Boolean)) {
    const entry: UnrecognisedRow = {
      cells: list,
      reason,
      ...(block ? { block } : {}),
      ...(row ? { row } : {}),
    };
    data.unrecognised.push(entry);
  }
}

/**
 * The record that gave each placed row its values, so that a second record naming the same row
 * can be judged: the same figures (a table repeated on the next page) leave the row alone;
 * other figures mean one of the two labels was misread, and neither is trusted.
 */
export class Claims {
  private readonly first = new Map<string, { cells: readonly string[]; values: string }>();

  note(block: BlockDef, row: string, cells: readonly string[], values: readonly string[]): void {
    this.first.set(`${block.id}|${row}`, { cells, values: values.join('\u0001') });
  }

  /** A second record for a row already read: unplaces it when the figures differ. */
  again(
    data: TableData,
    block: BlockDef,
    row: RowDef,
    cells: readonly string[],
    values: readonly string[],
  ): void {
    const before = this.first.get(`${block.id}|${row.id}`);
    const caption = block.caption || undefined;
    if (before && before.values !== values.join('\u0001') && data.blocks[block.id]?.rows[row.id]) {
      delete data.blocks[block.id]!.rows[row.id];
      const reason = `“${row.label}”行出现两次且数值不同，无法判断哪一行是它`;
      keep(data, before.cells, reason, caption, row.id);
      keep(data, cells, reason, caption, row.id);
      return;
    }
    keep(data, cells, `“${row.label}”行重复出现`, caption);
  }
}

export interface OpenRow {
  readonly block: BlockDef;
  readonly row: string;
  readonly readings: readonly Reading[];
  readonly columns: readonly string[];
  readonly label?: string;
  readonly cells: readonly string[];
  readonly reason: string;
}

/** Puts a row's cells in place (the label kept when it is not an accepted form). */
export function put(
  data: TableData,
  block: BlockDef,
  row: string,
  cells: Reading,
  columns: readonly string[],
  label?: string,
): void {
  const b = ensureBlock(data, block, columns);
  b.rows[row] = { cells, ...(label !== undefined ? { label } : {}) };
}

/**
 * Settles open rows with the table's arithmetic: a reading survives when every equation that
 * involves the row, and otherwise only placed cells, holds. A row is placed when its surviving
 * readings agree; the others are kept unplaced.
 */
export function settle(
  data: TableData,
  open: readonly OpenRow[],
  format: FormatVersion,
  table: TableId,
): void {
  const pending = [...open];
  const placedCells = () => {
    const map = new Map<string, string>();
    for (const [bid, b] of Object.entries(data.blocks))
      for (const [rid, r] of Object.entries(b.rows))
        for (const [cid, v] of Object.entries(r.cells)) map.set(cellId(bid, rid, cid), v);
    return map;
  };
  const eqs = instances(format, table);
  let progress = true;
  while (progress && pending.length) {
    progress = false;
    for (let i = 0; i < pending.length; i++) {
      const o = pending[i]!;
      const known = placedCells();
      const rowKey = `${o.block.id}|${o.row}`;
      const survivors = o.readings.filter((r) => {
        const cells = new Map(known);
        for (const [col, v] of Object.entries(r)) cells.set(cellId(o.block.id, o.row, col), v);
        return eqs.every((eq) => !eq.rows.has(rowKey) || holds(format, table, eq, cells) !== false);
      });
      const confirmed = survivors.filter((r) => {
        const cells = new Map(known);
        for (const [col, v] of Object.entries(r)) cells.set(cellId(o.block.id, o.row, col), v);
        return eqs.some((eq) => eq.rows.has(rowKey) && holds(format, table, eq, cells) === true);
      });
      const pick = survivors.length === 1 && confirmed.length === 1 ? confirmed[0] : null;
      if (pick && !data.blocks[o.block.id]?.rows[o.row]) {
        put(data, o.block, o.row, pick, o.columns, o.label);
        pending.splice(i, 1);
        i--;
        progress = true;
      }
    }
  }
  for (const o of pending) keep(data, o.cells, o.reason, o.block.caption || undefined, o.row);
}
