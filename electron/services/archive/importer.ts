/**
 * Importing files into the archive: one file, several, or whole folders. Runs in the database
 * worker; each file is read in the import worker (../import), so saves are answered meanwhile.
 * A file whose unit is clear (its name is a unit's name, now or formerly, or the caller named
 * the unit) is stored; a name that matches no unit exactly but resembles one is never
 * silently made a new unit: the file is reported with the candidate units and left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ApiError,
  type ImportFileResult,
  type ImportProgress,
  type ImportSummary,
  type Payload,
} from '../../../core/api';
import { ReportFileError } from '../../../core/model';
import type { Archive } from '../../../db/archive';
import { listReportFiles, readBytes } from '../files';
import { parseForArchive, type Parsed } from '../import';

/** Looks up the unit a mapping gives for a file: by the path as given, resolved, or base name. */
function mapped(units: Record<string, string> | undefined, given: string, file: string) {
  if (!units) return undefined;
  return (
    units[given] ??
    units[file] ??
    units[path.resolve(file)] ??
    units[path.basename(file)] ??
    Object.entries(units).find(([k]) => path.resolve(k) === path.resolve(file))?.[1]
  );
}

/** The files to import: each path a file, or a folder read recursively. */
async function expand(
  paths: readonly string[],
): Promise<{ given: string; file: string; error?: string }[]> {
  const out: { given: string; file: string; error?: string }[] = [];
  for (const given of paths) {
    let stat;
    try {
      stat = fs.statSync(given);
    } catch {
      out.push({ given, file: given, error: `文件或文件夹不存在：${given}` });
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of await listReportFiles(given)) out.push({ given: file, file });
    } else {
      out.push({ given, file: given });
    }
  }
  return out;
}

/** Runs a step on the open archive in the archive's turn (between other requests). */
export type ArchiveAccess = <T>(step: (archive: Archive) => T) => Promise<T>;

export async function importFiles(
  archive: ArchiveAccess,
  p: Payload<'importFiles'>,
  onProgress: (progress: ImportProgress) => void = () => {},
  cancelled: () => boolean = () => false,
): Promise<ImportSummary> {
  return importEntries(archive, await expand(p.paths), p, onProgress, cancelled);
}

/** Imports files sent by the window: each named by its (relative) name, read from its bytes. */
export function importUpload(
  archive: ArchiveAccess,
  p: Payload<'importUpload'>,
  onProgress: (progress: ImportProgress) => void = () => {},
  cancelled: () => boolean = () => false,
): Promise<ImportSummary> {
  const entries = p.files.map((f) => ({ given: f.name, file: f.name, bytes: f.data }));
  return importEntries(archive, entries, { ...p, paths: [] }, onProgress, cancelled);
}

interface Entry {
  readonly given: string;
  readonly file: string;
  readonly error?: string;
  /** The file's content when it was sent rather than named by a path. */
  readonly bytes?: Uint8Array;
}

async function importEntries(
  archive: ArchiveAccess,
  files: readonly Entry[],
  p: Payload<'importFiles'>,
  onProgress: (progress: ImportProgress) => void,
  cancelled: () => boolean,
): Promise<ImportSummary> {
  const results: ImportFileResult[] = [];
  for (const [i, entry] of files.entries()) {
    if (cancelled()) break;
    onProgress({ done: i, total: files.length, file: entry.file });
    results.push(await importOne(archive, entry, p));
    // let other requests (and cancellation) through between files
    await new Promise((resolve) => setImmediate(resolve));
  }
  onProgress({ done: results.length, total: files.length, file: '' });
  const count = (status: ImportFileResult['status']) =>
    results.filter((r) => r.status === status).length;
  return {
    results,
    imported: count('imported'),
    unchanged: count('unchanged'),
    needsUnit: count('needs-unit'),
    exists: count('exists'),
    failed: count('failed'),
    published: results.filter((r) => r.published).length,
  };
}

/** Whether the request lets this file replace a report its year already has. */
function mayReplace(
  replace: boolean | readonly string[] | undefined,
  given: string,
  file: string,
): boolean {
  if (replace === undefined || typeof replace === 'boolean') return replace === true;
  return replace.some((r) => r === given || r === file || path.resolve(r) === path.resolve(file));
}

/** What the clerk is asked when a file's year already has a report (Chinese). */
export function existsMessage(
  year: number,
  existing: { status: string; errors: number; revision: number },
): string {
  return (
    `${year}年度报告已存在（${existing.status}，${existing.errors} 个错误，第 ${existing.revision} 版）。` +
    '替换为导入的文件？原内容保留在历史中。'
  );
}

async function importOne(
  access: ArchiveAccess,
  entry: Entry,
  p: Payload<'importFiles'>,
): Promise<ImportFileResult> {
  const file = entry.file;
  if (entry.error) return { file, status: 'failed', message: entry.error };
  let parsed: Parsed;
  try {
    // read in the import worker: this thread (the database's) keeps answering meanwhile
    const bytes = entry.bytes ?? (await readBytes(file));
    parsed = await parseForArchive(bytes, path.basename(file), p.year);
  } catch (error) {
    if (error instanceof ReportFileError) return { file, status: 'failed', message: error.message };
    throw error;
  }
  return access((archive) => store(archive, entry, parsed, p));
}

/** Stores a file read: finds or creates its unit, stores the report (on the open archive). */
function store(
  archive: Archive,
  entry: Entry,
  parsed: Parsed,
  p: Payload<'importFiles'>,
): ImportFileResult {
  const file = entry.file;
  try {
    const explicit = mapped(p.units, entry.given, file) ?? p.unit;
    // the unit looked up (created) and the report stored in one transaction: another importer
    // may be creating the unit now, and a kill in between must not leave a unit without it
    const result = archive.storeImportedFile({
      ...(explicit !== undefined ? { unit: explicit } : {}),
      unitName: parsed.unitName,
      unitId: parsed.unitId,
      year: parsed.year,
      content: parsed.content,
      author: p.author,
      file,
      replace: mayReplace(p.replace, entry.given, file),
      published: p.published,
    });
    if (result.status === 'needs-unit') {
      if (!parsed.unitName.trim()) {
        return {
          file,
          status: 'needs-unit',
          year: parsed.year,
          candidates: [],
          message: '文件中没有写明单位名称，请指定单位。',
        };
      }
      return {
        file,
        status: 'needs-unit',
        unitName: parsed.unitName,
        year: parsed.year,
        candidates: result.candidates,
        message: `文件中的单位“${parsed.unitName}”与已有单位名称相近但不相同，请确认是哪个单位。`,
      };
    }
    const { unit, created: newUnit, stored } = result;
    if (stored.status === 'exists') {
      return {
        file,
        status: 'exists',
        unitId: unit.id,
        unitName: unit.name,
        year: parsed.year,
        legacy: 'legacy' in parsed.content,
        existing: stored.existing,
        message: existsMessage(parsed.year, stored.existing),
      };
    }
    return {
      file,
      status: stored.status,
      unitId: unit.id,
      unitName: unit.name,
      ...(newUnit ? { newUnit } : {}),
      year: parsed.year,
      legacy: 'legacy' in parsed.content,
      revision: stored.revision,
      ...(stored.published ? { published: true } : {}),
    };
  } catch (error) {
    if (error instanceof ApiError) return { file, status: 'failed', message: error.message };
    throw error;
  }
}
