import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DomainError } from '../../../common/api/result';
import type { SignOffRecord, signOffFieldsSchema } from '../../../common/api/signoff';
import type { Person } from '../../../common/api/person';
import { annualRenewalDue, DEFAULT_SIGNOFF_WARN_DAYS, signOffEnd } from '../../../common/people/signoff';
import type { Db } from '../../core/open';
import { requireTemplateVersion } from '../commitments/templates';
import { getPerson, loadSignOffs, personRef } from './repo';

export type SignOffInput = z.output<typeof signOffFieldsSchema>;

type Row = Omit<SignOffRecord, 'end'>;

const SELECT = `SELECT s.id, s.uuid, s.rev, s.person_id AS personId, p.name AS personName, s.kind, s.contract_id AS contractId,
    c.project_name AS contractProjectName,
    CASE WHEN c.id IS NULL THEN NULL ELSE coalesce((SELECT number FROM contract_numbers n WHERE n.contract_id = c.id AND n.is_main = 1), '') END
      AS contractMainNumber,
    s.signed_date AS signedDate, s.valid_until AS validUntil, s.declassify_from AS declassifyFrom, s.declassify_to AS declassifyTo,
    s.witness, s.copies, s.kept_at AS keptAt, s.template_version AS templateVersion, s.note, s.created_at AS createdAt,
    s.updated_at AS updatedAt, s.voided_at AS voidedAt, s.void_reason AS voidReason
  FROM person_signoffs s JOIN people p ON p.id = s.person_id LEFT JOIN contracts c ON c.id = s.contract_id`;

const withEnd = (r: Row): SignOffRecord => ({ ...r, end: signOffEnd({ ...r, voided: r.voidedAt !== null }) });

export function getSignOff(db: Db, id: number): SignOffRecord {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的保密承诺记录，可能已被其他操作更改，请刷新`);
  return withEnd(row);
}

/** 张三 的上岗保密承诺书（2024-05-20 签署） */
export function describeSignOff(s: Pick<SignOffRecord, 'personName' | 'kind' | 'signedDate'>): string {
  return `${s.personName} 的${s.kind}（${s.signedDate} 签署）`;
}

/** A person's sign-offs, newest signed first (voided ones last when included). */
export function listSignOffs(db: Db, personId: number, includeVoided: boolean): SignOffRecord[] {
  personRef(db, personId);
  return (
    db
      .prepare(
        `${SELECT} WHERE s.person_id = ? ${includeVoided ? '' : 'AND s.voided_at IS NULL'}
         ORDER BY s.voided_at IS NOT NULL, s.signed_date DESC, s.id DESC`,
      )
      .all(personId) as Row[]
  ).map(withEnd);
}

/** The contract a sign-off is for: it must exist, and a voided one only when it was already set. */
function requireContract(db: Db, contractId: number | null, unchangedFrom: number | null): void {
  if (contractId === null) return;
  const c = db.prepare('SELECT project_name AS projectName, voided_at AS voidedAt FROM contracts WHERE id = ?').get(contractId) as
    | { projectName: string; voidedAt: string | null }
    | undefined;
  if (!c) throw new DomainError('NOT_FOUND', `找不到编号为 ${contractId} 的合同，可能已被其他操作更改，请重新选择`, 'contractId');
  if (c.voidedAt && unchangedFrom !== contractId) {
    throw new DomainError('RULE', `合同“${c.projectName}”已作废，不能选为保密承诺所属的合同`, 'contractId');
  }
}

const columns = (f: SignOffInput) => [
  f.kind,
  f.contractId,
  f.signedDate,
  f.validUntil,
  f.declassifyFrom,
  f.declassifyTo,
  f.witness,
  f.copies,
  f.keptAt,
  f.templateVersion,
  f.note,
];

export function createSignOff(db: Db, personId: number, fields: SignOffInput, actor: string, at: string): SignOffRecord {
  const person = personRef(db, personId);
  if (person.voidedAt) throw new DomainError('RULE', `人员 ${person.name}（${person.orgName}）已作废，不能再登记保密承诺`, 'personId');
  requireContract(db, fields.contractId, null);
  requireTemplateVersion(db, fields.kind, fields.templateVersion);
  const info = db
    .prepare(
      `INSERT INTO person_signoffs (uuid, person_id, kind, contract_id, signed_date, valid_until, declassify_from, declassify_to,
         witness, copies, kept_at, template_version, note, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), personId, ...columns(fields), at, actor, at, actor);
  return getSignOff(db, Number(info.lastInsertRowid));
}

function requireCurrent(db: Db, id: number, rev: number, what: string): SignOffRecord {
  const current = getSignOff(db, id);
  if (current.rev !== rev) throw new DomainError('CONFLICT', `${describeSignOff(current)}已被其他操作修改，请关闭后重新打开再${what}`);
  if (current.voidedAt) throw new DomainError('RULE', `${describeSignOff(current)}已于 ${current.voidedAt.slice(0, 10)} 作废，不能再${what}`);
  const person = personRef(db, current.personId);
  if (person.voidedAt) throw new DomainError('RULE', `人员 ${person.name}（${person.orgName}）已作废，不能再${what}其保密承诺`);
  return current;
}

export function updateSignOff(
  db: Db,
  id: number,
  rev: number,
  fields: SignOffInput,
  actor: string,
  at: string,
): { before: SignOffRecord; after: SignOffRecord } {
  const before = requireCurrent(db, id, rev, '修改');
  requireContract(db, fields.contractId, before.contractId);
  requireTemplateVersion(db, fields.kind, fields.templateVersion);
  db.prepare(
    `UPDATE person_signoffs SET kind = ?, contract_id = ?, signed_date = ?, valid_until = ?, declassify_from = ?, declassify_to = ?,
       witness = ?, copies = ?, kept_at = ?, template_version = ?, note = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(...columns(fields), at, actor, id);
  return { before, after: getSignOff(db, id) };
}

export function voidSignOff(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  actor: string,
  at: string,
): { before: SignOffRecord; after: SignOffRecord } {
  const before = requireCurrent(db, id, rev, '作废');
  db.prepare(
    `UPDATE person_signoffs SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(at, actor, reason, at, actor, id);
  return { before, after: getSignOff(db, id) };
}

/**
 * 在岗年度承诺 to re-sign (`annualRenewalDue`): people on post, not voided and not being processed
 * for departure, whose latest yearly commitment of a contract scope ends within the warning days
 * or has ended; earliest end first.
 */
export function renewalsDue(
  db: Db,
  today: string,
  warnDays: number = DEFAULT_SIGNOFF_WARN_DAYS,
): { person: Person; signOff: SignOffRecord; validUntil: string; daysLeft: number; overdue: boolean; message: string }[] {
  const ids = db
    .prepare(
      `SELECT DISTINCT p.id FROM people p JOIN person_signoffs s ON s.person_id = p.id
       WHERE p.voided_at IS NULL AND p.status = '在岗' AND s.kind = '在岗年度承诺' AND s.voided_at IS NULL
         AND p.id NOT IN (SELECT person_id FROM person_departures WHERE state = 'pending')`,
    )
    .pluck()
    .all() as number[];
  const out = ids.flatMap((id) => {
    const due = annualRenewalDue(loadSignOffs(db, id), { today, warnDays });
    if (due.length === 0) return [];
    const person = getPerson(db, id, today);
    return due.map((d) => ({
      person,
      signOff: getSignOff(db, d.basis.id),
      validUntil: d.validUntil,
      daysLeft: d.daysLeft,
      overdue: d.overdue,
      message: d.message,
    }));
  });
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.person.id - b.person.id);
}
