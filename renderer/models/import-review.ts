/**
 * Reviewing an import's unread table rows (issue 11, "import review"): how many official data
 * rows of each table import read, the rows it kept unplaced (`table.unrecognised`) with the
 * official rows each may be assigned to, and the clerk's two answers — read the row in as an
 * official row with the values they confirmed, or dismiss it as not table data. Every answer
 * is a pure `Report → Report` change, so the report view applies it as one undoable edit
 * (`editor.edit(label, (r) => assignUnread(r, …))`). Pure, DOM-free.
 *
 * A data row is one (block, row) pair of the format: T2 counts each block's rows, T3 its rows,
 * T4 its one row once per block (行政复议, 未经复议直接起诉, 复议后起诉). A row is read when the
 * report has it with at least one cell filled.
 */
import { normaliseCellText } from '../../core/cells';
import {
  FORMATS,
  TABLE_IDS,
  type BlockDef,
  type FormatVersion,
  type RowDef,
  type TableId,
} from '../../core/formats';
import type { Report, UnrecognisedRow } from '../../core/model';
import { applyCellEdits, type CellEdit } from './cell-edits';

export interface TableSummary {
  readonly table: TableId;
  /** Official data rows the report has with a value. */
  readonly read: number;
  /** Official data rows of the table in the report's format. */
  readonly expected: number;
  /** Rows import kept unplaced, still to be reviewed. */
  readonly unread: number;
  /** "表三 26/28 行已读入，2 行待核对". */
  readonly line: string;
}

/** An official row an unread row may become. */
export interface RowTarget {
  readonly block: string;
  readonly row: string;
  /** For a select: "第二十条第（一）项 · 规章", "（一）予以公开", "行政复议". */
  readonly label: string;
}

export interface UnreadItem {
  readonly table: TableId;
  /** Index into the table's `unrecognised`. */
  readonly index: number;
  /** The block caption import saw, if any. */
  readonly caption: string | null;
  /** The source cells as written. */
  readonly cells: readonly string[];
  readonly reason: string;
  /** The official row import named (the label was read, the values were not); null: none. */
  readonly suggested: RowTarget | null;
  /** The rows of the table not yet filled (T2: of the captioned block when it is known). */
  readonly candidates: readonly RowTarget[];
}

const TABLE_NAMES: Record<TableId, string> = { 二: '表二', 三: '表三', 四: '表四' };

/** Whether the report has the row with at least one cell filled. */
function isFilled(report: Report, table: TableId, block: string, row: string): boolean {
  const r = report.sections[table]?.table?.blocks[block]?.rows[row];
  return !!r && Object.values(r.cells).some((v) => v.trim() !== '');
}

function dataRows(format: FormatVersion, table: TableId): { block: BlockDef; row: RowDef }[] {
  return FORMATS[format].tables[table].blocks.flatMap((block) =>
    block.rows.map((row) => ({ block, row })),
  );
}

function targetLabel(table: TableId, block: BlockDef, row: RowDef): string {
  if (table === '四') return block.caption || row.label;
  if (table === '三') return row.group ? `${row.group} · ${row.label}` : row.label;
  return block.caption ? `${block.caption} · ${row.label}` : row.label;
}

function target(table: TableId, block: BlockDef, row: RowDef): RowTarget {
  return { block: block.id, row: row.id, label: targetLabel(table, block, row) };
}

/** Per table: the official data rows read and expected, and the unread rows to review. */
export function reviewSummary(report: Report): TableSummary[] {
  return TABLE_IDS.map((table) => {
    const rows = dataRows(report.format, table);
    const read = rows.filter((d) => isFilled(report, table, d.block.id, d.row.id)).length;
    const unread = report.sections[table]?.table?.unrecognised.length ?? 0;
    const line =
      `${TABLE_NAMES[table]} ${read}/${rows.length} 行已读入` +
      (unread > 0 ? `，${unread} 行待核对` : '');
    return { table, read, expected: rows.length, unread, line };
  });
}

const sameCaption = (a: string, b: string) => normaliseCellText(a) === normaliseCellText(b);

/** The blocks an unread row may belong to: T2's captioned block when the caption is known. */
function blocksFor(format: FormatVersion, table: TableId, caption: string | null): BlockDef[] {
  const blocks = FORMATS[format].tables[table].blocks;
  if (table !== '二' || !caption) return [...blocks];
  const named = blocks.filter((b) => sameCaption(b.caption, caption));
  return named.length > 0 ? named : [...blocks];
}

