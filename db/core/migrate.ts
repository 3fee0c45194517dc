import type { Db } from './open';
import { DataCoreError, DISK_FULL_MESSAGE, isDiskFull } from './errors';
import { MIGRATIONS } from '../migrations';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data work SQL cannot do (e.g. computing sort keys), run in the same transaction after `sql`. */
  after?(db: Db): void;
}

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies pending migrations in one transaction and records the version in
 * PRAGMA user_version. A database written by a newer version is refused, never repaired.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    throw new DataCoreError(
      'DB_TOO_NEW',
      `数据库由较新版本的保密台账创建（数据结构版本 ${from}，本程序支持到 ${latest}），请安装新版本后再打开；为保护数据，本程序不会改动它。`,
    );
  }
  if (from === latest) return { from, to: latest };
  const apply = db.transaction(() => {
    for (const m of migrations.slice(from)) {
      db.exec(m.sql);
      m.after?.(db);
    }
    db.pragma(`user_version = ${latest}`);
  });
  try {
    apply();
  } catch (cause) {
    if (isDiskFull(cause)) throw new DataCoreError('DISK_FULL', `数据库升级未能完成：${DISK_FULL_MESSAGE}`, { cause });
    throw new DataCoreError('MIGRATION_FAILED', `数据库升级失败，数据未作改动：${(cause as Error).message}`, { cause });
  }
  return { from, to: latest };
}
