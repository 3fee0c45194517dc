import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations';
import { openCore } from '../core';
import { fakeShell, fixedKeySource, FIXED_KEY, makeTempDir, type TempDir } from '../testing/fixtures';
import { DataCoreError } from './errors';
import { migrate, SCHEMA_VERSION, type Migration } from './migrate';
import { openDatabase, type Db } from './open';

/** SHA-256 of 0001's SQL as shipped. If this fails, undo the edit and add a new migration instead (DESIGN.md §5). */
const PINNED_0001 = '1f382dd65d91b18cb17d3e450ec8f54461ef55c19431bc23467a04f95a832d3e';

let temp: TempDir;
let path: string;
const opened: Db[] = [];
const open = () => {
  const db = openDatabase(path, FIXED_KEY);
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

const userVersion = (db: Db) => db.pragma('user_version', { simple: true }) as number;
const tableNames = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);

function caught(fn: () => unknown): DataCoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataCoreError);
    return error as DataCoreError;
  }
  throw new Error('expected a DataCoreError');
}

describe('migrate', () => {
  it('brings a new database to the number of migrations and records it in user_version', () => {
    const db = open();
    expect(migrate(db)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['audit_log', 'organisations', 'settings']));
  });

  it('does nothing the second time', () => {
    const db = open();
    migrate(db);
    expect(migrate(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    expect(userVersion(db)).toBe(MIGRATIONS.length);
  });

  it('numbers migrations 1, 2, 3… in order', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    const db = open();
    expect(() => migrate(db, [{ version: 2, name: 'skips one', sql: 'SELECT 1' }])).toThrow(/expected 1/);
    expect(userVersion(db)).toBe(0);
  });

  it('never edits a shipped migration (its SQL is pinned)', () => {
    const digest = createHash('sha256').update(MIGRATIONS[0]!.sql).digest('hex');
    expect({ name: MIGRATIONS[0]!.name, digest }).toEqual({
      name: '0001_foundation',
      digest: PINNED_0001,
    });
  });

  it('refuses a database from a newer version with DB_TOO_NEW and leaves it unchanged', async () => {
    const db = open();
    db.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    db.close();

    const error = await openCore({ dataDir: temp.dir, keySource: fixedKeySource(), shell: fakeShell(), appVersion: 't' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataCoreError);
    expect((error as DataCoreError).code).toBe('DB_TOO_NEW');
    expect((error as DataCoreError).message).toContain(`数据结构版本 ${SCHEMA_VERSION + 3}`);
    expect((error as DataCoreError).message).toContain(`本程序支持到 ${SCHEMA_VERSION}`);
    expect((error as DataCoreError).message).toContain('不会改动它');

    const again = open();
    expect(userVersion(again)).toBe(SCHEMA_VERSION + 3);
    expect(tableNames(again)).toEqual([]);
    expect(caught(() => migrate(again)).code).toBe('DB_TOO_NEW');
    expect(tableNames(again)).toEqual([]);
  });

  it('rolls a failing migration back completely', () => {
    const db = open();
    const broken: Migration[] = [
      { version: 1, name: 'broken', sql: 'CREATE TABLE first_table (x INTEGER) STRICT; CREATE TABLE oops (x NOT A TYPE,,);' },
    ];
    const error = caught(() => migrate(db, broken));
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.message).toMatch(/^数据库升级失败，数据未作改动：/);
    expect(tableNames(db)).not.toContain('first_table');
    expect(userVersion(db)).toBe(0);
    expect(db.inTransaction).toBe(false);
  });

  it('applies all pending migrations in one transaction: a later failure undoes the earlier ones', () => {
    const db = open();
    const one: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE t1 (x INTEGER) STRICT;' };
    const two: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE t2 (x INTEGER) STRICT;' };
    const threeBroken: Migration = { version: 3, name: 'three', sql: 'INSERT INTO t2 VALUES (1); INSERT INTO nowhere VALUES (1);' };

    migrate(db, [one]);
    expect(userVersion(db)).toBe(1);

    expect(caught(() => migrate(db, [one, two, threeBroken])).code).toBe('MIGRATION_FAILED');
    expect(userVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['t1']);

    expect(migrate(db, [one, two])).toEqual({ from: 1, to: 2 });
    expect(tableNames(db)).toEqual(['t1', 't2']);
  });

  it('creates only STRICT tables', () => {
    const db = open();
    migrate(db);
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      strict: number;
    }[];
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const t of tables) expect(t, t.name).toEqual({ name: t.name, strict: 1 });
    // STRICT means a wrongly typed value is refused, not silently stored
    expect(() =>
      db
        .prepare(
          `INSERT INTO organisations (uuid, name, kind, rev, created_at, created_by, updated_at, updated_by)
           VALUES ('u', 'n', 'client', 'not a number', 't', 'a', 't', 'a')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
