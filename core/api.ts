/**
 * The one typed API between the user interface and the main process. The renderer calls it;
 * the Electron preload (IPC) and the local HTTP bridge are its two transports; the main
 * process implements it over the archive (db/) and the services. Every method takes one plain
 * JSON payload, validated at the transport boundary with `API_PAYLOADS`, and returns plain
 * JSON. Errors cross the boundary as `ApiError` (a stable code and a Chinese message).
 *
 * Later issues extend this file (render, finalise, fonts…); methods are never renamed.
 */
import { z } from 'zod';
import type { ResolvedFinding } from './checks/types';
import { MAX_YEAR, MIN_YEAR } from './formats';
import { ReportSchema, UNIT_KINDS, type Report, type ReportStatus, type UnitKind } from './model';

// ---------------------------------------------------------------------------------------------
// Payloads (validated at the boundary)

const year = z
  .number({ error: `年度应为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数。` })
  .int({ error: `年度应为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数。` })
  .min(MIN_YEAR, { error: `年度应在 ${MIN_YEAR}–${MAX_YEAR} 之间。` })
  .max(MAX_YEAR, { error: `年度应在 ${MIN_YEAR}–${MAX_YEAR} 之间。` });
const unitId = z.string().min(1).max(200);
const unitName = z
  .string()
  .max(500, { error: '单位名称太长（最多 500 个字符）。' })
  .refine((s) => s.trim().length > 0, { error: '单位名称不能为空。' });
const author = z.string().max(200).default('');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, { error: '日期应写成 YYYY-MM-DD。' });
const kind = z.enum(UNIT_KINDS);

/** Page numbers: odd right / even left (two-sided printing), or centred (one-sided). */
export const PAGE_NUMBER_MODES = ['alternate', 'centre'] as const;
export type PageNumberMode = (typeof PAGE_NUMBER_MODES)[number];

export const ReportRefSchema = z.object({ unitId, year });
export type ReportRef = z.infer<typeof ReportRefSchema>;

/** Why a revision was made: the UI saves explicitly, on closing, and after a minute idle. */
export const SAVE_REASONS = ['save', 'close', 'idle'] as const;
/** Every reason a revision can have (the archive's own reasons included). */
export const REVISION_REASONS = [
  ...SAVE_REASONS,
  'create',
  'import',
  'copy',
  'restore',
  'reopen',
  /** unsaved edits kept as a revision before a restore or an import replaced them */
  'journal',
] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

