/**
 * The archive: one SQLite file holding every unit's reports, years, revisions, edit journal
 * and finalisation records. An Archive object is the one writer connection; it lives in the
 * database worker (electron/services/archive/worker.ts) or, for the CLI and tests, in the
 * calling process. Every write is one IMMEDIATE transaction, so a second process on the same
 * file waits (busy timeout) instead of corrupting anything.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import {
  ApiError,
  type ArchiveInfo,
  type BackupInfo,
  type CheckResult,
  type FinalisationInfo,
  type MergeResult,
  type OpenedReport,
  type RevisionContent,
  type RevisionInfo,
  type RevisionReason,
  type SaveResult,
  type UnitCandidate,
  type UnitInfo,
  type VerifyResult,
  type YearInfo,
} from '../core/api';
import { copyReportForYear } from '../core/carry';
import { localDay } from '../core/dates';
import { countOpen, resolveFindings, reportStatus, runChecks } from '../core/checks';
import { MAX_YEAR, MIN_YEAR, formatForYear } from '../core/formats';
import {
  ReportFileError,
  ReportSchema,
  UNIT_KINDS,
  blankReport,
  type Report,
  type UnitKind,
} from '../core/model';
import { namesResemble, unitNameKey } from '../core/units';
import {
  KEEP,
  checkBackupFile as checkBackupFileSync,
  stamp as stampOf,
  listBackups,
  newBackupPath,
  readHeader,
  recoveryAdvice,
  rotateBackups,
  type BackupReason,
} from './backup';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS } from './migrations';
import { openDatabase, sqliteBinding } from './sqlite';
import { storageWarning } from './storage';
import { indexText, isLegacyBody, type LegacyBody, type StoredBody } from './text';

type Db = Database.Database;

export interface ArchiveOptions {
  /** Create the file when it does not exist (default true). */
  readonly create?: boolean;
  /** The clock (tests pass their own). */
  readonly now?: () => Date;
  /** How many automatic backups to keep. */
  readonly keep?: Readonly<Record<BackupReason, number>>;
  /** How long a write waits for another process holding the file (ms, default 5000). */
  readonly busyTimeout?: number;
}

interface ReportRow {
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

interface RevisionRow {
  number: number;
  line: number;
  at: string;
  author: string;
  reason: RevisionReason;
  note: string;
  body: string;
  hash: string;
}

interface UnitRow {
  id: string;
  name: string;
  kind: UnitKind | null;
  parent_id: string | null;
  merged_into: string | null;
}

interface FinalisationRow {
  id: number;
  revision: number;
  at: string;
  by: string;
  sha256: string | null;
}

const SQLITE_DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new ApiError('INVALID', `年度“${year}”无效，应为 ${MIN_YEAR}–${MAX_YEAR} 之间的年份。`);
  }
}

/** Turns SQLite's damage errors into the archive's message with the recovery path. */
function damaged(file: string, error: unknown): ApiError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError(
    'CORRUPT',
    `档案库文件已损坏，无法安全打开（${detail}）。${recoveryAdvice(file)}`,
  );
}

export class Archive {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly now: () => Date;
  private readonly keep: Readonly<Record<BackupReason, number>>;

  private constructor(
    readonly path: string,
    private readonly db: Db,
    options: ArchiveOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.keep = options.keep ?? KEEP;
  }

  /**
   * Opens (or creates) an archive: refuses a file that is not an archive or was written by a
   * newer version (without opening it read-write), runs `quick_check`, backs up and migrates
   * an older version.
   */
  static async open(file: string, options: ArchiveOptions = {}): Promise<Archive> {
    const resolved = path.resolve(file);
    // the native module NIANBAO_SQLITE_BINDING names, checked before anything is read or created
    sqliteBinding();
    const exists = fs.existsSync(resolved);
    if (!exists && options.create === false) {
      throw new ApiError('NOT_FOUND', `档案库文件不存在：${resolved}`);
    }
    if (exists) {
      let header: ReturnType<typeof readHeader>;
      try {
        header = readHeader(resolved);
      } catch (error) {
        // a folder, a file that cannot be read: a message, not a Node error
        throw openFailure(resolved, error);
      }
      if (header === 'not-sqlite') {
        throw new ApiError(
          'CORRUPT',
          `“${resolved}”不是年报档案库文件，或文件头已损坏。${recoveryAdvice(resolved)}`,
        );
      }
      if (header !== 'empty') {
        if (header.userVersion > LATEST_VERSION) throw newerVersion(resolved, header.userVersion);
        if (header.applicationId !== APPLICATION_ID && header.applicationId !== 0) {
          throw new ApiError('NOT_ARCHIVE', `“${resolved}”是其他程序的数据库，不是年报档案库。`);
        }
        // a newer version's migration may still be only in the WAL: read it without writing
        if (fs.existsSync(`${resolved}-wal`)) {
          const walVersion = readVersionReadOnly(resolved);
          if (walVersion !== null && walVersion > LATEST_VERSION) {
            throw newerVersion(resolved, walVersion);
          }
        }
      }
    } else {
      try {
        fs.mkdirSync(path.dirname(resolved), { recursive: true });
      } catch (error) {
        throw openFailure(resolved, error);
      }
    }
    let db: Db;
    try {
      db = openDatabase(resolved, { timeout: options.busyTimeout ?? 5000 });
    } catch (error) {
      throw openFailure(resolved, error);
    }
    try {
      // The WAL header of another version may still hold a newer schema: check again.
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > LATEST_VERSION) throw newerVersion(resolved, version);
      const appId = db.pragma('application_id', { simple: true }) as number;
      if (appId !== APPLICATION_ID) {
        const tables = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as {
          n: number;
        };
        if (tables.n > 0 || appId !== 0) {
          throw new ApiError('NOT_ARCHIVE', `“${resolved}”是其他程序的数据库，不是年报档案库。`);
        }
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // quick_check table by table: the plain pragma also runs FTS5's own full check of the
      // search index, which reads all of it (seconds on a large archive); verify() runs it
      const tables = db
        .prepare(
          "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow')",
        )
        .pluck()
        .all() as string[];
      const problems: string[] = [];
      for (const table of tables) {
        const rows = db.pragma(`quick_check("${table.replace(/"/g, '""')}")`) as {
          quick_check: string;
        }[];
        for (const r of rows) if (r.quick_check !== 'ok') problems.push(r.quick_check);
      }
      if (problems.length) throw damaged(resolved, problems.slice(0, 3).join('；'));
      const archive = new Archive(resolved, db, options);
      await archive.migrate(version);
      return archive;
    } catch (error) {
      db.close();
      if (error instanceof ApiError) throw error;
      throw openFailure(resolved, error);
    }
  }

