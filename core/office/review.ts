/**
 * The 审核意见 (review sheet) of a report: its findings grouped by section in reading order, each
 * with what became of it (open, overridden or 已核实 with the written reason, by whom, when), and
 * its CSV form (one line per finding, a blank 审核意见 column for the office's comment).
 */
import { CODES, type ResolvedFinding } from '../checks';
import { csvText } from '../export';
import { SECTION_IDS, sectionDef, type FormatVersion } from '../formats';
import type { Report } from '../model';
import { byReadingOrder, placeText } from '../places';
import type { ReviewGroup, ReviewItem, ReviewSheet, ReviewState, SubmissionState } from './types';

const OTHER_LABELS: Record<string, string> = {
  全文: '全文',
  标题: '标题',
  导语: '导语',
  落款: '落款',
};

/** A section's heading for people: the official one ("三、收到和处理…"). */
export function sectionLabel(section: string): string {
  if (OTHER_LABELS[section]) return OTHER_LABELS[section]!;
  return (SECTION_IDS as readonly string[]).includes(section)
    ? sectionDef(section as (typeof SECTION_IDS)[number]).heading
    : section;
}

function stateOf(f: ResolvedFinding): ReviewState {
  if (f.resolved && f.decision) return f.decision.action === 'override' ? '已说明理由' : '已核实';
  return f.severity === 'error' ? '待改正' : '待核实';
}

function item(f: ResolvedFinding, report: Pick<Report, 'sections'>): ReviewItem {
  const decided = f.resolved ? f.decision : undefined;
  return {
    code: f.code,
    title: (CODES as Record<string, { title: string }>)[f.code]?.title ?? f.code,
    severity: f.severity,
    message: f.message,
    place: placeText(f.location, report),
    state: stateOf(f),
    reason: decided?.reason ?? '',
    by: decided?.by ?? '',
    at: decided?.at ?? '',
  };
}

/** Findings grouped by section (全文, 标题, 导语, 一…六, 落款), each group in reading order. */
export function reviewGroups(
  findings: readonly ResolvedFinding[],
  report: Pick<Report, 'sections' | 'format'>,
): ReviewGroup[] {
  const sorted = [...findings].sort(byReadingOrder(report.format as FormatVersion));
  const groups: ReviewGroup[] = [];
  for (const f of sorted) {
    const section = f.location.section;
    let group = groups[groups.length - 1];
    if (!group || group.section !== section) {
      group = { section, label: sectionLabel(section), items: [] };
      groups.push(group);
    }
    (group.items as ReviewItem[]).push(item(f, report));
  }
  return groups;
}

export interface SheetInput {
  readonly unitId: string;
  readonly unit: string;
  readonly year: number;
  readonly state: SubmissionState;
  readonly revision: number;
  readonly report: Pick<Report, 'sections' | 'format'> | null;
  readonly findings: readonly ResolvedFinding[];
  readonly reviewer: string;
  readonly date: string;
}

/** The review sheet of one report (a member without a report gets a sheet that says so). */
export function reviewSheet(input: SheetInput): ReviewSheet {
  const open = input.findings.filter((f) => !f.resolved);
  return {
    unitId: input.unitId,
    unit: input.unit,
    year: input.year,
    state: input.state,
    revision: input.revision,
    errors: open.filter((f) => f.severity === 'error').length,
    warnings: open.filter((f) => f.severity === 'warning').length,
    reviewer: input.reviewer,
    date: input.date,
    groups: input.report ? reviewGroups(input.findings, input.report) : [],
  };
}

/** One line per finding; the 审核意见 column is left blank for the office's comment. */
const CSV_FIELDS = [
  'unit',
  'year',
  'section',
  'place',
  'code',
  'title',
  'severity',
  'message',
  'state',
  'reason',
  'by',
  'at',
  'reviewer',
  'date',
  'comment',
] as const;
type CsvField = (typeof CSV_FIELDS)[number];

const CSV_LABELS: Record<CsvField, string> = {
  unit: '单位',
  year: '年度',
  section: '部分',
  place: '位置',
  code: '代码',
  title: '问题',
  severity: '级别',
  message: '说明',
  state: '处理情况',
  reason: '理由',
  by: '理由填写人',
  at: '理由填写时间',
  reviewer: '审核人',
  date: '审核日期',
  comment: '审核意见',
};

/**
 * The sheets as CSV (UTF-8 with BOM, CRLF, Chinese header), findings grouped by section in
 * reading order; a member without a report, or a report without findings, has one line saying so.
 */
export function reviewCsv(sheets: readonly ReviewSheet[]): string {
  const records: Record<CsvField, string>[] = [];
  for (const s of sheets) {
    const base = {
      unit: s.unit,
      year: String(s.year),
      reviewer: s.reviewer,
      date: s.date,
      comment: '',
    };
    const empty = { place: '', code: '', title: '', severity: '', reason: '', by: '', at: '' };
    if (s.state === '未收到') {
      records.push({
        ...base,
        ...empty,
        section: '全文',
        code: 'MEMBER_MISSING',
        title: CODES.MEMBER_MISSING.title,
        severity: '警告',
        message: `没有收到${s.year}年度的报告。`,
        state: '未收到',
      });
      continue;
    }
    if (!s.groups.length) {
      records.push({
        ...base,
        ...empty,
        section: '',
        message: s.state === '旧格式' ? '旧格式文本，不做检查。' : '没有发现问题。',
        state: s.state,
      });
      continue;
    }
    for (const g of s.groups) {
      for (const i of g.items) {
        records.push({
          ...base,
          section: g.label,
          place: i.place,
          code: i.code,
          title: i.title,
          severity: i.severity === 'error' ? '错误' : '警告',
          message: i.message,
          state: i.state,
          reason: i.reason,
          by: i.by,
          at: i.at,
        });
      }
    }
  }
  return csvText(CSV_FIELDS, records, CSV_LABELS);
}

/** The file name of one member's sheet, or of all members' sheets of a parent. */
export function reviewFileName(unit: string, year: number, members: boolean, ext: string): string {
  const name = members
    ? `${unit}${year}年度各下属单位报告审核意见`
    : `${unit}${year}年度报告审核意见`;
  return `${name.replace(/[\\/:*?"<>|]/gu, '_')}.${ext}`;
}
