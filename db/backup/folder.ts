import { constants } from 'node:fs';
import { access, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../common/api/result';
import type { BackupFileView } from '../../common/api/backup';
import { BACKUP_EXTENSION, BackupFormatError, readBackupTrailer } from './format';

const PREFIX = '保密台账-备份-';
/** Our backup files: 保密台账-备份-20261121-1030.bmbak, or -2, -3 … for more in the same minute. */
const OWN = new RegExp(`^${PREFIX}(\\d{8})-(\\d{4})(?:-(\\d+))?\\.${BACKUP_EXTENSION}$`);
/** Our unfinished files (a backup killed half-way): never counted, removed by the next backup. */
const PART = new RegExp(`^\\.${PREFIX}.*\\.tmp$`);

const pad = (n: number) => String(n).padStart(2, '0');

export const isBackupFileName = (name: string) => OWN.test(name);

function sortKey(name: string): [string, number] {
  const m = OWN.exec(name)!;
  return [`${m[1]}${m[2]}`, Number(m[3] ?? 1)];
}

/** Our backup files in the folder, oldest first. */
export async function ownBackups(folder: string): Promise<string[]> {
  const names = (await readdir(folder)).filter(isBackupFileName);
  return names.sort((a, b) => {
    const [ka, na] = sortKey(a);
    const [kb, nb] = sortKey(b);
    return ka === kb ? na - nb : ka < kb ? -1 : 1;
  });
}

/** A name for a backup made at `at` (local time) that no file in the folder has yet. */
export async function newBackupName(folder: string, at: Date): Promise<string> {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  const taken = new Set(await readdir(folder));
  for (let n = 1; ; n++) {
    const name = `${PREFIX}${stamp}${n === 1 ? '' : `-${n}`}.${BACKUP_EXTENSION}`;
    if (!taken.has(name)) return name;
  }
}

export const partName = (name: string) => `.${name}.${process.pid}.tmp`;

/** Refuses a folder that is missing or cannot be written, saying what to do. */
export async function requireFolder(folder: string | null): Promise<string> {
  if (!folder) throw new DomainError('RULE', '还没有选择备份文件夹：请系统管理员在“系统设置 → 数据备份”中选择（建议使用专用的可移动介质）。');
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new DomainError('RULE', `找不到备份文件夹 ${folder}：可移动介质是否已插入？插入后重试，或另选文件夹。`);
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new DomainError('RULE', `备份文件夹 ${folder} 没有写入权限，请另选文件夹。`);
  }
  return folder;
}

export async function folderExists(folder: string | null): Promise<boolean> {
  if (!folder) return false;
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

/** Removes unfinished files of earlier backups (killed half-way). Other files are never touched. */
export async function removeStaleParts(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (PART.test(name)) await rm(join(folder, name), { force: true });
  }
}

/** Keeps the newest `keep` of our backup files; returns the names removed (oldest first). */
export async function prune(folder: string, keep: number): Promise<string[]> {
  const files = await ownBackups(folder);
  const removed = files.slice(0, Math.max(0, files.length - keep));
  for (const name of removed) await rm(join(folder, name), { force: true });
  return removed;
}

/** Our backups in the folder, newest first, with what their manifests say (not yet verified). */
export async function listBackups(folder: string): Promise<BackupFileView[]> {
  const names = (await ownBackups(folder)).reverse();
  return Promise.all(
    names.map(async (file) => {
      const path = join(folder, file);
      const bytes = (await stat(path)).size;
      try {
        const { manifest } = await readBackupTrailer(path);
        return { file, bytes, createdAt: manifest.createdAt, kind: manifest.kind, counts: manifest.counts };
      } catch (error) {
        if (error instanceof BackupFormatError) return { file, bytes, createdAt: null, kind: null, counts: null };
        throw error;
      }
    }),
  );
}

/** Makes a rename in `dir` durable (where the platform can flush a directory). */
export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* Windows cannot open a directory for flushing; the rename is durable there once it returns. */
  }
}
