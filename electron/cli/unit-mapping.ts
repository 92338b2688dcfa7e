/**
 * The unit mapping (对应表) of `archive import --units` and `archive import-exchange --units`:
 * a CSV of "文件,单位" lines, saved by the clerk from the lines an import printed for the files
 * whose unit needs confirming.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../../core/import';
import { CliError } from './io';

/** Reads a unit mapping file: "file,unit" lines (UTF-8 or GBK as Excel saves it). */
export async function readUnitMapping(file: string): Promise<Record<string, string>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch {
    throw new CliError(`无法读取单位对应表：${file}`);
  }
  const { text } = decodeText(bytes);
  const mapping: Record<string, string> = {};
  const base = path.dirname(path.resolve(file));
  for (const [i, line] of text.split(/\r?\n/u).entries()) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const cells = parseCsvLine(line);
    if (i === 0 && /^(?:文件|file)/iu.test(cells[0]?.trim() ?? '')) continue;
    const [name, unit] = [cells[0]?.trim() ?? '', cells[1]?.trim() ?? ''];
    if (!name || !unit) {
      throw new CliError(`单位对应表第 ${i + 1} 行应为“文件,单位名称”：${line}`);
    }
    mapping[name] = unit;
    mapping[path.resolve(base, name)] = unit;
  }
  return mapping;
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\t') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** A CSV cell, quoted when it needs to be. */
export const csvCell = (s: string) => (/[",\n]/u.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
