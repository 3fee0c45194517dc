import type { Migration } from '../core/migrate';

/**
 * Indexes that the query-plan test (db/core/query-plans.test.ts) found missing:
 * - the audit trail's free-text search (two million records at a large office) reads a trigram
 *   index of the summaries instead of every record: contentless (the summaries are not stored
 *   twice) and deleted by row id, so it stays consistent through the archive's removal of old
 *   records even after a record was tampered with;
 * - the organisations list counts and sorts by 统一社会信用代码 on indexes.
 */
export const m0016: Migration = {
  version: 16,
  name: '0016_search_indexes',
  sql: /* sql */ `
CREATE VIRTUAL TABLE audit_log_fts USING fts5(summary, content = '', contentless_delete = 1, tokenize = 'trigram');
INSERT INTO audit_log_fts(rowid, summary) SELECT seq, summary FROM audit_log;
CREATE TRIGGER audit_log_fts_ai AFTER INSERT ON audit_log BEGIN
  INSERT INTO audit_log_fts(rowid, summary) VALUES (new.seq, new.summary);
END;
CREATE TRIGGER audit_log_fts_ad AFTER DELETE ON audit_log BEGIN
  DELETE FROM audit_log_fts WHERE rowid = old.seq;
END;

CREATE INDEX organisations_voided ON organisations(voided_at);
CREATE INDEX organisations_uscc ON organisations(uscc);
`,
};
