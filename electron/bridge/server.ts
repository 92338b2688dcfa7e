/**
 * The HTTP bridge (browser mode): a plain Node `http` server on 127.0.0.1 that serves the
 * renderer's static build and the typed API as `POST /api/<method>` (the protocol of
 * renderer/api/http.ts). No Electron here.
 *
 * Every request is checked, before any routing, in this order:
 *   1. the Host header names this server (`127.0.0.1:<port>` or `localhost:<port>`), else 403 —
 *      a web page cannot reach the bridge through a DNS name it rebinds to 127.0.0.1;
 *   2. authentication: the HttpOnly cookie `nianbao_token` set at the first page load, or — only
 *      for `GET /` and `GET /index.html` — `?token=` from the link printed at start, answered with
 *      a 303 to `/` that sets the cookie. Missing → 401, wrong → 403;
 *   3. for `/api/*`: POST only (405), a same-origin `Origin` when one is sent (403; also a
 *      cross-site `Sec-Fetch-Site`), `Content-Type: application/json` (415).
 * Then the API: unknown method 404, body over 300 MB 413, bad JSON 400, payload validated with
 * `parsePayload` (400), result as wire JSON; methods that report progress answer NDJSON and are
 * cancelled when the client goes away. Every response carries the security headers below.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  API_METHODS,
  ApiError,
  PROGRESS_METHODS,
  parsePayload,
  type ApiErrorCode,
  type ApiMethod,
  type ApiService,
  type ImportProgress,
} from '../../core/api';
import { fromWire, toWire } from '../../core/wire';
import { internalErrorMessage, logError } from '../services/log';
import { CONTENT_SECURITY_POLICY as UI_POLICY, contentType } from '../services/ui-files';

export const COOKIE_NAME = 'nianbao_token';
/**
 * The largest request body: a folder of .docx files sent by importUpload, or of exchange files
 * sent by importExchange (base64 in JSON).
 */
export const MAX_BODY_BYTES = 300 * 1024 * 1024;
/**
 * The largest body of every other method: a report with every text at its limit is far
 * smaller than a real one could ever be (core/model.ts TEXT_LIMITS).
 */
export const MAX_CALL_BYTES = 16 * 1024 * 1024;

/** The renderer's policy, and no framing of the page by any other site. */
export const CONTENT_SECURITY_POLICY = `${UI_POLICY}; frame-ancestors 'none'`;

/** Sent with every response, errors and redirects included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export { contentType };

const STATUS_OF: Partial<Record<ApiErrorCode, number>> = {
  INVALID: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 409,
  BUSY: 503,
  // the archive's state, not a fault of the program: never a 500
  NOT_ARCHIVE: 422,
  CORRUPT: 422,
  NEWER_VERSION: 409,
};

/** The HTTP status of an API error code. */
export function statusOf(code: ApiErrorCode): number {
  return STATUS_OF[code] ?? 500;
}

const MESSAGES = {
  noToken: '未登录：请使用年报程序启动时显示的链接（http://127.0.0.1:…/?token=…）打开浏览器模式。',
  badToken: '链接或登录已失效（年报程序可能已重新启动）：请使用这次启动时显示的链接重新打开。',
  usedToken:
    '这个链接已经用过，不能再次使用。请回到已打开的年报页面；如需在另一个浏览器中打开，请再次运行 npm start（或 node dist/bridge.cjs），它会显示一个新链接。',
  badHost: '拒绝访问：请直接使用年报程序启动时显示的链接（127.0.0.1）打开。',
  badOrigin: '拒绝访问：请求不是来自年报的页面。',
  notFound: '找不到这个页面。',
  badPath: '请求的路径无效。',
  methodNotAllowed: '不支持这种请求方式。',
  unsupportedType: '请求的数据格式应为 JSON（Content-Type: application/json）。',
  badJson: '请求的数据不是有效的 JSON。',
  unknownMethod: '没有这个接口。',
  internal: internalErrorMessage(),
} as const;

