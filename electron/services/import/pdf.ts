/**
 * Reading a PDF's pages with pdf.js (legacy build, no canvas): per page the text items with
 * their positions and the ruling lines (stroked straight segments and thin filled rectangles
 * from the operator list), as plain data (core/import/pdf/types.ts) for the pure import.
 * Images are never decoded (a scan is recognised by its lack of text, not by its pictures).
 * Runs in the import worker (worker.ts), which bounds its time and memory.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, inflateSync } from 'node:zlib';
import { MAX_PDF_PAGES, PDF_MESSAGES } from '../../../core/import';
import type { PdfPage, PdfRule, PdfText } from '../../../core/import/pdf/types';
import { MAX_PDF_TEXTS } from '../../../core/import/pdf';
import { ReportFileError } from '../../../core/model';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded once. Its "fake worker" (the parsing code, run in this thread) is imported
 * here and handed over through `globalThis.pdfjsWorker`, so that the bundle needs no separate
 * worker file: this whole module already runs in a worker thread of ours.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** pdf.js's character maps (for PDFs whose CJK fonts use predefined CMaps), with a final '/'. */
function cMapDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, 'pdfjs', 'cmaps'), // dist/ (copied there by the build)
    path.resolve(here, '../../../dist/pdfjs/cmaps'),
  ];
  try {
    const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
    candidates.push(path.join(path.dirname(pkg), 'cmaps'));
  } catch {
    /* not installed beside us: the bundle's copy */
  }
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'UniGB-UCS2-H.bcmap')));
  return found ? `${found}${path.sep}` : undefined;
}

export interface PdfExtraction {
  readonly pages: PdfPage[];
  /** Image objects in the file (counted in its bytes; images are not decoded). */
  readonly images: number;
}

export interface PdfExtractOptions {
  readonly maxPages?: number;
}

const ASK = '请向报告的编制单位索取 Word 文档（.docx）或网页版后再导入。';

export const PDF_READ_MESSAGES = {
  encrypted: `这个 PDF 文件设置了打开密码（已加密），无法读取。${ASK}`,
  invalid: `这个文件不是有效的 PDF 文件（文件已损坏或不完整），无法读取。${ASK}`,
  damaged: `读取这个 PDF 文件时出错：文件已损坏或结构异常，无法读取。${ASK}`,
  bomb: (mb: number) =>
    `这个 PDF 文件中有一段压缩数据解压后超过 ${mb} MB（年度报告不会有这样的内容，可能是恶意构造的文件），已停止读取。`,
} as const;

/** A compressed stream may inflate to this much at most (MB): a report's are far smaller. */
export const MAX_INFLATED_MB = 128;

/**
 * Inflates every zlib-compressed stream of the file once, with Node's zlib and an output
 * limit, before pdf.js sees it: pdf.js would grow its buffer without bound (outside the
 * JavaScript heap) for a decompression bomb. Damaged or encrypted streams are pdf.js's concern.
 */
export function checkInflatedSizes(bytes: Uint8Array, maxMb = MAX_INFLATED_MB): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const maxOutputLength = maxMb * 1024 * 1024;
  let at = buffer.indexOf('stream', 0, 'latin1');
  while (at >= 0) {
    const isEnd = at >= 3 && buffer.toString('latin1', at - 3, at) === 'end';
    let start = at + 6;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] === 0x0a) start++;
    const next = buffer.indexOf('endstream', start, 'latin1');
    const b0 = buffer[start] ?? 0;
    const b1 = buffer[start + 1] ?? 0;
    if (!isEnd && (b0 & 0x0f) === 8 && (b0 * 256 + b1) % 31 === 0) {
      const data = buffer.subarray(start, next >= 0 ? next : buffer.length);
      try {
        inflateSync(data, { maxOutputLength, finishFlush: constants.Z_SYNC_FLUSH });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ReportFileError(PDF_READ_MESSAGES.bomb(maxMb));
      }
    }
    at = buffer.indexOf('stream', (next >= 0 ? next : start) + 6, 'latin1');
  }
}

