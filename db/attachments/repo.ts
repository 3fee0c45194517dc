import { randomUUID } from 'node:crypto';
import type { Attachment, AttachmentMime, AttachmentOwnerType } from '../../common/api/attachment';
import { DomainError } from '../../common/api/result';
import type { Db } from '../core/open';

/** Never selects the bytes: they stay in attachment_blobs until a preview or a copy asks for them. */
const SELECT = `SELECT id, uuid, owner_type AS ownerType, owner_uuid AS ownerUuid, file_name AS fileName,
  mime_type AS mimeType, size, sm3, created_at AS createdAt, created_by AS createdBy,
  created_by_name AS createdByName, voided_at AS voidedAt, voided_by_name AS voidedByName,
  void_reason AS voidReason FROM attachments`;

export interface NewAttachment {
  ownerType: AttachmentOwnerType;
  ownerUuid: string;
  fileName: string;
  mimeType: AttachmentMime;
  bytes: Uint8Array;
  sm3: string;
}

export interface Actor {
  id: string;
  name: string;
}

export function insertAttachment(db: Db, file: NewAttachment, actor: Actor, at: string): Attachment {
  const info = db
    .prepare(
      `INSERT INTO attachments (uuid, owner_type, owner_uuid, file_name, mime_type, size, sm3, created_at, created_by, created_by_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), file.ownerType, file.ownerUuid, file.fileName, file.mimeType, file.bytes.length, file.sm3, at, actor.id, actor.name);
  const id = Number(info.lastInsertRowid);
  db.prepare('INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, ?)').run(id, file.bytes);
  return getAttachment(db, id);
}

export function listAttachments(db: Db, ownerType: AttachmentOwnerType, ownerUuid: string, includeVoided: boolean): Attachment[] {
  const active = includeVoided ? '' : 'AND voided_at IS NULL';
  return db
    .prepare(`${SELECT} WHERE owner_type = ? AND owner_uuid = ? ${active} ORDER BY created_at, id`)
    .all(ownerType, ownerUuid) as Attachment[];
}

export function getAttachment(db: Db, id: number): Attachment {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Attachment | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的附件，可能已被其他操作更改，请刷新列表`);
  return row;
}

/**
 * The stored bytes as a plain Uint8Array (not a Node Buffer: DESIGN.md §3, payloads) that owns its
 * whole ArrayBuffer: structured clone sends the entire buffer, never more than the attachment.
 */
export function readAttachmentBytes(db: Db, id: number): Uint8Array<ArrayBuffer> {
  const row = db.prepare('SELECT bytes FROM attachment_blobs WHERE attachment_id = ?').get(id) as { bytes: Buffer } | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `编号为 ${id} 的附件没有内容，可能已损坏。请联系系统管理员。`);
  const { buffer, byteOffset, byteLength } = row.bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return new Uint8Array(buffer);
  return new Uint8Array(row.bytes); // a copy in a buffer of its own
}

export function voidAttachment(db: Db, id: number, reason: string, actor: Actor, at: string): { before: Attachment; after: Attachment } {
  const before = getAttachment(db, id);
  if (before.voidedAt) {
    throw new DomainError('RULE', `附件“${before.fileName}”已于 ${before.voidedAt.slice(0, 10)} 作废`);
  }
  db.prepare('UPDATE attachments SET voided_at = ?, voided_by = ?, voided_by_name = ?, void_reason = ? WHERE id = ?').run(
    at,
    actor.id,
    actor.name,
    reason,
    id,
  );
  return { before, after: getAttachment(db, id) };
}
