// The IPC handler table, built without Electron: the sender check, payload validation, the
// reply envelope (codes and Chinese messages survive), progress and cancellation; and once over
// the real API (archive in process, PDF in process).
import path from 'node:path';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import {
  API_METHODS,
  ApiError,
  PROGRESS_METHODS,
  isProgressMethod,
  type ApiMethod,
  type ApiService,
  type CancelSignal,
  type ImportProgress,
  type NianbaoApi,
} from '../../core/api';
import {
  CANCEL_CHANNEL,
  PROGRESS_CHANNEL,
  channelOf,
  type IpcReply,
} from '../../electron/main/channels';
import {
  createIpcHandlers,
  deferApi,
  registerIpc,
  toIpcError,
  trustedSenderCheck,
  type IpcEvent,
  type IpcHandlers,
  type IpcMainLike,
  type TrustedWindow,
} from '../../electron/main/ipc';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { composeService, createPdfRenderer } from '../../electron/services/pdf/service';
import { tempDir } from '../helpers/archive';
import { balancedReport } from '../helpers/reports';

const WINDOW: TrustedWindow = { id: 1, mainFrame: { processId: 5, routingId: 7 } };

interface FakeEvent extends IpcEvent {
  readonly sent: unknown[][];
}

function event(
  overrides: {
    url?: string;
    parent?: unknown;
    processId?: number;
    routingId?: number;
    senderId?: number;
    frame?: null;
    destroyed?: boolean;
  } = {},
): FakeEvent {
  const sent: unknown[][] = [];
  return {
    sent,
    sender: {
      id: overrides.senderId ?? 1,
      send: (...args: unknown[]) => sent.push(args),
      isDestroyed: () => overrides.destroyed ?? false,
    },
    senderFrame:
      overrides.frame === null
        ? null
        : {
            url: overrides.url ?? 'app://nianbao/index.html#/report/u1/2024',
            parent: overrides.parent ?? null,
            processId: overrides.processId ?? 5,
            routingId: overrides.routingId ?? 7,
          },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mocks stand in for every signature
type FakeApi = Record<ApiMethod, Mock<(...args: any[]) => any>>;

/** A fake API: every method a mock resolving to `{ method }`. */
function fakeApi(): FakeApi {
  const api = {} as FakeApi;
  for (const m of API_METHODS) api[m] = vi.fn(async () => ({ method: m }));
  return api;
}

function table(api: NianbaoApi | ApiService | FakeApi, logs: string[] = []): IpcHandlers {
  return createIpcHandlers(
    api as unknown as ApiService,
    trustedSenderCheck(() => WINDOW),
    (m) => logs.push(m),
  );
}

async function call(
  handlers: IpcHandlers,
  method: string,
  e: IpcEvent,
  payload?: unknown,
  requestId?: unknown,
): Promise<IpcReply> {
  const handler = handlers.invoke.get(`nianbao:${method}`);
  expect(handler, method).toBeDefined();
  const reply = await handler!(e, payload, requestId);
  // what crosses IPC is structured-cloned: the reply must survive it unchanged
  expect(structuredClone(reply)).toEqual(reply);
  return reply;
}

describe('channels', () => {
  it('the method lists are core’s: one channel each, progress methods as core declares them', () => {
    expect(API_METHODS.filter(isProgressMethod)).toEqual([...PROGRESS_METHODS]);
    expect([...PROGRESS_METHODS]).toEqual(['importFiles', 'importUpload', 'importExchange']);
    expect(channelOf('openReport')).toBe('nianbao:openReport');
  });

  it('one handler per API method, on nianbao:<method>', () => {
    const handlers = table(fakeApi());
    expect([...handlers.invoke.keys()]).toEqual(API_METHODS.map((m) => `nianbao:${m}`));
  });
});

describe('sender check', () => {
  it('calls the API for our window’s main frame showing app://nianbao/', async () => {
    const api = fakeApi();
    const reply = await call(table(api), 'listUnits', event(), {});
    expect(reply).toEqual({ ok: true, value: { method: 'listUnits' } });
    expect(api.listUnits).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a subframe (the PDF preview iframe)', { parent: {} }],
    ['another frame of the process', { routingId: 8 }],
    ['another renderer process', { processId: 6 }],
    ['another web contents', { senderId: 2 }],
    ['another page (https)', { url: 'https://example.com/' }],
    ['a file:// page', { url: 'file:///tmp/evil.html' }],
    ['another app host', { url: 'app://evil/index.html' }],
    ['a blob page', { url: 'blob:app://nianbao/1' }],
    ['no frame (navigated away or destroyed)', { frame: null }],
  ] as const)('refuses %s without calling the API, and logs it', async (_name, overrides) => {
    const api = fakeApi();
    const logs: string[] = [];
    const handlers = table(api, logs);
    for (const m of ['listUnits', 'createUnit', 'importUpload'] as const) {
      const reply = await call(handlers, m, event(overrides), { name: '某县财政局' }, 1);
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('FAILED');
        expect(reply.error.message).toMatch(/\p{Script=Han}/u);
      }
      expect(api[m]).not.toHaveBeenCalled();
    }
    expect(logs).toHaveLength(3);
  });

  it('refuses everything while there is no window', async () => {
    const api = fakeApi();
    const handlers = createIpcHandlers(
      api,
      trustedSenderCheck(() => null),
      () => {},
    );
    const reply = await call(handlers, 'listUnits', event(), {});
    expect(reply.ok).toBe(false);
    expect(api.listUnits).not.toHaveBeenCalled();
  });
});

describe('payloads and replies', () => {
  it('an invalid payload is INVALID (Chinese) and the API is not called', async () => {
    const api = fakeApi();
    const handlers = table(api);
    for (const [method, payload] of [
      ['createReport', { unitId: 'u1', year: 'abc' }],
      ['createReport', { unitId: 'u1', year: 1990 }],
      ['createUnit', { name: '   ' }],
      ['openReport', null],
      ['search', { query: 'x'.repeat(201) }],
      ['verifyPdf', { pdf: 'not bytes' }],
      ['importUpload', { files: [] }],
    ] as const) {
      const reply = await call(
        handlers,
        method,
        event(),
        payload,
        method === 'importUpload' ? 1 : undefined,
      );
      expect(reply.ok, method).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('INVALID');
        expect(reply.error.message).toMatch(/^请求的数据无效/u);
      }
      expect(api[method]).not.toHaveBeenCalled();
    }
  });

  it('passes the validated payload (defaults filled in), bytes included', async () => {
    const api = fakeApi();
    const handlers = table(api);
    await call(handlers, 'createReport', event(), { unitId: 'u1', year: 2024 });
    expect(api.createReport).toHaveBeenCalledWith({ unitId: 'u1', year: 2024, author: '' });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    await call(handlers, 'verifyPdf', event(), { pdf });
    expect((api.verifyPdf.mock.calls[0]![0] as { pdf: Uint8Array }).pdf).toEqual(pdf);
    await call(handlers, 'archiveInfo', event());
    expect(api.archiveInfo).toHaveBeenCalledWith({});
  });

  it('an ApiError keeps its code and Chinese message', async () => {
    const api = fakeApi();
    api.openReport!.mockRejectedValue(new ApiError('LOCKED', '报告已定稿，不能修改。'));
    api.saveReport!.mockImplementation(() => {
      throw new ApiError('CONFLICT', '该年度已有报告。');
    });
    const handlers = table(api);
    expect(await call(handlers, 'openReport', event(), { unitId: 'u1', year: 2024 })).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: '报告已定稿，不能修改。' },
    });
    const report = balancedReport(2024);
    expect(
      await call(handlers, 'saveReport', event(), { unitId: 'u1', year: 2024, report }),
    ).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该年度已有报告。' } });
  });

  it('any other failure is FAILED, logged, never thrown', async () => {
    const api = fakeApi();
    const logs: string[] = [];
    api.listUnits!.mockRejectedValue(new TypeError('boom'));
    api.fonts!.mockRejectedValue('a string');
    const handlers = table(api, logs);
    const r1 = await call(handlers, 'listUnits', event(), {});
    expect(r1).toEqual({
      ok: false,
      error: { code: 'FAILED', message: '操作失败，程序内部出错：boom' },
    });
    const r2 = await call(handlers, 'fonts', event(), {});
    expect(r2).toEqual({
      ok: false,
      error: { code: 'FAILED', message: '操作失败，程序内部出错。' },
    });
    expect(logs).toHaveLength(2);
  });

  it('toIpcError recognises an ApiError from another copy of core (by name and code)', () => {
    const foreign = Object.assign(new Error('档案库正被另一个程序使用。'), {
      name: 'ApiError',
      code: 'BUSY',
    });
    expect(toIpcError(foreign)).toEqual({ code: 'BUSY', message: '档案库正被另一个程序使用。' });
    const badCode = Object.assign(new Error('x'), { name: 'ApiError', code: 'NOPE' });
    expect(toIpcError(badCode).code).toBe('FAILED');
  });
});

