/**
 * The exchange file between offline offices (issue 15 item 1), the archive's side: what an
 * export holds (the newest revision as the data file, the 定稿 PDF as archived), and receiving a
 * verified file — the unit matched by id, then by exact name (else resembling units are offered,
 * or the unit is created, keeping the exporter's id when free), then a new revision when the
 * file is newer than what came from that source before; identical content adds nothing, an
 * older revision and a finalised report here are refused. Nothing is overwritten: the receiving
 * report's unsaved edits and earlier revisions stay in its history.
 */
import { ApiError, type UnitInfo } from '../../core/api';
import type { ExchangeFileResult, ExchangeManifest, ManifestFields } from '../../core/exchange';
import { serialiseReport } from '../../core/file';
import type { Report, ReportStatus } from '../../core/model';
import { sha256 } from '../hash';
import { isLegacyBody } from '../text';
import { assertUnlocked } from './finalisations';
import { addRevision, canonical, foldJournal, newReportRow } from './revisions';
import { activeFinalisation, reportRow, requireReport, revisionBody, unitRow } from './rows';
import type { Store } from './store';
import { markFinalised } from './summary';
import { createUnit, resemblingUnits, unitByName, updateUnit } from './units';

/** What an exchange file of a report holds, before it is zipped (electron/services/exchange). */
export interface ExchangeParts {
  readonly fields: Omit<ManifestFields, 'exportedAt' | 'exportedBy'>;
  /** The data file's text (`.nianbao.json`). */
  readonly data: string;
  /** The archived 定稿 PDF, when the report is finalised with one. */
  readonly pdf: Uint8Array | null;
  /** The report has unsaved edits (not in the file: the newest revision is). */
  readonly pending: boolean;
}

export function exchangeParts(s: Store, p: { unitId: string; year: number }): ExchangeParts {
  const row = requireReport(s, p.unitId, p.year);
  const unit = unitRow(s, p.unitId);
  const body = revisionBody(s, row);
  if (isLegacyBody(body)) {
    throw new ApiError('INVALID', `${p.year}年度报告是旧格式文本，不能导出交换文件。`);
  }
  const fin = activeFinalisation(s, row.id);
  let pdf: Uint8Array | null = null;
  if (fin) {
    const blob = s
      .stmt('SELECT pdf FROM finalisations WHERE id = ?')
      .pluck()
      .get(fin.id) as Buffer | null;
    if (blob) {
      pdf = new Uint8Array(blob);
      if (fin.sha256 && sha256(pdf) !== fin.sha256) {
        throw new ApiError(
          'CORRUPT',
          `${p.year}年度报告定稿的 PDF 与存档时的 SHA-256 不符，档案库可能已损坏。请运行“检查档案库”，必要时从备份恢复。`,
        );
      }
    }
  }
  const report: Report = {
    ...body,
    unit: { ...body.unit, id: unit.id },
    finalised: fin
      ? {
          at: fin.at,
          by: fin.by,
          revision: fin.revision,
          ...(fin.sha256 ? { sha256: fin.sha256 } : {}),
        }
      : null,
  };
  const parent = unit.parent_id ? unitRow(s, unit.parent_id) : null;
  const pending = !!s.stmt('SELECT 1 FROM journal WHERE report_id = ?').pluck().get(row.id);
  return {
    fields: {
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      parent: parent ? { id: parent.id, name: parent.name } : null,
      year: p.year,
      revision: row.head,
      status: (fin ? '已定稿' : row.status) as ReportStatus,
      finalisation: fin
        ? { revision: fin.revision, at: fin.at, by: fin.by, sha256: fin.sha256 }
        : null,
    },
    data: serialiseReport(report),
    pdf,
    pending,
  };
}

/** A verified exchange file to receive. */
export interface ReceivedExchange {
  readonly manifest: ExchangeManifest;
  readonly report: Report;
  readonly pdf: Uint8Array | null;
  /** The file as named in the request (the result's `file`). */
  readonly file: string;
  /** Its base name (the revision's note). */
  readonly fileName: string;
  readonly author: string;
  /** The unit the clerk chose (an id or a name; a new name creates the unit). */
  readonly unit?: string | undefined;
}

