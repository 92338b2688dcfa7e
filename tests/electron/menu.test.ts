// The native menu (Chinese labels, page actions, roles, no developer tools when packaged), the
// about text and the --db option.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { archiveFromArgs } from '../../electron/main/args';
import type { MenuAction } from '../../electron/main/channels';
import { aboutText, menuTemplate } from '../../electron/main/menu';

function build(packaged: boolean, platform: NodeJS.Platform = 'win32') {
  const sent: MenuAction[] = [];
  let about = 0;
  const menu = menuTemplate({
    packaged,
    platform,
    send: (a) => sent.push(a),
    about: () => about++,
  });
  return { menu, sent, about: () => about };
}

function items(menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const top = menu.find((m) => m.label === label);
  expect(top, label).toBeDefined();
  return (top!.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item!.click as () => void)();
}

describe('menuTemplate', () => {
  it('has 文件, 编辑, 视图, 帮助', () => {
    expect(build(true).menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    // macOS adds its application menu first
    expect(build(true, 'darwin').menu.map((m) => m.label)).toEqual([
      '年报',
      '文件',
      '编辑',
      '视图',
      '帮助',
    ]);
  });

  it('文件 sends page actions with their shortcuts, and quits', () => {
    const { menu, sent } = build(true);
    const file = items(menu, '文件');
    expect(file.map((i) => [i.label, i.accelerator ?? null, i.role ?? null])).toEqual([
      ['新建本年度报告', 'CmdOrCtrl+N', null],
      ['导入…', 'CmdOrCtrl+O', null],
      ['保存', 'CmdOrCtrl+S', null],
      ['打印…', 'CmdOrCtrl+P', null],
      ['退出', 'CmdOrCtrl+Q', 'quit'],
    ]);
    for (const item of file.slice(0, 4)) click(item);
    expect(sent).toEqual(['new-report', 'import', 'save', 'print']);
  });

  it('编辑 uses the editing roles', () => {
    const edit = items(build(true).menu, '编辑');
    expect(edit.map((i) => [i.label, i.role])).toEqual([
      ['撤销', 'undo'],
      ['重做', 'redo'],
      ['剪切', 'cut'],
      ['复制', 'copy'],
      ['粘贴', 'paste'],
      ['全选', 'selectAll'],
    ]);
  });

  it('视图 zooms and goes full screen; developer tools only in development', () => {
    const packaged = items(build(true).menu, '视图');
    expect(packaged.map((i) => [i.label, i.role])).toEqual([
      ['放大', 'zoomIn'],
      ['缩小', 'zoomOut'],
      ['实际大小', 'resetZoom'],
      ['全屏', 'togglefullscreen'],
    ]);
    const dev = items(build(false).menu, '视图');
    expect(dev.map((i) => i.role)).toContain('toggleDevTools');
    const roles = (m: MenuItemConstructorOptions[]): string[] =>
      m.flatMap((i) => [i.role ?? '', ...roles((i.submenu as MenuItemConstructorOptions[]) ?? [])]);
    expect(roles(build(true).menu)).not.toContain('toggleDevTools');
    expect(roles(build(true).menu)).not.toContain('reload');
  });

  it('帮助 → 关于年报 shows the about box', () => {
    const built = build(true);
    const help = items(built.menu, '帮助');
    expect(help.map((i) => i.label)).toEqual(['关于年报']);
    click(help[0]);
    expect(built.about()).toBe(1);
    expect(built.sent).toEqual([]);
  });
});

describe('aboutText', () => {
  it('states the version and the runtime', () => {
    const t = aboutText('0.1.0', { electron: '45.5.0', chrome: '140.0', node: '22.1.0' });
    expect(t.title).toBe('关于年报');
    expect(t.message).toBe('年报 Nianbao 0.1.0');
    expect(t.detail).toContain('版本 0.1.0');
    expect(t.detail).toContain('Electron 45.5.0 · Chromium 140.0 · Node.js 22.1.0');
    expect(t.detail).toContain('不联网');
  });
});

describe('archiveFromArgs', () => {
  const fallback = '/data/archive.sqlite';
  it('takes --db <file> or --db=<file>, among Electron and Chromium switches', () => {
    expect(archiveFromArgs(['.', '--db', 'a.sqlite'], fallback)).toBe(path.resolve('a.sqlite'));
    expect(
      archiveFromArgs(['--inspect=0', '--db=/x/b.sqlite', '--remote-debugging-port=0'], fallback),
    ).toBe('/x/b.sqlite');
  });
  it('falls back to the default archive', () => {
    expect(archiveFromArgs(['.'], fallback)).toBe(fallback);
    expect(archiveFromArgs(['.', '--db'], fallback)).toBe(fallback);
    expect(archiveFromArgs(['.', '--db', '--port'], fallback)).toBe(fallback);
    expect(archiveFromArgs(['.', '--db='], fallback)).toBe(fallback);
    expect(archiveFromArgs(['--', '--db', 'x'], fallback)).toBe(fallback);
  });
});
