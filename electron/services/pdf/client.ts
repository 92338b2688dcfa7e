/**
 * The main process's side of the PDF worker (electron/services/pdf/worker.ts, bundled as
 * dist/pdf-worker.cjs): a Renderer whose renders run off the main thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorCode, type FontsInfo } from '../../../core/api';
import type { RenderedBytes, Renderer, RendererOptions } from './service';
import type { PdfWorkerReply, PdfWorkerRequest } from './worker';

/** dist/pdf-worker.cjs, from the bundle (dist/) or from the sources. */
export function defaultPdfWorkerPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, 'pdf-worker.cjs'),
    path.resolve(here, '../../../dist/pdf-worker.cjs'),
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error(`PDF worker not built (npm run build): looked in ${candidates.join(', ')}`);
  }
  return found;
}

export function openPdfWorker(options: RendererOptions & { workerPath?: string } = {}): Renderer {
  const worker = new Worker(options.workerPath ?? defaultPdfWorkerPath(), {
    workerData: options.fontDirs ? { fontDirs: [...options.fontDirs] } : {},
  });
  // An idle renderer does not keep the process alive.
  worker.unref();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let closed = false;
  const failAll = (message: string) => {
    for (const entry of pending.values()) entry.reject(new ApiError('FAILED', message));
    pending.clear();
  };
  worker.on('message', (reply: PdfWorkerReply) => {
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(new ApiError(reply.error.code as ApiErrorCode, reply.error.message));
  });
  worker.on('error', (error) => failAll(`PDF 进程出错：${error.message}`));
  worker.on('exit', () => {
    closed = true;
    failAll('PDF 进程已退出。');
  });
  const call = <T>(request: Omit<Extract<PdfWorkerRequest, { id: number }>, 'id'>): Promise<T> => {
    if (closed) return Promise.reject(new ApiError('FAILED', 'PDF 进程已关闭。'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, ...request } as PdfWorkerRequest);
    });
  };
  return {
    render: (request) => call<RenderedBytes>({ render: request }),
    fonts: () => call<FontsInfo>({ fonts: true }),
    async close() {
      if (closed) return;
      closed = true;
      await worker.terminate();
    },
  };
}
