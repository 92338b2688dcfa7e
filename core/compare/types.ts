/** The shapes of a comparison of two reports and of a unit's trends (JSON-safe: API and CLI). */
import type { FormatVersion, TableId } from '../formats';

/**
 * What a reviewer must look at in a cell (thresholds in thresholds.ts):
 * appeared — blank or 0 last time, a figure now; vanished — a figure last time, 0 or blank now;
 * jump — ×3 or ÷3 and a difference of at least 10; blank — blank in one report, 0 in the other.
 */
export type CellFlag = 'appeared' | 'vanished' | 'jump' | 'blank';
export const CELL_FLAGS: readonly CellFlag[] = ['appeared', 'vanished', 'jump', 'blank'];
export const FLAG_LABELS: Readonly<Record<CellFlag, string>> = {
  appeared: '新出现',
  vanished: '消失',
  jump: '大幅变化',
  blank: '一年空白',
};

/** One cell compared, named by its official labels as in the CSV export. */
export interface CellComparison {
  /** table|block|row|column ids (of report b's format). */
  readonly key: string;
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly column: string;
  readonly blockId: string;
  readonly rowId: string;
  readonly columnId: string;
  /** The text as written ('' blank; null: the report lacks the row or the cell). */
  readonly aRaw: string | null;
  readonly bRaw: string | null;
  /** The value read (money in 万元); null when blank, absent or not a number. */
  readonly a: number | null;
  readonly b: number | null;
  /** b − a when both are figures. */
  readonly delta: number | null;
  /** b ÷ a when both are figures and a ≠ 0. */
  readonly ratio: number | null;
  readonly flag: CellFlag | null;
  /** How the two were matched when the formats differ ("2021年版（六）1–3之和"). */
  readonly note?: string;
}

/** A cell of one format version that the other has no counterpart for: never compared. */
export interface NotComparable {
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly column: string;
  /** Which report has it. */
  readonly only: 'a' | 'b';
  readonly format: FormatVersion;
  readonly raw: string | null;
}

export type DiffOp = 'equal' | 'insert' | 'delete';
/** A readable run of a text diff: a phrase kept, inserted or deleted. */
export interface DiffRun {
  readonly op: DiffOp;
  readonly text: string;
}

/** A figure in the text that changed: "共收到申请" 30件 → 25件. */
export interface FigureChange {
  /** The words before it (up to the previous punctuation, at most 12 characters). */
  readonly context: string;
  readonly a: string | null;
  readonly b: string | null;
}

export type TextPart = '导语' | '一' | '二' | '三' | '四' | '五' | '六' | '全文';

export interface TextComparison {
  readonly section: TextPart;
  /** The official heading ("一、总体情况"), 导语 or 全文. */
  readonly label: string;
  readonly a: string;
  readonly b: string;
  readonly runs: readonly DiffRun[];
  /** Common characters ÷ the longer text (as TEXT_COPIED measures it); 1 for two empty texts. */
  readonly similarity: number;
  /** Characters inserted and deleted (before grouping into runs). */
  readonly insertions: number;
  readonly deletions: number;
  readonly figures: readonly FigureChange[];
  readonly changed: boolean;
  /** Present in only one report. */
  readonly missing?: 'a' | 'b';
}

export interface FieldComparison {
  readonly field: '标题' | '落款单位' | '成文日期';
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

export interface ComparedSide {
  readonly unitId: string;
  readonly unit: string;
  readonly year: number;
  /** null: a text-only report of a year before 2019. */
  readonly format: FormatVersion | null;
}

export interface ReportComparison {
  readonly a: ComparedSide;
  readonly b: ComparedSide;
  /** same: one report with itself; years: one unit, two years; units: two units, one year. */
  readonly relation: 'same' | 'years' | 'units' | 'other';
  /** What the reader should know about how the two were compared (Chinese). */
  readonly notes: readonly string[];
  readonly cells: readonly CellComparison[];
  readonly notComparable: readonly NotComparable[];
  readonly header: readonly FieldComparison[];
  readonly sections: readonly TextComparison[];
  readonly counts: Readonly<Record<CellFlag, number>> & {
    readonly flagged: number;
    readonly changedCells: number;
    readonly changedSections: number;
  };
}

// ---------------------------------------------------------------------------------------------
// Trends

export interface TrendYear {
  readonly year: number;
  /** structured: figures; legacy: a text-only report (before 2019); missing: no report. */
  readonly kind: 'structured' | 'legacy' | 'missing';
  readonly format: FormatVersion | null;
  /** The unit's name as the report states it. */
  readonly unit: string | null;
}

export interface TrendPoint {
  readonly year: number;
  readonly value: number | null;
  /** Why there is no value: 无报告, 旧格式（仅文字）, 2019年版无此项, 未填写. */
  readonly note?: string;
}

export interface TrendSeries {
  readonly id: string;
  readonly label: string;
  readonly measure: '件' | '%' | '万元';
  readonly points: readonly TrendPoint[];
}

export interface UnitTrends {
  readonly unitId: string;
  readonly unit: string;
  readonly years: readonly TrendYear[];
  readonly series: readonly TrendSeries[];
}
