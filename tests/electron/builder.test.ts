// electron-builder.yml, read and validated by electron-builder itself (its own loader and
// schema: no packaging, which needs the Electron download): what is packaged, the per-user
// Windows installer, the Linux targets, no publishing.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

const require = createRequire(import.meta.url);

interface Config {
  /** As written, or as the loader normalises it ([{ filter: [...] }]). */
  files: (string | { filter: string[] })[];
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: string[] };
  nsis: Record<string, unknown>;
  linux: { target: string[]; executableName: string };
  publish: unknown;
  [key: string]: unknown;
}

async function load(): Promise<{ config: Config; validate: (c: unknown) => Promise<void> }> {
  const { getConfig, validateConfiguration } =
    require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, file: string | null, options: null): Promise<Config>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
  const config = await getConfig(ROOT, null, null);
  // the validation normalises the object it is given (and the loader may cache it): a copy
  return {
    config: structuredClone(config),
    validate: (c) => validateConfiguration(structuredClone(c), new DebugLogger(false)),
  };
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    const { config, validate } = await load();
    await expect(validate(config)).resolves.toBeUndefined();
    // the validation is real: an unknown option is refused
    await expect(
      validate({ ...config, nsis: { ...config.nsis, perMachin: false } }),
    ).rejects.toThrow(/configuration/u);
  });

  it('packages dist/ and the four print fonts, not the bundled packages', async () => {
    const { config } = await load();
    const files = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files[0]).toBe('dist/**');
    expect(files).toContain('!dist/**/*.map');
    expect(files).toContain('package.json');
    // the font exclusion comes before the four faces it lets through again
    const fonts = files.indexOf('!node_modules/@expo-google-fonts/**');
    const faces = files.filter((f) => f.endsWith('.ttf'));
    expect(faces).toHaveLength(4);
    for (const face of faces) expect(files.indexOf(face)).toBeGreaterThan(fonts);
    expect(fonts).toBeGreaterThan(0);
    expect(files).toContain('!node_modules/pdfjs-dist/**');
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**/*.node']);
    expect(config.npmRebuild).toBe(true);
  });

  it('installs per user on Windows without administrator rights; deb and AppImage on Linux', async () => {
    const { config } = await load();
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
    });
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.linux.executableName).toBe('nianbao');
  });

  it('publishes nothing and updates nothing', async () => {
    const { config } = await load();
    expect(config.publish).toBeNull();
    expect(JSON.stringify(config)).not.toMatch(/update|github|s3|generic/iu);
  });
});
