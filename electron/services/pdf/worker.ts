/**
 * The PDF worker: a worker thread that renders, so that the main process's event loop never
 * waits for a render. Fonts are loaded once, on the first request, and kept.
 *
 * Protocol: { id, render: RenderRequest } | { id, fonts: true } → { id, ok: true, result } |
 * { id, ok: false, error }; { close: true } ends the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../../core/api';
import { createInProcessRenderer, type RenderRequest, type RendererOptions } from './service';

export type PdfWorkerRequest =
  | { readonly id: number; readonly render: RenderRequest }
  | { readonly id: number; readonly fonts: true }
  | { readonly close: true };

export type PdfWorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { code: string; message: string } };

const port = parentPort!;
const renderer = createInProcessRenderer(workerData as RendererOptions);

port.on('message', (message: PdfWorkerRequest) => {
  if ('close' in message) {
    port.close();
    return;
  }
  const { id } = message;
  const task = 'render' in message ? renderer.render(message.render) : renderer.fonts();
  task.then(
    (result) => {
      // The PDF's bytes move to the main thread rather than being copied.
      const transfer =
        result && 'pdf' in result && result.pdf.buffer instanceof ArrayBuffer
          ? [result.pdf.buffer]
          : [];
      port.postMessage({ id, ok: true, result } satisfies PdfWorkerReply, transfer);
    },
    (error: unknown) => {
      const e =
        error instanceof ApiError
          ? error
          : new ApiError('FAILED', `生成 PDF 失败：${(error as Error)?.message ?? String(error)}`);
      port.postMessage({
        id,
        ok: false,
        error: { code: e.code, message: e.message },
      } satisfies PdfWorkerReply);
    },
  );
});
