/**
 * PDF import, the pure half: pages of positioned text and ruling lines (read from the file in
 * Node, electron/services/import/pdf.ts) → neutral blocks. A PDF without a text layer (a scan)
 * or whose text cannot be decoded is refused with a message for the user.
 */
import { ReportFileError } from '../../model';
import type { DocBlock } from '../doc';
import { pagesToBlocks } from './flow';
import type { PdfPage } from './types';

export type { PdfPage, PdfRule, PdfText } from './types';

/** Pages read at most: a report is 4–20 pages. */
export const MAX_PDF_PAGES = 300;
/** Text items read at most, over all pages (a report has a few thousand). */
export const MAX_PDF_TEXTS = 400_000;

export interface PdfReadOptions {
  /** Images the file holds (a scan is images without text): only the message depends on it. */
  readonly images?: number;
}

const ASK_FOR_SOURCE = '请向报告的编制单位索取 Word 文档（.docx）或网页版后再导入。';

export const PDF_MESSAGES = {
  noPages: '这个 PDF 文件中没有页面，没有可导入的内容。',
  tooManyPages: (n: number) =>
    `这个 PDF 文件有 ${n} 页，超过 ${MAX_PDF_PAGES} 页的上限，不像是一份年度报告。请确认选择的是年度报告文件。`,
  tooComplex: `这个 PDF 文件中的文字片段过多（超过 ${MAX_PDF_TEXTS / 10_000} 万个），不像是一份年度报告，已停止读取。`,
  scanned: `这份 PDF 是扫描件（页面是图片，没有文字层），其中的文字无法识别；本软件不提供文字识别（OCR）。${ASK_FOR_SOURCE}`,
  noText: `这份 PDF 没有文字层（其中的文字可能已转为图形或图片），无法识别；本软件不提供文字识别（OCR）。${ASK_FOR_SOURCE}`,
  garbled: `这份 PDF 中的文字无法正确解码（字体没有附带文字编码，提取出的是乱码），无法识别。${ASK_FOR_SOURCE}`,
} as const;

/** Characters that are not text: private use area, replacement character, control codes. */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\ue000-\uf8ff\ufffd\u0000-\u0008\u000e-\u001f]/u;

/** Refuses pages that hold no readable text, with the reason. */
export function checkPdfText(pages: readonly PdfPage[], options: PdfReadOptions = {}): void {
  if (pages.length === 0) throw new ReportFileError(PDF_MESSAGES.noPages);
  if (pages.length > MAX_PDF_PAGES)
    throw new ReportFileError(PDF_MESSAGES.tooManyPages(pages.length));
  let items = 0;
  let chars = 0;
  let bad = 0;
  for (const page of pages) {
    items += page.texts.length;
    if (items > MAX_PDF_TEXTS) throw new ReportFileError(PDF_MESSAGES.tooComplex);
    for (const t of page.texts) {
      for (const ch of t.text) {
        if (/\s/u.test(ch)) continue;
        chars++;
        if (NOT_TEXT.test(ch)) bad++;
      }
    }
  }
  // a page of a report holds hundreds of characters; a scan none, or a line stamped on it
  if (chars < 40 * pages.length) {
    throw new ReportFileError(
      (options.images ?? 0) > 0 ? PDF_MESSAGES.scanned : PDF_MESSAGES.noText,
    );
  }
  if (bad > chars * 0.2) throw new ReportFileError(PDF_MESSAGES.garbled);
}

/** A PDF's pages → neutral blocks (paragraphs, ruled tables, layout blocks) in reading order. */
export function pdfToBlocks(pages: readonly PdfPage[], options: PdfReadOptions = {}): DocBlock[] {
  checkPdfText(pages, options);
  return pagesToBlocks(pages);
}
