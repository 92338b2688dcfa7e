/**
 * Importing exchange files (issue 15 item 1): files and folders named by their paths (the CLI,
 * a folder path typed in the window) or files the window sends. Each file is read within
 * bounds and verified (./file.ts, core/exchange), then received by the archive in one write;
 * one file's refusal never stops the others. Runs in the database worker (or the CLI's process).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportProgress, Payload } from '../../../core/api';
import {
  EXCHANGE_EXTENSION,
  summariseExchange,
  type ExchangeFileResult,
  type ExchangeSummary,
} from '../../../core/exchange';
import type { Archive } from '../../../db/archive';
import { listReportFiles } from '../files';
import { MAX_EXCHANGE_BYTES, readExchange } from './file';

interface Entry {
  readonly file: string;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

const isExchangeFile = (name: string) => name.toLowerCase().endsWith(EXCHANGE_EXTENSION);

/** The files to import: each path a file, or a folder's .nianbao files (recursively). */
async function expand(paths: readonly string[]): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const given of paths) {
    let stat;
    try {
      stat = await fs.stat(given);
    } catch {
      out.push({ file: given, error: `文件或文件夹不存在：${given}` });
      continue;
    }
    if (stat.isDirectory()) {
      const files = await listReportFiles(given, isExchangeFile);
      if (files.length === 0) {
        out.push({ file: given, error: `文件夹中没有交换文件（${EXCHANGE_EXTENSION}）：${given}` });
      }
      for (const file of files) out.push({ file });
    } else {
      out.push({ file: given });
    }
  }
  return out;
}

async function readFile(file: string): Promise<Uint8Array | string> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_EXCHANGE_BYTES) {
      return `文件太大（${(stat.size / 1024 / 1024).toFixed(1)} MB），不像是一份年报交换文件，未导入。`;
    }
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? `没有权限读取：${file}` : `无法读取：${file}`;
  }
}

/** The unit the clerk chose for a file (by the name as sent or given, or its base name). */
function chosen(units: Record<string, string> | undefined, file: string): string | undefined {
  if (!units) return undefined;
  return units[file] ?? units[path.resolve(file)] ?? units[path.basename(file)];
}

async function importOne(
  archive: Archive,
  entry: Entry,
  p: Payload<'importExchange'>,
): Promise<{ result: ExchangeFileResult; parent: { id: string; name: string } | null }> {
  const { file } = entry;
  const refused = (message: string) => ({
    result: { file, status: 'refused', reason: 'failed', message } as const,
    parent: null,
  });
  if (entry.error) return refused(entry.error);
  const bytes = entry.bytes ?? (await readFile(file));
  if (typeof bytes === 'string') return refused(bytes);
  const verified = readExchange(bytes);
  if (!verified.ok) {
    const m = verified.manifest;
    const result: ExchangeFileResult = {
      file,
      status: 'refused',
      reason: verified.reason,
      message: verified.message,
      ...(m ? { unitName: m.unit.name, year: m.year, sourceRevision: m.revision } : {}),
    };
    return { result, parent: null };
  }
  const result = archive.receiveExchange({
    manifest: verified.manifest,
    report: verified.report,
    pdf: verified.pdf,
    file,
    fileName: path.basename(file.replace(/\\/gu, '/')),
    author: p.author,
    unit: chosen(p.units, file),
  });
  return { result, parent: verified.manifest.parent };
}

/** Imports exchange files: the paths' files and folders, then the files sent. */
export async function importExchange(
  archive: Archive,
  p: Payload<'importExchange'>,
  onProgress: (progress: ImportProgress) => void = () => {},
  cancelled: () => boolean = () => false,
): Promise<ExchangeSummary> {
  const entries: Entry[] = [
    ...(await expand(p.paths ?? [])),
    ...(p.files ?? []).map((f) => ({ file: f.name, bytes: f.data })),
  ];
  const results: ExchangeFileResult[] = [];
  const parents: ({ id: string; name: string } | null)[] = [];
  for (const [i, entry] of entries.entries()) {
    if (cancelled()) break;
    onProgress({ done: i, total: entries.length, file: entry.file });
    const { result, parent } = await importOne(archive, entry, p);
    results.push(result);
    parents.push(parent);
    // let other requests (and cancellation) through between files
    await new Promise((resolve) => setImmediate(resolve));
  }
  onProgress({ done: results.length, total: entries.length, file: '' });
  // a sub-unit's file read before its department's: its parent, now that it is here
  archive.linkParents(
    results.flatMap((r, i) =>
      r.newUnit && r.unitId ? [{ unitId: r.unitId, parent: parents[i] ?? null }] : [],
    ),
  );
  return summariseExchange(results);
}
