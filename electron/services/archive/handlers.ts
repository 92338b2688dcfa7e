/**
 * The archive's half of the typed API: one handler per method, over one Archive (the writer).
 * Used inside the database worker (the app, the HTTP bridge) and in-process by the CLI, so both
 * run exactly the same code. Payloads arrive validated (parsePayload).
 */
import {
  ApiError,
  type ApiMethod,
  type ImportProgress,
  type NianbaoApi,
  type Payload,
} from '../../../core/api';
import { Archive, restoreArchive, type ArchiveOptions } from '../../../db/archive';
import { listBackups } from '../../../db/backup';
import { importFiles } from './importer';

export type Result<M extends ApiMethod> = Awaited<ReturnType<NianbaoApi[M]>>;

export interface Context {
  readonly progress: (p: ImportProgress) => void;
  readonly cancelled: () => boolean;
}

export type Handlers = {
  [M in ApiMethod]: (payload: Payload<M>, ctx: Context) => Result<M> | Promise<Result<M>>;
};

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
    search: (p) => a().search(p.query, p.limit),
    backup: (p) => a().backup(p.to),
    listBackups: () => listBackups(host.file),
    restoreBackup: (p) => host.restore(p.path),
    verify: () => {
      const failure = host.error;
      if (failure) return { ok: false, problems: [failure.message], message: failure.message };
      return a().verify();
    },
  };
}
