/**
 * Where the archive lives by default: NIANBAO_DATA_DIR, else the user's data folder (no admin
 * rights needed): %APPDATA%\Nianbao on Windows, ~/Library/Application Support/Nianbao on
 * macOS, $XDG_DATA_HOME/nianbao (~/.local/share/nianbao) on Linux (UOS, Kylin).
 */
import os from 'node:os';
import path from 'node:path';

export const ARCHIVE_FILE_NAME = 'archive.sqlite';

export function dataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.NIANBAO_DATA_DIR) return path.resolve(env.NIANBAO_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Nianbao');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Nianbao');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'nianbao');
}

export function defaultArchivePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), ARCHIVE_FILE_NAME);
}
