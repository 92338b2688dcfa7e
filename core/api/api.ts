/**
 * The one typed API between the user interface and the main process, put together from the
 * method table (methods.ts: name, result, call or progress) and the payload schemas
 * (payloads.ts). The renderer calls `NianbaoApi`; the Electron preload (IPC) and the local HTTP
 * bridge are its two transports, and the CLI calls it in its own process. The main process
 * implements `ApiService`: the same methods, each receiving its payload validated. Every
 * method takes one plain JSON payload and returns plain JSON (bytes as Uint8Array); errors
 * cross as `ApiError` (a stable code and a Chinese message).
 */
import { API, type ApiMethod, type Result } from './methods';
import { parsePayload, type Payload, type PayloadIn } from './payloads';
import type { CancelSignal, ImportProgress } from './types';

/** A method as called with payload P: progress methods take a callback and a cancel signal. */
type Caller<M extends ApiMethod, P> = (typeof API)[M]['kind'] extends 'progress'
  ? (
      p: P,
      onProgress?: (progress: ImportProgress) => void,
      /** Stops the operation as the method defines (an import: between two files). */
      signal?: CancelSignal,
    ) => Promise<Result<M>>
  : // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "every field optional"
    {} extends P
    ? (p?: P) => Promise<Result<M>>
    : (p: P) => Promise<Result<M>>;

/** The API as a caller sees it: a payload may leave its defaults out. */
export type NianbaoApi = { [M in ApiMethod]: Caller<M, PayloadIn<M>> };

/**
 * The API as the main process implements it: each method receives its payload validated, with
 * the defaults filled in, by the transport edge (IPC, HTTP, the CLI) that called it.
 */
export type ApiService = { [M in ApiMethod]: Caller<M, Payload<M>> };

/**
 * A transport edge over an implementation: each call's payload is validated (`parsePayload`:
 * defaults filled in, or a rejected promise with ApiError('INVALID')) before the
 * implementation sees it. For callers in the same process (the CLI, tests).
 */
export function validatedApi<M extends ApiMethod>(
  service: Pick<ApiService, M>,
  methods: readonly M[],
): Pick<NianbaoApi, M> {
  const api: Partial<Record<M, unknown>> = {};
  for (const method of methods) {
    const call = service[method] as (payload: unknown, ...rest: unknown[]) => Promise<unknown>;
    api[method] = (payload: unknown, ...rest: unknown[]) => {
      let valid: unknown;
      try {
        valid = parsePayload(method, payload);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return call.call(service, valid, ...rest);
    };
  }
  return api as Pick<NianbaoApi, M>;
}
