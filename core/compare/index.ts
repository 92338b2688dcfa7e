/**
 * Year-over-year comparison (issue 14): `compareReports(a, b)` over two reports of any format
 * version — cells by their official labels (cells.ts), the 导语 and each section as a readable
 * character diff (text.ts), the title, 落款 and 成文日期 — and `unitTrends` over a unit's years
 * (trends.ts). Pure: the archive, the API, the CLI and the screens call it.
 */
import { SECTION_IDS, sectionDef, type SectionId } from '../formats';
import type { Report } from '../model';
import { compareCells } from './cells';
import { diffText } from './text';
import { COMPARE_THRESHOLDS, type CompareThresholds } from './thresholds';
import {
  CELL_FLAGS,
  type CellComparison,
  type CellFlag,
  type ComparedSide,
  type FieldComparison,
  type ReportComparison,
  type TextComparison,
  type TextPart,
} from './types';

export * from './types';
export { COMPARE_THRESHOLDS, type CompareThresholds } from './thresholds';
export { CROSS_FORMAT_SUMS, cellFlag, compareCells } from './cells';
export { diffText, type TextDiff } from './text';
export { TREND_SERIES, unitTrends, type TrendSource } from './trends';

/** A report of a year before 2019, kept as text only. */
export interface TextOnlyReport {
  readonly legacy: true;
  readonly unit: { readonly id: string; readonly name: string };
  readonly year: number;
  readonly title: string;
  readonly text: string;
}

export type Comparable = Report | TextOnlyReport;

const isLegacy = (d: Comparable): d is TextOnlyReport => 'legacy' in d && d.legacy === true;

function sideOf(d: Comparable): ComparedSide {
  return {
    unitId: d.unit.id,
    unit: d.unit.name,
    year: d.year,
    format: isLegacy(d) ? null : d.format,
  };
}

const joined = (ps: readonly { text: string }[]): string => ps.map((p) => p.text).join('\n');

/** A structured report's whole text, as a text-only report would have it. */
export function fullText(r: Report): string {
  const lines = [r.title, ...r.opening.map((p) => p.text)];
  for (const id of SECTION_IDS) {
    const s = r.sections[id];
    if (!s) continue;
    lines.push(s.heading || sectionDef(id).heading, ...s.paragraphs.map((p) => p.text));
  }
  lines.push(r.signature.unit, r.signature.date);
  return lines.filter((l) => l.trim()).join('\n');
}

function textComparison(
  section: TextPart,
  label: string,
  a: string,
  b: string,
  t: CompareThresholds,
  missing?: 'a' | 'b',
): TextComparison {
  const d = diffText(a, b, t);
  return {
    section,
    label,
    a,
    b,
    runs: d.runs,
    similarity: d.similarity,
    insertions: d.insertions,
    deletions: d.deletions,
    figures: d.figures,
    changed: a !== b || missing !== undefined,
    ...(missing ? { missing } : {}),
  };
}

function sectionComparisons(a: Report, b: Report, t: CompareThresholds): TextComparison[] {
  const out = [textComparison('导语', '导语', joined(a.opening), joined(b.opening), t)];
  for (const id of SECTION_IDS) {
    const sa = a.sections[id];
    const sb = b.sections[id];
    if (!sa && !sb) continue;
    const missing = !sa ? 'a' : !sb ? 'b' : undefined;
    out.push(
      textComparison(
        id as SectionId,
        sectionDef(id).heading,
        joined(sa?.paragraphs ?? []),
        joined(sb?.paragraphs ?? []),
        t,
        missing,
      ),
    );
  }
  return out;
}

function field(f: FieldComparison['field'], a: string, b: string): FieldComparison {
  return { field: f, a, b, same: a.trim() === b.trim() };
}

function relationOf(a: ComparedSide, b: ComparedSide): ReportComparison['relation'] {
  if (a.unitId === b.unitId && a.year === b.year) return 'same';
  if (a.unitId === b.unitId) return 'years';
  if (a.year === b.year) return 'units';
  return 'other';
}

function counts(cells: readonly CellComparison[], sections: readonly TextComparison[]) {
  const byFlag = Object.fromEntries(CELL_FLAGS.map((f) => [f, 0])) as Record<CellFlag, number>;
  let flagged = 0;
  let changedCells = 0;
  for (const c of cells) {
    if (c.flag) {
      byFlag[c.flag]++;
      flagged++;
    }
    if ((c.aRaw ?? '') !== (c.bRaw ?? '') && c.a !== c.b) changedCells++;
  }
  return {
    ...byFlag,
    flagged,
    changedCells,
    changedSections: sections.filter((s) => s.changed).length,
  };
}

/**
 * Compares report a (the earlier, or the left one) with report b. Never throws for two
 * readable reports: a report with itself gives no change; a text-only year gives the whole
 * text's diff with a note; two formats are matched through the format definitions.
 */
export function compareReports(
  a: Comparable,
  b: Comparable,
  t: CompareThresholds = COMPARE_THRESHOLDS,
): ReportComparison {
  const sa = sideOf(a);
  const sb = sideOf(b);
  const relation = relationOf(sa, sb);
  const notes: string[] = [];
  if (relation === 'same') notes.push('比较的是同一份报告，两边相同。');
  if (isLegacy(a) || isLegacy(b)) {
    const old = [a, b].filter(isLegacy).map((d) => `${d.year}年度`);
    notes.push(
      `${old.join('和')}的报告是2019年以前的旧格式，只有文字，没有统计表：只比较全文文字，不比较表格数字。`,
    );
    const ta = isLegacy(a) ? a.text : fullText(a);
    const tb = isLegacy(b) ? b.text : fullText(b);
    const sections = [textComparison('全文', '全文', ta, tb, t)];
    const header = [
      field('标题', isLegacy(a) ? a.title : a.title, isLegacy(b) ? b.title : b.title),
    ];
    return {
      a: sa,
      b: sb,
      relation,
      notes,
      cells: [],
      notComparable: [],
      header,
      sections,
      counts: counts([], sections),
    };
  }
  if (a.format !== b.format) {
    notes.push(
      `两份报告的格式不同（${a.year}年度用${a.format}年版，${b.year}年度用${b.format}年版）：表三、表四逐行比较（2019年版“（六）其他处理”对2021年版（六）1–3之和）；表二只比较两版都有的处理决定数量，其余项目列为“不可比”。`,
    );
  }
  const { cells, notComparable } = compareCells(a, b, t);
  const sections = sectionComparisons(a, b, t);
  const header = [
    field('标题', a.title, b.title),
    field('落款单位', a.signature.unit, b.signature.unit),
    field('成文日期', a.signature.date, b.signature.date),
  ];
  return {
    a: sa,
    b: sb,
    relation,
    notes,
    cells,
    notComparable,
    header,
    sections,
    counts: counts(cells, sections),
  };
}

/** The order a reviewer reads cells in: flagged ones first (by flag), then the others. */
export function flaggedFirst(cells: readonly CellComparison[]): CellComparison[] {
  const rank = (c: CellComparison) => (c.flag ? CELL_FLAGS.indexOf(c.flag) : CELL_FLAGS.length);
  return cells
    .map((c, i) => ({ c, i }))
    .sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i)
    .map((x) => x.c);
}

/** "+25.0%" style change of a cell, or '' when there is none to state. */
export function percentChange(c: Pick<CellComparison, 'ratio'>): string {
  if (c.ratio === null) return '';
  const pct = (c.ratio - 1) * 100;
  const text = Math.abs(pct) >= 100 ? pct.toFixed(0) : pct.toFixed(1);
  return `${pct > 0 ? '+' : ''}${text}%`;
}
