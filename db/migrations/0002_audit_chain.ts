import type { Migration } from '../core/migrate';

/** The audit trail becomes a chain (HMAC-SM3) and records role, result and workstation. */
export const m0002: Migration = {
  version: 2,
  name: '0002_audit_chain',
  sql: /* sql */ `
ALTER TABLE audit_log ADD COLUMN actor_roles TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN result TEXT NOT NULL DEFAULT 'ok' CHECK (result IN ('ok', 'denied', 'failed'));
ALTER TABLE audit_log ADD COLUMN workstation TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN mac TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_action ON audit_log(action, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_id, seq);
`,
};
