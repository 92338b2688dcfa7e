/**
 * A file's bytes before any reading: which kind of input it is (sniff), its text encoding
 * (decodeText), and the limits and messages for files that are no report.
 */
import { ReportFileError } from '../model';

/** Text and HTML files above this size are refused: a report is a few hundred KB at most. */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;
/** .docx files may hold pictures; above this size they are refused. */
export const MAX_DOCX_BYTES = 100 * 1024 * 1024;

export const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function extensionOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.nianbao.json')) return '.nianbao.json';
  const dot = lower.lastIndexOf('.');
  return dot >= 0 ? lower.slice(dot) : '';
}

export const SAVE_AS =
  '请用 Word 或 WPS 打开它，选择“另存为”，保存为 Word 文档（.docx）或网页（.html）后再导入。';

const BINARY =
  '这个文件不是文本文件（含有二进制数据，可能是图片、压缩包或其他程序的文件），无法作为年度报告导入。';

/** Decodes text: BOM, then UTF-8, then GB18030 (GBK/GB2312 as saved by Chinese Windows tools). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  // UTF-16 without BOM: zero bytes (the high byte of ASCII characters: digits, line ends) mostly
  // at odd (little-endian) or mostly at even (big-endian) positions — a CJK character such as
  // 一 (U+4E00) has a zero low byte — and the whole decodes as text
  const probe = bytes.subarray(0, 4096);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < probe.length; i++) {
    if (probe[i] !== 0) continue;
    if (i % 2) zeroOdd++;
    else zeroEven++;
  }
  const utf16 = (encoding: 'utf-16le' | 'utf-16be') => {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      // eslint-disable-next-line no-control-regex
      return /[\u0000-\u0008\u000e-\u001f]/u.test(text.slice(0, 4000)) ? null : { text, encoding };
    } catch {
      return null;
    }
  };
  if (probe.length >= 16 && zeroOdd > 2 * zeroEven) {
    const found = utf16('utf-16le');
    if (found) return found;
  }
  if (probe.length >= 16 && zeroEven > 2 * zeroOdd) {
    const found = utf16('utf-16be');
    if (found) return found;
  }
  // NUL bytes in neither UTF-16 pattern: a picture, an archive or another binary file
  if (zeroOdd + zeroEven > 0) throw new ReportFileError(BINARY);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    /* not UTF-8 */
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new ReportFileError(
      '无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030），文件可能不是文本文件或已损坏。',
    );
  }
}

export function assertText(text: string): void {
  let control = 0;
  const sample = text.slice(0, 20000);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) throw new ReportFileError(BINARY);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (control > sample.length / 100 + 2) {
    throw new ReportFileError(
      '这个文件不是文本文件（含有大量不可显示的字符），无法作为年度报告导入。',
    );
  }
}

export const PIPE_TABLE = /^\s*\|?\s*:?-{3,}:?\s*\|/mu;

/** What kind of input a file is, by its first bytes and then its name. */
export function sniff(
  bytes: Uint8Array,
  fileName = '',
): 'docx' | 'nianbao' | 'html' | 'markdown' | 'text' {
  const ext = extensionOf(fileName);
  if (bytes.length === 0) throw new ReportFileError('文件是空的（0 字节），没有可导入的内容。');
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new ReportFileError(
      `这是 PDF 文件，其中的表格无法可靠地读取。${SAVE_AS}如果只有 PDF，可请报告的编制单位提供原始文档。`,
    );
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const what =
      ext === '.wps'
        ? ' WPS 旧格式文档（.wps）'
        : ext === '.doc'
          ? ' Word 97-2003 文档（.doc）'
          : '旧版 Word/WPS 文档（或设置了打开密码的文档）';
    throw new ReportFileError(`这是${what}，无法直接读取。${SAVE_AS}`);
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    throw new ReportFileError(`这是 RTF 文档，无法直接读取。${SAVE_AS}`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (bytes.length > MAX_DOCX_BYTES) {
      throw new ReportFileError(
        `文件太大（${mb(bytes.length)}），超过 ${mb(MAX_DOCX_BYTES)}，不像是一份年度报告。`,
      );
    }
    return 'docx';
  }
  if (['.pdf', '.doc', '.wps', '.et', '.xls', '.ppt'].includes(ext)) {
    throw new ReportFileError(`文件扩展名是 ${ext}，但内容不是有效的文档。${SAVE_AS}`);
  }
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new ReportFileError(
      `文件太大（${mb(bytes.length)}），文本或网页格式的年度报告一般不超过 1 MB，上限为 ${mb(MAX_TEXT_BYTES)}。请确认选择的是年度报告文件。`,
    );
  }
  if (ext === '.nianbao.json' || ext === '.json') return 'nianbao';
  if (['.html', '.htm', '.xhtml', '.shtml', '.mht', '.mhtml'].includes(ext)) return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  return 'text';
}
