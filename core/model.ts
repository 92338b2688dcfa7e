/**
 * The report model and its file format (.nianbao.json). The zod schemas are the single source
 * of truth: the TypeScript types are inferred from them, and every file or payload that enters
 * the program is parsed with them.
 */
import { z } from 'zod';
import {
  FORMATS,
  MAX_YEAR,
  MIN_YEAR,
  SECTION_IDS,
  formatForYear,
  outlineHeadings,
  sectionDef,
  type FormatVersion,
  type SectionId,
  type TableId,
} from './formats';

/** The version of the .nianbao.json file format this build writes and reads. */
export const SCHEMA_VERSION = 1;
export const FILE_EXTENSION = '.nianbao.json';
export const APP_ID = 'nianbao';

export const UNIT_KINDS = ['政府', '乡镇街道', '部门', '其他'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const REPORT_STATUSES = ['草稿', '待定稿', '已定稿', '已发布（存档）'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/**
 * A past year's report imported as published on the website (issue 13 item 13): read-only like
 * a finalised one, its findings shown but not counted as a to-do. The mark is the archive's.
 */
export const PUBLISHED_STATUS = '已发布（存档）' satisfies ReportStatus;

const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);

/**
 * How long each text of a report may be: far beyond any real report (the longest paragraph of
 * the corpus is a few thousand characters), so that a payload of hundreds of megabytes is
 * refused at the boundary with a message instead of filling the archive.
 */
export const TEXT_LIMITS = {
  /** a title, a unit name, a heading, the signature */
  line: 1000,
  /** one paragraph of narrative text */
  paragraph: 100_000,
  /** one table cell */
  cell: 1000,
  /** a reason, a note, an import note */
  note: 10_000,
} as const;

/** A text field limited to `max` characters, with the Chinese message. */
function limited(what: string, max: number) {
  return z
    .string()
    .max(max, { error: `${what}太长（最多 ${max.toLocaleString('en')} 个字），没有保存。` });
}
const tableId = z.enum(['二', '三', '四']);

export const UnitSchema = z.object({
  /** Stable identity that survives renames. */
  id: z.string().min(1).max(200),
  name: limited('单位名称', 500),
  /** null: not known (a name-based guess is offered, never silently trusted). */
  kind: z.enum(UNIT_KINDS).nullable(),
});
export type Unit = z.infer<typeof UnitSchema>;

/** level 0: body text; 1: "一、"; 2: "（一）"; 3: "1."; 4: "（1）". */
export const ParagraphSchema = z.object({
  level: z.number().int().min(0).max(4),
  text: limited('段落', TEXT_LIMITS.paragraph),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const TableRowSchema = z.object({
  /** The row label as the report wrote it, kept only when it is not an accepted form. */
  label: limited('行名', TEXT_LIMITS.line).optional(),
  /** Column id → the cell text as the report states it ("增 69", "", "/"). */
  cells: z.record(z.string().max(100), limited('表格单元格', TEXT_LIMITS.cell)),
});
export type TableRow = z.infer<typeof TableRowSchema>;

export const TableBlockSchema = z.object({
  /** The columns the report has (ids, official order). */
  columns: z.array(z.string()),
  /** Row id → row; a row the report lacks is absent. */
  rows: z.record(z.string(), TableRowSchema),
});
export type TableBlock = z.infer<typeof TableBlockSchema>;

/** A table row that import could not place: kept so that nothing the report says is lost. */
export const UnrecognisedRowSchema = z.object({
  block: z.string().optional(),
  cells: z.array(limited('表格单元格', TEXT_LIMITS.cell)).max(200),
  reason: limited('说明', TEXT_LIMITS.note),
  /**
   * The official row its label names, when import knew the row but not its values: the row is
   * in the source (ROW_UNRECOGNISED says so), not missing.
   */
  row: z.string().optional(),
});
export type UnrecognisedRow = z.infer<typeof UnrecognisedRowSchema>;

export const TableDataSchema = z.object({
  /** Block id → block; a block the report lacks is absent. */
  blocks: z.record(z.string(), TableBlockSchema),
  unrecognised: z.array(UnrecognisedRowSchema).default([]),
});
export type TableData = z.infer<typeof TableDataSchema>;

export const SectionSchema = z.object({
  /** The heading as written ("" when the report has the section's table but no heading). */
  heading: limited('标题', TEXT_LIMITS.line),
  paragraphs: z.array(ParagraphSchema),
  table: TableDataSchema.optional(),
});
export type Section = z.infer<typeof SectionSchema>;

export const LocationSchema = z.object({
  section: z.union([sectionId, z.enum(['标题', '导语', '落款', '全文'])]),
  table: tableId.optional(),
  block: z.string().optional(),
  row: z.string().optional(),
  column: z.string().optional(),
  paragraph: z.number().int().min(0).optional(),
});
export type Location = z.infer<typeof LocationSchema>;

export const DecisionSchema = z.object({
  code: z.string().min(1),
  location: LocationSchema,
  /** Fingerprint of the values the finding was about; a change makes the decision stale. */
  fingerprint: z.string(),
  /** override: an error accepted with a reason; verified: a warning checked (已核实). */
  action: z.enum(['override', 'verified']),
  reason: limited('理由', TEXT_LIMITS.note).min(1),
  by: z.string().optional(),
  at: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const FinalisationSchema = z.object({
  at: z.string(),
  by: z.string().optional(),
  revision: z.number().int().optional(),
  sha256: z.string().optional(),
});
export type Finalisation = z.infer<typeof FinalisationSchema>;

export const SourceSchema = z.object({
  file: z.string(),
  type: z.enum(['text', 'markdown', 'html', 'docx', 'pdf', 'doc', 'nianbao']),
});

/**
 * A year mention carried over by "copy last year": the year as written and the text just
 * around it, so that the mention is found again while nobody has changed it (YEAR_REVIEW).
 */
export const CarriedYearSchema = z.object({
  section: z.enum(['导语', '一', '五', '六']),
  year: z.number().int(),
  /** Up to 8 characters before and after the year's digits, as copied. */
  before: limited('原文', TEXT_LIMITS.paragraph),
  text: limited('原文', TEXT_LIMITS.paragraph),
  after: limited('原文', TEXT_LIMITS.paragraph),
});
export type CarriedYear = z.infer<typeof CarriedYearSchema>;

export const CarriedSchema = z.object({
  /** The year of the report this one was copied from. */
  from: z.number().int(),
  years: z.array(CarriedYearSchema),
});
export type Carried = z.infer<typeof CarriedSchema>;

/** Set by 汇总 (core/aggregate): the member units summed into this report, when and by whom. */
export const AggregatedSchema = z.object({
  members: z.array(z.string().min(1).max(200)).max(2000),
  at: z.string().max(100),
  by: z.string().max(200).optional(),
});
export type Aggregated = z.infer<typeof AggregatedSchema>;

export const ReportSchema = z.object({
  schema: z.literal(SCHEMA_VERSION),
  app: z.literal(APP_ID),
  unit: UnitSchema,
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
  /** The layout the report actually has (may differ from the year's: FORMAT_MISMATCH). */
  format: z.enum(['2019', '2021']),
  title: limited('报告标题', TEXT_LIMITS.line),
  /** 导语: the opening paragraph(s). */
  opening: z.array(ParagraphSchema),
  /** The six sections; a section the report lacks is absent. */
  sections: z.partialRecord(sectionId, SectionSchema),
  /** 落款: unit name and 成文日期 as written. */
  signature: z.object({
    unit: limited('落款单位', TEXT_LIMITS.line),
    date: limited('成文日期', 100),
  }),
  decisions: z.array(DecisionSchema),
  finalised: FinalisationSchema.nullable(),
  source: SourceSchema.optional(),
  /** Set by "copy last year": the year mentions still to be reviewed. */
  carried: CarriedSchema.optional(),
  /** Set by 汇总: the report's tables are the sum of these members (AGGREGATE_MISMATCH). */
  aggregated: AggregatedSchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;

/** Thrown for a file or payload that is not a readable report; `message` is for the user. */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
}

/** A stable 64-bit FNV-1a hash as 16 hex digits (ids, fingerprints; not for security). */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** The id a unit gets when it first appears outside the archive (derived once, then kept). */
export function unitIdFor(name: string): string {
  return `u-${stableHash(name.replace(/\s+/g, ''))}`;
}

export function officialTitle(unitName: string, year: number): string {
  return `${unitName}${year}年政府信息公开工作年度报告`;
}

/** An empty table in the official layout of a format: every block, row and column present. */
export function blankTable(format: FormatVersion, table: TableId): TableData {
  const blocks: Record<string, TableBlock> = {};
  for (const block of FORMATS[format].tables[table].blocks) {
    const rows: Record<string, TableRow> = {};
    for (const row of block.rows) {
      rows[row.id] = { cells: Object.fromEntries(block.columns.map((c) => [c.id, ''])) };
    }
    blocks[block.id] = { columns: block.columns.map((c) => c.id), rows };
  }
  return { blocks, unrecognised: [] };
}

/**
 * A section as a blank report has it: the official heading, the standard outline (each
 * sub-heading followed by an empty paragraph to write in; core/formats) and, for a table
 * section, the empty table in the official layout. Also what "补上这一部分" inserts.
 */
export function blankSection(
  format: FormatVersion,
  id: SectionId,
  kind: UnitKind | null = null,
): Section {
  const def = sectionDef(id);
  const paragraphs = outlineHeadings(format, id, kind).flatMap((h) => [
    { level: h.level, text: h.text },
    { level: 0, text: '' },
  ]);
  return {
    heading: def.heading,
    paragraphs,
    ...(def.table ? { table: blankTable(format, def.table) } : {}),
  };
}

/** A new, empty report in the format its year requires, the narrative in the standard outline. */
export function blankReport(unit: Unit, year: number): Report {
  const format = formatForYear(year);
  if (!format) {
    throw new ReportFileError(`${year}年的报告使用旧格式，只能作为文本存档，不能按现行格式编制。`);
  }
  const sections: Report['sections'] = {};
  for (const id of SECTION_IDS) sections[id] = blankSection(format, id, unit.kind);
  return {
    schema: SCHEMA_VERSION,
    app: APP_ID,
    unit,
    year,
    format,
    title: officialTitle(unit.name, year),
    opening: [],
    sections,
    signature: { unit: unit.name, date: '' },
    decisions: [],
    finalised: null,
  };
}

/** What a report says in one cell: absent (row, column or block missing) or its text. */
export type CellState =
  { readonly present: false } | { readonly present: true; readonly raw: string };

export function cellAt(
  report: Pick<Report, 'sections'>,
  table: TableId,
  block: string,
  row: string,
  col: string,
): CellState {
  const data = report.sections[table]?.table;
  const b = data?.blocks[block];
  const r = b?.rows[row];
  if (!b || !r || !b.columns.includes(col)) return { present: false };
  return { present: true, raw: r.cells[col] ?? '' };
}
