/**
 * Every better-sqlite3 connection of db/ is made here, so that one environment variable can
 * choose the native module it loads: `NIANBAO_SQLITE_BINDING`, the absolute path of a
 * `better_sqlite3.node` file (better-sqlite3's `nativeBinding` option). `npm start` sets it when it
 * opens the desktop window, pointing at a build for Electron's own Node version
 * (electron/native.mjs), because node_modules holds the build for the Node that ran `npm
 * install`. Without the variable, better-sqlite3 loads its own build as usual. Worker threads
 * inherit the variable (they copy process.env when they are created).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../core/api';

export const SQLITE_BINDING_ENV = 'NIANBAO_SQLITE_BINDING';

/** Native modules already loaded successfully in this thread (absolute paths). */
const loaded = new Set<string>();

/**
 * The native module better-sqlite3 must load: the absolute path named by NIANBAO_SQLITE_BINDING,
 * checked and loaded once, or undefined when the variable is not set (or empty). Throws an
 * ApiError('FAILED') naming the file when it is not there or cannot be loaded (built for
 * another Node or Electron version, another platform, damaged).
 */
export function sqliteBinding(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[SQLITE_BINDING_ENV];
  if (!value) return undefined;
  const file = path.resolve(value);
  if (loaded.has(file)) return file;
  let isFile = false;
  try {
    isFile = fs.statSync(file).isFile();
  } catch {
    // missing: said below
  }
  if (!isFile || !file.endsWith('.node')) {
    throw new ApiError(
      'FAILED',
      `找不到 SQLite 本机模块“${file}”（由环境变量 ${SQLITE_BINDING_ENV} 指定，应为 better_sqlite3.node 文件），无法打开档案库。`,
    );
  }
  try {
    // the same loader better-sqlite3 uses: this load is cached, its own require finds it
    createRequire(file)(file);
  } catch (error) {
    throw new ApiError(
      'FAILED',
      `无法加载 SQLite 本机模块“${file}”（由环境变量 ${SQLITE_BINDING_ENV} 指定）：${(error as Error).message}`,
    );
  }
  loaded.add(file);
  return file;
}

/** `new Database(file, options)` with the native module NIANBAO_SQLITE_BINDING names, if any. */
export function openDatabase(file: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = sqliteBinding();
  return new Database(file, nativeBinding === undefined ? options : { ...options, nativeBinding });
}
