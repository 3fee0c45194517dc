import { randomUUID } from 'node:crypto';
import { DomainError } from '../../common/api/result';
import type { Db } from '../core/open';
import type { ImportWorkbook } from './read';

/** A file read by `import:open`, kept for its previews and commit. */
export interface StagedFile {
  token: string;
  owner: string;
  fileName: string;
  size: number;
  sm3: string;
  workbook: ImportWorkbook;
}

/** Files kept per account: opening another drops the oldest. */
const KEPT_PER_ACCOUNT = 2;

// Per database, so two cores in one process (tests) never see each other's files.
const staged = new WeakMap<Db, StagedFile[]>();

export function stageFile(db: Db, file: Omit<StagedFile, 'token'>): StagedFile {
  const list = staged.get(db) ?? [];
  const entry = { ...file, token: randomUUID() };
  const mine = list.filter((f) => f.owner === file.owner);
  const dropped = new Set(mine.slice(0, Math.max(0, mine.length - KEPT_PER_ACCOUNT + 1)));
  staged.set(db, [...list.filter((f) => !dropped.has(f)), entry]);
  return entry;
}

export function stagedFile(db: Db, token: string, owner: string): StagedFile {
  const found = staged.get(db)?.find((f) => f.token === token && f.owner === owner);
  if (!found) throw new DomainError('NOT_FOUND', '导入的文件已不在内存中（可能已打开了其他文件或重新登录），请重新选择文件');
  return found;
}

export function dropStagedFile(db: Db, token: string): void {
  const list = staged.get(db);
  if (list) staged.set(db, list.filter((f) => f.token !== token));
}
