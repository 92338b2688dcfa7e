/**
 * How the CLI reaches the archive: which file (--db, else the data folder), who the author is,
 * opening it through the typed API in this process (the handlers the app's database worker
 * runs), and which unit --unit names.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitInfo } from '../../core/api';
import type { ArchiveConnection } from '../services/archive/client';
import { openArchiveInProcess } from '../services/archive/in-process';
import { defaultArchivePath } from '../services/paths';
import { CliError } from './io';
import type { CliValues } from './options';

export function archivePath(values: CliValues): string {
  return path.resolve(values.db ?? defaultArchivePath());
}

export function author(values: CliValues): string {
  if (values.author?.trim()) return values.author.trim();
  if (process.env.NIANBAO_AUTHOR?.trim()) return process.env.NIANBAO_AUTHOR.trim();
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

/** Opens the archive for a command; a damaged or unreadable archive stops it (exit 2). */
export async function openArchive(
  values: CliValues,
  options: { create?: boolean; allowBroken?: boolean } = {},
): Promise<ArchiveConnection> {
  const file = archivePath(values);
  if (options.create === false) {
    try {
      await fs.access(file);
    } catch {
      throw new CliError(`档案库文件不存在：${file}（用 --db 指定档案库）`);
    }
  }
  // today's automatic backup, as the app makes it (not while repairing a broken archive)
  const connection = await openArchiveInProcess(file, { dailyBackup: !options.allowBroken });
  if (connection.openError && !options.allowBroken) {
    await connection.close();
    throw new CliError(connection.openError.message);
  }
  return connection;
}

/**
 * The unit a name (current or former) or id names, as the archive finds it; similar names are
 * suggested otherwise. A unit merged into another leads to that one, unless `follow` is false.
 */
export async function findUnit(
  connection: ArchiveConnection,
  name: string | undefined,
  { follow = true } = {},
): Promise<UnitInfo> {
  if (!name?.trim()) throw new CliError('需要 --unit <单位名称>。');
  const { unit, similar } = await connection.service.findUnit({ name, follow });
  if (unit) return unit;
  throw new CliError(
    `档案库中没有名为“${name}”的单位。${similar.length ? `相近的单位：${similar.map((u) => u.name).join('、')}。` : '可用 nianbao archive list 查看所有单位。'}`,
  );
}
