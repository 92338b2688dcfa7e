/**
 * 已发布（存档） (issue 13 item 13): a past year's report imported as it was published on the
 * website is marked so — read-only like a finalised one, its findings still shown but not counted
 * as a to-do. Marking and taking the mark back are signed, and each is a revision of its own
 * (the content unchanged) with who and why, so both show in 历史. The record is kept for good.
 */
import { ApiError, type Payload, type SaveResult } from '../../core/api';
import { currentReportYear } from '../../core/dates';
import { isLegacyBody } from '../text';
import { addRevision, saveResult } from './revisions';
import {
  activeFinalisation,
  activePublication,
  journalRow,
  requireReport,
  revisionBody,
  type ReportRow,
} from './rows';
import type { Store } from './store';

/** Whether the report was ever marked (a mark taken back is not put on again by an import). */
function everMarked(s: Store, reportId: number): boolean {
  return (
    s.stmt('SELECT 1 FROM publications WHERE report_id = ? LIMIT 1').get(reportId) !== undefined
  );
}

/** A past year: before the report year being written now (the current one is never marked). */
export function isPastYear(s: Store, year: number): boolean {
  return year < currentReportYear(s.now());
}

/** Marks a report (inside a write transaction): the record, then a 'publish' revision. */
function mark(s: Store, row: ReportRow, author: string, reason: string): SaveResult {
  if (row.format === null || isLegacyBody(revisionBody(s, row))) {
    throw new ApiError('INVALID', `${row.year}年度报告是旧格式文本，本就只读，不需要标记。`);
  }
  const fin = activeFinalisation(s, row.id);
  if (fin) throw new ApiError('CONFLICT', `${row.year}年度报告已定稿，不需要再标记为已发布。`);
  if (activePublication(s, row.id)) {
    throw new ApiError('CONFLICT', `${row.year}年度报告已标记为已发布（存档）。`);
  }
  if (journalRow(s, row.id)) {
    throw new ApiError('CONFLICT', '报告还有未保存的修改，请先保存再标记为已发布。');
  }
  s.stmt(
    'INSERT INTO publications (report_id, revision, at, by, reason) VALUES (?, ?, ?, ?, ?)',
  ).run(row.id, row.head + 1, s.stamp(), author, reason);
  const added = addRevision(
    s,
    row,
    revisionBody(s, row),
    'publish',
    author,
    reason || '标记为已发布（存档）',
    true,
  );
  return saveResult(row, added);
}

export function markPublished(s: Store, p: Payload<'markPublished'>): SaveResult {
  return s.write(() =>
    mark(s, requireReport(s, p.unitId, p.year), p.author.trim(), p.reason.trim()),
  );
}

/** Takes the mark back (a reason required): the report can be edited again. */
export function unmarkPublished(s: Store, p: Payload<'unmarkPublished'>): SaveResult {
  const why = p.reason.trim();
  if (!why) throw new ApiError('INVALID', '取消已发布标记必须写明理由。');
  return s.write(() => {
    const row = requireReport(s, p.unitId, p.year);
    if (!activePublication(s, row.id)) {
      throw new ApiError('CONFLICT', `${p.year}年度报告没有标记为已发布（存档）。`);
    }
    s.stmt(
      `UPDATE publications SET unmarked_at = ?, unmarked_by = ?, unmark_reason = ?
        WHERE report_id = ? AND unmarked_at IS NULL`,
    ).run(s.stamp(), p.author.trim(), why, row.id);
    const added = addRevision(
      s,
      row,
      revisionBody(s, row),
      'unpublish',
      p.author.trim(),
      why,
      true,
    );
    return saveResult(row, added);
  });
}

/**
 * An import asked to mark past years: marks the report just imported (or re-imported unchanged)
 * when it is a past year's structured report, not finalised, not marked, and never marked before
 * (a mark someone took back is not put on again). Inside the import's write transaction.
 */
export function markImported(s: Store, row: ReportRow, author: string, file: string): boolean {
  if (row.format === null || !isPastYear(s, row.year)) return false;
  if (activeFinalisation(s, row.id) || everMarked(s, row.id) || journalRow(s, row.id)) return false;
  if (isLegacyBody(revisionBody(s, row))) return false;
  mark(s, row, author, `导入时标记：网站上已发布的往年报告（${file}）`);
  return true;
}
