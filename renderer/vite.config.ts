// The renderer build: one static bundle in dist/renderer, served by the app:// protocol in the
// desktop window and by the HTTP bridge in browser mode (relative URLs work for both).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { pureConsts } from '../electron/pure-consts.mjs';

/**
 * core's zod schemas (core/model.ts, core/api/payloads.ts, core/file.ts, core/exchange/manifest.ts)
 * are built when their module loads, but the renderer never validates with them (the main process
 * does): each top-level `const` of those files is wrapped in a call marked pure, so that the
 * bundler leaves out the ones the renderer does not use (building them cost ~60 ms of start-up in
 * Chromium; the exchange manifest's alone brought all of zod back, +77 KB and ~20 ms).
 */
function pureSchemas(): Plugin {
  const files = /[\\/]core[\\/](model|file|api[\\/]payloads|exchange[\\/]manifest)\.ts$/;
  return {
    name: 'nianbao-pure-schemas',
    enforce: 'pre',
    transform(code, id) {
      return files.test(id) ? pureConsts(code) : null;
    },
  };
}

export default defineConfig({
  plugins: [pureSchemas()],
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
});
