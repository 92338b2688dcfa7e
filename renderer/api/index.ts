/**
 * The one way the renderer reaches the main process: the typed API, through the Electron
 * preload (`window.nianbao`, IPC) when the window has it, otherwise over the HTTP bridge.
 */
import { PROGRESS_METHODS, type CancelSignal, type NianbaoApi } from '../../core/api';
import { httpApi } from './http';

/** What the desktop app's menu asks the page to do. */
export type MenuAction = 'new-report' | 'import' | 'save' | 'print';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge). */
    readonly nianbao?: NianbaoApi;
    /** Exposed by the Electron preload: the window runs in the desktop app. */
    readonly nianbaoShell?: {
      readonly desktop: true;
      onMenu(callback: (action: MenuAction) => void): () => void;
    };
  }
}

let current: NianbaoApi | null = null;

/**
 * contextBridge copies an argument's own properties only: a DOM AbortSignal arrives empty. The
 * desktop API's progress methods therefore get a plain object whose `addEventListener` (a
 * function, proxied across the bridge) forwards to the real signal.
 */
function bridgeable(signal: CancelSignal | undefined): CancelSignal | undefined {
  if (!signal) return undefined;
  return {
    aborted: signal.aborted,
    addEventListener: (type, listener, options) => signal.addEventListener(type, listener, options),
  };
}

function desktopApi(ipc: NianbaoApi): NianbaoApi {
  const api: Record<string, unknown> = { ...ipc };
  for (const m of PROGRESS_METHODS) {
    const call = ipc[m] as (p: unknown, onProgress?: unknown, signal?: CancelSignal) => unknown;
    api[m] = (p: unknown, onProgress?: unknown, signal?: CancelSignal) =>
      call(p, onProgress, bridgeable(signal));
  }
  return api as NianbaoApi;
}

export function api(): NianbaoApi {
  current ??= window.nianbao ? desktopApi(window.nianbao) : httpApi();
  return current;
}

/** The message of an error for the user (ApiError messages are Chinese already). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，原因不明。';
}
