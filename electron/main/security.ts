/**
 * The window's security settings beyond its webPreferences (Electron's security checklist):
 * no navigation away from app://nianbao/, no new windows, no <webview>, no permissions, and no
 * network at all — every request that is not the app's own page, a blob:, a data: URL or the
 * developer tools is cancelled before it leaves (no update checks, no telemetry, no fonts or
 * scripts from the internet). The decisions are pure functions; `applySecurity` wires them.
 */
import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './channels';

/**
 * Chromium's built-in PDF viewer (with which the window prints) is an internal extension that
 * loads its own resources; those requests never reach the network.
 */
const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';
const ALLOWED_SCHEMES = new Set(['blob:', 'data:', 'devtools:']);

/** May the window's main frame go to this URL? Only to our own page. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** May this request be made? Our page, blob:, data:, developer tools; never the network. */
export function isAllowedRequest(url: string): boolean {
  if (typeof url !== 'string') return false;
  if (isAppUrl(url)) return true;
  if (url.startsWith(PDF_VIEWER_ORIGIN)) return true;
  // chrome://resources/… serves the PDF viewer's scripts from inside the program
  if (url.startsWith('chrome://resources/')) return true;
  const m = /^([a-z][a-z0-9+.-]*:)/iu.exec(url);
  return m !== null && ALLOWED_SCHEMES.has(m[1]!.toLowerCase());
}

/** Logs a refusal (to the main process's standard error). */
export type SecurityLog = (message: string) => void;
const defaultLog: SecurityLog = (message) => console.warn(`[年报] ${message}`);

type NavigationEvent = { readonly url: string; preventDefault(): void };

/** Hooks one web contents: navigation, redirects, new windows, <webview>. */
export function secureWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  log: SecurityLog = defaultLog,
): void {
  const guard = (kind: string) => (event: NavigationEvent) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    log(`已阻止${kind}：${event.url}`);
  };
  contents.on('will-navigate', guard('页面跳转'));
  contents.on('will-redirect', guard('重定向'));
  // any frame (an <iframe> included), not just the main one, stays on the app's origin
  contents.on('will-frame-navigate', guard('框架跳转'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('已阻止 <webview>。');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`已阻止打开新窗口：${url}`);
    return { action: 'deny' };
  });
}

type SessionLike = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setSpellCheckerEnabled'
  | 'webRequest'
>;

/** Denies every permission and cancels every request that is not allowed. */
export function secureSession(session: SessionLike, log: SecurityLog = defaultLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`已拒绝权限请求：${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log(`已阻止网络请求：${details.url}`);
    callback({ cancel: !allowed });
  });
}

/** Everything above, for the default session and every web contents the app creates. */
export function applySecurity(
  app: Pick<App, 'on'>,
  session: SessionLike,
  log: SecurityLog = defaultLog,
): void {
  secureSession(session, log);
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents, log));
}
