/**
 * Old Word documents (.doc, Word 97–2003, and WPS's .wps in the same binary format) → their
 * body text, with word-extractor (pure JavaScript): paragraphs one a line, table cells
 * separated by tabs (rows not always on lines of their own). A document with an open password,
 * or an OLE file that holds no Word document, is refused with the reason. Runs in the import
 * worker (worker.ts), which bounds its time and memory.
 */
import WordOleExtractor from 'word-extractor/lib/word-ole-extractor.js';
import BufferReader from 'word-extractor/lib/buffer-reader.js';
import { ReportFileError } from '../../../core/model';

const SAVE_AS = '请在 Word 或 WPS 中取消密码后“另存为” Word 文档（.docx），再导入。';

export const DOC_MESSAGES = {
  encrypted: `这份 Word/WPS 文档设置了打开密码（已加密），无法读取。${SAVE_AS}`,
} as const;

class Encrypted extends Error {}

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
  override extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown> {
    if (
      buffer.length >= 12 &&
      buffer.readUInt16LE(0) === 0xa5ec &&
      buffer.readUInt16LE(0xa) & 0x0100
    )
      return Promise.reject(new Encrypted());
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
    return document.getBody();
  } catch (error) {
    if (error instanceof Encrypted) throw new ReportFileError(DOC_MESSAGES.encrypted);
    throw new ReportFileError(unreadable);
  } finally {
    await reader.close();
  }
}