/**
 * "来源第 N 版 · <file>": the note of a revision received from an exchange file; when the unit
 * here is not the exporter's unit id (the clerk chose it, or it was found by name), the note
 * ends with that id ("· 单位标识 <id>"), so that the next file from that unit finds it again.
 */
export function exchangeNote(sourceRevision: number, fileName: string, alias?: string): string {
  return `来源第 ${sourceRevision} 版 · ${fileName}${alias ? `${ALIAS}${alias}` : ''}`;
}

const ALIAS = ' · 单位标识 ';

/** The unit that received files of the exporter's unit `id` before, under another id. */
function aliasOf(s: Store, id: string): UnitInfo | null {
  const unitId = s
    .stmt(
      `SELECT r.unit_id FROM revisions v JOIN reports r ON r.id = v.report_id
        WHERE v.reason = 'exchange' AND v.note LIKE ? ESCAPE '\\' ORDER BY v.rowid DESC LIMIT 1`,
    )
    .pluck()
    .get(`%${ALIAS}${id.replace(/[\\%_]/gu, (c) => `\\${c}`)}`) as string | undefined;
  return unitId ? unitByName(s, unitId) : null;
}

const NOTE = /^来源第 (\d+) 版/u;

/** The newest source revision this report received from an exchange file (0: none). */
function lastSourceRevision(s: Store, reportId: number): number {
  const notes = s
    .stmt("SELECT note FROM revisions WHERE report_id = ? AND reason = 'exchange'")
    .pluck()
    .all(reportId) as string[];
  return notes.reduce((max, note) => Math.max(max, Number(NOTE.exec(note)?.[1] ?? 0)), 0);
}

/** The unit of a parent the file names: by id, then by exact name; none else. */
function parentOf(s: Store, m: ExchangeManifest): string | null {
  if (!m.parent) return null;
  return (
    (s.stmt('SELECT id FROM units WHERE id = ?').pluck().get(m.parent.id) as string | undefined) ??
    (m.parent.name ? (unitByName(s, m.parent.name)?.id ?? null) : null)
  );
}

/** Whether a unit received an exchange file under its own id (the exporter's unit id is its id). */
function knownByExchangeId(s: Store, unitId: string): boolean {
  return !!s
    .stmt(
      `SELECT 1 FROM revisions v JOIN reports r ON r.id = v.report_id
        WHERE r.unit_id = ? AND v.reason = 'exchange' AND instr(v.note, ?) = 0 LIMIT 1`,
    )
    .pluck()
    .get(unitId, ALIAS);
}

type UnitChoice = { unit: UnitInfo; created: boolean } | { needs: ExchangeFileResult };

function chooseUnit(s: Store, p: ReceivedExchange, base: Partial<ExchangeFileResult>): UnitChoice {
  const m = p.manifest;
  if (p.unit !== undefined && p.unit.trim()) {
    const chosen = unitByName(s, p.unit.trim());
    if (chosen) return { unit: chosen, created: false };
    return {
      unit: createUnit(s, { name: p.unit.trim(), kind: m.unit.kind, author: p.author }),
      created: true,
    };
  }
  const byId = s.stmt('SELECT id FROM units WHERE id = ?').pluck().get(m.unit.id) as
    string | undefined;
  const found =
    (byId ? unitByName(s, byId) : null) ?? aliasOf(s, m.unit.id) ?? unitByName(s, m.unit.name);
  if (found) return { unit: found, created: false };
  // a unit that received exchange files under its own id is another unit: not a candidate
  const candidates = resemblingUnits(s, m.unit.name, 20)
    .filter((c) => !knownByExchangeId(s, c.id))
    .slice(0, 5);
  if (candidates.length) {
    return {
      needs: {
        file: p.file,
        ...base,
        status: 'needs-unit',
        candidates,
        message: `交换文件的单位“${m.unit.name}”与已有单位名称相近但不相同，请确认是哪个单位。`,
      },
    };
  }
  const unit = createUnit(
    s,
    { name: m.unit.name, kind: m.unit.kind, parentId: parentOf(s, m), author: p.author },
    m.unit.id,
  );
  return { unit, created: true };
}

