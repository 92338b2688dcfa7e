/**
 * Every API method's payload schema (zod): what a transport edge — IPC, the HTTP bridge, the
 * CLI — validates once with `parsePayload` before it calls the implementation, which then
 * trusts it. The schemas use the rules of core/ (unit names and kinds in units.ts, report
 * years in formats/).
 */
import { z } from 'zod';
import { YEAR_RANGE, isReportYear } from '../formats';
import { ReportSchema, UNIT_KINDS } from '../model';
import { parseMonthDay } from '../text';
import { unitNameProblem } from '../units';
import { ApiError } from './errors';
import type { ApiMethod } from './methods';
import { DOCUMENT_FORMATS, PAGE_NUMBER_MODES, SAVE_REASONS } from './types';

// ---------------------------------------------------------------------------------------------
// Payloads (validated at the boundary)

const year = z
  .number({ error: `年度应为 ${YEAR_RANGE} 之间的整数。` })
  .int({ error: `年度应为 ${YEAR_RANGE} 之间的整数。` })
  .refine(isReportYear, { error: `年度应在 ${YEAR_RANGE} 之间。` });
const unitId = z.string().min(1).max(200);
/** What is printed: a report given (being edited, read from a file) or one in the archive. */
const printSource = z.union([
  z.object({ report: ReportSchema }),
  z.object({ unitId, year, revision: z.number().int().min(1).optional() }),
]);
/** Kept exactly as given (the archive trims it). */
const unitName = z.string().superRefine((name, ctx) => {
  const problem = unitNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const author = z.string().max(200).default('');
/** 定稿 and 重新打开 are signed: the operator's name is required. */
const signer = (action: string) =>
  z
    .string({ error: `${action}必须填写操作人姓名。` })
    .max(200)
    .refine((s) => s.trim().length > 0, { error: `${action}必须填写操作人姓名。` });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, { error: '日期应写成 YYYY-MM-DD。' });
const kind = z.enum(UNIT_KINDS);
/** A deadline: month and day of the year after the report year, "01-31". */
const monthDay = z.string().transform((s, ctx) => {
  const md = parseMonthDay(s);
  if (!md) {
    ctx.addIssue({ code: 'custom', message: `期限“${s}”无效，应写成次年的“月-日”，如 01-31。` });
    return z.NEVER;
  }
  return md;
});

const reportRef = z.object({ unitId, year });
/**
 * Which files may replace a report their year already has (not finalised): every file (true), or
 * these files (as named in the request). Others are answered 'exists' and change nothing.
 */
const replace = z.union([z.boolean(), z.array(z.string())]).optional();
/**
 * Mark the imported reports of past years (before the report year being written now)
 * 已发布（存档）: reports published on the website, kept read-only and no to-do.
 */
const published = z.boolean().optional();
/**
 * The revision a window's state is based on: a save or journal write based on an older one is
 * refused (STALE: another window saved meanwhile). Left out, the write is not checked (the CLI,
 * or a window keeping its own state as a new revision after being told).
 */
const base = z.number().int().min(0).optional();
/** A report to compare: one in the archive (its current state) or a report given whole. */
const compareSide = z.union([reportRef, z.object({ report: ReportSchema })]);

/**
 * The member units to sum (ids); left out: the ones the parent's report was last aggregated
 * from, else the parent's direct children (core/aggregate).
 */
const aggregateMembers = z
  .array(unitId)
  .max(2000, { error: '参加汇总的单位太多（最多 2000 个）。' })
  .optional();
/** 审核意见: one unit's report, or every member's (members: true); the reviewer signs it. */
const reviewRequest = z.object({
  unitId,
  year,
  members: z.boolean().default(false),
  reviewer: z.string().max(200).default(''),
});

/** Files picked in the window (a folder's files too): each its name (relative path) and bytes. */
const sentFiles = z
  .array(
    z.object({
      name: z.string().min(1).max(1000),
      data: z.custom<Uint8Array<ArrayBufferLike>>((v) => v instanceof Uint8Array, {
        error: '应提供文件的内容。',
      }),
    }),
  )
  .max(5000, { error: '一次最多导入 5000 个文件。' });

export const API_PAYLOADS = {
  archiveInfo: z.object({}),
  listUnits: z.object({}),
  createUnit: z.object({
    name: unitName,
    kind: kind.nullable().default(null),
    parentId: unitId.nullable().default(null),
    author,
  }),
  renameUnit: z.object({ unitId, name: unitName, date: isoDate.optional(), author }),
  updateUnit: z.object({
    unitId,
    kind: kind.nullable().optional(),
    parentId: unitId.nullable().optional(),
    author,
  }),
  mergeUnits: z.object({ from: unitId, into: unitId, date: isoDate.optional(), author }),
  listYears: z.object({ unitId }),
  createReport: z.object({ unitId, year, author }),
  openReport: reportRef,
  findReport: reportRef,
  saveReport: z.object({
    unitId,
    year,
    report: ReportSchema,
    reason: z.enum(SAVE_REASONS).default('save'),
    author,
    base,
  }),
  writeJournal: z.object({ unitId, year, report: ReportSchema, author, base }),
  copyLastYear: z.object({ unitId, from: year, to: year, author }),
  history: reportRef,
  openRevision: z.object({ unitId, year, revision: z.number().int().min(1) }),
  restoreRevision: z.object({ unitId, year, revision: z.number().int().min(1), author }),
  reopenReport: z.object({
    unitId,
    year,
    reason: z
      .string()
      .refine((s) => s.trim().length > 0, { error: '重新打开已定稿的报告必须写明理由。' }),
    author: signer('重新打开'),
  }),
  listFinalisations: reportRef,
  finalisedPdf: z.object({ unitId, year, id: z.number().int().min(1) }),
  checkReport: z.object({
    unitId,
    year,
    /** The state being edited; without it, the archive's current state is checked. */
    report: ReportSchema.optional(),
    deadline: z.string().optional(),
  }),
  importFiles: z.object({
    paths: z.array(z.string().min(1)).min(1, { error: '请选择要导入的文件或文件夹。' }),
    /** Every file belongs to this unit (a name: created when no unit has it). */
    unit: z.string().optional(),
    year: year.optional(),
    /** File path (as given, or its base name) → unit name or id, for files whose unit is unclear. */
    units: z.record(z.string(), z.string()).optional(),
    replace,
    published,
    author,
  }),
  importUpload: z.object({
    /** Files picked in the window (a folder's files too): name (relative path) and bytes. */
    files: sentFiles.min(1, { error: '请选择要导入的文件或文件夹。' }),
    unit: z.string().optional(),
    year: year.optional(),
    /** File name → unit name or id, for files whose unit is unclear. */
    units: z.record(z.string(), z.string()).optional(),
    replace,
    published,
    author,
  }),
  exportReport: z.object({
    unitId,
    year,
    /** json: the data file (.nianbao.json); csv: every cell, one per line. */
    format: z.enum(['json', 'csv']),
  }),
  search: z.object({
    query: z.string().max(200, { error: '搜索内容太长（最多 200 个字符）。' }),
    limit: z.number().int().min(1).max(500).default(50),
  }),
  backup: z.object({
    /** A file to write (never overwritten). */
    to: z.string().min(1).optional(),
    /** A folder to write a dated backup file into (a USB stick); it must exist. */
    folder: z.string().trim().min(1, { error: '请填写备份到的文件夹。' }).optional(),
  }),
  downloadBackup: z.object({}),
  settings: z.object({}),
  updateSettings: z.object({
    /** "MM-DD" by unit kind; null or absent: the statutory deadline. */
    deadlines: z.partialRecord(kind, monthDay.nullable()),
    author,
  }),
  listBackups: z.object({}),
  restoreBackup: z.object({ path: z.string().min(1) }),
  verify: z.object({}),
  renderPdf: z.object({
    /** A report being edited or read from a file, or one in the archive (newest revision by default). */
    source: printSource,
    pageNumbers: z.enum(PAGE_NUMBER_MODES).default('alternate'),
  }),
  exportDocument: z.object({
    /** A report being edited or read from a file, or one in the archive (its newest state). */
    source: z.union([z.object({ report: ReportSchema }), z.object({ unitId, year })]),
    to: z.enum(DOCUMENT_FORMATS),
    /** html: only the content, to paste into a website's editor (no <html>, <head>, <body>). */
    fragment: z.boolean().default(false),
    pageNumbers: z.enum(PAGE_NUMBER_MODES).default('alternate'),
  }),
  finaliseReport: z.object({
    unitId,
    year,
    author: signer('定稿'),
    pageNumbers: z.enum(PAGE_NUMBER_MODES).default('alternate'),
  }),
  verifyPdf: z.object({
    pdf: z
      .custom<Uint8Array<ArrayBufferLike>>((v) => v instanceof Uint8Array, {
        error: '应提供 PDF 文件的内容。',
      })
      .refine((b) => b.length > 0, {
        error: 'PDF 文件是空的。',
      }),
  }),
  fonts: z.object({}),
  compareReports: z.object({
    /** The earlier (or left) report: one in the archive, or one being edited or read from a file. */
    a: compareSide,
    b: compareSide,
  }),
  unitTrends: z.object({ unitId }),
  renderComparisonPdf: z.object({ a: compareSide, b: compareSide }),
  // 汇总 (issue 15 items 4 and 5)
  aggregateReport: z.object({ unitId, year, members: aggregateMembers }),
  applyAggregate: z.object({
    unitId,
    year,
    members: aggregateMembers,
    author: signer('汇总'),
    base,
  }),
  exportAggregate: z.object({ unitId, year, members: aggregateMembers }),

  // County office: submissions dashboard and 审核意见 (issue 15, item 2 and 3)
  submissions: z.object({ unitId, year }),
  reviewSheets: reviewRequest,
  renderReviewPdf: reviewRequest,
  // end county office: dashboard and 审核意见

  // 已发布（存档） (issue 13 item 13)
  markPublished: z.object({
    unitId,
    year,
    reason: z.string().max(1000).default(''),
    author: signer('标记为已发布（存档）'),
  }),
  unmarkPublished: z.object({
    unitId,
    year,
    reason: z
      .string({ error: '取消已发布标记必须写明理由。' })
      .max(1000)
      .refine((s) => s.trim().length > 0, { error: '取消已发布标记必须写明理由。' }),
    author: signer('取消已发布标记'),
  }),
  // The exchange file between offline offices (issue 15 item 1)
  exportExchange: z.object({ unitId, year, author }),
  importExchange: z
    .object({
      /** Files and folders (their .nianbao files, recursively) on this computer. */
      paths: z.array(z.string().min(1)).optional(),
      /** Files picked in the window (a folder's files too): name (relative path) and bytes. */
      files: sentFiles.optional(),
      /** File (as named) → unit id or name, for files whose unit the clerk chose. */
      units: z.record(z.string(), z.string()).optional(),
      author,
    })
    .refine((p) => (p.paths?.length ?? 0) + (p.files?.length ?? 0) > 0, {
      error: '请选择要导入的交换文件或文件夹。',
    }),
  // end exchange file
  // unit change history (操作人 of each unit change)
  unitHistory: z.object({ unitId }),
} as const satisfies Record<ApiMethod, z.ZodType>;

/** What a caller passes (defaults may be left out). */
export type PayloadIn<M extends ApiMethod> = z.input<(typeof API_PAYLOADS)[M]>;
/** What an implementation receives after validation (defaults filled in). */
export type Payload<M extends ApiMethod> = z.output<(typeof API_PAYLOADS)[M]>;

const zhCN = z.locales.zhCN();

/** Validates a payload for a method: the defaults filled in, or an ApiError('INVALID'). */
export function parsePayload<M extends ApiMethod>(method: M, payload: unknown): Payload<M> {
  const schema = API_PAYLOADS[method];
  const result = schema.safeParse(payload ?? {}, { error: zhCN.localeError });
  if (result.success) return result.data as Payload<M>;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `（${issue.path.join('.')}）` : '';
  throw new ApiError('INVALID', `请求的数据无效${where}：${issue?.message ?? '格式不对'}`);
}
