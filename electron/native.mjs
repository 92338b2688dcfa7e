// The better-sqlite3 native module for the desktop window in a checkout (`npm start`).
//
// `npm install` builds node_modules/better-sqlite3 for the Node that ran it; Electron embeds its
// own Node (another NODE_MODULE_VERSION), which cannot load that build. Rebuilding node_modules
// in place for Electron would break the CLI and the tests, so a second build, for Electron, is
// kept outside it: node_modules/.cache/nianbao-electron/<electron version>/better_sqlite3.node,
// with a stamp (Electron and better-sqlite3 versions, platform, architecture). It is built once
// from a copy of the package (without its build/ folder) with node-gyp, and the archive code
// loads it when NIANBAO_SQLITE_BINDING names it (db/sqlite.ts). A packaged app needs none of
// this: electron-builder rebuilds the module for Electron when packaging.
//
// Plain JavaScript: start.mjs runs in Node without a build. Types: native.d.mts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The environment variable db/sqlite.ts reads (the .node file better-sqlite3 loads). */
export const BINDING_ENV = 'NIANBAO_SQLITE_BINDING';
export const BINDING_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'stamp.json';
export const LOG_FILE = 'build.log';
/** Where node-gyp downloads Electron's headers from (ELECTRON_REBUILD_DIST_URL overrides it). */
export const HEADERS_URL = 'https://electronjs.org/headers';
/** node-gyp's folder for Electron headers: the one @electron/rebuild (electron-builder) uses. */
export const HEADERS_DIR = path.join(os.homedir(), '.electron-gyp');

const HEADERS_TIMEOUT_MS = 5 * 60_000;
const COMPILE_TIMEOUT_MS = 30 * 60_000;
const HEARTBEAT_MS = 30_000;

/** Why a build failed: `step` says which part (for the message). */
export class NativeBuildError extends Error {
  /**
   * @param {'node-gyp' | 'headers' | 'compile'} step
   * @param {string} message
   */
  constructor(step, message) {
    super(message);
    this.name = 'NativeBuildError';
    this.step = step;
  }
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function packageVersion(dir) {
  try {
    const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    return typeof version === 'string' && version ? version : null;
  } catch {
    return null;
  }
}

/** The installed Electron's version (node_modules/electron/package.json), or null. */
export function electronVersion(root) {
  return packageVersion(path.join(root, 'node_modules', 'electron'));
}

/** node_modules/better-sqlite3: the package the Electron build is made from. */
export function sqliteSource(root) {
  return path.join(root, 'node_modules', 'better-sqlite3');
}

/** The cache folder of one Electron version's build. */
export function bindingCacheDir(root, version) {
  return path.join(root, 'node_modules', '.cache', 'nianbao-electron', version);
}

/** What the stamp beside a build must say for the build to be used. */
export function expectedStamp(root, version) {
  return {
    electron: version,
    betterSqlite3: packageVersion(sqliteSource(root)),
    platform: process.platform,
    arch: process.arch,
  };
}

/** The cached build for this Electron version when its stamp matches, else null. */
export function cachedBinding(root, version) {
  const dir = bindingCacheDir(root, version);
  const file = path.join(dir, BINDING_FILE);
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8'));
  } catch {
    return null;
  }
  const want = expectedStamp(root, version);
  if (!stamp || Object.entries(want).some(([key, value]) => stamp[key] !== value)) return null;
  return isFile(file) ? file : null;
}

/**
 * node-gyp's script: the project's own (node_modules/node-gyp, which electron-builder brings),
 * else the one npm names when it runs a script (npm_config_node_gyp), else the one bundled with
 * the npm beside this Node. Null when there is none.
 */
export function findNodeGyp(root, env = process.env, execPath = process.execPath) {
  const bin = path.dirname(execPath);
  const bundled = ['node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'];
  const candidates = [
    path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    env.npm_config_node_gyp,
    path.join(bin, '..', 'lib', ...bundled),
    path.join(bin, ...bundled),
  ];
  return candidates.find((c) => c && c.endsWith('.js') && isFile(c)) ?? null;
}

/** Ends a child and what it started (make, the compiler): its process group, or its tree. */
function killTree(child) {
  try {
    if (process.platform === 'win32') {
      spawnSync('taskkill', ['/pid', String(child.pid), '/t', '/f'], { windowsHide: true });
    } else {
      process.kill(-child.pid, 'SIGTERM');
    }
  } catch {
    child.kill();
  }
}

