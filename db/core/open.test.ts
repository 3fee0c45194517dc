import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_KEY, makeTempDir, OTHER_KEY, type TempDir } from '../testing/fixtures';
import { DataCoreError } from './errors';
import { migrate } from './migrate';
import { openDatabase, type Db } from './open';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const KEY_MESSAGE = '无法打开数据库：密钥不正确，或文件不是本程序的数据库、已经损坏。请勿修改数据目录中的文件，可从备份恢复。';
const SECRET_NAME = '北京市卫生健康监督所';
const SECRET_ASCII = 'PLAINTEXT-CANARY-7f3a91';

let temp: TempDir;
let path: string;
const opened: Db[] = [];
const open = (key: Uint8Array, options?: Parameters<typeof openDatabase>[2]) => {
  const db = openDatabase(path, key, options);
  opened.push(db);
  return db;
};

beforeEach(() => {
  temp = makeTempDir();
  path = join(temp.dir, 'baomi.db');
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  temp.cleanup();
});

function storeSecret(db: Db): void {
  migrate(db);
  db.prepare(
    `INSERT INTO organisations (uuid, name, short_name, kind, note, created_at, created_by, updated_at, updated_by)
     VALUES ('u-1', ?, '卫监所', 'client', ?, 't', 'a', 't', 'a')`,
  ).run(SECRET_NAME, SECRET_ASCII);
}

function expectKeyError(fn: () => unknown): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DataCoreError);
  expect((caught as DataCoreError).code).toBe('KEY_OR_CORRUPT');
  expect((caught as DataCoreError).message).toBe(KEY_MESSAGE);
}

describe('openDatabase', () => {
  it('writes an encrypted file: no SQLite header and no plaintext of stored data', () => {
    const db = open(FIXED_KEY);
    storeSecret(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(4096);
    expect(bytes.subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET_NAME, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET_ASCII, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE', 'utf8'))).toBe(false);
  });

  it('keeps the write-ahead log encrypted too', () => {
    const db = open(FIXED_KEY);
    storeSecret(db);
    const wal = `${path}-wal`;
    expect(existsSync(wal)).toBe(true);
    const bytes = readFileSync(wal);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(SECRET_ASCII, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET_NAME, 'utf8'))).toBe(false);
  });

  it('reads the data back with the same key', () => {
    storeSecret(open(FIXED_KEY));
    opened.pop()!.close();
    const db = open(FIXED_KEY);
    expect(db.prepare('SELECT name FROM organisations').pluck().get()).toBe(SECRET_NAME);
  });

  it('refuses a wrong key with KEY_OR_CORRUPT and the Chinese message, leaving the file untouched', () => {
    const db = open(FIXED_KEY);
    storeSecret(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(path);

    expectKeyError(() => open(OTHER_KEY));
    expect(readFileSync(path).equals(before)).toBe(true);
    // and the right key still opens it
    expect(open(FIXED_KEY).prepare('SELECT count(*) FROM organisations').pluck().get()).toBe(1);
  });

  it('refuses a plain (unencrypted) SQLite file and a file of garbage the same way', () => {
    const plain = new Database(path);
    plain.exec('CREATE TABLE t (x INTEGER)');
    plain.close();
    expectKeyError(() => open(FIXED_KEY));

    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    expectKeyError(() => open(FIXED_KEY));
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => open(new Uint8Array(16))).toThrow(RangeError);
    expect(existsSync(path)).toBe(false);
  });

  it('sets WAL, synchronous=FULL, foreign keys and a large page cache', () => {
    const db = open(FIXED_KEY);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cache_size', { simple: true })).toBe(-131072);
  });

  it('opens read-only only an existing file, and refuses writes through it', () => {
    expect(() => open(FIXED_KEY, { readonly: true })).toThrow();
    expect(existsSync(path)).toBe(false);
    storeSecret(open(FIXED_KEY));
    opened.pop()!.close();
    const ro = open(FIXED_KEY, { readonly: true });
    expect(ro.prepare('SELECT name FROM organisations').pluck().get()).toBe(SECRET_NAME);
    expect(() => ro.prepare("UPDATE organisations SET note = 'x'").run()).toThrow(/readonly/);
  });
});
