import { internalErrorMessage, logError } from '../services/log';
import { main } from './main';
import { processIo } from './io';

// `nianbao … | head`: a closed pipe ends the output quietly
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // no stack trace for the clerk: a Chinese message; the detail goes to the log file
    logError(`nianbao ${process.argv.slice(2).join(' ')}`, error);
    process.stderr.write(`${internalErrorMessage()}\n`);
    if (process.env.NIANBAO_DEBUG)
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
