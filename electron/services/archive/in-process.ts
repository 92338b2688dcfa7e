/**
 * The archive's part of the typed API in this process, over the same handlers the database
 * worker runs: for the CLI, whose one process has nothing else to keep responsive.
 */
import path from 'node:path';
import type { CancelSignal, ImportProgress } from '../../../core/api';
import type { ArchiveOptions } from '../../../db/archive';
import type { ArchiveConnection } from './client';
import { ArchiveHost, createHandlers } from './handlers';
import {
  ARCHIVE_METHODS,
  INTERNAL_METHODS,
  parseWorkerPayload,
  type ArchiveApi,
  type ArchiveInternal,
  type WorkerMethod,
} from './methods';

/** The same API in this process (the CLI). */
export async function openArchiveInProcess(
  file: string,
  options: ArchiveOptions & { dailyBackup?: boolean } = {},
): Promise<ArchiveConnection> {
  const host = new ArchiveHost(path.resolve(file), options);
  await host.open();
  if (options.dailyBackup && !host.error) await host.get().dailyBackup();
  const handlers = createHandlers(host);
  const bind = (m: WorkerMethod) => [
    m,
    async (p: unknown, progress?: (p: ImportProgress) => void, signal?: CancelSignal) => {
      const handler = handlers[m] as (payload: unknown, ctx: unknown) => unknown;
      return handler(parseWorkerPayload(m, p), {
        progress: progress ?? (() => {}),
        cancelled: () => signal?.aborted ?? false,
      });
    },
  ];
  return {
    api: Object.fromEntries(ARCHIVE_METHODS.map(bind)) as unknown as ArchiveApi,
    internal: Object.fromEntries(INTERNAL_METHODS.map(bind)) as unknown as ArchiveInternal,
    openError: host.error,
    close: async () => host.close(),
  };
}
