// The built main process (dist/main.cjs) run in Node with a fake electron module: what it does
// before ready, the window it opens, the protocol, the security hooks, the IPC handlers over the
// real archive worker, the menu, the remembered window size and a clean shutdown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../core/api';
import { CANCEL_CHANNEL, MENU_CHANNEL, type IpcReply } from '../../electron/main/channels';
import { ROOT } from '../helpers/paths';
import {
  FakeBrowserWindow,
  fakeMainElectron,
  runMainBundle,
  type FakeMainElectron,
} from './fake-electron';

const MAIN = path.join(ROOT, 'dist', 'main.cjs');

let dataDir: string;
let electron: FakeMainElectron;
let savedEnv: string | undefined;
let beforeReady: string[];
let window: FakeBrowserWindow;

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function frameEvent(overrides: Record<string, unknown> = {}) {
  const contents = window.webContents;
  return {
    sender: contents,
    senderFrame: { ...contents.mainFrame, ...overrides },
  };
}

async function invoke(method: string, payload: unknown, event = frameEvent()): Promise<IpcReply> {
  const handler = electron.handlers.get(`nianbao:${method}`);
  expect(handler, method).toBeDefined();
  return (await handler!(event, payload)) as IpcReply;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-main-'));
  savedEnv = process.env.NIANBAO_DATA_DIR;
  process.env.NIANBAO_DATA_DIR = dataDir;
  electron = fakeMainElectron();
  FakeBrowserWindow.created.length = 0;
  runMainBundle(MAIN, electron.module);
  beforeReady = [...electron.calls];
  electron.app.ready();
  await until(() => FakeBrowserWindow.created.length === 1, 'the window');
  window = FakeBrowserWindow.created[0]!;
});

afterAll(async () => {
  if (electron && electron.app.quits === 0) {
    electron.app.quit();
    await until(() => electron.app.quits >= 2, 'the quit', 10_000).catch(() => {});
  }
  if (savedEnv === undefined) delete process.env.NIANBAO_DATA_DIR;
  else process.env.NIANBAO_DATA_DIR = savedEnv;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('dist/main.cjs', () => {
  it('before ready: scheme, sandbox, profile in the data folder, single-instance lock', () => {
    expect(beforeReady).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'setPath userData',
      'requestSingleInstanceLock',
    ]);
    expect(electron.schemes).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
    expect(electron.app.paths.userData).toBe(path.join(dataDir, 'electron'));
  });

  it('opens one sandboxed window on app://nianbao/index.html with the built preload', () => {
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: path.join(ROOT, 'dist', 'preload.cjs'),
    });
    expect(fs.existsSync(prefs.preload as string)).toBe(true);
    expect(window.options).toMatchObject({
      width: 1366,
      height: 768,
      minWidth: 1024,
      minHeight: 640,
    });
    expect(window.loaded).toBe('app://nianbao/index.html');
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('serves dist/renderer on app:// with the CSP', async () => {
    const handle = electron.protocolHandlers.get('app');
    expect(handle).toBeDefined();
    const page = await handle!({ url: 'app://nianbao/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<nb-app>');
    const escape = await handle!({ url: 'app://nianbao/../main.cjs', method: 'GET' });
    expect(escape.status).toBe(404);
  });

  it('applies the security hooks to the session and to every web contents', () => {
    let cancel: boolean | undefined;
    electron.session.beforeRequest!({ url: 'https://example.com/' }, (r) => (cancel = r.cancel));
    expect(cancel).toBe(true);
    electron.session.beforeRequest!(
      { url: 'app://nianbao/index.html' },
      (r) => (cancel = r.cancel),
    );
    expect(cancel).toBe(false);
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
  });

  it('registers one IPC handler per API method and the cancel listener', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(
      API_METHODS.map((m) => `nianbao:${m}`).sort(),
    );
    expect([...electron.listeners.keys()]).toEqual([CANCEL_CHANNEL]);
  });

  it('answers the window over the real archive worker, and refuses other frames', async () => {
    const created = await invoke('createUnit', { name: '某县财政局' });
    expect(created).toMatchObject({ ok: true, value: { name: '某县财政局' } });
    const units = await invoke('listUnits', {});
    expect(units).toMatchObject({ ok: true, value: [{ name: '某县财政局' }] });
    const info = await invoke('archiveInfo', {});
    expect(info).toMatchObject({ ok: true, value: { path: path.join(dataDir, 'archive.sqlite') } });
    const invalid = await invoke('createReport', { unitId: 'x', year: 'abc' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID' } });

    const fromIframe = await invoke('listUnits', {}, frameEvent({ parent: {} }));
    expect(fromIframe.ok).toBe(false);
    const fromElsewhere = await invoke(
      'listUnits',
      {},
      frameEvent({ url: 'https://example.com/' }),
    );
    expect(fromElsewhere.ok).toBe(false);
  });

  it('has the Chinese menu, whose page items go to the window', () => {
    const menu = electron.menu as {
      label: string;
      submenu: { label?: string; click?: () => void }[];
    }[];
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const save = menu[0]!.submenu.find((i) => i.label === '保存');
    save!.click!();
    expect(window.webContents.sent).toContainEqual([MENU_CHANNEL, 'save']);
  });

  it('a second start focuses the window', () => {
    const before = window.focused;
    electron.app.emit('second-instance');
    expect(window.focused).toBe(before + 1);
  });

  it('remembers the window size on close and closes the workers at quit', async () => {
    window.close();
    const state = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'electron', 'window-state.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(state).toMatchObject({ width: 1366, height: 768, maximized: false });
    // IPC refuses once the window is gone
    expect((await invoke('listUnits', {})).ok).toBe(false);

    electron.app.emit('window-all-closed');
    await until(() => electron.app.quits >= 2, 'the second quit (after the workers closed)');
    expect(electron.calls).toContain('will-quit prevented');
    // IPC unregistered
    expect(electron.handlers.size).toBe(0);
    expect(electron.listeners.size).toBe(0);
    // the archive was closed cleanly: no WAL left behind
    expect(fs.existsSync(path.join(dataDir, 'archive.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'archive.sqlite-wal'))).toBe(false);
  });
});
