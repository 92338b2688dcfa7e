/**
 * Browser mode (bundled as dist/bridge.cjs): opens the archive in the database worker and the
 * PDF worker, composes the typed API and serves it with the renderer's build on 127.0.0.1
 * (server.ts), then prints the link to open. Runs until Ctrl+C / SIGTERM, which close the
 * workers cleanly.
 *
 *   node dist/bridge.cjs [--db <archive.sqlite>] [--port <n>] [--print-json]
 *
 * An archive that cannot be opened (damaged, written by a newer version, not an archive) does
 * not stop the bridge: every API call then answers that error (ApiError with its code and the
 * recovery advice), so the window can show it, and restoreBackup / listBackups / verify still
 * work. Only an archive whose worker cannot start at all ends the program (exit 2).
 * A second bridge on the same archive is refused (exit 2) and prints the first one's link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openArchiveWorker, type ArchiveConnection } from '../services/archive/client';
import { openPdfWorker } from '../services/pdf/client';
import { composeService, type PdfRenderer } from '../services/pdf/service';
import { defaultArchivePath } from '../services/paths';
import { acquireBridgeLock, lockFileOf, realArchivePath, type BridgeLock } from './lock';
import { createBridge, type Bridge } from './server';

const HELP = `年报 浏览器模式 / Nianbao browser mode

用法 / Usage:
  node dist/bridge.cjs [--db <档案库.sqlite>] [--port <端口>] [--print-json]

  --db <文件>     档案库文件（默认：数据文件夹中的 archive.sqlite）
                  the archive file (default: archive.sqlite in the data folder)
  --port <端口>   监听的端口（默认 0：自动选择）/ the port (default 0: any free port)
  --print-json    在标准输出打印一行 {"url","port"}（供程序读取）
                  print one JSON line {"url","port"} on standard output
`;

const EXIT_USAGE = 2;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(EXIT_USAGE);
}

/** dist/renderer beside this bundle (or beside the sources' dist/). */
function rendererDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'renderer'), path.resolve(here, '../../dist/renderer')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'index.html'))) ?? null;
}

function parse(argv: readonly string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        'print-json': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    fail(`命令行参数有误 / wrong arguments: ${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  let port = 0;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/u.test(values.port) || Number(values.port) > 65535) {
      fail(`端口应为 0–65535 之间的整数 / the port must be 0–65535: ${values.port}`);
    }
    port = Number(values.port);
  }
  return {
    file: path.resolve(values.db ?? defaultArchivePath()) as string,
    port,
    printJson: values['print-json'] === true,
  };
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  // with --print-json, standard output carries the JSON line only
  const say = (text: string) =>
    (options.printJson ? process.stderr : process.stdout).write(`${text}\n`);

  const staticDir = rendererDir();
  if (!staticDir) {
    fail(
      '界面尚未构建：请先运行 npm run build。\nThe user interface is not built: run npm run build.',
    );
  }
  try {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
  } catch (error) {
    fail(
      `无法创建档案库所在的文件夹 / cannot create the archive's folder: ${path.dirname(options.file)}（${(error as Error).message}）`,
    );
  }

  // one name for one file: a symbolic link to the archive leads to the same lock and file
  options.file = realArchivePath(options.file);
  let taken: ReturnType<typeof acquireBridgeLock>;
  try {
    taken = acquireBridgeLock(options.file);
  } catch (error) {
    // without the lock a second bridge could serve the same archive: refuse to start
    fail(
      `无法创建锁文件“${lockFileOf(options.file)}”（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}），浏览器模式没有启动：没有它，另一个年报程序可能同时打开这个档案库。请检查档案库所在文件夹的写入权限，或用 --db 选择另一个位置。\n` +
        `Cannot create the lock file; the browser mode did not start.`,
    );
  }
  if (!taken.ok) {
    const link = taken.holder.url ? `\n请打开 / open: ${taken.holder.url}` : '';
    fail(
      `这个档案库已经在另一个浏览器模式窗口中打开（进程 ${taken.holder.pid}）。${link}\n` +
        `This archive is already served by another browser-mode process (pid ${taken.holder.pid}).\n` +
        `如果那个程序已经不在运行，请删除 / if it is not running, delete: ${taken.file}`,
    );
  }
  const lock: BridgeLock = taken.lock;
  process.on('exit', () => lock.release());

  let connection: ArchiveConnection;
  try {
    connection = await openArchiveWorker(options.file, { dailyBackup: true });
  } catch (error) {
    lock.release();
    fail(`无法打开档案库 / cannot open the archive: ${options.file}\n${(error as Error).message}`);
  }
  if (connection.openError) {
    process.stderr.write(
      `注意：档案库无法打开（${connection.openError.code}）：${connection.openError.message}\n` +
        '界面中会显示这个问题，可以从备份恢复。The window shows this problem; a backup can be restored there.\n',
    );
  }
  const renderer: PdfRenderer = openPdfWorker();
  const api = composeService(connection, renderer);

  let bridge: Bridge;
  try {
    bridge = await createBridge({
      api,
      staticDir,
      port: options.port,
      // the link works once: the next one is kept in the lock file, where a second start finds it
      onNewLink: (url) => lock.update({ url, port: bridge.port }),
    });
  } catch (error) {
    await connection.close().catch(() => {});
    await renderer.close().catch(() => {});
    lock.release();
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'EADDRINUSE'
        ? `端口 ${options.port} 已被占用，请换一个端口或用 --port 0。\nPort ${options.port} is in use: choose another or --port 0.`
        : `无法启动浏览器模式 / cannot start the browser mode: ${(error as Error).message}`,
    );
  }
  lock.update({ url: bridge.url, port: bridge.port });

  say(
    [
      '',
      `浏览器模式：请在浏览器中打开 ${bridge.url}`,
      `Browser mode: open ${bridge.url} in your browser.`,
      '（此链接只在本机、本次运行期间有效，请勿发给他人。This link works on this computer only, while the program runs.）',
      `档案库 / Archive: ${options.file}`,
      '按 Ctrl+C 停止。Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = 0;
  const stop = (signal: string) => {
    if (stopping) {
      // Ctrl+C under `npm start` arrives twice at once (the terminal and the parent): only a
      // second Ctrl+C pressed later forces the exit
      if (Date.now() - stopping < 1000) return;
      process.stderr.write('强制退出。Forced exit.\n');
      process.exit(1);
    }
    stopping = Date.now();
    say(`正在停止（${signal}）… Stopping…`);
    // a worker that does not answer must not keep the program from ending
    setTimeout(() => {
      process.stderr.write('停止超时，强制退出。Stopping timed out.\n');
      process.exit(1);
    }, 15_000).unref();
    void (async () => {
      let code = 0;
      for (const step of [() => bridge.close(), () => connection.close(), () => renderer.close()]) {
        try {
          await step();
        } catch (error) {
          process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
          code = 1;
        }
      }
      lock.release();
      process.exit(code);
    })();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => stop(signal));
  }
  // last: whoever reads this line finds the bridge ready
  if (options.printJson) {
    process.stdout.write(`${JSON.stringify({ url: bridge.url, port: bridge.port })}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`内部错误 / internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(70);
});