describe('progress and cancel', () => {
  function slowImport(api: ReturnType<typeof fakeApi>) {
    let signal: CancelSignal | undefined;
    let progress: ((p: ImportProgress) => void) | undefined;
    let finish: (() => void) | undefined;
    api.importUpload!.mockImplementation(
      (_p: unknown, onProgress?: (p: ImportProgress) => void, s?: CancelSignal) => {
        signal = s;
        progress = onProgress;
        return new Promise((resolve) => {
          finish = () =>
            resolve({
              results: [],
              imported: 0,
              unchanged: 0,
              needsUnit: 0,
              failed: 0,
              cancelled: s?.aborted,
            });
        });
      },
    );
    return {
      signal: () => signal,
      progress: (p: ImportProgress) => progress!(p),
      finish: () => finish!(),
    };
  }
  const upload = { files: [{ name: 'a.txt', data: new Uint8Array([1]) }] };

  it('sends progress with the request id and aborts on cancel', async () => {
    const api = fakeApi();
    const op = slowImport(api);
    const handlers = table(api);
    const e = event();
    const pending = call(handlers, 'importUpload', e, upload, 42);
    expect(handlers.running()).toBe(1);
    op.progress({ done: 0, total: 1, file: 'a.txt' });
    op.progress({ done: 1, total: 1, file: '' });
    expect(e.sent).toEqual([
      [PROGRESS_CHANNEL, 42, { done: 0, total: 1, file: 'a.txt' }],
      [PROGRESS_CHANNEL, 42, { done: 1, total: 1, file: '' }],
    ]);
    expect(op.signal()!.aborted).toBe(false);
    handlers.cancel(event(), 42);
    expect(op.signal()!.aborted).toBe(true);
    // no progress after the cancel
    op.progress({ done: 1, total: 1, file: 'late' });
    expect(e.sent).toHaveLength(2);
    op.finish();
    expect(await pending).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(handlers.running()).toBe(0);
  });

  it('a cancel from another page, another window or for another id aborts nothing', async () => {
    const api = fakeApi();
    const op = slowImport(api);
    const logs: string[] = [];
    const handlers = table(api, logs);
    const pending = call(handlers, 'importUpload', event(), upload, 7);
    handlers.cancel(event({ url: 'https://example.com/' }), 7);
    handlers.cancel(event({ parent: {} }), 7);
    handlers.cancel(event(), 8);
    handlers.cancel(event(), 'x');
    expect(op.signal()!.aborted).toBe(false);
    expect(logs).toHaveLength(2);
    handlers.abortSender(2);
    expect(op.signal()!.aborted).toBe(false);
    handlers.abortSender(1);
    expect(op.signal()!.aborted).toBe(true);
    op.finish();
    expect((await pending).ok).toBe(true);
  });

  it('sends no progress to a window that is gone', async () => {
    const api = fakeApi();
    const op = slowImport(api);
    const handlers = table(api);
    const e = event({ destroyed: true });
    const pending = call(handlers, 'importUpload', e, upload, 1);
    op.progress({ done: 0, total: 1, file: 'a.txt' });
    expect(e.sent).toEqual([]);
    op.finish();
    await pending;
  });

  it('without a request id: no progress, no signal; a bad id is INVALID', async () => {
    const api = fakeApi();
    const handlers = table(api);
    await call(handlers, 'importFiles', event(), { paths: ['/tmp/a.txt'] });
    expect(api.importFiles).toHaveBeenCalledWith({ paths: ['/tmp/a.txt'], author: '' });
    expect(handlers.running()).toBe(0);
    for (const bad of ['1', 0, -1, 1.5, Number.NaN]) {
      const reply = await call(handlers, 'importFiles', event(), { paths: ['/tmp/a.txt'] }, bad);
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    }
    expect(api.importFiles).toHaveBeenCalledTimes(1);
  });

  it('plain methods ignore a request id: never a signal or progress', async () => {
    const api = fakeApi();
    const handlers = table(api);
    await call(handlers, 'listUnits', event(), {}, 5);
    expect(api.listUnits.mock.calls[0]).toEqual([{}]);
  });
});