/** Receives one verified exchange file (one write transaction). */
export function receiveExchange(s: Store, p: ReceivedExchange): ExchangeFileResult {
  const m = p.manifest;
  const base = {
    file: p.file,
    unitName: m.unit.name,
    year: m.year,
    sourceRevision: m.revision,
  };
  const refused = (reason: ExchangeFileResult['reason'], message: string): ExchangeFileResult => ({
    ...base,
    status: 'refused',
    reason,
    message,
  });
  try {
    return s.write(() => {
      const choice = chooseUnit(s, p, base);
      if ('needs' in choice) return choice.needs;
      const { unit, created } = choice;
      const at = { ...base, unitId: unit.id, ...(created ? { newUnit: true } : {}) };
      const body = canonical(unit.id, m.year, p.report);
      const finalised = m.status === '已定稿' && m.finalisation !== null;
      let row = reportRow(s, unit.id, m.year);
      if (row && row.head > 0) {
        const headHash = s
          .stmt('SELECT hash FROM revisions WHERE report_id = ? AND number = ?')
          .pluck()
          .get(row.id, row.head);
        const locked = activeFinalisation(s, row.id);
        if (headHash === sha256(JSON.stringify(body)) && (!finalised || locked)) {
          return { ...at, status: 'identical', revision: row.head, message: '相同，未导入' };
        }
        if (locked) {
          return refused(
            'locked',
            `本档案库中${unit.name}的${m.year}年度报告已于 ${locked.at.slice(0, 10)} 定稿（第 ${locked.revision} 版），不替换。如需接收新版本，请先在本档案库中“重新打开”该报告并写明理由。`,
          );
        }
        const last = lastSourceRevision(s, row.id);
        if (m.revision < last) {
          return refused(
            'older',
            `本档案库已收到${unit.name}${m.year}年度报告的来源第 ${last} 版，此文件是较旧的第 ${m.revision} 版，未导入。`,
          );
        }
        if (m.revision === last && headHash !== sha256(JSON.stringify(body))) {
          return {
            ...at,
            status: 'identical',
            revision: row.head,
            message: `来源第 ${m.revision} 版已导入过（本档案库之后另有修改，保留不变），未再导入。`,
          };
        }
        assertUnlocked(s, row);
        row = foldJournal(s, row);
      } else if (!row) {
        row = newReportRow(s, unit.id, m.year);
      }
      const added = addRevision(
        s,
        row,
        body,
        'exchange',
        p.author,
        exchangeNote(m.revision, p.fileName, unit.id === m.unit.id ? undefined : m.unit.id),
      );
      row = reportRow(s, unit.id, m.year)!;
      if (finalised) {
        s.stmt(
          'INSERT INTO finalisations (report_id, revision, at, by, pdf, sha256) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(
          row.id,
          row.head,
          m.finalisation!.at,
          m.finalisation!.by,
          p.pdf ? Buffer.from(p.pdf) : null,
          p.pdf ? sha256(p.pdf) : null,
        );
        markFinalised(s, row);
      }
      return {
        ...at,
        status: 'added',
        revision: added ?? row.head,
        ...(finalised ? { finalised: true } : {}),
        ...(finalised && p.pdf ? { pdf: true } : {}),
      };
    });
  } catch (error) {
    if (error instanceof ApiError) return refused('failed', error.message);
    throw error;
  }
}

/**
 * Units created from exchange files whose parent was not in the archive yet (a sub-unit's file
 * read before its department's): each gets its parent now, when the parent can be found by id
 * or exact name. Units that already have a parent are left as they are. Returns how many.
 */
export function linkParents(
  s: Store,
  items: readonly { unitId: string; parent: { id: string; name: string } | null }[],
  author = '',
): number {
  return s.write(() => {
    let linked = 0;
    for (const item of items) {
      if (!item.parent) continue;
      const row = s.stmt('SELECT parent_id FROM units WHERE id = ?').get(item.unitId) as
        { parent_id: string | null } | undefined;
      if (!row || row.parent_id) continue;
      const parentId = parentOf(s, { parent: item.parent } as ExchangeManifest);
      if (!parentId || parentId === item.unitId) continue;
      // as any change of a unit's 上级: no cycle, signed in the unit's changes
      try {
        updateUnit(s, { unitId: item.unitId, parentId, author });
      } catch (error) {
        if (error instanceof ApiError) continue;
        throw error;
      }
      linked++;
    }
    return linked;
  });
}
