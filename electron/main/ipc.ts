/**
 * The main process's side of the IPC transport of the typed API: one `ipcMain.handle` per API
 * method on 'nianbao:<method>'. Each handler
 *   1. refuses a sender that is not our window's main frame showing app://nianbao/ (logged),
 *   2. validates the payload with core's zod schemas (`parsePayload`: INVALID, in Chinese) — the
 *      one validation on the way: the services behind trust it,
 *   3. calls the API and replies `{ ok: true, value }` or `{ ok: false, error: { code, message } }`
 *      — it never throws, because an error thrown across IPC loses its code (and Electron
 *      prefixes its message).
 * Progress methods take a request id chosen by the preload: progress goes back on
 * 'nianbao:progress' (id, progress); 'nianbao:cancel' (id) aborts the operation.
 *
 * `createIpcHandlers` is pure (structural types, no Electron) so it is unit-tested in Node;
 * `registerIpc` binds it to ipcMain.
 */
import type { IpcMain, IpcMainEvent } from 'electron';
import {
  API_ERROR_CODES,
  API_METHODS,
  ApiError,
  isProgressMethod,
  parsePayload,
  type ApiErrorCode,
  type ApiMethod,
  type ApiService,
  type CancelSignal,
  type ErrorEnvelope,
  type ImportProgress,
} from '../../core/api';
import {
  CANCEL_CHANNEL,
  PROGRESS_CHANNEL,
  channelOf,
  isAppUrl,
  isRequestId,
  type IpcReply,
} from './channels';

/** What the handlers need of a WebFrameMain. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/** What the handlers need of the sending WebContents. */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** What the handlers need of an IpcMainInvokeEvent / IpcMainEvent. */
export interface IpcEvent {
  readonly sender: IpcSender;
  readonly senderFrame: SenderFrame | null;
}

export type InvokeHandler = (
  event: IpcEvent,
  payload?: unknown,
  requestId?: unknown,
) => Promise<IpcReply>;

export interface IpcHandlers {
  /** Channel ('nianbao:<method>') → handler, one per API method. */
  readonly invoke: ReadonlyMap<string, InvokeHandler>;
  /** The 'nianbao:cancel' listener. */
  cancel(event: IpcEvent, requestId: unknown): void;
  /** Aborts every operation a window started (it closed or reloaded). */
  abortSender(senderId: number): void;
  /** Operations under way (progress methods), for tests and shutdown. */
  running(): number;
}

export type IpcLog = (message: string) => void;
const defaultLog: IpcLog = (message) => console.warn(`[年报] ${message}`);

/** The window whose main frame may call the API: its contents id and main frame. */
export interface TrustedWindow {
  readonly id: number;
  readonly mainFrame: Pick<SenderFrame, 'processId' | 'routingId'>;
}

/**
 * The sender check: the event comes from `getWindow()`'s web contents, from its main frame
 * (not an iframe, e.g. the PDF preview), and that frame shows our page (app://nianbao/…).
 */
export function trustedSenderCheck(
  getWindow: () => TrustedWindow | null,
): (event: IpcEvent) => boolean {
  return (event) => {
    const window = getWindow();
    const frame = event.senderFrame;
    if (!window || !frame) return false;
    return (
      event.sender.id === window.id &&
      frame.parent === null &&
      frame.processId === window.mainFrame.processId &&
      frame.routingId === window.mainFrame.routingId &&
      isAppUrl(frame.url)
    );
  };
}

const UNTRUSTED: IpcReply = {
  ok: false,
  error: { code: 'FAILED', message: '拒绝了来自未知页面的请求。' },
};

/** Any error as the reply's error: ApiError keeps its code and message. */
export function toIpcError(error: unknown): ErrorEnvelope {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  if (
    e &&
    e.name === 'ApiError' &&
    (API_ERROR_CODES as readonly unknown[]).includes(e.code) &&
    typeof e.message === 'string'
  ) {
    return { code: e.code as ApiErrorCode, message: e.message };
  }
  const detail = e && typeof e.message === 'string' && e.message ? `：${e.message}` : '。';
  return { code: 'FAILED', message: `操作失败，程序内部出错${detail}` };
}

type AnyMethod = (payload: unknown, onProgress?: unknown, signal?: unknown) => Promise<unknown>;

