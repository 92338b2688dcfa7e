/**
 * The desktop app's own command-line option: `--db <archive.sqlite>` (or `--db=<file>`), as
 * `npm start -- --db <file>` passes it (electron/start.mjs). Electron's and Chromium's switches
 * share the command line (Playwright adds --inspect, --remote-debugging-port…), so anything
 * else is ignored rather than refused.
 */
import path from 'node:path';

export function archiveFromArgs(argv: readonly string[], fallback: string): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--db=') && arg.length > 5) return path.resolve(arg.slice(5));
    if (arg === '--db') {
      const value = argv[i + 1];
      if (value !== undefined && value !== '' && !value.startsWith('--'))
        return path.resolve(value);
    }
  }
  return fallback;
}