describe('deferApi', () => {
  it('waits for the services, then calls them', async () => {
    let open!: (api: ApiService) => void;
    const deferred = deferApi(new Promise<ApiService>((r) => (open = r)));
    expect(Object.keys(deferred)).toEqual(API_METHODS);
    const result = deferred.listUnits({});
    const real = fakeApi();
    open(real as unknown as ApiService);
    expect(await result).toEqual({ method: 'listUnits' });
    const progress = vi.fn();
    await deferred.importUpload({ files: [], author: '' }, progress);
    expect(real.importUpload).toHaveBeenCalledWith({ files: [], author: '' }, progress);
  });

  it('every call fails with the reason when the services could not start', async () => {
    const deferred = deferApi(Promise.reject(new Error('worker crashed')));
    const handlers = table(deferred);
    const reply = await call(handlers, 'listUnits', event(), {});
    expect(reply).toEqual({
      ok: false,
      error: { code: 'FAILED', message: '年报的后台服务无法启动：worker crashed' },
    });
  });
});

describe('registerIpc', () => {
  it('binds every channel and the cancel listener, and unbinds them', () => {
    const handled = new Map<string, unknown>();
    const listeners = new Map<string, unknown>();
    const ipcMain = {
      handle: (c: string, l: unknown) => handled.set(c, l),
      removeHandler: (c: string) => handled.delete(c),
      on: (c: string, l: unknown) => listeners.set(c, l),
      removeListener: (c: string) => listeners.delete(c),
    };
    const unregister = registerIpc(ipcMain as unknown as IpcMainLike, table(fakeApi()));
    expect([...handled.keys()]).toEqual(API_METHODS.map((m) => `nianbao:${m}`));
    expect([...listeners.keys()]).toEqual([CANCEL_CHANNEL]);
    unregister();
    expect(handled.size).toBe(0);
    expect(listeners.size).toBe(0);
  });
});

