/**
 * The report as a document besides the PDF: a Word file (.docx, docx.ts) or a web page (HTML,
 * core/document/html.ts), with its file name and media type. Runs where the PDF renders (the
 * PDF worker in the app, this process in the CLI).
 */
import type { DocumentFormat, ExportedDocument, PageNumberMode } from '../../../core/api';
import { reportHtml } from '../../../core/document/html';
import { exportFileName } from '../../../core/document/outline';
import type { Report } from '../../../core/model';
import { reportDocx } from './docx';

export interface DocumentRequest {
  readonly report: Report;
  readonly to: DocumentFormat;
  readonly fragment: boolean;
  readonly pageNumbers: PageNumberMode;
  /** ISO time the document states as its creation (reproducible bytes). */
  readonly created: string;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function exportDocument(request: DocumentRequest): Promise<ExportedDocument> {
  const { report } = request;
  if (request.to === 'docx') {
    const data = await reportDocx(report, {
      pageNumbers: request.pageNumbers,
      created: request.created,
    });
    return { fileName: exportFileName(report, 'docx'), mime: DOCX_MIME, data };
  }
  const html = reportHtml(report, { fragment: request.fragment });
  return {
    fileName: exportFileName(report, request.fragment ? '片段.html' : 'html'),
    mime: 'text/html',
    data: new TextEncoder().encode(html),
  };
}
