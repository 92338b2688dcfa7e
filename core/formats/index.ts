import { FORMAT_2019 } from './v2019';
import { FORMAT_2021 } from './v2021';
import type {
  BlockDef,
  ColumnDef,
  FormatDef,
  FormatVersion,
  OutlineHeading,
  OutlineKind,
  RowDef,
  SectionId,
  TableDef,
  TableId,
} from './types';

export * from './types';
export { FORMAT_2019, FORMAT_2021 };

export const FORMATS: Readonly<Record<FormatVersion, FormatDef>> = {
  '2019': FORMAT_2019,
  '2021': FORMAT_2021,
};

/** Reports before this year used older formats and are kept as text only. */
export const FIRST_STRUCTURED_YEAR = 2019;
/** The report years this app keeps: 2008 (the first reports) to 2100. */
export const MIN_YEAR = 2008;
export const MAX_YEAR = 2100;
/** The range of report years, for messages: "2008–2100". */
export const YEAR_RANGE = `${MIN_YEAR}–${MAX_YEAR}`;

/** Whether a number is a report year this app keeps (a whole number, MIN_YEAR–MAX_YEAR). */
export function isReportYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** The format version a report year must use, or null for years before 2019. */
export function formatForYear(year: number): FormatVersion | null {
  for (const def of [FORMAT_2021, FORMAT_2019]) {
    const [from, to] = def.years;
    if (year >= from && (to === null || year <= to)) return def.version;
  }
  return null;
}

export function sectionDef(id: SectionId): FormatDef['sections'][number] {
  const def = FORMAT_2021.sections.find((s) => s.id === id);
  if (!def) throw new Error(`unknown section ${id}`);
  return def;
}

/**
 * The standard outline's sub-headings of a section in a format, for a unit of this kind (a kind
 * not known: without the headings only some kinds write).
 */
export function outlineHeadings(
  format: FormatVersion,
  section: SectionId,
  kind: OutlineKind | null = null,
): readonly OutlineHeading[] {
  const headings = FORMATS[format].outline[section]?.headings ?? [];
  return headings.filter((h) => !h.kinds || (kind !== null && h.kinds.includes(kind)));
}

/**
 * The outline sub-heading a paragraph still is, untouched (the same level, the same words but
 * for spaces), if any: such a paragraph is the template's, not something the clerk wrote.
 */
export function untouchedOutlineHeading(
  format: FormatVersion,
  section: SectionId | '导语',
  paragraph: { readonly level: number; readonly text: string },
): OutlineHeading | undefined {
  if (section === '导语' || paragraph.level === 0) return undefined;
  const text = paragraph.text.replace(/\s+/gu, '');
  return FORMATS[format].outline[section]?.headings.find(
    (h) => h.level === paragraph.level && h.text === text,
  );
}

export function findBlock(table: TableDef, blockId: string): BlockDef | undefined {
  return table.blocks.find((b) => b.id === blockId);
}

export interface CellDef {
  readonly table: TableDef;
  readonly block: BlockDef;
  readonly row: RowDef;
  readonly column: ColumnDef;
}

/** Every cell of a format in official order: table by table, block, row, column. */
export function* cellsOf(format: FormatDef, tableIds?: readonly TableId[]): Generator<CellDef> {
  for (const tid of tableIds ?? (['二', '三', '四'] as const)) {
    const table = format.tables[tid];
    for (const block of table.blocks) {
      for (const row of block.rows) {
        for (const column of block.columns) yield { table, block, row, column };
      }
    }
  }
}

/** The label that locates a block or a row's group in findings and exports. */
export function blockLabel(block: BlockDef, row?: RowDef): string {
  return block.caption || row?.group || '';
}

/** Key of one cell of a format: table|block|row|column ids. */
export function cellKey(table: TableId, block: string, row: string, col: string): string {
  return `${table}|${block}|${row}|${col}`;
}

const indexes = new Map<FormatVersion, ReadonlyMap<string, CellDef>>();

/** Every cell of a format by its key, built once per format. */
export function cellIndex(format: FormatVersion): ReadonlyMap<string, CellDef> {
  let index = indexes.get(format);
  if (!index) {
    const map = new Map<string, CellDef>();
    for (const cell of cellsOf(FORMATS[format])) {
      map.set(cellKey(cell.table.id, cell.block.id, cell.row.id, cell.column.id), cell);
    }
    indexes.set(format, map);
    index = map;
  }
  return index;
}
