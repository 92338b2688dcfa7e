/**
 * The window's preload (sandboxed: only `contextBridge` and `ipcRenderer` of electron; bundled
 * as CommonJS into dist/preload.cjs). It exposes exactly two things to the page:
 *
 *   window.nianbao       the typed API (NianbaoApi): one function per method, nothing else —
 *                        no generic invoke, no ipcRenderer, no event objects
 *   window.nianbaoShell  { desktop: true, onMenu(callback) → unsubscribe }
 *
 * Each method invokes 'nianbao:<method>' and unwraps the main process's reply: the value, or
 * an Error whose message is the Chinese message (nothing prefixed) and whose `code` property is
 * the ApiError code. What crosses contextBridge: an Error arrives in the page as a new Error
 * with the same message only (the `code` property is dropped by the bridge); functions are
 * proxied; other objects are copied with their own enumerable properties only, so a DOM
 * AbortSignal passed as `signal` arrives empty. To cancel from the page, pass a plain object
 * whose `aborted` and `addEventListener` are own properties, e.g.
 *   { aborted: s.aborted, addEventListener: (type, listener, options) => s.addEventListener(type, listener, options) }
 * (`aborted` is read once, at the call). A signal already aborted at the call is refused at once
 * with '已取消。' (as the HTTP transport does); aborting later sends 'nianbao:cancel' and the
 * operation ends as the API defines (an import stops between two files and reports what it did).
 *
 * The method list comes from core's method table (core/api/methods.ts), which has no zod: the
 * schemas stay out of this small bundle (the main process validates every payload).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiErrorCode, CancelSignal, ImportProgress, NianbaoApi } from '../../core/api';
import { API_METHODS, isProgressMethod, type ApiMethod } from '../../core/api/methods';
import {
  CANCEL_CHANNEL,
  MENU_CHANNEL,
  PROGRESS_CHANNEL,
  channelOf,
  isMenuAction,
  type IpcReply,
  type MenuAction,
  type NianbaoShell,
} from './channels';

/** An Error with the API's code (the page sees the message only: see above). */
function apiError(code: ApiErrorCode, message: string): Error & { code: ApiErrorCode } {
  const error = new Error(message) as Error & { code: ApiErrorCode };
  error.name = 'ApiError';
  error.code = code;
  return error;
}

function unwrap(reply: unknown): unknown {
  const r = reply as IpcReply | null | undefined;
  if (r && typeof r === 'object') {
    if (r.ok === true) return r.value;
    if (r.ok === false && r.error && typeof r.error.message === 'string') {
      throw apiError(r.error.code ?? 'FAILED', r.error.message);
    }
  }
  throw apiError('FAILED', '年报主程序的回复无法识别。');
}

async function invoke(method: ApiMethod, args: readonly unknown[]): Promise<unknown> {
  let reply: unknown;
  try {
    reply = await ipcRenderer.invoke(channelOf(method), ...args);
  } catch (error) {
    const detail = error instanceof Error && error.message ? `：${error.message}` : '。';
    throw apiError('FAILED', `无法与年报主程序通信${detail}`);
  }
  return unwrap(reply);
}

// progress methods: one listener, requests told apart by their id
const progressListeners = new Map<number, (progress: ImportProgress) => void>();
let nextRequestId = 1;
ipcRenderer.on(PROGRESS_CHANNEL, (_event: unknown, id: unknown, progress: unknown) => {
  const listener = typeof id === 'number' ? progressListeners.get(id) : undefined;
  if (!listener) return;
  try {
    listener(progress as ImportProgress);
  } catch {
    // a failing progress display must not stop the operation
  }
});

async function invokeWithProgress(
  method: ApiMethod,
  payload: unknown,
  onProgress?: (progress: ImportProgress) => void,
  signal?: CancelSignal,
): Promise<unknown> {
  if (signal?.aborted === true) throw apiError('FAILED', '已取消。');
  const id = nextRequestId++;
  if (typeof onProgress === 'function') progressListeners.set(id, onProgress);
  try {
    // invoke sends at once; a cancel sent after it arrives after it (one ordered pipe)
    const pending = invoke(method, [payload, id]);
    if (signal && typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', () => ipcRenderer.send(CANCEL_CHANNEL, id), { once: true });
    }
    return await pending;
  } finally {
    progressListeners.delete(id);
  }
}

/** One function per API method, invoking its own channel (a progress method with its id). */
function methods(): { [M in ApiMethod]: NianbaoApi[M] } {
  const api: Partial<Record<ApiMethod, unknown>> = {};
  for (const m of API_METHODS) {
    api[m] = isProgressMethod(m)
      ? (payload: unknown, onProgress?: (p: ImportProgress) => void, signal?: CancelSignal) =>
          invokeWithProgress(m, payload, onProgress, signal)
      : (payload?: unknown) => invoke(m, [payload]);
  }
  return api as { [M in ApiMethod]: NianbaoApi[M] };
}

const api = methods() satisfies NianbaoApi;

const shell = {
  desktop: true,
  onMenu(callback: (action: MenuAction) => void): () => void {
    if (typeof callback !== 'function') throw new TypeError('onMenu 需要一个函数。');
    const listener = (_event: unknown, action: unknown) => {
      if (isMenuAction(action)) callback(action);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, listener);
    };
  },
} as const satisfies NianbaoShell;

contextBridge.exposeInMainWorld('nianbao', api);
contextBridge.exposeInMainWorld('nianbaoShell', shell);
