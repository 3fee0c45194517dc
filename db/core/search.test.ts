import fc from 'fast-check';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsPhrase, isTrigramQuery, likeContains, pageLimit, textSearch } from './search';

describe('search helpers', () => {
  it('uses the trigram index from three characters (counted as characters, not UTF-16 units)', () => {
    expect(isTrigramQuery('郑州')).toBe(false);
    expect(isTrigramQuery('郑州大')).toBe(true);
    expect(isTrigramQuery('ab')).toBe(false);
    expect(isTrigramQuery('𠀀𠀁')).toBe(false);
  });

  it('wraps the query as one FTS5 phrase with quotes doubled', () => {
    expect(ftsPhrase('郑州大学')).toBe('"郑州大学"');
    expect(ftsPhrase('a"b')).toBe('"a""b"');
    expect(ftsPhrase('NEAR(x y) OR z*')).toBe('"NEAR(x y) OR z*"');
  });

  it('escapes %, _ and \\ in LIKE patterns', () => {
    expect(likeContains('100%')).toBe('%100\\%%');
    expect(likeContains('a_b')).toBe('%a\\_b%');
    expect(likeContains('C:\\')).toBe('%C:\\\\%');
  });

  describe('against SQLite', () => {
    let db: Database.Database;
    beforeAll(() => {
      db = new Database(':memory:');
    });
    afterAll(() => db.close());

    it('LIKE with the escaped pattern is exactly "contains" (ASCII case aside)', () => {
      const text = fc.string({ unit: fc.constantFrom('a', 'B', '%', '_', '\\', '中', ' '), maxLength: 8 });
      fc.assert(
        fc.property(text, text, (haystack, needle) => {
          const hit = db.prepare("SELECT ? LIKE ? ESCAPE '\\' AS hit").pluck().get(haystack, likeContains(needle));
          expect(hit === 1).toBe(haystack.toLowerCase().includes(needle.toLowerCase()));
        }),
        { numRuns: 300 },
      );
    });

    it('the phrase is always valid FTS5 syntax', () => {
      db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram'); INSERT INTO t VALUES ('郑州大学 AND \"OR\" NEAR(*)');");
      fc.assert(
        fc.property(fc.string({ minLength: 3, maxLength: 10 }), (q) => {
          expect(() => db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').get(ftsPhrase(q))).not.toThrow();
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('textSearch', () => {
  const target = { rowid: 'c.id', fts: 'contracts_fts', likeColumns: ['c.project_name', 'c.search_numbers'] };
  it('uses the trigram index from three characters on, as one literal phrase', () => {
    expect(textSearch('政务云', target)).toEqual({
      sql: 'c.id IN (SELECT rowid FROM contracts_fts WHERE contracts_fts MATCH ?)',
      params: ['"政务云"'],
    });
  });
  it('limits the trigram match to some indexed columns when asked', () => {
    const people = { rowid: 'p.id', fts: 'people_fts', likeColumns: ['p.name', 'p.search_org'], ftsColumns: ['name', 'org'] };
    expect(textSearch('金山云', people)).toEqual({
      sql: 'p.id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)',
      params: ['{name org} : "金山云"'],
    });
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE VIRTUAL TABLE people_fts USING fts5(name, post, org, tokenize = 'trigram');
        INSERT INTO people_fts(rowid, name, post, org) VALUES (1, '张三', '运维工程师', '金山云'), (2, '李四', '金山云驻场', '某某局');`);
      const hits = (q: string) =>
        db.prepare(`SELECT p.id FROM (SELECT rowid AS id FROM people_fts) p WHERE ${textSearch(q, people).sql} ORDER BY p.id`).pluck().all(...textSearch(q, people).params);
      expect(hits('金山云')).toEqual([1]);
      expect(hits('运维工')).toEqual([]);
    } finally {
      db.close();
    }
  });
  it('falls back to LIKE on every column below three characters, escaping wildcards', () => {
    expect(textSearch('5%', target)).toEqual({
      sql: "(c.project_name LIKE ? ESCAPE '\\' OR c.search_numbers LIKE ? ESCAPE '\\')",
      params: ['%5\\%%', '%5\\%%'],
    });
  });
});

describe('pageLimit', () => {
  it('selects one page, or everything for printing', () => {
    expect(pageLimit({ page: 3, pageSize: 50 })).toBe(' LIMIT 50 OFFSET 100');
    expect(pageLimit()).toBe('');
  });
});
