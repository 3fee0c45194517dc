import { randomUUID } from 'node:crypto';
import type { Acknowledgement } from '../../common/api/findings';
import type { CivilDate } from '../../common/contracts/civil-date';
import type { Db } from '../core/open';

/**
 * Acknowledgements (确认) of findings: kept as recorded, the latest of a finding decides, and it
 * holds through its `until` day.
 */

export const findingId = (ruleId: string, key: string) => `${ruleId}|${key}`;

/** The acknowledgements in force on `today`, by finding (`findingId`). */
export function acknowledgementsInForce(db: Db, today: CivilDate): Map<string, Acknowledgement> {
  const rows = db
    .prepare(
      `SELECT a.rule_id AS ruleId, a.record_key AS key, a.reason, a.until, a.created_by_name AS byName, a.created_at AS at
       FROM finding_acknowledgements a
       WHERE a.until >= ? AND a.id = (SELECT max(b.id) FROM finding_acknowledgements b WHERE b.rule_id = a.rule_id AND b.record_key = a.record_key)`,
    )
    .all(today) as (Acknowledgement & { ruleId: string; key: string })[];
  return new Map(rows.map(({ ruleId, key, ...ack }) => [findingId(ruleId, key), ack]));
}

export function recordAcknowledgement(
  db: Db,
  input: { ruleId: string; key: string; reason: string; until: CivilDate; subject: string },
  actor: { id: string; name: string },
  at: string,
): Acknowledgement & { uuid: string } {
  const uuid = randomUUID();
  db.prepare(
    `INSERT INTO finding_acknowledgements (uuid, rule_id, record_key, reason, until, subject, created_at, created_by, created_by_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(uuid, input.ruleId, input.key, input.reason, input.until, input.subject, at, actor.id, actor.name);
  return { uuid, reason: input.reason, until: input.until, byName: actor.name, at };
}
