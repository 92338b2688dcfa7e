/**
 * Reports: one per unit and year, each stored state an immutable revision. Listing a unit's
 * years, creating (blank or copied from last year), opening (with unsaved journal edits),
 * saving, the journal, history, restoring an old revision, storing an import, checking and
 * exporting.
 */
import {
  ApiError,
  STALE_MARK,
  type CheckResult,
  type ExportedFile,
  type FinalisationInfo,
  type OpenedReport,
  type Payload,
  type RevisionContent,
  type RevisionInfo,
  type SaveResult,
  type YearInfo,
} from '../../core/api';
import { copyReportForYear } from '../../core/carry';
import { carryDecisions, countOpen, reportStatus } from '../../core/checks';
import { sha256 } from '../hash';
import { reportCells, toCsv } from '../../core/export';
import { serialiseReport } from '../../core/file';
import {
  FILE_EXTENSION,
  PUBLISHED_STATUS,
  ReportFileError,
  blankReport,
  type Report,
} from '../../core/model';
import { isLegacyBody, type LegacyBody } from '../text';
import { assertUnlocked } from './finalisations';
import {
  addRevision,
  canonical,
  clearJournal,
  foldJournal,
  newReportRow,
  saveResult,
} from './revisions';
import {
  activeFinalisation,
  activePublication,
  officeDeadlines,
  assertYear,
  journalRow,
  parseStored,
  reportRow,
  requireReport,
  revisionBody,
  unitRow,
  type ReportRow,
  type RevisionRow,
} from './rows';
import type { Store } from './store';
import { markImported } from './published';
import { findingsFor } from './summary';
import { unit } from './units';

export function listYears(s: Store, p: Payload<'listYears'>): YearInfo[] {
  unitRow(s, p.unitId);
  const rows = s
    .stmt(
      `SELECT r.*, EXISTS (SELECT 1 FROM journal j WHERE j.report_id = r.id) AS pending,
              EXISTS (SELECT 1 FROM finalisations f WHERE f.report_id = r.id AND f.reopened_at IS NULL) AS locked
         FROM reports r WHERE r.unit_id = ? ORDER BY r.year DESC`,
    )
    .all(p.unitId) as (ReportRow & { pending: number; locked: number })[];
  return rows.map((r) => {
    const published = activePublication(s, r.id) ?? null;
    return {
      year: r.year,
      format: r.format,
      title: r.title,
      status: r.status as YearInfo['status'],
      errors: r.errors,
      warnings: r.warnings,
      revision: r.head,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
      locked: r.locked === 1 || published !== null,
      pending: r.pending === 1,
      published,
    };
  });
}

/** A report of the core model, or INVALID with the model's own message. */
function made(make: () => Report): Report {
  try {
    return make();
  } catch (error) {
    if (error instanceof ReportFileError) throw new ApiError('INVALID', error.message);
    throw error;
  }
}

export function createReport(s: Store, p: Payload<'createReport'>): OpenedReport {
  assertYear(p.year);
  s.write(() => {
    const u = unitRow(s, p.unitId);
    const report = made(() => blankReport({ id: u.id, name: u.name, kind: u.kind }, p.year));
    const row = newReportRow(s, p.unitId, p.year);
    addRevision(s, row, canonical(p.unitId, p.year, report), 'create', p.author);
  });
  return openReport(s, p);
}

/** openReport, or null when the unit (which must exist) has no report for the year. */
export function findReport(s: Store, p: Payload<'findReport'>): OpenedReport | null {
  assertYear(p.year);
  unitRow(s, p.unitId);
  return reportRow(s, p.unitId, p.year) ? openReport(s, p) : null;
}

export function openReport(s: Store, p: Payload<'openReport'>): OpenedReport {
  const { unitId, year } = p;
  const row = requireReport(s, unitId, year);
  const info = unit(s, unitId);
  const body = revisionBody(s, row);
  const fin = activeFinalisation(s, row.id) ?? null;
  const finalisation: FinalisationInfo | null = fin
    ? { revision: fin.revision, at: fin.at, by: fin.by, sha256: fin.sha256 }
    : null;
  const published = activePublication(s, row.id) ?? null;
  const base = {
    unit: info,
    year,
    revision: row.head,
    line: row.line,
    locked: !!fin || !!published,
    finalisation,
    published,
  };
  if (isLegacyBody(body)) return { ...base, legacy: true, title: body.title, text: body.text };
  const journal = fin || published ? undefined : journalRow(s, row.id)?.body;
  const stored = journal ? parseStored<Report>(s, journal, '未保存的修改') : body;
  // a report moved by a merge still names its former unit id inside
  const report =
    stored.unit.id === unitId ? stored : { ...stored, unit: { ...stored.unit, id: unitId } };
  return {
    ...base,
    legacy: false,
    report: fin
      ? {
          ...report,
          finalised: {
            at: fin.at,
            by: fin.by,
            revision: fin.revision,
            ...(fin.sha256 ? { sha256: fin.sha256 } : {}),
          },
        }
      : report,
    recovered: journal !== undefined,
    deadlines: officeDeadlines(s),
  };
}