describe('over the real API', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('creates a unit, reports NOT_FOUND and INVALID in Chinese', async () => {
    const archive = await openArchiveInProcess(path.join(tempDir(), 'archive.sqlite'));
    const renderer = createPdfRenderer({ fontDirs: [] });
    closers.push(
      () => archive.close(),
      () => renderer.close(),
    );
    const handlers = table(composeService(archive, renderer));

    const created = await call(handlers, 'createUnit', event(), { name: '某县财政局' });
    expect(created).toMatchObject({ ok: true, value: { name: '某县财政局' } });
    const units = await call(handlers, 'listUnits', event(), {});
    expect(units).toMatchObject({ ok: true, value: [{ name: '某县财政局' }] });

    const missing = await call(handlers, 'openReport', event(), { unitId: 'nope', year: 2024 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!missing.ok) expect(missing.error.message).toMatch(/\p{Script=Han}/u);

    const invalid = await call(handlers, 'saveReport', event(), {
      unitId: 'u',
      year: 2024,
      report: {},
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID' } });

    const progress: unknown[] = [];
    const e = event();
    const upload = await call(
      handlers,
      'importUpload',
      e,
      {
        files: [{ name: 'notes.txt', data: new TextEncoder().encode('这不是一份年度报告。') }],
      },
      3,
    );
    expect(upload).toMatchObject({ ok: true, value: { failed: 1 } });
    for (const [channel, id, p] of e.sent) {
      expect(channel).toBe(PROGRESS_CHANNEL);
      expect(id).toBe(3);
      progress.push(p);
    }
    expect(progress.length).toBeGreaterThan(0);
  });
});
