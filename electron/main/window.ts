/**
 * The one window's options: the security settings of Electron's checklist (context isolation,
 * sandboxed renderer, no Node, no <webview>) and its size, from the remembered state.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_HEIGHT, MIN_WIDTH, type WindowState } from './window-state';

export const WINDOW_TITLE = '年报 — 政府信息公开工作年度报告';

export function windowOptions(
  state: WindowState,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: Math.max(MIN_WIDTH, state.width),
    height: Math.max(MIN_HEIGHT, state.height),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: WINDOW_TITLE,
    // shown once the page has painted (no white flash, no half-drawn window)
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Chinese text: the English dictionary would underline everything (and could download)
      spellcheck: false,
      // no PDF viewer plugin: the print preview draws the PDF with pdf.js on canvases, and no
      // page embeds a PDF (no iframe, embed or object; new windows are denied)
      plugins: false,
    },
  };
}