function itemOf(report: Report, table: TableId, entry: UnrecognisedRow, index: number): UnreadItem {
  const caption = entry.block ?? null;
  const blocks = blocksFor(report.format, table, caption);
  const candidates = blocks.flatMap((block) =>
    block.rows
      .filter((row) => !isFilled(report, table, block.id, row.id))
      .map((row) => target(table, block, row)),
  );
  let suggested: RowTarget | null = null;
  if (entry.row) {
    // T4's row id is shared by its blocks: the caption (when it names one) decides
    const all = FORMATS[report.format].tables[table].blocks;
    const byCaption = caption ? all.filter((b) => sameCaption(b.caption, caption)) : [];
    for (const block of [...byCaption, ...all]) {
      const row = block.rows.find((r) => r.id === entry.row);
      if (row) {
        suggested = target(table, block, row);
        break;
      }
    }
  }
  return {
    table,
    index,
    caption,
    cells: entry.cells,
    reason: entry.reason,
    suggested,
    candidates,
  };
}

/** The unread rows of every table, in table order and the order import kept them. */
export function unreadRows(report: Report): UnreadItem[] {
  return TABLE_IDS.flatMap((table) =>
    (report.sections[table]?.table?.unrecognised ?? []).map((entry, index) =>
      itemOf(report, table, entry, index),
    ),
  );
}

// a count, delta or amount as reports write them: "12", "1,234", "增 69", "-3", "0.5万元", "3件"
const NUMERIC =
  /^(?:[+-]|增加|增|新增|净增|减少|减|净减)?\d+(?:,\d{3})*(?:\.\d+)?(?:万元|元|人次|件|条|项|个|次|份|宗|起|家|人)?$/u;

/** Whether a source cell looks like a figure (not a label, note or blank). */
export function isNumericCell(cell: string): boolean {
  return NUMERIC.test(normaliseCellText(cell));
}

function blockDef(report: Report, table: TableId, blockId: string): BlockDef {
  const block = FORMATS[report.format].tables[table].blocks.find((b) => b.id === blockId);
  if (!block) throw new Error(`${TABLE_NAMES[table]}没有这一部分（${blockId}）。`);
  return block;
}

/**
 * The values proposed for an unread row read in as `target`: the source's figures in column
 * order when there are exactly as many as the block has columns; otherwise every column blank
 * for the clerk to fill (a row with a figure too many or too few is never shifted into place).
 */
export function proposeValues(
  report: Report,
  item: Pick<UnreadItem, 'table' | 'cells'>,
  target: Pick<RowTarget, 'block'>,
): Record<string, string> {
  const block = blockDef(report, item.table, target.block);
  const figures = item.cells.filter(isNumericCell).map((c) => c.trim());
  const fits = figures.length === block.columns.length;
  return Object.fromEntries(block.columns.map((c, i) => [c.id, fits ? figures[i]! : '']));
}

function entryAt(report: Report, table: TableId, index: number): UnrecognisedRow {
  const entry = report.sections[table]?.table?.unrecognised[index];
  if (!entry) throw new Error(`${TABLE_NAMES[table]}没有第 ${index + 1} 条待核对的行。`);
  return entry;
}

/** The report without the table's unread row at `index`. */
function withoutEntry(report: Report, table: TableId, index: number): Report {
  entryAt(report, table, index);
  const section = report.sections[table]!;
  const data = section.table!;
  return {
    ...report,
    sections: {
      ...report.sections,
      [table]: {
        ...section,
        table: { ...data, unrecognised: data.unrecognised.filter((_, i) => i !== index) },
      },
    },
  };
}

/**
 * The report with the table's unread row at `index` read in as official row `target` with the
 * confirmed `values` (column id → text; a column not given stays blank), the totals that follow
 * those cells updated, and the unread row gone. Refuses a row that already has values.
 */
export function assignUnread(
  report: Report,
  table: TableId,
  index: number,
  target: Pick<RowTarget, 'block' | 'row'>,
  values: Readonly<Record<string, string>>,
): Report {
  entryAt(report, table, index);
  const block = blockDef(report, table, target.block);
  const row = block.rows.find((r) => r.id === target.row);
  if (!row) throw new Error(`${TABLE_NAMES[table]}没有这一行（${target.row}）。`);
  const name = targetLabel(table, block, row);
  if (isFilled(report, table, block.id, row.id)) {
    throw new Error(`${TABLE_NAMES[table]}“${name}”行已有数值，不能再读入；请先核对该行。`);
  }
  const unknown = Object.keys(values).filter((k) => !block.columns.some((c) => c.id === k));
  if (unknown.length > 0) {
    throw new Error(`${TABLE_NAMES[table]}“${name}”行没有这些列：${unknown.join('、')}。`);
  }
  const edits: CellEdit[] = block.columns.map((c) => ({
    table,
    block: block.id,
    row: row.id,
    col: c.id,
    value: (values[c.id] ?? '').trim(),
  }));
  return applyCellEdits(withoutEntry(report, table, index), table, edits);
}

/** The report without the table's unread row at `index` (the clerk judged it not table data). */
export function dismissUnread(report: Report, table: TableId, index: number): Report {
  return withoutEntry(report, table, index);
}