export function saveReport(
  s: Store,
  p: Pick<Payload<'saveReport'>, 'unitId' | 'year' | 'report' | 'reason' | 'author'> & {
    /** Recorded with the revision (the API's saves have none). */
    readonly note?: string;
    readonly base?: number | undefined;
  },
): SaveResult {
  return s.write(() => {
    const row = requireReport(s, p.unitId, p.year);
    assertUnlocked(s, row);
    assertBase(s, row, p.base);
    const body = canonical(p.unitId, p.year, p.report);
    if (isLegacyBody(body)) throw new ApiError('INVALID', '旧格式文本不能按报告保存。');
    const added = addRevision(s, row, body, p.reason, p.author, p.note);
    clearJournal(s, row.id);
    return saveResult(row, added);
  });
}

export function writeJournal(s: Store, p: Payload<'writeJournal'>): void {
  s.write(() => {
    const row = requireReport(s, p.unitId, p.year);
    assertUnlocked(s, row);
    assertBase(s, row, p.base);
    const body = canonical(p.unitId, p.year, p.report);
    s.stmt(
      `INSERT INTO journal (report_id, base, at, author, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (report_id) DO UPDATE SET base = excluded.base, at = excluded.at,
           author = excluded.author, body = excluded.body`,
    ).run(row.id, row.head, s.stamp(), p.author, JSON.stringify(body));
  });
}

/**
 * A window's write based on revision `base` while the archive's newest is another one: another
 * window (or tab) saved meanwhile. Refused (STALE), saying who saved which revision when.
 */
export function assertBase(s: Store, row: ReportRow, base: number | undefined): void {
  if (base === undefined || base === row.head) return;
  const who = row.updated_by.trim() || '未署名';
  throw new ApiError(
    'STALE',
    `${row.year}年度报告${STALE_MARK} ${row.head} 版（操作人：${who}）；` +
      `本窗口的修改基于第 ${base} 版，没有保存，以免覆盖那边的修改。` +
      '可以在“历史”中查看另一版本，把本窗口的内容另存为新修订，或重新载入。',
  );
}

export function copyLastYear(s: Store, p: Payload<'copyLastYear'>): OpenedReport {
  const { unitId, from, to } = p;
  assertYear(from);
  assertYear(to);
  s.write(() => {
    const body = revisionBody(s, requireReport(s, unitId, from));
    if (isLegacyBody(body)) {
      throw new ApiError(
        'INVALID',
        `${from}年度报告是旧格式文本，不能作为模板复制，请新建空白报告。`,
      );
    }
    const u = unitRow(s, unitId);
    const copy = made(() => copyReportForYear(body, { id: u.id, name: u.name, kind: u.kind }, to));
    const row = newReportRow(s, unitId, to);
    addRevision(s, row, canonical(unitId, to, copy), 'copy', p.author, `从${from}年度报告复制`);
  });
  return openReport(s, { unitId, year: to });
}

export function history(s: Store, p: Payload<'history'>): RevisionInfo[] {
  const row = requireReport(s, p.unitId, p.year);
  const finalised = new Set(
    s
      .stmt('SELECT revision FROM finalisations WHERE report_id = ?')
      .pluck()
      .all(row.id) as number[],
  );
  const rows = s
    .stmt(
      'SELECT number, line, at, author, reason, note FROM revisions WHERE report_id = ? ORDER BY number DESC',
    )
    .all(row.id) as Omit<RevisionRow, 'body' | 'hash'>[];
  return rows.map((r) => ({
    revision: r.number,
    line: r.line,
    at: r.at,
    author: r.author,
    reason: r.reason,
    note: r.note,
    finalised: finalised.has(r.number),
  }));
}

export function openRevision(s: Store, p: Payload<'openRevision'>): RevisionContent {
  const body = revisionBody(s, requireReport(s, p.unitId, p.year), p.revision);
  return isLegacyBody(body)
    ? { legacy: true, title: body.title, text: body.text }
    : { legacy: false, report: body };
}

/** Makes an old revision the newest one again (a new revision: history is never rewritten). */
export function restoreRevision(s: Store, p: Payload<'restoreRevision'>): SaveResult {
  return s.write(() => {
    let row = requireReport(s, p.unitId, p.year);
    assertUnlocked(s, row);
    const old = revisionBody(s, row, p.revision);
    row = foldJournal(s, row);
    const added = addRevision(s, row, old, 'restore', p.author, `恢复为第 ${p.revision} 版`);
    clearJournal(s, row.id);
    return saveResult(row, added);
  });
}

