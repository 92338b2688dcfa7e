/**
 * Hostile and broken PDF and Word files, made in memory by the tests (no binary fixtures):
 * page-count bombs, a decompression bomb, an operator bomb, deep nesting, a page-tree loop,
 * garbage after a PDF header, an OLE header over garbage, and PDFs made with PDFKit (a scan:
 * pictures only; an encrypted file).
 */
import { deflateRawSync, constants } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { random } from './random';

/** A PDF from object bodies (object 1 is the catalog), with a correct cross-reference table. */
export function pdfFile(objects: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(part);
    length += part.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

const stream = (dict: string, data: Buffer) =>
  Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);

const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>';

/** A document claiming `count` pages, all the same small page. */
export function manyPagesPdf(count: number): Buffer {
  const kids = Array.from({ length: count }, () => '3 0 R').join(' ');
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    PAGE,
    stream('', Buffer.from('BT /F1 12 Tf 72 720 Td (x) Tj ET')),
  ]);
}

/** A page tree whose only page node is its own parent's parent: a loop. */
export function pageTreeLoopPdf(): Buffer {
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>',
  ]);
}

/**
 * A page whose content stream inflates to `gigabytes` GB (a few MB in the file): `prefix`, then
 * `content` over and over — one deflated chunk, flushed to a byte boundary, repeated — then a
 * final empty block.
 */
export function deflateBombPdf(gigabytes: number, content = ' ', prefix = ''): Buffer {
  const chunk = Buffer.alloc(16 * 1024 * 1024, content);
  const flushed = (data: Buffer) =>
    deflateRawSync(data, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const block = flushed(chunk);
  const repeats = Math.ceil((gigabytes * 1024) / 16);
  const data = Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...(prefix ? [flushed(Buffer.from(prefix, 'latin1'))] : []),
    ...Array.from({ length: repeats }, () => block),
    Buffer.from([0x03, 0x00]), // final, empty, fixed-Huffman block
    Buffer.from([0, 0, 0, 0]), // Adler-32 (not checked)
  ]);
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    PAGE,
    stream('/Filter /FlateDecode', data),
  ]);
}

/** Content that nests arrays `depth` deep. */
export function deepNestingPdf(depth: number): Buffer {
  const content = Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)} pop`, 'latin1');
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    PAGE,
    stream('', content),
  ]);
}

/** A PDF header, then random bytes. */
export function garbagePdf(size: number, seed = 7): Buffer {
  const next = random(seed);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(next() * 256);
  Buffer.from('%PDF-1.5\n', 'latin1').copy(bytes);
  return bytes;
}

/** An OLE2 (old Office) signature, then random bytes. */
export function garbageOle(size: number, seed = 11): Buffer {
  const bytes = garbagePdf(size, seed);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  return bytes;
}

/** An old Word document with the header's "encrypted" flag (fEncrypted) set. */
export function withEncryptedFlag(doc: Buffer): Buffer {
  const out = Buffer.from(doc);
  // the WordDocument stream starts at a sector boundary with the FIB's magic number 0xA5EC
  for (let at = 512; at + 12 < out.length; at += 512) {
    if (out.readUInt16LE(at) === 0xa5ec && out.readUInt16LE(at + 2) >= 0x65) {
      out.writeUInt16LE(out.readUInt16LE(at + 0xa) | 0x0100, at + 0xa);
      return out;
    }
  }
  throw new Error('no Word header found');
}

function pdfkitBytes(doc: PDFKit.PDFDocument, draw: () => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw();
    doc.end();
  });
}

/** A grey page picture with dark "lines of text" (a scan, as far as a PDF reader can tell). */
export function scanPicture(width = 620, height = 877): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ink = y % 24 < 10 && x > 60 && x < width - 60 && (x * 7 + y) % 13 < 8;
      const v = ink ? 40 : 235;
      const i = (y * width + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A scanned report: `pages` pages, each one picture, no text. */
export function scannedPdf(pages = 3): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Producer: 'scanner' } });
  const picture = scanPicture();
  return pdfkitBytes(doc, () => {
    for (let i = 0; i < pages; i++) {
      doc.addPage({ size: 'A4', margin: 0 });
      doc.image(picture, 0, 0, { width: 595.28, height: 841.89 });
    }
  });
}

/** A PDF with an open password (RC4/AES as PDFKit writes it). */
export function encryptedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({
    userPassword: 'secret',
    ownerPassword: 'owner',
    pdfVersion: '1.7',
  });
  return pdfkitBytes(doc, () => {
    doc.fontSize(12).text('Encrypted annual report');
  });
}
