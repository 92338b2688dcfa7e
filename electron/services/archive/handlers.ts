/**
 * The archive's half of the typed API: one handler per method, over one Archive (the writer).
 * Used inside the database worker (the app, the HTTP bridge) and in-process by the CLI, so both
 * run exactly the same code. Payloads arrive validated (parsePayload).
 */
import { z } from 'zod';
import {
  API_PAYLOADS,
  ApiError,
  parsePayload,
  type ApiMethod,
  type ImportProgress,
  type NianbaoApi,
  type Payload,
  type PdfMatch,
  type PdfMethod,
} from '../../../core/api';
import { Archive, restoreArchive, type ArchiveOptions } from '../../../db/archive';
import { listBackups } from '../../../db/backup';
import { reportCells, toCsv } from '../../../core/export';
import { serialiseReport } from '../../../core/file';
import { FILE_EXTENSION } from '../../../core/model';
import { importFiles, importUpload } from './importer';

/** The API methods the archive serves alone (the PDF service composes the others). */
export type ArchiveMethod = Exclude<ApiMethod, PdfMethod>;
export type ArchiveApi = Pick<NianbaoApi, ArchiveMethod>;

/**
 * Operations the services need from the archive that the UI never calls directly: storing a
 * finalisation's PDF (after the PDF service rendered it), finding one by its bytes, reading
 * the archived bytes back. Validated like API payloads.
 */
const unitId = z.string().min(1).max(200);
const year = z.number().int();
const bytes = z.custom<Uint8Array<ArrayBufferLike>>((v) => v instanceof Uint8Array);
export const INTERNAL_PAYLOADS = {
  storeFinalisation: z.object({
    unitId,
    year,
    by: z.string(),
    pdf: bytes,
    revision: z.number().int(),
  }),
  findFinalisation: z.object({ pdf: bytes }),
  /** The archived PDF of a report while it is finalised (null once reopened or never finalised). */
  finalPdf: z.object({ unitId, year }),
} as const;
export type InternalMethod = keyof typeof INTERNAL_PAYLOADS;
export type WorkerMethod = ArchiveMethod | InternalMethod;

export interface StoredFinalisation {
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly sha256: string;
}

export interface ArchivedPdf extends StoredFinalisation {
  readonly pdf: Uint8Array;
}

export interface ArchiveInternal {
  storeFinalisation(
    p: z.input<(typeof INTERNAL_PAYLOADS)['storeFinalisation']>,
  ): Promise<StoredFinalisation>;
  findFinalisation(
    p: z.input<(typeof INTERNAL_PAYLOADS)['findFinalisation']>,
  ): Promise<PdfMatch | null>;
  finalPdf(p: z.input<(typeof INTERNAL_PAYLOADS)['finalPdf']>): Promise<ArchivedPdf | null>;
}

export const ARCHIVE_METHODS = Object.keys(API_PAYLOADS).filter(
  (m) =>
    !(['renderPdf', 'finaliseReport', 'verifyPdf', 'fonts'] satisfies PdfMethod[]).includes(
      m as PdfMethod,
    ),
) as ArchiveMethod[];
export const INTERNAL_METHODS = Object.keys(INTERNAL_PAYLOADS) as InternalMethod[];

/** Validates a payload for the database worker: an archive API method or an internal one. */
export function parseWorkerPayload(method: WorkerMethod, payload: unknown): unknown {
  if (method in INTERNAL_PAYLOADS) {
    const parsed = INTERNAL_PAYLOADS[method as InternalMethod].safeParse(payload ?? {});
    if (!parsed.success) throw new ApiError('INVALID', `内部请求 ${method} 的参数不正确。`);
    return parsed.data;
  }
  return parsePayload(method as ArchiveMethod, payload);
}

export type Result<M extends ApiMethod> = Awaited<ReturnType<NianbaoApi[M]>>;
type InternalResult<M extends InternalMethod> = Awaited<ReturnType<ArchiveInternal[M]>>;

export interface Context {
  readonly progress: (p: ImportProgress) => void;
  readonly cancelled: () => boolean;
}

export type Handlers = {
  [M in ArchiveMethod]: (payload: Payload<M>, ctx: Context) => Result<M> | Promise<Result<M>>;
} & {
  [M in InternalMethod]: (
    payload: z.output<(typeof INTERNAL_PAYLOADS)[M]>,
    ctx: Context,
  ) => InternalResult<M> | Promise<InternalResult<M>>;
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
