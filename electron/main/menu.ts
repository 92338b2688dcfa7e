/**
 * The native menu, in Chinese. Items that act on the page (new report, import, save, print)
 * send 'nianbao:menu' with an action name to the window (the page subscribes with
 * `nianbaoShell.onMenu`); editing and zoom use Electron's roles; 关于年报 shows a message box
 * with the version. The template is a pure function of its options.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from './channels';

export interface MenuOptions {
  /** A packaged build (no developer tools, no reload). */
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
  /** Sends an action to the page. */
  readonly send: (action: MenuAction) => void;
  /** Shows the about box. */
  readonly about: () => void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const action = (label: string, name: MenuAction, accelerator?: string) =>
    ({
      label,
      ...(accelerator ? { accelerator } : {}),
      click: () => options.send(name),
    }) satisfies MenuItemConstructorOptions;

  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      action('新建本年度报告', 'new-report', 'CmdOrCtrl+N'),
      action('导入…', 'import', 'CmdOrCtrl+O'),
      { type: 'separator' },
      action('保存', 'save', 'CmdOrCtrl+S'),
      action('打印…', 'print', 'CmdOrCtrl+P'),
      { type: 'separator' },
      { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { label: '撤销', role: 'undo' },
      { label: '重做', role: 'redo' },
      { type: 'separator' },
      { label: '剪切', role: 'cut' },
      { label: '复制', role: 'copy' },
      { label: '粘贴', role: 'paste' },
      { label: '全选', role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { label: '实际大小', role: 'resetZoom' },
      { type: 'separator' },
      { label: '全屏', role: 'togglefullscreen' },
      ...(options.packaged
        ? []
        : ([
            { type: 'separator' },
            { label: '重新加载（开发）', role: 'reload' },
            { label: '开发者工具（开发）', role: 'toggleDevTools' },
          ] satisfies MenuItemConstructorOptions[])),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '帮助',
    submenu: [{ label: '关于年报', click: () => options.about() }],
  };
  const menus = [file, edit, view, help];
  // macOS puts the application's own menu first
  return options.platform === 'darwin' ? [{ label: '年报', role: 'appMenu' }, ...menus] : menus;
}

/** The about box's text. */
export function aboutText(
  version: string,
  versions: Partial<NodeJS.ProcessVersions>,
): {
  title: string;
  message: string;
  detail: string;
} {
  const runtime = [
    versions.electron ? `Electron ${versions.electron}` : null,
    versions.chrome ? `Chromium ${versions.chrome}` : null,
    versions.node ? `Node.js ${versions.node}` : null,
  ].filter(Boolean);
  return {
    title: '关于年报',
    message: `年报 Nianbao ${version}`,
    detail: [
      '政府信息公开工作年度报告的编制、审核、比对、归档与打印。',
      '全部离线运行，不联网。',
      '',
      `版本 ${version}`,
      ...(runtime.length ? [runtime.join(' · ')] : []),
    ].join('\n'),
  };
}
