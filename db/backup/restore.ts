import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE } from '../core';
import { SLOT_FILE } from '../security/slotfile';

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

/** The database files that move together; -wal and -shm must never outlive their database. */
const dbFiles = () => [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`];

/** Folder under the data folder where a restore keeps the database it replaced. Never emptied by the app. */
export const KEPT_DIR = 'kept-before-restore';

export function keptFolderFor(dataDir: string, at: Date): string {
  let dir = join(dataDir, KEPT_DIR, stamp(at));
  for (let n = 2; existsSync(dir); n++) dir = join(dataDir, KEPT_DIR, `${stamp(at)}-${n}`);
  return dir;
}

/**
 * Moves the current database (with its -wal and -shm) into `kept` and a copy of the key slot
 * file beside them, then renames the checked image into place: a rename in one folder, so the data
 * folder holds either the old database or the restored one, never half of each.
 */
export function swapDatabase(dataDir: string, imagePath: string, kept: string): void {
  mkdirSync(kept, { recursive: true });
  if (existsSync(join(dataDir, SLOT_FILE))) copyFileSync(join(dataDir, SLOT_FILE), join(kept, SLOT_FILE));
  for (const f of dbFiles()) if (existsSync(join(dataDir, f))) renameSync(join(dataDir, f), join(kept, f));
  renameSync(imagePath, join(dataDir, DB_FILE));
}

/** Undoes a swap that could not be completed: the restored files go, the kept ones come back. */
export function undoSwap(dataDir: string, kept: string): void {
  for (const f of dbFiles()) rmSync(join(dataDir, f), { force: true });
  for (const f of dbFiles()) if (existsSync(join(kept, f))) renameSync(join(kept, f), join(dataDir, f));
}
