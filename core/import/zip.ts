/**
 * Reading one file out of a zip archive (.docx) within bounds: the central directory is read
 * by hand, the entry is inflated in steps and stopped as soon as its output passes the size
 * its header declares or the hard cap (a "zip bomb" with a false size header is refused in
 * milliseconds instead of inflating gigabytes), and the result must match the declared size and
 * CRC-32 exactly. Pure: bytes in, bytes out.
 */
import { Inflate } from 'fflate';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** The uncompressed size the archive declares (not trusted). */
  readonly size: number;
  readonly offset: number;
}

/** Why an entry could not be read. */
export class ZipError extends Error {
  constructor(readonly reason: 'damaged' | 'too-large' | 'mismatch') {
    super(reason);
  }
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

/** The entries of the central directory; ZipError('damaged') when there is none. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('damaged');
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipError('damaged');
    const nameLength = u16(bytes, p + 28);
    entries.push({
      method: u16(bytes, p + 10),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      offset: u32(bytes, p + 42),
    });
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  return entries;
}

let table: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The entry's bytes: refused (ZipError) past `cap` declared bytes, past its declared size while
 * inflating, or when size or CRC-32 differ from the header's.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, cap: number): Uint8Array {
  if (entry.size > cap) throw new ZipError('too-large');
  const p = entry.offset;
  if (p + 30 > bytes.length || u32(bytes, p) !== 0x04034b50) throw new ZipError('damaged');
  const start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let over = false;
    const inflate = new Inflate((chunk) => {
      total += chunk.length;
      if (total > entry.size) over = true;
      else chunks.push(chunk);
    });
    const STEP = 16 * 1024;
    try {
      for (let i = 0; i < data.length && !over; i += STEP) {
        inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      }
    } catch {
      throw new ZipError('damaged');
    }
    if (over) throw new ZipError('mismatch');
    out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
  } else throw new ZipError('damaged');
  if (out.length !== entry.size || crc32(out) !== entry.crc) throw new ZipError('mismatch');
  return out;
}
