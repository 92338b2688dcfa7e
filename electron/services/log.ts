/**
 * The technical log: what went wrong inside the program (stack traces, system errors in
 * English), appended to `nianbao.log` in the data folder. People see a Chinese message that
 * says what happened and what to do, and where this log is; the detail is here for whoever
 * helps them. The log is kept under ~1 MB (the older half is dropped).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './paths';

export const LOG_FILE_NAME = 'nianbao.log';
const MAX_BYTES = 1024 * 1024;

export function logFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), LOG_FILE_NAME);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Appends one entry; never throws (a log that cannot be written must not stop anything). */
export function logError(context: string, error: unknown, file = logFile()): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      if (fs.statSync(file).size > MAX_BYTES) {
        const text = fs.readFileSync(file, 'utf8');
        fs.writeFileSync(file, text.slice(text.length / 2));
      }
    } catch {
      // no log yet
    }
    fs.appendFileSync(
      file,
      `[${new Date().toISOString()}] pid ${process.pid} ${context}\n${describe(error)}\n\n`,
    );
  } catch {
    // nowhere to write: stays unlogged
  }
}

/** The Chinese message for an internal error: what happened, what to do, where the detail is. */
export function internalErrorMessage(file = logFile(), what = '操作失败'): string {
  return `${what}：年报程序内部出错，已有的数据没有改动。请重试一次；如果仍然失败，请把日志文件“${file}”发给技术人员。`;
}
