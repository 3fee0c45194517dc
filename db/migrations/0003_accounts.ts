import type { Migration } from '../core/migrate';

/** Accounts, their roles and password history; settings gain the security policy. */
export const m0003: Migration = {
  version: 3,
  name: '0003_accounts',
  sql: /* sql */ `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 2 AND 32),
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 30),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  password_changed_at TEXT NOT NULL,
  last_login_at TEXT,
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;

CREATE TABLE account_roles (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('sysadmin', 'secadmin', 'auditor', 'officer', 'viewer')),
  PRIMARY KEY (account_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE password_history (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX password_history_account ON password_history(account_id, created_at);
`,
};
