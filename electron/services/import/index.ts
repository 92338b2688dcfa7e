/**
 * The one entry point for importing a file's bytes. Every file is read in a worker thread
 * (worker.ts, bundled as dist/import-worker.cjs) within bounds — size, pages, time, memory —
 * each reported with a Chinese message: PDF and old Word/WPS files by pdf.js and
 * word-extractor, HTML, text and .docx by the pure code of core/import. A hostile file thus
 * never holds the thread that asked (the database worker keeps answering saves meanwhile).
 * How a file is read once: source.ts; in this thread, for tests and benchmarks: in-process.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Verified } from '../../../core/exchange';
import type { ImportOptions, ImportResult } from '../../../core/import';
import { ReportFileError } from '../../../core/model';
import type { Parsed } from './parse';
import type { PdfExtraction } from './pdf';
import type { ImportWorkerReply, ImportWorkerRequest } from './protocol';
import {
  assertReadable,
  IMPORT_LIMITS,
  LIMIT_MESSAGES,
  readSource as readSourceWith,
  type Extractors,
  type ImportLimits,
  type ImportSource,
  type ReadOptions,
} from './source';

export {
  IMPORT_LIMITS,
  isPdf,
  LIMIT_MESSAGES,
  type Extractors,
  type ImportLimits,
  type ImportSource,
  type ReadOptions,
} from './source';
export type { Parsed } from './parse';

/** dist/import-worker.cjs, from the bundle (dist/) or from the sources. */
export function defaultImportWorkerPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, 'import-worker.cjs'),
    path.resolve(here, '../../../dist/import-worker.cjs'),
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error(`import worker not built (npm run build): looked in ${candidates.join(', ')}`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The worker: started on first use, kept for the next file while it behaves, terminated when a
// file exceeds a bound. Files are read one at a time, so each one's time is its own.

let worker: { thread: Worker; heapMb: number } | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function thread(heapMb: number): Worker {
  if (worker && worker.heapMb === heapMb) return worker.thread;
  if (worker) void worker.thread.terminate();
  const w = new Worker(defaultImportWorkerPath(), {
    // a plain CommonJS bundle: none of this process's loaders (tsx, test runners) is needed
    execArgv: [],
    resourceLimits: {
      maxOldGenerationSizeMb: heapMb,
      maxYoungGenerationSizeMb: 32,
      stackSizeMb: 4,
    },
  });
  w.unref();
  worker = { thread: w, heapMb };
  w.on('exit', () => {
    if (worker?.thread === w) worker = null;
  });
  return w;
}

type Request = ImportWorkerRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

function inWorker<T>(request: Request, limits: ImportLimits): Promise<T> {
  const job = queue.then(() => runOne<T>(request, limits));
  queue = job.catch(() => undefined);
  return job;
}

function runOne<T>(request: Request, limits: ImportLimits): Promise<T> {
  const w = thread(limits.heapMb);
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const startRss = process.memoryUsage.rss();
    const stop = (message: string) => {
      finish();
      if (worker?.thread === w) worker = null;
      void w.terminate();
      reject(new ReportFileError(message));
    };
    const timer = setTimeout(
      () => stop(LIMIT_MESSAGES.timeout(limits.timeoutMs)),
      limits.timeoutMs,
    );
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - startRss > limits.memoryMb * 1024 * 1024)
        stop(LIMIT_MESSAGES.memory(limits.memoryMb));
    }, 50);
    const onMessage = (reply: ImportWorkerReply) => {
      if (reply.id !== id) return;
      finish();
      if (reply.ok) resolve(reply.result as T);
      else reject(new ReportFileError(reply.message));
    };
    const onError = (error: Error & { code?: string }) =>
      stop(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? LIMIT_MESSAGES.memory(limits.heapMb)
          : LIMIT_MESSAGES.crashed,
      );
    const onExit = () => stop(LIMIT_MESSAGES.crashed);
    function finish() {
      clearTimeout(timer);
      clearInterval(watch);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      w.unref();
    }
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.ref();
    // a copy: the caller keeps its bytes
    w.postMessage({ id, ...request } as ImportWorkerRequest);
  });
}

