/**
 * The database worker: a worker thread that owns the archive's one writer connection. The main
 * process's event loop never waits for SQLite: backups (online backup API, stepped), folder
 * imports and search-index updates all run here. Requests are handled one at a time, in order;
 * a backup runs beside them, yielding between its steps.
 *
 * Protocol: { id, method, payload } → { id, ok: true, result } | { id, ok: false, error };
 * { id, progress } during an import; { cancel: id } stops an import between files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../../core/api';
import { ArchiveHost, createHandlers, type WorkerMethod } from './handlers';

export interface WorkerData {
  readonly file: string;
  /** Make today's automatic backup after opening (the app does; tests may not). */
  readonly dailyBackup: boolean;
}

export type WorkerRequest =
  | { readonly id: number; readonly method: WorkerMethod; readonly payload: unknown }
  | { readonly cancel: number }
  | { readonly close: true };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { code: string; message: string } }
  | { readonly id: number; readonly progress: unknown }
  | { readonly ready: true; readonly error: { code: string; message: string } | null }
  | { readonly closed: true };

async function run(): Promise<void> {
  const port = parentPort!;
  const data = workerData as WorkerData;
  const host = new ArchiveHost(data.file);
  await host.open();
  const handlers = createHandlers(host);
  const cancelled = new Set<number>();
  const failure = host.error;
  port.postMessage({
    ready: true,
    error: failure ? { code: failure.code, message: failure.message } : null,
  } satisfies WorkerReply);

  let queue = Promise.resolve();
  /** Backups under way beside the queue: closing waits for them. */
  const running = new Set<Promise<void>>();
  const beside = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };
  port.on('message', (message: WorkerRequest) => {
    if ('cancel' in message) {
      cancelled.add(message.cancel);
      return;
    }
    if ('close' in message) {
      void queue.then(async () => {
        await Promise.allSettled([...running]);
        host.close();
        port.postMessage({ closed: true } satisfies WorkerReply);
      });
      return;
    }
    const { id, method, payload } = message;
    const task = async () => {
      try {
        const handler = handlers[method] as (p: unknown, ctx: unknown) => unknown;
        if (typeof handler !== 'function') throw new ApiError('INVALID', `未知的操作：${method}`);
        const result = await handler(payload, {
          progress: (progress: unknown) => port.postMessage({ id, progress } satisfies WorkerReply),
          cancelled: () => cancelled.has(id),
        });
        port.postMessage({ id, ok: true, result } satisfies WorkerReply);
      } catch (error) {
        const e =
          error instanceof ApiError
            ? error
            : new ApiError('FAILED', `操作失败：${(error as Error)?.message ?? String(error)}`);
        port.postMessage({
          id,
          ok: false,
          error: { code: e.code, message: e.message },
        } satisfies WorkerReply);
      } finally {
        cancelled.delete(id);
      }
    };
    // A backup steps through the file yielding between steps: it runs beside the queue, so
    // saves and reads go on meanwhile (same connection: the copy follows the changes).
    if (method === 'backup') beside(task());
    else queue = queue.then(task);
  });

  if (data.dailyBackup && !failure) {
    beside(
      host
        .get()
        .dailyBackup()
        .then(
          () => {},
          (error: unknown) => {
            // a failed automatic backup must not stop the archive; it is tried again next start
            console.error('每日自动备份失败：', (error as Error).message);
          },
        ),
    );
  }
}

void run();