/** Image XObjects in a PDF's bytes: their dictionaries are never compressed. */
export function countImages(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (const needle of ['/Subtype/Image', '/Subtype /Image']) {
    let at = buffer.indexOf(needle, 0, 'latin1');
    while (at >= 0) {
      count++;
      at = buffer.indexOf(needle, at + needle.length, 'latin1');
    }
  }
  return count;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: readonly number[]): Matrix {
  // pdf.js's Util.transform: m × n
  return [
    m[0] * n[0]! + m[2] * n[1]!,
    m[1] * n[0]! + m[3] * n[1]!,
    m[0] * n[2]! + m[2] * n[3]!,
    m[1] * n[2]! + m[3] * n[3]!,
    m[0] * n[4]! + m[2] * n[5]! + m[4],
    m[1] * n[4]! + m[3] * n[5]! + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Rule segments kept per page at most (a page of drawing has more; tables far fewer). */
const MAX_RULES = 20_000;
/** Filled rectangles thinner than this are rules. */
const THIN = 6;

/** The ruling lines of a page from its operator list. */
function rulesOf(
  pdfjs: PdfJs,
  ops: { fnArray: number[]; argsArray: unknown[] },
  viewport: Matrix,
): PdfRule[] {
  const { OPS } = pdfjs;
  const STROKE = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const FILL = new Set<number>([OPS.fill, OPS.eoFill]);
  // pdf.js's path buffer codes (DrawOPS)
  const MOVE = 0;
  const LINE = 1;
  const CURVE = 2;
  const QUAD = 3;
  const CLOSE = 4;

  const rules: PdfRule[] = [];
  let ctm: Matrix = [...viewport];
  let lineWidth = 1;
  const stack: { ctm: Matrix; lineWidth: number }[] = [];
  const scale = () => Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) || 1;

  const rect = (ax: number, ay: number, bx: number, by: number) => {
    if (rules.length >= MAX_RULES) return;
    const r = {
      x0: Math.min(ax, bx),
      y0: Math.min(ay, by),
      x1: Math.max(ax, bx),
      y1: Math.max(ay, by),
    };
    if ([r.x0, r.y0, r.x1, r.y1].every(Number.isFinite)) rules.push(r);
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push({ ctm: [...ctm], lineWidth });
    else if (fn === OPS.restore) {
      const s = stack.pop();
      if (s) ({ ctm, lineWidth } = s);
    } else if (fn === OPS.transform && args) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin && args) {
      stack.push({ ctm: [...ctm], lineWidth });
      if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as number[]);
    } else if (fn === OPS.paintFormXObjectEnd) {
      const s = stack.pop();
      if (s) ({ ctm, lineWidth } = s);
    } else if (fn === OPS.setLineWidth && args) lineWidth = Number(args[0]) || 0;
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const buffer = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!buffer || !(STROKE.has(paint) || FILL.has(paint))) continue;
      // subpaths as lists of device points; curves make a subpath not a rule
      const subpaths: { points: [number, number][]; closed: boolean; curved: boolean }[] = [];
      let current: { points: [number, number][]; closed: boolean; curved: boolean } | null = null;
      for (let k = 0; k < buffer.length;) {
        const op = buffer[k++];
        if (op === MOVE) {
          current = {
            points: [apply(ctm, buffer[k]!, buffer[k + 1]!)],
            closed: false,
            curved: false,
          };
          subpaths.push(current);
          k += 2;
        } else if (op === LINE) {
          current?.points.push(apply(ctm, buffer[k]!, buffer[k + 1]!));
          k += 2;
        } else if (op === CURVE) {
          if (current) {
            current.curved = true;
            current.points.push(apply(ctm, buffer[k + 4]!, buffer[k + 5]!));
          }
          k += 6;
        } else if (op === QUAD) {
          if (current) {
            current.curved = true;
            current.points.push(apply(ctm, buffer[k + 2]!, buffer[k + 3]!));
          }
          k += 4;
        } else if (op === CLOSE) {
          if (current) current.closed = true;
        } else break; // unknown code: stop reading this path
      }
      const half = (Math.max(lineWidth, 0.1) * scale()) / 2;
      for (const sub of subpaths) {
        if (sub.curved) continue;
        const pts = sub.points;
        if (STROKE.has(paint)) {
          const closing = sub.closed && pts.length > 2 ? [pts[0]!] : [];
          const all = [...pts, ...closing];
          for (let p = 1; p < all.length; p++) {
            const [ax, ay] = all[p - 1]!;
            const [bx, by] = all[p]!;
            if (Math.abs(ay - by) < 0.5) rect(ax, ay - half, bx, by + half);
            else if (Math.abs(ax - bx) < 0.5) rect(ax - half, ay, bx + half, by);
          }
        }
        if (FILL.has(paint) || paint === OPS.fillStroke || paint === OPS.eoFillStroke) {
          // an axis-aligned rectangle (4 corners, the first repeated or not), thin
          const corners = pts.length === 5 && close(pts[0]!, pts[4]!) ? pts.slice(0, 4) : pts;
          if (corners.length !== 4) continue;
          const xs = corners.map((p) => p[0]);
          const ys = corners.map((p) => p[1]);
          const aligned = corners.every((p, j) => {
            const q = corners[(j + 1) % 4]!;
            return Math.abs(p[0] - q[0]) < 0.5 || Math.abs(p[1] - q[1]) < 0.5;
          });
          const w = Math.max(...xs) - Math.min(...xs);
          const h = Math.max(...ys) - Math.min(...ys);
          if (aligned && Math.min(w, h) <= THIN)
            rect(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
        }
      }
    }
  }
  return rules;
}

