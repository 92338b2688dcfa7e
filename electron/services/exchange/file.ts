/**
 * The exchange file's bytes (issue 15 item 1): packing a report's parts into the zip
 * (`manifest.json`, the data file, the 定稿 PDF stored as it is) with fflate, and reading one
 * back within bounds — the zip's central directory and each entry through the guarded reader
 * of core/import/zip (inflated in steps, stopped past its declared size or the cap, size and
 * CRC-32 checked) — for core/exchange to verify. Reading runs in the import worker
 * (../import, readExchangeFile), never on the database's thread.
 */
import { promises as fs } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import {
  DATA_ENTRY,
  EXCHANGE_MIME,
  MANIFEST_ENTRY,
  PDF_ENTRY,
  buildManifest,
  exchangeFileName,
  manifestBytes,
  verifyExchange,
  type ExchangeFile,
  type ReadEntry,
  type Verified,
} from '../../../core/exchange';
import { ZipError, readZipEntry, zipEntries } from '../../../core/import/zip';
import type { ExchangeParts } from '../../../db/archive';
import { sha256 } from '../../../db/hash';

/** An exchange file larger than this is refused unread (a report and its PDF are far smaller). */
export const MAX_EXCHANGE_BYTES = 100 * 1024 * 1024;
/** What each entry may inflate to at most. */
const ENTRY_CAPS: Readonly<Record<string, number>> = {
  [MANIFEST_ENTRY]: 1024 * 1024,
  [DATA_ENTRY]: 32 * 1024 * 1024,
  [PDF_ENTRY]: 96 * 1024 * 1024,
};
const OTHER_CAP = 1024 * 1024;
/** More entries than this is not an exchange file. */
const MAX_ENTRIES = 16;

/** Packs a report's parts as an exchange file: `<单位>-<年度>.nianbao`. */
export function packExchange(
  parts: ExchangeParts,
  exported: { at: string; by: string },
): ExchangeFile {
  const entries: { name: string; bytes: Uint8Array }[] = [
    { name: DATA_ENTRY, bytes: strToU8(parts.data) },
  ];
  if (parts.pdf) entries.push({ name: PDF_ENTRY, bytes: parts.pdf });
  const manifest = buildManifest(
    { ...parts.fields, exportedAt: exported.at, exportedBy: exported.by },
    entries,
    sha256,
  );
  const mtime = new Date(exported.at);
  const data = zipSync(
    {
      [MANIFEST_ENTRY]: [manifestBytes(manifest), { level: 6, mtime }],
      [DATA_ENTRY]: [entries[0]!.bytes, { level: 6, mtime }],
      // a PDF's streams are compressed already: stored as it is
      ...(parts.pdf ? { [PDF_ENTRY]: [parts.pdf, { level: 0, mtime }] } : {}),
    },
    {},
  );
  return {
    fileName: exchangeFileName(parts.fields.unit.name, parts.fields.year),
    mime: EXCHANGE_MIME,
    data,
    revision: parts.fields.revision,
    withPdf: parts.pdf !== null,
    unsaved: parts.pending,
  };
}

/** The zip's entries read within bounds (null: not a zip archive). */
export function readEntries(bytes: Uint8Array): ReadEntry[] | null {
  let entries;
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipError) return null;
    throw error;
  }
  return entries.map((entry, i) => {
    // an exchange file has three entries: the rest are listed unread (and refused as extra)
    if (i >= MAX_ENTRIES) return { name: entry.name, problem: 'damaged' as const };
    try {
      return {
        name: entry.name,
        bytes: readZipEntry(bytes, entry, ENTRY_CAPS[entry.name] ?? OTHER_CAP),
      };
    } catch (error) {
      if (error instanceof ZipError) return { name: entry.name, problem: error.reason };
      throw error;
    }
  });
}

const tooLarge = (size: number): Verified => ({
  ok: false,
  reason: 'not-zip',
  message: `文件太大（${(size / 1024 / 1024).toFixed(1)} MB），不像是一份年报交换文件，未导入。`,
});

/** Reads and verifies an exchange file's bytes (core/exchange says what differs). */
export function readExchange(bytes: Uint8Array): Verified {
  if (bytes.length > MAX_EXCHANGE_BYTES) return tooLarge(bytes.length);
  return verifyExchange(readEntries(bytes), sha256);
}

/** Reads a file from disk (refused unread when too large) and verifies it. */
export async function readExchangeFile(file: string): Promise<Verified> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_EXCHANGE_BYTES) return tooLarge(stat.size);
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EACCES' || code === 'EPERM' ? `没有权限读取：${file}` : `无法读取：${file}`;
    return { ok: false, reason: 'failed', message };
  }
  return readExchange(bytes);
}
