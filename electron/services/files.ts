/**
 * Report files on disk: reading any supported input (with clear Chinese messages for what
 * cannot be read), listing a folder of submissions, and writing output atomically so that a
 * failure never leaves a half-written file.
 */
import { isReportFileName, REPORT_EXTENSIONS } from '../../core/import/extensions';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MAX_DOCX_BYTES, type ImportOptions, type ImportResult } from '../../core/import';
import { ReportFileError } from '../../core/model';
import { importBytes } from './import';

export { ReportFileError };

export { REPORT_EXTENSIONS };

function fsMessage(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `找不到文件：${file}`;
    case 'EISDIR':
      return `${file} 是文件夹，不是文件。`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限读取：${file}`;
    case 'EBUSY':
      return `文件正被其他程序占用：${file}`;
    default:
      return `无法读取 ${file}：${(error as Error).message}`;
  }
}

export async function readBytes(file: string): Promise<Uint8Array> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    throw new ReportFileError(fsMessage(error, file));
  }
  if (stat.isDirectory()) throw new ReportFileError(`${file} 是文件夹，不是文件。`);
  if (stat.size > MAX_DOCX_BYTES) {
    throw new ReportFileError(
      `文件太大（${(stat.size / 1024 / 1024).toFixed(1)} MB），不像是一份年度报告。`,
    );
  }
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    throw new ReportFileError(fsMessage(error, file));
  }
}

/**
 * Reads a report from any supported file: .nianbao.json, text, Markdown, HTML, .docx, PDF or
 * .doc/.wps (the last two in the import worker, within its bounds).
 */
export async function readReport(file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const bytes = await readBytes(file);
  return importBytes(bytes, { fileName: path.basename(file), ...options });
}

/** The report files in a folder and its subfolders, sorted; hidden and Office lock files skipped. */
export async function listReportFiles(
  folder: string,
  /** Which file names to list (default: the report files an import reads). */
  accept: (name: string) => boolean = isReportFileName,
): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new ReportFileError(fsMessage(error, dir));
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (accept(entry.name)) out.push(full);
    }
  };
  await walk(folder);
  return out.sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** Writes via a temporary file in the same folder and a rename: all or nothing. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? '文件夹不存在'
        : code === 'EACCES' || code === 'EPERM'
          ? '没有写入权限'
          : code === 'ENOSPC'
            ? '磁盘空间不足'
            : code === 'EISDIR'
              ? '目标是一个文件夹'
              : (error as Error).message;
    throw new ReportFileError(`无法写入 ${file}：${why}。没有写入任何内容。`);
  }
}
