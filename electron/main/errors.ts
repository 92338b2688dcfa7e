/**
 * The main process's own errors: an exception nothing caught, a promise rejected with nobody
 * waiting, a start that failed. The technical detail (stack, English system error) goes to the
 * log file in the data folder (../services/log.ts); the clerk is shown a Chinese message that
 * says what happened, what to do and where the log is. Electron-free: main.ts passes how a
 * message is shown (dialog.showErrorBox, which works even before the app is ready).
 */
import { ApiError } from '../../core/api';
import { internalErrorMessage, logError, logFile } from '../services/log';

export interface ErrorNotice {
  readonly title: string;
  readonly message: string;
}

export const STARTUP_TITLE = '年报无法启动';
export const INTERNAL_TITLE = '年报出错';
/** Errors in a burst are all logged, but shown once in this time (ms): no wall of dialogs. */
export const SHOW_INTERVAL_MS = 60_000;

/** Why the start failed, for the clerk: the archive's own message, or what to do. */
export function startupMessage(error: unknown, file = logFile()): string {
  // the archive's and the services' messages are written for the clerk already
  if (error instanceof ApiError) return `${error.message}（详细信息见日志文件“${file}”。）`;
  return `年报启动时出错，已有的数据没有改动。请重新打开年报；如果仍然无法启动，请重新启动电脑，或把日志文件“${file}”发给技术人员。`;
}

/** Logs a failed start and shows its message; returns what was shown. */
export function reportStartupFailure(
  error: unknown,
  show: (notice: ErrorNotice) => void,
  file = logFile(),
): ErrorNotice {
  logError('main process: start failed', error, file);
  const notice = { title: STARTUP_TITLE, message: startupMessage(error, file) };
  show(notice);
  return notice;
}

/**
 * Catches what nothing else caught in the main process (`uncaughtException`,
 * `unhandledRejection`): logged, and shown in Chinese at most once per SHOW_INTERVAL_MS.
 */
export function installMainErrorHandlers(
  proc: Pick<NodeJS.EventEmitter, 'on'>,
  show: (notice: ErrorNotice) => void,
  options: { file?: string; now?: () => number } = {},
): void {
  const file = options.file ?? logFile();
  const now = options.now ?? Date.now;
  let shownAt = -Infinity;
  const handle = (context: string) => (error: unknown) => {
    logError(`main process: ${context}`, error, file);
    if (now() - shownAt < SHOW_INTERVAL_MS) return;
    shownAt = now();
    try {
      show({
        title: INTERNAL_TITLE,
        message: internalErrorMessage(file, '年报程序出错'),
      });
    } catch (showError) {
      // no way to show it (the app is going away): it is in the log
      logError('main process: showing an error', showError, file);
    }
  };
  proc.on('uncaughtException', handle('uncaught exception'));
  proc.on('unhandledRejection', handle('unhandled rejection'));
}
