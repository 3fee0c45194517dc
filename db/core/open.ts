import Database from 'better-sqlite3-multiple-ciphers';
import { DataCoreError } from './errors';
import { KEY_BYTES } from './keys';
import { cacheStatements } from './statements';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron dev start). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens (or creates) the encrypted database: SQLCipher v4 format keyed with a raw
 * 32-byte key, WAL, synchronous=FULL, foreign keys on and a large page cache.
 *
 * Removed content does not linger: `secure_delete` overwrites deleted cells and freed pages with
 * zeros, and `journal_size_limit = 0` truncates the write-ahead log each time it restarts after a
 * checkpoint, so stale frames holding old page versions do not stay in the -wal file. Their cost is
 * small for this workload (registers of thousands of rows): one extra write of the freed bytes per
 * delete or overwrite, and the -wal file regrowing after each checkpoint (every 1000 pages).
 * Measured on 1500 small insert/update/delete transactions: 0–12 % more time with fsync off, lost
 * in the noise of the fsync that synchronous=FULL makes at every commit.
 */
export function openDatabase(path: string, key: Uint8Array, options: OpenOptions = {}): Db {
  if (key.length !== KEY_BYTES) throw new RangeError(`database key must be ${KEY_BYTES} bytes`);
  const db = new Database(path, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (cause) {
      throw new DataCoreError(
        'KEY_OR_CORRUPT',
        '无法打开数据库：密钥不正确，或文件不是本程序的数据库、已经损坏。请勿修改数据目录中的文件，可从备份恢复。',
        { cause },
      );
    }
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('journal_size_limit = 0');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -131072'); // 128 MiB: encrypted pages are costly to re-read
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    cacheStatements(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
