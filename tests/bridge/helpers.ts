/**
 * Helpers for the HTTP bridge tests: a raw HTTP client (node:http, so that Host, Origin and
 * request paths go out exactly as written), a static folder with a secret file beside it, a spy
 * API, and a bridge over a real archive. Everything is closed and removed after the test.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { API_METHODS, type ApiService, type NianbaoApi } from '../../core/api';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { composeService, createPdfRenderer } from '../../electron/services/pdf/service';
import { createBridge, type Bridge, type BridgeOptions } from '../../electron/bridge/server';

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

export interface RequestOptions {
  readonly method?: string;
  /** Sent verbatim (no normalisation of `..`). */
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Host header; default `127.0.0.1:<port>`. null: none. */
  readonly host?: string | null;
}

/** One request to 127.0.0.1:port; resolves with the whole reply. */
export function request(port: number, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    const given = Object.keys(headers).some((h) => h.toLowerCase() === 'host');
    if (options.host !== null && (options.host !== undefined || !given)) {
      headers['Host'] = options.host ?? `127.0.0.1:${port}`;
    }
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The cookie header value for a bridge's session (what its link is exchanged for). */
export function cookieOf(bridge: Bridge): string {
  return `nianbao_token=${bridge.session}`;
}

/** A POST to the API with the cookie, JSON content type and the given wire text. */
export function post(
  bridge: Bridge,
  method: string,
  body: string | Buffer = '{}',
  headers: Record<string, string> = {},
): Promise<Reply> {
  return request(bridge.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { Cookie: cookieOf(bridge), 'Content-Type': 'application/json', ...headers },
    body,
  });
}

/** A fresh empty folder, removed after the test. */
export function tempFolder(prefix = 'nianbao-bridge-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const SECRET = 'SECRET-d0b1e9-must-never-be-served';

export interface Site {
  /** The static folder served. */
  readonly www: string;
  /** Files of the static folder (name → content). */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * dir/package.json and dir/site/package.json hold SECRET; dir/site/www is served: index.html,
 * assets of every content type, and a link to the secret (which must not be followed).
 */
export function makeSite(): Site {
  const dir = tempFolder();
  const site = path.join(dir, 'site');
  const www = path.join(site, 'www');
  fs.mkdirSync(path.join(www, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), SECRET);
  fs.writeFileSync(path.join(site, 'package.json'), SECRET);
  fs.writeFileSync(path.join(site, 'www-secret.txt'), SECRET);
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>t</title><nb-app></nb-app>',
    'assets/app.js': 'console.log(1);',
    'assets/app.mjs': 'export {};',
    'assets/app.css': 'body{}',
    'assets/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'assets/icon.png': 'png',
    'assets/font.woff2': 'woff2',
    'assets/data.json': '{}',
    'assets/code.wasm': 'wasm',
    'assets/app.js.map': '{}',
    'assets/blob.bin': 'bin',
  };
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(www, name), content);
  }
  fs.writeFileSync(path.join(www, '.hidden'), SECRET);
  fs.symlinkSync(path.join(site, 'www-secret.txt'), path.join(www, 'assets', 'link.txt'));
  return { www, files };
}

export interface SpyApi {
  readonly api: NianbaoApi;
  /** Every call: method and payload. */
  readonly calls: { method: string; payload: unknown }[];
}

/** An API whose methods record their calls and answer `answer(method, payload)` (default {}). */
export function spyApi(
  answer: (method: string, payload: unknown, ...rest: unknown[]) => unknown = () => ({}),
): SpyApi {
  const calls: { method: string; payload: unknown }[] = [];
  const api = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      async (payload: unknown, ...rest: unknown[]) => {
        calls.push({ method, payload });
        return answer(method, payload, ...rest);
      },
    ]),
  ) as unknown as NianbaoApi;
  return { api, calls };
}

/** A bridge on a random port, closed after the test. */
export async function startBridge(
  options: Omit<BridgeOptions, 'staticDir'> & { staticDir?: string },
): Promise<Bridge> {
  const bridge = await createBridge({
    staticDir: options.staticDir ?? makeSite().www,
    log: () => {},
    ...options,
  });
  onTestFinished(() => bridge.close());
  return bridge;
}

/** The whole API over a new archive in this process (bundled fonts), closed after the test. */
export async function archiveApi(): Promise<{ api: ApiService; file: string }> {
  const dir = tempFolder('nianbao-bridge-archive-');
  const file = path.join(dir, 'archive.sqlite');
  const connection = await openArchiveInProcess(file);
  const renderer = createPdfRenderer({ fontDirs: [] });
  onTestFinished(async () => {
    await connection.close();
    await renderer.close();
  });
  if (connection.openError) throw connection.openError;
  return { api: composeService(connection, renderer), file };
}
