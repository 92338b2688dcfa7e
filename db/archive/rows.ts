/**
 * The archive's rows and the lookups every part of it shares: a unit, a report of a year, a
 * revision, the head revision's body, the journal, the finalisation in force.
 */
import { ApiError, type Deadlines, type PublishedInfo, type RevisionReason } from '../../core/api';
import { YEAR_RANGE, isReportYear } from '../../core/formats';
import { UNIT_KINDS, type UnitKind } from '../../core/model';
import { parseMonthDay } from '../../core/text';
import type { StoredBody } from '../text';
import { damaged, type Store } from './store';

export interface UnitRow {
  id: string;
  name: string;
  kind: UnitKind | null;
  parent_id: string | null;
  merged_into: string | null;
}

export interface ReportRow {
  id: number;
  unit_id: string;
  year: number;
  format: '2019' | '2021' | null;
  line: number;
  head: number;
  title: string;
  status: string;
  errors: number;
  warnings: number;
  updated_at: string;
  updated_by: string;
}

export interface RevisionRow {
  number: number;
  line: number;
  at: string;
  author: string;
  reason: RevisionReason;
  note: string;
  body: string;
  hash: string;
}

export interface FinalisationRow {
  id: number;
  revision: number;
  at: string;
  by: string;
  sha256: string | null;
}

/** Refuses a year outside the years the archive keeps. */
export function assertYear(year: number): void {
  if (!isReportYear(year)) {
    throw new ApiError('INVALID', `年度“${year}”无效，应为 ${YEAR_RANGE} 之间的年份。`);
  }
}

export function unitRow(s: Store, id: string): UnitRow {
  const row = s
    .stmt('SELECT id, name, kind, parent_id, merged_into FROM units WHERE id = ?')
    .get(id) as UnitRow | undefined;
  if (!row) throw new ApiError('NOT_FOUND', '找不到这个单位（可能已被删除或合并）。');
  return row;
}

export function reportRow(s: Store, unitId: string, year: number): ReportRow | undefined {
  return s.stmt('SELECT * FROM reports WHERE unit_id = ? AND year = ?').get(unitId, year) as
    ReportRow | undefined;
}

/** The report of a unit's year, or NOT_FOUND naming the unit. */
export function requireReport(s: Store, unitId: string, year: number): ReportRow {
  assertYear(year);
  const row = reportRow(s, unitId, year);
  if (!row) {
    const unit = unitRow(s, unitId);
    throw new ApiError('NOT_FOUND', `“${unit.name}”没有${year}年度的报告。`);
  }
  return row;
}

export function revisionRow(s: Store, reportId: number, number: number): RevisionRow {
  const row = s
    .stmt(
      'SELECT number, line, at, author, reason, note, body, hash FROM revisions WHERE report_id = ? AND number = ?',
    )
    .get(reportId, number) as RevisionRow | undefined;
  if (!row) throw new ApiError('NOT_FOUND', `没有第 ${number} 版。`);
  return row;
}

/** The body of a revision (the head revision's when no number is given). */
export function revisionBody(s: Store, row: ReportRow, number = row.head): StoredBody {
  return parseStored(s, revisionRow(s, row.id, number).body, `报告的第 ${number} 版`);
}

/**
 * A stored JSON body (a revision, a journal entry), or the damage message with the recovery
 * advice when it cannot be read (changed behind the archive): never JSON's own English error.
 */
export function parseStored<T = StoredBody>(s: Store, json: string, what: string): T {
  try {
    return JSON.parse(json) as T;
  } catch (error) {
    throw damaged(s.path, new Error(`${what}无法读取（${(error as Error).message}）`));
  }
}

/** The finalisation in force (not reopened), if any: the report is locked while there is one. */
export function activeFinalisation(s: Store, reportId: number): FinalisationRow | undefined {
  return s
    .stmt(
      `SELECT id, revision, at, by, sha256 FROM finalisations
        WHERE report_id = ? AND reopened_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(reportId) as FinalisationRow | undefined;
}

/** The 已发布（存档） mark in force on a report, if any: it is read-only while there is one. */
export function activePublication(s: Store, reportId: number): PublishedInfo | undefined {
  return s
    .stmt(
      `SELECT revision, at, by, reason FROM publications
        WHERE report_id = ? AND unmarked_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(reportId) as PublishedInfo | undefined;
}

/** The edit journal of a report (unsaved edits), if any. */
export function journalRow(
  s: Store,
  reportId: number,
): { author: string; body: string } | undefined {
  return s.stmt('SELECT author, body FROM journal WHERE report_id = ?').get(reportId) as
    { author: string; body: string } | undefined;
}

/** The settings row of the office's deadlines (settings.ts). */
export const DEADLINES_KEY = 'deadlines';

/** The office's deadlines (only valid "MM-DD" values of known kinds are taken). */
export function officeDeadlines(s: Store): Deadlines {
  const row = s.stmt('SELECT value FROM settings WHERE key = ?').get(DEADLINES_KEY) as
    { value: string } | undefined;
  if (!row) return {};
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return {};
  }
  const out: Partial<Record<UnitKind, string>> = {};
  for (const kind of UNIT_KINDS) {
    const value = (stored as Record<string, unknown> | null)?.[kind];
    const md = typeof value === 'string' ? parseMonthDay(value) : undefined;
    if (md) out[kind] = md;
  }
  return out;
}
