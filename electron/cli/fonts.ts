/**
 * `nianbao fonts [--font-dir <文件夹>]… [--json]`: which font prints each part of the report,
 * which are stand-ins for missing official fonts, the glyph fallbacks and the folders searched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeFonts,
  fontDirs,
  loadFontSet,
  scanFonts,
  type FontsInfo,
} from '../services/pdf/fonts';
import type { Io } from './io';

export const FONTS_USAGE = `用法：nianbao fonts [--font-dir <文件夹>]… [--json]
  列出打印 PDF 时各部分所用的字体（标题、正文、一级标题、二级标题、宋体），
  哪些是代用字体（本机没有公文字体时使用随软件提供的字体），缺字时的后备字体和查找过的文件夹。
  --font-dir  只在这些文件夹（含子文件夹）中查找字体，可重复；默认查找系统字体文件夹，
              或环境变量 NIANBAO_FONT_DIRS 列出的文件夹（为空时只用随软件提供的字体）
  --json      以 JSON 输出`;

function sourceLabel(source: 'system' | 'bundled', file: string): string {
  return source === 'bundled' ? '随软件提供' : `系统字体 ${file}`;
}

/** The text report of a font set. */
export function formatFonts(info: FontsInfo, faceCount?: number): string {
  const lines: string[] = ['打印 PDF 所用字体：'];
  for (const role of info.roles) {
    lines.push(
      `  ${role.label}：${role.family}（${role.postscriptName}，${sourceLabel(role.source, role.file)}）`,
    );
    for (const name of role.refused) {
      lines.push(`      未使用 ${name}：字体的授权不允许嵌入 PDF`);
    }
    if (role.standIn) {
      lines.push(`      代用：未找到 ${role.wanted}，使用 ${role.family}`);
    }
  }
  lines.push('');
  lines.push(`缺字时依次使用：${info.fallbacks.map((f) => f.family).join('、')}`);
  for (const f of info.fallbacks) lines.push(`  ${f.family}：${sourceLabel(f.source, f.file)}`);
  lines.push('');
  if (info.searched.length === 0) {
    lines.push('没有查找系统字体，只使用随软件提供的字体。');
  } else {
    const count = faceCount === undefined ? '' : `（共找到 ${faceCount} 个字体）`;
    lines.push(`查找过的字体文件夹${count}：`);
    for (const dir of info.searched) lines.push(`  ${dir}`);
  }
  const missing = info.roles.filter((r) => r.standIn);
  if (missing.length) {
    lines.push('');
    lines.push(
      `提示：安装 ${[...new Set(missing.map((r) => r.wanted))].join('、')} 后，打印效果符合公文格式。`,
    );
  }
  return lines.join('\n');
}

export async function runFonts(argv: readonly string[], io: Io): Promise<number> {
  let values: { json?: boolean; help?: boolean; 'font-dir'?: string[] };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        'font-dir': { type: 'string', multiple: true },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    const message = (error as Error).message.replace(
      /^.*Unknown option '([^']+)'.*$/s,
      '未知选项：$1',
    );
    io.err(`${message}\n${FONTS_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(FONTS_USAGE);
    return 0;
  }
  if (positionals.length) {
    io.err(`nianbao fonts 不需要参数：${positionals.join(' ')}\n${FONTS_USAGE}`);
    return 2;
  }
  const given = values['font-dir'];
  if (given) {
    const missing = given.filter((dir) => {
      try {
        return !fs.statSync(dir).isDirectory();
      } catch {
        return true;
      }
    });
    if (missing.length) {
      io.err(`找不到字体文件夹：${missing.map((d) => path.resolve(d)).join('、')}`);
      return 2;
    }
  }
  const dirs = fontDirs(given);
  const set = loadFontSet({ dirs });
  const info = describeFonts(set);
  if (values.json) {
    io.out(JSON.stringify(info, null, 2));
    return 0;
  }
  io.out(formatFonts(info, scanFonts(dirs).faces.length));
  return 0;
}
