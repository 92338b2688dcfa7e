/**
 * The HTTP transport of the typed API (browser mode): `POST /api/<method>` with a wire-JSON
 * body, authenticated by the HttpOnly cookie the first page load received. Methods that report
 * progress answer with NDJSON lines ({progress} … then {result} or {error}); cancelling aborts
 * the request, which the bridge takes as cancellation.
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

async function post(
  method: string,
  payload: unknown,
  onProgress?: (p: ImportProgress) => void,
  signal?: CancelSignal,
): Promise<unknown> {
  const controller = new AbortController();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', () => controller.abort(), { once: true });
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: toWire(payload ?? {}),
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch {
    throw new ApiError(
      'FAILED',
      controller.signal.aborted ? '已取消。' : '无法连接到年报程序，请确认它仍在运行。',
    );
  }
  const streaming = (response.headers.get('Content-Type') ?? '').includes('ndjson');
  if (!streaming) {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? fromWire(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) throw apiError(body, response.status);
    return body;
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new ApiError(
        'FAILED',
        controller.signal.aborted ? '已取消。' : '与年报程序的连接中断了。',
      );
    }
    if (chunk.value) buffer += decoder.decode(chunk.value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const message = fromWire(line) as {
        progress?: ImportProgress;
        result?: unknown;
        error?: unknown;
      };
      if (message.progress) onProgress?.(message.progress);
      else if ('result' in message) return finish(reader, message.result);
      else if (message.error) throw apiError(message, 500);
    }
    if (chunk.done) throw new ApiError('FAILED', '与年报程序的连接中断了。');
  }
}

/**
 * The result has come: read the stream to its end (the bridge closes it right after) so that
 * the request completes — a response left half-read is aborted later (the import dialog's
 * 取消 controller, leaving the page) and Chromium logs `net::ERR_ABORTED` for it.
 */
async function finish(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  result: unknown,
): Promise<unknown> {
  try {
    while (!(await reader.read()).done) {
      // nothing follows the result
    }
  } catch {
    // the result is in hand; a connection closed early changes nothing
  }
  return result;
}

/** The typed API over HTTP: one function per method, nothing else. */
export function httpApi(): NianbaoApi {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    api[method] = isProgressMethod(method)
      ? (p: unknown, onProgress?: (p: ImportProgress) => void, signal?: CancelSignal) =>
          post(method, p, onProgress, signal)
      : (p: unknown) => post(method, p);
  }
  return api as unknown as NianbaoApi;
}
