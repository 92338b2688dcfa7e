/**
 * The one entry point for importing a file's bytes. PDF and old Word/WPS files (.doc/.wps, any
 * OLE file) are read in a worker thread (worker.ts, bundled as dist/import-worker.cjs) within
 * bounds — size, pages, time, memory — each reported with a Chinese message; everything else
 * by the pure, synchronous importReport. What the worker gives (pages, text) is imported by the
 * pure code of core/import in the calling thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  docTextToBlocks,
  importDocText,
  importLegacy,
  importPdfPages,
  importReport,
  MAX_PDF_PAGES,
  pdfToBlocks,
  sniff,
  type ImportOptions,
  type ImportResult,
  type LegacyDocument,
  type LegacyOptions,
} from '../../../core/import';

import { ReportFileError } from '../../../core/model';
import type { PdfExtraction } from './pdf';
import type { ImportWorkerReply, ImportWorkerRequest } from './worker';

/** The bounds within which a PDF or old Word file is read. */
export interface ImportLimits {
  /** Largest file read (bytes). */
  readonly maxBytes: number;
  /** Most pages a PDF may have. */
  readonly maxPages: number;
  /** Time the worker may take for one file (ms); then it is terminated. */
  readonly timeoutMs: number;
  /** The worker's JavaScript heap (old generation), MB. */
  readonly heapMb: number;
  /**
   * Growth of the whole process's memory while a file is read, MB: buffers outside the
   * JavaScript heap (decompressed streams) are bounded by this.
   */
  readonly memoryMb: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxPages: MAX_PDF_PAGES,
  timeoutMs: 20_000,
  heapMb: 512,
  memoryMb: 1024,
};

export const LIMIT_MESSAGES = {
  tooLarge: (size: number, max: number) =>
    `文件太大（${(size / 1024 / 1024).toFixed(1)} MB），超过 ${(max / 1024 / 1024).toFixed(0)} MB 的上限，不像是一份年度报告。`,
  timeout: (ms: number) =>
    `读取这个文件超过 ${Math.round(ms / 1000)} 秒仍未完成，已停止。文件可能已损坏，或结构异常复杂（不像是一份年度报告）。请向报告的编制单位索取 Word 文档（.docx）或网页版后再导入。`,
  memory: (mb: number) =>
    `读取这个文件需要的内存超过 ${mb} MB，已停止。文件可能已损坏，或结构异常复杂（不像是一份年度报告）。请向报告的编制单位索取 Word 文档（.docx）或网页版后再导入。`,
  crashed:
    '读取这个文件时出错，已停止。文件可能已损坏。请向报告的编制单位索取 Word 文档（.docx）或网页版后再导入。',
} as const;

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

// ---------------------------------------------------------------------------------------------

/** A file read once, imported as a current-format report or as a pre-2019 text document. */
export interface ImportSource {
  readonly kind: 'pdf' | 'doc' | 'other';
  report(options?: ImportOptions): ImportResult;
  legacy(options?: LegacyOptions): LegacyDocument;
}

/** How PDF and old Word files are read: in the worker (the default) or in this thread. */
export interface Extractors {
  pdf(bytes: Uint8Array, maxPages: number, limits: ImportLimits): Promise<PdfExtraction>;
  doc(bytes: Uint8Array, unreadable: string, limits: ImportLimits): Promise<{ text: string }>;
}

/** In the worker, within the limits. */
export const workerExtractors: Extractors = {
  pdf: (pdf, maxPages, limits) => inWorker<PdfExtraction>({ pdf, maxPages }, limits),
  doc: (doc, unreadable, limits) => inWorker<{ text: string }>({ doc, unreadable }, limits),
};

export interface ReadOptions {
  readonly fileName?: string;
  readonly limits?: Partial<ImportLimits>;
  /** Default: the worker. In this thread (without its bounds): ./in-process.ts. */
  readonly extractors?: Extractors;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A PDF: "%PDF-" at the start or (after junk some writers leave) within the first kilobyte. */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.indexOf('%PDF-', 0, 'latin1') >= 0;
}

function isOle(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

/** The message the import gives for an OLE file it cannot read (see core/import's sniff). */
function oleMessage(bytes: Uint8Array, fileName: string | undefined): string {
  try {
    sniff(bytes, fileName);
  } catch (error) {
    if (error instanceof ReportFileError) return error.message;
  }
  return LIMIT_MESSAGES.crashed;
}

/** Reads a file's bytes: PDF and old Word/WPS files in the worker, within the limits. */
export async function readSource(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<ImportSource> {
  const limits = { ...IMPORT_LIMITS, ...options.limits };
  const extractors = options.extractors ?? workerExtractors;
  const pdf = bytes.length > 0 && isPdf(bytes);
  const ole = !pdf && isOle(bytes);
  if ((pdf || ole) && bytes.length > limits.maxBytes) {
    throw new ReportFileError(LIMIT_MESSAGES.tooLarge(bytes.length, limits.maxBytes));
  }
  if (pdf) {
    const { pages, images } = await extractors.pdf(bytes, limits.maxPages, limits);
    return {
      kind: 'pdf',
      report: (o = {}) => importPdfPages(pages, { ...o, images }),
      legacy: (o = {}) => importLegacy(pdfToBlocks(pages, { images }), o),
    };
  }
  if (ole) {
    const unreadable = oleMessage(bytes, options.fileName);
    const { text } = await extractors.doc(bytes, unreadable, limits);
    return {
      kind: 'doc',
      report: (o = {}) => importDocText(text, o),
      legacy: (o = {}) => importLegacy(docTextToBlocks(text), o),
    };
  }
  return {
    kind: 'other',
    report: (o = {}) => importReport(bytes, o),
    legacy: (o = {}) => importLegacy(bytes, o),
  };
}

/**
 * Imports a report from a file's bytes, whatever its kind: PDF and .doc/.wps through the
 * worker, the rest (text, Markdown, HTML, MHT, .docx, .nianbao.json) as importReport does.
 */
export async function importBytes(
  bytes: Uint8Array,
  options: ImportOptions & Omit<ReadOptions, 'fileName'> = {},
): Promise<ImportResult> {
  const { limits, extractors, ...importOptions } = options;
  const source = await readSource(bytes, {
    ...(options.fileName ? { fileName: options.fileName } : {}),
    ...(limits ? { limits } : {}),
    ...(extractors ? { extractors } : {}),
  });
  return source.report(importOptions);
}
