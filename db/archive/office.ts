/**
 * The county office's view of a parent unit's members for a year (issue 15): the submissions
 * dashboard (one query over the unit tree and the stored summaries: no report is read) and the
 * 审核意见 of one report or of every member's (the checks run on each report's newest revision).
 */
import type { Payload } from '../../core/api';
import { localDay } from '../../core/dates';
import { formatForYear } from '../../core/formats';
import {
  SUBMISSION_STATES,
  memberMissingFindings,
  reviewSheet,
  type ReviewSheet,
  type Submission,
  type SubmissionState,
  type Submissions,
} from '../../core/office';
import { isLegacyBody } from '../text';
import { assertYear, reportRow, revisionBody, unitRow } from './rows';
import type { Store } from './store';
import { findingsFor } from './summary';

/** Deeper than any real unit tree: a guard against a cycle in parent ids. */
const MAX_DEPTH = 12;

interface MemberRow {
  id: string;
  name: string;
  kind: Submission['kind'];
  parent_id: string;
  depth: number;
  format: '2019' | '2021' | null;
  status: string | null;
  errors: number | null;
  warnings: number | null;
  head: number | null;
  updated_at: string | null;
  updated_by: string | null;
  received_at: string | null;
  finalised_at: string | null;
  has_report: number;
  has_prior: number;
}

const MEMBERS_SQL = `
  WITH RECURSIVE tree (id, name, kind, parent_id, depth, sort) AS (
    SELECT id, name, kind, parent_id, 1, printf('%010d', rowid) FROM units
     WHERE parent_id = @unit AND merged_into IS NULL
    UNION ALL
    SELECT u.id, u.name, u.kind, u.parent_id, t.depth + 1, t.sort || '.' || printf('%010d', u.rowid)
      FROM units u JOIN tree t ON u.parent_id = t.id
     WHERE u.merged_into IS NULL AND t.depth < ${MAX_DEPTH}
  )
  SELECT t.id, t.name, t.kind, t.parent_id, t.depth,
         r.format, r.status, r.errors, r.warnings, r.head, r.updated_at, r.updated_by,
         r.id IS NOT NULL AS has_report,
         (SELECT MIN(v.at) FROM revisions v WHERE v.report_id = r.id) AS received_at,
         (SELECT f.at FROM finalisations f WHERE f.report_id = r.id AND f.reopened_at IS NULL
           ORDER BY f.id DESC LIMIT 1) AS finalised_at,
         EXISTS (SELECT 1 FROM reports p WHERE p.unit_id = t.id AND p.year = @year - 1) AS has_prior
    FROM tree t LEFT JOIN reports r ON r.unit_id = t.id AND r.year = @year
   ORDER BY t.sort`;

function stateOf(row: MemberRow): SubmissionState {
  if (!row.has_report) return '未收到';
  if (row.format === null) return '旧格式';
  const status = row.status as SubmissionState;
  return SUBMISSION_STATES.includes(status) ? status : '草稿';
}

/** Every member of a unit (children, recursively) with its report of the year, if any. */
export function submissions(s: Store, p: Payload<'submissions'>): Submissions {
  assertYear(p.year);
  const parent = unitRow(s, p.unitId);
  const format = formatForYear(p.year) ?? '2021';
  const rows = s.stmt(MEMBERS_SQL).all({ unit: p.unitId, year: p.year }) as MemberRow[];
  const names = new Map<string, { name: string; parent: string }>(
    rows.map((r) => [r.id, { name: r.name, parent: r.parent_id }]),
  );
  const pathOf = (parentId: string): string[] => {
    const path: string[] = [];
    for (let id = parentId; id !== p.unitId && names.has(id); id = names.get(id)!.parent) {
      path.unshift(names.get(id)!.name);
    }
    return path;
  };
  const counts = Object.fromEntries(SUBMISSION_STATES.map((st) => [st, 0])) as Record<
    SubmissionState,
    number
  >;
  const members = rows.map((r): Submission => {
    const state = stateOf(r);
    counts[state]++;
    return {
      unitId: r.id,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      depth: r.depth,
      path: pathOf(r.parent_id),
      state,
      format: r.format,
      formatMismatch: r.format !== null && r.format !== format,
      receivedAt: r.received_at,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
      revision: r.head ?? 0,
      errors: r.errors ?? 0,
      warnings: r.warnings ?? 0,
      finalisedAt: r.finalised_at,
      hasPrior: r.has_prior === 1,
    };
  });
  return {
    unit: { id: parent.id, name: parent.name },
    year: p.year,
    format,
    members,
    counts,
    findings: memberMissingFindings(
      p.year,
      members.map((m) => ({ name: m.name, hasReport: m.state !== '未收到' })),
    ),
  };
}

/** The 审核意见 of one unit's report of the year, read from its newest revision. */
function sheetOf(
  s: Store,
  unitId: string,
  year: number,
  state: SubmissionState,
  reviewer: string,
  date: string,
): ReviewSheet {
  const unit = unitRow(s, unitId);
  const row = reportRow(s, unitId, year);
  const base = { unitId, unit: unit.name, year, reviewer, date };
  if (!row) return reviewSheet({ ...base, state, revision: 0, report: null, findings: [] });
  const body = revisionBody(s, row);
  if (isLegacyBody(body)) {
    return reviewSheet({ ...base, state, revision: row.head, report: null, findings: [] });
  }
  const { findings } = findingsFor(s, unitId, year, body);
  return reviewSheet({ ...base, state, revision: row.head, report: body, findings });
}

/**
 * The 审核意见 of a unit's report of the year, or (members) of every member's, in the
 * dashboard's order: a member without a report has a sheet saying so.
 */
export function reviewSheets(s: Store, p: Payload<'reviewSheets'>): ReviewSheet[] {
  assertYear(p.year);
  const date = localDay(s.now());
  if (!p.members) {
    const row = reportRow(s, p.unitId, p.year);
    const state: SubmissionState = !row
      ? '未收到'
      : row.format === null
        ? '旧格式'
        : (row.status as SubmissionState);
    return [sheetOf(s, p.unitId, p.year, state, p.reviewer, date)];
  }
  return submissions(s, { unitId: p.unitId, year: p.year }).members.map((m) =>
    sheetOf(s, m.unitId, p.year, m.state, p.reviewer, date),
  );
}
