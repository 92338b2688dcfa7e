// The HTTP bridge's gate (electron/bridge/server.ts): Host check (DNS rebinding), the token
// link and the HttpOnly cookie, same-origin JSON POSTs for the API, the static folder's
// path-traversal guard, content types and the security headers on every response. A spy API
// proves that a refused request never reaches the API.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, staticFile } from '../../electron/bridge/server';
import { SECRET, cookieOf, makeSite, post, request, spyApi, startBridge } from './helpers';

const HAN = /\p{Script=Han}/u;

function expectSecurityHeaders(headers: http.IncomingHttpHeaders): void {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self';");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
}

describe('authentication', () => {
  it('answers 401 without a cookie or token, on pages, assets and the API, and calls nothing', async () => {
    const spy = spyApi();
    const bridge = await startBridge({ api: spy.api });
    for (const p of ['/', '/index.html', '/assets/app.js', '/nothing-here']) {
      const r = await request(bridge.port, { path: p });
      expect(r.status, p).toBe(401);
      expect(r.text).toMatch(HAN);
      expect(r.text).toContain('链接');
      expectSecurityHeaders(r.headers);
    }
    const api = await request(bridge.port, {
      method: 'POST',
      path: '/api/listUnits',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.text).error.message).toMatch(HAN);
    // a cookie of another name is no cookie
    const other = await request(bridge.port, { path: '/', headers: { Cookie: 'token=x' } });
    expect(other.status).toBe(401);
    expect(spy.calls).toEqual([]);
  });

  it('answers 403 to a wrong cookie or a wrong ?token=', async () => {
    const spy = spyApi();
    const bridge = await startBridge({ api: spy.api });
    const wrong = bridge.token.slice(0, -1) + (bridge.token.endsWith('A') ? 'B' : 'A');
    for (const cookie of [`nianbao_token=${wrong}`, 'nianbao_token=', 'nianbao_token=short']) {
      const page = await request(bridge.port, { path: '/', headers: { Cookie: cookie } });
      expect(page.status, cookie).toBe(403);
      expect(page.text).toMatch(HAN);
      const api = await post(bridge, 'listUnits', '{}', { Cookie: cookie });
      expect(api.status, cookie).toBe(403);
    }
    for (const token of [wrong, '', 'x', `${bridge.token}x`]) {
      const r = await request(bridge.port, { path: `/?token=${encodeURIComponent(token)}` });
      expect(r.status, token).toBe(403);
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    expect(spy.calls).toEqual([]);
  });

  it('turns the link token into an HttpOnly SameSite=Strict cookie with a 303, then the cookie works', async () => {
    const spy = spyApi((method) => (method === 'listUnits' ? [] : {}));
    const bridge = await startBridge({ api: spy.api });
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
    // 32 random bytes, base64url
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/u);

    for (const page of ['/', '/index.html']) {
      const token = bridge.token;
      const r = await request(bridge.port, { path: `${page}?token=${token}` });
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe('/');
      expectSecurityHeaders(r.headers);
      const cookie = r.headers['set-cookie']![0]!;
      const parts = cookie.split(';').map((s) => s.trim());
      // a separate session secret, not the link's token
      expect(parts[0]).toBe(`nianbao_token=${bridge.session}`);
      expect(bridge.session).not.toBe(token);
      // the link works once (issue 17, item 12): a replay is refused, sets no cookie
      const replay = await request(bridge.port, { path: `${page}?token=${token}` });
      expect(replay.status).toBe(403);
      expect(replay.text).toContain('已经用过');
      expect(replay.headers['set-cookie']).toBeUndefined();
      // nor does the used token work as a cookie
      const asCookie = await request(bridge.port, {
        path: '/',
        headers: { Cookie: `nianbao_token=${token}` },
      });
      expect(asCookie.status).toBe(403);
      expect(parts).toContain('HttpOnly');
      expect(parts).toContain('SameSite=Strict');
      expect(parts).toContain('Path=/');
      expect(parts.map((s) => s.toLowerCase())).not.toContain('secure');
    }
    // a new link printed on request works, once
    const link = new URL(bridge.newLink());
    expect(link.searchParams.get('token')).toBe(bridge.token);
    expect((await request(bridge.port, { path: `/${link.search}` })).status).toBe(303);
    // the token only works on the page, not on assets or the API
    const asset = await request(bridge.port, { path: `/assets/app.js?token=${bridge.token}` });
    expect(asset.status).toBe(401);
    const apiByToken = await request(bridge.port, {
      method: 'POST',
      path: `/api/listUnits?token=${bridge.token}`,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(apiByToken.status).toBe(401);
    expect(spy.calls).toEqual([]);

    const cookie = cookieOf(bridge);
    const page = await request(bridge.port, { path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<nb-app>');
    // among other cookies, and a stale one of an earlier run beside it
    const mixed = await request(bridge.port, {
      path: '/assets/app.js',
      headers: { Cookie: `a=1; nianbao_token=old; ${cookie}; b=2` },
    });
    expect(mixed.status).toBe(200);
    const api = await post(bridge, 'listUnits');
    expect(api.status).toBe(200);
    expect(JSON.parse(api.text)).toEqual([]);
    expect(spy.calls.map((c) => c.method)).toEqual(['listUnits']);
  });

  it('refuses a foreign Host header (DNS rebinding) even with a valid cookie', async () => {
    const spy = spyApi();
    const bridge = await startBridge({ api: spy.api });
    const cookie = cookieOf(bridge);
    for (const host of [
      `evil.example:${bridge.port}`,
      'evil.example',
      '127.0.0.1',
      `127.0.0.1:${bridge.port + 1}`,
      `127.0.0.1.evil.example:${bridge.port}`,
      `[::1]:${bridge.port}`,
      '',
    ]) {
      const page = await request(bridge.port, { path: '/', host, headers: { Cookie: cookie } });
      expect(page.status, host).toBe(403);
      expectSecurityHeaders(page.headers);
      const token = await request(bridge.port, { path: `/?token=${bridge.token}`, host });
      expect(token.status, host).toBe(403);
      expect(token.headers['set-cookie']).toBeUndefined();
      const api = await post(bridge, 'listUnits', '{}', { Host: host });
      expect(api.status, host).toBe(403);
    }
    const none = await request(bridge.port, { path: '/', host: null, headers: { Cookie: cookie } });
    // Node itself refuses an HTTP/1.1 request without Host (400) before the bridge sees it
    expect([400, 403]).toContain(none.status);
    expect(none.text).not.toContain('<nb-app>');
    expect(spy.calls).toEqual([]);
    // localhost:<port> is this server too
    const local = await request(bridge.port, {
      path: '/',
      host: `localhost:${bridge.port}`,
      headers: { Cookie: cookie },
    });
    expect(local.status).toBe(200);
  });
});

describe('the API gate', () => {
  it('refuses a foreign Origin and a cross-site fetch, accepts its own origin', async () => {
    const spy = spyApi(() => []);
    const bridge = await startBridge({ api: spy.api });
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${bridge.port}`,
      `http://127.0.0.1:${bridge.port + 1}`,
      `https://127.0.0.1:${bridge.port}`,
      'null',
    ]) {
      const r = await post(bridge, 'listUnits', '{}', { Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.text).error.message).toMatch(HAN);
    }
    const crossSite = await post(bridge, 'listUnits', '{}', { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(spy.calls).toEqual([]);

    for (const origin of [`http://127.0.0.1:${bridge.port}`, `http://localhost:${bridge.port}`]) {
      const r = await post(bridge, 'listUnits', '{}', {
        Origin: origin,
        'Sec-Fetch-Site': 'same-origin',
      });
      expect(r.status, origin).toBe(200);
    }
    expect(spy.calls).toHaveLength(2);
  });

  it('allows only POST (405) with a JSON body (415)', async () => {
    const spy = spyApi();
    const bridge = await startBridge({ api: spy.api });
    const cookie = cookieOf(bridge);
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const r = await request(bridge.port, {
        method,
        path: '/api/listUnits',
        headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe('POST');
      expectSecurityHeaders(r.headers);
    }
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
    ]) {
      const r = await post(bridge, 'listUnits', '{}', { 'Content-Type': type });
      expect(r.status, type).toBe(415);
      expect(JSON.parse(r.text).error.message).toMatch(HAN);
    }
    const none = await request(bridge.port, {
      method: 'POST',
      path: '/api/listUnits',
      headers: { Cookie: cookie },
      body: '{}',
    });
    expect(none.status).toBe(415);
    expect(spy.calls).toEqual([]);
    // parameters of the media type are fine
    const charset = await post(bridge, 'listUnits', '{}', {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(200);
  });

  it('refuses a body over the limit with 413 and a Chinese message, before calling the API', async () => {
    const spy = spyApi();
    const bridge = await startBridge({ api: spy.api, maxBodyBytes: 1000 });
    // declared too large: refused before reading
    const declared = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          method: 'POST',
          path: '/api/importUpload',
          headers: {
            Cookie: cookieOf(bridge),
            'Content-Type': 'application/json',
            'Content-Length': String(400 * 1024 * 1024),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode!, text });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.write('{"files":[');
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text).error.message).toMatch(HAN);
    // sent in chunks without a length: refused once the limit is passed
    const chunked = await post(bridge, 'importUpload', `{"files":[],"x":"${'a'.repeat(5000)}"}`, {
      'Transfer-Encoding': 'chunked',
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text).error.message).toContain('太大');
    expect(spy.calls).toEqual([]);
    // under the limit it goes through
    expect((await post(bridge, 'listUnits', '{}')).status).toBe(200);
  });
});

describe('static files', () => {
  const ATTACKS = [
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/..%2f..%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
    '/assets/..\\..\\package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/../../www-secret.txt',
    '/%2e%2e%2fwww-secret.txt',
    '/..%252fpackage.json',
    '/index.html%00.js',
    '/assets/app.js%00',
    '/.hidden',
    '/assets/link.txt',
    '//etc/passwd',
    '/C:/Windows/win.ini',
    '/%E0%A4%A',
  ];

  it('never serves a file outside the folder (encoded .., backslashes, NUL, links)', async () => {
    const bridge = await startBridge({ api: spyApi().api, staticDir: makeSite().www });
    for (const attack of ATTACKS) {
      const r = await request(bridge.port, {
        path: attack,
        headers: { Cookie: cookieOf(bridge) },
      });
      expect([400, 403, 404], attack).toContain(r.status);
      expect(r.text, attack).not.toContain(SECRET);
      expectSecurityHeaders(r.headers);
    }
  });

  it('resolves request paths inside the folder only (staticFile)', () => {
    const root = '/srv/www';
    expect(staticFile(root, '/')).toBe('/srv/www/index.html');
    expect(staticFile(root, '/assets/a%20b.js')).toBe('/srv/www/assets/a b.js');
    expect(staticFile(root, '/../x')).toBe(403);
    expect(staticFile(root, '/a/%2e%2e/%2e%2e/x')).toBe(403);
    expect(staticFile(root, '/..%2fx')).toBe(403);
    expect(staticFile(root, '/a%5cb')).toBe(403);
    expect(staticFile(root, '/a%00b')).toBe(403);
    expect(staticFile(root, '/%')).toBe(400);
    expect(staticFile(root, 'x')).toBe(400);
    expect(staticFile(root, '/.env')).toBe(404);
  });

  it('serves the build with its content types, index.html uncached, GET and HEAD only', async () => {
    const site = makeSite();
    const bridge = await startBridge({ api: spyApi().api, staticDir: site.www });
    const cookie = cookieOf(bridge);
    const types: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/index.html': 'text/html; charset=utf-8',
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.mjs': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/icon.svg': 'image/svg+xml',
      '/assets/icon.png': 'image/png',
      '/assets/font.woff2': 'font/woff2',
      '/assets/data.json': 'application/json; charset=utf-8',
      '/assets/code.wasm': 'application/wasm',
      '/assets/app.js.map': 'application/json; charset=utf-8',
      '/assets/blob.bin': 'application/octet-stream',
    };
    for (const [p, type] of Object.entries(types)) {
      const r = await request(bridge.port, { path: p, headers: { Cookie: cookie } });
      expect(r.status, p).toBe(200);
      expect(r.headers['content-type'], p).toBe(type);
      const name = p === '/' ? 'index.html' : p.slice(1);
      expect(r.text, p).toBe(site.files[name]);
      expectSecurityHeaders(r.headers);
      if (name === 'index.html') expect(r.headers['cache-control']).toBe('no-store');
    }
    const head = await request(bridge.port, {
      method: 'HEAD',
      path: '/assets/app.js',
      headers: { Cookie: cookie },
    });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const missing = await request(bridge.port, {
      path: '/assets/none.js',
      headers: { Cookie: cookie },
    });
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(HAN);
    const folder = await request(bridge.port, { path: '/assets/', headers: { Cookie: cookie } });
    expect(folder.status).toBe(404);
    const postStatic = await request(bridge.port, {
      method: 'POST',
      path: '/index.html',
      headers: { Cookie: cookie },
      body: 'x',
    });
    expect(postStatic.status).toBe(405);
  });
});
