/**
 * T4 (行政复议、行政诉讼): three groups of five columns and one row of values — written as one
 * table (a two- or three-row header over fifteen values) or as three small tables, each under
 * its group's name (行政复议 / 行政诉讼（未经复议直接起诉） / （复议后起诉）).
 */
import { FORMATS, type BlockDef, type ColumnDef, type FormatVersion } from '../../formats';
import { T4_ROW_ID } from '../../formats/common';
import type { TableData } from '../../model';
import { labelKey } from '../../text';
import { assign, type Layout, type Reading } from './assign';
import { layoutsFor } from './columns';
import { emptyData, keep, put } from './data';
import { rowConsistent } from './identities';
import { kindOf, type Cell, type Header, type Part } from './lines';
import { recordCells } from './t3';
import { matchLabel, wordOf } from './vocabulary';

/** The group a cell names (行政复议, 未经复议直接起诉, 复议后起诉), if any. */
function groupOf(cell: Cell, blocks: readonly BlockDef[]): BlockDef | null {
  const k = labelKey(cell.text);
  const exact = blocks.find((b) => labelKey(b.caption) === k);
  if (exact) return exact;
  // "行政诉讼（未经复议直接起诉）": the group inside the words
  const inside = blocks.filter((b) => k.includes(labelKey(b.caption)));
  return inside.length
    ? inside.reduce((a, b) => (b.caption.length > a.caption.length ? b : a))
    : null;
}

/** The fifteen columns in the order the header cells name them, or null. */
function headerOrder(cells: readonly Cell[], blocks: readonly BlockDef[]): ColumnDef[] | null {
  const subs = blocks[0]!.columns;
  const groups: BlockDef[] = [];
  const seq: ColumnDef[] = [];
  for (const cell of cells) {
    if (cell.spanned || !cell.text.trim()) continue;
    const group = groupOf(cell, blocks);
    if (group) {
      if (!groups.includes(group)) groups.push(group);
      continue;
    }
    const m = matchLabel(cell.text, subs);
    if (m?.match === 'exact') seq.push(m.def);
  }
  if (groups.length !== blocks.length || seq.length !== subs.length * groups.length) return null;
  const out: ColumnDef[] = [];
  for (const [i, block] of groups.entries()) {
    const chunk = seq.slice(i * subs.length, (i + 1) * subs.length);
    if (new Set(chunk.map((c) => c.id)).size !== subs.length) return null;
    for (const c of chunk) out.push(wide(block, c));
  }
  return out;
}

/** A column of the whole fifteen: block and column in one id. */
function wide(block: BlockDef, column: ColumnDef): ColumnDef {
  return { ...column, id: `${block.id}|${column.id}` };
}

function split(reading: Reading, blocks: readonly BlockDef[]): Map<BlockDef, Reading> {
  const out = new Map<BlockDef, Reading>();
  for (const [key, value] of Object.entries(reading)) {
    const [bid, col] = key.split('|') as [string, string];
    const block = blocks.find((b) => b.id === bid)!;
    out.set(block, { ...(out.get(block) ?? {}), [col]: value });
  }
  return out;
}

