/**
 * The archive's part of the typed API in this process, over the same handlers the database
 * worker runs: for the CLI, whose one process has nothing else to keep responsive.
 */
import path from 'node:path';
import type { ArchiveOptions } from '../../../db/archive';
import { logError } from '../log';
import { connection, type ArchiveConnection } from './client';
import { ArchiveHost, createHandlers } from './handlers';

/** The same API in this process (the CLI). */
export async function openArchiveInProcess(
  file: string,
  options: ArchiveOptions & { dailyBackup?: boolean } = {},
): Promise<ArchiveConnection> {
  const host = new ArchiveHost(path.resolve(file), options);
  await host.open();
  if (options.dailyBackup && !host.error) {
    try {
      await host.get().dailyBackup();
    } catch (error) {
      // a failed automatic backup (a full disk) must not stop the command: said, logged, and
      // tried again next time
      logError('daily backup', error);
      process.stderr.write(
        `注意：今天的自动备份没有完成（${error instanceof Error ? error.message : String(error)}），将在下次启动时重试。\n`,
      );
    }
  }
  const handlers = createHandlers(host) as Record<string, (p: unknown, ctx: unknown) => unknown>;
  return connection(
    async (method, payload, onProgress, signal) =>
      handlers[method]!(payload, {
        progress: onProgress ?? (() => {}),
        cancelled: () => signal?.aborted ?? false,
      }),
    host.error,
    async () => host.close(),
  );
}
