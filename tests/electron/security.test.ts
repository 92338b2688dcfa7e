// Security wiring: navigation only within app://nianbao/, no new windows, no <webview>, no
// permissions, and no request that could reach the network.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { applySecurity, isAllowedNavigation, isAllowedRequest } from '../../electron/main/security';

describe('isAllowedNavigation', () => {
  it.each([
    'app://nianbao/',
    'app://nianbao/index.html',
    'app://nianbao/#/x',
    'app://nianbao/#/report/u/2024',
  ])('allows %s', (url) => expect(isAllowedNavigation(url)).toBe(true));
  it.each([
    'https://example.com',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'app://evil/index.html',
    'app://nianbao.evil.com/',
    'app://nianbao@evil/',
    'app://nianbao',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://nianbao/1234',
    'about:blank',
    'chrome://settings',
    '',
  ])('blocks %s', (url) => expect(isAllowedNavigation(url)).toBe(false));
});

describe('isAllowedRequest', () => {
  it.each([
    'app://nianbao/index.html',
    'app://nianbao/assets/index.js',
    'blob:app://nianbao/6f1c-2d',
    'data:image/png;base64,AAAA',
    'devtools://devtools/bundled/inspector.html',
    'DATA:text/plain,x',
    // Chromium's PDF viewer (printing) and its internal resources
    'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html',
    'chrome://resources/js/load_time_data.js',
  ])('allows %s', (url) => expect(isAllowedRequest(url)).toBe(true));
  it.each([
    'https://example.com/',
    'http://localhost:3000/api',
    'http://127.0.0.1/',
    'ws://127.0.0.1:9229/',
    'wss://example.com/',
    'ftp://example.com/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x.js',
    'chrome://settings/',
    'https://update.electronjs.org/',
    'https://dl.google.com/chrome/spellcheck',
    'blobx:foo',
    'datax:foo',
    '',
    'no scheme',
  ])('blocks %s', (url) => expect(isAllowedRequest(url)).toBe(false));
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function navigation(url: string) {
  const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

type BeforeRequest = (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void;
type PermissionRequest = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

interface FakeSession {
  requestHandler: PermissionRequest | null;
  checkHandler: ((...args: unknown[]) => boolean) | null;
  deviceHandler: ((...args: unknown[]) => boolean) | null;
  spellcheck: boolean;
  beforeRequest: BeforeRequest | null;
}

function wired() {
  const app = new EventEmitter();
  const logs: string[] = [];
  const session: FakeSession & Record<string, unknown> = {
    requestHandler: null,
    checkHandler: null,
    deviceHandler: null,
    spellcheck: true,
    beforeRequest: null,
    setPermissionRequestHandler(h: PermissionRequest) {
      session.requestHandler = h;
    },
    setPermissionCheckHandler(h: FakeSession['checkHandler']) {
      session.checkHandler = h;
    },
    setDevicePermissionHandler(h: FakeSession['deviceHandler']) {
      session.deviceHandler = h;
    },
    setSpellCheckerEnabled(on: boolean) {
      session.spellcheck = on;
    },
    webRequest: {
      onBeforeRequest: (listener: BeforeRequest) => {
        session.beforeRequest = listener;
      },
    },
  };
  applySecurity(app as never, session as never, (m) => logs.push(m));
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents);
  return { app, session, contents, logs };
}

function request(session: FakeSession, url: string): boolean {
  let cancel: boolean | undefined;
  session.beforeRequest!({ url }, (r) => (cancel = r.cancel));
  expect(cancel).toBeTypeOf('boolean');
  return cancel!;
}

describe('applySecurity', () => {
  it('blocks navigation, frame navigation and redirects away from our page, allows our own', () => {
    const { contents, logs } = wired();
    for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const away = navigation('https://example.com');
      contents.emit(kind, away);
      expect(away.prevented).toBe(true);
      const file = navigation('file:///etc/passwd');
      contents.emit(kind, file);
      expect(file.prevented).toBe(true);
      const ours = navigation('app://nianbao/#/x');
      contents.emit(kind, ours);
      expect(ours.prevented).toBe(false);
    }
    expect(logs.some((l) => l.includes('https://example.com'))).toBe(true);
  });

  it('opens no window and attaches no <webview>', () => {
    const { contents } = wired();
    expect(contents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://nianbao/index.html' })).toEqual({ action: 'deny' });
    const attach = navigation('');
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.prevented).toBe(true);
  });

  it('denies every permission', () => {
    const { session } = wired();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      session.requestHandler!({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(session.checkHandler!({}, permission, 'app://nianbao', {})).toBe(false);
    }
    expect(session.deviceHandler!({ deviceType: 'usb' })).toBe(false);
    expect(session.spellcheck).toBe(false);
  });

  it('cancels every request that is not app, blob, data or devtools', () => {
    const { session } = wired();
    expect(request(session, 'app://nianbao/index.html')).toBe(false);
    expect(request(session, 'blob:app://nianbao/1')).toBe(false);
    expect(request(session, 'data:,x')).toBe(false);
    expect(request(session, 'devtools://devtools/x')).toBe(false);
    expect(request(session, 'https://example.com/')).toBe(true);
    expect(request(session, 'http://127.0.0.1:8080/api/listUnits')).toBe(true);
    expect(request(session, 'file:///etc/passwd')).toBe(true);
  });
});