export interface BridgeOptions {
  /** The API; each payload is validated here first (`parsePayload`), the only time on the way. */
  readonly api: ApiService;
  /** The renderer's build (dist/renderer): index.html and assets/. */
  readonly staticDir: string;
  readonly host?: '127.0.0.1';
  /** 0 (default): a free port chosen by the system. */
  readonly port?: number;
  /** The largest request body accepted (default MAX_BODY_BYTES, 300 MB). */
  readonly maxBodyBytes?: number;
  /**
   * Called with the new link when the link was used (exchanged for the session): the bridge's
   * main records it in the lock file, where a second start on the archive finds it.
   */
  readonly onNewLink?: (url: string) => void;
  /** Where internal errors are logged (stacks stay here, never in a response). Default: the log file in the data folder (nianbao.log). */
  readonly log?: (message: string) => void;
}

export interface Bridge {
  /** What the user opens: `http://127.0.0.1:PORT/?token=…`, good for one use. */
  readonly url: string;
  readonly port: number;
  /** The link's one-time token (changes once it was used). */
  readonly token: string;
  /** The session secret the link is exchanged for (the cookie's value): never in a link. */
  readonly session: string;
  /** A new one-time link (the previous unused one stops working). */
  newLink(): string;
  /** Stops listening and drops every connection (running imports are cancelled). */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Names of a method of the API (own keys only: never `constructor` or `__proto__`). */
const METHODS = new Set<string>(API_METHODS);
const STREAMING = new Set<string>(PROGRESS_METHODS);

/**
 * The file a request path names inside `root` (an absolute, real path), or the status that
 * refuses it: 400 undecodable, 403 anything that could leave the folder (`..`, encoded or not,
 * backslashes, NUL, drive letters), 404 hidden files. `/` is index.html.
 */
export function staticFile(root: string, rawPath: string): string | 400 | 403 | 404 {
  if (!rawPath.startsWith('/')) return 400;
  if (rawPath.includes('\\') || /%5c|%00/iu.test(rawPath)) return 403;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 400;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 403;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return 403;
  if (segments.some((s) => s.startsWith('.'))) return 404;
  const relative = decoded === '/' ? 'index.html' : segments.filter((s) => s !== '').join('/');
  if (!relative) return 404;
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return 403;
  return file;
}

function sameToken(candidate: string | undefined | null, token: Buffer): boolean {
  if (!candidate) return false;
  const given = Buffer.from(candidate, 'utf8');
  // the length of a token is no secret; timingSafeEqual needs equal lengths
  if (given.length !== token.length) return false;
  return timingSafeEqual(given, token);
}

/** Every value the Cookie header gives `name` (a browser may send more than one). */
function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The request body, refused (413) past `limit` bytes. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(
      413,
      `发送的内容太大（最多 ${Math.floor(limit / 1024 / 1024)} MB），没有保存。导入文件时请分几次导入。`,
    );
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return; // refused: the rest is read and dropped
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        fail(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new Error('request aborted')));
  });
}

/** The request body as wire JSON (empty: null); 400 when it is not JSON. */
async function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0) return null;
  try {
    return fromWire(body.toString('utf8'));
  } catch {
    throw new HttpError(400, MESSAGES.badJson);
  }
}

