/**
 * The archive's half of the typed API: one handler per method, over one Archive (the writer).
 * Used inside the database worker (the app, the HTTP bridge) and in-process by the CLI, so both
 * run exactly the same code. A method the Archive has under the same name is served by it with
 * its payload; the host serves the few that need more than an open archive. Payloads arrive
 * validated by the transport edge.
 */
import { ApiError, type RestoreResult } from '../../../core/api';
import { Archive, restoreArchive, type ArchiveOptions } from '../../../db/archive';
import { listBackups } from '../../../db/backup';
import { importFiles, importUpload, type ArchiveAccess } from './importer';
import { importExchange } from '../exchange/importer';
import { packExchange } from '../exchange/file';
import { aggregateFileName, aggregateWorkbook, XLSX_MIME } from '../xlsx/aggregate';
import {
  WORKER_METHODS,
  type Handlers,
  type WorkerMethod,
  type WorkerPayload,
  type WorkerResult,
} from './methods';

/** Runs work in the archive's turn: after the requests before it, before those after it. */
export type Turn = <T>(work: () => T | Promise<T>) => Promise<T>;

/** Holds the archive: open, or the reason it could not be opened (restore still works). */
export class ArchiveHost {
  private archive: Archive | null = null;
  private failure: ApiError | null = null;
  /**
   * How work waits its turn: the database worker queues it among the requests (see worker.ts);
   * in one process without a queue (the CLI) it runs at once.
   */
  turn: Turn = async (work) => work();
  /** Imports under way (they run beside the requests): a restore waits for none, it refuses. */
  private imports = 0;

  /** Runs an import, counted, so that a restore is refused meanwhile. */
  async importing<T>(run: () => Promise<T>): Promise<T> {
    this.imports++;
    try {
      return await run();
    } finally {
      this.imports--;
    }
  }

  constructor(
    readonly file: string,
    readonly options: ArchiveOptions = {},
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

  /** The program is idle: the WAL's content goes into the archive file (a checkpoint). */
  idle(): void {
    this.archive?.checkpoint();
  }

  /**
   * Replaces the archive file by a backup (kept aside, never overwritten), then reopens it.
   * Refused (BUSY) while another program has the archive open, or an import is under way.
   */
  async restore(backup: string): Promise<RestoreResult> {
    if (this.imports > 0) {
      throw new ApiError(
        'BUSY',
        '正在导入文件，不能恢复备份。请等导入完成（或取消导入）后再恢复。',
      );
    }
    this.close();
    let result;
    try {
      result = restoreArchive(this.file, backup, this.options.now?.() ?? new Date());
    } catch (error) {
      await this.open(); // the file was left as it was: open it again
      throw error;
    }
    await this.open();
    if (this.failure) {
      throw new ApiError(
        this.failure.code,
        `${this.failure.message}${result.keptAside ? `（恢复前的档案库文件已另存为“${result.keptAside}”）` : ''}`,
      );
    }
    return result;
  }
}

/** The open archive, in the archive's turn. */
function inTurn(host: ArchiveHost): ArchiveAccess {
  return (work) => host.turn(() => work(host.get()));
}

/** The methods the host serves: they work while the archive cannot be opened, or read files. */
function hostHandlers(host: ArchiveHost) {
  return {
    listBackups: () => listBackups(host.file),
    restoreBackup: (p) => host.restore(p.path),
    verify: () => {
      const failure = host.error;
      if (failure) return { ok: false, problems: [failure.message], message: failure.message };
      return host.get().verify();
    },
    // files are read (in the import worker) outside the archive's turn; each one is stored in
    // its turn, so saves are answered while a long file is read
    importFiles: (p, ctx) =>
      host.importing(() => importFiles(inTurn(host), p, ctx.progress, ctx.cancelled)),
    importUpload: (p, ctx) =>
      host.importing(() => importUpload(inTurn(host), p, ctx.progress, ctx.cancelled)),
    // 汇总表 (issue 15 item 5): the sum from the archive, the workbook written here
    exportAggregate: async (p) => {
      const result = host.get().aggregateReport(p);
      return {
        fileName: aggregateFileName(result),
        mime: XLSX_MIME,
        data: await aggregateWorkbook(result),
      };
    },
    // the exchange file (issue 15 item 1): the archive's parts, zipped and read here
    exportExchange: (p) =>
      packExchange(host.get().exchangeParts(p), {
        at: (host.options.now?.() ?? new Date()).toISOString(),
        by: p.author,
      }),
    // read and verified in the import worker outside the archive's turn, each file stored in its
    // turn (as importFiles); a restore is refused meanwhile
    importExchange: (p, ctx) =>
      host.importing(() => importExchange(inTurn(host), p, ctx.progress, ctx.cancelled)),
  } satisfies Partial<Handlers>;
}

type HostMethod = keyof ReturnType<typeof hostHandlers>;
/** Every other worker method is the Archive's method of the same name, taking its payload. */
type ServedByArchive = {
  [M in Exclude<WorkerMethod, HostMethod>]: (
    p: WorkerPayload<M>,
  ) => WorkerResult<M> | Promise<WorkerResult<M>>;
};
const _archiveServesTheRest: (archive: Archive) => ServedByArchive = (archive) => archive;

export function createHandlers(host: ArchiveHost): Handlers {
  const own: Partial<Record<WorkerMethod, unknown>> = hostHandlers(host);
  const table: Partial<Record<WorkerMethod, unknown>> = {};
  for (const method of WORKER_METHODS) {
    table[method] =
      own[method] ??
      ((payload: unknown) =>
        (host.get()[method as Exclude<WorkerMethod, HostMethod>] as (p: unknown) => unknown).call(
          host.get(),
          payload,
        ));
  }
  return table as Handlers;
}