/** Ends the worker (it is unref'd while idle, so this is only needed to free it early). */
export async function closeImportWorker(): Promise<void> {
  const w = worker;
  worker = null;
  await w?.thread.terminate();
}

/** In the worker, within the limits. */
export const workerExtractors: Extractors = {
  pdf: (pdf, maxPages, limits) => inWorker<PdfExtraction>({ pdf, maxPages }, limits),
  doc: (doc, unreadable, limits) => inWorker<{ text: string }>({ doc, unreadable }, limits),
};

/**
 * Reads a file's bytes once (see source.ts): PDF and old Word/WPS files in the worker, within
 * the limits, unless other extractors are given; the rest is read in this thread when imported.
 */
export function readSource(
  bytes: Uint8Array,
  options: Omit<ReadOptions, 'extractors'> & { readonly extractors?: Extractors } = {},
): Promise<ImportSource> {
  return readSourceWith(bytes, { ...options, extractors: options.extractors ?? workerExtractors });
}

/**
 * Imports a report from a file's bytes, whatever its kind (text, Markdown, HTML, MHT, .docx,
 * .nianbao.json, PDF, .doc/.wps): all of it in the worker, within the limits. With extractors
 * given (./in-process.ts), in this thread instead, without the worker's bounds.
 */
export async function importBytes(
  bytes: Uint8Array,
  options: ImportOptions &
    Omit<ReadOptions, 'fileName' | 'extractors'> & {
      readonly extractors?: Extractors;
    } = {},
): Promise<ImportResult> {
  const { limits: given, extractors, ...importOptions } = options;
  if (extractors) {
    const source = await readSourceWith(bytes, {
      ...(options.fileName ? { fileName: options.fileName } : {}),
      ...(given ? { limits: given } : {}),
      extractors,
    });
    return source.report(importOptions);
  }
  const limits = { ...IMPORT_LIMITS, ...given };
  assertReadable(bytes, limits);
  return inWorker<ImportResult>({ report: bytes, options: importOptions, limits }, limits);
}

/**
 * A file for the archive (a current-format report, or a pre-2019 text; see parse.ts), read in
 * the worker within the limits: the database worker that asks keeps answering meanwhile.
 */
export function parseForArchive(
  bytes: Uint8Array,
  fileName: string,
  year: number | undefined,
  given: Partial<ImportLimits> = {},
): Promise<Parsed> {
  const limits = { ...IMPORT_LIMITS, ...given };
  try {
    assertReadable(bytes, limits);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  return inWorker<Parsed>({ archive: bytes, fileName, ...(year ? { year } : {}), limits }, limits);
}

/** What an exchange import says when the worker had to stop (not the report files' advice). */
export const EXCHANGE_LIMIT_MESSAGES = {
  timeout: (ms: number) =>
    `读取这个交换文件超过 ${Math.round(ms / 1000)} 秒仍未完成，已停止，未导入。文件可能已损坏。请让报送单位重新导出交换文件。`,
  stopped:
    '读取这个交换文件时出错（文件可能已损坏，或需要的内存过多），已停止，未导入。请让报送单位重新导出交换文件。',
} as const;

/**
 * An exchange file (issue 15 item 1) read — from its path, or the bytes sent — unzipped within
 * bounds and verified in the worker (../exchange/file.ts): the database worker that asks keeps
 * answering meanwhile. A file the worker had to stop on rejects with a ReportFileError.
 */
export async function verifyExchangeInWorker(
  exchange: Uint8Array | { readonly path: string },
  given: Partial<ImportLimits> = {},
): Promise<Verified> {
  const limits = { ...IMPORT_LIMITS, ...given };
  try {
    return await inWorker<Verified>({ exchange }, limits);
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    throw new ReportFileError(
      error.message === LIMIT_MESSAGES.timeout(limits.timeoutMs)
        ? EXCHANGE_LIMIT_MESSAGES.timeout(limits.timeoutMs)
        : EXCHANGE_LIMIT_MESSAGES.stopped,
    );
  }
}
