import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  ASSIGNMENT_ROLES,
  REMOTE_SUPPORT_ROLE,
  type Assignment,
  type assignmentFieldsSchema,
  type ContractPerson,
} from '../../../common/api/assignment';
import { DomainError } from '../../../common/api/result';
import type { Db } from '../../core/open';
import { describePerson, getPerson, personRef } from './repo';

export type AssignmentInput = z.output<typeof assignmentFieldsSchema>;

const SELECT = `SELECT a.id, a.uuid, a.rev, a.person_id AS personId, p.name AS personName, a.contract_id AS contractId,
    c.project_name AS contractProjectName,
    coalesce((SELECT number FROM contract_numbers n WHERE n.contract_id = c.id AND n.is_main = 1), '') AS contractMainNumber,
    a.role, a.role_note AS roleNote, a.from_date AS "from", a.to_date AS "to", a.created_at AS createdAt,
    a.updated_at AS updatedAt, a.voided_at AS voidedAt, a.void_reason AS voidReason
  FROM person_assignments a JOIN people p ON p.id = a.person_id JOIN contracts c ON c.id = a.contract_id`;

/** Roles in the order of ASSIGNMENT_ROLES (项目负责人 first). */
const ROLE_ORDER = `CASE a.role ${ASSIGNMENT_ROLES.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} END`;

export function getAssignment(db: Db, id: number): Assignment {
  const row = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Assignment | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的人员分派，可能已被其他操作更改，请刷新`);
  return row;
}

/** The role as printed: 开发, 开发（前端）, or what 其他 was said to mean. */
export function roleText(a: Pick<Assignment, 'role' | 'roleNote'>): string {
  if (a.role === '其他') return a.roleNote;
  return a.roleNote ? `${a.role}（${a.roleNote}）` : a.role;
}

/** 张三 在合同“…”（KSY…）担任开发 */
export function describeAssignment(a: Pick<Assignment, 'personName' | 'contractProjectName' | 'contractMainNumber' | 'role' | 'roleNote'>): string {
  return `${a.personName} 在合同“${a.contractProjectName}”${a.contractMainNumber ? `（${a.contractMainNumber}）` : ''}担任${roleText(a)}`;
}

/** A person's roles on a contract (assignments not voided), in the order of ASSIGNMENT_ROLES. */
export function rolesOnContract(db: Db, personId: number, contractId: number): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT a.role, a.role_note AS roleNote FROM person_assignments a
       WHERE a.person_id = ? AND a.contract_id = ? AND a.voided_at IS NULL ORDER BY ${ROLE_ORDER}, a.role_note`,
    )
    .all(personId, contractId) as Pick<Assignment, 'role' | 'roleNote'>[];
  return [...new Set(rows.map(roleText))];
}

function requireContract(db: Db, contractId: number, what: string): { projectName: string } {
  const c = db.prepare('SELECT project_name AS projectName, voided_at AS voidedAt FROM contracts WHERE id = ?').get(contractId) as
    | { projectName: string; voidedAt: string | null }
    | undefined;
  if (!c) throw new DomainError('NOT_FOUND', `找不到编号为 ${contractId} 的合同，可能已被其他操作更改，请刷新后重新选择`, 'contractId');
  if (c.voidedAt) throw new DomainError('RULE', `合同“${c.projectName}”已作废，不能再${what}`, 'contractId');
  return c;
}

/** A person who may be put on a contract: not voided, on post, no departure being processed. */
function requireAssignable(db: Db, personId: number, today: string): void {
  const p = getPerson(db, personId, today);
  if (p.voidedAt) throw new DomainError('RULE', `人员 ${describePerson(p)} 已作废，不能分派到合同`, 'personId');
  if (p.departure) {
    throw new DomainError('RULE', `人员 ${describePerson(p)} 正在办理${p.departure.kind}（${p.departure.date}），不能再分派到合同`, 'personId');
  }
  if (p.status !== '在岗') {
    throw new DomainError('RULE', `人员 ${describePerson(p)} 已${p.status}（${p.leftOn ?? ''}），不能分派到合同；如重新上岗，请先恢复为在岗`, 'personId');
  }
}

