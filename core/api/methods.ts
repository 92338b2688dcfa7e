/**
 * The methods of the typed API: each one's name, what it returns and how it is called, in one
 * table. No zod here: the Electron preload builds `window.nianbao` from this table without
 * bundling the schemas. A method's payload is its schema in payloads.ts; `NianbaoApi` (api.ts)
 * puts the two together. Methods are never renamed.
 */
import type {
  AggregateResult,
  ApplyAggregateResult,
  ArchiveInfo,
  ArchivedPdfFile,
  BackupFile,
  BackupInfo,
  CheckResult,
  ComparisonPdf,
  ExportedFile,
  FinalisedPdf,
  FinalisationEntry,
  FontsInfo,
  ImportSummary,
  MergeResult,
  OpenedReport,
  RenderedPdf,
  ExportedDocument,
  RestoreResult,
  RevisionContent,
  RevisionInfo,
  SaveResult,
  SearchResult,
  SettingsInfo,
  UnitChange,
  UnitInfo,
  VerifyPdfResult,
  VerifyResult,
  YearInfo,
} from './types';
import type { ReportComparison, UnitTrends } from '../compare/types';
import type { ReviewPdf, ReviewSheet, Submissions } from '../office/types';
import type { ExchangeFile, ExchangeSummary } from '../exchange/types';

/**
 * How a method is called: `call` (payload → result) or `progress` (payload, onProgress,
 * signal → result: it reports progress and can be cancelled).
 */
export type MethodKind = 'call' | 'progress';

/** A method: its kind, and (for the types only) its result. */
export interface MethodDecl<R, K extends MethodKind = MethodKind> {
  readonly kind: K;
  /** Never set: carries the result type. */
  readonly result?: R;
}

const call = <R>(): MethodDecl<R, 'call'> => ({ kind: 'call' });
const progress = <R>(): MethodDecl<R, 'progress'> => ({ kind: 'progress' });

