/**
 * The main process's side of the archive: its part of the typed API implemented by messages to
 * the database worker (electron/services/archive/worker.ts, bundled as dist/archive-worker.cjs).
 *
 * `openArchiveInProcess` (in-process.ts) gives the same API over the same handlers without a
 * worker: for the CLI, whose one process has nothing else to keep responsive.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError, validatedApi, type CancelSignal, type ImportProgress } from '../../../core/api';
import { RpcClient, workerPath } from '../worker-rpc';
import {
  ARCHIVE_METHODS,
  WORKER_METHODS,
  type ArchiveApi,
  type ArchiveService,
  type WorkerMethod,
} from './methods';
import type { WorkerData } from './worker';

/** An open archive: its part of the API, and how to close it. */
export interface ArchiveConnection {
  /**
   * The archive's methods and internal operations for the services: payloads are trusted (the
   * transport edge that called the service validated them).
   */
  readonly service: ArchiveService;
  /** The same API methods validating each payload: for callers that are an edge themselves. */
  readonly api: ArchiveApi;
  /** Why the archive could not be opened (only restore, listBackups and verify work then). */
  readonly openError: ApiError | null;
  close(): Promise<void>;
}

/** The connection over a function that runs a worker method. */
export function connection(
  run: (
    method: WorkerMethod,
    payload: unknown,
    onProgress?: (p: ImportProgress) => void,
    signal?: CancelSignal,
  ) => Promise<unknown>,
  openError: ApiError | null,
  close: () => Promise<void>,
): ArchiveConnection {
  const service = Object.fromEntries(
    WORKER_METHODS.map((m) => [
      m,
      (p: unknown, onProgress?: (p: ImportProgress) => void, signal?: CancelSignal) =>
        run(m, p, onProgress, signal),
    ]),
  ) as unknown as ArchiveService;
  return { service, api: validatedApi(service, ARCHIVE_METHODS), openError, close };
}

/** Starts the database worker on an archive file and waits until it has opened it. */
export async function openArchiveWorker(
  file: string,
  options: { dailyBackup?: boolean; workerPath?: string } = {},
): Promise<ArchiveConnection> {
  const worker = new Worker(options.workerPath ?? workerPath('archive-worker.cjs'), {
    workerData: {
      file: path.resolve(file),
      dailyBackup: options.dailyBackup ?? false,
    } satisfies WorkerData,
  });
  let closed = false;
  let onClosed: (() => void) | null = null;
  let started: (error: ApiError | null) => void = () => {};
  const ready = new Promise<ApiError | null>((resolve, reject) => {
    started = resolve;
    worker.once('error', reject);
  });
  const rpc = new RpcClient(worker, { ready: started, closed: () => onClosed?.() });
  worker.on('error', (error) => rpc.failAll(`档案库进程出错：${error.message}`));
  worker.on('exit', () => {
    closed = true;
    rpc.failAll('档案库进程已退出。');
  });
  const openError = await ready;

  return connection(
    (method, payload, onProgress, signal) => {
      if (closed) return Promise.reject(new ApiError('FAILED', '档案库已关闭。'));
      return rpc.call(method, payload, {
        progress: onProgress as ((p: unknown) => void) | undefined,
        signal,
      });
    },
    openError,
    async () => {
      if (closed) return;
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage({ close: true });
      });
      await worker.terminate();
      closed = true;
    },
  );
}
