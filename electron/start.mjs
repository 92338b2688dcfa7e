// `npm start [-- --db <archive> --port <n> --browser]`: builds dist/ when something is missing,
// then opens the desktop window (Electron) when its executable is installed, else the browser
// mode (dist/bridge.cjs), which prints the link to open. Runs until the program ends or Ctrl+C.
// The desktop window needs better-sqlite3 built for Electron: the first start builds it into
// node_modules/.cache/nianbao-electron/ (electron/native.mjs) and passes it to Electron in
// NIANBAO_SQLITE_BINDING; when it cannot be built (no internet for Electron's headers, no
// compiler), the browser mode is used, with the reason.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingBuildOutputs, prepareStart } from './bridge/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const missing = missingBuildOutputs(root);
if (missing.length > 0) {
  console.log(
    `年报：首次启动，正在构建程序（缺少 ${missing.join('、')}）…\nNianbao: building the program first…`,
  );
  const built = spawnSync(process.execPath, [path.join(root, 'electron', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  const still = missingBuildOutputs(root);
  if (built.status !== 0 || still.length > 0) {
    console.error('构建失败，无法启动。The build failed: cannot start.');
    process.exit(built.status || 1);
  }
}

// Ctrl+C while the SQLite module is being built stops the build (its temporary folder removed)
const preparing = new AbortController();
const stopPreparing = () => preparing.abort();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stopPreparing);
let choice;
try {
  choice = await prepareStart(root, process.argv.slice(2), { signal: preparing.signal });
} catch (error) {
  if (!preparing.signal.aborted) throw error;
} finally {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(signal, stopPreparing);
}
// also when the build ended first (on Windows, node-gyp gets the console's Ctrl+C itself)
if (preparing.signal.aborted) {
  console.error('已中止。Stopped.');
  process.exit(130);
}

let command;
if (choice.mode === 'electron') {
  command = choice.binary;
} else {
  if (choice.reason === 'no-electron') {
    console.log(
      '本机没有可用的 Electron 程序（桌面窗口），改用浏览器模式。\n' +
        'The Electron program is not available on this machine: using the browser mode.',
    );
  } else if (choice.reason === 'no-sqlite') {
    console.log(choice.message);
  }
  command = process.execPath;
}

// the caller's folder stays the working folder: a relative --db is theirs
const child = spawn(command, choice.args, {
  stdio: 'inherit',
  env: choice.mode === 'electron' ? choice.env : process.env,
});
// Ctrl+C reaches the child too (same process group); a signal sent to this process alone is
// passed on. The child stops cleanly and this process ends with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`无法启动 ${command}：${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