/** Every method of the API, in the order the transports list them. */
export const API = {
  archiveInfo: call<ArchiveInfo>(),
  listUnits: call<UnitInfo[]>(),
  createUnit: call<UnitInfo>(),
  renameUnit: call<UnitInfo>(),
  updateUnit: call<UnitInfo>(),
  mergeUnits: call<MergeResult>(),
  listYears: call<YearInfo[]>(),
  /** A blank report in the year's format (refused when the year already has one). */
  createReport: call<OpenedReport>(),
  openReport: call<OpenedReport>(),
  /**
   * The same, or null when the unit has no report for the year: asking whether a report exists
   * (last year's, for the cross-year checks) is not an error.
   */
  findReport: call<OpenedReport | null>(),
  saveReport: call<SaveResult>(),
  /** Writes the state being edited at once (crash safety); folded into the next revision. */
  writeJournal: call<void>(),
  copyLastYear: call<OpenedReport>(),
  history: call<RevisionInfo[]>(),
  openRevision: call<RevisionContent>(),
  restoreRevision: call<SaveResult>(),
  reopenReport: call<SaveResult>(),
  /** Every finalisation of a report, newest first: the one in force and the earlier ones. */
  listFinalisations: call<FinalisationEntry[]>(),
  /** The archived PDF of one finalisation (an earlier one too), byte for byte. */
  finalisedPdf: call<ArchivedPdfFile>(),
  checkReport: call<CheckResult>(),
  /** Imports files and folders named by their paths; stops between two files when cancelled. */
  importFiles: progress<ImportSummary>(),
  /** Imports files whose bytes the window sends (picked with a file or folder chooser). */
  importUpload: progress<ImportSummary>(),
  /** The report (newest state) as a data file: its name, media type and text. */
  exportReport: call<ExportedFile>(),
  search: call<SearchResult>(),
  /** A backup: into the backup folder, to a file, or into a chosen folder (a USB stick). */
  backup: call<BackupInfo>(),
  /** A backup handed over as a file to download (browser mode; the desktop window's save dialog). */
  downloadBackup: call<BackupFile>(),
  listBackups: call<BackupInfo[]>(),
  restoreBackup: call<RestoreResult>(),
  verify: call<VerifyResult>(),
  /** The office's settings kept in the archive (report deadlines) and where the data folder is. */
  settings: call<SettingsInfo>(),
  /** Changes the office's report deadlines (signed); every report's stored status follows. */
  updateSettings: call<SettingsInfo>(),
  /** The print layout as PDF (草稿 watermark while errors are unresolved); a finalised report's archived bytes. */
  renderPdf: call<RenderedPdf>(),
  /** The report as a Word document (.docx) or a web page (HTML, or its content only). */
  exportDocument: call<ExportedDocument>(),
  /** 定稿: renders the newest revision, archives the PDF's bytes and SHA-256, locks the report. */
  finaliseReport: call<FinalisedPdf>(),
  /** Which finalised report a PDF file is (by its exact bytes). */
  verifyPdf: call<VerifyPdfResult>(),
  fonts: call<FontsInfo>(),
  /** Two reports compared: cells by their official labels, flags, the sections' diffs. */
  compareReports: call<ReportComparison>(),
  /** A unit's figures across every archived year (followed by the unit's id). */
  unitTrends: call<UnitTrends>(),
  /** The 年度对比表 of two reports as PDF (the PDF service, the report's fonts and margins). */
  renderComparisonPdf: call<ComparisonPdf>(),
  // 汇总 (issue 15 items 4 and 5)
  /** The members' sum for a parent's year, with each cell's breakdown; nothing is written. */
  aggregateReport: call<AggregateResult>(),
  /** Writes the sum into the parent's report (created when missing): one revision, signed. */
  applyAggregate: call<ApplyAggregateResult>(),
  /** The 汇总表 as .xlsx: the members × figures sheet and the three tables in official layout. */
  exportAggregate: call<ExportedDocument>(),

  // County office: submissions dashboard and 审核意见 (issue 15, item 2 and 3)
  /** Every member of a parent unit (children, recursively) with its report's state for a year. */
  submissions: call<Submissions>(),
  /** The 审核意见 of one report, or of every member's (members: true). */
  reviewSheets: call<ReviewSheet[]>(),
  /** The same as one printable PDF (one section per unit). */
  renderReviewPdf: call<ReviewPdf>(),
  // end county office: dashboard and 审核意见

  // 已发布（存档） (issue 13 item 13)
  /** Marks a report 已发布（存档）: read-only, its findings no to-do; signed, kept in history. */
  markPublished: call<SaveResult>(),
  /** Takes the 已发布（存档） mark back (a reason and a name required); kept in history. */
  unmarkPublished: call<SaveResult>(),
  // The exchange file between offline offices (issue 15 item 1)
  /** A report as one exchange file `<单位>-<年度>.nianbao` (manifest, data file, 定稿 PDF). */
  exportExchange: call<ExchangeFile>(),
  /** Imports exchange files (paths or files sent), each verified; stops between two files when cancelled. */
  importExchange: progress<ExchangeSummary>(),
  // end exchange file
  /** A unit's changes (created, renamed, 类型, 上级, merged), each signed, newest first. */
  unitHistory: call<UnitChange[]>(),
} as const satisfies Record<string, MethodDecl<unknown>>;

export type ApiMethod = keyof typeof API;
/** The methods that report progress and can be cancelled. */
export type ProgressMethod = {
  [M in ApiMethod]: (typeof API)[M]['kind'] extends 'progress' ? M : never;
}[ApiMethod];
/** What a method returns (its promise's value). */
export type Result<M extends ApiMethod> = (typeof API)[M] extends MethodDecl<infer R> ? R : never;

/** Every method of the API, in declaration order (what the transports expose). */
export const API_METHODS = Object.keys(API) as ApiMethod[];
/** Methods that report progress and can be cancelled (their 2nd and 3rd arguments). */
export const PROGRESS_METHODS = API_METHODS.filter(
  (m): m is ProgressMethod => API[m].kind === 'progress',
);

export function isProgressMethod(method: ApiMethod): method is ProgressMethod {
  return API[method].kind === 'progress';
}
