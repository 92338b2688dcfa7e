/**
 * The county office's view of its members (issue 15): the submissions dashboard and the
 * 审核意见 (review sheet). Results of the API methods `submissions`, `reviewSheets` and
 * `renderReviewPdf`.
 */
import type { Finding } from '../checks';
import type { ReportStatus, UnitKind } from '../model';

/** A member's state for the year: no report, or its report's status (旧格式: a pre-2019 text). */
export type SubmissionState = '未收到' | ReportStatus | '旧格式';

export const SUBMISSION_STATES: readonly SubmissionState[] = [
  '未收到',
  '草稿',
  '待定稿',
  '已定稿',
  '旧格式',
  '已发布（存档）',
];

/** One member unit of the parent, and its report of the year (if any). */
export interface Submission {
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind | null;
  /** The member's parent (the dashboard's unit, or a member above it). */
  readonly parentId: string;
  /** 1: a child of the dashboard's unit; 2: a child's child… */
  readonly depth: number;
  /** The names from the dashboard's unit down to this member's parent ([] for a child). */
  readonly path: readonly string[];
  readonly state: SubmissionState;
  /** The report's table layout; null without a report, or for a pre-2019 text. */
  readonly format: '2019' | '2021' | null;
  /** The format the year asks for differs from the report's (not summable). */
  readonly formatMismatch: boolean;
  /** When the report entered this archive (its first revision's time, ISO); null: none. */
  readonly receivedAt: string | null;
  /** Its newest revision's time and author. */
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  readonly revision: number;
  readonly errors: number;
  readonly warnings: number;
  /** 已定稿: when, and by whom. */
  readonly finalisedAt: string | null;
  /** Last year's report exists (the comparison can be opened). */
  readonly hasPrior: boolean;
}

export interface Submissions {
  readonly unit: { readonly id: string; readonly name: string };
  readonly year: number;
  /** The format version the year's reports use. */
  readonly format: '2019' | '2021';
  /** Every member (children, recursively), in tree order. */
  readonly members: readonly Submission[];
  /** How many members are in each state. */
  readonly counts: Readonly<Record<SubmissionState, number>>;
  /** MEMBER_MISSING for each member without a report of the year. */
  readonly findings: readonly Finding[];
}

/** What became of a finding on a review sheet. */
export type ReviewState = '待改正' | '待核实' | '已说明理由' | '已核实';

export interface ReviewItem {
  readonly code: string;
  /** The rule's short title (单元格未填). */
  readonly title: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Where it is, as the editor names it ("表三 … · 总计"). */
  readonly place: string;
  readonly state: ReviewState;
  /** The written reason of an override or 已核实 ('' when open). */
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface ReviewGroup {
  /** The location's section: 全文, 标题, 导语, 一…六, 落款. */
  readonly section: string;
  /** Its heading for people: "三、收到和处理政府信息公开申请情况". */
  readonly label: string;
  readonly items: readonly ReviewItem[];
}

/** The 审核意见 of one member's report (or of a member without one). */
export interface ReviewSheet {
  readonly unitId: string;
  readonly unit: string;
  readonly year: number;
  /** No report of the year: the sheet says so (MEMBER_MISSING). */
  readonly state: SubmissionState;
  readonly revision: number;
  readonly errors: number;
  readonly warnings: number;
  /** The reviewer (操作人) and the day of the review, "2026-01-20". */
  readonly reviewer: string;
  readonly date: string;
  readonly groups: readonly ReviewGroup[];
}

/** A review sheet (or all members' sheets) as PDF. */
export interface ReviewPdf {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** "清河县民政局2025年度报告审核意见.pdf" */
  readonly fileName: string;
  readonly sheets: number;
}
