import { open, rename, rm, writeFile } from 'node:fs/promises';
import { DomainError } from '../../common/api/result';

/** Writes under a temporary name, flushes, then renames: a failed save leaves no half file. */
export async function saveFile(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.part`;
  try {
    await writeFile(tmp, bytes);
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new DomainError('RULE', `文件未能保存到 ${path}：${writeFailureReason(error)}。请选择其他位置后重试。`);
  }
}

/** Why a write failed, in words for the user (没有写入权限, 磁盘空间不足 …). */
export function writeFailureReason(error: unknown): string {
  const reason = (error as NodeJS.ErrnoException | null)?.code;
  return reason === 'EACCES' || reason === 'EPERM' || reason === 'EROFS'
    ? '没有写入权限'
    : reason === 'ENOSPC'
      ? '磁盘空间不足'
      : reason === 'EBUSY'
        ? '文件正被其他程序打开，请先关闭它'
        : reason === 'ENOENT'
          ? '位置已不存在（可移动介质是否已拔出？）'
          : '无法写入该位置';
}
