// Bundles what runs in Node: the CLI (dist/cli.cjs) and the database worker
// (dist/archive-worker.cjs). Runs on `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
  // import.meta.url in a CommonJS bundle: the bundle's own file
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/cli/entry.ts')],
    outfile: path.join(root, 'dist/cli.cjs'),
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/services/archive/worker.ts')],
    outfile: path.join(root, 'dist/archive-worker.cjs'),
  }),
]);
