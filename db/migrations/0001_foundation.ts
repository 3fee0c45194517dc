import type { Migration } from '../core/migrate';

export const m0001: Migration = {
  version: 1,
  name: '0001_foundation',
  sql: /* sql */ `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  channel TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  summary TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  short_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('client', 'vendor', 'agency', 'other')),
  uscc TEXT CHECK (uscc IS NULL OR length(uscc) = 18),
  address TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  rev INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT,
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX organisations_uscc_active ON organisations(uscc)
  WHERE uscc IS NOT NULL AND voided_at IS NULL;
CREATE INDEX organisations_name ON organisations(name);
CREATE INDEX organisations_kind_name ON organisations(kind, name);
CREATE INDEX organisations_created ON organisations(created_at);
CREATE INDEX organisations_updated ON organisations(updated_at);
CREATE TRIGGER organisations_no_delete BEFORE DELETE ON organisations
BEGIN SELECT RAISE(ABORT, 'registers are voided, never deleted'); END;

CREATE VIRTUAL TABLE organisations_fts USING fts5(
  name, short_name, uscc,
  content = 'organisations', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER organisations_fts_ai AFTER INSERT ON organisations BEGIN
  INSERT INTO organisations_fts(rowid, name, short_name, uscc)
  VALUES (new.id, new.name, new.short_name, coalesce(new.uscc, ''));
END;
CREATE TRIGGER organisations_fts_au AFTER UPDATE OF name, short_name, uscc ON organisations BEGIN
  INSERT INTO organisations_fts(organisations_fts, rowid, name, short_name, uscc)
  VALUES ('delete', old.id, old.name, old.short_name, coalesce(old.uscc, ''));
  INSERT INTO organisations_fts(rowid, name, short_name, uscc)
  VALUES (new.id, new.name, new.short_name, coalesce(new.uscc, ''));
END;
`,
};
