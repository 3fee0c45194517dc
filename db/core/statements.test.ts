import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './statements';

function memory() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.prepare('INSERT INTO t (name) VALUES (?), (?), (?)').run('甲', '乙', '丙');
  cacheStatements(db, 3);
  return db;
}

describe('cached statements', () => {
  it('hands out the same compiled statement for the same SQL', () => {
    const db = memory();
    expect(db.prepare('SELECT name FROM t WHERE id = ?')).toBe(db.prepare('SELECT name FROM t WHERE id = ?'));
  });

  it('resets pluck, raw and expand before reusing a statement', () => {
    const db = memory();
    const sql = 'SELECT id, name FROM t WHERE id = ?';
    expect(db.prepare(sql).pluck().get(1)).toBe(1);
    expect(db.prepare(sql).get(1)).toEqual({ id: 1, name: '甲' });
    expect(db.prepare(sql).raw().get(2)).toEqual([2, '乙']);
    expect(db.prepare(sql).all(3)).toEqual([{ id: 3, name: '丙' }]);
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const db = memory();
    const sql = 'SELECT name FROM t ORDER BY id';
    const names: string[] = [];
    for (const row of db.prepare(sql).iterate() as Iterable<{ name: string }>) {
      names.push(row.name, (db.prepare(sql).all() as { name: string }[]).length.toString());
    }
    expect(names).toEqual(['甲', '3', '乙', '3', '丙', '3']);
  });

  it('keeps only the most recently used statements', () => {
    const db = memory();
    const first = db.prepare('SELECT 1');
    const second = db.prepare('SELECT 2');
    db.prepare('SELECT 3');
    expect(db.prepare('SELECT 1')).toBe(first);
    db.prepare('SELECT 4'); // evicts SELECT 2, the least recently used
    expect(db.prepare('SELECT 1')).toBe(first);
    const two = db.prepare('SELECT 2');
    expect(two).not.toBe(second);
    expect(db.prepare('SELECT 2')).toBe(two);
  });

  it('still reports SQL errors where they are made', () => {
    const db = memory();
    expect(() => db.prepare('SELECT nope FROM t')).toThrow(/no such column/);
  });
});
