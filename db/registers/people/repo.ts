import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { DepartureKind, Person, personFieldsSchema, personFilterSchema } from '../../../common/api/person';
import { DomainError } from '../../../common/api/result';
import { checkIdNumber } from '../../../common/people/id-number';
import {
  ACCESS_KINDS,
  DEFAULT_SIGNOFF_WARN_DAYS,
  signOffStatus,
  type PersonStatus,
  type SignOff,
  type SignOffKind,
} from '../../../common/people/signoff';
import { maskIdNumber, maskPhone } from '../../../common/privacy/mask';
import type { Db } from '../../core/open';
import { pageLimit, textSearch } from '../../core/search';
import { chineseSortKey } from '../../core/sortkey';

export type PersonInput = z.output<typeof personFieldsSchema>;
type Filter = z.output<typeof personFilterSchema>;

interface PersonRow {
  id: number;
  uuid: string;
  rev: number;
  name: string;
  org_id: number;
  org_name: string;
  post: string;
  id_number: string;
  phone: string;
  status: PersonStatus;
  entered_on: string | null;
  left_on: string | null;
  note: string;
  created_at: string;
  updated_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

const SELECT = `SELECT p.*, o.name AS org_name FROM people p JOIN organisations o ON o.id = p.org_id`;

/** A stored sign-off as the calculators of common/people/signoff.ts take it, with its row id. */
export interface SignOffFact extends SignOff {
  id: number;
}

/** Every sign-off of a person (voided ones flagged), oldest signed first. */
export function loadSignOffs(db: Db, personId: number): SignOffFact[] {
  const rows = db
    .prepare(
      `SELECT id, kind, contract_id AS contractId, signed_date AS signedDate, valid_until AS validUntil,
         declassify_from AS declassifyFrom, declassify_to AS declassifyTo, voided_at IS NOT NULL AS voided
       FROM person_signoffs WHERE person_id = ? ORDER BY signed_date, id`,
    )
    .all(personId) as (Omit<SignOffFact, 'voided' | 'kind'> & { kind: SignOffKind; voided: number })[];
  return rows.map((r) => ({ ...r, voided: r.voided === 1 }));
}

export interface PendingDeparture {
  id: number;
  kind: DepartureKind;
  date: string;
  startedAt: string;
  startedByName: string;
}

export function pendingDeparture(db: Db, personId: number): PendingDeparture | null {
  const row = db
    .prepare(
      `SELECT id, kind, date, started_at AS startedAt, started_by_name AS startedByName
       FROM person_departures WHERE person_id = ? AND state = 'pending'`,
    )
    .get(personId) as PendingDeparture | undefined;
  return row ?? null;
}

/** The day of the last 保密教育 (not voided) the person attended, on or before `onOrBefore` when given. */
export function lastTrainingOn(db: Db, personId: number, onOrBefore: string | null = null): string | null {
  return db
    .prepare(
      `SELECT max(t.held_on) FROM training_attendees a JOIN trainings t ON t.id = a.training_id
       WHERE a.person_id = ? AND t.voided_at IS NULL AND (? IS NULL OR t.held_on <= ?)`,
    )
    .pluck()
    .get(personId, onOrBefore, onOrBefore) as string | null;
}

function hydrate(db: Db, row: PersonRow, today: string, contractId: number | null): Person {
  const s = signOffStatus(loadSignOffs(db, row.id), { today, contractId });
  return {
    id: row.id,
    uuid: row.uuid,
    rev: row.rev,
    name: row.name,
    orgId: row.org_id,
    orgName: row.org_name,
    post: row.post,
    idNumberMasked: maskIdNumber(row.id_number),
    phoneMasked: row.phone ? maskPhone(row.phone) : '',
    status: row.status,
    enteredOn: row.entered_on,
    leftOn: row.left_on,
    note: row.note,
    departure: pendingDeparture(db, row.id),
    signOff: { status: s.status, reason: s.reason, validUntil: s.validUntil, kind: s.basis?.kind ?? null, signedDate: s.basis?.signedDate ?? null },
    lastTrainingOn: lastTrainingOn(db, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The derived sign-off status in SQL, the same rules as `signOffStatus` (common/people/signoff.ts):
 * among the access commitments (上岗保密承诺书, 保密协议) not voided, signed on or before today and in
 * scope (`t.contract_id` NULL: every contract; else that contract's and the contract-free ones),
 * the one ending last decides — none: 未签; an indefinite one: 有效; else by its end against today
 * and the warning days. `t` carries today and the contract as parameters in the list; the findings
 * rules pass their own expressions. Each person's status shown is computed by the calculator itself
 * (a test keeps the two equal).
 */
export function signOffStatusSql(person = 'p.id', today = 't.today', contract = 't.contract_id'): string {
  return `(SELECT CASE
    WHEN count(*) = 0 THEN '未签'
    WHEN max(s.valid_until IS NULL) = 1 THEN '有效'
    WHEN max(s.valid_until) < ${today} THEN '已过期'
    WHEN max(s.valid_until) <= date(${today}, '+${DEFAULT_SIGNOFF_WARN_DAYS} days') THEN '即将到期'
    ELSE '有效' END
  FROM person_signoffs s
  WHERE s.person_id = ${person} AND s.voided_at IS NULL AND s.kind IN (${ACCESS_KINDS.map(quoted).join(', ')})
    AND s.signed_date <= ${today} AND (${contract} IS NULL OR s.contract_id IS NULL OR s.contract_id = ${contract}))`;
}
const SIGNOFF_STATUS_SQL = signOffStatusSql();

const SORT_COLUMNS: Record<Filter['sort'], string> = {
  name: 'p.name_key',
  org: 'o.name_key',
  enteredOn: 'p.entered_on',
  updatedAt: 'p.updated_at',
};

function whereClause(filter: Filter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.voided === 'exclude') parts.push('p.voided_at IS NULL');
  if (filter.voided === 'only') parts.push('p.voided_at IS NOT NULL');
  if (filter.orgId !== null) {
    parts.push('p.org_id = ?');
    params.push(filter.orgId);
  }
  if (filter.contractId !== null) {
    parts.push('p.id IN (SELECT person_id FROM person_assignments WHERE contract_id = ? AND voided_at IS NULL)');
    params.push(filter.contractId);
  }
  if (filter.status) {
    parts.push('p.status = ?');
    params.push(filter.status);
  }
  if (filter.departing) parts.push("p.id IN (SELECT person_id FROM person_departures WHERE state = 'pending')");
  if (filter.signOffStatus) {
    parts.push(`${SIGNOFF_STATUS_SQL} = ?`);
    params.push(filter.signOffStatus);
  }
  if (filter.q) {
    const search = textSearch(filter.q, { rowid: 'p.id', fts: 'people_fts', likeColumns: ['p.name', 'p.post', 'p.search_org'] });
    parts.push(search.sql);
    params.push(...search.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function orderClause(filter: Filter): string {
  const dir = filter.dir === 'desc' ? 'DESC' : 'ASC';
  const tie = filter.sort === 'name' ? '' : `p.name_key ${dir}, `;
  return `ORDER BY ${SORT_COLUMNS[filter.sort]} ${dir}, ${tie}p.name ${dir}, p.id ${dir}`;
}

export function listPeople(
  db: Db,
  filter: Filter,
  today: string,
  page?: { page: number; pageSize: number },
): { rows: Person[]; total: number } {
  const where = whereClause(filter);
  const from = 'FROM people p JOIN organisations o ON o.id = p.org_id CROSS JOIN (SELECT ? AS today, ? AS contract_id) t';
  const params = [today, filter.contractId, ...where.params];
  const total = (db.prepare(`SELECT count(*) AS n ${from} ${where.sql}`).get(...params) as { n: number }).n;
  const limit = pageLimit(page);
  const ids = db.prepare(`SELECT p.id ${from} ${where.sql} ${orderClause(filter)}${limit}`).pluck().all(...params) as number[];
  return { rows: ids.map((id) => getPerson(db, id, today, filter.contractId)), total };
}

function personRow(db: Db, id: number): PersonRow {
  const row = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PersonRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的人员，可能已被其他操作更改，请刷新列表`);
  return row;
}

/** Who a person is, for messages and checks; refuses an unknown id. */
export function personRef(db: Db, id: number): { id: number; uuid: string; name: string; orgName: string; voidedAt: string | null } {
  const row = personRow(db, id);
  return { id: row.id, uuid: row.uuid, name: row.name, orgName: row.org_name, voidedAt: row.voided_at };
}

/** A person with the sign-off status for access to `contractId` (null: to any contract). */
export function getPerson(db: Db, id: number, today: string, contractId: number | null = null): Person {
  return hydrate(db, personRow(db, id), today, contractId);
}

/** 张三（北京某某科技有限公司） */
export function describePerson(p: Pick<Person, 'name' | 'orgName'>): string {
  return `${p.name}（${p.orgName}）`;
}

function canonicalIdNumber(raw: string, today: string): string {
  const checked = checkIdNumber(raw, today);
  if (!checked.ok) throw new DomainError('INVALID_INPUT', checked.message, 'idNumber');
  return checked.value;
}

function refuseDuplicateIdNumber(db: Db, idNumber: string, exceptId: number | null): void {
  const holder = db
    .prepare(
      `SELECT p.name, o.name AS orgName FROM people p JOIN organisations o ON o.id = p.org_id
       WHERE p.id_number = ? AND p.voided_at IS NULL AND p.id IS NOT ?`,
    )
    .get(idNumber, exceptId) as { name: string; orgName: string } | undefined;
  if (holder) {
    throw new DomainError(
      'DUPLICATE',
      `身份证号码 ${maskIdNumber(idNumber)} 已登记为 ${describePerson(holder)}，同一人不能重复登记。如需修改，请在人员列表中打开该人员`,
      'idNumber',
    );
  }
}

function requireOrg(db: Db, id: number, unchangedFrom: number | null): string {
  const org = db.prepare('SELECT name, short_name, voided_at FROM organisations WHERE id = ?').get(id) as
    | { name: string; short_name: string; voided_at: string | null }
    | undefined;
  if (!org) throw new DomainError('NOT_FOUND', `所属单位不存在（编号 ${id}），请重新选择`, 'orgId');
  if (org.voided_at && unchangedFrom !== id) throw new DomainError('RULE', `单位“${org.name}”已作废，不能选用`, 'orgId');
  return `${org.name} ${org.short_name}`;
}

const COLUMNS = 'name, name_key, org_id, post, id_number, phone, entered_on, note, search_org';

function personColumns(fields: PersonInput, idNumber: string, searchOrg: string): unknown[] {
  return [fields.name, chineseSortKey(fields.name), fields.orgId, fields.post, idNumber, fields.phone, fields.enteredOn, fields.note, searchOrg];
}

export function createPerson(db: Db, fields: PersonInput, actor: string, at: string, today: string): Person {
  const idNumber = canonicalIdNumber(fields.idNumber, today);
  const searchOrg = requireOrg(db, fields.orgId, null);
  refuseDuplicateIdNumber(db, idNumber, null);
  const info = db
    .prepare(
      `INSERT INTO people (uuid, ${COLUMNS}, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), ...personColumns(fields, idNumber, searchOrg), at, actor, at, actor);
  return getPerson(db, Number(info.lastInsertRowid), today);
}

/** The current person at revision `rev`, not voided; refusals name the person and what was attempted. */
export function requireCurrentPerson(db: Db, id: number, rev: number, today: string, what: string): Person {
  const current = getPerson(db, id, today);
  if (current.rev !== rev) {
    throw new DomainError('CONFLICT', `人员 ${describePerson(current)} 已被其他操作修改，请关闭后重新打开再${what}`);
  }
  if (current.voidedAt) {
    throw new DomainError('RULE', `人员 ${describePerson(current)} 已于 ${current.voidedAt.slice(0, 10)} 作废，不能再${what}`);
  }
  return current;
}

export function updatePerson(
  db: Db,
  id: number,
  rev: number,
  fields: PersonInput,
  actor: string,
  at: string,
  today: string,
): { before: Person; after: Person } {
  const before = requireCurrentPerson(db, id, rev, today, '修改');
  const idNumber = canonicalIdNumber(fields.idNumber, today);
  const searchOrg = requireOrg(db, fields.orgId, before.orgId);
  refuseDuplicateIdNumber(db, idNumber, id);
  if (before.leftOn && fields.enteredOn && fields.enteredOn > before.leftOn) {
    throw new DomainError('RULE', `入场日期 ${fields.enteredOn} 晚于离场日期 ${before.leftOn}，请核对`, 'enteredOn');
  }
  const assignments = COLUMNS.split(',')
    .map((c) => `${c.trim()} = ?`)
    .join(', ');
  db.prepare(`UPDATE people SET ${assignments}, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`).run(
    ...personColumns(fields, idNumber, searchOrg),
    at,
    actor,
    id,
  );
  return { before, after: getPerson(db, id, today) };
}

export function voidPerson(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  actor: string,
  at: string,
  today: string,
): { before: Person; after: Person } {
  const before = requireCurrentPerson(db, id, rev, today, '作废');
  if (before.departure) {
    throw new DomainError(
      'RULE',
      `人员 ${describePerson(before)} 正在办理${before.departure.kind}（${before.departure.date}），请先撤销或完成办理，再作废`,
    );
  }
  db.prepare(
    `UPDATE people SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(at, actor, reason, at, actor, id);
  return { before, after: getPerson(db, id, today) };
}

/** Bumps the revision after a change of state made elsewhere (departures). */
export function touchPerson(db: Db, id: number, actor: string, at: string, set = '', params: unknown[] = []): void {
  db.prepare(`UPDATE people SET ${set ? `${set}, ` : ''}rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`).run(
    ...params,
    at,
    actor,
    id,
  );
}

/** The full value behind a mask, for `person:reveal`. */
export function revealPerson(db: Db, id: number, field: 'idNumber' | 'phone'): { uuid: string; name: string; orgName: string; value: string } {
  const row = personRow(db, id);
  return { uuid: row.uuid, name: row.name, orgName: row.org_name, value: field === 'idNumber' ? row.id_number : row.phone };
}