  private async migrate(from: number): Promise<void> {
    if (from >= LATEST_VERSION) return;
    if (from > 0) await this.backup(undefined, 'migration');
    for (const migration of MIGRATIONS) {
      this.write(() => {
        // another process may have migrated meanwhile: decide inside the transaction
        const current = this.db.pragma('user_version', { simple: true }) as number;
        if (current >= migration.version) return;
        if (current !== migration.version - 1) {
          throw new Error(`migration ${migration.version} found user_version ${current}`);
        }
        if (current === 0) this.db.pragma(`application_id = ${APPLICATION_ID}`);
        migration.up(this.db);
        this.db.pragma(`user_version = ${migration.version}`);
      });
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY') {
        throw new ApiError('BUSY', '档案库正被另一个年报程序写入，请稍后再试。');
      }
      if (code && SQLITE_DAMAGED.has(code)) throw damaged(this.path, error);
      if (code === 'SQLITE_FULL') {
        throw new ApiError(
          'FAILED',
          `磁盘空间不足，这次修改没有写入档案库（已有的内容都完好）。请清理磁盘（${path.dirname(this.path)}）后再保存。`,
        );
      }
      if (code === 'SQLITE_READONLY' || code?.startsWith('SQLITE_IOERR')) {
        throw new ApiError(
          'FAILED',
          `无法写入档案库文件（${code === 'SQLITE_READONLY' ? '文件或文件夹是只读的' : '读写出错'}），这次修改没有保存。请检查 ${this.path} 所在的磁盘和权限。`,
        );
      }
      throw error;
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  // -------------------------------------------------------------------------------------------
  // Units

  private unitRow(id: string): UnitRow {
    const row = this.stmt(
      'SELECT id, name, kind, parent_id, merged_into FROM units WHERE id = ?',
    ).get(id) as UnitRow | undefined;
    if (!row) throw new ApiError('NOT_FOUND', '找不到这个单位（可能已被删除或合并）。');
    return row;
  }

  private unitInfo(row: UnitRow): UnitInfo {
    const names = this.stmt(
      `SELECT name, valid_from, valid_to FROM unit_names
        WHERE unit_id = ? AND valid_to IS NOT NULL ORDER BY valid_to DESC, rowid DESC`,
    ).all(row.id) as { name: string; valid_from: string | null; valid_to: string | null }[];
    const years = this.stmt('SELECT year FROM reports WHERE unit_id = ? ORDER BY year').pluck();
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      parentId: row.parent_id,
      mergedInto: row.merged_into,
      formerNames: names.map((n) => ({ name: n.name, from: n.valid_from, to: n.valid_to })),
      years: years.all(row.id) as number[],
    };
  }

  unit(id: string): UnitInfo {
    return this.unitInfo(this.unitRow(id));
  }