export function readT4(parts: readonly Part[], format: FormatVersion): TableData {
  const blocks = FORMATS[format].tables['四'].blocks;
  const data = emptyData();
  let headers: Header[] = [];
  let context: BlockDef | null = null;
  let afterRecord = false;
  const placeBlock = (
    block: BlockDef,
    cells: Reading,
    columns: readonly string[],
    source: string[],
  ) => {
    if (data.blocks[block.id]?.rows[T4_ROW_ID]) keep(data, source, '表四只应有一行数据');
    else put(data, block, T4_ROW_ID, cells, columns);
  };
  for (const part of parts) {
    if (part.kind === 'caption') continue;
    if (part.kind === 'context') {
      const named = part.labels.map((c) => groupOf(c, blocks)).filter(Boolean);
      if (named.length) context = named[named.length - 1]!;
      continue;
    }
    if (part.kind === 'header') {
      if (afterRecord) headers = [];
      afterRecord = false;
      headers.push(part);
      const named = part.cells.map((c) => groupOf(c, blocks)).filter(Boolean);
      if (named.length === 1) context = named[0]!;
      else if (named.length > 1) context = null;
      continue;
    }
    afterRecord = true;
    const source = recordCells(part);
    // labels of the record: a group's name and its column labels (three small tables written
    // as text), or a word such as 件数
    const labelGroups = part.labels.map((c) => groupOf(c, blocks)).filter(Boolean);
    const group = labelGroups.length ? labelGroups[labelGroups.length - 1]! : context;
    const labelHeader: Header = {
      kind: 'header',
      cells: part.labels,
      grid: false,
      group: part.group,
    };
    const heads = part.labels.some((c) => wordOf(c.text)) ? [...headers, labelHeader] : headers;
    const values = part.values.filter((c) => kindOf(c) !== 'word');
    const record = { ...part, values, labelAt: -1 };
    const count = values.filter((c) => !c.soft).length;
    const allBlocks = blocks.flatMap((b) => b.columns.map((c) => wide(b, c)));
    const checkAll = (reading: Reading) => {
      let any = false;
      for (const [block, cells] of split(reading, blocks)) {
        const ok = rowConsistent(format, '四', block.id, T4_ROW_ID, cells);
        if (ok === false) return false;
        if (ok) any = true;
      }
      return any ? true : null;
    };
    if (group && count <= group.columns.length + 1 && !(count >= allBlocks.length)) {
      // one group's five values
      const a = assign(record, layoutsFor(heads, group.columns), (r) =>
        rowConsistent(format, '四', group.id, T4_ROW_ID, r),
      );
      if (a.kind === 'placed')
        placeBlock(
          group,
          a.cells,
          a.layout.order.map((c) => c.id),
          source,
        );
      else keep(data, source, a.reason);
      context = null;
      continue;
    }
    const order = headerOrder(
      heads.flatMap((h) => h.cells),
      blocks,
    );
    const layouts: Layout[] = [
      { order: order ?? allBlocks, positions: gridPositions(heads, blocks), named: order !== null },
    ];
    const a = assign(record, layouts, checkAll);
    if (a.kind !== 'placed') {
      keep(
        data,
        source,
        heads.length || a.reason !== '数值的个数与表头的列数对不上'
          ? a.reason
          : '表四表头无法识别，数值无法对应到列',
      );
      continue;
    }
    for (const [block, cells] of split(a.cells, blocks))
      placeBlock(block, cells, Object.keys(cells), source);
  }
  return data;
}

/**
 * Grid positions of the fifteen columns: the group a header cell stands under and its result
 * column (a group label covers the empty cells after it: a pipe table has no spans).
 */
function gridPositions(
  headers: readonly Header[],
  blocks: readonly BlockDef[],
): Map<string, number> | null {
  const rows = headers.filter((h) => h.grid);
  if (!rows.length) return null;
  const width = Math.max(...rows.map((r) => Math.max(...r.cells.map((c) => (c.col ?? 0) + 1))));
  const groupAt: (BlockDef | null)[] = Array(width).fill(null);
  const subAt: (ColumnDef | null)[] = Array(width).fill(null);
  const subs = blocks[0]!.columns;
  for (const row of rows) {
    let carry: BlockDef | null = null;
    for (let idx = 0; idx < width; idx++) {
      const cell = row.cells.find((c) => c.col === idx);
      const text = cell?.text.trim() ?? '';
      const group = cell ? groupOf(cell, blocks) : null;
      const sub = text ? matchLabel(text, subs) : null;
      if (group) {
        carry = group;
        groupAt[idx] = group;
      } else if (sub?.match === 'exact') {
        subAt[idx] = sub.def;
        carry = null;
      } else if (!text && carry) groupAt[idx] ??= carry;
      else if (text) carry = null;
    }
  }
  // a column under 行政诉讼 alone (no sub-group named) belongs to no group
  const positions = new Map<string, number>();
  for (let idx = 0; idx < width; idx++) {
    const g = groupAt[idx];
    const s = subAt[idx];
    if (g && s && !positions.has(`${g.id}|${s.id}`)) positions.set(`${g.id}|${s.id}`, idx);
  }
  const used = [...positions.values()];
  return positions.size === blocks.length * subs.length && new Set(used).size === used.length
    ? positions
    : null;
}
