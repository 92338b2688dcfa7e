/**
 * Reading a file's bytes once, whatever its kind, for an import as a report or as a pre-2019
 * text: PDF and old Word/WPS files (.doc/.wps, any OLE file) through extractors (the import
 * worker's, index.ts, or this thread's, in-process.ts), everything else by the pure code of
 * core/import. The bounds within which a file is read, and their Chinese messages.
 */
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

export interface ReadOptions {
  readonly fileName?: string;
  readonly limits?: Partial<ImportLimits>;
  /** How PDF and old Word files are read: index.ts's workerExtractors, or ./in-process.ts. */
  readonly extractors: Extractors;
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

/** A PDF or old Word file larger than the limit is refused before it is read. */
export function assertReadable(bytes: Uint8Array, limits: ImportLimits): void {
  if ((isPdf(bytes) || isOle(bytes)) && bytes.length > limits.maxBytes) {
    throw new ReportFileError(LIMIT_MESSAGES.tooLarge(bytes.length, limits.maxBytes));
  }
}

/** Reads a file's bytes: PDF and old Word/WPS files by the extractors, within the limits. */
export async function readSource(bytes: Uint8Array, options: ReadOptions): Promise<ImportSource> {
  const limits = { ...IMPORT_LIMITS, ...options.limits };
  const extractors = options.extractors;
  assertReadable(bytes, limits);
  const pdf = bytes.length > 0 && isPdf(bytes);
  const ole = !pdf && isOle(bytes);
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
