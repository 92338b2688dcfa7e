/**
 * Import of existing reports: bytes and a file name in, a report model out. Pure: no file
 * system; the caller reads the bytes. Anything that cannot be read raises ReportFileError with
 * a message for the user; anything that can be read but not recognised is kept in the model and
 * reported by the checks at its place.
 */
import { parseReportFile } from '../file';
import { ReportFileError } from '../model';
import { PIPE_TABLE, assertText, decodeText, sniff } from './bytes';
import { docxToBlocks } from './docx';
import { htmlToBlocks, looksLikeHtml } from './html';
import { looksLikeMht, mhtToHtml } from './mht';
import type { DocBlock } from './doc';
import {
  blocksToReport,
  type ImportOptions,
  type ImportResult,
  type SourceType,
} from './structure';
import { textToBlocks } from './text';
import { pdfToBlocks, type PdfPage, type PdfReadOptions } from './pdf';

export type { ImportOptions, ImportResult } from './structure';
export { toParagraphs } from './structure';
export { matchSectionHeading } from './headings';
export { MAX_DOCX_BYTES, MAX_TEXT_BYTES, decodeText, sniff } from './bytes';
export { importLegacy, type LegacyDocument, type LegacyOptions } from './legacy';

export function importReport(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  const kind = sniff(bytes, options.fileName);
  if (kind === 'docx') return blocksToReport(docxToBlocks(bytes), 'docx', options);
  const { text } = decodeText(bytes);
  assertText(text);
  if (kind === 'nianbao') return { report: parseReportFile(text) };
  let type: SourceType = kind;
  if (looksLikeMht(text)) {
    const page = mhtToHtml(text);
    if (page === null) throw new ReportFileError('这是网页存档文件（.mht），但其中没有网页内容。');
    return blocksToReport(htmlToBlocks(page), 'html', options);
  }
  if (kind === 'text' && looksLikeHtml(text)) type = 'html';
  if (kind === 'text' && PIPE_TABLE.test(text)) type = 'markdown';
  if (!text.trim()) throw new ReportFileError('文件中只有空白，没有可导入的内容。');
  const blocks = type === 'html' ? htmlToBlocks(text) : textToBlocks(text, type === 'markdown');
  return blocksToReport(blocks, type, options);
}

// ---------------------------------------------------------------------------------------------
// PDF and old Word (.doc/.wps): the file is read in Node (electron/services/import: pdf.js and
// word-extractor, in a worker thread with bounds); what it gives is imported here.

export type { PdfPage, PdfRule, PdfText } from './pdf';
export { MAX_PDF_PAGES, PDF_MESSAGES, pdfToBlocks } from './pdf';

/** Imports a PDF from its pages. `images`: how many images the file holds (for the message). */
export function importPdfPages(
  pages: readonly PdfPage[],
  options: ImportOptions & PdfReadOptions = {},
): ImportResult {
  return blocksToReport(pdfToBlocks(pages, options), 'pdf', options);
}

/** The text of an old Word document (.doc/.wps; table cells tab-separated) → neutral blocks. */
export function docTextToBlocks(text: string): DocBlock[] {
  if (!text.trim()) throw new ReportFileError('这份 Word 文档中没有文字，没有可导入的内容。');
  return textToBlocks(text, PIPE_TABLE.test(text));
}

/** Imports the text of an old Word document: the same text pipeline as a .txt file. */
export function importDocText(text: string, options: ImportOptions = {}): ImportResult {
  return blocksToReport(docTextToBlocks(text), 'doc', options);
}
