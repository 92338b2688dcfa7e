/**
 * A child process (run with `node --import tsx main-thread.ts <archive> <control archive>`) that
 * proves where the archive lives: it works with an archive through `openArchiveWorker` and then
 * looks whether SQLite's native addon was ever loaded in its main thread. better-sqlite3 loads
 * its addon (better_sqlite3.node) the first time a connection is made, so the addon is in the
 * main thread's require cache only if a database was opened there. As a control, it then opens
 * another archive in this thread (`openArchiveInProcess`, what the CLI does) and looks again.
 *
 * It never calls process.exit: it ends only when nothing keeps it alive, so a worker thread left
 * running by `close()` would keep it from ending. Prints one JSON line.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { openArchiveWorker } from '../../electron/services/archive/client';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { blankReport } from '../../core/model';

const require = createRequire(import.meta.url);

const sqliteLoadedHere = () =>
  Object.keys(require.cache).some((key) => path.basename(key) === 'better_sqlite3.node');

async function main(): Promise<void> {
  const [file, control] = process.argv.slice(2) as [string, string];
  const before = sqliteLoadedHere();

  const connection = await openArchiveWorker(file);
  const { api } = connection;
  const unit = await api.createUnit({ name: '主线程检查单位', kind: '部门' });
  await api.createReport({ unitId: unit.id, year: 2023 });
  const report = blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, 2023);
  const saved = await api.saveReport({
    unitId: unit.id,
    year: 2023,
    report: { ...report, opening: [{ level: 0, text: '本报告由工作线程保存。' }] },
  });
  const search = await api.search({ query: '工作线程' });
  const backup = await api.backup({
    to: path.join(path.dirname(file), 'main-thread-backup.sqlite'),
  });
  const verify = await api.verify();
  const afterWorker = sqliteLoadedHere();
  await connection.close();

  const inProcess = await openArchiveInProcess(control);
  const controlUnits = await inProcess.api.listUnits();
  const afterInProcess = sqliteLoadedHere();
  await inProcess.close();

  process.stdout.write(
    `${JSON.stringify({
      isMainThread,
      before,
      afterWorker,
      afterInProcess,
      revision: saved.revision,
      hits: search.hits.length,
      backupBytes: backup.bytes,
      verified: verify.ok,
      controlUnits: controlUnits.length,
    })}\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
