import { randomUUID } from 'node:crypto';
import type { Db } from '../core/open';

export interface AuditDetails {
  targetType?: string;
  targetId?: string | number;
  /** One line a reader of the trail understands, in Chinese. */
  summary: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends AuditDetails {
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  channel: string;
}

/** Appends one record. The table refuses updates and deletes (triggers in 0001). */
export function appendAudit(db: Db, record: AuditRecord): number {
  const info = db
    .prepare(
      `INSERT INTO audit_log (uuid, at, actor_id, actor_name, action, channel, target_type, target_id, summary, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      record.at,
      record.actorId,
      record.actorName,
      record.action,
      record.channel,
      record.targetType ?? null,
      record.targetId === undefined ? null : String(record.targetId),
      record.summary,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
    );
  return Number(info.lastInsertRowid);
}
