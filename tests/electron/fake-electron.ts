/**
 * What the preload needs of Electron, faked for Node: `ipcRenderer` (invoke answered by the
 * test, send recorded, events emitted by the test) and `contextBridge`, which copies values
 * between the preload's world and the page's world the way Electron's does
 * (shell/renderer/api/electron_api_context_bridge.cc): functions are proxied (their arguments
 * and results copied in turn), promises proxied, an Error becomes a new Error with the same
 * message only, arrays copied item by item, typed arrays structured-cloned, and any other object
 * copied with its own enumerable properties only (prototypes dropped); the exposed API is frozen.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export type InvokeAnswer = (channel: string, ...args: unknown[]) => unknown;

export class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  answer: InvokeAnswer = () => ({ ok: true, value: null });

  constructor(private readonly makeError: (message: string) => Error) {
    super();
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    try {
      return Promise.resolve(this.answer(channel, ...args));
    } catch (error) {
      // Electron rejects invoke with an Error of the preload's world
      return Promise.reject(this.makeError((error as Error).message));
    }
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
}

/** Copies a value across the bridge, as Electron's contextBridge does. */
export function bridgeCopy(value: unknown, cache = new Map<unknown, unknown>()): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (cache.has(value)) return cache.get(value);
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    const proxy = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = fn(...args.map((a) => bridgeCopy(a)));
      } catch (error) {
        throw bridgeCopy(error);
      }
      return bridgeCopy(result);
    };
    cache.set(value, proxy);
    return proxy;
  }
  if (isPromise(value)) {
    return new Promise((resolve, reject) => {
      value.then(
        (v) => resolve(bridgeCopy(v)),
        (e: unknown) => reject(bridgeCopy(e)),
      );
    });
  }
  if (isError(value)) return new Error(String((value as Error).message));
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    cache.set(value, copy);
    for (const item of value) copy.push(bridgeCopy(item, cache));
    return copy;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  cache.set(value, copy);
  for (const key of Object.keys(value)) {
    copy[key] = bridgeCopy((value as Record<string, unknown>)[key], cache);
  }
  return copy;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return Object.prototype.toString.call(value) === '[object Promise]';
}

function isError(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Error]';
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export interface LoadedPreload {
  /** What the page sees: window[key] for each exposed key (copied across the bridge). */
  readonly window: Record<string, unknown>;
  /** The objects as the preload built them (its own world), by key. */
  readonly raw: Record<string, unknown>;
  /** The keys exposed, in order. */
  readonly exposed: string[];
  /** Modules the preload required. */
  readonly required: string[];
  readonly ipc: FakeIpcRenderer;
}

/** Runs a built preload bundle in its own context with the fake electron module. */
export function loadPreload(file: string): LoadedPreload {
  const code = fs.readFileSync(file, 'utf8');
  const context = vm.createContext({ console });
  const makeError = vm.runInContext('(message) => new Error(message)', context) as (
    m: string,
  ) => Error;
  const ipc = new FakeIpcRenderer(makeError);
  const window: Record<string, unknown> = {};
  const raw: Record<string, unknown> = {};
  const exposed: string[] = [];
  const required: string[] = [];
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property');
      exposed.push(key);
      raw[key] = api;
      window[key] = deepFreeze(bridgeCopy(api));
    },
  };
  const module = { exports: {} };
  context.module = module;
  context.exports = module.exports;
  context.require = (name: string) => {
    required.push(name);
    if (name === 'electron') return { contextBridge, ipcRenderer: ipc };
    throw new Error(`module not available in a sandboxed preload: ${name}`);
  };
  vm.runInContext(code, context, { filename: file });
  return { window, raw, exposed, required, ipc };
}

// ---------------------------------------------------------------------------------------------
// The main process's side: enough of electron for dist/main.cjs to run in Node

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = {
    url: '',
    parent: null,
    processId: 40 + this.id,
    routingId: 1,
  };
  readonly sent: unknown[][] = [];
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  reloads = 0;
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  reload(): void {
    this.reloads++;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  shown = false;
  focused = 0;
  maximized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused++;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    return {
      x: (this.options.x as number) ?? 10,
      y: (this.options.y as number) ?? 20,
      width: this.options.width as number,
      height: this.options.height as number,
    };
  }
  /** The user closes the window. */
  close(): void {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
}

