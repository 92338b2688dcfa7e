import { main } from './main';
import { processIo } from './io';

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`内部错误：${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