function close(a: [number, number], b: [number, number]): boolean {
  return Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) < 0.5;
}

/** The error pdf.js raised, as a message for the user. */
function messageFor(error: unknown): string {
  if (error instanceof ReportFileError) return error.message;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'PasswordException') return PDF_READ_MESSAGES.encrypted;
  if (name === 'InvalidPDFException') return PDF_READ_MESSAGES.invalid;
  return PDF_READ_MESSAGES.damaged;
}

/** Reads every page's text items and ruling lines. Raises ReportFileError with the reason. */
export async function extractPdf(
  bytes: Uint8Array,
  options: PdfExtractOptions = {},
): Promise<PdfExtraction> {
  const maxPages = options.maxPages ?? MAX_PDF_PAGES;
  const pdfjs = await loadPdfJs();
  checkInflatedSizes(bytes);
  const images = countImages(bytes);
  const cMapUrl = cMapDir();
  const task = pdfjs.getDocument({
    // pdf.js may take the buffer over: give it its own copy
    data: new Uint8Array(bytes),
    ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    // images are never decoded: every image is left out of the operator list
    maxImageSize: 0,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw new ReportFileError(messageFor(error));
  }
  try {
    if (doc.numPages > maxPages) throw new ReportFileError(PDF_MESSAGES.tooManyPages(doc.numPages));
    const pages: PdfPage[] = [];
    let items = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const vt = viewport.transform as Matrix;
      const content = await page.getTextContent({ includeMarkedContent: false });
      const texts: PdfText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const m = multiply(vt, item.transform as number[]);
        // upright text only: rotated text (a stamp, a vertical label) is not read
        if (!(
          m[0] > 0 &&
          m[3] < 0 &&
          Math.abs(m[1]) < 0.05 * m[0] &&
          Math.abs(m[2]) < 0.05 * -m[3]
        ))
          continue;
        const fontSize = Math.hypot(m[2], m[3]);
        if (!(fontSize > 0.5) || !Number.isFinite(m[4] + m[5])) continue;
        texts.push({
          text: item.str,
          x: m[4],
          y: m[5],
          width: Math.abs(item.width) * (viewport.scale || 1),
          height: item.height,
          fontSize,
          font: item.fontName,
        });
      }
      items += texts.length;
      if (items > MAX_PDF_TEXTS) throw new ReportFileError(PDF_MESSAGES.tooComplex);
      const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
      pages.push({
        width: viewport.width,
        height: viewport.height,
        texts,
        rules: rulesOf(pdfjs, ops, vt),
      });
      page.cleanup();
    }
    return { pages, images };
  } catch (error) {
    throw new ReportFileError(messageFor(error));
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