  listUnits(): UnitInfo[] {
    const rows = this.stmt(
      'SELECT id, name, kind, parent_id, merged_into FROM units ORDER BY name, id',
    ).all() as UnitRow[];
    const names = new Map<string, UnitInfo['formerNames'][number][]>();
    for (const n of this.stmt(
      `SELECT unit_id, name, valid_from, valid_to FROM unit_names
        WHERE valid_to IS NOT NULL ORDER BY valid_to DESC, rowid DESC`,
    ).all() as { unit_id: string; name: string; valid_from: string | null; valid_to: string }[]) {
      const list = names.get(n.unit_id) ?? [];
      list.push({ name: n.name, from: n.valid_from, to: n.valid_to });
      names.set(n.unit_id, list);
    }
    const years = new Map<string, number[]>();
    for (const r of this.stmt('SELECT unit_id, year FROM reports ORDER BY year').all() as {
      unit_id: string;
      year: number;
    }[]) {
      const list = years.get(r.unit_id) ?? [];
      list.push(r.year);
      years.set(r.unit_id, list);
    }
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      parentId: row.parent_id,
      mergedInto: row.merged_into,
      formerNames: names.get(row.id) ?? [],
      years: years.get(row.id) ?? [],
    }));
  }

  createUnit(p: { name: string; kind?: UnitKind | null; parentId?: string | null }): UnitInfo {
    const name = p.name.trim();
    if (!name) throw new ApiError('INVALID', '单位名称不能为空。');
    if (name.length > 500) throw new ApiError('INVALID', '单位名称太长（最多 500 个字符）。');
    if (p.kind != null && !UNIT_KINDS.includes(p.kind)) {
      throw new ApiError('INVALID', `单位类型“${p.kind}”无效，应为：${UNIT_KINDS.join('、')}。`);
    }
    return this.write(() => {
      const same = this.unitByName(name);
      if (same) throw new ApiError('CONFLICT', `已有名为“${same.name}”的单位。`);
      if (p.parentId) this.unitRow(p.parentId);
      const id = `u-${randomUUID()}`;
      const at = this.stamp();
      this.stmt(
        'INSERT INTO units (id, name, kind, parent_id, merged_into, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
      ).run(id, name, p.kind ?? null, p.parentId ?? null, at);
      this.stmt(
        'INSERT INTO unit_names (unit_id, name, name_key, valid_from, valid_to) VALUES (?, ?, ?, NULL, NULL)',
      ).run(id, name, unitNameKey(name));
      return this.unit(id);
    });
  }

  renameUnit(p: { unitId: string; name: string; date?: string | undefined }): UnitInfo {
    const name = p.name.trim();
    if (!name) throw new ApiError('INVALID', '单位名称不能为空。');
    if (name.length > 500) throw new ApiError('INVALID', '单位名称太长（最多 500 个字符）。');
    const date = p.date ?? localDay(this.now());
    return this.write(() => {
      const row = this.unitRow(p.unitId);
      if (row.name === name) return this.unit(row.id);
      const other = this.unitByName(name);
      if (other && other.id !== row.id) {
        throw new ApiError(
          'CONFLICT',
          `已有名为“${other.name}”的单位；如是同一单位，请使用“合并”。`,
        );
      }
      this.stmt('UPDATE unit_names SET valid_to = ? WHERE unit_id = ? AND valid_to IS NULL').run(
        date,
        row.id,
      );
      this.stmt(
        'INSERT INTO unit_names (unit_id, name, name_key, valid_from, valid_to) VALUES (?, ?, ?, ?, NULL)',
      ).run(row.id, name, unitNameKey(name), date);
      this.stmt('UPDATE units SET name = ? WHERE id = ?').run(name, row.id);
      return this.unit(row.id);
    });
  }

  updateUnit(p: {
    unitId: string;
    kind?: UnitKind | null | undefined;
    parentId?: string | null | undefined;
  }): UnitInfo {
    return this.write(() => {
      const row = this.unitRow(p.unitId);
      if (p.kind !== undefined) {
        if (p.kind !== null && !UNIT_KINDS.includes(p.kind)) {
          throw new ApiError(
            'INVALID',
            `单位类型“${p.kind}”无效，应为：${UNIT_KINDS.join('、')}。`,
          );
        }
        this.stmt('UPDATE units SET kind = ? WHERE id = ?').run(p.kind, row.id);
      }
      if (p.parentId !== undefined) {
        if (p.parentId !== null) {
          // no cycles: the new parent must not be this unit or below it
          for (let at: string | null = p.parentId; at; at = this.unitRow(at).parent_id) {
            if (at === row.id) {
              throw new ApiError('INVALID', '上级单位不能是本单位或其下属单位。');
            }
          }
        }
        this.stmt('UPDATE units SET parent_id = ? WHERE id = ?').run(p.parentId, row.id);
      }
      this.refreshSummaries(row.id);
      return this.unit(row.id);
    });
  }

  /**
   * Merges `from` into `into` (机构改革): `from`'s reports move to `into` for the years `into`
   * has none, its names become former names of `into`, its sub-units move under `into`. Years
   * both have stay with `from`, which is kept (marked merged) so that nothing is lost.
   */
  mergeUnits(p: { from: string; into: string; date?: string | undefined }): MergeResult {
    if (p.from === p.into) throw new ApiError('INVALID', '不能把单位合并到它自己。');
    const date = p.date ?? localDay(this.now());
    return this.write(() => {
      const from = this.unitRow(p.from);
      const into = this.unitRow(p.into);
      if (from.merged_into) throw new ApiError('CONFLICT', `“${from.name}”已经合并到其他单位。`);
      if (into.merged_into) throw new ApiError('CONFLICT', `“${into.name}”已经合并到其他单位。`);
      const intoYears = new Set(
        this.stmt('SELECT year FROM reports WHERE unit_id = ?').pluck().all(into.id) as number[],
      );
      const fromYears = this.stmt('SELECT year FROM reports WHERE unit_id = ? ORDER BY year')
        .pluck()
        .all(from.id) as number[];
      const moved = fromYears.filter((y) => !intoYears.has(y));
      const kept = fromYears.filter((y) => intoYears.has(y));
      const move = this.stmt('UPDATE reports SET unit_id = ? WHERE unit_id = ? AND year = ?');
      for (const y of moved) move.run(into.id, from.id, y);
      this.stmt('UPDATE unit_names SET valid_to = ? WHERE unit_id = ? AND valid_to IS NULL').run(
        date,
        from.id,
      );
      this.stmt(
        `INSERT INTO unit_names (unit_id, name, name_key, valid_from, valid_to)
           SELECT ?, name, name_key, valid_from, valid_to FROM unit_names WHERE unit_id = ?`,
      ).run(into.id, from.id);
      // when the survivor is below the merged unit, it first takes the merged unit's place in
      // the tree, so that no unit becomes its own ancestor
      for (let at = into.parent_id; at; at = this.unitRow(at).parent_id) {
        if (at === from.id) {
          this.stmt('UPDATE units SET parent_id = ? WHERE id = ?').run(from.parent_id, into.id);
          break;
        }
      }
      this.stmt('UPDATE units SET parent_id = ? WHERE parent_id = ? AND id <> ?').run(
        into.id,
        from.id,
        into.id,
      );
      this.stmt('UPDATE units SET merged_into = ?, parent_id = NULL WHERE id = ?').run(
        into.id,
        from.id,
      );
      this.refreshSummaries(into.id);
      this.refreshSummaries(from.id);
      return { into: this.unit(into.id), moved, kept };
    });
  }

  /** The unit whose current or former name is exactly this one (white space ignored). */
  unitByName(name: string): UnitInfo | null {
    const key = unitNameKey(name);
    if (!key) return null;
    const rows = this.stmt(
      `SELECT DISTINCT u.id, u.merged_into, n.valid_to IS NULL AS current FROM unit_names n
         JOIN units u ON u.id = n.unit_id WHERE n.name_key = ?
        ORDER BY current DESC, u.merged_into IS NOT NULL, n.rowid DESC`,
    ).all(key) as { id: string; merged_into: string | null }[];
    const first = rows[0];
    if (!first) return null;
    // a merged unit's name leads to the unit it was merged into
    let id = first.id;
    for (let row = this.unitRow(id); row.merged_into; row = this.unitRow(row.merged_into)) {
      id = row.merged_into;
    }
    return this.unit(id);
  }

  /** Units whose names resemble this one without being equal (for "which unit is this?"). */
  resemblingUnits(name: string, limit = 5): UnitCandidate[] {
    const rows = this.stmt(
      `SELECT n.unit_id AS id, n.name AS name, u.name AS current FROM unit_names n
         JOIN units u ON u.id = n.unit_id WHERE u.merged_into IS NULL`,
    ).all() as { id: string; name: string; current: string }[];
    const out = new Map<string, UnitCandidate>();
    for (const row of rows) {
      if (out.size >= limit) break;
      if (!out.has(row.id) && namesResemble(name, row.name)) {
        out.set(row.id, { id: row.id, name: row.current });
      }
    }
    return [...out.values()];
  }

  // -------------------------------------------------------------------------------------------
  // Reports

  private reportRow(unitId: string, year: number): ReportRow | undefined {
    return this.stmt('SELECT * FROM reports WHERE unit_id = ? AND year = ?').get(unitId, year) as
      ReportRow | undefined;
  }

  private requireReport(unitId: string, year: number): ReportRow {
    assertYear(year);
    const row = this.reportRow(unitId, year);
    if (!row) {
      const unit = this.unitRow(unitId);
      throw new ApiError('NOT_FOUND', `“${unit.name}”没有${year}年度的报告。`);
    }
    return row;
  }

  private revision(reportId: number, number: number): RevisionRow {
    const row = this.stmt(
      'SELECT number, line, at, author, reason, note, body, hash FROM revisions WHERE report_id = ? AND number = ?',
    ).get(reportId, number) as RevisionRow | undefined;
    if (!row) throw new ApiError('NOT_FOUND', `没有第 ${number} 版。`);
    return row;
  }

  private activeFinalisation(reportId: number): FinalisationRow | undefined {
    return this.stmt(
      `SELECT id, revision, at, by, sha256 FROM finalisations
        WHERE report_id = ? AND reopened_at IS NULL ORDER BY id DESC LIMIT 1`,
    ).get(reportId) as FinalisationRow | undefined;
  }

  private assertUnlocked(row: ReportRow): void {
    const fin = this.activeFinalisation(row.id);
    if (fin) {
      throw new ApiError(
        'LOCKED',
        `${row.year}年度报告已于 ${fin.at.slice(0, 10)} 定稿（第 ${fin.revision} 版），不能修改。如需修改，请先“重新打开”并写明理由。`,
      );
    }
  }

  listYears(unitId: string): YearInfo[] {
    this.unitRow(unitId);
    const rows = this.stmt(
      `SELECT r.*, EXISTS (SELECT 1 FROM journal j WHERE j.report_id = r.id) AS pending,
              EXISTS (SELECT 1 FROM finalisations f WHERE f.report_id = r.id AND f.reopened_at IS NULL) AS locked
         FROM reports r WHERE r.unit_id = ? ORDER BY r.year DESC`,
    ).all(unitId) as (ReportRow & { pending: number; locked: number })[];
    return rows.map((r) => ({
      year: r.year,
      format: r.format,
      title: r.title,
      status: r.status as YearInfo['status'],
      errors: r.errors,
      warnings: r.warnings,
      revision: r.head,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
      locked: r.locked === 1,
      pending: r.pending === 1,
    }));
  }

  /**
   * Every check on a report of this unit and year: the prior year from the archive, the unit's
   * kind from the archive (else the report's). Used for the stored summaries and checkReport.
   */
  private findingsFor(unitId: string, year: number, report: Report, deadline?: string) {
    const unit = this.unitRow(unitId);
    const prior = this.priorReport(unitId, year);
    const findings = resolveFindings(
      runChecks(report, {
        kind: unit.kind ?? report.unit.kind ?? null,
        ...(prior ? { prior } : {}),
        ...(deadline ? { deadline } : {}),
      }),
      report.decisions,
    );
    return { findings, prior };
  }

  /** The archived report of the year before (same unit, whatever its name was then). */
  private priorReport(unitId: string, year: number): Report | undefined {
    const row = this.reportRow(unitId, year - 1);
    if (!row || row.format === null) return undefined;
    const body = JSON.parse(this.revision(row.id, row.head).body) as StoredBody;
    return isLegacyBody(body) ? undefined : body;
  }

  /** Recomputes the stored summary (status, counts) of a report's newest revision. */
  private summarise(row: ReportRow, body: StoredBody): void {
    if (isLegacyBody(body)) {
      this.stmt(
        'UPDATE reports SET title = ?, status = ?, errors = 0, warnings = 0 WHERE id = ?',
      ).run(body.title, '旧格式', row.id);
      return;
    }
    const { findings } = this.findingsFor(row.unit_id, row.year, body);
    const { errors, warnings } = countOpen(findings);
    const locked = this.activeFinalisation(row.id) !== undefined;
    const status = locked ? '已定稿' : reportStatus(body, findings);
    this.stmt(
      'UPDATE reports SET title = ?, status = ?, errors = ?, warnings = ? WHERE id = ?',
    ).run(body.title, status, errors, warnings, row.id);
  }

  private refreshSummaries(unitId: string): void {
    for (const row of this.stmt('SELECT * FROM reports WHERE unit_id = ?').all(
      unitId,
    ) as ReportRow[]) {
      this.summarise(row, JSON.parse(this.revision(row.id, row.head).body) as StoredBody);
    }
  }

  /** The canonical stored form: the archive's unit id, no finalisation (the record holds it). */
  private canonical(unitId: string, year: number, content: Report | LegacyBody): StoredBody {
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

  /** Adds a revision (inside a write transaction). Returns the new number, or null if equal. */
  private addRevision(
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
      const head = this.stmt('SELECT hash FROM revisions WHERE report_id = ? AND number = ?')
        .pluck()
        .get(row.id, row.head);
      if (head === hash) return null;
    }
    const number = row.head + 1;
    const at = this.stamp();
    this.stmt(
      'INSERT INTO revisions (report_id, number, line, at, author, reason, note, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, number, row.line, at, author, reason, note, json, hash);
    this.stmt(
      'UPDATE reports SET head = ?, updated_at = ?, updated_by = ?, format = ? WHERE id = ?',
    ).run(number, at, author, isLegacyBody(body) ? null : body.format, row.id);
    const text = indexText(body);
    this.stmt('DELETE FROM search WHERE rowid = ?').run(row.id);
    this.stmt('INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)').run(
      row.id,
      text.title,
      text.body,
    );
    const updated = { ...row, head: number };
    this.summarise(updated, body);
    // next year's cross-year checks read this one
    const next = this.reportRow(row.unit_id, row.year + 1);
    if (next && next.head > 0) {
      this.summarise(next, JSON.parse(this.revision(next.id, next.head).body) as StoredBody);
    }
    return number;
  }

  private newReportRow(unitId: string, year: number): ReportRow {
    assertYear(year);
    this.unitRow(unitId);
    if (this.reportRow(unitId, year)) {
      throw new ApiError('CONFLICT', `${year}年度已有报告。`);
    }
    this.stmt('INSERT INTO reports (unit_id, year, format, updated_at) VALUES (?, ?, ?, ?)').run(
      unitId,
      year,
      formatForYear(year),
      this.stamp(),
    );
    return this.reportRow(unitId, year)!;
  }

  createReport(unitId: string, year: number, author: string): OpenedReport {
    assertYear(year);
    this.write(() => {
      const unit = this.unitRow(unitId);
      let report: Report;
      try {
        report = blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, year);
      } catch (error) {
        if (error instanceof ReportFileError) throw new ApiError('INVALID', error.message);
        throw error;
      }
      const row = this.newReportRow(unitId, year);
      this.addRevision(row, this.canonical(unitId, year, report), 'create', author);
    });
    return this.openReport(unitId, year);
  }

  openReport(unitId: string, year: number): OpenedReport {
    const row = this.requireReport(unitId, year);
    const unit = this.unit(unitId);
    const head = this.revision(row.id, row.head);
    const fin = this.activeFinalisation(row.id) ?? null;
    const finalisation: FinalisationInfo | null = fin
      ? { revision: fin.revision, at: fin.at, by: fin.by, sha256: fin.sha256 }
      : null;
    const base = { unit, year, revision: row.head, line: row.line, locked: !!fin, finalisation };
    const body = JSON.parse(head.body) as StoredBody;
    if (isLegacyBody(body)) return { ...base, legacy: true, title: body.title, text: body.text };
    const journal = fin
      ? undefined
      : (this.stmt('SELECT body FROM journal WHERE report_id = ?').pluck().get(row.id) as
          string | undefined);
    const stored = journal ? (JSON.parse(journal) as Report) : body;
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
    };
  }

  saveReport(
    unitId: string,
    year: number,
    report: Report,
    reason: RevisionReason,
    author: string,
    note = '',
  ): SaveResult {
    return this.write(() => {
      const row = this.requireReport(unitId, year);
      this.assertUnlocked(row);
      const body = this.canonical(unitId, year, report);
      if (isLegacyBody(body)) throw new ApiError('INVALID', '旧格式文本不能按报告保存。');
      const number = this.addRevision(row, body, reason, author, note);
      this.stmt('DELETE FROM journal WHERE report_id = ?').run(row.id);
      return number === null
        ? { revision: row.head, created: false }
        : { revision: number, created: true };
    });
  }

  writeJournal(unitId: string, year: number, report: Report, author: string): void {
    this.write(() => {
      const row = this.requireReport(unitId, year);
      this.assertUnlocked(row);
      const body = this.canonical(unitId, year, report);
      this.stmt(
        `INSERT INTO journal (report_id, base, at, author, body) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (report_id) DO UPDATE SET base = excluded.base, at = excluded.at,
             author = excluded.author, body = excluded.body`,
      ).run(row.id, row.head, this.stamp(), author, JSON.stringify(body));
    });
  }

  copyLastYear(unitId: string, from: number, to: number, author: string): OpenedReport {
    assertYear(from);
    assertYear(to);
    this.write(() => {
      const source = this.requireReport(unitId, from);
      const body = JSON.parse(this.revision(source.id, source.head).body) as StoredBody;
      if (isLegacyBody(body)) {
        throw new ApiError(
          'INVALID',
          `${from}年度报告是旧格式文本，不能作为模板复制，请新建空白报告。`,
        );
      }
      const unit = this.unitRow(unitId);
      let copy: Report;
      try {
        copy = copyReportForYear(body, { id: unit.id, name: unit.name, kind: unit.kind }, to);
      } catch (error) {
        if (error instanceof ReportFileError) throw new ApiError('INVALID', error.message);
        throw error;
      }
      const row = this.newReportRow(unitId, to);
      this.addRevision(
        row,
        this.canonical(unitId, to, copy),
        'copy',
        author,
        `从${from}年度报告复制`,
      );
    });
    return this.openReport(unitId, to);
  }

  history(unitId: string, year: number): RevisionInfo[] {
    const row = this.requireReport(unitId, year);
    const finalised = new Set(
      this.stmt('SELECT revision FROM finalisations WHERE report_id = ?')
        .pluck()
        .all(row.id) as number[],
    );
    const rows = this.stmt(
      'SELECT number, line, at, author, reason, note FROM revisions WHERE report_id = ? ORDER BY number DESC',
    ).all(row.id) as Omit<RevisionRow, 'body' | 'hash'>[];
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

  openRevision(unitId: string, year: number, number: number): RevisionContent {
    const row = this.requireReport(unitId, year);
    const body = JSON.parse(this.revision(row.id, number).body) as StoredBody;
    return isLegacyBody(body)
      ? { legacy: true, title: body.title, text: body.text }
      : { legacy: false, report: body };
  }

  /**
   * Someone else's unsaved edits (the journal) are about to be superseded by a revision that
   * does not come from them (a restore, an import): they become a revision of their own first,
   * so nothing typed is lost. Returns the report row as it now is.
   */
  private foldJournal(row: ReportRow): ReportRow {
    const journal = this.stmt('SELECT author, body FROM journal WHERE report_id = ?').get(
      row.id,
    ) as { author: string; body: string } | undefined;
    if (!journal) return row;
    this.stmt('DELETE FROM journal WHERE report_id = ?').run(row.id);
    const number = this.addRevision(
      row,
      JSON.parse(journal.body) as StoredBody,
      'journal',
      journal.author,
      '未保存的修改，在被替换前保存',
    );
    return number === null ? row : this.reportRow(row.unit_id, row.year)!;
  }

  /** Makes an old revision the newest one again (a new revision: history is never rewritten). */
  restoreRevision(unitId: string, year: number, number: number, author: string): SaveResult {
    return this.write(() => {
      let row = this.requireReport(unitId, year);
      this.assertUnlocked(row);
      const old = this.revision(row.id, number);
      row = this.foldJournal(row);
      const created = this.addRevision(
        row,
        JSON.parse(old.body) as StoredBody,
        'restore',
        author,
        `恢复为第 ${number} 版`,
      );
      this.stmt('DELETE FROM journal WHERE report_id = ?').run(row.id);
      return created === null
        ? { revision: row.head, created: false }
        : { revision: created, created: true };
    });
  }

  /**
   * Records the finalisation (定稿) of the newest revision: the exact PDF bytes and their
   * SHA-256. The report is locked until reopened. Unsaved journal edits refuse it.
   */
  finalise(
    unitId: string,
    year: number,
    p: { by: string; pdf?: Uint8Array; revision?: number },
  ): FinalisationInfo {
    return this.write(() => {
      const row = this.requireReport(unitId, year);
      if (row.format === null) throw new ApiError('INVALID', '旧格式文本不能定稿。');
      this.assertUnlocked(row);
      if (this.stmt('SELECT 1 FROM journal WHERE report_id = ?').get(row.id)) {
        throw new ApiError('CONFLICT', '报告还有未保存的修改，请先保存再定稿。');
      }
      if (p.revision !== undefined && p.revision !== row.head) {
        throw new ApiError(
          'CONFLICT',
          `定稿的是第 ${p.revision} 版，但报告已有更新的第 ${row.head} 版。`,
        );
      }
      const at = this.stamp();
      const digest = p.pdf ? sha256(p.pdf) : null;
      this.stmt(
        'INSERT INTO finalisations (report_id, revision, at, by, pdf, sha256) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(row.id, row.head, at, p.by, p.pdf ? Buffer.from(p.pdf) : null, digest);
      this.summarise(row, JSON.parse(this.revision(row.id, row.head).body) as StoredBody);
      return { revision: row.head, at, by: p.by, sha256: digest };
    });
  }

  /** Which finalised report a PDF is (by its SHA-256), or null. */
  findFinalisation(pdf: Uint8Array): {
    unitId: string;
    unitName: string;
    year: number;
    revision: number;
    at: string;
    by: string;
    reopened: boolean;
  } | null {
    const row = this.stmt(
      `SELECT r.unit_id, u.name, r.year, f.revision, f.at, f.by, f.reopened_at IS NOT NULL AS reopened
         FROM finalisations f JOIN reports r ON r.id = f.report_id JOIN units u ON u.id = r.unit_id
        WHERE f.sha256 = ? ORDER BY f.id DESC LIMIT 1`,
    ).get(sha256(pdf)) as
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
    return row
      ? {
          unitId: row.unit_id,
          unitName: row.name,
          year: row.year,
          revision: row.revision,
          at: row.at,
          by: row.by,
          reopened: row.reopened === 1,
        }
      : null;
  }

  /** The stored PDF of a finalisation (exact bytes). */
  finalPdf(unitId: string, year: number): Uint8Array | null {
    const row = this.requireReport(unitId, year);
    const pdf = this.stmt(
      'SELECT pdf FROM finalisations WHERE report_id = ? ORDER BY id DESC LIMIT 1',
    )
      .pluck()
      .get(row.id) as Buffer | null | undefined;
    return pdf ? new Uint8Array(pdf) : null;
  }

  /** Reopens a finalised report: a new revision line, with the reason recorded. */
  reopenReport(unitId: string, year: number, reason: string, author: string): SaveResult {
    const why = reason.trim();
    if (!why) throw new ApiError('INVALID', '重新打开已定稿的报告必须写明理由。');
    return this.write(() => {
      const row = this.requireReport(unitId, year);
      const fin = this.activeFinalisation(row.id);
      if (!fin) throw new ApiError('CONFLICT', `${year}年度报告没有定稿，不需要重新打开。`);
      this.stmt(
        'UPDATE finalisations SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE id = ?',
      ).run(this.stamp(), author, why, fin.id);
      this.stmt('UPDATE reports SET line = line + 1 WHERE id = ?').run(row.id);
      const updated = this.reportRow(unitId, year)!;
      const body = JSON.parse(this.revision(row.id, row.head).body) as StoredBody;
      const number = this.addRevision(updated, body, 'reopen', author, why, true)!;
      return { revision: number, created: true };
    });
  }

  checkReport(unitId: string, year: number, report?: Report, deadline?: string): CheckResult {
    const row = this.requireReport(unitId, year);
    if (row.format === null)
      throw new ApiError('INVALID', `${year}年度报告是旧格式文本，不做检查。`);
    const opened = this.openReport(unitId, year);
    const current = report ?? (opened.legacy ? undefined : opened.report);
    if (!current) throw new ApiError('INVALID', '旧格式文本不做检查。');
    if (current.year !== year) {
      throw new ApiError('INVALID', `报告的年度（${current.year}）与检查的年度（${year}）不一致。`);
    }
    const { findings, prior } = this.findingsFor(unitId, year, current, deadline);
    const { errors, warnings } = countOpen(findings);
    return {
      findings,
      status: reportStatus(current, findings),
      errors,
      warnings,
      priorYear: prior ? prior.year : null,
    };
  }

  /**
   * Stores an imported report or legacy document as the newest revision of its year (creating
   * the report when the year has none). Identical content adds nothing.
   */
  storeImported(
    unitId: string,
    year: number,
    content: Report | LegacyBody,
    author: string,
    file: string,
  ): { status: 'imported' | 'unchanged'; revision: number } {
    return this.write(() => {
      const existing = this.reportRow(unitId, year);
      if (existing) this.assertUnlocked(existing);
      const body = this.canonical(unitId, year, content);
      const row = existing ? this.foldJournal(existing) : this.newReportRow(unitId, year);
      const number = this.addRevision(row, body, 'import', author, file);
      if (number === null) return { status: 'unchanged', revision: row.head };
      return { status: 'imported', revision: number };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Search

  /**
   * Full-text search over the newest revision of every report. Terms of three or more
   * characters use the FTS5 trigram index; shorter ones (common in Chinese: 公开, 复议) are
   * matched by scanning, the most recently added reports first, stopping at the limit.
   */
  search(query: string, limit = 50): { hits: SearchHitRow[]; more: boolean } {
    // the query is matched as written: no NFKC, which would turn the full-width punctuation of
    // Chinese text (，（）：) into ASCII that the reports do not contain
    const terms = query
      .split(/\s+/u)
      .map((t) => t.trim())
      .filter(Boolean);
    if (terms.length === 0) return { hits: [], more: false };
    const long = terms.filter((t) => [...t].length >= 3);
    const short = terms.filter((t) => [...t].length < 3);
    // case-insensitive like the trigram index (Latin letters: "PDF", "QQ")
    const shortWhere = short.map((t) =>
      /[A-Za-z]/u.test(t)
        ? '(instr(lower(s.body), ?) > 0 OR instr(lower(s.title), ?) > 0)'
        : '(instr(s.body, ?) > 0 OR instr(s.title, ?) > 0)',
    );
    const shortArgs = short.flatMap((t) => [t.toLowerCase(), t.toLowerCase()]);
    const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
    // The most recently added reports first (not bm25 over every match: a phrase in all 24,000
    // reports would be ranked in full before the first 50 came back).
    let match: string | null = long.length ? long.map(quote).join(' AND ') : null;
    if (!match) {
      // 1–2 characters: the trigrams that start with the term (every character starts one, see
      // INDEX_END) say which reports contain it. A rare term is looked up through them; a
      // common one is found soonest by reading the newest reports until the page is full.
      let fewest: { trigrams: string[]; docs: number } | null = null;
      for (const t of short) {
        const key = t.toLowerCase();
        const rows = this.stmt(
          'SELECT term, doc FROM search_vocab WHERE term >= ? AND term < ?',
        ).all(key, `${key}\u{10FFFF}`) as { term: string; doc: number }[];
        if (rows.length === 0) return { hits: [], more: false };
        const docs = rows.reduce((sum, r) => sum + r.doc, 0);
        if (!fewest || docs < fewest.docs) fewest = { trigrams: rows.map((r) => r.term), docs };
      }
      if (fewest && fewest.docs < DENSE_TERM) match = fewest.trigrams.map(quote).join(' OR ');
    }
    const where = [...(match ? ['search MATCH ?'] : []), ...shortWhere].join(' AND ');
    const rows = this.db
      .prepare(
        `SELECT s.rowid AS id, s.body FROM search s WHERE ${where} ORDER BY s.rowid DESC LIMIT ?`,
      )
      .all(...(match ? [match] : []), ...shortArgs, limit + 1) as SearchRow[];
    const more = rows.length > limit;
    const meta = this.stmt(
      'SELECT r.unit_id, r.year, r.title, u.name FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = ?',
    );
    const hits = rows.slice(0, limit).map((row) => {
      const m = meta.get(row.id) as { unit_id: string; year: number; title: string; name: string };
      return {
        unitId: m.unit_id,
        unitName: m.name,
        year: m.year,
        title: m.title,
        // made here, not by FTS5's snippet(): its window of trigram tokens cuts a phrase of a
        // few characters in half when the phrase is near the start of the text
        snippet: scanSnippet(row.body.trimEnd() || m.title, terms),
      };
    });
    return { hits, more };
  }

  // -------------------------------------------------------------------------------------------
  // Maintenance

  /**
   * Copies the archive with SQLite's online backup API (the archive stays usable meanwhile):
   * to `to`, or into the backup folder. Written to a temporary name first, so that a backup
   * file either is complete or does not exist.
   */
  async backup(to?: string, reason: BackupReason = 'manual'): Promise<BackupInfo> {
    const date = this.now();
    const target = to ? path.resolve(to) : newBackupPath(this.path, reason, date);
    if (to && fs.existsSync(target)) {
      throw new ApiError('CONFLICT', `文件已存在：${target}。请另选文件名，备份不会覆盖已有文件。`);
    }
    if (target === this.path) throw new ApiError('INVALID', '备份不能写到档案库文件本身。');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    fs.rmSync(partial, { force: true });
    await this.db.backup(partial);
    // one self-contained file in rollback-journal mode: opening it read-only (to check it before
    // a restore) then creates no -wal and -shm beside it, which rotation would leave behind
    const copy = openDatabase(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(partial, target);
    if (!to) rotateBackups(this.path, this.keep);
    return { path: target, at: date.toISOString(), reason, bytes: fs.statSync(target).size };
  }

  /** Today's automatic backup, unless there is one already (or the archive is empty). */
  async dailyBackup(): Promise<BackupInfo | null> {
    const today = localDay(this.now());
    if (listBackups(this.path).some((b) => b.reason === 'daily' && b.at.startsWith(today))) {
      return null;
    }
    const reports = this.stmt('SELECT count(*) FROM reports').pluck().get() as number;
    if (reports === 0) return null;
    return this.backup(undefined, 'daily');
  }

  /** The full integrity check and the archive's own consistency checks. */
  verify(): VerifyResult {
    const problems: string[] = [];
    try {
      const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
      for (const r of rows) if (r.integrity_check !== 'ok') problems.push(r.integrity_check);
      const fk = this.db.pragma('foreign_key_check') as { table: string }[];
      for (const r of fk) problems.push(`外键不一致：${r.table}`);
      const missingHead = this.stmt(
        `SELECT r.id, r.year FROM reports r
          WHERE NOT EXISTS (SELECT 1 FROM revisions v WHERE v.report_id = r.id AND v.number = r.head)`,
      ).all() as { id: number; year: number }[];
      for (const r of missingHead) problems.push(`报告 ${r.id}（${r.year}年度）缺少最新版本`);
      for (const v of this.stmt(
        'SELECT report_id, number, body, hash FROM revisions',
      ).iterate() as Iterable<{
        report_id: number;
        number: number;
        body: string;
        hash: string;
      }>) {
        if (sha256(v.body) !== v.hash) {
          problems.push(`报告 ${v.report_id} 第 ${v.number} 版的内容与其校验值不符`);
          continue;
        }
        try {
          const body = JSON.parse(v.body) as StoredBody;
          if (!isLegacyBody(body) && !ReportSchema.safeParse(body).success) {
            problems.push(`报告 ${v.report_id} 第 ${v.number} 版不是有效的报告数据`);
          }
        } catch {
          problems.push(`报告 ${v.report_id} 第 ${v.number} 版不是有效的 JSON`);
        }
      }
      for (const f of this.stmt(
        'SELECT id, pdf, sha256 FROM finalisations WHERE pdf IS NOT NULL',
      ).iterate() as Iterable<{
        id: number;
        pdf: Buffer;
        sha256: string;
      }>) {
        if (sha256(f.pdf) !== f.sha256) problems.push(`定稿记录 ${f.id} 的 PDF 与其 SHA-256 不符`);
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
    const ok = problems.length === 0;
    return {
      ok,
      problems,
      message: ok ? '档案库完好。' : `档案库有问题，请停止写入。${recoveryAdvice(this.path)}`,
    };
  }

  info(): ArchiveInfo {
    const size = (f: string) => {
      try {
        return fs.statSync(f).size;
      } catch {
        return 0;
      }
    };
    return {
      path: this.path,
      schemaVersion: this.schemaVersion,
      bytes: size(this.path) + size(`${this.path}-wal`),
      units: this.stmt('SELECT count(*) FROM units').pluck().get() as number,
      reports: this.stmt('SELECT count(*) FROM reports').pluck().get() as number,
      warning: storageWarning(path.dirname(this.path)),
    };
  }
}

export interface SearchHitRow {
  unitId: string;
  unitName: string;
  year: number;
  title: string;
  snippet: { text: string; hit: boolean }[];
}

interface SearchRow {
  id: number;
  body: string;
}

/** A short term in at least this many reports is found by reading the newest reports. */
const DENSE_TERM = 2000;

/** A snippet around the first occurrence of any term, with every occurrence marked. */
function scanSnippet(
  text: string,
  terms: readonly string[],
  radius = 30,
): { text: string; hit: boolean }[] {
  // case-insensitive, as the trigram index is; the longest term first where several start
  const pattern = new RegExp(
    [...terms]
      .sort((a, b) => b.length - a.length)
      .map((t) => t.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
      .join('|'),
    'giu',
  );
  const first = text.search(pattern);
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, Math.max(first, 0) + radius * 2);
  const window = text.slice(start, end).replace(/\n/gu, ' ');
  const parts: { text: string; hit: boolean }[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  let at = 0;
  for (const m of window.matchAll(pattern)) {
    if (m.index > at) parts.push({ text: window.slice(at, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    at = m.index + m[0].length;
  }
  if (at < window.length) parts.push({ text: window.slice(at), hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}

/** user_version through a read-only connection (WAL included), or null if that cannot be read. */
function readVersionReadOnly(file: string): number | null {
  let db: Db | undefined;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
    return db.pragma('user_version', { simple: true }) as number;
  } catch {
    return null; // the read-write open below reports what is wrong
  } finally {
    db?.close();
  }
}

function newerVersion(file: string, version: number): ApiError {
  return new ApiError(
    'NEWER_VERSION',
    `档案库“${file}”由更新版本的年报程序写入（档案库版本 ${version}，本程序支持到 ${LATEST_VERSION}）。为避免损坏数据，本程序不会打开它，请升级年报程序。`,
  );
}

function openFailure(file: string, error: unknown): ApiError {
  const code = (error as { code?: string }).code;
  if (code && SQLITE_DAMAGED.has(code)) return damaged(file, error);
  if (code === 'SQLITE_BUSY') {
    return new ApiError('BUSY', '档案库正被另一个年报程序使用，请稍后再试。');
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new ApiError('FAILED', `无法打开档案库“${file}”：没有读写权限或文件夹不存在。`);
  }
  return new ApiError('FAILED', `无法打开档案库“${file}”：${(error as Error).message}`);
}

/**
 * Restores an archive from a backup: the backup is checked first, the current file (with its
 * WAL) is renamed aside, never overwritten, and a copy of the backup takes its place. The
 * archive must be closed. Works when the current file is damaged or missing.
 */
export function restoreArchive(
  file: string,
  backup: string,
  now: Date = new Date(),
): { keptAside: string; restoredFrom: string } {
  const target = path.resolve(file);
  const source = path.resolve(backup);
  if (source === target) throw new ApiError('INVALID', '不能用档案库文件本身恢复。');
  checkBackupFileSync(source);
  const aside = `${target}.replaced-${stampOf(now)}`;
  let keptAside = '';
  if (fs.existsSync(target)) {
    let name = aside;
    for (let n = 2; fs.existsSync(name); n++) name = `${aside}-${n}`;
    fs.renameSync(target, name);
    keptAside = name;
    for (const ext of ['-wal', '-shm']) {
      if (fs.existsSync(target + ext)) fs.renameSync(target + ext, name + ext);
    }
  }
  const partial = `${target}.restoring`;
  fs.copyFileSync(source, partial);
  const fd = fs.openSync(partial, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, target);
  return { keptAside, restoredFrom: source };
}
