/**
 * Chinese substring search: FTS5 trigram for 3+ characters, LIKE below that
 * (trigram cannot match shorter strings).
 */
export function isTrigramQuery(q: string): boolean {
  return [...q].length >= 3;
}

/** The query as one FTS5 phrase, so operators and quotes in user input are literal. */
export function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/** A LIKE pattern matching `q` anywhere, with `\` as the escape character. */
export function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE part of a register's text search: rows whose FTS5 trigram index matches `q` (3+
 * characters) — in `ftsColumns` only when given, else in any indexed column — or whose
 * `likeColumns` contain it (shorter queries).
 */
export function textSearch(
  q: string,
  target: { rowid: string; fts: string; likeColumns: readonly string[]; ftsColumns?: readonly string[] },
): { sql: string; params: unknown[] } {
  if (isTrigramQuery(q)) {
    const phrase = target.ftsColumns ? `{${target.ftsColumns.join(' ')}} : ${ftsPhrase(q)}` : ftsPhrase(q);
    return { sql: `${target.rowid} IN (SELECT rowid FROM ${target.fts} WHERE ${target.fts} MATCH ?)`, params: [phrase] };
  }
  const like = likeContains(q);
  return {
    sql: `(${target.likeColumns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    params: target.likeColumns.map(() => like),
  };
}

/** LIMIT/OFFSET of one page, or nothing for the whole selection (printing, export). */
export function pageLimit(page?: { page: number; pageSize: number }): string {
  return page ? ` LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}` : '';
}
