/**
 * Finalisation (定稿) and its rules, in one place: what may be finalised (a current-format
 * report, not finalised already, no unsaved edits, no open error), what is to be printed (the
 * archived PDF of a finalised report, or a revision with its time and open errors), the record
 * of the exact PDF and its SHA-256 (the report is then locked), reopening with a reason, and
 * which finalised report a PDF file is.
 */
import {
  ApiError,
  type ArchivedPdfFile,
  type FinalisationEntry,
  type FinalisationInfo,
  type Payload,
  type SaveResult,
  type VerifyPdfResult,
} from '../../core/api';
import type { Report } from '../../core/model';
import { sha256 } from '../hash';
import { isLegacyBody } from '../text';
import { addRevision, saveResult } from './revisions';
import {
  activeFinalisation,
  activePublication,
  journalRow,
  reportRow,
  requireReport,
  unitRow,
  revisionBody,
  revisionRow,
  type ReportRow,
} from './rows';
import type { Store } from './store';
import { findingsFor, markFinalised } from './summary';

/** At most this many open errors are listed when finalising is refused. */
const MAX_LISTED = 20;

/** The message a change to a report marked 已发布（存档） is refused with. */
export const PUBLISHED_LOCKED = '该报告已标记为已发布（存档），如需修改请先取消标记。';

/**
 * Refuses any change to a finalised report (until it is reopened with a reason) or to one marked
 * 已发布（存档） (until the mark is taken back with a reason).
 */
export function assertUnlocked(s: Store, row: ReportRow): void {
  if (activePublication(s, row.id)) throw new ApiError('LOCKED', PUBLISHED_LOCKED);
  const fin = activeFinalisation(s, row.id);
  if (fin) {
    throw new ApiError(
      'LOCKED',
      `${row.year}年度报告已于 ${fin.at.slice(0, 10)} 定稿（第 ${fin.revision} 版），不能修改。如需修改，请先“重新打开”并写明理由。`,
    );
  }
}

/** Whether a report may be finalised now, whatever its findings: refused with the reason. */
function assertFinalisable(s: Store, row: ReportRow): void {
  if (row.format === null) throw new ApiError('INVALID', '旧格式文本不能定稿。');
  assertUnlocked(s, row);
  if (journalRow(s, row.id)) {
    throw new ApiError('CONFLICT', '报告还有未保存的修改，请先保存再定稿。');
  }
}

export interface PrintRequest {
  readonly unitId: string;
  readonly year: number;
  /** A revision to render afresh; default: the newest (the archived PDF when finalised). */
  readonly revision?: number | undefined;
  /** For finalising (定稿): the newest revision, refused unless it may be finalised now. */
  readonly finalise?: boolean;
}

/** A revision to typeset: its report, its time (the PDF's date) and the errors still open. */
export interface ToRender {
  readonly kind: 'render';
  readonly report: Report;
  readonly revision: number;
  readonly at: string;
  readonly openErrors: readonly { code: string; message: string }[];
  /**
   * The newest revision of a report marked 已发布（存档）: the document as it was published,
   * printed without the 草稿 watermark whatever its findings (an archive copy, not a 定稿).
   */
  readonly published: boolean;
}

/** The PDF archived when the report was finalised: the signed copy, byte for byte. */
export interface ArchivedPdf {
  readonly kind: 'archived';
  readonly pdf: Uint8Array;
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly sha256: string;
}

