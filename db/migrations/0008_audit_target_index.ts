import type { Migration } from '../core/migrate';

/** A record's own history (e.g. a contract's) is read by its target. */
export const m0008: Migration = {
  version: 8,
  name: '0008_audit_target_index',
  sql: /* sql */ `
CREATE INDEX audit_log_target ON audit_log(target_type, target_id, seq);
`,
};
