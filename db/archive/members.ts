/**
 * 汇总 over the archive, reading only (issue 15 item 4): which units are a parent's members for
 * a year, their reports as they stand (the edit journal's unsaved state included, a finalised
 * report as finalised — what the editor and the comparison show) and their sum by core/aggregate.
 * The checks (summary.ts) use it for AGGREGATE_MISMATCH; aggregate.ts writes the sums.
 */
import { ApiError } from '../../core/api';
import {
  aggregate,
  defaultMembers,
  memberProblem,
  type Aggregation,
  type MemberInput,
  type TreeUnit,
} from '../../core/aggregate';
import { formatForYear } from '../../core/formats';
import type { Report } from '../../core/model';
import { isLegacyBody, type StoredBody } from '../text';
import { parseStored, unitRow } from './rows';
import type { Store } from './store';

/** The units as the member choice needs them (merged units are no one's members). */
export function treeUnits(s: Store): TreeUnit[] {
  return (
    s.stmt('SELECT id, name, parent_id, merged_into FROM units ORDER BY name, id').all() as {
      id: string;
      name: string;
      parent_id: string | null;
      merged_into: string | null;
    }[]
  ).map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id, mergedInto: u.merged_into }));
}

interface MemberRow {
  body: string;
  status: string;
  errors: number;
  warnings: number;
}

/** A unit's report of the year as it stands, with its stored summary; undefined: none. */
const MEMBER = `SELECT COALESCE(CASE WHEN EXISTS (SELECT 1 FROM finalisations f
                                   WHERE f.report_id = r.id AND f.reopened_at IS NULL)
                     THEN NULL ELSE j.body END, v.body) AS body,
       r.status AS status, r.errors AS errors, r.warnings AS warnings
  FROM reports r
  JOIN revisions v ON v.report_id = r.id AND v.number = r.head
  LEFT JOIN journal j ON j.report_id = r.id
 WHERE r.unit_id = ? AND r.year = ?`;

/**
 * The members to sum: the ids given (checked: under the parent, none below another), else the
 * ones the parent's report was last aggregated from, else the parent's direct children.
 */
export function chooseMembers(
  s: Store,
  parentId: string,
  given: readonly string[] | undefined,
  recorded: readonly string[] | undefined,
): TreeUnit[] {
  const parent = unitRow(s, parentId);
  const units = treeUnits(s);
  const byId = new Map(units.map((u) => [u.id, u]));
  if (given && given.length === 0) throw new ApiError('INVALID', '请至少选择一个参加汇总的单位。');
  const ids = given ?? recorded?.filter((id) => byId.has(id));
  if (!ids) return defaultMembers(units, parentId);
  const unique = [...new Set(ids)];
  const problem = memberProblem(units, parent, unique);
  if (problem) throw new ApiError('INVALID', problem);
  return unique.map((id) => byId.get(id)!);
}

/** The members' reports of the year and their sum in the format the parent reports in. */
export function memberAggregation(
  s: Store,
  year: number,
  format: Report['format'],
  members: readonly TreeUnit[],
): Aggregation {
  const inputs: MemberInput[] = members.map((m) => {
    const row = s.stmt(MEMBER).get(m.id, year) as MemberRow | undefined;
    if (!row) return { unitId: m.id, name: m.name, report: null };
    const body = parseStored<StoredBody>(s, row.body, `“${m.name}”${year}年度报告`);
    return {
      unitId: m.id,
      name: m.name,
      report: isLegacyBody(body) ? 'legacy' : body,
      status: row.status,
      errors: row.errors,
      warnings: row.warnings,
    };
  });
  return aggregate(year, format, inputs);
}

/** The format a parent's aggregate for a year is in: its report's, else the year's. */
export function aggregateFormat(year: number, report: Report | null): Report['format'] {
  const format = report?.format ?? formatForYear(year);
  if (!format) throw new ApiError('INVALID', `${year}年度没有统计表，不能汇总。`);
  return format;
}

/**
 * The sum an aggregated report is checked against (AGGREGATE_MISMATCH): its recorded members
 * as they now stand. Members that were merged away or deleted are left out.
 */
export function recordedAggregation(s: Store, report: Report): Aggregation | undefined {
  if (!report.aggregated) return undefined;
  const units = new Map(treeUnits(s).map((u) => [u.id, u]));
  const members = report.aggregated.members.flatMap((id) => units.get(id) ?? []);
  return memberAggregation(s, report.year, report.format, members);
}