/** The same person in the same role on the same contract twice over overlapping periods is refused. */
function refuseOverlap(db: Db, personId: number, contractId: number, fields: AssignmentInput, exceptId: number | null): void {
  const other = db
    .prepare(
      `${SELECT} WHERE a.person_id = ? AND a.contract_id = ? AND a.role = ? AND a.voided_at IS NULL AND a.id IS NOT ?
         AND coalesce(a.from_date, '0000-01-01') <= coalesce(?, '9999-12-31')
         AND coalesce(?, '0000-01-01') <= coalesce(a.to_date, '9999-12-31')`,
    )
    .get(personId, contractId, fields.role, exceptId, fields.to, fields.from) as Assignment | undefined;
  if (other) {
    const period = `${other.from ?? '起始未填'} 至 ${other.to ?? '未定'}`;
    throw new DomainError('DUPLICATE', `已登记${describeAssignment(other)}（${period}），期间重叠，不能重复分派`, 'role');
  }
}

export function createAssignment(
  db: Db,
  personId: number,
  contractId: number,
  fields: AssignmentInput,
  actor: string,
  at: string,
  today: string,
): Assignment {
  requireAssignable(db, personId, today);
  requireContract(db, contractId, '分派人员');
  refuseOverlap(db, personId, contractId, fields, null);
  const info = db
    .prepare(
      `INSERT INTO person_assignments (uuid, person_id, contract_id, role, role_note, from_date, to_date, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), personId, contractId, fields.role, fields.roleNote, fields.from, fields.to, at, actor, at, actor);
  return getAssignment(db, Number(info.lastInsertRowid));
}

function requireCurrent(db: Db, id: number, rev: number, what: string): Assignment {
  const current = getAssignment(db, id);
  if (current.rev !== rev) throw new DomainError('CONFLICT', `${describeAssignment(current)}的分派记录已被其他操作修改，请关闭后重新打开再${what}`);
  if (current.voidedAt) throw new DomainError('RULE', `${describeAssignment(current)}的分派记录已于 ${current.voidedAt.slice(0, 10)} 作废，不能再${what}`);
  return current;
}

export function updateAssignment(
  db: Db,
  id: number,
  rev: number,
  fields: AssignmentInput,
  actor: string,
  at: string,
): { before: Assignment; after: Assignment } {
  const before = requireCurrent(db, id, rev, '修改');
  requireContract(db, before.contractId, '修改其人员分派');
  refuseOverlap(db, before.personId, before.contractId, fields, id);
  db.prepare(
    `UPDATE person_assignments SET role = ?, role_note = ?, from_date = ?, to_date = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(fields.role, fields.roleNote, fields.from, fields.to, at, actor, id);
  return { before, after: getAssignment(db, id) };
}

export function voidAssignment(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  actor: string,
  at: string,
): { before: Assignment; after: Assignment } {
  const before = requireCurrent(db, id, rev, '作废');
  db.prepare(
    `UPDATE person_assignments SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(at, actor, reason, at, actor, id);
  return { before, after: getAssignment(db, id) };
}

export function listAssignmentsOfPerson(db: Db, personId: number, includeVoided: boolean): Assignment[] {
  personRef(db, personId);
  return db
    .prepare(
      `${SELECT} WHERE a.person_id = ? ${includeVoided ? '' : 'AND a.voided_at IS NULL'}
       ORDER BY a.voided_at IS NOT NULL, coalesce(a.from_date, '') DESC, a.id DESC`,
    )
    .all(personId) as Assignment[];
}

/**
 * A contract's people by role then name, each with the sign-off status for this contract; people
 * voided are left out unless voided records are asked for.
 */
export function listPeopleOfContract(
  db: Db,
  contractId: number,
  includeVoided: boolean,
  today: string,
): { people: ContractPerson[]; remoteSupport: ContractPerson[] } {
  const exists = db.prepare('SELECT 1 FROM contracts WHERE id = ?').get(contractId);
  if (!exists) throw new DomainError('NOT_FOUND', `找不到编号为 ${contractId} 的合同，可能已被其他操作更改，请刷新列表`);
  const rows = db
    .prepare(
      `${SELECT} WHERE a.contract_id = ? ${includeVoided ? '' : 'AND a.voided_at IS NULL AND p.voided_at IS NULL'}
       ORDER BY a.voided_at IS NOT NULL, ${ROLE_ORDER}, p.name_key, p.id, a.id`,
    )
    .all(contractId) as Assignment[];
  const people = rows.map((a) => ({ ...a, person: getPerson(db, a.personId, today, contractId) }));
  return { people, remoteSupport: people.filter((p) => p.role === REMOTE_SUPPORT_ROLE) };
}
