// The app:// protocol: the path guard (nothing outside dist/renderer can be named), content
// types and the Content-Security-Policy on every response.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentType,
  registerAppScheme,
  resolveAppPath,
  serveAppRequest,
} from '../../electron/main/protocol';

let base: string;
let root: string;

beforeAll(() => {
  // base/package.json and base/secret.txt beside base/renderer: what traversal would reach
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(base, 'package.json'), '{"secret":true}');
  fs.writeFileSync(path.join(base, 'renderer-evil.txt'), 'sibling');
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>年报</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'pdf.worker.mjs'), 'self.x = 1');
  fs.writeFileSync(path.join(root, 'assets', 'style.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', '年报.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'w');
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('resolves the files of the renderer', () => {
    expect(resolveAppPath('app://nianbao/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://nianbao/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://nianbao', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://nianbao/#/report/u1/2024', root)).toBe(
      path.join(root, 'index.html'),
    );
    expect(resolveAppPath('app://nianbao/assets/index-abc.js?v=1', root)).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath('app://nianbao/assets/%E5%B9%B4%E6%8A%A5.svg', root)).toBe(
      path.join(root, 'assets', '年报.svg'),
    );
    expect(resolveAppPath('app://nianbao//assets//style.css', root)).toBe(
      path.join(root, 'assets', 'style.css'),
    );
  });

  it.each([
    'app://nianbao/../package.json',
    'app://nianbao/assets/../../package.json',
    'app://nianbao/%2e%2e/%2e%2e/package.json',
    'app://nianbao/%2E%2E/package.json',
    'app://nianbao/.%2e/package.json',
    'app://nianbao/..%2f..%2fpackage.json',
    'app://nianbao/..%2F..%2Fpackage.json',
    'app://nianbao/%252e%252e/package.json',
    'app://nianbao/..\\package.json',
    'app://nianbao/assets\\..\\..\\package.json',
    'app://nianbao/..%5cpackage.json',
    'app://nianbao/..%5Cpackage.json',
    'app://nianbao/index.html%00.js',
    'app://nianbao/index.html\u0000',
    'app://nianbao/./index.html',
    'app://nianbao/assets/./style.css',
    'app://nianbao/%2fetc/passwd',
    'app://nianbao/C:/Windows/win.ini',
    'app://nianbao/C%3A%5CWindows%5Cwin.ini',
    'app://nianbao/%ZZ',
    'app://nianbao/../renderer-evil.txt',
    'app://evil/index.html',
    'app://NIANBAO/index.html',
    'app://nianbao.evil/index.html',
    'app://user@nianbao/index.html',
    'app://nianbao:80/index.html',
    'app:///index.html',
    'app:nianbao/index.html',
    'file:///etc/passwd',
    'https://nianbao/index.html',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });

  it('never resolves outside the root for any dotted, encoded or slashed path', () => {
    const parts = ['..', '.', '%2e', '%2E%2e', 'assets', '%2f', '/', '\\', 'package.json', '%5c'];
    for (const a of parts) {
      for (const b of parts) {
        for (const c of parts) {
          const resolved = resolveAppPath(`app://nianbao/${a}/${b}/${c}`, root);
          if (resolved !== null) {
            expect(path.relative(root, resolved).startsWith('..')).toBe(false);
            expect(resolved.startsWith(root + path.sep)).toBe(true);
          }
        }
      }
    }
  });
});

describe('serveAppRequest', () => {
  it('refuses a symbolic link that leads out of the folder, serves one that stays inside', async () => {
    fs.symlinkSync(path.join(base, 'package.json'), path.join(root, 'escape.json'));
    fs.symlinkSync(path.join(base), path.join(root, 'up'));
    fs.symlinkSync(path.join(root, 'index.html'), path.join(root, 'home.html'));
    const out = await serveAppRequest({ url: 'app://nianbao/escape.json', method: 'GET' }, root);
    expect(out.status).toBe(404);
    expect(await out.text()).not.toContain('secret');
    const dir = await serveAppRequest(
      { url: 'app://nianbao/up/package.json', method: 'GET' },
      root,
    );
    expect(dir.status).toBe(404);
    const inside = await serveAppRequest({ url: 'app://nianbao/home.html', method: 'GET' }, root);
    expect(inside.status).toBe(200);
    expect(await inside.text()).toContain('年报');
  });

  it('serves a file with its content type and the CSP', async () => {
    const r = await serveAppRequest({ url: 'app://nianbao/index.html', method: 'GET' }, root);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await r.text()).toBe('<!doctype html><title>年报</title>');

    const js = await serveAppRequest(
      { url: 'app://nianbao/assets/index-abc.js', method: 'GET' },
      root,
    );
    expect(js.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    const worker = await serveAppRequest(
      { url: 'app://nianbao/assets/pdf.worker.mjs', method: 'GET' },
      root,
    );
    expect(worker.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it('the CSP is the one the page states', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/u.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('answers 404 (with the CSP) for traversal, other hosts, folders and missing files', async () => {
    for (const url of [
      'app://nianbao/../package.json',
      'app://nianbao/%2e%2e/%2e%2e/package.json',
      'app://nianbao/..%2f..%2fpackage.json',
      'app://evil/index.html',
      'app://nianbao/assets',
      'app://nianbao/assets/',
      'app://nianbao/missing.js',
    ]) {
      const r = await serveAppRequest({ url, method: 'GET' }, root);
      expect(r.status, url).toBe(404);
      expect(r.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await r.text()).not.toContain('secret');
    }
  });

  it('HEAD has no body; other methods get 405', async () => {
    const head = await serveAppRequest({ url: 'app://nianbao/index.html', method: 'HEAD' }, root);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await serveAppRequest({ url: 'app://nianbao/index.html', method: 'POST' }, root);
    expect(post.status).toBe(405);
  });

  it('serves the real renderer build', async () => {
    const dist = path.resolve(__dirname, '../../dist/renderer');
    const r = await serveAppRequest({ url: 'app://nianbao/', method: 'GET' }, dist);
    expect(r.status).toBe(200);
    const html = await r.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/u.exec(html);
    expect(script).not.toBeNull();
    const js = await serveAppRequest({ url: `app://nianbao/${script![1]}`, method: 'GET' }, dist);
    expect(js.status).toBe(200);
    expect(js.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });
});

describe('scheme', () => {
  it('content types', () => {
    expect(contentType('a.css')).toBe('text/css; charset=utf-8');
    expect(contentType('a.WOFF2')).toBe('font/woff2');
    expect(contentType('a.svg')).toBe('image/svg+xml');
    expect(contentType('a.unknown')).toBe('application/octet-stream');
  });

  it('registers app: as standard, secure and fetch-capable', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => calls.push(s) });
    expect(calls).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
  });
});
