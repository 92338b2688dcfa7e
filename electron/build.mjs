// Bundles what runs in Node: the CLI (dist/cli.cjs), the database worker
// (dist/archive-worker.cjs), the PDF worker (dist/pdf-worker.cjs) and the import worker
// (dist/import-worker.cjs, with pdf.js's character maps in dist/pdfjs/cmaps); then the renderer
// (Vite → dist/renderer). Runs on `npm install` (prepare) and `npm run build`.
// `node electron/build.mjs --node` skips the renderer.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { cpSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  // pdfkit reads its data files (standard font metrics) beside its own sources.
  external: ['electron', 'better-sqlite3', 'pdfkit'],
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
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/services/pdf/worker.ts')],
    outfile: path.join(root, 'dist/pdf-worker.cjs'),
  }),
  // PDF and old Word files are read here, within bounds (electron/services/import)
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/services/import/worker.ts')],
    outfile: path.join(root, 'dist/import-worker.cjs'),
  }),
  // browser mode: the HTTP bridge serving the renderer and the typed API
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/bridge/main.ts')],
    outfile: path.join(root, 'dist/bridge.cjs'),
  }),
  // the desktop app: Electron's main process and the window's sandboxed preload (CommonJS)
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/main/main.ts')],
    outfile: path.join(root, 'dist/main.cjs'),
  }),
  build({
    ...common,
    platform: 'browser',
    entryPoints: [path.join(root, 'electron/main/preload.ts')],
    outfile: path.join(root, 'dist/preload.cjs'),
    external: ['electron'],
    define: {},
    banner: {},
  }),
]);

// pdf.js's character maps (CJK fonts with predefined CMaps), read by the import worker
cpSync(path.join(root, 'node_modules/pdfjs-dist/cmaps'), path.join(root, 'dist/pdfjs/cmaps'), {
  recursive: true,
});

if (!process.argv.includes('--node')) {
  // production mode whoever runs the build (vitest sets NODE_ENV=test): Lit's dev mode stays out
  process.env.NODE_ENV = 'production';
  const { build: vite } = await import('vite');
  await vite({ configFile: path.join(root, 'renderer/vite.config.ts'), mode: 'production' });
}
