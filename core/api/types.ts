/**
 * What the typed API's methods return, and the small enumerations its payloads use. Plain data
 * (JSON, and bytes as Uint8Array): no zod here, so the Electron preload can use these types and
 * lists without bundling the schemas.
 */
import type { Aggregation } from '../aggregate/types';
import type { ResolvedFinding } from '../checks/types';
import type { Aggregated, Report, ReportStatus, UnitKind } from '../model';

/** Page numbers: odd right / even left (two-sided printing), or centred (one-sided). */
export const PAGE_NUMBER_MODES = ['alternate', 'centre'] as const;
export type PageNumberMode = (typeof PAGE_NUMBER_MODES)[number];

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
  /** 汇总: the tables filled from the members' sum */
  'aggregate',
  /** marked 已发布（存档） (issue 13 item 13): the content unchanged, who and why recorded */
  'publish',
  /** the 已发布（存档） mark taken back, with the reason */
  'unpublish',
  /** received in an exchange file from another office (note: 来源第 N 版 · file name) */
  'exchange',
] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

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

/** What a unit change was (the archive's unit_changes, migration 6). */
export const UNIT_CHANGE_KINDS = [
  'created',
  'renamed',
  'kind',
  'parent',
  /** this unit was merged into another (机构改革) */
  'merged',
  /** another unit was merged into this one */
  'absorbed',
] as const;
export type UnitChangeKind = (typeof UNIT_CHANGE_KINDS)[number];

/** One signed change of a unit: who (操作人), when, what it was before and after. */
export interface UnitChange {
  readonly id: number;
  readonly unitId: string;
  readonly at: string;
  /** 操作人 ('' when none was given). */
  readonly by: string;
  readonly change: UnitChangeKind;
  /**
   * Before and after, as they read at the time: the names (created: the name; renamed), the
   * 类型 (kind; null: 未定), the parent unit's name (parent; null: none), the other unit's name
   * (merged: the survivor, absorbed: the merged unit).
   */
  readonly before: string | null;
  readonly after: string | null;
  /** The unit ids behind before/after (parent, merged, absorbed), else null. */
  readonly beforeId: string | null;
  readonly afterId: string | null;
  /** The day a rename or merge applies (ISO), else null. */
  readonly date: string | null;
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
  /** Marked 已发布（存档）: read-only, its findings not counted as a to-do (null: not marked). */
  readonly published: PublishedInfo | null;
}

/** The 已发布（存档） mark of a past year's report: who marked it, when and why. */
export interface PublishedInfo {
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly reason: string;
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
  /** Read-only: finalised, or marked 已发布（存档）. */
  readonly locked: boolean;
  readonly finalisation: FinalisationInfo | null;
  /** The 已发布（存档） mark in force, if any. */
  readonly published: PublishedInfo | null;
}

export interface OpenedStructured extends OpenedBase {
  readonly legacy: false;
  readonly report: Report;
  /** The office's report deadlines (settings), for the live checks. */
  readonly deadlines: Deadlines;
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
  /**
   * exists: the year already has a report with other content, left as it was; the file is
   * imported over it only when the caller asks (`replace`).
   */
  readonly status: 'imported' | 'unchanged' | 'needs-unit' | 'exists' | 'failed';
  readonly unitId?: string;
  readonly unitName?: string;
  /** The unit was created by this import. */
  readonly newUnit?: boolean;
  readonly year?: number;
  readonly legacy?: boolean;
  readonly revision?: number;
  /** needs-unit: units whose name resembles the file's. */
  readonly candidates?: readonly UnitCandidate[];
  /** Marked 已发布（存档） by this import (a past year's report, when asked). */
  readonly published?: boolean;
  /** exists: what the archive holds for the year (status, open errors, newest revision). */
  readonly existing?: {
    readonly status: string;
    readonly errors: number;
    readonly revision: number;
  };
  /** The name the file gives (needs-unit) or why it failed (Chinese). */
  readonly message?: string;
}