export interface FakeMainElectron {
  readonly module: Record<string, unknown>;
  readonly calls: string[];
  readonly app: EventEmitter & {
    paths: Record<string, string>;
    quits: number;
    ready(): void;
    quit(): void;
  };
  readonly schemes: unknown[];
  readonly protocolHandlers: Map<
    string,
    (request: { url: string; method: string }) => Promise<Response>
  >;
  readonly handlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  readonly listeners: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  readonly session: Record<string, unknown> & {
    beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null;
  };
  menu: unknown[] | null;
}

/** A fake electron module for the main process (records what the app does with it). */
export function fakeMainElectron(options: { lock?: boolean } = {}): FakeMainElectron {
  const calls: string[] = [];
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const app = Object.assign(new EventEmitter(), {
    paths: { userData: '/nonexistent/default-user-data' } as Record<string, string>,
    quits: 0,
    isPackaged: false,
    ready: () => ready(),
    whenReady: () => whenReady,
    getVersion: () => '0.1.0',
    getPath: (name: string) => app.paths[name]!,
    setPath: (name: string, value: string) => {
      calls.push(`setPath ${name}`);
      app.paths[name] = value;
    },
    enableSandbox: () => calls.push('enableSandbox'),
    setAppUserModelId: () => calls.push('setAppUserModelId'),
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return options.lock ?? true;
    },
    quit: () => {
      calls.push('quit');
      app.quits++;
      app.emit('will-quit', { preventDefault: () => calls.push('will-quit prevented') });
    },
    exit: (code: number) => calls.push(`exit ${code}`),
  });
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<
    string,
    (r: { url: string; method: string }) => Promise<Response>
  >();
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const session = {
    beforeRequest: null as FakeMainElectron['session']['beforeRequest'],
    permissionRequest: null as unknown,
    setPermissionRequestHandler(h: unknown) {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    setSpellCheckerEnabled() {},
    webRequest: {
      onBeforeRequest: (l: FakeMainElectron['session']['beforeRequest']) => {
        session.beforeRequest = l;
      },
    },
  };
  const fake: FakeMainElectron = {
    calls,
    app,
    schemes,
    protocolHandlers,
    handlers,
    listeners,
    session,
    menu: null,
    module: {},
  };
  Object.assign(fake.module, {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => {
        calls.push('registerSchemesAsPrivileged');
        schemes.push(s);
      },
      handle: (scheme: string, h: (r: { url: string; method: string }) => Promise<Response>) => {
        calls.push(`protocol.handle ${scheme}`);
        protocolHandlers.set(scheme, h);
      },
    },
    session: { defaultSession: session },
    ipcMain: {
      handle: (c: string, l: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(c, l),
      removeHandler: (c: string) => handlers.delete(c),
      on: (c: string, l: (event: unknown, ...args: unknown[]) => unknown) => listeners.set(c, l),
      removeListener: (c: string) => listeners.delete(c),
    },
    Menu: {
      buildFromTemplate: (t: unknown[]) => t,
      setApplicationMenu: (m: unknown[]) => {
        fake.menu = m;
      },
    },
    dialog: {
      showMessageBox: async () => ({ response: 0 }),
      showMessageBoxSync: () => 1,
      showErrorBox: (title: string, message: string) => calls.push(`error ${title}: ${message}`),
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
  });
  return fake;
}

/** Runs a CommonJS bundle in this process with `require('electron')` answered by `electron`. */
export function runMainBundle(file: string, electron: Record<string, unknown>): void {
  const code = fs.readFileSync(file, 'utf8');
  const realRequire = createRequire(file);
  const wrapper = vm.runInThisContext(
    `(function (exports, require, module, __filename, __dirname) {${code}\n})`,
    { filename: file },
  ) as (...args: unknown[]) => void;
  const module = { exports: {} };
  const require = Object.assign(
    (name: string) => (name === 'electron' ? electron : realRequire(name)),
    { resolve: realRequire.resolve, cache: realRequire.cache },
  );
  wrapper(module.exports, require, module, file, path.dirname(file));
}