/** Starts the bridge on 127.0.0.1 and resolves once it listens. */
export async function createBridge(options: BridgeOptions): Promise<Bridge> {
  const { api } = options;
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('the bridge listens on 127.0.0.1 only');
  const log = options.log ?? ((message: string) => logError('bridge', message));
  const root = fs.realpathSync(path.resolve(options.staticDir));
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  // the link's token is good for one page load, which exchanges it for the session secret;
  // a used token is refused (a link seen in a history, a log or over a shoulder is worthless)
  let token = randomBytes(32).toString('base64url');
  let tokenBytes = Buffer.from(token, 'utf8');
  const session = randomBytes(32).toString('base64url');
  const sessionBytes = Buffer.from(session, 'utf8');
  const used = new Set<string>();
  let port = 0;
  const linkOf = () => `http://127.0.0.1:${port}/?token=${token}`;
  const rotate = () => {
    used.add(token);
    token = randomBytes(32).toString('base64url');
    tokenBytes = Buffer.from(token, 'utf8');
    return linkOf();
  };

  const headers = (extra: Record<string, string | number> = {}) => ({
    ...SECURITY_HEADERS,
    ...extra,
  });

  function send(
    res: http.ServerResponse,
    status: number,
    type: string,
    body: string,
    extra: Record<string, string | number> = {},
  ): void {
    if (res.headersSent || res.destroyed) {
      res.end();
      return;
    }
    res.writeHead(
      status,
      headers({
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        ...extra,
      }),
    );
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  /** An error as the API's client reads it: `{"error":{"code","message"}}`. */
  function sendApiError(
    res: http.ServerResponse,
    status: number,
    code: ApiErrorCode,
    message: string,
    extra: Record<string, string | number> = {},
  ): void {
    send(
      res,
      status,
      'application/json; charset=utf-8',
      toWire({ error: { code, message } }),
      extra,
    );
  }

  /** A refusal: JSON for the API, a short page for the rest. */
  function refuse(
    res: http.ServerResponse,
    isApi: boolean,
    status: number,
    message: string,
    extra: Record<string, string | number> = {},
  ): void {
    if (isApi) {
      sendApiError(res, status, status === 400 ? 'INVALID' : 'FAILED', message, extra);
      return;
    }
    const page =
      '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>年报</title>' +
      `<p>${message}</p></html>\n`;
    send(res, status, 'text/html; charset=utf-8', page, extra);
  }

  /** The wire form of an error; logs the stack of anything but an ApiError. */
  function errorOf(
    error: unknown,
    method: string,
  ): { status: number; code: ApiErrorCode; message: string } {
    if (error instanceof ApiError) {
      return { status: statusOf(error.code), code: error.code, message: error.message };
    }
    log(
      `[bridge] ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return { status: 500, code: 'FAILED', message: MESSAGES.internal };
  }

  async function serveStatic(res: http.ServerResponse, rawPath: string): Promise<void> {
    const resolved = staticFile(root, rawPath);
    if (typeof resolved === 'number') {
      refuse(res, false, resolved, resolved === 404 ? MESSAGES.notFound : MESSAGES.badPath);
      return;
    }
    let stat: fs.Stats;
    let real: string;
    try {
      real = await fs.promises.realpath(resolved);
      stat = await fs.promises.stat(real);
    } catch {
      refuse(res, false, 404, MESSAGES.notFound);
      return;
    }
    // a link inside the build that points outside it is not followed
    if (!real.startsWith(root + path.sep) || !stat.isFile()) {
      refuse(res, false, 404, MESSAGES.notFound);
      return;
    }
    const isIndex = real === path.join(root, 'index.html');
    res.writeHead(
      200,
      headers({
        'Content-Type': contentType(real),
        'Content-Length': stat.size,
        'Cache-Control': isIndex ? 'no-store' : 'no-cache',
      }),
    );
    if (res.req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(real);
    stream.on('error', (error) => {
      log(`[bridge] reading ${real}: ${error.message}`);
      res.destroy();
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  async function serveApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
  ): Promise<void> {
    if (!METHODS.has(method)) {
      // the body is dropped (Node reads it to keep the connection usable)
      sendApiError(res, 404, 'NOT_FOUND', `${MESSAGES.unknownMethod}（${method.slice(0, 100)}）`);
      return;
    }
    let raw: unknown;
    try {
      raw = await readJson(
        req,
        method === 'importUpload' || method === 'importExchange'
          ? maxBody
          : Math.min(maxBody, MAX_CALL_BYTES),
      );
    } catch (error) {
      if (error instanceof HttpError) {
        const extra: Record<string, string> = error.status === 413 ? { Connection: 'close' } : {};
        sendApiError(res, error.status, 'INVALID', error.message, extra);
      } else {
        res.destroy(); // the client went away while sending
      }
      return;
    }
    let payload: unknown;
    try {
      payload = parsePayload(method as ApiMethod, raw);
    } catch (error) {
      const e = errorOf(error, method);
      sendApiError(res, e.status, e.code, e.message);
      return;
    }
    const call = api[method as ApiMethod] as (
      p: unknown,
      onProgress?: (p: ImportProgress) => void,
      signal?: AbortSignal,
    ) => Promise<unknown>;

    if (!STREAMING.has(method)) {
      let result: unknown;
      try {
        result = await call.call(api, payload);
      } catch (error) {
        const e = errorOf(error, method);
        sendApiError(res, e.status, e.code, e.message);
        return;
      }
      send(res, 200, 'application/json; charset=utf-8', toWire(result ?? null));
      return;
    }

    // NDJSON: {"progress":…} lines, then one {"result":…} or {"error":…} line
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    res.writeHead(
      200,
      headers({
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Cache-Control': 'no-store',
      }),
    );
    res.flushHeaders();
    const line = (value: unknown) => {
      if (!res.destroyed && !res.writableEnded) res.write(`${toWire(value)}\n`);
    };
    try {
      const result = await call.call(
        api,
        payload,
        (progress) => line({ progress }),
        controller.signal,
      );
      line({ result: result ?? null });
    } catch (error) {
      const e = errorOf(error, method);
      line({ error: { code: e.code, message: e.message } });
    }
    if (!res.destroyed) res.end();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = req.url ?? '';
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    const isApi = rawPath === '/api' || rawPath.startsWith('/api/');

    // 1. the Host header names this server (DNS rebinding)
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      refuse(res, isApi, 403, MESSAGES.badHost);
      return;
    }

    // 2. authentication: the link's token (first page load only), then the cookie
    const isPage = rawPath === '/' || rawPath === '/index.html';
    if (isPage && (req.method === 'GET' || req.method === 'HEAD') && query.has('token')) {
      if (!sameToken(query.get('token'), tokenBytes)) {
        const replay = used.has(query.get('token') ?? '');
        refuse(res, false, 403, replay ? MESSAGES.usedToken : MESSAGES.badToken);
        return;
      }
      const next = rotate();
      try {
        options.onNewLink?.(next);
      } catch (error) {
        log(`[bridge] recording the new link: ${String(error)}`);
      }
      send(res, 303, 'text/plain; charset=utf-8', '', {
        Location: '/',
        'Set-Cookie': `${COOKIE_NAME}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return;
    }
    const cookies = cookieValues(req.headers.cookie, COOKIE_NAME);
    if (cookies.length === 0) {
      refuse(res, isApi, 401, MESSAGES.noToken);
      return;
    }
    if (!cookies.some((c) => sameToken(c, sessionBytes))) {
      refuse(res, isApi, 403, MESSAGES.badToken);
      return;
    }

    if (!rawPath.startsWith('/')) {
      refuse(res, isApi, 400, MESSAGES.badPath);
      return;
    }

    // 3. the API: POST, same origin, JSON
    if (isApi) {
      if (req.method !== 'POST') {
        refuse(res, true, 405, MESSAGES.methodNotAllowed, { Allow: 'POST' });
        return;
      }
      const origin = req.headers.origin;
      if (
        origin !== undefined &&
        origin !== `http://127.0.0.1:${port}` &&
        origin !== `http://localhost:${port}`
      ) {
        refuse(res, true, 403, MESSAGES.badOrigin);
        return;
      }
      const site = req.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site') {
        refuse(res, true, 403, MESSAGES.badOrigin);
        return;
      }
      if (mediaType(req.headers['content-type']) !== 'application/json') {
        refuse(res, true, 415, MESSAGES.unsupportedType);
        return;
      }
      await serveApi(req, res, rawPath.slice('/api/'.length));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, false, 405, MESSAGES.methodNotAllowed, { Allow: 'GET, HEAD' });
      return;
    }
    await serveStatic(res, rawPath);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[bridge] ${req.method} ${req.url}: ${error instanceof Error ? error.stack : error}`);
      if (!res.headersSent) sendApiError(res, 500, 'FAILED', MESSAGES.internal);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    get url() {
      return linkOf();
    },
    port,
    get token() {
      return token;
    },
    session,
    newLink() {
      const link = rotate();
      options.onNewLink?.(link);
      return link;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
