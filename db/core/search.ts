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
