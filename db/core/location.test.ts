import { describe, expect, it } from 'vitest';
import { networkLocation, parseMounts, uncShare, type LocationEnv } from './location';

const MOUNTS = `/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid 0 0
fileserver:/export/home /home nfs4 rw,vers=4.2 0 0
//nas/保密\\040资料 /mnt/nas cifs rw,vers=3.0 0 0
/dev/sdb1 /home/local ext4 rw 0 0
user@host:/srv /media/sshfs fuse.sshfs rw 0 0
`;

const linux = (overrides: Partial<LocationEnv> = {}): LocationEnv => ({ platform: 'linux', mounts: MOUNTS, realpath: (p) => p, exists: () => true, ...overrides });
const windows = (realpath: (p: string) => string = (p) => p): LocationEnv => ({ platform: 'win32', mounts: null, realpath, exists: () => true });

describe('data folder on a network drive', () => {
  it('reads /proc/mounts, spaces escaped as \\040', () => {
    expect(parseMounts(MOUNTS)[3]).toEqual({ source: '//nas/保密 资料', mountPoint: '/mnt/nas', fsType: 'cifs' });
  });

  it('finds nfs, cifs and sshfs mounts by the longest mount point holding the folder', () => {
    expect(networkLocation('/home/wang/.config/保密台账/data', linux())).toBe('网络文件系统 nfs4（fileserver:/export/home 挂载于 /home）');
    expect(networkLocation('/mnt/nas/台账', linux())).toContain('cifs');
    expect(networkLocation('/media/sshfs/x', linux())).toContain('fuse.sshfs');
    // A local disk mounted below a network one is local.
    expect(networkLocation('/home/local/data', linux())).toBeNull();
    expect(networkLocation('/var/lib/baomi', linux())).toBeNull();
    expect(networkLocation('/tmp/x', linux())).toBeNull();
    // /home2 is not under /home.
    expect(networkLocation('/home2/data', linux())).toBeNull();
  });

  it('judges a folder that does not exist yet by where it would be, following symbolic links', () => {
    const env = linux({ exists: (p) => p === '/' || p === '/srv' || p === '/srv/link', realpath: (p) => (p === '/srv/link' ? '/mnt/nas/real' : p) });
    expect(networkLocation('/srv/link/data/new', env)).toBe('网络文件系统 cifs（//nas/保密 资料 挂载于 /mnt/nas）');
  });

  it('refuses UNC paths and mapped network drives on Windows; a local drive is fine', () => {
    expect(uncShare('\\\\server\\share\\保密台账')).toBe('\\\\server\\share');
    expect(uncShare('//server/share/x')).toBe('\\\\server\\share');
    expect(uncShare('\\\\?\\UNC\\server\\share\\x')).toBe('\\\\server\\share');
    expect(uncShare('\\\\?\\C:\\data')).toBeNull();
    expect(uncShare('C:\\Users\\wang')).toBeNull();
    expect(networkLocation('\\\\fs01\\台账\\data', windows())).toBe('网络共享 \\\\fs01\\台账');
    // A mapped drive (Z:) resolves to the share it maps.
    expect(networkLocation('Z:\\保密台账\\data', windows((p) => p.replace(/^Z:/, '\\\\fs01\\dept')))).toBe(
      '映射到网络共享 \\\\fs01\\dept 的网络驱动器',
    );
    expect(networkLocation('C:\\Users\\wang\\AppData\\Roaming\\保密台账\\data', windows())).toBeNull();
  });
});
