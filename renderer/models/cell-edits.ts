/**
 * Applying cell edits from the table editor: rows (or blocks) the report lacks are added in the
 * official layout (an imported report may have lost rows; filling a cell of such a row puts the
 * row back), the cells are set, and the computed totals that follow their cells are updated in
 * the same step (core/totals.ts `followingTotals`), so that one edit is one undo step.
 */
import { FORMATS, findBlock, type TableId } from '../../core/formats';
import type { Report, TableBlock, TableData } from '../../core/model';
import { followingTotals } from '../../core/totals';

/** One cell's new text, by format ids. */
export interface CellEdit {
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly col: string;
  readonly value: string;
}

/** The rows the edits need that the report lacks, as "block|row" keys. */
export function missingRows(report: Report, edits: readonly CellEdit[]): Set<string> {
  const out = new Set<string>();
  for (const e of edits) {
    const rows = report.sections[e.table]?.table?.blocks[e.block]?.rows;
    if (!rows?.[e.row]) out.add(`${e.block}|${e.row}`);
  }
  return out;
}

/** The report with every block and row the edits name present (blank cells where added). */
function withRowsFor(report: Report, edits: readonly CellEdit[]): Report {
  let sections = report.sections;
  for (const e of edits) {
    const section = sections[e.table];
    if (!section) continue; // a missing section is added by the section editor, not here
    const data: TableData = section.table ?? { blocks: {}, unrecognised: [] };
    if (data.blocks[e.block]?.rows[e.row]) continue;
    const def = findBlock(FORMATS[report.format].tables[e.table], e.block);
    if (!def?.rows.some((r) => r.id === e.row)) continue;
    const block: TableBlock = data.blocks[e.block] ?? {
      columns: def.columns.map((c) => c.id),
      rows: {},
    };
    const row = { cells: Object.fromEntries(block.columns.map((c) => [c, ''])) };
    sections = {
      ...sections,
      [e.table]: {
        ...section,
        table: {
          ...data,
          blocks: {
            ...data.blocks,
            [e.block]: { ...block, rows: { ...block.rows, [e.row]: row } },
          },
        },
      },
    };
  }
  return sections === report.sections ? report : { ...report, sections };
}

/** The report after the edits of one table, with the totals that follow them. */
export function applyCellEdits(report: Report, table: TableId, edits: readonly CellEdit[]): Report {
  const next = withCells(withRowsFor(report, edits), edits);
  if (next === report) return report;
  const follow = followingTotals(report, next, table);
  return follow.length > 0 ? withCells(next, follow) : next;
}

/** The report with some cells changed (a missing block or row is left alone). */
function withCells(report: Report, edits: readonly CellEdit[]): Report {
  let sections = report.sections;
  let changed = false;
  for (const e of edits) {
    const section = sections[e.table];
    const block = section?.table?.blocks[e.block];
    const row = block?.rows[e.row];
    if (!section?.table || !block || !row || (row.cells[e.col] ?? '') === e.value) continue;
    changed = true;
    sections = {
      ...sections,
      [e.table]: {
        ...section,
        table: {
          ...section.table,
          blocks: {
            ...section.table.blocks,
            [e.block]: {
              ...block,
              columns: block.columns.includes(e.col) ? block.columns : [...block.columns, e.col],
              rows: {
                ...block.rows,
                [e.row]: { ...row, cells: { ...row.cells, [e.col]: e.value } },
              },
            },
          },
        },
      },
    };
  }
  return changed ? { ...report, sections } : report;
}
