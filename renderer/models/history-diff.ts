/**
 * What a revision changed (the history tab), DOM-free: against another report (the revision
 * before it, or the report being edited) the 标题, 落款 and section headings that differ, each
 * part's text as a character diff (core/compare's diffText, long unchanged stretches shortened),
 * the table cells whose text changed (old → new), and the decisions taken and taken back — named
 * by their Chinese rule names and places, the code kept for a tooltip.
 */
import { compareCells, diffText, type DiffRun } from '../../core/compare';
import { SECTION_IDS, sectionDef } from '../../core/formats';
import type { Decision, Paragraph, Report } from '../../core/model';
import { codeTitle } from './findings';
import { placeText } from './places';

/** A 标题, 落款 or heading that differs. */
export interface FieldChange {
  readonly label: string;
  readonly a: string;
  readonly b: string;
}

/** A part's text (导语 or a section) that differs, as a diff. */
export interface PartChange {
  /** '导语' or the section id. */
  readonly part: string;
  /** "导语", "一、总体情况". */
  readonly label: string;
  /** The diff, unchanged stretches far from any change shortened to "……". */
  readonly runs: readonly DiffRun[];
  readonly insertions: number;
  readonly deletions: number;
}

/** A table cell whose text changed. */
export interface CellChange {
  readonly key: string;
  /** "表三 · 申请人情况 · 二、上年结转政府信息公开申请数量 · 自然人". */
  readonly where: string;
  /** The text as written ('' blank). */
  readonly a: string;
  readonly b: string;
}

/** A decision (忽略错误 / 已核实) in words. */
export interface DecisionLine {
  readonly code: string;
  /** The rule's Chinese name ("沿用上年的年份待确认"). */
  readonly title: string;
  /** Where ("一、总体情况 第 2 段"). */
  readonly where: string;
  readonly action: string;
  readonly reason: string;
  readonly by: string;
}

export interface RevisionChanges {
  readonly fields: readonly FieldChange[];
  readonly parts: readonly PartChange[];
  readonly cells: readonly CellChange[];
  readonly decided: readonly DecisionLine[];
  readonly undecided: readonly DecisionLine[];
  /** Nothing differs. */
  readonly same: boolean;
}

/** A decision in words, placed in `report`. */
export function decisionLine(d: Decision, report: Pick<Report, 'sections'>): DecisionLine {
  return {
    code: d.code,
    title: codeTitle(d.code),
    where: placeText(d.location, report),
    action: d.action === 'override' ? '忽略错误' : '已核实',
    reason: d.reason,
    by: d.by ?? '',
  };
}

const joined = (ps: readonly Paragraph[]): string => ps.map((p) => p.text).join('\n');

/**
 * The runs with each unchanged stretch cut down to `context` characters next to a change
 * ("……" standing for the rest); the text of every change is kept whole.
 */
export function condense(runs: readonly DiffRun[], context = 30): DiffRun[] {
  return runs.map((r, i) => {
    if (r.op !== 'equal') return r;
    const chars = Array.from(r.text);
    const first = i === 0;
    const last = i === runs.length - 1;
    const keep = (first ? 0 : context) + (last ? 0 : context);
    if (chars.length <= keep + 6) return r;
    const head = first ? '' : chars.slice(0, context).join('');
    const tail = last ? '' : chars.slice(chars.length - context).join('');
    return { op: 'equal', text: `${head}……${tail}` };
  });
}

function decisionId(d: Decision): string {
  return JSON.stringify([d.code, d.location, d.fingerprint, d.action, d.reason]);
}

let memo: { a: Report; b: Report; changes: RevisionChanges } | null = null;

/** What differs from report a (the earlier) to report b. */
export function revisionChanges(a: Report, b: Report): RevisionChanges {
  if (memo && memo.a === a && memo.b === b) return memo.changes;
  const fields: FieldChange[] = [];
  const field = (label: string, x: string, y: string) => {
    if (x !== y) fields.push({ label, a: x, b: y });
  };
  field('标题', a.title, b.title);
  for (const id of SECTION_IDS) {
    const x = a.sections[id];
    const y = b.sections[id];
    if (x && y) field(`${id}的标题`, x.heading, y.heading);
  }
  field('落款单位', a.signature.unit, b.signature.unit);
  field('成文日期', a.signature.date, b.signature.date);

  const parts: PartChange[] = [];
  const part = (id: string, label: string, x: string, y: string) => {
    if (x === y) return;
    const d = diffText(x, y);
    parts.push({
      part: id,
      label,
      runs: condense(d.runs),
      insertions: d.insertions,
      deletions: d.deletions,
    });
  };
  part('导语', '导语', joined(a.opening), joined(b.opening));
  for (const id of SECTION_IDS) {
    const x = a.sections[id];
    const y = b.sections[id];
    part(id, sectionDef(id).heading, joined(x?.paragraphs ?? []), joined(y?.paragraphs ?? []));
  }

  const cells: CellChange[] = compareCells(a, b)
    .cells.filter((c) => (c.aRaw ?? '') !== (c.bRaw ?? ''))
    .map((c) => ({
      key: c.key,
      where: [`表${c.table}`, c.block, c.row, c.column].filter(Boolean).join(' · '),
      a: c.aRaw ?? '',
      b: c.bRaw ?? '',
    }));

  const before = new Set(a.decisions.map(decisionId));
  const after = new Set(b.decisions.map(decisionId));
  const decided = b.decisions
    .filter((d) => !before.has(decisionId(d)))
    .map((d) => decisionLine(d, b));
  const undecided = a.decisions
    .filter((d) => !after.has(decisionId(d)))
    .map((d) => decisionLine(d, a));

  const changes: RevisionChanges = {
    fields,
    parts,
    cells,
    decided,
    undecided,
    same: fields.length + parts.length + cells.length + decided.length + undecided.length === 0,
  };
  memo = { a, b, changes };
  return changes;
}
