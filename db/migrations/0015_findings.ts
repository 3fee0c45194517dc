import type { Migration } from '../core/migrate';

/**
 * Findings of the home screen (工作台): the acknowledgements that set a finding aside for a while.
 *
 * Findings themselves are never stored: each rule (db/findings/rules/) computes them from the
 * registers when asked. A finding is dismissed only by fixing what it points at, or by an
 * acknowledgement (确认): a reason and the last day it holds, recorded here for the finding's
 * rule and record key. Acknowledgements are kept, never changed or deleted; the latest one of a
 * finding decides, and once its last day has passed the finding shows again.
 *
 * The index on media events lets the stocktake rule find each medium's last 清查结果 without
 * reading its whole chain.
 */
export const m0015: Migration = {
  version: 15,
  name: '0015_findings',
  sql: /* sql */ `
CREATE TABLE finding_acknowledgements (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  rule_id TEXT NOT NULL CHECK (length(rule_id) BETWEEN 1 AND 60),
  record_key TEXT NOT NULL CHECK (length(record_key) BETWEEN 1 AND 200),
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 5 AND 500),
  until TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL
) STRICT;
CREATE INDEX finding_acknowledgements_finding ON finding_acknowledgements(rule_id, record_key, id);
CREATE INDEX finding_acknowledgements_until ON finding_acknowledgements(until);
CREATE TRIGGER finding_acknowledgements_no_update BEFORE UPDATE ON finding_acknowledgements
BEGIN SELECT RAISE(ABORT, 'acknowledgements are kept as recorded'); END;
CREATE TRIGGER finding_acknowledgements_no_delete BEFORE DELETE ON finding_acknowledgements
BEGIN SELECT RAISE(ABORT, 'acknowledgements are kept as recorded'); END;

CREATE INDEX media_events_medium_type ON media_events(medium_id, type, occurred_at);
`,
};
