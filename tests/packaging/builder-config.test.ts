// The installers' configuration (issue 16, item 4; issue 17, item 14): electron-builder.yml
// loaded and checked by electron-builder's own schema, then what it builds — Windows NSIS per
// user without admin rights and a portable .exe; Linux deb and AppImage on x64 and arm64 — the
// icons, the four bundled fonts, better-sqlite3 unpacked from asar and rebuilt for Electron,
// the Electron fuses, and no publish or update provider. (Installers themselves cannot be built
// here: electron-builder downloads Electron.)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FILES } from '../../electron/services/pdf/fonts';
import { ROOT } from '../helpers/paths';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Target {
  target: string;
  arch: string[];
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;

const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

const targets = (platform: 'win' | 'linux'): Record<string, string[]> =>
  Object.fromEntries((config[platform].target as Target[]).map((t) => [t.target, t.arch]));

describe('electron-builder.yml', () => {
  it('is valid for electron-builder (its own schema)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // the schema does refuse what it does not know (the check is not vacuous)
    await expect(
      validateConfiguration({ ...config, nsisx: {} }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property/u);
  });

  it('names the app: id, product name 年报, the bundles as main', () => {
    expect(config['appId']).toBe('cn.gov.nianbao');
    expect(config['productName']).toBe('年报');
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).main).toBe(
      'dist/main.cjs',
    );
  });

  it('builds an NSIS installer per user without admin rights and a portable .exe for Windows', () => {
    expect(targets('win')).toEqual({ nsis: ['x64'], portable: ['x64'] });
    const nsis = config['nsis'];
    expect(nsis.perMachine).toBe(false);
    expect(nsis.allowElevation).toBe(false);
    expect(nsis.oneClick).toBe(false);
    expect(nsis.deleteAppDataOnUninstall).toBe(false);
    expect(config['portable'].requestExecutionLevel).toBe('user');
  });

  it('builds deb and AppImage for x64 and arm64 (Kunpeng/Phytium UOS/Kylin)', () => {
    expect(targets('linux')).toEqual({ deb: ['x64', 'arm64'], AppImage: ['x64', 'arm64'] });
    expect(config['linux'].executableName).toBe('nianbao');
  });

  it('packs better-sqlite3 rebuilt for Electron and unpacked from asar', () => {
    expect(config['asar']).toBe(true);
    expect(config['npmRebuild']).toBe(true);
    expect(config['asarUnpack']).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\^12\./u);
    // the bundles are packed, their sources and maps are not
    expect(config['files']).toContain('dist/**');
    expect(config['files']).toContain('!dist/**/*.map');
  });

  it('packs exactly the four bundled fonts (and their licences)', () => {
    const files = config['files'] as string[];
    expect(files).toContain('!node_modules/@expo-google-fonts/**');
    const fonts = files.filter((f) => f.endsWith('.ttf'));
    const want = Object.values(BUNDLED_FILES).map(([p, file]) => `node_modules/${p}/${file}`);
    expect(fonts.sort()).toEqual([...want].sort());
    for (const font of fonts) expect(existsSync(path.join(ROOT, font)), font).toBe(true);
    for (const p of new Set(Object.values(BUNDLED_FILES).map(([p]) => p)))
      expect(files).toContain(`node_modules/${p}/LICENSE*`);
  });

  it('flips the Electron fuses: no RunAsNode, NODE_OPTIONS or --inspect; only its own checked app.asar', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has no publish or update provider (the program never contacts a server)', () => {
    expect(config['publish']).toBeNull();
    expect(config['detectUpdateChannel']).toBe(false);
    expect(config['generateUpdatesFilesForAllChannels']).toBe(false);
    const text = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(provider|url|owner|repo|bucket):/mu);
    for (const platform of ['win', 'linux', 'nsis', 'portable', 'deb', 'appImage'])
      expect(config[platform]?.publish, platform).toBeUndefined();
    expect(pkg.dependencies['electron-updater']).toBeUndefined();
    expect(pkg.scripts['dist']).toMatch(/--publish never/u);
  });

  it('npm run dist builds first, then runs electron-builder for Windows and Linux', () => {
    expect(pkg.scripts['dist']).toMatch(
      /^node electron\/build\.mjs && electron-builder --win --linux /u,
    );
  });

  it('has the icons: a drawn SVG, PNGs of every size for Linux, an .ico for Windows', () => {
    expect(readFileSync(path.join(ROOT, 'assets/icon.svg'), 'utf8')).toMatch(/^<svg /u);
    expect(config['win'].icon).toBe('assets/icon.ico');
    expect(config['linux'].icon).toBe('assets/icons');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      const png = PNG.sync.read(readFileSync(path.join(ROOT, `assets/icons/${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
      // a real picture: transparent corners, opaque middle
      expect(png.data[3]).toBe(0);
      const mid = ((size >> 1) * size + (size >> 1)) * 4;
      expect(png.data[mid + 3]).toBe(255);
    }
    const ico = readFileSync(path.join(ROOT, 'assets/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    // each entry is a PNG inside the file
    for (let i = 0; i < count; i++) {
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(offset, offset + 4).toString('latin1')).toBe('\x89PNG');
    }
  });
});
