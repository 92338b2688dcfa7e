/**
 * The archive's part of the typed API in this process, over the same handlers the database
 * worker runs: for the CLI, whose one process has nothing else to keep responsive.
 */
import path from 'node:path';
import type { ArchiveOptions } from '../../../db/archive';
import { connection, type ArchiveConnection } from './client';
import { ArchiveHost, createHandlers } from './handlers';

/** The same API in this process (the CLI). */
export async function openArchiveInProcess(
  file: string,
  options: ArchiveOptions & { dailyBackup?: boolean } = {},
): Promise<ArchiveConnection> {
  const host = new ArchiveHost(path.resolve(file), options);
  await host.open();
  if (options.dailyBackup && !host.error) await host.get().dailyBackup();
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
