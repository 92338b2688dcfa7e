/**
 * The one way the renderer reaches the main process: the typed API, through the Electron
 * preload (`window.nianbao`, IPC) when the window has it, otherwise over the HTTP bridge.
 */
import type { NianbaoApi } from '../../core/api';
import { httpApi } from './http';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge). */
    readonly nianbao?: NianbaoApi;
    /** Exposed by the Electron preload: the window runs in the desktop app. */
    readonly nianbaoShell?: { readonly desktop: true };
  }
}

let current: NianbaoApi | null = null;

export function api(): NianbaoApi {
  current ??= window.nianbao ?? httpApi();
  return current;
}

/** The message of an error for the user (ApiError messages are Chinese already). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，原因不明。';
}
