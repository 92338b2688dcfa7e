/**
 * Old Word documents (.doc, Word 97–2003, and WPS's .wps in the same binary format) → their
 * body text, with word-extractor (pure JavaScript): paragraphs one a line, table cells
 * separated by tabs (rows not always on lines of their own). A document with an open password,
 * or an OLE file that holds no Word document, is refused with the reason. Runs in the import
 * worker (worker.ts), which bounds its time and memory.
 */
import WordOleExtractor from 'word-extractor/lib/word-ole-extractor.js';
import BufferReader from 'word-extractor/lib/buffer-reader.js';
import { spaceBetween } from '../../../core/import/pdf/text';
import { ReportFileError } from '../../../core/model';

const SAVE_AS = '请在 Word 或 WPS 中取消密码后“另存为” Word 文档（.docx），再导入。';

export const DOC_MESSAGES = {
  encrypted: `这份 Word/WPS 文档设置了打开密码（已加密），无法读取。${SAVE_AS}`,
} as const;

class Encrypted extends Error {}

/** Stands for a paragraph break inside a table cell until the text is read (a private-use character). */
const CELL_BREAK = '\ue000';

/** Operand sizes of a sprm by its spra (MS-DOC 2.2.5.1); 6 is variable. */
const OPERAND = [1, 1, 2, 4, 2, 2, -1, 3];
const SPRM_P_F_IN_TABLE = 0x2416;
const SPRM_P_F_TTP = 0x2417;
const SPRM_P_HUGE_PAPX = 0x6646;
const SPRM_T_DEF_TABLE = 0xd608;

type TableMark = 'row-end' | 'in-table' | null;

/** What a paragraph's sprms say of it in a table; a huge PAPX is read from the Data stream. */
function tableMark(grpprl: Buffer, data: Buffer | null, nested = false): TableMark {
  let mark: TableMark = null;
  let p = 0;
  while (p + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(p);
    p += 2;
    if (sprm === SPRM_P_F_TTP && grpprl[p] === 1) return 'row-end';
    if (sprm === SPRM_P_F_IN_TABLE && grpprl[p] === 1) mark = 'in-table';
    if (sprm === SPRM_P_HUGE_PAPX && !nested && data && p + 4 <= grpprl.length) {
      const at = grpprl.readUInt32LE(p);
      if (at + 2 <= data.length) {
        const huge = tableMark(data.subarray(at + 2, at + 2 + data.readUInt16LE(at)), data, true);
        if (huge) return huge;
      }
    }
    let len = OPERAND[sprm >> 13]!;
    if (len < 0) {
      if (sprm === SPRM_T_DEF_TABLE) len = p + 2 <= grpprl.length ? grpprl.readUInt16LE(p) + 1 : 0;
      else len = (grpprl[p] ?? 0) + 1;
    }
    p += len;
  }
  return mark;
}

/**
 * The paragraphs of tables as [start, end) file positions, from the paragraph properties (PAPX
 * FKPs): those that end a row (sprmPFTtp) and the others in a table. word-extractor reads the
 * row ends too, but not from a PAPX too large for its FKP (sprmPHugePapx: the properties are in
 * the Data stream, as for rows with merged cells): those rows then run on into the next row.
 */
function tableParagraphs(
  buffer: Buffer,
  table: Buffer,
  data: Buffer | null,
): { rowEnds: [number, number][]; inTable: [number, number][] } {
  const rowEnds: [number, number][] = [];
  const inTable: [number, number][] = [];
  const fc = buffer.readUInt32LE(0x0102);
  const lcb = buffer.readUInt32LE(0x0106);
  const count = (lcb - 4) / 8;
  if (!(count > 0) || fc + lcb > table.length) return { rowEnds, inTable };
  for (let i = 0; i < count; i++) {
    const block = table.readUInt32LE(fc + (count + 1) * 4 + i * 4);
    const fkp = buffer.subarray(block * 512, (block + 1) * 512);
    if (fkp.length < 512) continue;
    const crun = fkp.readUInt8(511);
    for (let j = 0; j < crun; j++) {
      const at = fkp.readUInt8((crun + 1) * 4 + j * 13) * 2;
      if (at === 0) continue;
      const cb = fkp.readUInt8(at);
      // PapxInFkp: cb, then istd (2 bytes) and the sprms; cb 0: the next byte counts words
      const [from, size] = cb === 0 ? [at + 2, 2 * fkp.readUInt8(at + 1)] : [at + 1, 2 * cb - 1];
      const mark = tableMark(fkp.subarray(from + 2, Math.min(from + size, fkp.length)), data);
      const range: [number, number] = [fkp.readUInt32LE(j * 4), fkp.readUInt32LE((j + 1) * 4)];
      if (mark === 'row-end') rowEnds.push(range);
      else if (mark === 'in-table') inTable.push(range);
    }
  }
  return { rowEnds, inTable };
}

