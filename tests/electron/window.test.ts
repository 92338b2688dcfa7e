// The window's options (security settings, sizes) and its remembered state (validated, fitted
// to the displays that exist).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { windowOptions } from '../../electron/main/window';
import {
  DEFAULT_STATE,
  MIN_HEIGHT,
  MIN_WIDTH,
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  stateOf,
  type Rect,
} from '../../electron/main/window-state';

const FULL_HD: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const SECOND: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-window-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'sub', 'window-state.json');
}

describe('windowOptions', () => {
  it('isolates and sandboxes the page, with the preload and no Node', () => {
    const o = windowOptions(DEFAULT_STATE, '/app/dist/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      plugins: false,
    });
  });

  it('has the minimum size and the default size; position only when remembered', () => {
    const o = windowOptions(DEFAULT_STATE, 'p');
    expect(o).toMatchObject({ width: 1366, height: 768, minWidth: 1024, minHeight: 640 });
    expect(o.x).toBeUndefined();
    expect(o.y).toBeUndefined();
    expect(o.show).toBe(false);
    const placed = windowOptions({ x: 40, y: 30, width: 1500, height: 900, maximized: false }, 'p');
    expect(placed).toMatchObject({ x: 40, y: 30, width: 1500, height: 900 });
  });

  it('never opens smaller than the minimum', () => {
    const o = windowOptions({ width: 300, height: 200, maximized: false }, 'p');
    expect(o.width).toBe(MIN_WIDTH);
    expect(o.height).toBe(MIN_HEIGHT);
  });
});

describe('parseWindowState', () => {
  it('keeps a valid state', () => {
    expect(parseWindowState({ x: -10, y: 20, width: 1400, height: 900, maximized: true })).toEqual({
      x: -10,
      y: 20,
      width: 1400,
      height: 900,
      maximized: true,
    });
    expect(parseWindowState({ width: 1400, height: 900 })).toEqual({
      width: 1400,
      height: 900,
      maximized: false,
    });
  });

  it.each([
    null,
    'text',
    [],
    {},
    { width: '1400', height: 900 },
    { width: 1400.5, height: 900 },
    { width: 0, height: 900 },
    { width: 1400, height: -1 },
    { width: 1e9, height: 900 },
    { width: Number.NaN, height: 900 },
  ])('falls back to the default for %j', (value) => {
    expect(parseWindowState(value)).toBe(DEFAULT_STATE);
  });

  it('drops a position that is not two integers', () => {
    expect(parseWindowState({ x: 10, width: 1400, height: 900 })).toEqual({
      width: 1400,
      height: 900,
      maximized: false,
    });
    expect(parseWindowState({ x: 10, y: 1e9, width: 1400, height: 900 }).x).toBeUndefined();
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is on a display', () => {
    const s = { x: 100, y: 50, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(s, [FULL_HD, SECOND])).toEqual(s);
    const onSecond = { x: 2000, y: 10, width: 1100, height: 800, maximized: true };
    expect(fitToDisplays(onSecond, [FULL_HD, SECOND])).toEqual(onSecond);
  });

  it('centres a window whose display is gone (position dropped)', () => {
    const s = { x: 2000, y: 10, width: 1100, height: 800, maximized: false };
    expect(fitToDisplays(s, [FULL_HD])).toEqual({ width: 1100, height: 800, maximized: false });
    const above = { x: 100, y: -500, width: 1100, height: 800, maximized: false };
    expect(fitToDisplays(above, [FULL_HD]).x).toBeUndefined();
    const farLeft = { x: -1090, y: 100, width: 1100, height: 800, maximized: false };
    expect(fitToDisplays(farLeft, [FULL_HD]).x).toBeUndefined();
  });

  it('moves a window hanging over an edge back onto its display', () => {
    const s = { x: 1500, y: 600, width: 1400, height: 900, maximized: false };
    const fitted = fitToDisplays(s, [FULL_HD]);
    expect(fitted).toEqual({ x: 520, y: 140, width: 1400, height: 900, maximized: false });
    expect(fitted.x! + fitted.width).toBeLessThanOrEqual(FULL_HD.width);
    expect(fitted.y! + fitted.height).toBeLessThanOrEqual(FULL_HD.height);
  });

  it('shrinks to the work area, never below the minimum', () => {
    const small: Rect = { x: 0, y: 0, width: 1366, height: 728 };
    expect(fitToDisplays(DEFAULT_STATE, [small])).toEqual({
      width: 1366,
      height: 728,
      maximized: false,
    });
    const big = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(fitToDisplays(big, [FULL_HD])).toMatchObject({ width: 1920, height: 1040 });
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 600 };
    expect(fitToDisplays(DEFAULT_STATE, [tiny])).toMatchObject({
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
    });
    expect(fitToDisplays({ width: 10, height: 10, maximized: false }, [])).toMatchObject({
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
    });
  });
});

describe('load and save', () => {
  it('round-trips through the file and fits on load', () => {
    const file = tempFile();
    expect(loadWindowState(file, [FULL_HD])).toEqual(DEFAULT_STATE);
    const s = stateOf({ x: 100.4, y: 50, width: 1400.6, height: 900 }, true);
    expect(saveWindowState(file, s)).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      x: 100,
      y: 50,
      width: 1401,
      height: 900,
      maximized: true,
    });
    expect(loadWindowState(file, [FULL_HD])).toEqual({
      x: 100,
      y: 50,
      width: 1401,
      height: 900,
      maximized: true,
    });
    // the display shrank since
    expect(loadWindowState(file, [{ x: 0, y: 0, width: 1280, height: 984 }])).toMatchObject({
      width: 1280,
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('a damaged file gives the default; an invalid state is not written', () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"width": 14');
    expect(loadWindowState(file, [FULL_HD])).toEqual(DEFAULT_STATE);
    expect(saveWindowState(file, { width: -5, height: 10, maximized: false })).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"width": 14');
  });
});
