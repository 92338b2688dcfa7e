// How `npm start` (electron/start.mjs) chooses between the desktop window and the browser mode,
// without requiring the `electron` package: requiring it downloads the binary when it is
// missing, which fails on a machine without internet. The desktop window also needs
// better-sqlite3 built for Electron (electron/native.mjs); when that build cannot be made, the
// browser mode is used instead. Plain JavaScript (start.mjs runs in Node without a build); the
// types are in electron-binary.d.mts.
import fs from 'node:fs';
import path from 'node:path';
import { BINDING_ENV, electronVersion, ensureElectronBinding } from '../native.mjs';

/** What the app needs in dist/ (built by electron/build.mjs), relative to the project root. */
export const BUILD_OUTPUTS = [
  'dist/renderer/index.html',
  'dist/main.cjs',
  'dist/preload.cjs',
  'dist/bridge.cjs',
  'dist/archive-worker.cjs',
  'dist/pdf-worker.cjs',
];

/** The build outputs that are missing (empty: nothing to build). */
export function missingBuildOutputs(root) {
  return BUILD_OUTPUTS.filter((file) => !fs.existsSync(path.join(root, file)));
}

/**
 * The Electron executable installed in node_modules/electron, or null: its path.txt names the
 * executable inside node_modules/electron/dist (or ELECTRON_OVERRIDE_DIST_PATH, as the electron
 * package itself does), and that file must exist.
 */
export function findElectronBinary(root, env = process.env) {
  const pkg = path.join(root, 'node_modules', 'electron');
  let relative;
  try {
    relative = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const binary = path.resolve(dist, relative);
  try {
    return fs.statSync(binary).isFile() ? binary : null;
  } catch {
    return null;
  }
}

/**
 * The desktop window (`electron <root>`, as `electron .`) when the Electron executable is
 * there and `--browser` is not given, else the browser mode. The other arguments are passed on.
 */
export function chooseStart(root, args, env = process.env) {
  const browser = args.includes('--browser');
  const rest = args.filter((a) => a !== '--browser');
  const binary = browser ? null : findElectronBinary(root, env);
  if (binary) return { mode: 'electron', binary, args: [root, ...rest] };
  return {
    mode: 'browser',
    reason: browser ? 'asked' : 'no-electron',
    args: [path.join(root, 'dist', 'bridge.cjs'), ...rest],
  };
}

/**
 * What `npm start` runs, with the desktop window's SQLite module ready: chooseStart, then, for
 * the desktop window, the better-sqlite3 build for this Electron version (cached, or built now
 * with `options.build`, default buildBinding). The desktop window gets NIANBAO_SQLITE_BINDING
 * in `env` (the whole environment to start it with); when the variable is already set it is
 * used as it is and nothing is built. When the build cannot be made, the browser mode, with
 * `message` saying why (Chinese and English). Rejects only when `options.signal` aborts a build.
 */
export async function prepareStart(root, args, options = {}) {
  const env = options.env ?? process.env;
  const choice = chooseStart(root, args, env);
  if (choice.mode !== 'electron') return choice;
  if (env[BINDING_ENV]) return { ...choice, env: { ...env } };
  const version = electronVersion(root);
  const result = version
    ? await ensureElectronBinding({
        root,
        version,
        build: options.build,
        log: options.log,
        signal: options.signal,
        env,
      })
    : {
        ok: false,
        message:
          '无法读取 Electron 的版本号（node_modules/electron/package.json）。\n' +
          'Cannot read the version of Electron (node_modules/electron/package.json).',
      };
  if (result.ok) return { ...choice, env: { ...env, [BINDING_ENV]: result.binding } };
  return {
    mode: 'browser',
    reason: 'no-sqlite',
    message: `${result.message}\n改用浏览器模式。Using the browser mode instead.`,
    args: [path.join(root, 'dist', 'bridge.cjs'), ...choice.args.slice(1)],
  };
}
