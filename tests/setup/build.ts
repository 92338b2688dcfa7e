// Builds dist/cli.cjs once before the suites that run the real command.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

export default function setup(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'electron', 'build.mjs')], { stdio: 'inherit' });
}
