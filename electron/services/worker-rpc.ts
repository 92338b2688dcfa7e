/**
 * The small protocol between the main process and its worker threads (the database worker
 * and the PDF worker): requests by id, one reply each (the result, or the error as its code and
 * Chinese message), progress on the way, cancellation, closing; and where the bundled workers
 * are.
 *
 *   main   → worker  { id, method, payload }   a request
 *   worker → main    { id, progress }          progress of a request (imports)
 *   worker → main    { id, ok: true, result } | { id, ok: false, error: { code, message } }
 *   main   → worker  { cancel: id }            stop that request (as its method defines)
 *   main   → worker  { close: true }           finish and close; answered { closed: true }
 *   worker → main    { ready: true, error }     (the database worker) started; error: why the
 *                                              archive could not be opened, or null
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessagePort, Transferable, Worker } from 'node:worker_threads';
import { ApiError, errorCode, type ErrorEnvelope } from '../../core/api';
import { internalErrorMessage, logError } from './log';

export type RpcRequest =
  | { readonly id: number; readonly method: string; readonly payload: unknown }
  | { readonly cancel: number }
  | { readonly close: true };

export type RpcReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: ErrorEnvelope }
  | { readonly id: number; readonly progress: unknown }
  | { readonly ready: true; readonly error: ErrorEnvelope | null }
  | { readonly closed: true };

/**
 * A bundled worker (dist/<name>): beside the bundle that runs this code, or in dist/ when it
 * runs from the sources.
 */
export function workerPath(name: 'archive-worker.cjs' | 'pdf-worker.cjs'): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, name), path.resolve(here, '../../dist', name)];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error(`${name} not built (npm run build): looked in ${candidates.join(', ')}`);
  }
  return found;
}

/** An error as it crosses to the other thread: an ApiError as it is, anything else FAILED. */
export function toEnvelope(error: unknown, failed: string): ErrorEnvelope {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  // no English system error or stack for the clerk: the detail goes to the log file
  logError(failed, error);
  return { code: 'FAILED', message: internalErrorMessage(undefined, failed) };
}

export function fromEnvelope(error: ErrorEnvelope): ApiError {
  return new ApiError(errorCode(error.code), error.message);
}

// ---------------------------------------------------------------------------------------------
// The worker's side

export interface RequestContext {
  readonly progress: (progress: unknown) => void;
  /** Whether the caller cancelled this request. */
  readonly cancelled: () => boolean;
}

export interface ServeOptions {
  /** How a failure other than an ApiError is described: "操作失败". */
  readonly failed: string;
  /** Runs a request's work; by default at once (several may then run together). */
  readonly schedule?: (method: string, work: () => Promise<void>) => void;
  /** What of a result moves to the main thread rather than being copied. */
  readonly transfer?: (result: unknown) => Transferable[];
  /** Finishes the worker's work before it answers { closed: true }. */
  readonly close?: () => Promise<void> | void;
}

/** Answers the requests that arrive on `port` with `handle`. */
export function serveRpc(
  port: MessagePort,
  handle: (method: string, payload: unknown, ctx: RequestContext) => unknown,
  options: ServeOptions,
): void {
  const cancelled = new Set<number>();
  port.on('message', (message: RpcRequest) => {
    if ('cancel' in message) {
      cancelled.add(message.cancel);
      return;
    }
    if ('close' in message) {
      void Promise.resolve(options.close?.()).then(() => {
        port.postMessage({ closed: true } satisfies RpcReply);
        port.close();
      });
      return;
    }
    const { id, method, payload } = message;
    const work = async () => {
      try {
        const result = await handle(method, payload, {
          progress: (progress) => port.postMessage({ id, progress } satisfies RpcReply),
          cancelled: () => cancelled.has(id),
        });
        port.postMessage({ id, ok: true, result } satisfies RpcReply, options.transfer?.(result));
      } catch (error) {
        port.postMessage({
          id,
          ok: false,
          error: toEnvelope(error, options.failed),
        } satisfies RpcReply);
      } finally {
        cancelled.delete(id);
      }
    };
    if (options.schedule) options.schedule(method, work);
    else void work();
  });
}

// ---------------------------------------------------------------------------------------------
// The main process's side

export interface CallOptions {
  readonly progress?: ((progress: unknown) => void) | undefined;
  /** Aborting it sends { cancel: id } (also when it is aborted already). */
  readonly signal?:
    | {
        readonly aborted: boolean;
        addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
      }
    | undefined;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly progress: ((progress: unknown) => void) | undefined;
}

/** Requests to one worker thread and their replies. */
export class RpcClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly worker: Worker,
    hooks: {
      /** The worker said it is ready (the database worker). */
      readonly ready?: (error: ApiError | null) => void;
      /** The worker answered { closed: true }. */
      readonly closed?: () => void;
      /** The last pending request was answered. */
      readonly idle?: () => void;
    } = {},
  ) {
    worker.on('message', (reply: RpcReply) => {
      if ('ready' in reply) {
        hooks.ready?.(reply.error ? fromEnvelope(reply.error) : null);
        return;
      }
      if ('closed' in reply) {
        hooks.closed?.();
        return;
      }
      const entry = this.pending.get(reply.id);
      if (!entry) return;
      if ('progress' in reply) {
        entry.progress?.(reply.progress);
        return;
      }
      this.pending.delete(reply.id);
      if (this.pending.size === 0) hooks.idle?.();
      if (reply.ok) entry.resolve(reply.result);
      else entry.reject(fromEnvelope(reply.error));
    });
  }

  /** Sends a request; resolves with its result or rejects with its ApiError. */
  call(method: string, payload: unknown, options: CallOptions = {}): Promise<unknown> {
    const id = this.nextId++;
    const { signal } = options;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress: options.progress });
      // an aborted signal fires no more 'abort' events: tell the worker before the request
      if (signal?.aborted) this.worker.postMessage({ cancel: id } satisfies RpcRequest);
      this.worker.postMessage({ id, method, payload } satisfies RpcRequest);
      signal?.addEventListener(
        'abort',
        () => {
          if (this.pending.has(id)) this.worker.postMessage({ cancel: id } satisfies RpcRequest);
        },
        { once: true },
      );
    });
  }

  /** Fails every request still waiting (the worker failed or exited). */
  failAll(message: string): void {
    for (const entry of this.pending.values()) entry.reject(new ApiError('FAILED', message));
    this.pending.clear();
  }
}
