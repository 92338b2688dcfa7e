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

/**
 * The renderer in a worker thread. A worker that died (a crash, memory exhausted) fails the
 * renders it had and is started again by the next request; only close() ends the renderer.
 */
export function openPdfWorker(options: RendererOptions & { workerPath?: string } = {}): Renderer {
  const workerPath = options.workerPath ?? defaultPdfWorkerPath();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let closed = false;
  let worker: Worker | null = null;

  const failAll = (message: string) => {
    for (const entry of pending.values()) entry.reject(new ApiError('FAILED', message));
    pending.clear();
  };

  function start(): Worker {
    const w = new Worker(workerPath, {
      workerData: options.fontDirs ? { fontDirs: [...options.fontDirs] } : {},
    });
    // An idle renderer does not keep the process alive.
    w.unref();
    w.on('message', (reply: PdfWorkerReply) => {
      const entry = pending.get(reply.id);
      if (!entry) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if (reply.ok) entry.resolve(reply.result);
      else entry.reject(new ApiError(reply.error.code as ApiErrorCode, reply.error.message));
    });
    w.on('error', (error) => failAll(`生成 PDF 的进程出错：${error.message}`));
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll('生成 PDF 的进程意外退出，请重试。');
    });
    return w;
  }
  worker = start();

  const call = <T>(request: Omit<Extract<PdfWorkerRequest, { id: number }>, 'id'>): Promise<T> => {
    if (closed) return Promise.reject(new ApiError('FAILED', '生成 PDF 的进程已关闭。'));
    const w = (worker ??= start());
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.ref();
      w.postMessage({ id, ...request } as PdfWorkerRequest);
    });
  };
  return {
    render: (request) => call<RenderedBytes>({ render: request }),
    fonts: () => call<FontsInfo>({ fonts: true }),
    async close() {
      if (closed) return;
      closed = true;
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
