// Browser mode as the user runs it: dist/bridge.cjs (built by the global setup) over a temp
// archive through the database and PDF workers, serving the real renderer build. The link it
// prints leads to the page; SIGTERM stops it cleanly (exit 0, lock removed); a second bridge on
// the same archive is refused; an archive that cannot be opened still starts, and the API says why.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ArchiveInfo, UnitInfo } from '../../core/api';
import { toWire } from '../../core/wire';
import { ROOT } from '../helpers/paths';
import { request, tempFolder } from './helpers';

const BRIDGE = path.join(ROOT, 'dist', 'bridge.cjs');
const SLOW = 120_000;

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BRIDGE, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Starts the bridge with --print-json and waits for its line. */
async function start(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const p = launch([...args, '--port', '0', '--print-json'], env);
  const line = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const nl = p.stdout().indexOf('\n');
      if (nl >= 0) resolve(p.stdout().slice(0, nl));
    };
    p.child.stdout!.on('data', check);
    void p.exited.then(({ code }) => reject(new Error(`bridge exited ${code}: ${p.stderr()}`)));
  });
  const info = JSON.parse(line) as { url: string; port: number };
  return { child: p.child, url: info.url, port: info.port, stderr: p.stderr, exited: p.exited };
}

/** Follows the printed link like a browser: 303 → cookie. */
async function login(bridge: Running): Promise<string> {
  const url = new URL(bridge.url);
  const r = await request(bridge.port, { path: `${url.pathname}${url.search}` });
  expect(r.status).toBe(303);
  return r.headers['set-cookie']![0]!.split(';')[0]!;
}

async function call(bridge: Running, cookie: string, method: string, payload: unknown = {}) {
  const r = await request(bridge.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: toWire(payload),
  });
  return { status: r.status, body: JSON.parse(r.text) as unknown };
}

