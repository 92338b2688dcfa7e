/**
 * A child process that restores a backup in place of an archive (restore.test.ts kills it at
 * random moments, or runs it with a file-size limit). argv[2]: {"file","backup"}. Prints
 * {"event":"start"} just before the restore, then {"event":"done"} or {"event":"error",…}.
 */
import { ApiError } from '../../core/api';
import { restoreArchive } from '../../db/archive';

const { file, backup } = JSON.parse(process.argv[2]!) as { file: string; backup: string };
// under a file-size limit (ulimit -f) a write past it fails with EFBIG instead of killing us,
// as a full disk fails with ENOSPC
process.on('SIGXFSZ', () => {});
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
say({ event: 'start' });
try {
  restoreArchive(file, backup);
  say({ event: 'done' });
} catch (error) {
  say({
    event: 'error',
    code: error instanceof ApiError ? error.code : 'INTERNAL',
    message: (error as Error).message,
  });
  process.exitCode = 1;
}