export interface ImportSummary {
  readonly results: readonly ImportFileResult[];
  readonly imported: number;
  readonly unchanged: number;
  readonly needsUnit: number;
  /** Files not imported because their year already has a report (replace them to import). */
  readonly exists: number;
  readonly failed: number;
  /** Reports this import marked 已发布（存档）. */
  readonly published: number;
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

/** The office's report deadlines ("MM-DD" of the following year) by unit kind; absent: the statutory one. */
export type Deadlines = Readonly<Partial<Record<UnitKind, string>>>;

/** The settings kept in the archive (a backup carries them) and where the archive lives. */
export interface SettingsInfo {
  /** The office's own deadlines, by unit kind. */
  readonly deadlines: Deadlines;
  /** The statutory deadlines (《条例》第四十九条): used where the office set none. */
  readonly defaults: Readonly<Record<UnitKind, string>>;
  /** Who changed the settings last, and when (null: never changed). */
  readonly changed: { readonly at: string; readonly by: string } | null;
  /** The data folder: the archive file, its automatic backups (backups/) and the log live there. */
  readonly dataFolder: string;
  readonly archivePath: string;
  readonly backupFolder: string;
}

/** A backup as a file to download (browser mode, or the desktop window's save dialog). */
export interface BackupFile {
  readonly fileName: string;
  readonly data: Uint8Array;
  readonly at: string;
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
  /** Unresolved errors (not a published report): every page carries the 草稿 watermark. */
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
  /**
   * A report marked 已发布（存档）: printed as it was published — no 草稿 watermark whatever its
   * findings, each page noted "存档副本（已发布）" in the top margin (not a new 定稿).
   */
  readonly published: boolean;
}

/** The 年度对比表: two reports compared, typeset like the report (fonts, margins). */
export interface ComparisonPdf {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** A file name to offer: "单位2022年与2023年度对比表.pdf". */
  readonly fileName: string;
}

export interface FinalisedPdf {
  readonly pdf: Uint8Array;
  readonly pages: number;
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly sha256: string;
}

/** One finalisation (定稿) of a report, the one in force or an earlier one reopened since. */
export interface FinalisationEntry {
  /** The record's id (to fetch its PDF). */
  readonly id: number;
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly sha256: string | null;
  /** The archived PDF's size in bytes (0: a record without the PDF). */
  readonly bytes: number;
  /** Set when the report was reopened after this finalisation. */
  readonly reopened: { readonly at: string; readonly by: string; readonly reason: string } | null;
}

/** An archived 定稿 PDF, byte for byte, with its file name. */
export interface ArchivedPdfFile {
  readonly fileName: string;
  readonly pdf: Uint8Array;
  readonly sha256: string;
  readonly revision: number;
  readonly at: string;
  readonly by: string;
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

/** The documents a report is exported as besides the PDF: Word and a web page. */
export const DOCUMENT_FORMATS = ['docx', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface ExportedDocument {
  readonly fileName: string;
  readonly mime: string;
  readonly data: Uint8Array;
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
// 汇总 (issue 15 item 4)

/** The parent's own report of the year, as an aggregation would change it. */
export interface AggregateTarget {
  readonly revision: number;
  readonly status: string;
  readonly locked: boolean;
  readonly format: '2019' | '2021';
  /** When and from whom it was last aggregated (null: never). */
  readonly aggregated: Aggregated | null;
  /** Cells whose text applying the sum would change. */
  readonly changes: number;
  /** Cells whose number differs from the sum (AGGREGATE_MISMATCH). */
  readonly mismatches: number;
}

export interface AggregateResult {
  readonly unit: { readonly id: string; readonly name: string };
  readonly year: number;
  readonly aggregation: Aggregation;
  /** null: the parent has no report for the year yet (applying creates it). */
  readonly report: AggregateTarget | null;
}

export interface ApplyAggregateResult extends SaveResult {
  /** Cells written. */
  readonly changed: number;
  /** Members summed (their reports in the parent's format). */
  readonly counted: number;
}