/** What is to be printed of an archived report (one request, the checks run once). */
export function printable(s: Store, p: PrintRequest): ToRender | ArchivedPdf {
  const row = requireReport(s, p.unitId, p.year);
  if (p.finalise) assertFinalisable(s, row);
  const fin = p.revision === undefined ? activeFinalisation(s, row.id) : undefined;
  if (fin && !p.finalise) {
    const pdf = s
      .stmt('SELECT pdf FROM finalisations WHERE id = ?')
      .pluck()
      .get(fin.id) as Buffer | null;
    if (pdf) {
      const bytes = new Uint8Array(pdf);
      return { kind: 'archived', pdf: bytes, ...finalisationOf(fin), sha256: fin.sha256 ?? '' };
    }
  }
  const number = p.revision ?? row.head;
  let revision;
  try {
    revision = revisionRow(s, row.id, number);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') {
      throw new ApiError('NOT_FOUND', `${p.year}年度报告没有第 ${number} 版。`);
    }
    throw error;
  }
  const body = revisionBody(s, row, revision.number);
  if (isLegacyBody(body)) {
    throw new ApiError('INVALID', `${p.year}年度报告是旧格式文本，不按现行格式排版打印。`);
  }
  const { findings } = findingsFor(s, p.unitId, p.year, body);
  const openErrors = findings
    .filter((f) => f.severity === 'error' && !f.resolved)
    .map((f) => ({ code: f.code, message: f.message }));
  if (p.finalise && openErrors.length > 0) {
    const listed = openErrors.slice(0, MAX_LISTED).map((e) => `  - [${e.code}] ${e.message}`);
    if (openErrors.length > MAX_LISTED) listed.push(`  …另有 ${openErrors.length - MAX_LISTED} 个`);
    throw new ApiError(
      'CONFLICT',
      `还有 ${openErrors.length} 个错误没有解决，不能定稿。请修改，或写明理由后确认：\n${listed.join('\n')}`,
    );
  }
  const published = revision.number === row.head && activePublication(s, row.id) !== undefined;
  return {
    kind: 'render',
    report: body,
    revision: revision.number,
    at: revision.at,
    openErrors,
    published,
  };
}

function finalisationOf(fin: { revision: number; at: string; by: string }) {
  return { revision: fin.revision, at: fin.at, by: fin.by };
}

export interface FinalisationRecord {
  readonly unitId: string;
  readonly year: number;
  readonly by: string;
  /** The exact bytes of the signed copy (a record without them is allowed). */
  readonly pdf?: Uint8Array | undefined;
  /** The revision the PDF was rendered from: refused when a newer one exists meanwhile. */
  readonly revision?: number | undefined;
}

/**
 * Records the finalisation (定稿) of the newest revision: the exact PDF bytes and their
 * SHA-256. The report is locked until reopened.
 */