export function createIpcHandlers(
  api: ApiService,
  isTrustedSender: (event: IpcEvent) => boolean,
  log: IpcLog = defaultLog,
): IpcHandlers {
  /** `${senderId}:${requestId}` → the operation's controller. */
  const operations = new Map<string, AbortController>();
  const key = (senderId: number, requestId: number) => `${senderId}:${requestId}`;

  const handler = (method: ApiMethod): InvokeHandler => {
    const progress = isProgressMethod(method);
    const call = (api[method] as AnyMethod).bind(api);
    // Not async: the payload check and the cancel registration happen synchronously, before a
    // 'nianbao:cancel' sent right after the invoke (same pipe, in order) can arrive.
    return (event, payload, requestId) => {
      if (!isTrustedSender(event)) {
        log(
          `拒绝了 ${method} 请求：发送者不是年报窗口的主页面（${event.senderFrame?.url ?? '无'}）。`,
        );
        return Promise.resolve(UNTRUSTED);
      }
      let valid: unknown;
      try {
        valid = parsePayload(method, payload);
        if (progress && requestId !== undefined && !isRequestId(requestId)) {
          throw new ApiError('INVALID', '请求的数据无效：请求编号应为正整数。');
        }
      } catch (error) {
        return Promise.resolve({ ok: false, error: toIpcError(error) });
      }
      let running: Promise<unknown>;
      let opKey: string | null = null;
      let opController: AbortController | null = null;
      try {
        if (progress && isRequestId(requestId)) {
          const controller = new AbortController();
          opController = controller;
          opKey = key(event.sender.id, requestId);
          operations.get(opKey)?.abort();
          operations.set(opKey, controller);
          const sender = event.sender;
          const onProgress = (p: ImportProgress) => {
            if (controller.signal.aborted || sender.isDestroyed()) return;
            try {
              sender.send(PROGRESS_CHANNEL, requestId, p);
            } catch {
              // the window went away: nobody to tell
            }
          };
          const signal: CancelSignal = controller.signal;
          running = Promise.resolve(call(valid, onProgress, signal));
        } else {
          running = Promise.resolve(call(valid));
        }
      } catch (error) {
        running = Promise.reject(error);
      }
      const done = opKey;
      const doneController = opController;
      return running
        .then(
          (value): IpcReply => ({ ok: true, value }),
          (error: unknown): IpcReply => {
            const e = toIpcError(error);
            if (!(error instanceof ApiError)) log(`${method} 出错：${String(error)}`);
            return { ok: false, error: e };
          },
        )
        .finally(() => {
          if (done && operations.get(done) === doneController) operations.delete(done);
        });
    };
  };

  const invoke = new Map<string, InvokeHandler>(API_METHODS.map((m) => [channelOf(m), handler(m)]));

  return {
    invoke,
    cancel(event, requestId) {
      if (!isTrustedSender(event)) {
        log('拒绝了取消请求：发送者不是年报窗口的主页面。');
        return;
      }
      if (!isRequestId(requestId)) return;
      operations.get(key(event.sender.id, requestId))?.abort();
    },
    abortSender(senderId) {
      for (const [k, controller] of operations) {
        if (k.startsWith(`${senderId}:`)) controller.abort();
      }
    },
    running: () => operations.size,
  };
}

/**
 * The API before it exists: each call waits for `ready` (the archive opening while the window
 * loads). When the services could not be started at all, every call fails with the reason.
 */
export function deferApi(ready: Promise<ApiService>): ApiService {
  const failed = ready.then(
    () => null,
    (error: unknown) =>
      new ApiError(
        'FAILED',
        `年报的后台服务无法启动${error instanceof Error && error.message ? `：${error.message}` : '。'}`,
      ),
  );
  const deferred: Record<string, AnyMethod> = {};
  for (const m of API_METHODS) {
    deferred[m] = async (...args: unknown[]) => {
      const error = await failed;
      if (error) throw error;
      const api = await ready;
      return (api[m] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return deferred as unknown as ApiService;
}

/** What registerIpc needs of ipcMain. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;

/** Binds the handlers to ipcMain; returns what unregisters them. */
export function registerIpc(ipcMain: IpcMainLike, handlers: IpcHandlers): () => void {
  for (const [channel, handle] of handlers.invoke) {
    ipcMain.handle(channel, (event, payload?: unknown, requestId?: unknown) =>
      handle(event, payload, requestId),
    );
  }
  const onCancel = (event: IpcMainEvent, requestId?: unknown) => handlers.cancel(event, requestId);
  ipcMain.on(CANCEL_CHANNEL, onCancel);
  return () => {
    for (const channel of handlers.invoke.keys()) ipcMain.removeHandler(channel);
    ipcMain.removeListener(CANCEL_CHANNEL, onCancel);
  };
}
