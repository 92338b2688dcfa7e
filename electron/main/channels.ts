/**
 * The IPC contract between the main process (ipc.ts) and the window's preload (preload.ts):
 * channel names, the reply envelope and the menu actions. One channel per API method, from core's
 * method table (core/api/methods.ts, free of zod like everything the sandboxed preload bundles).
 *
 *   renderer ── window.nianbao.<method>(payload, onProgress?, signal?) ─ preload
 *   preload  ── ipcRenderer.invoke('nianbao:<method>', payload, requestId?) ─ main
 *   main     ── { ok: true, value } | { ok: false, error: { code, message } } ─ preload
 *   main     ── 'nianbao:progress' (requestId, progress) ─ preload (progress methods)
 *   preload  ── 'nianbao:cancel' (requestId) ─ main (the signal aborted)
 *   main     ── 'nianbao:menu' (action) ─ preload ─ nianbaoShell.onMenu(callback)
 */
import type { ApiMethod, ErrorEnvelope } from '../../core/api';

/** The invoke channel of a method: 'nianbao:openReport'. */
export function channelOf(method: ApiMethod): `nianbao:${ApiMethod}` {
  return `nianbao:${method}`;
}

/** main → preload: (requestId: number, progress: ImportProgress). */
export const PROGRESS_CHANNEL = 'nianbao:progress';
/** preload → main: (requestId: number). */
export const CANCEL_CHANNEL = 'nianbao:cancel';
/** main → preload: (action: MenuAction). */
export const MENU_CHANNEL = 'nianbao:menu';

/** What every invoke answers: never a thrown error, so the code and the Chinese message survive. */
export type IpcReply<T = unknown> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorEnvelope };

/** Menu items that act on the page: the window decides what each does. */
export const MENU_ACTIONS = ['new-report', 'import', 'save', 'print'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return (MENU_ACTIONS as readonly unknown[]).includes(value);
}

/** window.nianbaoShell: the page runs in the desktop app; the native menu's actions. */
export interface NianbaoShell {
  readonly desktop: true;
  /** Calls back with each menu action meant for the page; returns what unsubscribes. */
  onMenu(callback: (action: MenuAction) => void): () => void;
}

/** A request id of a progress method: a positive safe integer chosen by the preload. */
export function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** The origin the window's page comes from; every trusted URL starts with it. */
export const APP_ORIGIN = 'app://nianbao';
export const APP_URL_PREFIX = `${APP_ORIGIN}/`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** A URL of our own page (app://nianbao/…), as Chromium reports it (normalised). */
export function isAppUrl(url: unknown): boolean {
  return typeof url === 'string' && url.startsWith(APP_URL_PREFIX);
}
