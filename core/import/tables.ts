/**
 * Table recognition by label, not position: real reports reorder, merge, misalign and mangle
 * their tables. Each recogniser reads grid rows and fills the model's TableData with the cell
 * texts it can place; what it cannot place is kept as an unrecognised row (reported, never
 * guessed). Rows shifted by a lost merged cell are realigned by their label's position.
 */
import { normaliseCellText } from '../cells';
import {
  FORMATS,
  type BlockDef,
  type ColumnDef,
  type FormatVersion,
  type RowDef,
  type TableDef,
  type TableId,
} from '../formats';
import { T2_ROW_HEADER, T3_BLOCK_ID, T4_ROW_ID } from '../formats/common';
import type { TableBlock, TableData, UnrecognisedRow } from '../model';
import { labelKey, stripOrdinal } from '../text';
import type { GridCell } from './doc';

type Row = readonly GridCell[];

const VALUE_LIKE =
  /^(?:[+-]|增加|减少|增|减|新增|净增|净减)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|条|项|个|次|份|宗|起|家|人次|人)?$/u;
const EMPTY_LIKE = /^(?:|空|无|没有|\/|不适用|[-‐‑‒–—―─━_]+)$/u;

/** Whether a cell's text reads as a value (number, blank, dash, 无) rather than a label. */
export function isValueLike(text: string): boolean {
  const t = normaliseCellText(text);
  return EMPTY_LIKE.test(t) || VALUE_LIKE.test(t);
}

function isNumberLike(text: string): boolean {
  return VALUE_LIKE.test(normaliseCellText(text));
}

function texts(row: Row): string[] {
  return row.map((c) => c.text.trim());
}

export type LabelMatch = 'exact' | 'partial';

interface LabelKeys {
  /** labelKey of the label, key and aliases. */
  readonly exact: readonly string[];
  /** The key words as written (NFKC, no ordinal, no spaces), for "key words + parenthesis". */
  readonly plain: string;
  /** labelKey of the key words, for a label cut short. */
  readonly prefix: string;
}

const keyCache = new WeakMap<object, LabelKeys>();

/** The comparison keys of a label definition, computed once per definition. */
function keysOf(def: { label: string; key?: string; aliases?: readonly string[] }): LabelKeys {
  let keys = keyCache.get(def);
  if (!keys) {
    const words = def.key ?? def.label;
    keys = {
      exact: [def.label, def.key ?? '', ...(def.aliases ?? [])].map(labelKey).filter(Boolean),
      plain: stripOrdinal(words.normalize('NFKC')).replace(/[\s\u3000]+/gu, ''),
      prefix: labelKey(words),
    };
    keyCache.set(def, keys);
  }
  return keys;
}

