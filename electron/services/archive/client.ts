/**
 * The main process's side of the archive: the typed API implemented by messages to the
 * database worker (electron/services/archive/worker.ts, bundled as dist/archive-worker.cjs).
 * Every payload is validated here, at the service boundary, before it reaches the worker.
 *
 * `openArchiveInProcess` (in-process.ts) gives the same API over the same handlers without a
 * worker: for the CLI, whose one process has nothing else to keep responsive.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  ApiError,
  type ApiErrorCode,
  type CancelSignal,
  type ImportProgress,
} from '../../../core/api';
import {
  ARCHIVE_METHODS,
  INTERNAL_METHODS,
  parseWorkerPayload,
  type ArchiveApi,
  type ArchiveInternal,
  type WorkerMethod,
} from './methods';
import type { WorkerData, WorkerReply, WorkerRequest } from './worker';

/** An open archive: its part of the API, the services' internal operations, and how to close it. */
export interface ArchiveConnection {
  readonly api: ArchiveApi;
  readonly internal: ArchiveInternal;
  /** Why the archive could not be opened (only restore, listBackups and verify work then). */
  readonly openError: ApiError | null;
  close(): Promise<void>;
}

/** dist/archive-worker.cjs, from the bundle (dist/) or from the sources. */
export function defaultWorkerPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, 'archive-worker.cjs'),
    path.resolve(here, '../../../dist/archive-worker.cjs'),
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error(`archive worker not built (npm run build): looked in ${candidates.join(', ')}`);
  }
  return found;
}

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  progress?: ((p: ImportProgress) => void) | undefined;
};

/** Starts the database worker on an archive file and waits until it has opened it. */
export async function openArchiveWorker(
  file: string,
  options: { dailyBackup?: boolean; workerPath?: string } = {},
): Promise<ArchiveConnection> {
  const worker = new Worker(options.workerPath ?? defaultWorkerPath(), {
    workerData: {
      file: path.resolve(file),
      dailyBackup: options.dailyBackup ?? false,
    } satisfies WorkerData,
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  let onClosed: (() => void) | null = null;

  const ready = new Promise<ApiError | null>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        resolve(
          reply.error ? new ApiError(reply.error.code as ApiErrorCode, reply.error.message) : null,
        );
        return;
      }
      if ('closed' in reply) {
        onClosed?.();
        return;
      }
      const entry = pending.get(reply.id);
      if (!entry) return;
      if ('progress' in reply) {
        entry.progress?.(reply.progress as ImportProgress);
        return;
      }
      pending.delete(reply.id);
      if (reply.ok) entry.resolve(reply.result);
      else entry.reject(new ApiError(reply.error.code as ApiErrorCode, reply.error.message));
    });
  });
  worker.on('error', (error) => {
    for (const entry of pending.values()) {
      entry.reject(new ApiError('FAILED', `档案库进程出错：${error.message}`));
    }
    pending.clear();
  });
  worker.on('exit', () => {
    closed = true;
    for (const entry of pending.values()) {
      entry.reject(new ApiError('FAILED', '档案库进程已退出。'));
    }
    pending.clear();
  });
  const openError = await ready;

  const call = (
    method: WorkerMethod,
    payload: unknown,
    progress?: (p: ImportProgress) => void,
    signal?: CancelSignal,
  ): Promise<unknown> => {
    if (closed) return Promise.reject(new ApiError('FAILED', '档案库已关闭。'));
    let valid;
    try {
      valid = parseWorkerPayload(method, payload);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, progress });
      // an aborted signal fires no more 'abort' events: tell the worker before the request
      if (signal?.aborted) worker.postMessage({ cancel: id } satisfies WorkerRequest);
      worker.postMessage({ id, method, payload: valid } satisfies WorkerRequest);
      signal?.addEventListener(
        'abort',
        () => {
          if (pending.has(id)) worker.postMessage({ cancel: id } satisfies WorkerRequest);
        },
        { once: true },
      );
    });
  };

  const api = Object.fromEntries(
    ARCHIVE_METHODS.map((m) => [
      m,
      (p: unknown, progress?: (p: ImportProgress) => void, signal?: CancelSignal) =>
        call(m, p, progress, signal),
    ]),
  ) as unknown as ArchiveApi;
  const internal = Object.fromEntries(
    INTERNAL_METHODS.map((m) => [m, (p: unknown) => call(m, p)]),
  ) as unknown as ArchiveInternal;

  return {
    api,
    internal,
    openError,
    async close() {
      if (closed) return;
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage({ close: true } satisfies WorkerRequest);
      });
      await worker.terminate();
      closed = true;
    },
  };
}