export interface ImportedContent {
  readonly unitId: string;
  readonly year: number;
  readonly content: Report | LegacyBody;
  readonly author: string;
  /** The file it came from (the revision's note). */
  readonly file: string;
  /** The year has a report with other content: replace it (else it is left as it is). */
  readonly replace?: boolean;
  /**
   * Mark a past year's report 已发布（存档） (imported, or unchanged and never marked before);
   * see published.markImported.
   */
  readonly published?: boolean;
}

/** What the archive holds for a year an import would replace (it was not replaced). */
export interface ExistingReport {
  readonly status: string;
  readonly errors: number;
  readonly revision: number;
}

/**
 * Stores an imported report or legacy document as the newest revision of its year (creating
 * the report when the year has none). Identical content adds nothing. A year that has a report
 * with other content is replaced only when asked (`replace`): else nothing changes and the
 * answer says what is there. Replacing keeps the replaced report's decisions (overrides,
 * 已核实) whose finding the imported content still has; the replaced content stays in history.
 */
export function storeImported(
  s: Store,
  p: ImportedContent,
):
  | { status: 'imported' | 'unchanged'; revision: number; published?: boolean }
  | { status: 'exists'; existing: ExistingReport } {
  return s.write(() => {
    const existing = reportRow(s, p.unitId, p.year);
    let body = canonical(p.unitId, p.year, p.content);
    // the same content again is no change, even to a published report (a folder imported twice)
    if (existing && existing.head > 0 && activePublication(s, existing.id)) {
      if (sameAsHead(s, existing, body)) return { status: 'unchanged', revision: existing.head };
    }
    if (existing) assertUnlocked(s, existing);
    if (existing && existing.head > 0) {
      if (sameAsHead(s, existing, body)) {
        return p.published && markImported(s, existing, p.author, p.file)
          ? { status: 'unchanged', revision: existing.head + 1, published: true }
          : { status: 'unchanged', revision: existing.head };
      }
      if (!p.replace) {
        return {
          status: 'exists',
          existing: { status: existing.status, errors: existing.errors, revision: existing.head },
        };
      }
      const before = revisionBody(s, existing);
      if (!isLegacyBody(before) && !isLegacyBody(body)) {
        const { findings } = findingsFor(s, p.unitId, p.year, body);
        body = carryDecisions(body, before.decisions, findings);
      }
    }
    const row = existing ? foldJournal(s, existing) : newReportRow(s, p.unitId, p.year);
    const added = addRevision(s, row, body, 'import', p.author, p.file);
    if (added === null) return { status: 'unchanged', revision: row.head };
    if (p.published && markImported(s, { ...row, head: added }, p.author, p.file)) {
      return { status: 'imported', revision: added + 1, published: true };
    }
    return { status: 'imported', revision: added };
  });
}

/** Whether a body is exactly the report's newest revision. */
function sameAsHead(s: Store, row: ReportRow, body: unknown): boolean {
  const head = s
    .stmt('SELECT hash FROM revisions WHERE report_id = ? AND number = ?')
    .pluck()
    .get(row.id, row.head);
  return head === sha256(JSON.stringify(body));
}

/** The checks on a report of the archive: the state being edited, else the current one. */
export function checkReport(
  s: Store,
  p: Pick<Payload<'checkReport'>, 'unitId' | 'year'> & Partial<Payload<'checkReport'>>,
): CheckResult {
  const { unitId, year } = p;
  const row = requireReport(s, unitId, year);
  if (row.format === null) throw new ApiError('INVALID', `${year}年度报告是旧格式文本，不做检查。`);
  const opened = openReport(s, { unitId, year });
  const current = p.report ?? (opened.legacy ? undefined : opened.report);
  if (!current) throw new ApiError('INVALID', '旧格式文本不做检查。');
  if (current.year !== year) {
    throw new ApiError('INVALID', `报告的年度（${current.year}）与检查的年度（${year}）不一致。`);
  }
  const { findings, prior } = findingsFor(s, unitId, year, current, p.deadline);
  const { errors, warnings } = countOpen(findings);
  return {
    findings,
    // a published report's findings are listed; its status says they are no to-do
    status: activePublication(s, row.id) ? PUBLISHED_STATUS : reportStatus(current, findings),
    errors,
    warnings,
    priorYear: prior ? prior.year : null,
  };
}

/** The report (newest state) as a data file: the .nianbao.json, or the CSV of every cell. */
export function exportReport(s: Store, p: Payload<'exportReport'>): ExportedFile {
  const opened = openReport(s, p);
  if (opened.legacy) {
    throw new ApiError('INVALID', `${p.year}年的报告是旧格式文本，只能查看，不能导出为数据文件。`);
  }
  const base = `${opened.unit.name}${p.year}年政府信息公开工作年度报告`.replace(
    /[\\/:*?"<>|]/gu,
    '_',
  );
  return p.format === 'json'
    ? {
        fileName: `${base}${FILE_EXTENSION}`,
        mime: 'application/json',
        text: serialiseReport(opened.report),
      }
    : { fileName: `${base}.csv`, mime: 'text/csv', text: toCsv(reportCells(opened.report)) };
}
