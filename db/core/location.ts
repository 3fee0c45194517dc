import { chmodSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';

/**
 * Where the data folder lives. SQLite's locking is unreliable over network file systems, which
 * corrupts databases (https://www.sqlite.org/howtocorrupt.html §2.1), so a data folder on a
 * network share is refused for a new installation and warned about for an existing one.
 */

export interface MountEntry {
  source: string;
  mountPoint: string;
  fsType: string;
}

/** File systems reached over a network (Linux /proc/mounts names). */
const NETWORK_FS = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'ncpfs',
  'afs',
  'ceph',
  'glusterfs',
  'lustre',
  'gfs2',
  'ocfs2',
  'davfs',
  '9p',
  'fuse.sshfs',
  'fuse.davfs2',
  'fuse.glusterfs',
  'fuse.rclone',
  'fuse.cephfs',
]);

/** /proc/mounts lines: `source mountpoint fstype options 0 0`, spaces in names escaped as \040. */
export function parseMounts(text: string): MountEntry[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([source, mountPoint, fsType]) => ({ source: unescape(source!), mountPoint: unescape(mountPoint!), fsType: fsType! }));
}

/** A UNC path (\\server\share, //server/share, \\?\UNC\server\share), named by its share. */
export function uncShare(path: string): string | null {
  const m = /^(?:\\\\\?\\UNC\\|[\\/]{2}(?![?.][\\/]))([^\\/]+)[\\/]+([^\\/]+)/i.exec(path);
  return m ? `\\\\${m[1]}\\${m[2]}` : null;
}

export interface LocationEnv {
  platform: NodeJS.Platform;
  /** Contents of /proc/mounts (Linux); null where there is none. */
  mounts: string | null;
  /** The real path of the folder: on Windows a mapped network drive resolves to its UNC share. */
  realpath(path: string): string;
  exists(path: string): boolean;
}

function nodeEnv(): LocationEnv {
  return {
    platform: process.platform,
    mounts: process.platform === 'linux' && existsSync('/proc/mounts') ? readFileSync('/proc/mounts', 'utf8') : null,
    realpath: (p) => realpathSync.native(p),
    exists: existsSync,
  };
}

/** The real path of `dir`, resolved through its nearest existing folder (the data folder may not exist yet). */
function realLocation(dir: string, env: LocationEnv): string {
  const path = env.platform === 'win32' ? win32 : posix;
  let head = path.resolve(dir);
  const tail: string[] = [];
  while (!env.exists(head) && path.dirname(head) !== head) {
    tail.unshift(path.basename(head));
    head = path.dirname(head);
  }
  try {
    return path.join(env.realpath(head), ...tail);
  } catch {
    return dir; // unreadable: judge by the path as given
  }
}

/**
 * Why `dir` is on a network drive, in Chinese (naming the share or the mount), or null when it
 * is local. Windows: UNC paths and mapped drives (which resolve to a UNC path); Linux: the file
 * system type of the mount holding the folder.
 */
export function networkLocation(dir: string, env: LocationEnv = nodeEnv()): string | null {
  const direct = uncShare(dir);
  if (direct) return `网络共享 ${direct}`;
  const real = realLocation(dir, env);
  const viaDrive = uncShare(real);
  if (viaDrive) return `映射到网络共享 ${viaDrive} 的网络驱动器`;
  if (env.platform === 'win32' || env.mounts === null) return null;
  const target = posix.normalize(real);
  const mount = parseMounts(env.mounts)
    .filter((m) => target === m.mountPoint || target.startsWith(m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`))
    .sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
  if (mount && NETWORK_FS.has(mount.fsType)) return `网络文件系统 ${mount.fsType}（${mount.source} 挂载于 ${mount.mountPoint}）`;
  return null;
}

export const networkLocationMessage = (dir: string, where: string) =>
  `数据目录 ${dir} 位于${where}上。SQLite 数据库在网络驱动器上可能因文件锁失效而损坏，请把数据目录放在本机硬盘上。`;

/**
 * Owner-only access to the data folder (0700) and the files in it (0600) on POSIX systems; returns
 * the paths whose mode could not be set (e.g. owned by another account), for a warning.
 * On Windows, mode bits do not carry access rights; the data folder lies in the user's profile
 * (%APPDATA%), whose ACL grants only the user, SYSTEM and Administrators, and the files inherit it.
 */
export function restrictPermissions(dir: string, files: readonly string[], platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return [];
  const failed: string[] = [];
  const restrict = (path: string, mode: number) => {
    try {
      chmodSync(path, mode);
    } catch {
      failed.push(path);
    }
  };
  restrict(dir, 0o700);
  for (const name of files) {
    const path = join(dir, name);
    if (existsSync(path)) restrict(path, 0o600);
  }
  return failed;
}
