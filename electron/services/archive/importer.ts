/**
 * Importing files into the archive: one file, several, or whole folders. Runs in the database
 * worker. A file whose unit is clear (its name is a unit's name, now or formerly, or the caller
 * named the unit) is stored; a name that matches no unit exactly but resembles one is never
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
  type UnitInfo,
} from '../../../core/api';
import { FIRST_STRUCTURED_YEAR } from '../../../core/formats';
import { ReportFileError, type Report } from '../../../core/model';
import type { Archive } from '../../../db/archive';
import type { LegacyBody } from '../../../db/text';
import { listReportFiles, readBytes } from '../files';
import { readSource } from '../import';

interface Parsed {
  readonly year: number;
  readonly unitName: string;
  /** The archive id an exported .nianbao.json carries. */
  readonly unitId: string | null;
  readonly content: Report | LegacyBody;
}

async function parse(bytes: Uint8Array, file: string, year: number | undefined): Promise<Parsed> {
  const fileName = path.basename(file);
  // read once (PDF and .doc/.wps in the import worker), then as a report or a legacy text
  const source = await readSource(bytes, { fileName });
  let structuredError: ReportFileError | null = null;
  try {
    const { report } = source.report({ fileName, ...(year ? { year } : {}) });
    if (report.year >= FIRST_STRUCTURED_YEAR) {
      return {
        year: report.year,
        unitName: report.unit.name,
        unitId: report.unit.id || null,
        content: report,
      };
    }
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    structuredError = error;
  }
  // a year before 2019, or no recognisable current-format structure: a text-only document?
  let legacy;
  try {
    legacy = source.legacy({ fileName, ...(year ? { year } : {}) });
  } catch (error) {
    if (error instanceof ReportFileError) throw structuredError ?? error;
    throw error;
  }
  if (legacy.year !== null && legacy.year < FIRST_STRUCTURED_YEAR && legacy.year >= 2008) {
    return {
      year: legacy.year,
      unitName: legacy.unitName,
      unitId: null,
      content: { legacy: true, title: legacy.title, text: legacy.text },
    };
  }
  if (structuredError) throw structuredError;
  throw new ReportFileError(
    legacy.year === null
      ? '无法确定这份报告的年度，请指定年度后再导入。'
      : `${legacy.year}年以前的报告才能作为旧格式文本保存。`,
  );
}

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

export async function importFiles(
  archive: Archive,
  p: Payload<'importFiles'>,
  onProgress: (progress: ImportProgress) => void = () => {},
  cancelled: () => boolean = () => false,
): Promise<ImportSummary> {
  return importEntries(archive, await expand(p.paths), p, onProgress, cancelled);
}

/** Imports files sent by the window: each named by its (relative) name, read from its bytes. */
export function importUpload(
  archive: Archive,
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
  archive: Archive,
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
  archive: Archive,
  entry: Entry,
  p: Payload<'importFiles'>,
): Promise<ImportFileResult> {
  const file = entry.file;
  if (entry.error) return { file, status: 'failed', message: entry.error };
  let parsed: Parsed;
  try {
    parsed = await parse(entry.bytes ?? (await readBytes(file)), file, p.year);
  } catch (error) {
    if (error instanceof ReportFileError) return { file, status: 'failed', message: error.message };
    throw error;
  }
  try {
    const explicit = mapped(p.units, entry.given, file) ?? p.unit;
    let unit: UnitInfo | null = null;
    let newUnit = false;
    if (explicit !== undefined) {
      const name = explicit.trim();
      // looked up and created in one transaction (another importer may be creating it now)
      ({ unit, created: newUnit } = archive.findOrCreateUnit(name));
    } else {
      unit =
        (parsed.unitId && archive.unitByName(parsed.unitId)) || archive.unitByName(parsed.unitName);
      if (!unit) {
        if (!parsed.unitName.trim()) {
          return {
            file,
            status: 'needs-unit',
            year: parsed.year,
            candidates: [],
            message: '文件中没有写明单位名称，请指定单位。',
          };
        }
        const candidates = archive.resemblingUnits(parsed.unitName);
        if (candidates.length) {
          return {
            file,
            status: 'needs-unit',
            unitName: parsed.unitName,
            year: parsed.year,
            candidates,
            message: `文件中的单位“${parsed.unitName}”与已有单位名称相近但不相同，请确认是哪个单位。`,
          };
        }
        ({ unit, created: newUnit } = archive.findOrCreateUnit(parsed.unitName));
      }
    }
    const stored = archive.storeImported({
      unitId: unit.id,
      year: parsed.year,
      content: parsed.content,
      author: p.author,
      file,
      replace: mayReplace(p.replace, entry.given, file),
      published: p.published,
    });
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