interface Piece {
  startFilePos: number;
  size: number;
  bpc: number;
  text: string;
}

/** Overwrites characters of the text at [start, end) (file positions) with `by(old)`. */
function rewrite(pieces: Piece[], start: number, end: number, by: (old: string) => string): void {
  for (const piece of pieces) {
    const from = Math.max(start, piece.startFilePos);
    const to = Math.min(end, piece.startFilePos + piece.size);
    if (from >= to) continue;
    const a = (from - piece.startFilePos) / piece.bpc;
    const b = (to - piece.startFilePos) / piece.bpc;
    piece.text = piece.text.slice(0, a) + by(piece.text.slice(a, b)) + piece.text.slice(b);
  }
}

/** Looks at the Word header (FIB) before reading: fEncrypted (0x0100) in its flags. */
class CheckedExtractor extends WordOleExtractor {
  override documentStream(document: unknown, streamName: string): Promise<unknown> {
    // an encrypted .docx is an OLE file with EncryptionInfo/EncryptedPackage and no WordDocument
    const streams = (document as { _rootStorage?: { _dirEntry?: { streams?: object } } })
      ._rootStorage?._dirEntry?.streams;
    if (streamName === 'WordDocument' && streams && !('WordDocument' in streams)) {
      if ('EncryptedPackage' in streams) return Promise.reject(new Encrypted());
    }
    return super.documentStream(document, streamName);
  }
  /** The document's Data stream (huge paragraph properties), read before the text. */
  private data: Buffer | null = null;

  override writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void {
    super.writeParagraphProperties(buffer, tableBuffer);
    const pieces = (this as unknown as { _pieces: Piece[] })._pieces;
    const { rowEnds, inTable } = tableParagraphs(buffer, tableBuffer, this.data);
    // a row's end: a line break (as word-extractor writes those it finds)
    for (const [start, end] of rowEnds)
      rewrite(pieces, start, end, (old) => '\n'.repeat(old.length));
    // a paragraph break inside a cell ("商业" / "企业"): marked, joined below, so that the row
    // stays one line
    for (const [start, end] of inTable)
      rewrite(pieces, start, end, (old) => old.replace(/\r$|\v/gu, CELL_BREAK));
  }
  override async extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown> {
    if (
      buffer.length >= 12 &&
      buffer.readUInt16LE(0) === 0xa5ec &&
      buffer.readUInt16LE(0xa) & 0x0100
    )
      throw new Encrypted();
    const streams = (document as { _rootStorage?: { _dirEntry?: { streams?: object } } })
      ._rootStorage?._dirEntry?.streams;
    if (streams && 'Data' in streams) {
      try {
        this.data = await this.streamBuffer(await this.documentStream(document, 'Data'));
      } catch {
        this.data = null; // unreadable: rows whose end is recorded there run on, as before
      }
    }
    return super.extractWordDocument(document, buffer);
  }
}

/**
 * The body text of an old Word/WPS document. `unreadable` is the message for a file that is not
 * one or is damaged (the import's usual message for such files).
 */
export async function extractDocText(bytes: Uint8Array, unreadable: string): Promise<string> {
  const reader = new BufferReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    await reader.open();
    const document = await new CheckedExtractor().extract(reader);
    // joined as a cell's lines are: a space only between Latin words
    return document
      .getBody()
      .replace(new RegExp(`(.?)${CELL_BREAK}+(.?)`, 'gsu'), (_, a: string, b: string) =>
        a && b && spaceBetween(a, b) ? `${a} ${b}` : a + b,
      );
  } catch (error) {
    if (error instanceof Encrypted) throw new ReportFileError(DOC_MESSAGES.encrypted);
    throw new ReportFileError(unreadable);
  } finally {
    await reader.close();
  }
}
