/**
 * Importing exchange files (issue 15 item 1): files and folders named by their paths (the CLI,
 * a folder path typed in the window) or files the window sends. Each file is read within
 * bounds and verified (./file.ts, core/exchange) in the import worker, outside the archive's
 * turn, so saves are answered meanwhile; then received by the archive in one write in its turn
 * (ArchiveAccess, as ../archive/importer.ts does); one file's refusal never stops the others.
 * Runs in the database worker (or the CLI's process).
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
import { ReportFileError } from '../../../core/model';
import type { ArchiveAccess } from '../archive/importer';
import { listReportFiles } from '../files';
import { verifyExchangeInWorker } from '../import';

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

/**
 * The unit the clerk chose for a file: by the name as sent or given, resolved, or its base name
 * (a CLI mapping's paths are relative to the mapping file: compared resolved, as `archive
 * import` does).
 */
function chosen(units: Record<string, string> | undefined, file: string): string | undefined {
  if (!units) return undefined;
  return (
    units[file] ??
    units[path.resolve(file)] ??
    units[path.basename(file)] ??
    Object.entries(units).find(([k]) => path.resolve(k) === path.resolve(file))?.[1]
  );
}

async function importOne(
  access: ArchiveAccess,
  entry: Entry,
  p: Payload<'importExchange'>,
): Promise<{ result: ExchangeFileResult; parent: { id: string; name: string } | null }> {
  const { file } = entry;
  const refused = (message: string) => ({
    result: { file, status: 'refused', reason: 'failed', message } as const,
    parent: null,
  });
  if (entry.error) return refused(entry.error);
  let verified;
  try {
    // read, unzipped and verified in the import worker: this thread keeps answering meanwhile
    verified = await verifyExchangeInWorker(entry.bytes ?? { path: file });
  } catch (error) {
    if (error instanceof ReportFileError) return refused(error.message);
    throw error;
  }
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
  const fileName = path.basename(file.replace(/\\/gu, '/'));
  const unit = chosen(p.units, file);
  // stored in the archive's turn, between the other requests
  const result = await access((archive) =>
    archive.receiveExchange({
      manifest: verified.manifest,
      report: verified.report,
      pdf: verified.pdf,
      file,
      fileName,
      author: p.author,
      unit,
    }),
  );
  return { result, parent: verified.manifest.parent };
}

/** Imports exchange files: the paths' files and folders, then the files sent. */
export async function importExchange(
  access: ArchiveAccess,
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
    const { result, parent } = await importOne(access, entry, p);
    results.push(result);
    parents.push(parent);
    // let other requests (and cancellation) through between files
    await new Promise((resolve) => setImmediate(resolve));
  }
  onProgress({ done: results.length, total: entries.length, file: '' });
  // a sub-unit's file read before its department's: its parent, now that it is here
  const links = results.flatMap((r, i) =>
    r.newUnit && r.unitId ? [{ unitId: r.unitId, parent: parents[i] ?? null }] : [],
  );
  await access((archive) => archive.linkParents(links, p.author));
  return summariseExchange(results);
}
