// Where the archive lives: a warning (Chinese) when the data folder is on a network file system
// or a UNC path, where SQLite's WAL can corrupt the file; none on a local disk.
import { describe, expect, it } from 'vitest';
import { mountType, storageWarning } from '../../db/storage';
import { tempArchive } from '../helpers/archive';

const MOUNTS = [
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  '/dev/sda1 / ext4 rw,relatime,errors=remount-ro 0 0',
  '/dev/sda2 /home ext4 rw,relatime 0 0',
  'fileserver:/export/office /home/office/share nfs4 rw,relatime,vers=4.2 0 0',
  '//nas/公文 /mnt/nas cifs rw,relatime,vers=3.0 0 0',
  '//nas/backup /mnt/nas/local-looking ext4 rw 0 0',
  '/dev/sdb1 /media/usb\\040disk vfat rw 0 0',
  'sshfs#me@host: /home/me/remote fuse.sshfs rw 0 0',
  'tmpfs /tmp tmpfs rw,nosuid,nodev 0 0',
  '',
  'garbage-line-without-fields',
].join('\n');

const mounts = () => MOUNTS;

describe('mountType', () => {
  it('the longest mount point holding the folder wins', () => {
    expect(mountType('/home/alice/年报', MOUNTS)).toBe('ext4');
    expect(mountType('/home/office/share/年报/data', MOUNTS)).toBe('nfs4');
    expect(mountType('/home/office/share', MOUNTS)).toBe('nfs4');
    expect(mountType('/mnt/nas/年报', MOUNTS)).toBe('cifs');
    expect(mountType('/mnt/nas/local-looking/x', MOUNTS)).toBe('ext4');
    expect(mountType('/var/lib/nianbao', MOUNTS)).toBe('ext4');
    expect(mountType('/tmp/x', MOUNTS)).toBe('tmpfs');
  });

  it('a prefix of a name is not a mount of it (/home/officer is not under /home/office)', () => {
    expect(mountType('/home/office/shared', MOUNTS)).toBe('ext4');
    expect(mountType('/mnt/nasty', MOUNTS)).toBe('ext4');
  });

  it('escaped spaces in mount points (\\040)', () => {
    expect(mountType('/media/usb disk/年报', MOUNTS)).toBe('vfat');
  });

  it('relative folders are resolved; no mounts at all → null', () => {
    expect(mountType('.', '/dev/sda1 / ext4 rw 0 0')).toBe('ext4');
    expect(mountType('/anything', '')).toBeNull();
  });
});

describe('storageWarning', () => {
  it('warns (in Chinese) for NFS, CIFS and sshfs folders, naming the type', () => {
    for (const [dir, type] of [
      ['/home/office/share/年报', 'nfs4'],
      ['/mnt/nas/年报', 'cifs'],
      ['/home/me/remote/data', 'fuse.sshfs'],
    ] as const) {
      const warning = storageWarning(dir, 'linux', mounts);
      expect(warning, dir).not.toBeNull();
      expect(warning).toContain('网络');
      expect(warning).toContain(type);
      expect(warning).toContain(dir);
      expect(warning).toContain('本机硬盘');
      expect(warning).toContain('NIANBAO_DATA_DIR');
    }
  });

  it('no warning on a local disk', () => {
    expect(storageWarning('/home/alice/年报', 'linux', mounts)).toBeNull();
    expect(storageWarning('/mnt/nas/local-looking/x', 'linux', mounts)).toBeNull();
    expect(storageWarning('/tmp/x', 'linux', mounts)).toBeNull();
  });

  it('UNC paths warn on any platform; //server/share only where Windows reads it as one', () => {
    const local = () => '/dev/sda1 / ext4 rw 0 0';
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      for (const dir of ['\\\\server\\share\\年报', '\\\\fileserver\\公文\\data']) {
        const warning = storageWarning(dir, platform, local);
        expect(warning, `${platform} ${dir}`).toContain('网络共享');
      }
    }
    expect(storageWarning('//server/share/年报', 'win32', local)).toContain('网络共享');
    // on Linux, //home/me is the local folder /home/me
    expect(storageWarning('//home/me/年报', 'linux', local)).toBeNull();
  });

  it('other platforms: no mounts table, a local path gives no warning', () => {
    const neverRead = () => {
      throw new Error('not read on this platform');
    };
    expect(
      storageWarning('C:\\Users\\me\\AppData\\Roaming\\nianbao', 'win32', neverRead),
    ).toBeNull();
    expect(storageWarning('/Users/me/Library/nianbao', 'darwin', neverRead)).toBeNull();
  });

  it('an unreadable mounts table gives no warning (and no crash)', () => {
    const broken = () => {
      throw new Error('EACCES');
    };
    expect(storageWarning('/home/alice', 'linux', broken)).toBeNull();
  });

  it("the archive's info() carries the warning for its folder (none for a local temp folder)", async () => {
    const t = await tempArchive();
    const info = t.archive.archiveInfo();
    expect(info.warning).toBe(storageWarning(t.dir));
    expect(info.path).toBe(t.file);
    expect(info.bytes).toBeGreaterThan(0);
  });
});
