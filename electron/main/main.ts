/**
 * Electron's main process: thin wiring of the pure modules beside it.
 *
 *   command line   `--db <archive.sqlite>` (args.ts), else archive.sqlite in the data folder
 *   before ready   app:// scheme privileges, sandbox for every renderer, the single-instance lock
 *                  (a second start focuses the first window), userData under NIANBAO_DATA_DIR
 *                  when that is set (tests, portable use)
 *   ready          security (security.ts), the app:// protocol (protocol.ts), IPC (ipc.ts) over
 *                  the API, the menu (menu.ts), the window (window.ts, window-state.ts)
 *   services       the archive in its worker thread (openArchiveWorker) and the PDF renderer in
 *                  its own (openPdfWorker), composed into the API (composeService); they start while
 *                  the window loads, calls made before wait for them
 *   will-quit      IPC unregistered, both workers closed, then quit
 *
 * Files: the page opens files with <input type=file> (Electron shows the native open dialog)
 * and saves with <a download> (Electron's default download handling shows the native save
 * dialog: no 'will-download' handler is needed, none is installed). Printing: the preview draws
 * the PDF with pdf.js; Chromium's PDF viewer is not used (`plugins: false`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, session } from 'electron';
import type { ApiService } from '../../core/api';
import { CRASH_LOOP_MESSAGE, ReloadLimiter } from './crash';
import { installMainErrorHandlers, reportStartupFailure, type ErrorNotice } from './errors';
import { openArchiveWorker } from '../services/archive/client';
import { openPdfWorker } from '../services/pdf/client';
import { dataDir, defaultArchivePath } from '../services/paths';
import { archiveFromArgs } from './args';
import { APP_INDEX_URL, MENU_CHANNEL, type MenuAction } from './channels';
import { createIpcHandlers, deferApi, registerIpc, trustedSenderCheck } from './ipc';
import { aboutText, menuTemplate } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { applySecurity } from './security';
import { windowOptions } from './window';
import { WINDOW_STATE_FILE, loadWindowState, saveWindowState, stateOf } from './window-state';

// dist/main.cjs: the renderer, the preload and the workers are beside it
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, 'renderer');
const PRELOAD = path.join(here, 'preload.cjs');
/** How long the workers get to close at quit. */
const CLOSE_TIMEOUT_MS = 5000;

const log = (message: string) => console.warn(`[年报] ${message}`);

interface Services {
  /** Each payload validated by the IPC handler before it gets here. */
  readonly api: ApiService;
  close(): Promise<void>;
}

async function openServices(): Promise<Services> {
  // the PDF service (PDFKit, fontkit) is loaded only now, off the window's startup path
  const [archive, { composeService }] = await Promise.all([
    openArchiveWorker(archiveFromArgs(process.argv.slice(1), defaultArchivePath()), {
      dailyBackup: true,
    }),
    import('../services/pdf/service'),
  ]);
  const renderer = openPdfWorker();
  return {
    api: composeService(archive, renderer),
    async close() {
      await Promise.allSettled([archive.close(), renderer.close()]);
    },
  };
}

let mainWindow: BrowserWindow | null = null;

function focusWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function sendMenuAction(action: MenuAction): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_CHANNEL, action);
}

function showAbout(): void {
  const text = aboutText(app.getVersion(), process.versions);
  const options = { type: 'info' as const, buttons: ['确定'], noLink: true, ...text };
  if (mainWindow && !mainWindow.isDestroyed()) void dialog.showMessageBox(mainWindow, options);
  else void dialog.showMessageBox(options);
}

function createWindow(onContentsGone: (contentsId: number) => void): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map(
    (d) => d.workArea,
  );
  const state = loadWindowState(stateFile, areas);
  const win = new BrowserWindow(windowOptions(state, PRELOAD));
  const contents = win.webContents;
  const contentsId = contents.id;

  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    saveWindowState(stateFile, stateOf(win.getNormalBounds(), win.isMaximized()));
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  contents.on('destroyed', () => onContentsGone(contentsId));
  // the page refused to unload (unsaved edits): ask, natively
  contents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['关闭', '取消'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      title: '年报',
      message: '报告还有未保存的修改，确定要关闭吗？',
    });
    if (choice === 0) event.preventDefault();
  });
  const reloads = new ReloadLimiter();
  contents.on('render-process-gone', (_event, details) => {
    log(`页面进程退出（${details.reason}）。`);
    onContentsGone(contentsId);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    if (reloads.shouldReload(Date.now())) {
      contents.reload();
      return;
    }
    log('页面进程反复退出，不再自动重新加载。');
    dialog.showMessageBoxSync(win, {
      type: 'error',
      buttons: ['确定'],
      noLink: true,
      title: '年报',
      message: CRASH_LOOP_MESSAGE,
    });
  });
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Shows an error in Chinese (works before the app is ready too). */
const showError = (notice: ErrorNotice) => dialog.showErrorBox(notice.title, notice.message);

function fatal(error: unknown): void {
  log(`无法启动：${error instanceof Error ? error.message : String(error)}`);
  reportStartupFailure(error, showError);
  app.exit(1);
}

async function start(): Promise<void> {
  applySecurity(app, session.defaultSession, log);
  handleAppProtocol(protocol, RENDERER_DIR);

  const services = openServices();
  services.catch((error: unknown) => {
    log(`后台服务无法启动：${String(error)}`);
    reportStartupFailure(error, showError);
  });
  const handlers = createIpcHandlers(
    deferApi(services.then((s) => s.api)),
    trustedSenderCheck(() =>
      mainWindow && !mainWindow.isDestroyed()
        ? { id: mainWindow.webContents.id, mainFrame: mainWindow.webContents.mainFrame }
        : null,
    ),
    log,
  );
  const unregister = registerIpc(ipcMain, handlers);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        packaged: app.isPackaged,
        platform: process.platform,
        send: sendMenuAction,
        about: showAbout,
      }),
    ),
  );
  mainWindow = createWindow((id) => handlers.abortSender(id));

  app.on('window-all-closed', () => app.quit());

  let closed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    unregister();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    const closeAll = services.then(
      (s) => s.close(),
      () => undefined,
    );
    void Promise.race([closeAll, timeout]).finally(() => {
      closed = true;
      app.quit();
    });
  });
}

// --- before ready ------------------------------------------------------------------------------

// what nothing else catches: to the log file, and a Chinese message for the clerk
installMainErrorHandlers(process, showError);
registerAppScheme(protocol);
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId('cn.gov.nianbao');
// with NIANBAO_DATA_DIR (tests, a portable setup) the browser profile and window state live there too
if (process.env.NIANBAO_DATA_DIR) app.setPath('userData', path.join(dataDir(), 'electron'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.whenReady().then(start).catch(fatal);
}
