/**
 * The PDF worker: a worker thread that renders, so that the main process's event loop never
 * waits for a render. Fonts are loaded once, on the first request, and kept. Methods `render`
 * (a RenderRequest), `document` (a DocumentRequest: Word or HTML export) and `fonts`; the protocol: worker-rpc.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../../core/api';
import { serveRpc } from '../worker-rpc';
import type { DocumentRequest } from '../export-docx';
import {
  createPdfRenderer,
  type ComparisonRequest,
  type PdfRendererOptions,
  type RenderRequest,
  type ReviewRequest,
} from './service';

const renderer = createPdfRenderer(workerData as PdfRendererOptions);

serveRpc(
  parentPort!,
  (method, payload) => {
    if (method === 'render') return renderer.render(payload as RenderRequest);
    if (method === 'fonts') return renderer.fonts();
    if (method === 'renderComparison')
      return renderer.renderComparison(payload as ComparisonRequest);
    if (method === 'renderReview') return renderer.renderReview(payload as ReviewRequest);
    if (method === 'document') return renderer.document(payload as DocumentRequest);
    throw new ApiError('INVALID', `未知的操作：${method}`);
  },
  {
    failed: '生成 PDF 失败',
    // The PDF's (or document's) bytes move to the main thread rather than being copied.
    transfer: (result) => {
      const out = result as { pdf?: unknown; data?: unknown } | null;
      const bytes = out?.pdf ?? out?.data;
      return bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer
        ? [bytes.buffer]
        : [];
    },
  },
);