describe('dist/bridge.cjs', () => {
  it(
    'prints its link, serves the renderer and the API, refuses a second bridge, stops on SIGTERM',
    async () => {
      const dir = tempFolder();
      const file = path.join(dir, '档案库.sqlite');
      const bridge = await start(['--db', file]);
      expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/u);
      expect(bridge.url).toContain(`:${bridge.port}/`);
      // the human text goes to stderr (stdout is for the JSON line)
      await vi.waitFor(() => expect(bridge.stderr()).toContain('浏览器模式：请在浏览器中打开'));
      expect(bridge.stderr()).toContain(bridge.url);

      const cookie = await login(bridge);
      const page = await request(bridge.port, { path: '/', headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.text).toContain('<nb-app>');
      // the page's script comes from the same server
      const script = /src="\.\/(assets\/[^"]+\.js)"/u.exec(page.text)![1]!;
      const js = await request(bridge.port, { path: `/${script}`, headers: { Cookie: cookie } });
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');

      const created = await call(bridge, cookie, 'createUnit', { name: '某县财政局' });
      expect(created.status).toBe(200);
      const info = await call(bridge, cookie, 'archiveInfo');
      expect(info.status).toBe(200);
      expect(info.body as ArchiveInfo).toMatchObject({ path: file, units: 1 });
      expect(fs.existsSync(`${file}.bridge.lock`)).toBe(true);

      // a second bridge on the same archive points to the first
      const second = launch(['--db', file, '--port', '0']);
      const refused = await second.exited;
      expect(refused.code).toBe(2);
      expect(second.stderr()).toContain('已经在另一个浏览器模式');
      // the first link was used (login above): a new one-time link, from the lock file
      const next = (JSON.parse(fs.readFileSync(`${file}.bridge.lock`, 'utf8')) as { url: string })
        .url;
      expect(next).not.toBe(bridge.url);
      expect(second.stderr()).toContain(next);

      bridge.child.kill('SIGTERM');
      expect(await bridge.exited).toEqual({ code: 0, signal: null });
      expect(fs.existsSync(`${file}.bridge.lock`)).toBe(false);
      // the archive was closed cleanly (its WAL checkpointed and removed)
      expect(fs.existsSync(`${file}-wal`)).toBe(false);

      // started again: a new token; the old cookie is refused, the data is there
      const again = await start(['--db', file]);
      const old = await request(again.port, { path: '/', headers: { Cookie: cookie } });
      expect(old.status).toBe(403);
      const fresh = await login(again);
      const units = await call(again, fresh, 'listUnits');
      expect((units.body as UnitInfo[]).map((u) => u.name)).toEqual(['某县财政局']);
      again.child.kill('SIGINT');
      expect((await again.exited).code).toBe(0);
    },
    SLOW,
  );

  it(
    'refuses a second bridge through a symbolic link, and refuses to start without the lock (issue 17, item 13)',
    async () => {
      const dir = tempFolder();
      const file = path.join(dir, 'archive.sqlite');
      const bridge = await start(['--db', file]);
      const link = path.join(tempFolder(), 'link.sqlite');
      fs.symlinkSync(file, link);
      const second = launch(['--db', link, '--port', '0']);
      expect((await second.exited).code).toBe(2);
      expect(second.stderr()).toContain('已经在另一个浏览器模式');
      bridge.child.kill('SIGTERM');
      expect((await bridge.exited).code).toBe(0);

      // the lock cannot be created (here: a folder in its place): the bridge does not start
      const other = path.join(tempFolder(), 'archive.sqlite');
      fs.mkdirSync(`${other}.bridge.lock`);
      const nolock = launch(['--db', other, '--port', '0']);
      expect((await nolock.exited).code).toBe(2);
      expect(nolock.stderr()).toContain('无法创建锁文件');
      expect(nolock.stderr()).not.toMatch(/\n\s+at /u);
    },
    SLOW,
  );

  it(
    'uses the data folder without --db, and takes over a stale lock',
    async () => {
      const dir = tempFolder();
      const data = path.join(dir, 'data');
      const file = path.join(data, 'archive.sqlite');
      // a lock left by a process that is gone
      const dead = launch(['--help']);
      await dead.exited;
      fs.mkdirSync(data);
      fs.writeFileSync(`${file}.bridge.lock`, JSON.stringify({ pid: dead.child.pid }));
      const bridge = await start([], { NIANBAO_DATA_DIR: data });
      const cookie = await login(bridge);
      const info = await call(bridge, cookie, 'archiveInfo');
      expect((info.body as ArchiveInfo).path).toBe(file);
      expect(JSON.parse(fs.readFileSync(`${file}.bridge.lock`, 'utf8')).pid).toBe(bridge.child.pid);
      bridge.child.kill('SIGTERM');
      expect((await bridge.exited).code).toBe(0);
    },
    SLOW,
  );

  it(
    'starts on an archive that cannot be opened; the API answers why',
    async () => {
      const dir = tempFolder();
      const file = path.join(dir, 'archive.sqlite');
      fs.writeFileSync(file, 'this is not a database, just text '.repeat(200));
      const bridge = await start(['--db', file]);
      await vi.waitFor(() => expect(bridge.stderr()).toContain('档案库无法打开'));
      const cookie = await login(bridge);
      const info = await call(bridge, cookie, 'listUnits');
      expect(info.status).toBe(422);
      const e = (info.body as { error: { code: string; message: string } }).error;
      expect(e.code).toBe('CORRUPT');
      expect(e.message).toMatch(/\p{Script=Han}/u);
      // listing backups still works (to restore one)
      expect((await call(bridge, cookie, 'listBackups')).status).toBe(200);
      bridge.child.kill('SIGTERM');
      expect((await bridge.exited).code).toBe(0);
      // the damaged file was left as it was
      expect(fs.readFileSync(file, 'utf8')).toContain('this is not a database');
    },
    SLOW,
  );

  it(
    'refuses wrong arguments with exit 2',
    async () => {
      for (const args of [['--port', 'abc'], ['--nope'], ['extra']]) {
        const p = launch(args);
        expect((await p.exited).code, args.join(' ')).toBe(2);
        expect(p.stderr()).toMatch(/\p{Script=Han}/u);
      }
    },
    SLOW,
  );
});
