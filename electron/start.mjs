// `npm start`. The desktop window (Electron) and the browser mode (local HTTP bridge) arrive
// with the application issue; until then this starts the command-line tool's help.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
console.log('年报 nianbao：桌面界面尚未完成，目前可使用命令行工具（npx nianbao）。\n');
const result = spawnSync(process.execPath, [path.join(root, 'electron/cli/bin.cjs'), '--help'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 0);