/** Matches a label against candidates: exact (official, key, alias) or a clear truncation. */
export function matchLabel<T extends { label: string; key?: string; aliases?: readonly string[] }>(
  text: string,
  candidates: readonly T[],
): { def: T; match: LabelMatch } | null {
  const k = labelKey(text);
  if (!k) return null;
  for (const def of candidates) if (keysOf(def).exact.includes(k)) return { def, match: 'exact' };
  // "部分公开（区分处理的…）" with another note, "本年收费金额（万元）": the key words, then a
  // parenthesis
  const plain = stripOrdinal(text.normalize('NFKC')).replace(/[\s\u3000]+/gu, '');
  const starts = candidates.filter((def) => {
    const key = keysOf(def).plain;
    return key.length >= 2 && plain.startsWith(key) && /^[(（[【]/u.test(plain.slice(key.length));
  });
  if (starts.length === 1) return { def: starts[0]!, match: 'exact' };
  // a label cut short in conversion: "保护第三方合" for "保护第三方合法权益"
  if (k.length >= 4) {
    const prefixes = candidates.filter((def) => keysOf(def).prefix.startsWith(k));
    if (prefixes.length === 1) return { def: prefixes[0]!, match: 'partial' };
  }
  return null;
}

function emptyData(): TableData {
  return { blocks: {}, unrecognised: [] };
}

function ensureBlock(data: TableData, block: BlockDef, columns: readonly string[]): TableBlock {
  let b = data.blocks[block.id];
  if (!b) {
    b = { columns: [], rows: {} };
    data.blocks[block.id] = b;
  }
  const set = new Set([...b.columns, ...columns]);
  b.columns = block.columns.map((c) => c.id).filter((id) => set.has(id));
  return b;
}

function unrecognised(data: TableData, row: Row, reason: string, block?: string): void {
  // the cells as written: a merged cell once, not once per column or row it covers
  const cells = row.filter((c) => !c.spanned).map((c) => c.text.trim());
  while (cells.length && cells[cells.length - 1] === '') cells.pop(); // nothing after the last
  const seen = data.unrecognised.some(
    (u) => u.reason === reason && u.cells.join('\u0001') === cells.join('\u0001'),
  );
  if (!seen && cells.some(Boolean)) {
    const entry: UnrecognisedRow = { cells, reason, ...(block ? { block } : {}) };
    data.unrecognised.push(entry);
  }
}

/**
 * Places a data row's values: at the given absolute positions, or, with no header to go by,
 * the values after the label in official order when they fit exactly.
 */
function placeRow(
  data: TableData,
  block: BlockDef,
  rowDef: RowDef,
  row: Row,
  labelIdx: number,
  labelText: string,
  match: LabelMatch,
  positions: ReadonlyMap<string, number> | null,
): void {
  const cells = texts(row);
  const b = ensureBlock(
    data,
    block,
    positions ? [...positions.keys()] : block.columns.map((c) => c.id),
  );
  if (b.rows[rowDef.id]) {
    unrecognised(
      data,
      row,
      `“${rowDef.label || block.caption}”行重复出现`,
      block.caption || rowDef.group,
    );
    return;
  }
  const out: Record<string, string> = {};
  if (positions && positions.size > 0) {
    // in the format's column order, whatever order the report prints them in
    for (const c of block.columns) {
      const idx = positions.get(c.id);
      if (idx !== undefined) out[c.id] = cells[idx] ?? '';
    }
  } else {
    // No header to go by: the values after the label, in official order, only if they fit.
    const after = cells.slice(labelIdx + 1);
    while (after.length > block.columns.length && after[after.length - 1] === '') after.pop();
    while (after.length > block.columns.length && after[0] === '') after.shift();
    if (after.length !== block.columns.length || !after.every(isValueLike)) {
      unrecognised(data, row, '表头缺失，数值无法对应到列', block.caption || rowDef.group);
      return;
    }
    block.columns.forEach((c, i) => (out[c.id] = after[i]!));
  }
  b.rows[rowDef.id] = { cells: out, ...(match === 'partial' ? { label: labelText } : {}) };
}

/**
 * A row rebuilt from one cell per line places its values only when nothing is in doubt: its
 * block's header named every column, and the row has exactly that many cells after its label
 * (a value lost or split in extraction would otherwise move the others).
 */
function linearRowFits(
  cells: readonly string[],
  labelIdx: number,
  positions: ReadonlyMap<string, number> | null,
  columns: number,
): boolean {
  if (!positions || positions.size !== columns) return false;
  const after = cells.slice(labelIdx + 1);
  while (after.length > columns && after[after.length - 1] === '') after.pop();
  return after.length === columns;
}

/** A row of values and blanks only. */
function valuesOnly(row: Row): boolean {
  return row.some((c) => c.text.trim()) && row.every((c) => !c.text.trim() || isValueLike(c.text));
}

function shifted(
  positions: ReadonlyMap<string, number> | null,
  by: number,
): Map<string, number> | null {
  return positions ? new Map([...positions].map(([col, idx]) => [col, idx + by] as const)) : null;
}

// ---------------------------------------------------------------------------------------------
// T2: blocks with caption rows ("第二十条第（一）项") and header rows starting with 信息内容.

const CAPTION = /第二十条第[（(]([一二三四五六七八九十]+)[)）]项/u;
const T2_HEADER = T2_ROW_HEADER;

/** Whether a line is nothing but a T2 block caption ("第二十条第（一）项"). */
export function isT2Caption(text: string): boolean {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/gu, '');
  const m = CAPTION.exec(t);
  return m !== null && m[0].length === t.length;
}

function t2Rows(format: FormatVersion): { block: BlockDef; row: RowDef }[] {
  return FORMATS[format].tables['二'].blocks.flatMap((block) =>
    block.rows.map((row) => ({ block, row })),
  );
}

function recogniseT2(rows: readonly Row[], format: FormatVersion, linear: boolean): TableData {
  const table = FORMATS[format].tables['二'];
  const data = emptyData();
  const rowDefs = t2Rows(format).map((x) => ({ ...x.row, block: x.block }));
  let current: BlockDef | null = null;
  let header: { labelIdx: number; cells: { idx: number; text: string }[] } | null = null;
  let positions: Map<string, number> | null = null;

  const columnsFor = (block: BlockDef) => {
    if (!header) return null;
    const map = new Map<string, number>();
    for (const { idx, text } of header.cells) {
      const m = matchLabel(text, block.columns);
      if (m && !map.has(m.def.id)) map.set(m.def.id, idx);
    }
    return map;
  };

  for (const row of rows) {
    const cells = texts(row);
    const captionIdx = cells.findIndex((t) => CAPTION.test(t.normalize('NFKC')));
    if (captionIdx >= 0) {
      const m = CAPTION.exec(cells[captionIdx]!.normalize('NFKC'))!;
      const found = table.blocks.find(
        (b) => labelKey(b.caption) === labelKey(`第二十条第（${m[1]}）项`),
      );
      const continued = row[captionIdx]!.spanned && found === current;
      if (!continued) {
        current = found ?? null;
        header = null;
        positions = null;
      }
      if (!found) {
        unrecognised(data, row, `本年度格式没有“${cells[captionIdx]}”这一部分`);
        continue;
      }
      if (
        !cells.some((t, i) => i !== captionIdx && t && t !== cells[captionIdx] && !isValueLike(t))
      )
        continue;
    }
    const headerIdx = cells.findIndex((t) => labelKey(t) === T2_HEADER);
    if (headerIdx >= 0) {
      header = {
        labelIdx: headerIdx,
        cells: cells
          .map((text, idx) => ({ idx, text }))
          .filter((c) => c.idx > headerIdx && c.text && !row[c.idx]!.spanned),
      };
      positions = current ? columnsFor(current) : null;
      continue;
    }
    // A data row: the leftmost cell naming a row of the format.
    let hit: { idx: number; def: (typeof rowDefs)[number]; match: LabelMatch } | null = null;
    for (const [idx, text] of cells.entries()) {
      if (!text || isValueLike(text)) continue;
      const m = matchLabel(text, rowDefs);
      if (m) {
        hit = { idx, def: m.def, match: m.match };
        break;
      }
    }
    if (!hit) {
      if (cells.some(isNumberLike)) unrecognised(data, row, '行名无法识别', current?.caption);
      continue;
    }
    const block = hit.def.block;
    if (block !== current) {
      current = block;
      positions = columnsFor(block);
    }
    if (linear && !linearRowFits(cells, hit.idx, positions, block.columns.length)) {
      unrecognised(data, row, '数值的个数与表头的列数对不上', block.caption);
      continue;
    }
    // a row shifted against its header (a lost merged cell) moves with its label
    const shift = header ? hit.idx - header.labelIdx : 0;
    placeRow(
      data,
      block,
      hit.def,
      row,
      hit.idx,
      cells[hit.idx]!,
      hit.match,
      shifted(positions, shift),
    );
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// T3: header rows name the seven columns; data rows are found by their (most specific) label.

/**
 * Where T3's seven columns are. In a grid (spans expanded: HTML, Word, Markdown) every header
 * cell names the column at its position. Word's "save as text" loses the spans: a merged cell
 * is written once, so the header rows do not line up with each other or with the values; the
 * positions then clash, and the columns are read in the order the header names them instead
 * (a group label such as 法人或其他组织 standing for its members in the row below), each data
 * row's values following its label.
 */
function t3Columns(
  headerRows: readonly Row[],
  columns: readonly ColumnDef[],
): { positions: Map<string, number> | null; order: string[] | null } {
  const byIdx = new Map<number, string>();
  const idxOf = new Map<string, number>();
  let clash = false;
  for (const row of headerRows) {
    for (const [idx, cell] of row.entries()) {
      const m = matchLabel(cell.text, columns);
      if (!m || m.match !== 'exact') continue;
      const seen = byIdx.get(idx);
      if (seen !== undefined && seen !== m.def.id) clash = true;
      byIdx.set(idx, m.def.id);
      const at = idxOf.get(m.def.id);
      if (!cell.spanned && at !== undefined && at !== idx) clash = true;
      if (at === undefined) idxOf.set(m.def.id, idx);
    }
  }
  const positions = new Map<string, number>();
  for (const [idx, col] of [...byIdx].sort((a, b) => a[0] - b[0])) {
    if (!positions.has(col)) positions.set(col, idx);
  }
  if (!clash) return { positions, order: null };
  const order = headerOrder(headerRows, columns);
  return order ? { positions: null, order } : { positions, order: null };
}

/** The columns in the order the header rows name them, a group label replaced by its members. */
function headerOrder(headerRows: readonly Row[], columns: readonly ColumnDef[]): string[] | null {
  const groups = new Set(columns.flatMap((c) => (c.group ? [labelKey(c.group)] : [])));
  const cells = headerRows.flatMap((r) => r.filter((c) => !c.spanned && c.text.trim()));
  const grouped = cells.some((c) => groups.has(labelKey(c.text)));
  const GROUP = '\u0000group';
  const top: string[] = [];
  const members: string[] = [];
  for (const cell of cells) {
    if (grouped && groups.has(labelKey(cell.text))) {
      if (!top.includes(GROUP)) top.push(GROUP);
      continue;
    }
    const m = matchLabel(cell.text, columns);
    if (!m || m.match !== 'exact') continue;
    const list = grouped && m.def.group ? members : top;
    if (!list.includes(m.def.id)) list.push(m.def.id);
  }
  const order = top.flatMap((x) => (x === GROUP ? members : [x]));
  return order.length === columns.length && new Set(order).size === order.length ? order : null;
}

/** Header rows carry column labels and no numbers; after the data began, at least two. */
function isT3HeaderRow(row: Row, columns: readonly ColumnDef[], initial: boolean): boolean {
  const cells = texts(row);
  if (cells.some(isNumberLike)) return false;
  const labels = new Set(
    cells
      .map((t) => matchLabel(t, columns))
      .filter((m) => m?.match === 'exact')
      .map((m) => m!.def.id),
  );
  return labels.size >= (initial ? 1 : 2);
}

function recogniseT3(rows: readonly Row[], format: FormatVersion, linear: boolean): TableData {
  const block = FORMATS[format].tables['三'].blocks[0]!;
  const data = emptyData();
  const note = labelKey(FORMATS[format].t3Note);
  let headerRows: Row[] = [];
  let positions: Map<string, number> | null = null;
  let order: string[] | null = null;
  let inHeader = true;
  for (const row of rows) {
    const cells = texts(row);
    if (isT3HeaderRow(row, block.columns, inHeader || (positions === null && order === null))) {
      if (!inHeader) headerRows = []; // a repeated header (table continued on a new page)
      inHeader = true;
      headerRows.push(row);
      continue;
    }
    if (inHeader) {
      // rebuilt from one cell per line: only the header's order can place values
      ({ positions, order } = linear
        ? {
            positions: null,
            order: headerRows.length ? headerOrder(headerRows, block.columns) : null,
          }
        : headerRows.length
          ? t3Columns(headerRows, block.columns)
          : { positions: null, order: null });
      inHeader = false;
    }
    // the most specific label: the rightmost label cell that names a row
    let hit: { idx: number; def: RowDef; match: LabelMatch } | null = null;
    for (let idx = cells.length - 1; idx >= 0; idx--) {
      const text = cells[idx]!;
      if (!text || isValueLike(text) || labelKey(text) === note) continue;
      const m = matchLabel(text, block.rows);
      if (m) {
        hit = { idx, def: m.def, match: m.match };
        break;
      }
    }
    if (!hit) {
      if (cells.some(isNumberLike)) unrecognised(data, row, '行名无法识别');
      continue;
    }
    const labelCell = row[hit.idx]!;
    // a group label spanning rows ("（三）不予公开") is not this row's label
    if (labelCell.spanned && !cells.slice(hit.idx + 1).some(isNumberLike)) continue;
    if (!cells.slice(hit.idx + 1).some((t) => t !== '')) continue; // a group heading row without values
    if (linear && !order) {
      unrecognised(data, row, '表头无法识别，数值无法对应到列');
      continue;
    }
    if (order) {
      // no grid to go by: the values follow the label, in the header's order
      let start = hit.idx + 1;
      while (start < row.length && row[start]!.spanned && cells[start] === cells[hit.idx]) start++;
      const after = cells.slice(start);
      while (after.length > order.length && after[after.length - 1] === '') after.pop();
      // garbled cells ("12a") are kept in their place and reported; another label is not a value
      if (
        after.length !== order.length ||
        after.some((t) => t !== '' && !isValueLike(t) && matchLabel(t, block.rows))
      ) {
        unrecognised(data, row, '数值的个数与表头的列数对不上');
        continue;
      }
      const at = new Map(order.map((col, i) => [col, start + i] as const));
      placeRow(data, block, hit.def, row, hit.idx, cells[hit.idx]!, hit.match, at);
      continue;
    }
    // A label standing in a value column means the row gained a cell to its left and its
    // values moved right with it; a number between the label and the first value column means
    // the label lost its merge and the values moved left.
    const first = positions && positions.size ? Math.min(...positions.values()) : Infinity;
    let shift = 0;
    if (hit.idx >= first) shift = hit.idx - first + 1;
    else if (
      first !== Infinity &&
      cells
        .slice(hit.idx + 1, first)
        .some((t, i) => isNumberLike(t) && !row[hit.idx + 1 + i]!.spanned)
    ) {
      shift = hit.idx + 1 - first;
    }
    placeRow(
      data,
      block,
      hit.def,
      row,
      hit.idx,
      cells[hit.idx]!,
      hit.match,
      shifted(positions, shift),
    );
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// T4: two or three header rows (行政复议 | 行政诉讼 → 未经复议直接起诉 / 复议后起诉), five
// sub-columns each, then one data row.

function recogniseT4(rows: readonly Row[], format: FormatVersion, linear: boolean): TableData {
  const table: TableDef = FORMATS[format].tables['四'];
  const data = emptyData();
  const groups = table.blocks.map((b) => ({ block: b, key: labelKey(b.caption) }));
  const litigation = labelKey('行政诉讼');
  const subs = table.blocks[0]!.columns;
  const headerRows: Row[] = [];
  let dataRow: Row | null = null;
  for (const row of rows) {
    const cells = texts(row);
    const numbers = cells.filter(isNumberLike).length;
    if (numbers >= 3 && !dataRow) {
      dataRow = row;
      continue;
    }
    if (numbers >= 3) {
      unrecognised(data, row, '表四只应有一行数据');
      continue;
    }
    if (!dataRow) headerRows.push(row);
  }
  if (!dataRow) return data;
  // group and sub-column of every grid position
  const width = Math.max(...headerRows.map((r) => r.length), dataRow.length);
  const groupAt: (BlockDef | 'litigation' | null)[] = Array(width).fill(null);
  const subAt: (ColumnDef | null)[] = Array(width).fill(null);
  for (const row of headerRows) {
    let carry: BlockDef | 'litigation' | null = null;
    for (let idx = 0; idx < width; idx++) {
      const text = row[idx]?.text.trim() ?? '';
      const k = labelKey(text);
      const group =
        groups.find((g) => g.key === k)?.block ?? (k === litigation ? 'litigation' : null);
      const sub = text ? matchLabel(text, subs) : null;
      if (group) {
        carry = group;
        if (groupAt[idx] === null || groupAt[idx] === 'litigation') groupAt[idx] = group;
      } else if (sub?.match === 'exact') {
        subAt[idx] = sub.def;
        carry = null;
      } else if (!text && carry) {
        // a pipe table has no spans: a group label covers the empty cells after it
        if (groupAt[idx] === null || groupAt[idx] === 'litigation') groupAt[idx] = carry;
      } else if (text) carry = null;
    }
  }
  const cells = texts(dataRow);
  const put = (block: BlockDef, valueAt: (col: string) => string | undefined) => {
    const out: Record<string, string> = {};
    for (const c of block.columns) {
      const v = valueAt(c.id);
      if (v !== undefined) out[c.id] = v;
    }
    if (Object.keys(out).length === 0) return;
    const b = ensureBlock(data, block, Object.keys(out));
    b.rows[T4_ROW_ID] = { cells: out };
  };
  const grid = table.blocks.map((block) => {
    const positions = new Map<string, number>();
    for (let idx = 0; idx < width; idx++) {
      const sub = subAt[idx];
      if (sub && groupAt[idx] === block && !positions.has(sub.id)) positions.set(sub.id, idx);
    }
    return { block, positions };
  });
  const used = grid.flatMap((g) => [...g.positions.values()]);
  const complete =
    grid.every((g) => g.positions.size === g.block.columns.length) &&
    new Set(used).size === used.length;
  const order = complete && !linear ? null : t4HeaderOrder(headerRows, table);
  if (linear && !order) {
    unrecognised(data, dataRow, '表四表头无法识别，数值无法对应到列');
    return data;
  }
  if (order) {
    // Word's "save as text": the header rows do not line up (a merged cell is written once);
    // the values are read in the order the header names the columns, if they are that many.
    const values = t4Values(dataRow, order.length);
    if (!values) {
      unrecognised(data, dataRow, '数值的个数与表头的列数对不上');
      return data;
    }
    for (const block of table.blocks) {
      put(block, (col) => {
        const i = order.findIndex((o) => o.block === block && o.col === col);
        return i >= 0 ? values[i] : undefined;
      });
    }
    return data;
  }
  // A leading label in the data row ("件数"), or an extra cell before the values (the values
  // reach beyond the header, or the row is longer than the header rows), shifts it.
  const firstHeader = used.length ? Math.min(...used) : -1;
  const lastHeader = used.length ? Math.max(...used) : -1;
  const firstValue = cells.findIndex(isValueLike);
  let shift =
    firstHeader >= 0 && firstValue > firstHeader && !isValueLike(cells[firstHeader] ?? '')
      ? firstValue - firstHeader
      : 0;
  if (shift === 0 && used.length) {
    let lastValue = -1;
    cells.forEach((t, i) => {
      if (t !== '' && isValueLike(t)) lastValue = i;
    });
    const headerWidth = Math.max(...headerRows.map((r) => r.length));
    const extra = Math.max(lastValue - lastHeader, dataRow.length - headerWidth, 0);
    if (extra > 0 && cells.slice(0, extra).every((t) => t === '' || !isValueLike(t))) shift = extra;
  }
  for (const { block, positions } of grid) {
    put(block, (col) => {
      const idx = positions.get(col);
      return idx === undefined ? undefined : (cells[idx + shift] ?? '');
    });
  }
  if (Object.keys(data.blocks).length === 0) {
    // no header to go by: 15 values in official order, if exactly that many
    const values = cells.filter((t) => t !== '');
    if (values.length === 15 && values.every(isValueLike)) {
      table.blocks.forEach((block, bi) => {
        const b = ensureBlock(
          data,
          block,
          block.columns.map((c) => c.id),
        );
        b.rows[T4_ROW_ID] = {
          cells: Object.fromEntries(block.columns.map((c, ci) => [c.id, values[bi * 5 + ci]!])),
        };
      });
    } else unrecognised(data, dataRow, '表四表头无法识别，数值无法对应到列');
  }
  return data;
}

/** T4's columns in the order the header names them: group captions, then five results each. */
function t4HeaderOrder(
  headerRows: readonly Row[],
  table: TableDef,
): { block: BlockDef; col: string }[] | null {
  const captions = new Map(table.blocks.map((b) => [labelKey(b.caption), b] as const));
  const subs = table.blocks[0]!.columns;
  const blocks: BlockDef[] = [];
  const seq: string[] = [];
  for (const row of headerRows) {
    for (const cell of row) {
      if (cell.spanned || !cell.text.trim()) continue;
      const block = captions.get(labelKey(cell.text));
      if (block) {
        if (!blocks.includes(block)) blocks.push(block);
        continue;
      }
      const m = matchLabel(cell.text, subs);
      if (m?.match === 'exact') seq.push(m.def.id);
    }
  }
  const n = subs.length;
  if (blocks.length !== table.blocks.length || seq.length !== n * blocks.length) return null;
  const out: { block: BlockDef; col: string }[] = [];
  for (const [i, block] of blocks.entries()) {
    const chunk = seq.slice(i * n, i * n + n);
    if (new Set(chunk).size !== n) return null;
    for (const col of chunk) out.push({ block, col });
  }
  return out;
}

/**
 * The data row's values without a leading label ("件数": no digit) or extra empty cells, if
 * exactly `n` (garbled values such as "12a" included: they are reported in their place).
 */
function t4Values(row: Row, n: number): string[] | null {
  const cells = row.filter((c) => !c.spanned).map((c) => c.text.trim());
  while (
    cells.length &&
    cells[0] !== '' &&
    !isValueLike(cells[0]!) &&
    !/\d/u.test(cells[0]!.normalize('NFKC'))
  )
    cells.shift();
  while (cells.length > n && cells[cells.length - 1] === '') cells.pop();
  while (cells.length > n && cells[0] === '') cells.shift();
  return cells.length === n ? cells : null;
}

// ---------------------------------------------------------------------------------------------

/** Which official table a grid is, by the labels it contains; null for any other table. */
export function classifyTable(rows: readonly Row[]): TableId | null {
  const all = rows.flatMap(texts).map(labelKey).filter(Boolean);
  const has = (re: RegExp) => all.some((t) => re.test(t));
  const score: Record<TableId, number> = {
    二: [
      /^第二十条第/u,
      /^信息内容$/u,
      /^规章$/u,
      /规范性文件$/u,
      /^行政许可$/u,
      /^行政处罚$/u,
      /^行政事业性收费$/u,
      /制发件数|新制作数量|处理决定数量/u,
    ].filter(has).length,
    三: [/自然人/u, /予以公开/u, /本年新收/u, /结转/u, /不予公开/u, /法人或其他组织/u].filter(has)
      .length,
    四: [/^行政复议$/u, /^行政诉讼$/u, /复议后起诉/u, /结果维持/u, /尚未审结/u].filter(has).length,
  };
  const best = (['二', '三', '四'] as const).reduce((a, b) => (score[b] > score[a] ? b : a));
  return score[best] >= 2 ? best : null;
}

/** Layout signals: which format version the tables follow, or null if they do not tell. */
export function detectFormat(
  tables: Partial<Record<TableId, readonly Row[]>>,
): FormatVersion | null {
  const vote = { '2019': 0, '2021': 0 };
  const t2 = (tables['二'] ?? []).flatMap(texts).map(labelKey);
  for (const [re, v, w] of [
    [/^本年制发件数$|^本年废止件数$|^现行有效件数$/u, '2021', 2],
    [/^本年处理决定数量$/u, '2021', 1],
    [/^本年收费金额/u, '2021', 2],
    [/^行政规范性文件$/u, '2021', 1],
    [/^本年新制作数量$|^本年新公开数量$|^对外公开总数量$/u, '2019', 2],
    [/^上一年项目数量$|^本年增减$/u, '2019', 2],
    [/^其他对外管理服务事项$|^政府集中采购$|^采购总金额$/u, '2019', 2],
    [/^第二十条第九项$/u, '2019', 2],
  ] as const) {
    if (t2.some((t) => re.test(t))) vote[v] += w;
  }
  const t3 = (tables['三'] ?? []).flatMap(texts).map(labelKey);
  if (t3.some((t) => /申请人无正当理由逾期不补正|申请人逾期未按收费通知/u.test(t)))
    vote['2021'] += 2;
  const t3rows = tables['三'] ?? [];
  if (
    t3rows.some((row) => {
      const cells = texts(row);
      const idx = cells.findIndex((t) => labelKey(t) === '其他处理');
      return (
        idx >= 0 &&
        cells.slice(idx + 1).some(isNumberLike) &&
        !cells.slice(idx + 1).some((t) => t && !isValueLike(t))
      );
    })
  ) {
    vote['2019'] += 2;
  }
  if (vote['2019'] === vote['2021']) return null;
  return vote['2019'] > vote['2021'] ? '2019' : '2021';
}

/**
 * Recognises one table's rows. `linear`: the rows were rebuilt from one cell per line, so cell
 * positions mean nothing and values are read in the order the header names the columns.
 */
export function recogniseTable(
  id: TableId,
  rows: readonly Row[],
  format: FormatVersion,
  linear = false,
): TableData {
  if (linear && id !== '四' && rows.some(valuesOnly)) {
    // Values without a label in a table whose rows all have one: the text came out of order
    // (as text taken from a PDF does); no value can be placed with confidence.
    const data = emptyData();
    for (const row of rows)
      if (row.some((c) => isNumberLike(c.text)))
        unrecognised(data, row, '文字顺序错乱，数值无法可靠对应到行和列');
    return data;
  }
  switch (id) {
    case '二':
      return recogniseT2(rows, format, linear);
    case '三':
      return recogniseT3(rows, format, linear);
    case '四':
      return recogniseT4(rows, format, linear);
  }
}

export { T3_BLOCK_ID };
