/**
 * Revisions and the edit journal: adding a revision (immutable; the search index and the
 * stored summaries follow it), the canonical form a report is stored in, unsaved journal edits
 * kept as a revision before something else replaces them, clearing the journal, and what a save
 * answers.
 */
import { ApiError, type RevisionReason, type SaveResult } from '../../core/api';
import { formatForYear } from '../../core/formats';
import { ReportSchema, type Report } from '../../core/model';
import { sha256 } from '../hash';
import { isLegacyBody, type LegacyBody, type StoredBody } from '../text';
import {
  assertYear,
  journalRow,
  parseStored,
  reportRow,
  revisionBody,
  unitRow,
  type ReportRow,
} from './rows';
import { indexReport } from './search';
import type { Store } from './store';
import { refreshAggregates, summarise } from './summary';

/** The canonical stored form: the archive's unit id, no finalisation (the record holds it). */
export function canonical(unitId: string, year: number, content: Report | LegacyBody): StoredBody {
  if (isLegacyBody(content)) {
    if (year >= 2019) {
      throw new ApiError('INVALID', `${year}年度的报告应按现行格式保存，不能只存文本。`);
    }
    return { legacy: true, title: content.title, text: content.text };
  }
  if (content.year !== year) {
    throw new ApiError(
      'INVALID',
      `报告的年度（${content.year}）与保存位置的年度（${year}）不一致。`,
    );
  }
  if (!formatForYear(year)) {
    throw new ApiError('INVALID', `${year}年的报告使用旧格式，只能作为文本存档。`);
  }
  const parsed = ReportSchema.safeParse(content);
  if (!parsed.success) throw new ApiError('INVALID', '报告数据无效，未保存。');
  return { ...parsed.data, unit: { ...parsed.data.unit, id: unitId }, finalised: null };
}

/**
 * Adds a revision (inside a write transaction): the search index and the stored summary follow,
 * and next year's summary too (its cross-year checks read this one). Returns the new number, or
 * null when the body equals the newest revision's (unless `force`).
 */
export function addRevision(
  s: Store,
  row: ReportRow,
  body: StoredBody,
  reason: RevisionReason,
  author: string,
  note = '',
  force = false,
): number | null {
  const json = JSON.stringify(body);
  const hash = sha256(json);
  if (!force && row.head > 0) {
    const head = s
      .stmt('SELECT hash FROM revisions WHERE report_id = ? AND number = ?')
      .pluck()
      .get(row.id, row.head);
    if (head === hash) return null;
  }
  const number = row.head + 1;
  const at = s.stamp();
  s.stmt(
    'INSERT INTO revisions (report_id, number, line, at, author, reason, note, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.id, number, row.line, at, author, reason, note, json, hash);
  s.revisionAdded();
  s.stmt(
    'UPDATE reports SET head = ?, updated_at = ?, updated_by = ?, format = ? WHERE id = ?',
  ).run(number, at, author, isLegacyBody(body) ? null : body.format, row.id);
  indexReport(s, row.id, body);
  summarise(s, { ...row, head: number }, body);
  const next = reportRow(s, row.unit_id, row.year + 1);
  if (next && next.head > 0) summarise(s, next, revisionBody(s, next));
  refreshAggregates(s, row.unit_id, row.year);
  return number;
}

/** A new report row for a unit's year (no revision yet); CONFLICT when the year has one. */
export function newReportRow(s: Store, unitId: string, year: number): ReportRow {
  assertYear(year);
  unitRow(s, unitId);
  if (reportRow(s, unitId, year)) {
    throw new ApiError('CONFLICT', `${year}年度已有报告。`);
  }
  s.stmt('INSERT INTO reports (unit_id, year, format, updated_at) VALUES (?, ?, ?, ?)').run(
    unitId,
    year,
    formatForYear(year),
    s.stamp(),
  );
  return reportRow(s, unitId, year)!;
}

/** Drops a report's unsaved edits (they were saved, or kept as a revision). */
export function clearJournal(s: Store, reportId: number): void {
  s.stmt('DELETE FROM journal WHERE report_id = ?').run(reportId);
}

/**
 * Someone else's unsaved edits (the journal) are about to be superseded by a revision that
 * does not come from them (a restore, an import): they become a revision of their own first,
 * so nothing typed is lost. Returns the report row as it now is.
 */
export function foldJournal(s: Store, row: ReportRow): ReportRow {
  const journal = journalRow(s, row.id);
  if (!journal) return row;
  clearJournal(s, row.id);
  const number = addRevision(
    s,
    row,
    parseStored(s, journal.body, '未保存的修改'),
    'journal',
    journal.author,
    '未保存的修改，在被替换前保存',
  );
  return number === null ? row : reportRow(s, row.unit_id, row.year)!;
}

/** What a save answers: the new revision, or the newest one when nothing changed. */
export function saveResult(row: ReportRow, added: number | null): SaveResult {
  return added === null
    ? { revision: row.head, created: false }
    : { revision: added, created: true };
}
