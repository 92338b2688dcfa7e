// Builds everything once before the suites (dist/*.cjs bundles and the renderer in dist/renderer).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

export default function setup(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'electron', 'build.mjs')], { stdio: 'inherit' });
}
