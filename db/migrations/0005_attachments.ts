import type { Migration } from '../core/migrate';

/**
 * Attachments of any register (contracts, agreements, completion records, …), inside the encrypted
 * database. The bytes live in their own table so that listing never reads them. An attachment never
 * changes and is never deleted: it can only be voided, once, with a reason.
 *
 * Owner type and MIME type are checked by the core against lists in common/api/attachment.ts rather
 * than by CHECK constraints, so that a later register can add an owner type (or the allow-list a
 * type) without rebuilding the table.
 */
export const m0005: Migration = {
  version: 5,
  name: '0005_attachments',
  sql: /* sql */ `
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  owner_type TEXT NOT NULL CHECK (length(owner_type) BETWEEN 1 AND 40),
  owner_uuid TEXT NOT NULL CHECK (length(owner_uuid) = 36),
  file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  mime_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  sm3 TEXT NOT NULL CHECK (length(sm3) = 64 AND sm3 NOT GLOB '*[^0-9a-f]*'),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  voided_at TEXT,
  voided_by TEXT,
  voided_by_name TEXT,
  void_reason TEXT,
  CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
  CHECK ((voided_at IS NULL) = (voided_by IS NULL))
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_uuid, created_at);

CREATE TABLE attachment_blobs (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id),
  bytes BLOB NOT NULL CHECK (length(bytes) > 0)
) STRICT;

CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are voided, never deleted'); END;
CREATE TRIGGER attachments_immutable
BEFORE UPDATE OF id, uuid, owner_type, owner_uuid, file_name, mime_type, size, sm3, created_at, created_by, created_by_name
ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments never change; void and add again'); END;
CREATE TRIGGER attachments_void_once
BEFORE UPDATE OF voided_at, voided_by, voided_by_name, void_reason ON attachments
WHEN old.voided_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a voided attachment stays voided'); END;

CREATE TRIGGER attachment_blobs_no_delete BEFORE DELETE ON attachment_blobs
BEGIN SELECT RAISE(ABORT, 'attachments are voided, never deleted'); END;
CREATE TRIGGER attachment_blobs_no_update BEFORE UPDATE ON attachment_blobs
BEGIN SELECT RAISE(ABORT, 'attachments never change; void and add again'); END;
`,
};
