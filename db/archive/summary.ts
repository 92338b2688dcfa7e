/**
 * The stored summary of each report (its title, status and open error and warning counts, as
 * the home screen lists them) and the checks behind it: the only place db/ runs the checks.
 * The prior year comes from the archive (the same unit, whatever its name was then) and the
 * kind from the unit (else the report's).
 */
import { countOpen, reportStatus, resolveFindings, runChecks } from '../../core/checks';
import type { ResolvedFinding } from '../../core/checks';
import { PUBLISHED_STATUS, type Report } from '../../core/model';
import { isLegacyBody, type StoredBody } from '../text';
import {
  activeFinalisation,
  activePublication,
  officeDeadlines,
  reportRow,
  revisionBody,
  unitRow,
  type ReportRow,
} from './rows';
import type { Store } from './store';
import { recordedAggregation } from './members';

/** Every check on a report of this unit and year, with the archived report of the year before. */
export function findingsFor(
  s: Store,
  unitId: string,
  year: number,
  report: Report,
  deadline?: string,
): { findings: ResolvedFinding[]; prior: Report | undefined } {
  const unit = unitRow(s, unitId);
  const prior = priorReport(s, unitId, year);
  const aggregate = recordedAggregation(s, report);
  const findings = resolveFindings(
    runChecks(report, {
      kind: unit.kind ?? report.unit.kind ?? null,
      ...(prior ? { prior } : {}),
      ...(deadline ? { deadline } : {}),
      ...(aggregate ? { aggregate } : {}),
      deadlines: officeDeadlines(s),
    }),
    report.decisions,
  );
  return { findings, prior };
}

/** The archived report of the year before (same unit, whatever its name was then). */
function priorReport(s: Store, unitId: string, year: number): Report | undefined {
  const row = reportRow(s, unitId, year - 1);
  if (!row || row.format === null) return undefined;
  const body = revisionBody(s, row);
  return isLegacyBody(body) ? undefined : body;
}

/** Recomputes the stored summary (status, counts) of a report's newest revision. */
export function summarise(s: Store, row: ReportRow, body: StoredBody): void {
  if (isLegacyBody(body)) {
    s.stmt('UPDATE reports SET title = ?, status = ?, errors = 0, warnings = 0 WHERE id = ?').run(
      body.title,
      '旧格式',
      row.id,
    );
    return;
  }
  const { findings } = findingsFor(s, row.unit_id, row.year, body);
  const { errors, warnings } = countOpen(findings);
  const locked = activeFinalisation(s, row.id) !== undefined;
  // a published report keeps its counts (its findings are shown) but is no to-do
  const status = locked
    ? '已定稿'
    : activePublication(s, row.id)
      ? PUBLISHED_STATUS
      : reportStatus(body, findings);
  s.stmt('UPDATE reports SET title = ?, status = ?, errors = ?, warnings = ? WHERE id = ?').run(
    body.title,
    status,
    errors,
    warnings,
    row.id,
  );
}

/** The summaries of every report of a unit (its kind or its years changed). */
export function refreshSummaries(s: Store, unitId: string): void {
  for (const row of s.stmt('SELECT * FROM reports WHERE unit_id = ?').all(unitId) as ReportRow[]) {
    summarise(s, row, revisionBody(s, row));
  }
}

/** The summary of a report just finalised: its findings are those of its summarised head. */
export function markFinalised(s: Store, row: ReportRow): void {
  s.stmt('UPDATE reports SET status = ? WHERE id = ?').run('已定稿', row.id);
}

/**
 * A member's report changed: the stored summary of each report above it that was aggregated
 * from it (its AGGREGATE_MISMATCH count) follows.
 */
export function refreshAggregates(s: Store, unitId: string, year: number): void {
  const seen = new Set<string>([unitId]);
  for (let up = unitRow(s, unitId).parent_id; up && !seen.has(up); up = unitRow(s, up).parent_id) {
    seen.add(up);
    const row = reportRow(s, up, year);
    if (!row || row.head === 0 || row.format === null) continue;
    const body = revisionBody(s, row);
    if (!isLegacyBody(body) && body.aggregated?.members.includes(unitId)) summarise(s, row, body);
  }
}
