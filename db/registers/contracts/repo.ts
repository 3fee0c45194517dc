import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DomainError } from '../../../common/api/result';
import {
  CONFIDENTIALITY_KINDS,
  normaliseContractNumber,
  toInstallments,
  type Contract,
  type contractFieldsSchema,
  type contractFilterSchema,
} from '../../../common/api/contract';
import { toDaxie } from '../../../common/contracts/daxie';
import { installmentTotals } from '../../../common/contracts/installments';
import { checkContractDates, contractStatus } from '../../../common/contracts/status';
import type { Db } from '../../core/open';
import { pageLimit, textSearch } from '../../core/search';
import { maskPhones } from '../../../common/privacy/mask';
import { chineseSortKey } from '../../core/sortkey';
import { countOverdue } from './obligations';

export type ContractInput = z.output<typeof contractFieldsSchema>;
type Filter = z.output<typeof contractFilterSchema>;

const pad = (n: number) => String(n).padStart(2, '0');
/** The workstation's local calendar date (not the UTC date, which differs before 08:00 in China). */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const toH = (percent: number | null): number | null => (percent === null ? null : Math.round(percent * 100));
const fromH = (h: number | null): number | null => (h === null ? null : h / 100);

interface ContractRow {
  id: number;
  uuid: string;
  rev: number;
  project_name: string;
  procurement_number: string;
  client_org_id: number;
  vendor_org_id: number;
  client_name: string;
  vendor_name: string;
  signed_date: string | null;
  signed_place: string;
  service_start: string | null;
  service_end: string | null;
  amount_fen: number;
  tax_rate_h: number | null;
  amount_excl_tax_fen: number | null;
  originals_total: number;
  originals_client: number;
  originals_vendor: number;
  protection_level: number | null;
  renewal_lead_days: number;
  note: string;
  bond_percent_h: number | null;
  bond_fen: number | null;
  bond_bank: string | null;
  bond_valid_until: string | null;
  bond_returned_on: string | null;
  terminated_on: string | null;
  termination_reason: string | null;
  created_at: string;
  updated_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

const SELECT = `SELECT c.*, cl.name AS client_name, ve.name AS vendor_name FROM contracts c
  JOIN organisations cl ON cl.id = c.client_org_id JOIN organisations ve ON ve.id = c.vendor_org_id`;

function bondAmount(row: ContractRow): number {
  if (row.bond_fen !== null) return row.bond_fen;
  if (row.bond_percent_h === null) return 0;
  return Number((BigInt(row.amount_fen) * BigInt(row.bond_percent_h) * 2n + 10_000n) / 20_000n);
}

/** The contacts with their full phone numbers. */
export function readContacts(db: Db, contractId: number): Contract['contacts'] {
  return db
    .prepare('SELECT side, name, phone, email, role FROM contract_contacts WHERE contract_id = ? ORDER BY seq')
    .all(contractId) as Contract['contacts'];
}

function hydrate(db: Db, row: ContractRow, today: string): Contract {
  const numbers = (
    db.prepare('SELECT number, scheme, is_main FROM contract_numbers WHERE contract_id = ? ORDER BY seq').all(row.id) as {
      number: string;
      scheme: string;
      is_main: number;
    }[]
  ).map((n) => ({ number: n.number, scheme: n.scheme, isMain: n.is_main === 1 }));
  // Phones are personal data: masked wherever a contract is read (DESIGN.md §4); the full numbers
  // come only from contract:contacts, which checks personal.reveal and is audited.
  const contacts = readContacts(db, row.id).map((c) => ({ ...c, phone: maskPhones(c.phone) }));
  const stored = (
    db.prepare('SELECT * FROM contract_installments WHERE contract_id = ? ORDER BY seq').all(row.id) as {
      seq: number;
      percent_h: number | null;
      fen: number | null;
      condition: string;
      due_date: string | null;
      invoice_number: string;
      paid_date: string | null;
    }[]
  ).map((i) => ({
    seq: i.seq,
    percent: fromH(i.percent_h),
    fen: i.fen,
    condition: i.condition,
    dueDate: i.due_date,
    invoiceNumber: i.invoice_number,
    paidDate: i.paid_date,
  }));
  const totals = installmentTotals(row.amount_fen, toInstallments(stored));
  const agreements = (
    db.prepare('SELECT * FROM contract_agreements WHERE contract_id = ? ORDER BY seq').all(row.id) as {
      uuid: string;
      kind: Contract['agreements'][number]['kind'];
      signed_date: string | null;
      parties: string;
      term_kind: Contract['agreements'][number]['term']['kind'];
      term_years: number | null;
      term_from: string | null;
      coordinator_client: string;
      coordinator_vendor: string;
    }[]
  ).map((a) => ({
    uuid: a.uuid,
    kind: a.kind,
    signedDate: a.signed_date,
    parties: a.parties,
    term: { kind: a.term_kind, years: a.term_years, from: a.term_from },
    coordinators: { client: a.coordinator_client, vendor: a.coordinator_vendor },
  }));
  const hasBond = row.bond_percent_h !== null || row.bond_fen !== null;
  return {
    id: row.id,
    uuid: row.uuid,
    rev: row.rev,
    numbers,
    mainNumber: numbers.find((n) => n.isMain)?.number ?? numbers[0]?.number ?? '',
    procurementNumber: row.procurement_number,
    projectName: row.project_name,
    clientOrgId: row.client_org_id,
    vendorOrgId: row.vendor_org_id,
    clientName: row.client_name,
    vendorName: row.vendor_name,
    contacts,
    signedDate: row.signed_date,
    signedPlace: row.signed_place,
    serviceStart: row.service_start,
    serviceEnd: row.service_end,
    amountFen: row.amount_fen,
    amountDaxie: toDaxie(row.amount_fen),
    taxRatePercent: fromH(row.tax_rate_h),
    amountExclTaxFen: row.amount_excl_tax_fen,
    originals: { total: row.originals_total, client: row.originals_client, vendor: row.originals_vendor },
    protectionLevel: row.protection_level,
    renewalLeadDays: row.renewal_lead_days,
    note: row.note,
    installments: stored.map((i, index) => ({ ...i, amountFen: totals.amounts[index]!, paid: i.paidDate !== null })),
    paidFen: totals.paidFen,
    unpaidFen: totals.unpaidFen,
    bond: hasBond
      ? {
          percent: fromH(row.bond_percent_h),
          fen: row.bond_fen,
          bank: row.bond_bank ?? '',
          validUntil: row.bond_valid_until,
          returnedOn: row.bond_returned_on,
          amountFen: bondAmount(row),
        }
      : null,
    agreements,
    hasConfidentialityAgreement: agreements.some((a) => CONFIDENTIALITY_KINDS.includes(a.kind)),
    overdueObligations: countOverdue(db, row.id, today),
    terminatedOn: row.terminated_on,
    terminationReason: row.termination_reason,
    status: contractStatus(
      { signedDate: row.signed_date, start: row.service_start, end: row.service_end, terminatedOn: row.terminated_on },
      today,
      row.renewal_lead_days,
    ),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

/**
 * The derived status in SQL, equivalent to contractStatus (common/contracts/status.ts), with
 * `t.today` the local date joined in as a parameter.
 */
const STATUS_SQL = `CASE
  WHEN c.signed_date IS NULL THEN 'draft'
  WHEN c.terminated_on IS NOT NULL AND c.terminated_on <= t.today THEN 'terminated'
  WHEN c.service_end IS NOT NULL AND c.service_end < t.today THEN 'expired'
  WHEN c.service_end IS NOT NULL AND c.service_end <= date(t.today, '+' || c.renewal_lead_days || ' days') THEN 'expiring'
  ELSE 'active' END`;

const SORT_COLUMNS: Record<Filter['sort'], string> = {
  projectName: 'c.name_key',
  signedDate: 'c.signed_date',
  serviceEnd: 'c.service_end',
  amount: 'c.amount_fen',
};

function whereClause(filter: Filter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.voided === 'exclude') parts.push('c.voided_at IS NULL');
  if (filter.voided === 'only') parts.push('c.voided_at IS NOT NULL');
  if (filter.status) {
    parts.push(`${STATUS_SQL} = ?`);
    params.push(filter.status);
  }
  if (filter.orgId !== null) {
    parts.push('(c.client_org_id = ? OR c.vendor_org_id = ?)');
    params.push(filter.orgId, filter.orgId);
  }
  if (filter.to) {
    parts.push('(coalesce(c.service_start, c.signed_date) IS NULL OR coalesce(c.service_start, c.signed_date) <= ?)');
    params.push(filter.to);
  }
  if (filter.from) {
    parts.push('(c.service_end IS NULL OR c.service_end >= ?)');
    params.push(filter.from);
  }
  if (filter.q) {
    const search = textSearch(filter.q, { rowid: 'c.id', fts: 'contracts_fts', likeColumns: ['c.project_name', 'c.search_numbers', 'c.search_parties'] });
    parts.push(search.sql);
    params.push(...search.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function orderClause(filter: Filter): string {
  const dir = filter.dir === 'desc' ? 'DESC' : 'ASC';
  const tie = filter.sort === 'projectName' ? '' : `c.name_key ${dir}, `;
  return `ORDER BY ${SORT_COLUMNS[filter.sort]} ${dir}, ${tie}c.project_name ${dir}, c.id ${dir}`;
}

export function listContracts(
  db: Db,
  filter: Filter,
  today: string,
  page?: { page: number; pageSize: number },
): { rows: Contract[]; total: number } {
  const where = whereClause(filter);
  const from = 'FROM contracts c CROSS JOIN (SELECT ? AS today) t';
  const total = (db.prepare(`SELECT count(*) AS n ${from} ${where.sql}`).get(today, ...where.params) as { n: number }).n;
  const limit = pageLimit(page);
  const ids = db
    .prepare(`SELECT c.id ${from} ${where.sql} ${orderClause(filter)}${limit}`)
    .pluck()
    .all(today, ...where.params) as number[];
  return { rows: ids.map((id) => getContract(db, id, today)), total };
}

export function getContract(db: Db, id: number, today: string): Contract {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ContractRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的合同，可能已被其他操作更改，请刷新列表`);
  return hydrate(db, row, today);
}

function describe(c: Pick<Contract, 'projectName' | 'mainNumber'>): string {
  return `“${c.projectName}”（${c.mainNumber}）`;
}

function requireOrg(db: Db, id: number, field: 'clientOrgId' | 'vendorOrgId', unchangedFrom: number | null): string {
  const side = field === 'clientOrgId' ? '甲方' : '乙方';
  const org = db.prepare('SELECT name, short_name, voided_at FROM organisations WHERE id = ?').get(id) as
    | { name: string; short_name: string; voided_at: string | null }
    | undefined;
  if (!org) throw new DomainError('NOT_FOUND', `${side}单位不存在（编号 ${id}），请重新选择`, field);
  if (org.voided_at && unchangedFrom !== id) {
    throw new DomainError('RULE', `${side}单位“${org.name}”已作废，不能选用`, field);
  }
  return `${org.name} ${org.short_name}`;
}

function refuseDuplicateNumbers(db: Db, fields: ContractInput, exceptId: number | null): void {
  const find = db.prepare(
    `SELECT cn.contract_id AS id, c.project_name AS projectName,
       (SELECT number FROM contract_numbers m WHERE m.contract_id = c.id AND m.is_main = 1) AS mainNumber
     FROM contract_numbers cn JOIN contracts c ON c.id = cn.contract_id
     WHERE cn.number_norm = ? AND cn.active = 1 AND cn.contract_id IS NOT ?`,
  );
  fields.numbers.forEach((n, index) => {
    const holder = find.get(normaliseContractNumber(n.number), exceptId) as
      | { id: number; projectName: string; mainNumber: string | null }
      | undefined;
    if (holder) {
      throw new DomainError(
        'DUPLICATE',
        `合同编号 ${n.number} 已登记在合同${describe({ projectName: holder.projectName, mainNumber: holder.mainNumber ?? '' })}名下，同一编号不能重复登记`,
        `numbers.${index}.number`,
      );
    }
  });
}

function searchNumbers(fields: ContractInput): string {
  return fields.numbers.map((n) => `${n.number} ${normaliseContractNumber(n.number)}`).join(' ');
}

function contractColumns(fields: ContractInput, parties: string): unknown[] {
  const bond = fields.bond;
  return [
    fields.projectName,
    chineseSortKey(fields.projectName),
    fields.procurementNumber,
    fields.clientOrgId,
    fields.vendorOrgId,
    fields.signedDate,
    fields.signedPlace,
    fields.serviceStart,
    fields.serviceEnd,
    fields.amountFen,
    toH(fields.taxRatePercent),
    fields.amountExclTaxFen,
    fields.originals.total,
    fields.originals.client,
    fields.originals.vendor,
    fields.protectionLevel,
    fields.renewalLeadDays,
    fields.note,
    bond ? toH(bond.percent) : null,
    bond ? bond.fen : null,
    bond ? bond.bank : null,
    bond ? bond.validUntil : null,
    bond ? bond.returnedOn : null,
    searchNumbers(fields),
    parties,
  ];
}

const COLUMNS = `project_name, name_key, procurement_number, client_org_id, vendor_org_id, signed_date, signed_place,
  service_start, service_end, amount_fen, tax_rate_h, amount_excl_tax_fen, originals_total, originals_client,
  originals_vendor, protection_level, renewal_lead_days, note, bond_percent_h, bond_fen, bond_bank, bond_valid_until,
  bond_returned_on, search_numbers, search_parties`;

/**
 * Agreements keep their UUIDs across edits (their attachments are filed under them). One the
 * edit drops may not take live attachments with it: those are voided first, with a reason.
 */
function agreementUuids(db: Db, id: number, fields: ContractInput): string[] {
  const stored = db.prepare('SELECT uuid, kind FROM contract_agreements WHERE contract_id = ?').all(id) as { uuid: string; kind: string }[];
  const kept = new Set(fields.agreements.map((a) => a.uuid).filter((u): u is string => u !== null));
  const attached = db.prepare(
    "SELECT count(*) FROM attachments WHERE owner_type = 'agreement' AND owner_uuid = ? AND voided_at IS NULL",
  );
  for (const s of stored) {
    const n = kept.has(s.uuid) ? 0 : (attached.pluck().get(s.uuid) as number);
    if (n > 0) {
      throw new DomainError('RULE', `附属协议“${s.kind}”有 ${n} 个附件，不能直接删除。请先在合同详情中作废这些附件（写明原因），再删除该协议`, 'agreements');
    }
  }
  const own = new Set(stored.map((s) => s.uuid));
  const used = new Set<string>();
  return fields.agreements.map((a) => {
    const uuid = a.uuid && own.has(a.uuid) && !used.has(a.uuid) ? a.uuid : randomUUID();
    used.add(uuid);
    return uuid;
  });
}

/** Child rows are the contract's own: replaced as a whole, inside the caller's transaction. */
function replaceChildren(db: Db, id: number, fields: ContractInput): void {
  const uuids = agreementUuids(db, id, fields);
  for (const table of ['contract_numbers', 'contract_contacts', 'contract_installments', 'contract_agreements']) {
    db.prepare(`DELETE FROM ${table} WHERE contract_id = ?`).run(id);
  }
  const number = db.prepare(
    'INSERT INTO contract_numbers (contract_id, seq, number, number_norm, scheme, is_main) VALUES (?, ?, ?, ?, ?, ?)',
  );
  fields.numbers.forEach((n, i) =>
    number.run(id, i + 1, n.number, normaliseContractNumber(n.number), n.scheme, n.isMain ? 1 : 0),
  );
  const contact = db.prepare(
    'INSERT INTO contract_contacts (contract_id, seq, side, name, phone, email, role) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  fields.contacts.forEach((c, i) => contact.run(id, i + 1, c.side, c.name, c.phone, c.email, c.role));
  const installment = db.prepare(
    `INSERT INTO contract_installments (contract_id, seq, percent_h, fen, condition, due_date, invoice_number, paid_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  fields.installments.forEach((x, i) =>
    installment.run(id, i + 1, toH(x.percent), x.fen, x.condition, x.dueDate, x.invoiceNumber, x.paidDate),
  );
  const agreement = db.prepare(
    `INSERT INTO contract_agreements (uuid, contract_id, seq, kind, signed_date, parties, term_kind, term_years, term_from,
       coordinator_client, coordinator_vendor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  fields.agreements.forEach((a, i) =>
    agreement.run(
      uuids[i],
      id,
      i + 1,
      a.kind,
      a.signedDate,
      a.parties,
      a.term.kind,
      a.term.kind === 'years' ? a.term.years : null,
      a.term.from,
      a.coordinators.client,
      a.coordinators.vendor,
    ),
  );
}

export function createContract(db: Db, fields: ContractInput, actor: string, at: string, today: string): Contract {
  const parties = `${requireOrg(db, fields.clientOrgId, 'clientOrgId', null)} ${requireOrg(db, fields.vendorOrgId, 'vendorOrgId', null)}`;
  refuseDuplicateNumbers(db, fields, null);
  const info = db
    .prepare(
      `INSERT INTO contracts (uuid, ${COLUMNS}, created_at, created_by, updated_at, updated_by)
       VALUES (?, ${Array(25).fill('?').join(', ')}, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), ...contractColumns(fields, parties), at, actor, at, actor);
  const id = Number(info.lastInsertRowid);
  replaceChildren(db, id, fields);
  return getContract(db, id, today);
}

function requireCurrent(db: Db, id: number, rev: number, today: string): Contract {
  const current = getContract(db, id, today);
  if (current.rev !== rev) {
    throw new DomainError('CONFLICT', `合同${describe(current)}已被其他操作修改，请关闭后重新打开再编辑`);
  }
  return current;
}

function requireNotVoided(c: Contract, what: string): void {
  if (c.voidedAt) throw new DomainError('RULE', `合同${describe(c)}已作废，不能再${what}`);
}

export function updateContract(
  db: Db,
  id: number,
  rev: number,
  fields: ContractInput,
  actor: string,
  at: string,
  today: string,
): { before: Contract; after: Contract } {
  const before = requireCurrent(db, id, rev, today);
  requireNotVoided(before, '修改');
  const parties = `${requireOrg(db, fields.clientOrgId, 'clientOrgId', before.clientOrgId)} ${requireOrg(db, fields.vendorOrgId, 'vendorOrgId', before.vendorOrgId)}`;
  refuseDuplicateNumbers(db, fields, id);
  if (before.terminatedOn && fields.signedDate && fields.signedDate > before.terminatedOn) {
    throw new DomainError('RULE', `合同已于 ${before.terminatedOn} 终止，签订日期不能晚于终止日期`, 'signedDate');
  }
  if (before.terminatedOn && !fields.signedDate) {
    throw new DomainError('RULE', '已终止的合同必须有签订日期', 'signedDate');
  }
  const assignments = COLUMNS.split(',')
    .map((c) => `${c.trim()} = ?`)
    .join(', ');
  db.prepare(`UPDATE contracts SET ${assignments}, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`).run(
    ...contractColumns(fields, parties),
    at,
    actor,
    id,
  );
  replaceChildren(db, id, fields);
  return { before, after: getContract(db, id, today) };
}

export function voidContract(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  actor: string,
  at: string,
  today: string,
): { before: Contract; after: Contract } {
  const before = requireCurrent(db, id, rev, today);
  if (before.voidedAt) throw new DomainError('RULE', `合同${describe(before)}已于 ${before.voidedAt.slice(0, 10)} 作废`);
  db.prepare(
    `UPDATE contracts SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ?
     WHERE id = ?`,
  ).run(at, actor, reason, at, actor, id);
  // A voided contract's numbers may be registered again.
  db.prepare('UPDATE contract_numbers SET active = 0 WHERE contract_id = ?').run(id);
  return { before, after: getContract(db, id, today) };
}

export function terminateContract(
  db: Db,
  id: number,
  rev: number,
  terminatedOn: string,
  reason: string,
  actor: string,
  at: string,
  today: string,
): { before: Contract; after: Contract } {
  const before = requireCurrent(db, id, rev, today);
  requireNotVoided(before, '终止');
  if (before.terminatedOn) {
    throw new DomainError('RULE', `合同${describe(before)}已登记于 ${before.terminatedOn} 终止`, 'terminatedOn');
  }
  const problems = checkContractDates({
    signedDate: before.signedDate,
    start: before.serviceStart,
    end: before.serviceEnd,
    terminatedOn,
    terminationReason: reason,
  });
  const problem = problems[0];
  if (problem) {
    throw new DomainError('RULE', problem.message, problem.field === 'terminationReason' ? 'reason' : 'terminatedOn');
  }
  db.prepare(
    `UPDATE contracts SET terminated_on = ?, termination_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(terminatedOn, reason, at, actor, id);
  return { before, after: getContract(db, id, today) };
}