export function storeFinalisation(s: Store, p: FinalisationRecord): FinalisationInfo {
  return s.write(() => {
    const row = requireReport(s, p.unitId, p.year);
    assertFinalisable(s, row);
    if (p.revision !== undefined && p.revision !== row.head) {
      throw new ApiError(
        'CONFLICT',
        `定稿的是第 ${p.revision} 版，但报告已有更新的第 ${row.head} 版。`,
      );
    }
    const at = s.stamp();
    const digest = p.pdf ? sha256(p.pdf) : null;
    s.stmt(
      'INSERT INTO finalisations (report_id, revision, at, by, pdf, sha256) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.head, at, p.by, p.pdf ? Buffer.from(p.pdf) : null, digest);
    markFinalised(s, row);
    return { revision: row.head, at, by: p.by, sha256: digest };
  });
}

/** Reopens a finalised report: a new revision line, with the reason recorded. */
export function reopenReport(s: Store, p: Payload<'reopenReport'>): SaveResult {
  const why = p.reason.trim();
  if (!why) throw new ApiError('INVALID', '重新打开已定稿的报告必须写明理由。');
  return s.write(() => {
    const row = requireReport(s, p.unitId, p.year);
    const fin = activeFinalisation(s, row.id);
    if (!fin) throw new ApiError('CONFLICT', `${p.year}年度报告没有定稿，不需要重新打开。`);
    s.stmt(
      'UPDATE finalisations SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE id = ?',
    ).run(s.stamp(), p.author, why, fin.id);
    s.stmt('UPDATE reports SET line = line + 1 WHERE id = ?').run(row.id);
    const reopened = reportRow(s, p.unitId, p.year)!;
    const added = addRevision(s, reopened, revisionBody(s, row), 'reopen', p.author, why, true);
    return saveResult(reopened, added);
  });
}

/** Which finalised report a PDF is (by its exact bytes' SHA-256), if any. */
export function verifyPdf(s: Store, p: Payload<'verifyPdf'>): VerifyPdfResult {
  const digest = sha256(p.pdf);
  const row = s
    .stmt(
      `SELECT r.unit_id, u.name, r.year, f.revision, f.at, f.by, f.reopened_at IS NOT NULL AS reopened
         FROM finalisations f JOIN reports r ON r.id = f.report_id JOIN units u ON u.id = r.unit_id
        WHERE f.sha256 = ? ORDER BY f.id DESC LIMIT 1`,
    )
    .get(digest) as
    | {
        unit_id: string;
        name: string;
        year: number;
        revision: number;
        at: string;
        by: string;
        reopened: number;
      }
    | undefined;
  return {
    sha256: digest,
    match: row
      ? {
          unitId: row.unit_id,
          unitName: row.name,
          year: row.year,
          revision: row.revision,
          at: row.at,
          by: row.by,
          reopened: row.reopened === 1,
        }
      : null,
  };
}

/** Every finalisation of a report, newest first (the one in force, then those reopened since). */
export function listFinalisations(s: Store, p: Payload<'listFinalisations'>): FinalisationEntry[] {
  const row = requireReport(s, p.unitId, p.year);
  const rows = s
    .stmt(
      `SELECT id, revision, at, by, sha256, COALESCE(length(pdf), 0) AS bytes,
              reopened_at, reopened_by, reopen_reason
         FROM finalisations WHERE report_id = ? ORDER BY id DESC`,
    )
    .all(row.id) as {
    id: number;
    revision: number;
    at: string;
    by: string;
    sha256: string | null;
    bytes: number;
    reopened_at: string | null;
    reopened_by: string | null;
    reopen_reason: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision,
    at: r.at,
    by: r.by,
    sha256: r.sha256,
    bytes: r.bytes,
    reopened: r.reopened_at
      ? { at: r.reopened_at, by: r.reopened_by ?? '', reason: r.reopen_reason ?? '' }
      : null,
  }));
}

/**
 * The archived PDF of one finalisation of a report, byte for byte (an earlier one, reopened
 * since, too), named after the report, the revision and 定稿.
 */
export function finalisedPdf(s: Store, p: Payload<'finalisedPdf'>): ArchivedPdfFile {
  const row = requireReport(s, p.unitId, p.year);
  const fin = s
    .stmt('SELECT revision, at, by, pdf, sha256 FROM finalisations WHERE id = ? AND report_id = ?')
    .get(p.id, row.id) as
    | { revision: number; at: string; by: string; pdf: Buffer | null; sha256: string | null }
    | undefined;
  if (!fin) throw new ApiError('NOT_FOUND', `${p.year}年度报告没有这一次定稿的记录。`);
  if (!fin.pdf) {
    throw new ApiError(
      'NOT_FOUND',
      `${p.year}年度报告第 ${fin.revision} 版的定稿（${fin.at.slice(0, 10)}）没有存档 PDF。`,
    );
  }
  const pdf = new Uint8Array(fin.pdf);
  const digest = sha256(pdf);
  if (fin.sha256 && digest !== fin.sha256) {
    throw new ApiError(
      'CORRUPT',
      `${p.year}年度报告第 ${fin.revision} 版定稿的 PDF 与存档时的 SHA-256 不符，档案库可能已损坏。请运行“检查档案库”，必要时从备份恢复。`,
    );
  }
  const name = `${unitRow(s, p.unitId).name}${p.year}年政府信息公开工作年度报告定稿（第${fin.revision}版）.pdf`;
  return {
    fileName: name.replace(/[\\/:*?"<>|]/gu, '_'),
    pdf,
    sha256: digest,
    revision: fin.revision,
    at: fin.at,
    by: fin.by,
  };
}