/**
 * Runs `node <args>` with its output appended to the log file; rejects on failure. On POSIX the
 * child leads its own process group, so that stopping it (timeout, abort) also stops make and
 * the compiler it started.
 */
function run(args, { cwd, log, timeoutMs, signal, env }) {
  return new Promise((resolve, reject) => {
    fs.appendFileSync(log, `\n$ node ${args.join(' ')}\n`);
    const out = fs.openSync(log, 'a');
    let child;
    try {
      child = spawn(process.execPath, args, {
        cwd,
        env,
        stdio: ['ignore', out, out],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } finally {
      fs.closeSync(out);
    }
    let why = null;
    const stop = (reason) => {
      why = reason;
      killTree(child);
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    child.on('error', (error) => done(error));
    child.on('exit', (code, sig) => {
      if (why === 'aborted') done(new Error('aborted'));
      else if (why === 'timeout') done(new Error(`timed out after ${timeoutMs / 1000} s`));
      else if (code !== 0) done(new Error(`exit ${code ?? sig}`));
      else done(null);
    });
  });
}

/**
 * Builds better-sqlite3 for Electron `version` and writes the module to `output`: copies
 * `source` (without build/ and node_modules/) into a temporary folder, downloads Electron's
 * headers (`node-gyp install`, needs the internet the first time), compiles (`node-gyp
 * rebuild`, needs Python and a C++ compiler), copies build/Release/better_sqlite3.node to
 * `output`, and removes the temporary folder. node-gyp's output goes to `logFile`. Throws a
 * NativeBuildError saying which step failed; an abort kills node-gyp and rejects.
 */
export async function buildBinding({
  source,
  version,
  output,
  logFile,
  nodeGyp,
  headersUrl = process.env.ELECTRON_REBUILD_DIST_URL || HEADERS_URL,
  headersDir = HEADERS_DIR,
  tmpRoot = os.tmpdir(),
  signal,
  env = process.env,
  timeouts = { headers: HEADERS_TIMEOUT_MS, compile: COMPILE_TIMEOUT_MS },
}) {
  if (!nodeGyp) {
    throw new NativeBuildError('node-gyp', 'node-gyp not found (neither in node_modules nor npm)');
  }
  fs.writeFileSync(
    logFile,
    `better-sqlite3 for Electron ${version}, ${new Date().toISOString()}\n`,
  );
  const tmp = fs.mkdtempSync(path.join(tmpRoot, 'nianbao-sqlite-'));
  try {
    const copy = path.join(tmp, 'better-sqlite3');
    // the package itself, not a link to it (pnpm, npm link): node-gyp must never write there
    const real = fs.realpathSync(source);
    const skip = new Set([path.join(real, 'build'), path.join(real, 'node_modules')]);
    fs.cpSync(real, copy, {
      recursive: true,
      dereference: true,
      filter: (file) => !skip.has(file),
    });
    const common = [
      '--runtime=electron',
      `--target=${version}`,
      `--dist-url=${headersUrl}`,
      `--devdir=${headersDir}`,
    ];
    const options = { cwd: copy, log: logFile, signal, env };
    // --ensure: the headers already there (from an earlier build, or electron-builder's) are kept
    try {
      await run([nodeGyp, 'install', '--ensure', ...common], {
        ...options,
        timeoutMs: timeouts.headers,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new NativeBuildError('headers', `node-gyp install: ${error.message}`);
    }
    try {
      await run([nodeGyp, 'rebuild', ...common], { ...options, timeoutMs: timeouts.compile });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new NativeBuildError('compile', `node-gyp rebuild: ${error.message}`);
    }
    const built = path.join(copy, 'build', 'Release', BINDING_FILE);
    if (!isFile(built)) {
      throw new NativeBuildError('compile', `node-gyp rebuild made no ${BINDING_FILE}`);
    }
    fs.copyFileSync(built, output);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The last lines of the build log worth showing (node-gyp's errors), indented. */
function logTail(logFile, lines = 6) {
  try {
    const text = fs.readFileSync(logFile, 'utf8').split(/\r?\n/u);
    const shown = text.filter(
      (l) =>
        l.trim() &&
        !/^gyp (info |ERR! (stack +at |System|command|cwd|node -v|node-gyp -v|not ok))/u.test(l),
    );
    return shown
      .slice(-lines)
      .map((l) => `    ${l}`)
      .join('\n');
  } catch {
    return '';
  }
}

/** The Chinese + English explanation of a failed build (without the fallback sentence). */
export function failureMessage(error, version, logFile) {
  const step = error instanceof NativeBuildError ? error.step : error?.step;
  let why;
  if (step === 'node-gyp') {
    why =
      '找不到 node-gyp（随 npm 提供），无法为桌面窗口编译 SQLite 模块。\n' +
      'node-gyp (shipped with npm) was not found: cannot build the SQLite module for the desktop window.';
  } else if (step === 'headers') {
    why =
      `无法下载 Electron ${version} 的头文件（需要联网访问 ${process.env.ELECTRON_REBUILD_DIST_URL || HEADERS_URL}），无法为桌面窗口编译 SQLite 模块。\n` +
      `Could not download the headers of Electron ${version} (needs the internet): cannot build the SQLite module for the desktop window.`;
  } else if (step === 'compile') {
    why =
      `为 Electron ${version} 编译 SQLite 模块失败：需要 Python 3 和 C++ 编译器（Windows：Visual Studio 生成工具的“使用 C++ 的桌面开发”；Linux：python3、make、g++；macOS：Xcode 命令行工具）。\n` +
      `Building the SQLite module for Electron ${version} failed: it needs Python 3 and a C++ compiler.`;
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    why =
      `为 Electron ${version} 准备 SQLite 模块失败：${detail}\n` +
      `Preparing the SQLite module for Electron ${version} failed: ${detail}`;
  }
  const tail = logFile && isFile(logFile) ? logTail(logFile) : '';
  const details = logFile && isFile(logFile) ? `\n详细输出 / full output: ${logFile}` : '';
  return `${why}${tail ? `\n${tail}` : ''}${details}`;
}

/**
 * The better-sqlite3 module built for Electron `version`: the cached one, else a new build
 * (with `build`, default buildBinding) stored in the cache with its stamp. Progress is printed
 * with `log`. Resolves to { ok: true, binding, built } or { ok: false, message } (Chinese and
 * English); rejects only when `signal` aborts the build.
 */
export async function ensureElectronBinding({
  root,
  version,
  build = buildBinding,
  log = (line) => console.log(line),
  signal,
  env = process.env,
}) {
  const cached = cachedBinding(root, version);
  if (cached) return { ok: true, binding: cached, built: false };

  const dir = bindingCacheDir(root, version);
  const binding = path.join(dir, BINDING_FILE);
  const logFile = path.join(dir, LOG_FILE);
  const partial = `${binding}.partial-${process.pid}`;
  const source = sqliteSource(root);
  if (!packageVersion(source)) {
    return {
      ok: false,
      message: failureMessage(new Error(`${source} is missing (npm install)`), version, null),
    };
  }
  log(
    `年报：正在为 Electron ${version} 编译 SQLite 模块（仅首次启动时；需联网下载 Electron 头文件，约需几分钟）…\n` +
      `Nianbao: building the SQLite module for Electron ${version} (first start only; downloads the Electron headers, takes a few minutes)…`,
  );
  const started = Date.now();
  const heartbeat = setInterval(() => {
    const s = Math.round((Date.now() - started) / 1000);
    log(`  仍在编译（已用 ${s} 秒）… still building (${s} s)…`);
  }, HEARTBEAT_MS);
  try {
    fs.mkdirSync(dir, { recursive: true });
    await build({
      source,
      version,
      output: partial,
      logFile,
      nodeGyp: findNodeGyp(root, env),
      signal,
      env,
    });
    if (!isFile(partial)) throw new Error(`the build wrote no ${BINDING_FILE}`);
    fs.renameSync(partial, binding);
    const stamp = `${binding}.stamp-${process.pid}`;
    fs.writeFileSync(stamp, `${JSON.stringify(expectedStamp(root, version), null, 2)}\n`);
    fs.renameSync(stamp, path.join(dir, STAMP_FILE));
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (signal?.aborted) throw error;
    return { ok: false, message: failureMessage(error, version, logFile) };
  } finally {
    clearInterval(heartbeat);
  }
  const s = Math.round((Date.now() - started) / 1000);
  log(`完成（用时 ${s} 秒）：${binding}\nDone (${s} s).`);
  return { ok: true, binding, built: true };
}
