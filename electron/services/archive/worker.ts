/**
 * The database worker: a worker thread that owns the archive's one writer connection. The main
 * process's event loop never waits for SQLite: backups (online backup API, stepped), folder
 * imports and search-index updates all run here. Requests are handled one at a time, in order;
 * a backup runs beside them, yielding between its steps, and so does an import, whose files
 * are read in the import worker and each stored in its turn. The protocol: worker-rpc.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../../core/api';
import { logError } from '../log';
import { serveRpc, toEnvelope, type RpcReply } from '../worker-rpc';
import { ArchiveHost, createHandlers } from './handlers';

export interface WorkerData {
  readonly file: string;
  /** Make today's automatic backup after opening (the app does; tests may not). */
  readonly dailyBackup: boolean;
}

/** The requests that run beside the queue rather than in it. */
const BESIDE = new Set(['backup', 'importFiles', 'importUpload', 'importExchange']);

/** How long without a request before the worker checkpoints the WAL. */
const IDLE_MS = 2000;

async function run(): Promise<void> {
  const port = parentPort!;
  const data = workerData as WorkerData;
  const host = new ArchiveHost(data.file);
  await host.open();
  const handlers = createHandlers(host) as Record<string, (p: unknown, ctx: unknown) => unknown>;
  const failure = host.error;
  port.postMessage({
    ready: true,
    error: failure ? toEnvelope(failure, '') : null,
  } satisfies RpcReply);

  let queue = Promise.resolve();
  // work of the requests running beside the queue (a file imported) waits its turn in it
  host.turn = <T>(work: () => T | Promise<T>) => {
    const job = queue.then(work);
    queue = job.then(
      () => afterRequest(),
      () => afterRequest(),
    );
    return job;
  };
  /** Backups under way beside the queue: closing waits for them. */
  const running = new Set<Promise<void>>();
  const beside = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };
  // idle (no request for IDLE_MS): the WAL's content goes into the archive file
  let idleTimer: NodeJS.Timeout | undefined;
  const afterRequest = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      queue = queue.then(() => host.idle());
    }, IDLE_MS);
    idleTimer.unref();
  };
  serveRpc(
    port,
    (method, payload, ctx) => {
      const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
      if (typeof handler !== 'function') throw new ApiError('INVALID', `未知的操作：${method}`);
      return handler(payload, ctx);
    },
    {
      failed: '操作失败',
      // A backup steps through the file yielding between steps: it runs beside the queue, so
      // saves and reads go on meanwhile (same connection: the copy follows the changes). An
      // import too: its files are read in the import worker, each stored in its turn.
      schedule: (method, work) => {
        if (BESIDE.has(method)) beside(work());
        else queue = queue.then(work).finally(afterRequest);
      },
      close: () =>
        queue.then(async () => {
          await Promise.allSettled([...running]);
          host.close();
        }),
    },
  );

  if (data.dailyBackup && !failure) {
    beside(
      host
        .get()
        .dailyBackup()
        .then(
          () => {},
          (error: unknown) => {
            // a failed automatic backup must not stop the archive; it is tried again next start
            logError('daily backup', error);
            console.error('每日自动备份失败：', (error as Error).message);
          },
        ),
    );
  }
}

void run();
