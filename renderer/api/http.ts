/**
 * The HTTP transport of the typed API (browser mode): `POST /api/<method>` with a wire-JSON
 * body, authenticated by the HttpOnly cookie the first page load received. Methods that report
 * progress answer with NDJSON lines ({progress} … then {result} or {error}), read through
 * XMLHttpRequest (see `postStream`); cancelling aborts the request, which the bridge takes as
 * cancellation.
 */
import {
  API_METHODS,
  ApiError,
  errorCode,
  isProgressMethod,
  type CancelSignal,
  type ImportProgress,
  type NianbaoApi,
} from '../../core/api';
import { fromWire, toWire } from '../../core/wire';

function apiError(body: unknown, status: number): ApiError {
  const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
  const code = errorCode(e?.code);
  if (status === 401 || status === 403) {
    return new ApiError('FAILED', '浏览器模式的登录已失效，请使用启动时显示的链接重新打开。');
  }
  return new ApiError(code, e?.message ?? `请求失败（HTTP ${status}）。`);
}

async function post(method: string, payload: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: toWire(payload ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('FAILED', '无法连接到年报程序，请确认它仍在运行。');
  }
  const text = await response.text();
  const body = parseBody(text);
  if (!response.ok) throw apiError(body, response.status);
  return body;
}

function parseBody(text: string): unknown {
  try {
    return text ? fromWire(text) : null;
  } catch {
    return null;
  }
}

/**
 * A method that reports progress: its NDJSON lines are read as they come, through
 * XMLHttpRequest's progress events, and the call settles when the request has completed.
 *
 * Not `fetch` with a body reader: Chromium ends the body stream (the reader's `done`) when the
 * data has arrived, which can be before the network layer has reported the request complete;
 * the finished reader then releases the request and Chromium cancels it, logging
 * `net::ERR_ABORTED` for an import that succeeded (issue 13 item 19). An XMLHttpRequest keeps
 * its request until the load completes.
 */
function postStream(
  method: string,
  payload: unknown,
  onProgress?: (p: ImportProgress) => void,
  signal?: CancelSignal,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ApiError('FAILED', '已取消。'));
      return;
    }
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let outcome: { result: unknown } | { error: ApiError } | null = null;
    const streaming = () => (xhr.getResponseHeader('Content-Type') ?? '').includes('ndjson');
    const consume = () => {
      if (!streaming()) return;
      const text = xhr.responseText;
      let nl: number;
      while (outcome === null && (nl = text.indexOf('\n', seen)) >= 0) {
        const line = text.slice(seen, nl);
        seen = nl + 1;
        if (!line.trim()) continue;
        const message = fromWire(line) as {
          progress?: ImportProgress;
          result?: unknown;
          error?: unknown;
        };
        if (message.progress) onProgress?.(message.progress);
        else if ('result' in message) outcome = { result: message.result };
        else if (message.error) outcome = { error: apiError(message, 500) };
      }
    };
    // aborting a request that has completed does nothing
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.open('POST', `/api/${method}`);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onprogress = consume;
    xhr.onload = () => {
      if (!streaming()) {
        reject(apiError(parseBody(xhr.responseText), xhr.status));
        return;
      }
      consume();
      if (outcome === null) reject(new ApiError('FAILED', '与年报程序的连接中断了。'));
      else if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.result);
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          'FAILED',
          xhr.readyState >= XMLHttpRequest.HEADERS_RECEIVED
            ? '与年报程序的连接中断了。'
            : '无法连接到年报程序，请确认它仍在运行。',
        ),
      );
    xhr.onabort = () => reject(new ApiError('FAILED', '已取消。'));
    xhr.send(toWire(payload ?? {}));
  });
}

/** The typed API over HTTP: one function per method, nothing else. */
export function httpApi(): NianbaoApi {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    api[method] = isProgressMethod(method)
      ? (p: unknown, onProgress?: (p: ImportProgress) => void, signal?: CancelSignal) =>
          postStream(method, p, onProgress, signal)
      : (p: unknown) => post(method, p);
  }
  return api as unknown as NianbaoApi;
}
