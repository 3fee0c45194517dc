import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Medium, MediumDetail, mediaFilterSchema, mediumFieldsSchema } from '../../../common/api/media';
import { DomainError } from '../../../common/api/result';
import { HELD_STATUSES, type MediaKind, type MediaStatus } from '../../../common/media/kinds';
import { describeMedium, statePhrase } from '../../../common/media/machine';
import { normaliseMediaNumber } from '../../../common/media/numbering';
import type { Db } from '../../core/open';
import { pageLimit, textSearch } from '../../core/search';
import { getSetting } from '../../core/settings';
import { requireAccess } from '../people/access';
import { personRef } from '../people/repo';
import { loadState, mediumOpenItems, recordRegistration, refreshSearchPeople, timeline } from './chain';
import { allocateNumber, giveNumber, refuseGivenNumber, replaceNumber } from './numbering';

export type MediumInput = z.output<typeof mediumFieldsSchema>;
type Filter = z.output<typeof mediaFilterSchema>;

export interface Actor {
  id: string;
  name: string;
}

export interface MediumRow {
  id: number;
  uuid: string;
  rev: number;
  number: string;
  kind: MediaKind;
  model: string;
  serial: string;
  asset_number: string;
  capacity: string;
  classification: string;
  secrecy_term: string;
  scope: string;
  responsible_id: number;
  responsible_name: string;
  org_id: number;
  org_name: string;
  contract_id: number | null;
  contract_label: string | null;
  location: string;
  purpose: string;
  enabled_on: string | null;
  reported_on: string | null;
  note: string;
  status: MediaStatus;
  holder_id: number | null;
  holder_name: string | null;
  due_back: string | null;
  in_use: number;
  attention: number;
  created_at: string;
  updated_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

/**
 * Past due back, at the repairer, an incident not yet reported, or a stocktake finding — the same
 * media `media:overdue` lists; `t.today` is a parameter.
 */
const ATTENTION_SQL = `(m.voided_at IS NULL AND ((m.status IN ('借出', '外出') AND m.due_back < t.today) OR m.status = '维修中'
  OR m.incident_deadline IS NOT NULL OR m.flagged = 1))`;

const FROM = `FROM media m
  JOIN people r ON r.id = m.responsible_id
  JOIN organisations o ON o.id = m.org_id
  LEFT JOIN people h ON h.id = m.holder_id
  LEFT JOIN contracts c ON c.id = m.contract_id
  CROSS JOIN (SELECT ? AS today) t`;

const SELECT = `SELECT m.*, r.name AS responsible_name, o.name AS org_name, h.name AS holder_name,
  CASE WHEN c.id IS NULL THEN NULL ELSE c.project_name || '（' ||
    coalesce((SELECT number FROM contract_numbers WHERE contract_id = c.id AND is_main = 1), '') || '）' END AS contract_label,
  ${ATTENTION_SQL} AS attention ${FROM}`;

function toMedium(row: MediumRow): Medium {
  return {
    id: row.id,
    uuid: row.uuid,
    rev: row.rev,
    number: row.number,
    kind: row.kind,
    model: row.model,
    serial: row.serial,
    assetNumber: row.asset_number,
    capacity: row.capacity,
    classification: row.classification,
    secrecyTerm: row.secrecy_term,
    scope: row.scope,
    responsibleId: row.responsible_id,
    responsibleName: row.responsible_name,
    orgId: row.org_id,
    orgName: row.org_name,
    contractId: row.contract_id,
    contractLabel: row.contract_label,
    location: row.location,
    purpose: row.purpose,
    enabledOn: row.enabled_on,
    reportedOn: row.reported_on,
    note: row.note,
    status: row.status,
    holderId: row.holder_id,
    holderName: row.holder_name,
    dueBack: row.due_back,
    inUse: row.in_use === 1,
    needsAttention: row.attention === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

export function mediumRow(db: Db, id: number, today: string): MediumRow {
  const row = db.prepare(`${SELECT} WHERE m.id = ?`).get(today, id) as MediumRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的介质，可能已被其他操作更改，请刷新列表`);
  return row;
}

/** The medium with its whole chain; status, holder and due date from the replay of the chain. */
export function getMedium(db: Db, id: number, now: string, today: string): MediumDetail {
  const row = mediumRow(db, id, today);
  const state = loadState(db, row);
  const responsibles = db
    .prepare(
      `SELECT x.person_id AS personId, p.name, x.from_at AS "from", x.to_at AS "to", x.set_by_name AS setByName
       FROM media_responsibles x JOIN people p ON p.id = x.person_id WHERE x.medium_id = ? ORDER BY x.id DESC`,
    )
    .all(id) as MediumDetail['responsibles'];
  return {
    ...toMedium(row),
    status: state.status!,
    holderId: state.holder?.id ?? null,
    holderName: state.holder ? personRef(db, state.holder.id).name : null,
    dueBack: state.dueBack,
    timeline: timeline(db, row),
    openItems: mediumOpenItems(row.voided_at ? null : state, now, today),
    responsibles,
  };
}

/** Media not voided that need attention (ATTENTION_SQL), by number. */
export function attentionRows(db: Db, today: string): MediumRow[] {
  return db.prepare(`${SELECT} WHERE ${ATTENTION_SQL} ORDER BY m.number_norm`).all(today) as MediumRow[];
}

const SORT_COLUMNS: Record<Filter['sort'], string> = {
  number: 'm.number_norm',
  kind: 'm.kind',
  status: 'm.status',
  enabledOn: 'm.enabled_on',
  updatedAt: 'm.updated_at',
};

function whereClause(filter: Filter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: unknown) => {
    if (value === null || value === undefined) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  if (filter.voided === 'exclude') parts.push('m.voided_at IS NULL');
  if (filter.voided === 'only') parts.push('m.voided_at IS NOT NULL');
  equal('m.kind', filter.kind);
  equal('m.status', filter.status);
  equal('m.classification', filter.classification || null);
  equal('m.holder_id', filter.holderId);
  equal('m.responsible_id', filter.responsibleId);
  equal('m.org_id', filter.orgId);
  equal('m.contract_id', filter.contractId);
  if (filter.q) {
    const search = textSearch(filter.q, {
      rowid: 'm.id',
      fts: 'media_fts',
      likeColumns: ['m.number', 'm.serial', 'm.model', 'm.asset_number', 'm.search_people'],
    });
    parts.push(search.sql);
    params.push(...search.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listMedia(db: Db, filter: Filter, today: string, page?: { page: number; pageSize: number }): { rows: Medium[]; total: number } {
  const where = whereClause(filter);
  const total = db.prepare(`SELECT count(*) ${FROM} ${where.sql}`).pluck().get(today, ...where.params) as number;
  const dir = filter.dir === 'desc' ? 'DESC' : 'ASC';
  const order = `ORDER BY ${SORT_COLUMNS[filter.sort]} ${dir}, m.number_norm ${dir}, m.id ${dir}`;
  const rows = db.prepare(`${SELECT} ${where.sql} ${order}${pageLimit(page)}`).all(today, ...where.params) as MediumRow[];
  return { rows: rows.map(toMedium), total };
}

/** 介质 JZ-2026-0001（U盘） for messages and audit summaries. */
export const describeRow = (row: Pick<MediumRow, 'number' | 'kind'>): string => describeMedium({ number: row.number, kind: row.kind });

/** The medium at revision `rev`, not voided; refusals name it and what was attempted. */
export function requireCurrentMedium(db: Db, id: number, rev: number, today: string, what: string): MediumRow {
  const row = mediumRow(db, id, today);
  if (row.voided_at) throw new DomainError('RULE', `${describeRow(row)}已于 ${row.voided_at.slice(0, 10)} 作废，不能再${what}`);
  if (row.rev !== rev) throw new DomainError('CONFLICT', `${describeRow(row)}已被其他操作更改，请关闭后重新打开再${what}`);
  return row;
}

function checkClassification(db: Db, classification: string, unchangedFrom: string | null): void {
  if (classification === unchangedFrom) return;
  const list = getSetting(db, 'media.classifications');
  if (!list.includes(classification)) {
    throw new DomainError(
      'INVALID_INPUT',
      `密级“${classification}”不在密级列表（${list.join('、')}）中，请选择；如需增加，请在介质设置中修改密级列表`,
      'classification',
    );
  }
}

function checkOrg(db: Db, id: number, unchangedFrom: number | null): void {
  const org = db.prepare('SELECT name, voided_at AS voided FROM organisations WHERE id = ?').get(id) as { name: string; voided: string | null } | undefined;
  if (!org) throw new DomainError('NOT_FOUND', `所属单位不存在（编号 ${id}），请重新选择`, 'orgId');
  if (org.voided && unchangedFrom !== id) throw new DomainError('RULE', `单位“${org.name}”已作废，不能选用`, 'orgId');
}

function checkContract(db: Db, id: number | null, unchangedFrom: number | null): void {
  if (id === null) return;
  const c = db.prepare('SELECT project_name AS name, voided_at AS voided FROM contracts WHERE id = ?').get(id) as { name: string; voided: string | null } | undefined;
  if (!c) throw new DomainError('NOT_FOUND', `关联合同不存在（编号 ${id}），请重新选择`, 'contractId');
  if (c.voided && unchangedFrom !== id) throw new DomainError('RULE', `合同“${c.name}”已作废，不能关联`, 'contractId');
}

function refuseDuplicateSerial(db: Db, kind: string, serial: string, exceptId: number | null): void {
  if (!serial) return;
  const other = db
    // `serial_norm <> ''` lets the planner use the partial unique index (media_serial_active).
    .prepare(`SELECT number FROM media WHERE kind = ? AND serial_norm = ? AND serial_norm <> '' AND voided_at IS NULL AND id IS NOT ?`)
    .pluck()
    .get(kind, normaliseMediaNumber(serial), exceptId) as string | undefined;
  if (other) throw new DomainError('DUPLICATE', `序列号 ${serial} 已登记为${kind} ${other}，同一类别的序列号不能重复`, 'serial');
}

const COLUMNS = [
  'kind', 'model', 'serial', 'serial_norm', 'asset_number', 'capacity', 'classification', 'secrecy_term', 'scope',
  'responsible_id', 'org_id', 'contract_id', 'location', 'purpose', 'enabled_on', 'reported_on', 'note',
];

function columnValues(f: MediumInput): unknown[] {
  return [
    f.kind, f.model, f.serial, normaliseMediaNumber(f.serial), f.assetNumber, f.capacity, f.classification, f.secrecyTerm, f.scope,
    f.responsibleId, f.orgId, f.contractId, f.location, f.purpose, f.enabledOn, f.reportedOn, f.note,
  ];
}

/** Starts (or hands over) the responsibility for a medium. */
function setResponsible(db: Db, mediumId: number, personId: number, actor: Actor, at: string): void {
  db.prepare('UPDATE media_responsibles SET to_at = ? WHERE medium_id = ? AND to_at IS NULL').run(at, mediumId);
  db.prepare('INSERT INTO media_responsibles (medium_id, person_id, from_at, set_by, set_by_name) VALUES (?, ?, ?, ?, ?)').run(
    mediumId,
    personId,
    at,
    actor.id,
    actor.name,
  );
}

/**
 * Registers a medium (登记入库 at `registeredAt`): its number typed or the next of the pattern for
 * the year it is registered in; the 责任人 must pass “sign before access”.
 */
export function createMedium(
  db: Db,
  fields: MediumInput,
  registeredAt: string,
  actor: Actor,
  now: Date,
  today: string,
): { id: number; warning: string | null } {
  const at = now.toISOString();
  // The handler's transaction took the write lock up front: no other connection reads the counter meanwhile.
  const number = fields.number || allocateNumber(db, Number(registeredAt.slice(0, 4)));
  refuseGivenNumber(db, number);
  checkClassification(db, fields.classification, null);
  checkOrg(db, fields.orgId, null);
  checkContract(db, fields.contractId, null);
  refuseDuplicateSerial(db, fields.kind, fields.serial, null);
  personRef(db, fields.responsibleId);
  const { warning } = requireAccess(db, fields.responsibleId, fields.contractId, today, 'responsibleId');
  const info = db
    .prepare(
      `INSERT INTO media (uuid, number, number_norm, ${COLUMNS.join(', ')}, status, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ${COLUMNS.map(() => '?').join(', ')}, '在库', ?, ?, ?, ?)`,
    )
    .run(randomUUID(), number, normaliseMediaNumber(number), ...columnValues(fields), at, actor.id, at, actor.id);
  const id = Number(info.lastInsertRowid);
  giveNumber(db, number, id, at);
  setResponsible(db, id, fields.responsibleId, actor, at);
  recordRegistration(db, { id, number, kind: fields.kind }, fields.location, registeredAt, actor, now);
  return { id, warning };
}

export function updateMedium(
  db: Db,
  id: number,
  rev: number,
  fields: MediumInput,
  actor: Actor,
  at: string,
  today: string,
): { warning: string | null } {
  const before = requireCurrentMedium(db, id, rev, today, '修改');
  const number = fields.number || before.number;
  if (normaliseMediaNumber(number) !== normaliseMediaNumber(before.number)) {
    if (before.in_use === 1) {
      throw new DomainError('RULE', `${describeRow(before)}已有发放、借出等流转记录，保密编号不能再修改`, 'number');
    }
    giveNumber(db, number, id, at);
    replaceNumber(db, before.number, at);
  }
  checkClassification(db, fields.classification, before.classification);
  checkOrg(db, fields.orgId, before.org_id);
  checkContract(db, fields.contractId, before.contract_id);
  refuseDuplicateSerial(db, fields.kind, fields.serial, id);
  let warning: string | null = null;
  if (fields.responsibleId !== before.responsible_id || fields.contractId !== before.contract_id) {
    personRef(db, fields.responsibleId);
    warning = requireAccess(db, fields.responsibleId, fields.contractId, today, 'responsibleId').warning;
  }
  db.prepare(
    `UPDATE media SET number = ?, number_norm = ?, ${COLUMNS.map((c) => `${c} = ?`).join(', ')}, rev = rev + 1, updated_at = ?, updated_by = ?
     WHERE id = ?`,
  ).run(number, normaliseMediaNumber(number), ...columnValues(fields), at, actor.id, id);
  if (fields.responsibleId !== before.responsible_id) setResponsible(db, id, fields.responsibleId, actor, at);
  refreshSearchPeople(db, id);
  return { warning };
}

/**
 * Voids a medium registered in error. Refused while someone holds it, it is out or at the repairer
 * (bring it back, or correct the events), or an incident is still to be reported. Its number stays
 * given.
 */
export function voidMedium(db: Db, id: number, rev: number, reason: string, actor: Actor, at: string, today: string): void {
  const before = requireCurrentMedium(db, id, rev, today, '作废');
  const state = loadState(db, before);
  if ((state.status !== null && HELD_STATUSES.includes(state.status)) || state.status === '维修中') {
    throw new DomainError(
      'RULE',
      `${describeRow(before)}当前${statePhrase(state)}，不能作废：请先登记归还、外出返回或修回；如这些记录是误登，请先逐条更正`,
    );
  }
  if (state.incidents.length > 0) {
    throw new DomainError('RULE', `${describeRow(before)}尚有 ${state.incidents.length} 起丢失/泄露事件未向甲方报告，不能作废：请先登记补报`);
  }
  db.prepare('UPDATE media SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(
    at,
    actor.id,
    reason,
    at,
    actor.id,
    id,
  );
}