export const API_PAYLOADS = {
  archiveInfo: z.object({}),
  listUnits: z.object({}),
  createUnit: z.object({
    name: unitName,
    kind: kind.nullable().default(null),
    parentId: unitId.nullable().default(null),
  }),
  renameUnit: z.object({ unitId, name: unitName, date: isoDate.optional() }),
  updateUnit: z.object({
    unitId,
    kind: kind.nullable().optional(),
    parentId: unitId.nullable().optional(),
  }),
  mergeUnits: z.object({ from: unitId, into: unitId, date: isoDate.optional() }),
  listYears: z.object({ unitId }),
  createReport: z.object({ unitId, year, author }),
  openReport: ReportRefSchema,
  saveReport: z.object({
    unitId,
    year,
    report: ReportSchema,
    reason: z.enum(SAVE_REASONS).default('save'),
    author,
  }),
  writeJournal: z.object({ unitId, year, report: ReportSchema, author }),
  copyLastYear: z.object({ unitId, from: year, to: year, author }),
  history: ReportRefSchema,
  openRevision: z.object({ unitId, year, revision: z.number().int().min(1) }),
  restoreRevision: z.object({ unitId, year, revision: z.number().int().min(1), author }),
  reopenReport: z.object({
    unitId,
    year,
    reason: z
      .string()
      .refine((s) => s.trim().length > 0, { error: '重新打开已定稿的报告必须写明理由。' }),
    author,
  }),
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
    author,
  }),
  importUpload: z.object({
    /** Files picked in the window (a folder's files too): name (relative path) and bytes. */
    files: z
      .array(
        z.object({
          name: z.string().min(1).max(1000),
          data: z.custom<Uint8Array<ArrayBufferLike>>((v) => v instanceof Uint8Array, {
            error: '应提供文件的内容。',
          }),
        }),
      )
      .min(1, { error: '请选择要导入的文件或文件夹。' })
      .max(5000, { error: '一次最多导入 5000 个文件。' }),
    unit: z.string().optional(),
    year: year.optional(),
    /** File name → unit name or id, for files whose unit is unclear. */
    units: z.record(z.string(), z.string()).optional(),
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
  backup: z.object({ to: z.string().min(1).optional() }),
  listBackups: z.object({}),
  restoreBackup: z.object({ path: z.string().min(1) }),
  verify: z.object({}),
  renderPdf: z.object({
    /** A report being edited or read from a file, or one in the archive (newest revision by default). */
    source: z.union([
      z.object({ report: ReportSchema }),
      z.object({ unitId, year, revision: z.number().int().min(1).optional() }),
    ]),
    pageNumbers: z.enum(PAGE_NUMBER_MODES).default('alternate'),
  }),
  finaliseReport: z.object({
    unitId,
    year,
    author,
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
} as const;

/** Methods served by the PDF service rather than by the archive alone. */
export const PDF_METHODS = ['renderPdf', 'finaliseReport', 'verifyPdf', 'fonts'] as const;
export type PdfMethod = (typeof PDF_METHODS)[number];

export type ApiMethod = keyof typeof API_PAYLOADS;
/** Every method of the API, in declaration order (what the transports expose). */
export const API_METHODS = Object.keys(API_PAYLOADS) as ApiMethod[];
/** Methods that report progress and can be cancelled (their 2nd and 3rd arguments). */
export const PROGRESS_METHODS = ['importFiles', 'importUpload'] as const satisfies ApiMethod[];
/** What a caller passes (defaults may be left out). */
export type PayloadIn<M extends ApiMethod> = z.input<(typeof API_PAYLOADS)[M]>;
/** What an implementation receives after validation (defaults filled in). */
export type Payload<M extends ApiMethod> = z.output<(typeof API_PAYLOADS)[M]>;

// ---------------------------------------------------------------------------------------------
// Results

export interface FormerName {
  readonly name: string;
  /** ISO dates; null when not known. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface UnitInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind | null;
  readonly parentId: string | null;
  /** Set when this unit was merged into another (its history stays here). */
  readonly mergedInto: string | null;
  readonly formerNames: readonly FormerName[];
  readonly years: readonly number[];
}

export interface YearInfo {
  readonly year: number;
  /** null: a text-only document of a year before 2019. */
  readonly format: '2019' | '2021' | null;
  readonly title: string;
  readonly status: ReportStatus | '旧格式';
  readonly errors: number;
  readonly warnings: number;
  readonly revision: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly locked: boolean;
  /** Unsaved edits are waiting in the journal (they become a revision on the next save). */
  readonly pending: boolean;
}

export interface FinalisationInfo {
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly sha256: string | null;
}

interface OpenedBase {
  readonly unit: UnitInfo;
  readonly year: number;
  /** The number of the newest revision. */
  readonly revision: number;
  /** Revision line: 1, and one more each time a finalised report is reopened. */
  readonly line: number;
  readonly locked: boolean;
  readonly finalisation: FinalisationInfo | null;
}

export interface OpenedStructured extends OpenedBase {
  readonly legacy: false;
  readonly report: Report;
  /** The report comes from the edit journal: newer than the last revision (after a crash). */
  readonly recovered: boolean;
}

/** A report of a year before 2019: text only. */
export interface OpenedLegacy extends OpenedBase {
  readonly legacy: true;
  readonly title: string;
  readonly text: string;
}

export type OpenedReport = OpenedStructured | OpenedLegacy;

export interface SaveResult {
  readonly revision: number;
  /** false: the report was identical to the newest revision, no revision was added. */
  readonly created: boolean;
}

export interface RevisionInfo {
  readonly revision: number;
  readonly line: number;
  readonly at: string;
  readonly author: string;
  readonly reason: RevisionReason;
  /** Restored from which revision, the reason for reopening, the imported file… */
  readonly note: string;
  readonly finalised: boolean;
}

export type RevisionContent =
  | { readonly legacy: false; readonly report: Report }
  | { readonly legacy: true; readonly title: string; readonly text: string };

export interface CheckResult {
  readonly findings: readonly ResolvedFinding[];
  readonly status: ReportStatus;
  readonly errors: number;
  readonly warnings: number;
  /** The year of the archived report used for the cross-year checks, if any. */
  readonly priorYear: number | null;
}

export interface UnitCandidate {
  readonly id: string;
  readonly name: string;
}

export interface ImportFileResult {
  readonly file: string;
  readonly status: 'imported' | 'unchanged' | 'needs-unit' | 'failed';
  readonly unitId?: string;
  readonly unitName?: string;
  /** The unit was created by this import. */
  readonly newUnit?: boolean;
  readonly year?: number;
  readonly legacy?: boolean;
  readonly revision?: number;
  /** needs-unit: units whose name resembles the file's. */
  readonly candidates?: readonly UnitCandidate[];
  /** The name the file gives (needs-unit) or why it failed (Chinese). */
  readonly message?: string;
}

export interface ImportSummary {
  readonly results: readonly ImportFileResult[];
  readonly imported: number;
  readonly unchanged: number;
  readonly needsUnit: number;
  readonly failed: number;
}

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
  readonly file: string;
}

export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

export interface SearchHit {
  readonly unitId: string;
  readonly unitName: string;
  readonly year: number;
  readonly title: string;
  /** Text around the match; the parts that match are marked (never HTML). */
  readonly snippet: readonly SnippetPart[];
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  /** More hits exist than were returned. */
  readonly more: boolean;
}

export interface BackupInfo {
  readonly path: string;
  readonly at: string;
  readonly reason: 'daily' | 'migration' | 'manual' | 'restore';
  readonly bytes: number;
}

export interface RestoreResult {
  /** Where the archive that was replaced was kept. */
  readonly keptAside: string;
  readonly restoredFrom: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** What SQLite's integrity check and the archive's own checks found (empty when ok). */
  readonly problems: readonly string[];
  /** What to do (Chinese): the recovery path when the archive is damaged. */
  readonly message: string;
}

export interface ArchiveInfo {
  readonly path: string;
  readonly schemaVersion: number;
  readonly bytes: number;
  readonly units: number;
  readonly reports: number;
  /** A warning about where the archive lives (network drive), in Chinese. */
  readonly warning: string | null;
}

export interface MergeResult {
  readonly into: UnitInfo;
  /** Years moved to the surviving unit. */
  readonly moved: readonly number[];
  /** Years both units have: they stay with the merged unit, which keeps its history. */
  readonly kept: readonly number[];
}

export interface FontRoleInfo {
  readonly role: 'title' | 'fangsong' | 'hei' | 'kai' | 'song';
  /** The role in Chinese: 标题, 正文… */
  readonly label: string;
  /** The official font print.md asks for: "仿宋_GB2312 / 仿宋". */
  readonly wanted: string;
  readonly family: string;
  readonly postscriptName: string;
  readonly file: string;
  readonly source: 'system' | 'bundled';
  /** No official font was found: this one stands in. */
  readonly standIn: boolean;
  /** Fonts found for the role but not used: their licence forbids embedding them. */
  readonly refused: readonly string[];
}

/** Which font serves each role of the print layout, and which stood in for a missing one. */
export interface FontsInfo {
  readonly roles: readonly FontRoleInfo[];
  /** Faces tried, in order, for a character the role's font lacks. */
  readonly fallbacks: readonly { family: string; file: string; source: 'system' | 'bundled' }[];
  /** Folders searched for the official fonts. */
  readonly searched: readonly string[];
}

export interface RenderedPdf {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Unresolved errors: every page carries the 草稿 watermark. */
  readonly draft: boolean;
  /** The unresolved errors that make it a draft (at most 20), for the preview. */
  readonly openErrors: readonly { code: string; message: string }[];
  readonly sha256: string;
  /** The archived bytes of a finalised report (not a new render). */
  readonly finalised: boolean;
  /** The archive revision rendered, if any. */
  readonly revision: number | null;
  /** Roles whose official font is missing here (stand-ins), in Chinese, for a notice. */
  readonly standIns: readonly string[];
}

export interface FinalisedPdf {
  readonly pdf: Uint8Array;
  readonly pages: number;
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly sha256: string;
}

export interface PdfMatch {
  readonly unitId: string;
  readonly unitName: string;
  readonly year: number;
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  /** The report was reopened after this finalisation: the copy is no longer the current one. */
  readonly reopened: boolean;
}

export interface VerifyPdfResult {
  readonly sha256: string;
  /** The finalised report whose archived PDF has exactly these bytes, or null. */
  readonly match: PdfMatch | null;
}

export interface ExportedFile {
  readonly fileName: string;
  readonly mime: string;
  readonly text: string;
}

/** What cancels a long operation (an AbortSignal fits). */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
}

// ---------------------------------------------------------------------------------------------
// The API

export interface NianbaoApi {
  archiveInfo(p?: PayloadIn<'archiveInfo'>): Promise<ArchiveInfo>;
  listUnits(p?: PayloadIn<'listUnits'>): Promise<UnitInfo[]>;
  createUnit(p: PayloadIn<'createUnit'>): Promise<UnitInfo>;
  renameUnit(p: PayloadIn<'renameUnit'>): Promise<UnitInfo>;
  updateUnit(p: PayloadIn<'updateUnit'>): Promise<UnitInfo>;
  mergeUnits(p: PayloadIn<'mergeUnits'>): Promise<MergeResult>;
  listYears(p: PayloadIn<'listYears'>): Promise<YearInfo[]>;
  /** A blank report in the year's format (refused when the year already has one). */
  createReport(p: PayloadIn<'createReport'>): Promise<OpenedReport>;
  openReport(p: PayloadIn<'openReport'>): Promise<OpenedReport>;
  saveReport(p: PayloadIn<'saveReport'>): Promise<SaveResult>;
  /** Writes the state being edited at once (crash safety); folded into the next revision. */
  writeJournal(p: PayloadIn<'writeJournal'>): Promise<void>;
  copyLastYear(p: PayloadIn<'copyLastYear'>): Promise<OpenedReport>;
  history(p: PayloadIn<'history'>): Promise<RevisionInfo[]>;
  openRevision(p: PayloadIn<'openRevision'>): Promise<RevisionContent>;
  restoreRevision(p: PayloadIn<'restoreRevision'>): Promise<SaveResult>;
  reopenReport(p: PayloadIn<'reopenReport'>): Promise<SaveResult>;
  checkReport(p: PayloadIn<'checkReport'>): Promise<CheckResult>;
  importFiles(
    p: PayloadIn<'importFiles'>,
    onProgress?: (progress: ImportProgress) => void,
    /** Stops the import between two files; what was imported stays. */
    signal?: CancelSignal,
  ): Promise<ImportSummary>;
  /** Imports files whose bytes the window sends (picked with a file or folder chooser). */
  importUpload(
    p: PayloadIn<'importUpload'>,
    onProgress?: (progress: ImportProgress) => void,
    signal?: CancelSignal,
  ): Promise<ImportSummary>;
  /** The report (newest state) as a data file: its name, media type and text. */
  exportReport(p: PayloadIn<'exportReport'>): Promise<ExportedFile>;
  search(p: PayloadIn<'search'>): Promise<SearchResult>;
  backup(p?: PayloadIn<'backup'>): Promise<BackupInfo>;
  listBackups(p?: PayloadIn<'listBackups'>): Promise<BackupInfo[]>;
  restoreBackup(p: PayloadIn<'restoreBackup'>): Promise<RestoreResult>;
  verify(p?: PayloadIn<'verify'>): Promise<VerifyResult>;
  /** The print layout as PDF (草稿 watermark while errors are unresolved); a finalised report's archived bytes. */
  renderPdf(p: PayloadIn<'renderPdf'>): Promise<RenderedPdf>;
  /** 定稿: renders the newest revision, archives the PDF's bytes and SHA-256, locks the report. */
  finaliseReport(p: PayloadIn<'finaliseReport'>): Promise<FinalisedPdf>;
  /** Which finalised report a PDF file is (by its exact bytes). */
  verifyPdf(p: PayloadIn<'verifyPdf'>): Promise<VerifyPdfResult>;
  fonts(p?: PayloadIn<'fonts'>): Promise<FontsInfo>;
}

/** Every method has a payload schema and every payload schema a method (checked by tsc). */
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never]
  ? true
  : never;
export const API_COMPLETE: SameKeys<NianbaoApi, typeof API_PAYLOADS> = true;

/** Codes of ApiError: stable, for programs; the message is for people. */
export const API_ERROR_CODES = [
  'INVALID', // the payload failed validation
  'NOT_FOUND',
  'CONFLICT', // e.g. the year already has a report
  'LOCKED', // the report is finalised
  'NEWER_VERSION', // the archive was written by a newer version of the app
  'NOT_ARCHIVE', // the file is not a Nianbao archive
  'CORRUPT', // the archive failed its integrity check
  'BUSY', // another program holds the archive
  'FAILED', // anything else
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

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
