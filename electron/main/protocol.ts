/**
 * The window's page is served from app://nianbao/… (a standard, secure scheme, so relative
 * URLs, fetch, workers and the same-origin policy behave as on https), read from dist/renderer
 * and nowhere else. `resolveAppPath` is the guard: a URL whose decoded, normalised path would
 * leave the folder, or that is odd in any way (another host, a backslash, NUL, an encoded dot
 * segment), gets a 404, and so does a file whose real path (symbolic links resolved) lies
 * outside the folder. Every response carries the Content-Security-Policy.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentType } from '../services/ui-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'nianbao';

export { CONTENT_SECURITY_POLICY, contentType };

/** Registers the scheme's privileges; must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/**
 * The file an app:// URL names inside `rootDir`, or null (→ 404). `app://nianbao/` is the
 * index page; query and fragment are ignored.
 */
export function resolveAppPath(url: string, rootDir: string): string | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  const m = /^app:\/\/([^/?#]*)([^?#]*)/iu.exec(url);
  if (!m) return null;
  if (m[1] !== APP_HOST) return null;
  const rawPath = m[2] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return null;
  // backslashes (a separator on Windows), NUL, encoded separators and dots are refused as written
  if (/[\\\0]|%5c|%00|%2f|%2e/iu.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // after decoding: no control characters, no drive letters or streams (':'), no backslash, and
  // no '%' left (a double-encoded name: the build has no file with '%' in its name)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:%]/u.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const full = path.resolve(root, relative);
  const rel = path.relative(root, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

function headers(type: string | null): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...(type ? { 'Content-Type': type } : {}),
  };
}

function notFound(): Response {
  return new Response('未找到。', {
    status: 404,
    headers: headers('text/plain; charset=utf-8'),
  });
}

/**
 * Answers one request of the app scheme from `rootDir`: GET and HEAD of a file inside it, with
 * its content type and the CSP; 404 for anything else it could name; 405 for other methods.
 */
export async function serveAppRequest(
  request: { readonly url: string; readonly method: string },
  rootDir: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...headers(null), Allow: 'GET, HEAD' } });
  }
  const file = resolveAppPath(request.url, rootDir);
  if (!file) return notFound();
  let body: Buffer;
  try {
    // a symbolic link (or junction) inside the folder must not lead out of it
    const [realRoot, realFile] = await Promise.all([
      fs.realpath(path.resolve(rootDir)),
      fs.realpath(file),
    ]);
    const rel = path.relative(realRoot, realFile);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return notFound();
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) return notFound();
    body = await fs.readFile(realFile);
  } catch {
    return notFound();
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...headers(contentType(file)), 'Content-Length': String(body.length) },
  });
}

/** protocol.handle('app', …) serving `rootDir` (call once the app is ready). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir));
}
