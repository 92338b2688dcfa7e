// How `npm start` chooses (electron/bridge/electron-binary.mjs): the Electron executable named by
// node_modules/electron/path.txt when it exists (never by requiring the package, which would try
// to download it), else the browser mode; and which build outputs are missing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  chooseStart,
  findElectronBinary,
  missingBuildOutputs,
} from '../../electron/bridge/electron-binary.mjs';
import { tempFolder } from './helpers';

const NO_OVERRIDE = {} as NodeJS.ProcessEnv;

function project(options: { pathTxt?: string; binary?: string } = {}): string {
  const root = tempFolder('nianbao-start-');
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  // the package itself is there; requiring it would start a download
  fs.writeFileSync(path.join(pkg, 'index.js'), "throw new Error('must not be required');\n");
  if (options.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), options.pathTxt);
  if (options.binary !== undefined) {
    const file = path.join(pkg, 'dist', options.binary);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  }
  return root;
}

describe('findElectronBinary', () => {
  it('is null without path.txt, with an empty one, or when the executable is missing', () => {
    expect(findElectronBinary(tempFolder('nianbao-start-'), NO_OVERRIDE)).toBeNull();
    expect(findElectronBinary(project(), NO_OVERRIDE)).toBeNull();
    expect(findElectronBinary(project({ pathTxt: '' }), NO_OVERRIDE)).toBeNull();
    expect(findElectronBinary(project({ pathTxt: 'electron' }), NO_OVERRIDE)).toBeNull();
    // a folder of that name is no executable
    const folder = project({ pathTxt: 'electron' });
    fs.mkdirSync(path.join(folder, 'node_modules', 'electron', 'dist', 'electron'));
    expect(findElectronBinary(folder, NO_OVERRIDE)).toBeNull();
  });

  it('finds the executable path.txt names inside node_modules/electron/dist', () => {
    const root = project({ pathTxt: 'electron', binary: 'electron' });
    expect(findElectronBinary(root, NO_OVERRIDE)).toBe(
      path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
    );
    // macOS: a path inside the app bundle; a trailing newline is ignored
    const mac = project({
      pathTxt: 'Electron.app/Contents/MacOS/Electron\n',
      binary: 'Electron.app/Contents/MacOS/Electron',
    });
    expect(findElectronBinary(mac, NO_OVERRIDE)).toBe(
      path.join(mac, 'node_modules', 'electron', 'dist', 'Electron.app/Contents/MacOS/Electron'),
    );
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const root = project({ pathTxt: 'electron' });
    const elsewhere = tempFolder('nianbao-electron-dist-');
    fs.writeFileSync(path.join(elsewhere, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBe(
      path.join(elsewhere, 'electron'),
    );
  });
});

describe('chooseStart', () => {
  it('opens the desktop window when Electron is there, passing the arguments on', () => {
    const root = project({ pathTxt: 'electron', binary: 'electron' });
    expect(chooseStart(root, ['--db', 'x.sqlite'], NO_OVERRIDE)).toEqual({
      mode: 'electron',
      binary: path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
      args: [root, '--db', 'x.sqlite'],
    });
  });

  it('falls back to the browser mode without Electron, or when --browser is asked', () => {
    const without = project({ pathTxt: 'electron' });
    expect(chooseStart(without, ['--db', 'x.sqlite', '--port', '8080'], NO_OVERRIDE)).toEqual({
      mode: 'browser',
      reason: 'no-electron',
      args: [path.join(without, 'dist', 'bridge.cjs'), '--db', 'x.sqlite', '--port', '8080'],
    });
    const withElectron = project({ pathTxt: 'electron', binary: 'electron' });
    expect(chooseStart(withElectron, ['--browser', '--port', '0'], NO_OVERRIDE)).toEqual({
      mode: 'browser',
      reason: 'asked',
      args: [path.join(withElectron, 'dist', 'bridge.cjs'), '--port', '0'],
    });
  });
});

describe('missingBuildOutputs', () => {
  it('lists what the build must make, and nothing once it is there', () => {
    const root = tempFolder('nianbao-start-');
    expect(missingBuildOutputs(root)).toEqual([...BUILD_OUTPUTS]);
    expect(BUILD_OUTPUTS).toEqual(
      expect.arrayContaining(['dist/renderer/index.html', 'dist/bridge.cjs', 'dist/main.cjs']),
    );
    for (const file of BUILD_OUTPUTS.slice(1)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), '');
    }
    expect(missingBuildOutputs(root)).toEqual([BUILD_OUTPUTS[0]]);
    fs.mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(root, BUILD_OUTPUTS[0]!), '');
    expect(missingBuildOutputs(root)).toEqual([]);
  });
});
