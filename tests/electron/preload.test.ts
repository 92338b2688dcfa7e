// The built preload (dist/preload.cjs, built by the global test setup) run in its own context
// with a fake electron module whose contextBridge copies values as Electron's does: exactly
// `nianbao` (the typed API, nothing more) and `nianbaoShell` exposed; calls go to
// 'nianbao:<method>'; replies unwrapped; progress, cancel and menu wiring; a small bundle.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, PROGRESS_METHODS, type NianbaoApi } from '../../core/api';
import {
  CANCEL_CHANNEL,
  MENU_ACTIONS,
  MENU_CHANNEL,
  PROGRESS_CHANNEL,
  type NianbaoShell,
} from '../../electron/main/channels';
import { ROOT } from '../helpers/paths';
import { loadPreload } from './fake-electron';

const PRELOAD = path.join(ROOT, 'dist', 'preload.cjs');

function load() {
  const loaded = loadPreload(PRELOAD);
  return {
    ...loaded,
    api: loaded.window.nianbao as NianbaoApi,
    shell: loaded.window.nianbaoShell as NianbaoShell,
    rawApi: loaded.raw.nianbao as NianbaoApi,
  };
}

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('what the page sees', () => {
  it('exactly window.nianbao and window.nianbaoShell, requiring only electron', () => {
    const { exposed, required } = load();
    expect(exposed).toEqual(['nianbao', 'nianbaoShell']);
    expect(required).toEqual(['electron']);
  });

  it('nianbao has one function per API method and nothing else (no generic invoke)', () => {
    const { api } = load();
    expect(Object.keys(api)).toEqual(API_METHODS);
    for (const m of API_METHODS) expect(typeof api[m]).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('nianbaoShell is { desktop: true, onMenu }', () => {
    const { shell } = load();
    expect(Object.keys(shell).sort()).toEqual(['desktop', 'onMenu']);
    expect(shell.desktop).toBe(true);
  });
});

describe('calls', () => {
  it('every method invokes nianbao:<method> with its payload and returns the value', async () => {
    const { api, ipc } = load();
    ipc.answer = (channel, payload) => ({ ok: true, value: { channel, payload } });
    for (const m of API_METHODS) {
      const call = api[m] as (p: unknown) => Promise<unknown>;
      const value = await call({ probe: m });
      expect(value).toEqual({ channel: `nianbao:${m}`, payload: { probe: m } });
    }
    expect(ipc.invoked.map((i) => i.channel)).toEqual(API_METHODS.map((m) => `nianbao:${m}`));
  });

  it('bytes travel both ways', async () => {
    const { api, ipc } = load();
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
    ipc.answer = (_c, payload) => ({
      ok: true,
      value: { sha256: 'x', match: null, echo: (payload as { pdf: Uint8Array }).pdf },
    });
    const result = (await api.verifyPdf({ pdf })) as unknown as { echo: Uint8Array };
    expect(result.echo).toBeInstanceOf(Uint8Array);
    expect([...result.echo]).toEqual([...pdf]);
  });

  it('an error reply throws an Error with the Chinese message as is, and its code in the preload', async () => {
    const { api, rawApi, ipc } = load();
    ipc.answer = () => ({
      ok: false,
      error: { code: 'LOCKED', message: '报告已定稿，不能修改。' },
    });
    // in the preload's own world: message and code
    const inside = await rejection(rawApi.openReport({ unitId: 'u', year: 2024 }));
    expect(inside.message).toBe('报告已定稿，不能修改。');
    expect(inside.code).toBe('LOCKED');
    // in the page, across the bridge: the message only (Electron drops other properties)
    const outside = await rejection(api.openReport({ unitId: 'u', year: 2024 }));
    expect(outside).toBeInstanceOf(Error);
    expect(outside.message).toBe('报告已定稿，不能修改。');
  });

  it('a failed invoke or an unknown reply becomes a Chinese error', async () => {
    const { api, ipc } = load();
    ipc.answer = () => {
      throw new Error("No handler registered for 'nianbao:listUnits'");
    };
    expect((await rejection(api.listUnits())).message).toBe(
      "无法与年报主程序通信：No handler registered for 'nianbao:listUnits'",
    );
    ipc.answer = () => 'garbage';
    expect((await rejection(api.listUnits())).message).toBe('年报主程序的回复无法识别。');
    ipc.answer = () => ({ ok: false });
    expect((await rejection(api.listUnits())).message).toBe('年报主程序的回复无法识别。');
  });
});

describe('progress methods', () => {
  const upload = { files: [{ name: 'a.txt', data: new Uint8Array([1, 2]) }] };

  it('pass a request id, route progress by it, and stop listening when done', async () => {
    const { api, ipc } = load();
    expect(PROGRESS_METHODS).toContain('importUpload');
    let finish!: (v: unknown) => void;
    ipc.answer = () => new Promise((r) => (finish = r));
    const seen: unknown[] = [];
    const first = api.importUpload(upload, (p) => seen.push(p));
    const firstId = ipc.invoked[0]!.args[1];
    expect(ipc.invoked[0]!.channel).toBe('nianbao:importUpload');
    expect(ipc.invoked[0]!.args[0]).toEqual(upload);
    expect(firstId).toBeTypeOf('number');
    ipc.emit(PROGRESS_CHANNEL, {}, firstId, { done: 0, total: 1, file: 'a.txt' });
    ipc.emit(PROGRESS_CHANNEL, {}, 9999, { done: 0, total: 1, file: 'other' });
    expect(seen).toEqual([{ done: 0, total: 1, file: 'a.txt' }]);
    finish({ ok: true, value: { imported: 1 } });
    expect(await first).toEqual({ imported: 1 });
    ipc.emit(PROGRESS_CHANNEL, {}, firstId, { done: 1, total: 1, file: 'late' });
    expect(seen).toHaveLength(1);

    ipc.answer = () => ({ ok: true, value: null });
    await api.importFiles({ paths: ['/x'] });
    expect(ipc.invoked[1]!.args[1]).not.toBe(firstId);
  });

  it('a thrown progress callback does not stop the operation', async () => {
    const { api, ipc } = load();
    let finish!: (v: unknown) => void;
    ipc.answer = () => new Promise((r) => (finish = r));
    const pending = api.importUpload(upload, () => {
      throw new Error('display bug');
    });
    ipc.emit(PROGRESS_CHANNEL, {}, ipc.invoked[0]!.args[1], { done: 0, total: 1, file: 'a' });
    finish({ ok: true, value: 'done' });
    expect(await pending).toBe('done');
  });

  it('a plain-object signal cancels: nianbao:cancel with the request id', async () => {
    const { api, ipc } = load();
    let finish!: (v: unknown) => void;
    ipc.answer = () => new Promise((r) => (finish = r));
    const controller = new AbortController();
    const s = controller.signal;
    const signal = {
      aborted: s.aborted,
      addEventListener: (type: 'abort', listener: () => void, options?: { once?: boolean }) =>
        s.addEventListener(type, listener, options),
    };
    const pending = api.importUpload(upload, undefined, signal);
    const id = ipc.invoked[0]!.args[1];
    expect(ipc.sent).toEqual([]);
    controller.abort();
    expect(ipc.sent).toEqual([{ channel: CANCEL_CHANNEL, args: [id] }]);
    finish({ ok: true, value: { imported: 0 } });
    expect(await pending).toEqual({ imported: 0 });
  });

  it('a signal already aborted is refused at once, nothing invoked', async () => {
    const { api, ipc } = load();
    const error = await rejection(
      api.importUpload(upload, undefined, { aborted: true, addEventListener: () => {} }),
    );
    expect(error.message).toBe('已取消。');
    expect(ipc.invoked).toEqual([]);
  });

  it('a DOM AbortSignal arrives empty across the bridge: the call works, it cannot cancel', async () => {
    // documented in preload.ts: the page must pass a plain object to cancel
    const { api, ipc } = load();
    ipc.answer = () => ({ ok: true, value: 'ok' });
    const controller = new AbortController();
    const pending = api.importUpload(upload, undefined, controller.signal);
    controller.abort();
    expect(await pending).toBe('ok');
    expect(ipc.sent).toEqual([]);
  });
});

describe('nianbaoShell.onMenu', () => {
  it('passes menu actions (never the event), ignores others, and unsubscribes', () => {
    const { shell, ipc } = load();
    const seen: unknown[][] = [];
    const off = shell.onMenu((...args: unknown[]) => seen.push(args));
    for (const action of MENU_ACTIONS) ipc.emit(MENU_CHANNEL, { sender: 'secret' }, action);
    ipc.emit(MENU_CHANNEL, {}, 'rm -rf');
    ipc.emit(MENU_CHANNEL, {}, { action: 'save' });
    expect(seen).toEqual(MENU_ACTIONS.map((a) => [a]));
    expect(ipc.listenerCount(MENU_CHANNEL)).toBe(1);
    off();
    expect(ipc.listenerCount(MENU_CHANNEL)).toBe(0);
    ipc.emit(MENU_CHANNEL, {}, 'save');
    expect(seen).toHaveLength(MENU_ACTIONS.length);
  });

  it('refuses something that is not a function', () => {
    const { shell } = load();
    expect(() => shell.onMenu('x' as never)).toThrow('onMenu 需要一个函数。');
  });
});

describe('the bundle', () => {
  it('is small and has no zod (only constants and types from core)', () => {
    const code = fs.readFileSync(PRELOAD, 'utf8');
    expect(code.length).toBeLessThan(12_000);
    expect(code).not.toMatch(/zod/iu);
    expect(code).not.toMatch(/safeParse|ZodError|\$ZodType/u);
    expect([...code.matchAll(/require\("([^"]+)"\)/gu)].map((m) => m[1])).toEqual(['electron']);
  });
});
