/**
 * The import worker: a worker thread that reads PDF and old Word files (pdf.ts, doc.ts), so
 * that a hostile file is read within bounds the caller sets on the thread (memory limits,
 * a timeout after which it is terminated; see index.ts). One file at a time.
 *
 * Protocol: { id, pdf: bytes, maxPages } | { id, doc: bytes, unreadable } →
 * { id, ok: true, result } | { id, ok: false, message }.
 */
import { parentPort } from 'node:worker_threads';
import { ReportFileError } from '../../../core/model';
import { extractDocText } from './doc';
import { extractPdf, PDF_READ_MESSAGES } from './pdf';

export type ImportWorkerRequest =
  | { readonly id: number; readonly pdf: Uint8Array; readonly maxPages: number }
  | { readonly id: number; readonly doc: Uint8Array; readonly unreadable: string };

export type ImportWorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

const port = parentPort!;

// pdf.js reports damage it works around on the console: not the user's concern (this thread
// only reads files; the outcome is the reply)
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => {};

port.on('message', (request: ImportWorkerRequest) => {
  const { id } = request;
  const task =
    'pdf' in request
      ? extractPdf(request.pdf, { maxPages: request.maxPages })
      : extractDocText(request.doc, request.unreadable).then((text) => ({ text }));
  task.then(
    (result) => port.postMessage({ id, ok: true, result } satisfies ImportWorkerReply),
    (error: unknown) => {
      const message =
        error instanceof ReportFileError
          ? error.message
          : 'pdf' in request
            ? PDF_READ_MESSAGES.damaged
            : request.unreadable;
      port.postMessage({ id, ok: false, message } satisfies ImportWorkerReply);
    },
  );
});
