import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ipFilingFieldsSchema, type IpFiling, type ipFilingFilterSchema } from '../../../common/api/ipfiling';
import { DomainError } from '../../../common/api/result';
import { classify } from '../../../common/ip';
import { readFilingAddresses, readFilingMacs } from '../../../common/ipfilings/fields';
import { EXPIRY_WARN_DAYS, ipFilingStatus, statusPhrase, type AccessMethod, type AccessScope, type IpFilingState } from '../../../common/ipfilings/status';
import type { PersonStatus } from '../../../common/people/signoff';
import { maskPhones } from '../../../common/privacy/mask';
import type { Db } from '../../core/open';
import { pageLimit, textSearch } from '../../core/search';
import { accessCheck, requireAccess } from '../people/access';
import { readAddresses, writeAddresses } from './addresses';

export type FilingInput = z.output<typeof ipFilingFieldsSchema>;
type Filter = z.output<typeof ipFilingFilterSchema>;

interface FilingRow {
  id: number;
  uuid: string;
  rev: number;
  number: string;
  org_id: number;
  org_name: string;
  contact: string;
  macs: string;
  access_method: AccessMethod;
  access_note: string;
  systems: string;
  purpose: string;
  scope: AccessScope;
  approval_ref: string;
  contract_id: number | null;
  contract_name: string | null;
  contract_number: string | null;
  valid_from: string;
  valid_to: string;
  applied_on: string;
  state: IpFilingState;
  approver: string | null;
  approved_on: string | null;
  rejected_on: string | null;
  reject_reason: string | null;
  revoked_on: string | null;
  revoke_reason: string | null;
  renews_id: number | null;
  note: string;
  created_at: string;
  updated_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

const SELECT = `SELECT f.*, o.name AS org_name, c.project_name AS contract_name,
    (SELECT n.number FROM contract_numbers n WHERE n.contract_id = c.id AND n.is_main = 1) AS contract_number
  FROM ip_filings f JOIN organisations o ON o.id = f.org_id LEFT JOIN contracts c ON c.id = f.contract_id`;

export const formatNumber = (year: number, seq: number): string => `IP-${year}-${String(seq).padStart(4, '0')}`;

interface LinkRow {
  id: number;
  number: string;
  state: IpFilingState;
  valid_from: string;
  valid_to: string;
}

function link(row: LinkRow | undefined, today: string): IpFiling['renews'] {
  if (!row) return null;
  return { id: row.id, number: row.number, status: ipFilingStatus({ state: row.state, validFrom: row.valid_from, validTo: row.valid_to }, today).status };
}

/** The filing's users in order, with what the register shows of them. */
export function readUsers(db: Db, filingId: number): IpFiling['users'] {
  return (
    db
      .prepare(
        `SELECT p.id, p.name, o.name AS orgName, p.status, p.voided_at IS NOT NULL AS voided
         FROM ip_filing_users u JOIN people p ON p.id = u.person_id JOIN organisations o ON o.id = p.org_id
         WHERE u.filing_id = ? ORDER BY u.seq`,
      )
      .all(filingId) as { id: number; name: string; orgName: string; status: PersonStatus; voided: number }[]
  ).map((u) => ({ ...u, voided: u.voided === 1 }));
}

function hydrate(db: Db, row: FilingRow, today: string): IpFiling {
  const dates = { state: row.state, validFrom: row.valid_from, validTo: row.valid_to };
  const status = ipFilingStatus(dates, today);
  const linkSql = 'SELECT id, number, state, valid_from, valid_to FROM ip_filings';
  const renews = row.renews_id === null ? undefined : (db.prepare(`${linkSql} WHERE id = ?`).get(row.renews_id) as LinkRow | undefined);
  const renewedBy = db
    .prepare(`${linkSql} WHERE renews_id = ? AND voided_at IS NULL AND state IN ('待审批', '有效') ORDER BY id DESC LIMIT 1`)
    .get(row.id) as LinkRow | undefined;
  return {
    id: row.id,
    uuid: row.uuid,
    rev: row.rev,
    number: row.number,
    orgId: row.org_id,
    orgName: row.org_name,
    users: readUsers(db, row.id),
    // Personal data (DESIGN.md §4): masked wherever a filing is read; ipfiling:contact reveals it.
    contactMasked: maskPhones(row.contact),
    addresses: readAddresses(db, row.id).map((a) => ({ ...a, space: classify({ ...a, notes: [] }) })),
    macs: row.macs ? row.macs.split('\n') : [],
    accessMethod: row.access_method,
    accessNote: row.access_note,
    systems: row.systems,
    purpose: row.purpose,
    scope: row.scope,
    approvalRef: row.approval_ref,
    contractId: row.contract_id,
    contractName: row.contract_name,
    contractNumber: row.contract_number,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    appliedOn: row.applied_on,
    state: row.state,
    status: status.status,
    expiring: status.expiring,
    daysLeft: status.daysLeft,
    statusText: statusPhrase({ ...dates, revokedOn: row.revoked_on }, today),
    approver: row.approver,
    approvedOn: row.approved_on,
    rejectedOn: row.rejected_on,
    rejectReason: row.reject_reason,
    revokedOn: row.revoked_on,
    revokeReason: row.revoke_reason,
    renews: link(renews, today),
    renewedBy: link(renewedBy, today),
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

export function getFiling(db: Db, id: number, today: string): IpFiling {
  const row = db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FilingRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的 IP 报备，可能已被其他操作更改，请刷新列表`);
  return hydrate(db, row, today);
}

export function getFilingByNumber(db: Db, number: string, today: string): IpFiling {
  const id = db.prepare('SELECT id FROM ip_filings WHERE number = ?').pluck().get(number.normalize('NFKC').trim().toUpperCase()) as number | undefined;
  if (id === undefined) throw new DomainError('NOT_FOUND', `找不到报备编号为 ${number} 的 IP 报备，请核对编号`, 'number');
  return getFiling(db, id, today);
}

/** The full 联系方式 (for ipfiling:contact). */
export function readContact(db: Db, id: number): string {
  const contact = db.prepare('SELECT contact FROM ip_filings WHERE id = ?').pluck().get(id) as string | undefined;
  if (contact === undefined) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的 IP 报备，可能已被其他操作更改，请刷新列表`);
  return contact;
}

/** IP-2026-0001（华为技术有限公司） */
export function describeFiling(f: Pick<IpFiling, 'number' | 'orgName'>): string {
  return `${f.number}（${f.orgName}）`;
}

/** The addresses as one short phrase: 10.0.0.1、10.0.0.0/24 等 5 项. */
export function addressesPhrase(f: Pick<IpFiling, 'addresses'>, shown = 3): string {
  const texts = f.addresses.map((a) => a.text);
  return texts.length > shown ? `${texts.slice(0, shown).join('、')} 等 ${texts.length} 项` : texts.join('、');
}

// ---------------------------------------------------------------------------------------------
// Lists

/** The derived status in SQL, the same rules as `ipFilingStatus`; `t.today` is a parameter. */
const STATUS_SQL = `CASE
  WHEN f.state = '有效' AND f.valid_to < t.today THEN '已过期'
  WHEN f.state = '有效' AND f.valid_from > t.today THEN '未生效'
  ELSE f.state END`;
const EXPIRING_SQL = `(f.state = '有效' AND f.valid_from <= t.today AND f.valid_to >= t.today
  AND f.valid_to <= date(t.today, '+${EXPIRY_WARN_DAYS} days'))`;

const SORT_COLUMNS: Record<Filter['sort'], string> = {
  number: 'f.year {dir}, f.seq',
  validTo: 'f.valid_to',
  appliedOn: 'f.applied_on',
  org: 'o.name_key',
  updatedAt: 'f.updated_at',
};

/** Conditions of the selection fields shared by lists, the register and the whitelist. */
export function selectionWhere(filter: Pick<Filter, 'q' | 'orgId' | 'personId' | 'contractId' | 'accessMethod'>): { parts: string[]; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.orgId !== null) {
    parts.push('f.org_id = ?');
    params.push(filter.orgId);
  }
  if (filter.personId !== null) {
    parts.push('f.id IN (SELECT filing_id FROM ip_filing_users WHERE person_id = ?)');
    params.push(filter.personId);
  }
  if (filter.contractId !== null) {
    parts.push('f.contract_id = ?');
    params.push(filter.contractId);
  }
  if (filter.accessMethod) {
    parts.push('f.access_method = ?');
    params.push(filter.accessMethod);
  }
  if (filter.q) {
    const search = textSearch(filter.q, {
      rowid: 'f.id',
      fts: 'ip_filings_fts',
      likeColumns: ['f.number', 'f.search_org', 'f.search_users', 'f.systems', 'f.purpose', 'f.search_addresses'],
    });
    parts.push(search.sql);
    params.push(...search.params);
  }
  return { parts, params };
}

function whereClause(filter: Filter): { sql: string; params: unknown[] } {
  const { parts, params } = selectionWhere(filter);
  if (filter.voided === 'exclude') parts.push('f.voided_at IS NULL');
  if (filter.voided === 'only') parts.push('f.voided_at IS NOT NULL');
  if (filter.status === '即将到期') parts.push(EXPIRING_SQL);
  else if (filter.status) {
    parts.push(`${STATUS_SQL} = ?`);
    params.push(filter.status);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function orderClause(filter: Filter): string {
  const dir = filter.dir === 'desc' ? 'DESC' : 'ASC';
  return `ORDER BY ${SORT_COLUMNS[filter.sort].replace('{dir}', dir)} ${dir}, f.year ${dir}, f.seq ${dir}`;
}

export function listFilings(db: Db, filter: Filter, today: string, page?: { page: number; pageSize: number }): { rows: IpFiling[]; total: number } {
  const where = whereClause(filter);
  const from = 'FROM ip_filings f JOIN organisations o ON o.id = f.org_id CROSS JOIN (SELECT ? AS today) t';
  const total = (db.prepare(`SELECT count(*) AS n ${from} ${where.sql}`).get(today, ...where.params) as { n: number }).n;
  const ids = db
    .prepare(`SELECT f.id ${from} ${where.sql} ${orderClause(filter)}${pageLimit(page)}`)
    .pluck()
    .all(today, ...where.params) as number[];
  return { rows: ids.map((id) => getFiling(db, id, today)), total };
}

// ---------------------------------------------------------------------------------------------
// Recording

interface RefRow {
  name: string;
  voided_at: string | null;
}

/** An organisation, contract or person by id: missing refused, voided refused unless already on the filing. */
function requireRef(db: Db, sql: string, id: number, what: string, field: string, kept: boolean): RefRow {
  const row = db.prepare(sql).get(id) as RefRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `${what}不存在（编号 ${id}），可能已被其他操作更改，请重新选择`, field);
  if (row.voided_at && !kept) throw new DomainError('RULE', `${what}“${row.name}”已作废，不能选用`, field);
  return row;
}

interface Checked {
  entries: ReturnType<typeof readFilingAddresses>['values'];
  macs: string[];
  notes: string[];
  searchOrg: string;
  users: { id: number; name: string; orgId: number }[];
}

/** The checks of the core beyond the form's: references, the application date, and the notes to pass on. */
function checkFields(db: Db, fields: FilingInput, today: string, before: IpFiling | null): Checked {
  const org = requireRef(db, 'SELECT name, short_name, voided_at FROM organisations WHERE id = ?', fields.orgId, '报备单位', 'orgId', before?.orgId === fields.orgId) as RefRow & {
    short_name: string;
  };
  const kept = new Set(before?.users.map((u) => u.id) ?? []);
  const users = fields.userIds.map((id, i) => {
    const p = requireRef(db, 'SELECT name, org_id, voided_at FROM people WHERE id = ?', id, '使用人', `userIds.${i}`, kept.has(id)) as RefRow & { org_id: number };
    return { id, name: p.name, orgId: p.org_id };
  });
  let contract: RefRow | null = null;
  if (fields.contractId !== null) {
    contract = requireRef(db, 'SELECT project_name AS name, voided_at FROM contracts WHERE id = ?', fields.contractId, '关联合同', 'contractId', before?.contractId === fields.contractId);
  }
  if (fields.appliedOn > today) throw new DomainError('RULE', `申请日期 ${fields.appliedOn} 晚于今天（${today}），请核对`, 'appliedOn');

  const addresses = readFilingAddresses(fields.addresses);
  const macs = readFilingMacs(fields.macs);
  const notes = [...addresses.notes, ...macs.notes];
  for (const u of users) {
    if (u.orgId !== fields.orgId) {
      const orgName = db.prepare('SELECT name FROM organisations WHERE id = ?').pluck().get(u.orgId) as string;
      notes.push(`使用人 ${u.name} 属于“${orgName}”，不是报备单位“${org.name}”的人员，请核对`);
    }
    const access = accessCheck(db, u.id, fields.contractId, today);
    if (!access.allowed) notes.push(`审批时将核查“先签后用”：${access.reason}`);
    else if (access.warning) notes.push(access.warning);
  }
  if (contract && fields.contractId !== null) {
    const party = db.prepare('SELECT 1 FROM contracts WHERE id = ? AND ? IN (client_org_id, vendor_org_id)').get(fields.contractId, fields.orgId);
    if (!party) notes.push(`报备单位“${org.name}”不是合同“${contract.name}”的甲方或乙方，请核对关联合同`);
  }
  return { entries: addresses.values, macs: macs.values, notes, searchOrg: `${org.name} ${org.short_name}`, users };
}

const COLUMNS = `org_id, contact, macs, access_method, access_note, systems, purpose, scope, approval_ref, contract_id,
  valid_from, valid_to, applied_on, note, search_org, search_users, search_addresses`;

function columns(fields: FilingInput, c: Checked): unknown[] {
  return [
    fields.orgId,
    fields.contact,
    c.macs.join('\n'),
    fields.accessMethod,
    fields.accessNote,
    fields.systems,
    fields.purpose,
    fields.scope,
    fields.scope === '超出合同范围' ? fields.approvalRef : '',
    fields.contractId,
    fields.validFrom,
    fields.validTo,
    fields.appliedOn,
    fields.note,
    c.searchOrg,
    c.users.map((u) => u.name).join(' '),
    c.entries.map((e) => e.text).join(' '),
  ];
}

function writeUsers(db: Db, filingId: number, userIds: readonly number[]): void {
  db.prepare('DELETE FROM ip_filing_users WHERE filing_id = ?').run(filingId);
  const insert = db.prepare('INSERT INTO ip_filing_users (filing_id, seq, person_id) VALUES (?, ?, ?)');
  userIds.forEach((id, i) => insert.run(filingId, i + 1, id));
}

/** The next 报备编号 of the year: one more than the highest given, voided filings included. */
function nextSeq(db: Db, year: number): number {
  return ((db.prepare('SELECT max(seq) FROM ip_filings WHERE year = ?').pluck().get(year) as number | null) ?? 0) + 1;
}

export interface Saved {
  filing: IpFiling;
  notes: string[];
}

export function createFiling(db: Db, fields: FilingInput, actor: string, at: string, today: string, renewsId: number | null = null): Saved {
  const checked = checkFields(db, fields, today, null);
  const year = Number(today.slice(0, 4));
  const seq = nextSeq(db, year);
  const info = db
    .prepare(
      `INSERT INTO ip_filings (uuid, number, year, seq, ${COLUMNS}, renews_id, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ${Array(17).fill('?').join(', ')}, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), formatNumber(year, seq), year, seq, ...columns(fields, checked), renewsId, at, actor, at, actor);
  const id = Number(info.lastInsertRowid);
  writeUsers(db, id, fields.userIds);
  writeAddresses(db, id, checked.entries);
  return { filing: getFiling(db, id, today), notes: checked.notes };
}

function requireCurrent(db: Db, id: number, rev: number, today: string, what: string): IpFiling {
  const current = getFiling(db, id, today);
  if (current.rev !== rev) throw new DomainError('CONFLICT', `IP 报备 ${describeFiling(current)} 已被其他操作修改，请关闭后重新打开再${what}`);
  if (current.voidedAt) throw new DomainError('RULE', `IP 报备 ${describeFiling(current)} 已于 ${current.voidedAt.slice(0, 10)} 作废，不能再${what}`);
  return current;
}

/** Refuses anything but a filing awaiting approval, saying what to do instead. */
function requirePending(f: IpFiling, what: string): void {
  if (f.state === '待审批') return;
  const instead: Record<Exclude<IpFilingState, '待审批'>, string> = {
    有效: '已审批，不能再' + what + '。如需变更，请撤销后重新报备，或办理续期',
    已驳回: `已于 ${f.rejectedOn ?? ''} 驳回，不能再${what}。如仍需访问，请重新报备`,
    已撤销: `已于 ${f.revokedOn ?? ''} 撤销，不能再${what}。如仍需访问，请重新报备`,
  };
  throw new DomainError('RULE', `IP 报备 ${describeFiling(f)} ${instead[f.state]}`);
}

export function updateFiling(db: Db, id: number, rev: number, fields: FilingInput, actor: string, at: string, today: string): Saved & { before: IpFiling } {
  const before = requireCurrent(db, id, rev, today, '修改');
  requirePending(before, '修改');
  const checked = checkFields(db, fields, today, before);
  const set = COLUMNS.split(',')
    .map((c) => `${c.trim()} = ?`)
    .join(', ');
  db.prepare(`UPDATE ip_filings SET ${set}, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`).run(...columns(fields, checked), at, actor, id);
  writeUsers(db, id, fields.userIds);
  writeAddresses(db, id, checked.entries);
  return { before, filing: getFiling(db, id, today), notes: checked.notes };
}

export interface Transition {
  before: IpFiling;
  after: IpFiling;
}

const touch = (db: Db, id: number, set: string, params: unknown[], actor: string, at: string) =>
  db.prepare(`UPDATE ip_filings SET ${set}, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`).run(...params, at, actor, id);

/**
 * 待审批 → 有效. Every user must pass “sign before access” today (for the filing's contract): the
 * first who does not is refused at `userIds.<n>` with the reason. Warnings of commitments about
 * to expire are returned as notes.
 */
export function approveFiling(
  db: Db,
  id: number,
  rev: number,
  approver: string,
  approvedOn: string,
  actor: string,
  at: string,
  today: string,
): Transition & { notes: string[] } {
  const before = requireCurrent(db, id, rev, today, '审批');
  requirePending(before, '审批');
  if (approvedOn > today) throw new DomainError('RULE', `审批日期 ${approvedOn} 晚于今天（${today}），请核对`, 'approvedOn');
  if (approvedOn < before.appliedOn) throw new DomainError('RULE', `审批日期 ${approvedOn} 早于申请日期 ${before.appliedOn}，请核对`, 'approvedOn');
  if (before.validTo < today) {
    throw new DomainError('RULE', `IP 报备 ${describeFiling(before)} 的有效期已于 ${before.validTo} 结束，不能批准。请修改有效期后再审批，或予以驳回`);
  }
  const notes: string[] = [];
  before.users.forEach((u, i) => {
    const { warning } = requireAccess(db, u.id, before.contractId, today, `userIds.${i}`);
    if (warning) notes.push(warning);
  });
  touch(db, id, "state = '有效', approver = ?, approved_on = ?, approved_at = ?", [approver, approvedOn, at], actor, at);
  return { before, after: getFiling(db, id, today), notes };
}

/** 待审批 → 已驳回, today. */
export function rejectFiling(db: Db, id: number, rev: number, reason: string, actor: string, at: string, today: string): Transition {
  const before = requireCurrent(db, id, rev, today, '驳回');
  requirePending(before, '驳回');
  touch(db, id, "state = '已驳回', reject_reason = ?, rejected_on = ?, closed_at = ?", [reason, today, at], actor, at);
  return { before, after: getFiling(db, id, today) };
}

/** 有效 (not yet expired) or 待审批 → 已撤销 on `revokedOn`. */
export function revokeFiling(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  revokedOn: string,
  actor: string,
  at: string,
  today: string,
): Transition {
  const before = requireCurrent(db, id, rev, today, '撤销');
  if (before.state === '已驳回' || before.state === '已撤销') {
    const when = before.state === '已驳回' ? before.rejectedOn : before.revokedOn;
    throw new DomainError('RULE', `IP 报备 ${describeFiling(before)} 已于 ${when ?? ''} ${before.state.slice(1)}，无需撤销`);
  }
  if (before.status === '已过期') throw new DomainError('RULE', `IP 报备 ${describeFiling(before)} 已于 ${before.validTo} 到期，无需撤销`);
  if (revokedOn > today) throw new DomainError('RULE', `撤销日期 ${revokedOn} 晚于今天（${today}），请核对`, 'revokedOn');
  const floor = before.approvedOn ?? before.appliedOn;
  if (revokedOn < floor) {
    throw new DomainError('RULE', `撤销日期 ${revokedOn} 早于${before.approvedOn ? '审批日期' : '申请日期'} ${floor}，请核对`, 'revokedOn');
  }
  touch(db, id, "state = '已撤销', revoke_reason = ?, revoked_on = ?, closed_at = ?", [reason, revokedOn, at], actor, at);
  return { before, after: getFiling(db, id, today) };
}

/**
 * A new 待审批 filing copying an approved one for a new period, `renews` pointing at it. The copy
 * goes through the same checks as a new filing (a unit or person voided since is refused). One
 * live renewal at a time: a second is refused while the first is 待审批 or approved.
 */
export function renewFiling(
  db: Db,
  id: number,
  rev: number,
  period: { validFrom: string; validTo: string; appliedOn: string },
  actor: string,
  at: string,
  today: string,
): Saved & { old: IpFiling } {
  const old = requireCurrent(db, id, rev, today, '续期');
  if (old.state !== '有效') {
    throw new DomainError('RULE', `IP 报备 ${describeFiling(old)} ${old.status}，只有已审批的报备可以续期；请直接重新报备`);
  }
  if (old.renewedBy) {
    throw new DomainError('RULE', `IP 报备 ${describeFiling(old)} 已续期为 ${old.renewedBy.number}（${old.renewedBy.status}），请在该报备中继续办理`);
  }
  const copy = ipFilingFieldsSchema.safeParse({
    orgId: old.orgId,
    userIds: old.users.map((u) => u.id),
    contact: readContact(db, id),
    addresses: old.addresses.map((a) => a.text).join('\n'),
    macs: old.macs.join('\n'),
    accessMethod: old.accessMethod,
    accessNote: old.accessNote,
    systems: old.systems,
    purpose: old.purpose,
    scope: old.scope,
    approvalRef: old.approvalRef,
    contractId: old.contractId,
    validFrom: period.validFrom,
    validTo: period.validTo,
    appliedOn: period.appliedOn,
    note: old.note,
  });
  if (!copy.success) {
    const issue = copy.error.issues[0];
    throw new DomainError('INVALID_INPUT', issue?.message ?? '续期内容不符合要求', issue?.path.map(String).join('.'));
  }
  const saved = createFiling(db, copy.data, actor, at, today, id);
  return { ...saved, old };
}

export function voidFiling(db: Db, id: number, rev: number, reason: string, actor: string, at: string, today: string): Transition {
  const before = requireCurrent(db, id, rev, today, '作废');
  touch(db, id, 'voided_at = ?, voided_by = ?, void_reason = ?', [at, actor, reason], actor, at);
  return { before, after: getFiling(db, id, today) };
}
