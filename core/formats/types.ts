/**
 * Format definitions are data: every section, table block, row and column label of an official
 * format version, the kind of value each cell holds, the computed totals and the arithmetic
 * assertions. Code elsewhere never spells a label; it looks it up here.
 */

export type FormatVersion = '2019' | '2021';
export const FORMAT_VERSIONS: readonly FormatVersion[] = ['2019', '2021'];

export type SectionId = '一' | '二' | '三' | '四' | '五' | '六';
export const SECTION_IDS: readonly SectionId[] = ['一', '二', '三', '四', '五', '六'];

export type TableId = '二' | '三' | '四';
export const TABLE_IDS: readonly TableId[] = ['二', '三', '四'];

/** count: non-negative integer; delta: signed integer (本年增/减); money: non-negative decimal. */
export type ValueKind = 'count' | 'delta' | 'money';

export interface ColumnDef {
  readonly id: string;
  /** The official label, character for character. */
  readonly label: string;
  /** Spanning header above this column (T3 法人或其他组织, T4 行政诉讼), if any. */
  readonly group?: string;
  readonly kind: ValueKind;
  /**
   * The unit of the value: 件, 项, 万元. An empty string means the unit is whatever the report
   * states (2019 采购总金额 is written in 元 or 万元).
   */
  readonly measure: string;
  /** Money units a cell may state; the first is the default. Only for kind money. */
  readonly moneyUnits?: readonly string[];
  /** Other wordings accepted on import (compared after normalisation). */
  readonly aliases?: readonly string[];
}

export interface RowDef {
  readonly id: string;
  /** The official label, character for character (empty for T4's single unlabelled row). */
  readonly label: string;
  /** The innermost spanning group label the row belongs to (T3 （三）不予公开), if any. */
  readonly group?: string;
  /**
   * The words that identify the row on import, without its ordinal: the official label minus
   * explanatory parentheticals ("部分公开" for "（二）部分公开（区分处理的，…）").
   */
  readonly key: string;
  readonly aliases?: readonly string[];
}

export interface BlockDef {
  readonly id: string;
  /** Caption row (T2 "第二十条第（一）项") or column group (T4 "行政复议"); empty for T3. */
  readonly caption: string;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
}

export interface TableDef {
  readonly id: TableId;
  readonly section: SectionId;
  readonly blocks: readonly BlockDef[];
}

/**
 * A reference to one cell, possibly partial: an equation's terms name what varies and the
 * expansion supplies the rest. `prior` refers to last year's report of the same unit.
 */
export interface CellRef {
  readonly block?: string;
  readonly row?: string;
  readonly col?: string;
  readonly prior?: boolean;
  /** Coefficient of the term, 1 by default. */
  readonly coef?: 1 | -1;
}

/** Which cells an equation is instantiated for. */
export type Expansion =
  | { readonly each: 'column'; readonly block: string; readonly columns?: readonly string[] }
  | { readonly each: 'row'; readonly block: string; readonly rows?: readonly string[] }
  | { readonly each: 'block'; readonly blocks: readonly string[] }
  | {
      readonly each: 'cell';
      readonly cells: readonly Required<Pick<CellRef, 'block' | 'row' | 'col'>>[];
    };

/** left = right, instantiated over `over`, in one table. */
export interface Equation {
  readonly table: TableId;
  readonly over: Expansion;
  readonly left: readonly CellRef[];
  readonly right: readonly CellRef[];
}

/** A computed total: the left side (one cell) is the sum of the right side. */
export interface TotalDef extends Equation {
  readonly id: string;
  /** Short description of the sum for messages: "各列之和". */
  readonly sumLabel: string;
}

export type Severity = 'error' | 'warning';

/**
 * An arithmetic assertion: either a computed total (stated total = computed sum) or any other
 * linear equation. Message templates use {block} {row} {column} {L} {R} {l0} {l1}… {r0} {r1}…
 * ({l0}… and {r0}… are the cells' own values, before the terms' coefficients).
 */
export interface AssertionDef {
  readonly code: string;
  readonly severity: Severity;
  readonly equation: Equation | { readonly total: string };
  readonly message: string;
  /** Location fields taken from the first left-hand cell; all of them by default. */
  readonly locate?: readonly ('block' | 'row' | 'column')[];
  /** Runs only when the prior year's report is given and in one of these formats. */
  readonly priorFormats?: readonly FormatVersion[];
}

export interface SectionDef {
  readonly id: SectionId;
  /** The official heading. */
  readonly heading: string;
  /** Other headings real reports use (Art. 50 wording). */
  readonly variants: readonly string[];
  /** A heading with this ordinal is this section when it contains one of these terms. */
  readonly keyTerms: readonly string[];
  readonly kind: 'narrative' | 'table';
  readonly table?: TableId;
}

/** The unit kinds, spelt as core/model.ts's UNIT_KINDS (formats import nothing of the model). */
export type OutlineKind = '政府' | '乡镇街道' | '部门' | '其他';

/** A sub-heading of a section's standard outline (提纲) and what is written under it. */
export interface OutlineHeading {
  /** 2: "（一）". */
  readonly level: 1 | 2 | 3 | 4;
  /** The sub-heading as the outline writes it: "（一）主动公开". */
  readonly text: string;
  /** What the paragraph under it reports: the empty paragraph's hint in the editor. */
  readonly hint: string;
  /** Only in the reports of these unit kinds (a government's covers 工作考核…, Art. 50). */
  readonly kinds?: readonly OutlineKind[];
}

/**
 * A narrative section's standard outline: the sub-headings real reports use (each followed by
 * an empty paragraph in a blank report), and the hint for a section written without them.
 */
export interface SectionOutline {
  readonly headings: readonly OutlineHeading[];
  readonly hint: string;
}

export interface FormatDef {
  readonly version: FormatVersion;
  /** The notice that issued the format. */
  readonly issuedBy: string;
  /** Its document number, as a report's 导语 should cite it. */
  readonly documentNumber: string;
  readonly documentTitle: string;
  /** First and last report year (inclusive) the format is used for; null: still current. */
  readonly years: readonly [number, number | null];
  readonly sections: readonly SectionDef[];
  /** The standard outline of the narrative sections (一, 五, 六): what a blank report starts with. */
  readonly outline: Readonly<Partial<Record<SectionId, SectionOutline>>>;
  readonly tables: Readonly<Record<TableId, TableDef>>;
  readonly totals: readonly TotalDef[];
  readonly assertions: readonly AssertionDef[];
  /** The header cell stating T3's own balance rule. */
  readonly t3Note: string;
  /** First header cell of every T2 block: "信息内容". */
  readonly t2RowHeader: string;
  /** T3's header over all its number columns: "申请人情况". */
  readonly t3ColumnsHeader: string;
}
