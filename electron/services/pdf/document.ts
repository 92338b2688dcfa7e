/**
 * A new PDFKit document as every PDF of the program starts: A4 without margins (pages are added
 * by the caller), compressed, zh-CN, PDF 1.7, the document information, the fonts registered;
 * `end` finishes it and gives its bytes.
 */
import PDFDocument from 'pdfkit';
import { PAGE, type FontFace, type FontSet } from './types';

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  readonly creationDate: Date;
}

export function openDocument(
  fonts: FontSet,
  info: DocumentInfo,
): { doc: PDFKit.PDFDocument; end: () => Promise<Uint8Array> } {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords,
      Creator: '年报 Nianbao',
      Producer: '年报 Nianbao (PDFKit)',
      CreationDate: info.creationDate,
      ModDate: info.creationDate,
    },
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  registerFaces(doc, fonts);
  return {
    doc,
    async end() {
      doc.end();
      await done;
      const pdf = Buffer.concat(chunks);
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
  };
}

export function registerFaces(doc: PDFKit.PDFDocument, fonts: FontSet): void {
  const seen = new Set<string>();
  const faces: FontFace[] = [...Object.values(fonts.roles).map((r) => r.face), ...fonts.fallbacks];
  for (const face of faces) {
    if (seen.has(face.key)) continue;
    seen.add(face.key);
    // PDFKit takes a parsed fontkit font (anything with `layout`): parsed once per process.
    doc.registerFont(face.key, face.font as unknown as Buffer);
  }
}
