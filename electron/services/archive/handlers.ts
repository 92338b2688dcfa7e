/**
 * The archive's half of the typed API: one handler per method, over one Archive (the writer).
 * Used inside the database worker (the app, the HTTP bridge) and in-process by the CLI, so both
 * run exactly the same code. Payloads arrive validated (parsePayload).
 */
import { ApiError } from '../../../core/api';
import { Archive, restoreArchive, type ArchiveOptions } from '../../../db/archive';
import { listBackups } from '../../../db/backup';
import { reportCells, toCsv } from '../../../core/export';
import { serialiseReport } from '../../../core/file';
import { FILE_EXTENSION } from '../../../core/model';
import { importFiles, importUpload } from './importer';
import type { Handlers } from './methods';

export * from './methods';

/** Holds the archive: open, or the reason it could not be opened (restore still works). */
export class ArchiveHost {
  private archive: Archive | null = null;
  private failure: ApiError | null = null;

  constructor(
    readonly file: string,
    private readonly options: ArchiveOptions = {},
  ) {}

  async open(): Promise<void> {
    try {
      this.archive = await Archive.open(this.file, this.options);
      this.failure = null;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.archive = null;
      this.failure = error;
    }
  }

  /** Why the archive is not open, if it is not. */
  get error(): ApiError | null {
    return this.failure;
  }

  get(): Archive {
    if (this.archive) return this.archive;
    throw this.failure ?? new ApiError('FAILED', '档案库没有打开。');
  }

  close(): void {
    this.archive?.close();
    this.archive = null;
  }

  /** Replaces the archive file by a backup (kept aside, never overwritten), then reopens it. */
  async restore(backup: string) {
    this.close();
    let result;
    try {
      result = restoreArchive(this.file, backup, this.options.now?.() ?? new Date());
    } catch (error) {
      await this.open(); // the file was left as it was: open it again
      throw error;
    }
    await this.open();
    if (this.failure) throw this.failure;
    return result;
  }
}

export function createHandlers(host: ArchiveHost): Handlers {
  const a = () => host.get();
  return {
    archiveInfo: () => a().info(),
    listUnits: () => a().listUnits(),
    createUnit: (p) => a().createUnit(p),
    renameUnit: (p) => a().renameUnit(p),
    updateUnit: (p) => a().updateUnit(p),
    mergeUnits: (p) => a().mergeUnits(p),
    listYears: (p) => a().listYears(p.unitId),
    createReport: (p) => a().createReport(p.unitId, p.year, p.author),
    openReport: (p) => a().openReport(p.unitId, p.year),
    saveReport: (p) => a().saveReport(p.unitId, p.year, p.report, p.reason, p.author),
    writeJournal: (p) => a().writeJournal(p.unitId, p.year, p.report, p.author),
    copyLastYear: (p) => a().copyLastYear(p.unitId, p.from, p.to, p.author),
    history: (p) => a().history(p.unitId, p.year),
    openRevision: (p) => a().openRevision(p.unitId, p.year, p.revision),
    restoreRevision: (p) => a().restoreRevision(p.unitId, p.year, p.revision, p.author),
    reopenReport: (p) => a().reopenReport(p.unitId, p.year, p.reason, p.author),
    checkReport: (p) => a().checkReport(p.unitId, p.year, p.report, p.deadline),
    importFiles: (p, ctx) => importFiles(a(), p, ctx.progress, ctx.cancelled),
    importUpload: (p, ctx) => importUpload(a(), p, ctx.progress, ctx.cancelled),
    exportReport: (p) => {
      const opened = a().openReport(p.unitId, p.year);
      if (opened.legacy) {
        throw new ApiError(
          'INVALID',
          `${p.year}年的报告是旧格式文本，只能查看，不能导出为数据文件。`,
        );
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
    },
    search: (p) => a().search(p.query, p.limit),
    backup: (p) => a().backup(p.to),
    listBackups: () => listBackups(host.file),
    restoreBackup: (p) => host.restore(p.path),
    verify: () => {
      const failure = host.error;
      if (failure) return { ok: false, problems: [failure.message], message: failure.message };
      return a().verify();
    },
    storeFinalisation: (p) => {
      const stored = a().finalise(p.unitId, p.year, { by: p.by, pdf: p.pdf, revision: p.revision });
      return {
        revision: stored.revision,
        at: stored.at,
        by: stored.by,
        sha256: stored.sha256 ?? '',
      };
    },
    findFinalisation: (p) => a().findFinalisation(p.pdf),
    finalPdf: (p) => {
      const opened = a().openReport(p.unitId, p.year);
      const fin = opened.finalisation;
      if (!opened.locked || !fin) return null;
      const pdf = a().finalPdf(p.unitId, p.year);
      return pdf
        ? { pdf, revision: fin.revision, at: fin.at, by: fin.by, sha256: fin.sha256 ?? '' }
        : null;
    },
  };
}
