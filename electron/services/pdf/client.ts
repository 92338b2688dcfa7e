/**
 * The main process's side of the PDF worker (electron/services/pdf/worker.ts, bundled as
 * dist/pdf-worker.cjs): a PdfRenderer whose renders run off the main thread.
 */
import { Worker } from 'node:worker_threads';
import { ApiError, type ExportedDocument, type FontsInfo } from '../../../core/api';
import { RpcClient, workerPath } from '../worker-rpc';
import type { RenderOutput } from './render';
import type { PdfRenderer, PdfRendererOptions } from './service';

/**
 * The PDF renderer in a worker thread. A worker that died (a crash, memory exhausted) fails the
 * renders it had and is started again by the next request; only close() ends the renderer.
 */
export function openPdfWorker(
  options: PdfRendererOptions & { workerPath?: string } = {},
): PdfRenderer {
  const file = options.workerPath ?? workerPath('pdf-worker.cjs');
  let closed = false;
  let current: { worker: Worker; rpc: RpcClient } | null = null;

  function start(): { worker: Worker; rpc: RpcClient } {
    const worker = new Worker(file, {
      workerData: options.fontDirs ? { fontDirs: [...options.fontDirs] } : {},
    });
    // An idle renderer does not keep the process alive.
    worker.unref();
    const rpc = new RpcClient(worker, { idle: () => worker.unref() });
    const started = { worker, rpc };
    worker.on('error', (error) => rpc.failAll(`生成 PDF 的进程出错：${error.message}`));
    worker.on('exit', () => {
      if (current === started) current = null;
      rpc.failAll('生成 PDF 的进程意外退出，请重试。');
    });
    return started;
  }
  current = start();

  const call = <T>(
    method: 'render' | 'renderComparison' | 'renderReview' | 'document' | 'fonts',
    payload?: unknown,
  ): Promise<T> => {
    if (closed) return Promise.reject(new ApiError('FAILED', '生成 PDF 的进程已关闭。'));
    const { worker, rpc } = (current ??= start());
    worker.ref();
    return rpc.call(method, payload) as Promise<T>;
  };
  return {
    render: (request) => call<RenderOutput>('render', request),
    renderComparison: (request) => call<RenderOutput>('renderComparison', request),
    renderReview: (request) => call<RenderOutput>('renderReview', request),
    document: (request) => call<ExportedDocument>('document', request),
    fonts: () => call<FontsInfo>('fonts'),
    async close() {
      if (closed) return;
      closed = true;
      const worker = current?.worker;
      current = null;
      await worker?.terminate();
    },
  };
}
