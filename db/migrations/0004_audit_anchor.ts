import type { Migration } from '../core/migrate';

/**
 * Where the chain starts once older records were archived: the last archived record's sequence
 * and MAC, tagged with the chain key so it cannot be moved unnoticed.
 */
export const m0004: Migration = {
  version: 4,
  name: '0004_audit_anchor',
  sql: /* sql */ `
CREATE TABLE audit_anchor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  mac TEXT NOT NULL,
  tag TEXT NOT NULL,
  archived_at TEXT NOT NULL,
  archive_file TEXT NOT NULL
) STRICT;
`,
};
