/**
 * Where the archive lives: SQLite's WAL needs a local disk (shared memory between processes);
 * on a network share or a folder redirected to one it can corrupt the file. We warn.
 */
import fs from 'node:fs';
import path from 'node:path';

const NETWORK_FS = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  '9p',
  'afs',
  'ncpfs',
  'fuse.sshfs',
  'fuse.davfs2',
  'davfs',
  'fuse.rclone',
  'fuse.gvfsd-fuse',
]);

/** The file system type of the mount holding `dir`, read from /proc/mounts text. */
export function mountType(dir: string, mounts: string): string | null {
  let best: { point: string; type: string } | null = null;
  const target = path.resolve(dir);
  for (const line of mounts.split('\n')) {
    const [, rawPoint, type] = line.split(' ');
    if (!rawPoint || !type) continue;
    const point = rawPoint.replace(/\\040/g, ' ');
    const inside = target === point || target.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length > best.point.length)) best = { point, type };
  }
  return best?.type ?? null;
}

/**
 * A warning (Chinese) when the folder is on a network drive, or null. Windows: UNC paths
 * (\\server\share) are network paths; Linux: the mount's file system type.
 */
export function storageWarning(
  dir: string,
  platform: NodeJS.Platform = process.platform,
  readMounts: () => string = () => fs.readFileSync('/proc/mounts', 'utf8'),
): string | null {
  const warn = (where: string) =>
    `档案库所在的文件夹（${dir}）${where}。SQLite 档案库必须放在本机硬盘上，放在网络位置可能导致数据损坏。请在设置中把数据文件夹改到本机硬盘（或设置 NIANBAO_DATA_DIR）。`;
  // \\server\share (and //server/share, which Windows reads the same way; a local path on Linux)
  if (/^\\\\[^\\/]+[\\/]/u.test(dir) || (platform === 'win32' && /^\/\/[^\\/]+\//u.test(dir))) {
    return warn('是网络共享路径');
  }
  if (platform !== 'linux') return null;
  let mounts: string;
  try {
    mounts = readMounts();
  } catch {
    return null;
  }
  const type = mountType(dir, mounts);
  return type && NETWORK_FS.has(type) ? warn(`在网络文件系统（${type}）上`) : null;
}
