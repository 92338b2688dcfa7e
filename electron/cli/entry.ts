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
    process.stderr.write(`内部错误：${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
