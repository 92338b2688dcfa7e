/**
 * The import worker: a worker thread that reads imported files, so that a hostile file is read
 * within bounds the caller sets on the thread (memory limits, a timeout after which it is
 * terminated; see index.ts) and never holds the thread that called (the database worker keeps
 * answering saves meanwhile). One file at a time.
 * The messages: protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { ReportFileError } from '../../../core/model';
import { readExchange, readExchangeFile } from '../exchange/file';
import { logError } from '../log';
import { extractDocText } from './doc';
import { inProcessExtractors } from './in-process';
import { parseSource } from './parse';
import { extractPdf, PDF_READ_MESSAGES } from './pdf';
import type { ImportWorkerReply, ImportWorkerRequest } from './protocol';
import { LIMIT_MESSAGES, readSource } from './source';

const port = parentPort!;

// pdf.js reports damage it works around on the console: not the user's concern (this thread
// only reads files; the outcome is the reply)
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => {};

/** The work a request asks for; in this thread, the readers need no worker of their own. */
async function perform(request: ImportWorkerRequest): Promise<unknown> {
  if ('pdf' in request) return extractPdf(request.pdf, { maxPages: request.maxPages });
  if ('doc' in request) return { text: await extractDocText(request.doc, request.unreadable) };
  if ('exchange' in request) {
    const { exchange } = request;
    return exchange instanceof Uint8Array
      ? readExchange(exchange)
      : readExchangeFile(exchange.path);
  }
  const extractors = inProcessExtractors;
  if ('report' in request) {
    const { options, limits } = request;
    const fileName = options.fileName;
    const source = await readSource(request.report, {
      ...(fileName ? { fileName } : {}),
      limits,
      extractors,
    });
    return source.report(options);
  }
  const { fileName, year, limits } = request;
  const source = await readSource(request.archive, { fileName, limits, extractors });
  return parseSource(source, fileName, year);
}

/** The message for a failure that is no ReportFileError (a defect: logged). */
function failure(request: ImportWorkerRequest, error: unknown): string {
  if ('pdf' in request) return PDF_READ_MESSAGES.damaged;
  if ('doc' in request) return request.unreadable;
  logError('import worker', error);
  return LIMIT_MESSAGES.crashed;
}

port.on('message', (request: ImportWorkerRequest) => {
  const { id } = request;
  let task: Promise<unknown>;
  try {
    task = perform(request);
  } catch (error) {
    task = Promise.reject(error);
  }
  task.then(
    (result) => port.postMessage({ id, ok: true, result } satisfies ImportWorkerReply),
    (error: unknown) => {
      const message = error instanceof ReportFileError ? error.message : failure(request, error);
      port.postMessage({ id, ok: false, message } satisfies ImportWorkerReply);
    },
  );
});
