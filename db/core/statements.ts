import type Database from 'better-sqlite3-multiple-ciphers';

type Db = Database.Database;
type Statement = Database.Statement;

/**
 * Makes `db.prepare` reuse compiled statements: the data core writes its SQL inline where it is
 * used, and compiling it again on every call cost more than running it (about 40 µs a statement
 * against this schema, ten or more statements a call). The most recently used `limit` statements
 * are kept; modes a caller set (pluck, raw, expand) are reset before a statement is handed out
 * again, and a statement still being iterated is never handed out twice.
 */
export function cacheStatements(db: Db, limit = 500): void {
  const prepare = db.prepare.bind(db) as (source: string) => Statement;
  const cache = new Map<string, Statement>();
  const cached = (source: string): Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const fresh = prepare(source);
    if (!hit) {
      cache.set(source, fresh);
      if (cache.size > limit) cache.delete(cache.keys().next().value!);
    }
    return fresh;
  };
  db.prepare = cached as Db['prepare'];
}
