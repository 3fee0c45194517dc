import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Completion, Obligation, obligationFieldsSchema } from '../../../common/api/obligation';
import { DomainError } from '../../../common/api/result';
import {
  describeObligationSchedule,
  obligationNext,
  type ContractWindow,
  type ObligationKind,
} from '../../../common/contracts/obligations';
import type { ServiceLimitUnit } from '../../../common/contracts/schedule';
import type { Db } from '../../core/open';

export type ObligationInput = z.output<typeof obligationFieldsSchema>;

interface ObligationRow {
  id: number;
  uuid: string;
  rev: number;
  contract_id: number;
  title: string;
  clause: string;
  kind: ObligationKind;
  times: number | null;
  at_least: number | null;
  due_date: string | null;
  within_value: number | null;
  within_unit: ServiceLimitUnit | null;
  action: string;
  note: string;
  created_at: string;
  updated_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

interface ContractRef extends ContractWindow {
  id: number;
  projectName: string;
  mainNumber: string;
  vendorName: string;
}

function contractRef(db: Db, contractId: number): ContractRef {
  const row = db
    .prepare(
      `SELECT c.id, c.project_name AS projectName, c.signed_date AS signedDate, c.service_start AS serviceStart,
         c.service_end AS serviceEnd, c.terminated_on AS terminatedOn, c.voided_at IS NOT NULL AS voided,
         coalesce((SELECT number FROM contract_numbers n WHERE n.contract_id = c.id AND n.is_main = 1), '') AS mainNumber,
         o.name AS vendorName
       FROM contracts c JOIN organisations o ON o.id = c.vendor_org_id WHERE c.id = ?`,
    )
    .get(contractId) as (Omit<ContractRef, 'voided'> & { voided: number }) | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${contractId} 的合同，可能已被其他操作更改，请刷新列表`);
  return { ...row, voided: row.voided === 1 };
}

function completionsOf(db: Db, obligationId: number): Completion[] {
  return db
    .prepare(
      `SELECT id, uuid, done_on AS doneOn, description, created_at AS createdAt, created_by_name AS createdByName,
         voided_at AS voidedAt, void_reason AS voidReason
       FROM obligation_completions WHERE obligation_id = ? ORDER BY done_on DESC, id DESC`,
    )
    .all(obligationId) as Completion[];
}

function hydrate(db: Db, row: ObligationRow, contract: ContractWindow, today: string): Obligation {
  const fields = {
    kind: row.kind,
    times: row.times,
    atLeast: row.at_least,
    due: row.due_date,
    within: row.within_value,
    unit: row.within_unit,
    action: row.action,
  };
  const completions = completionsOf(db, row.id);
  const counted = completions.filter((c) => c.voidedAt === null).map((c) => c.doneOn);
  return {
    id: row.id,
    uuid: row.uuid,
    rev: row.rev,
    contractId: row.contract_id,
    title: row.title,
    clause: row.clause,
    ...fields,
    note: row.note,
    scheduleText: describeObligationSchedule(fields),
    completions,
    // A voided obligation is owed no more.
    next: row.voided_at
      ? { state: 'unscheduled', reason: '该义务已作废' }
      : obligationNext(fields, contract, counted, today),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

export function listObligations(db: Db, contractId: number, includeVoided: boolean, today: string): Obligation[] {
  const contract = contractRef(db, contractId);
  const rows = db
    .prepare(
      `SELECT * FROM contract_obligations WHERE contract_id = ? ${includeVoided ? '' : 'AND voided_at IS NULL'}
       ORDER BY voided_at IS NOT NULL, id`,
    )
    .all(contractId) as ObligationRow[];
  return rows.map((r) => hydrate(db, r, contract, today));
}

/** How many of the contract's obligations are overdue today (0 for a voided contract). */
export function countOverdue(db: Db, contractId: number, today: string): number {
  return listObligations(db, contractId, false, today).filter((o) => o.next.state === 'due' && o.next.overdue).length;
}

export function getObligation(db: Db, id: number, today: string): Obligation {
  const row = db.prepare('SELECT * FROM contract_obligations WHERE id = ?').get(id) as ObligationRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的履行义务，可能已被其他操作更改，请刷新`);
  return hydrate(db, row, contractRef(db, row.contract_id), today);
}

/** “漏洞扫描”（合同“…”） */
export function describeObligation(db: Db, o: Pick<Obligation, 'title' | 'contractId'>): string {
  const c = contractRef(db, o.contractId);
  return `“${o.title}”（合同“${c.projectName}”${c.mainNumber ? `，${c.mainNumber}` : ''}）`;
}

function requireWritableContract(db: Db, contractId: number, what: string): ContractRef {
  const c = contractRef(db, contractId);
  if (c.voided) throw new DomainError('RULE', `合同“${c.projectName}”已作废，不能再${what}`);
  return c;
}

const columns = (f: ObligationInput) => [f.title, f.clause, f.kind, f.times, f.atLeast, f.due, f.within, f.unit, f.action, f.note];

export function createObligation(db: Db, contractId: number, fields: ObligationInput, actor: string, at: string, today: string): Obligation {
  requireWritableContract(db, contractId, '登记履行义务');
  const info = db
    .prepare(
      `INSERT INTO contract_obligations (uuid, contract_id, title, clause, kind, times, at_least, due_date, within_value,
         within_unit, action, note, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), contractId, ...columns(fields), at, actor, at, actor);
  return getObligation(db, Number(info.lastInsertRowid), today);
}

function requireCurrent(db: Db, id: number, rev: number, today: string, what: string): Obligation {
  const current = getObligation(db, id, today);
  if (current.rev !== rev) {
    throw new DomainError('CONFLICT', `履行义务“${current.title}”已被其他操作修改，请关闭后重新打开再${what}`);
  }
  if (current.voidedAt) throw new DomainError('RULE', `履行义务“${current.title}”已于 ${current.voidedAt.slice(0, 10)} 作废，不能再${what}`);
  requireWritableContract(db, current.contractId, `${what}其履行义务`);
  return current;
}

export function updateObligation(
  db: Db,
  id: number,
  rev: number,
  fields: ObligationInput,
  actor: string,
  at: string,
  today: string,
): { before: Obligation; after: Obligation } {
  const before = requireCurrent(db, id, rev, today, '修改');
  db.prepare(
    `UPDATE contract_obligations SET title = ?, clause = ?, kind = ?, times = ?, at_least = ?, due_date = ?, within_value = ?,
       within_unit = ?, action = ?, note = ?, rev = rev + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(...columns(fields), at, actor, id);
  return { before, after: getObligation(db, id, today) };
}

export function voidObligation(
  db: Db,
  id: number,
  rev: number,
  reason: string,
  actor: string,
  at: string,
  today: string,
): { before: Obligation; after: Obligation } {
  const before = requireCurrent(db, id, rev, today, '作废');
  db.prepare(
    `UPDATE contract_obligations SET voided_at = ?, voided_by = ?, void_reason = ?, rev = rev + 1, updated_at = ?, updated_by = ?
     WHERE id = ?`,
  ).run(at, actor, reason, at, actor, id);
  return { before, after: getObligation(db, id, today) };
}

export function completeObligation(
  db: Db,
  obligationId: number,
  doneOn: string,
  description: string,
  actor: { id: string; name: string },
  at: string,
  today: string,
): { obligation: Obligation; completion: Completion } {
  const o = getObligation(db, obligationId, today);
  if (o.voidedAt) throw new DomainError('RULE', `履行义务“${o.title}”已作废，不能再登记完成情况`);
  const c = requireWritableContract(db, o.contractId, '登记完成情况');
  if (doneOn > today) throw new DomainError('RULE', `完成日期 ${doneOn} 晚于今天（${today}），只能登记已经完成的工作`, 'doneOn');
  const earliest = [c.signedDate, c.serviceStart].filter((d): d is string => d !== null).sort()[0];
  if (earliest && doneOn < earliest) {
    throw new DomainError('RULE', `完成日期 ${doneOn} 早于合同的签订日期和服务开始日（${earliest}），请核对`, 'doneOn');
  }
  const info = db
    .prepare(
      `INSERT INTO obligation_completions (uuid, obligation_id, done_on, description, created_at, created_by, created_by_name)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(randomUUID(), obligationId, doneOn, description, at, actor.id, actor.name);
  const obligation = getObligation(db, obligationId, today);
  const completion = obligation.completions.find((x) => x.id === Number(info.lastInsertRowid)) as Completion;
  return { obligation, completion };
}

export function getCompletion(db: Db, id: number): Completion & { obligationId: number } {
  const row = db
    .prepare(
      `SELECT id, uuid, obligation_id AS obligationId, done_on AS doneOn, description, created_at AS createdAt,
         created_by_name AS createdByName, voided_at AS voidedAt, void_reason AS voidReason
       FROM obligation_completions WHERE id = ?`,
    )
    .get(id) as (Completion & { obligationId: number }) | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `找不到编号为 ${id} 的完成记录，请刷新`);
  return row;
}

export function voidCompletion(
  db: Db,
  id: number,
  reason: string,
  actor: string,
  at: string,
  today: string,
): { before: Completion; obligation: Obligation } {
  const before = getCompletion(db, id);
  if (before.voidedAt) throw new DomainError('RULE', `该完成记录已于 ${before.voidedAt.slice(0, 10)} 作废`);
  const o = getObligation(db, before.obligationId, today);
  requireWritableContract(db, o.contractId, '作废完成记录');
  db.prepare('UPDATE obligation_completions SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(at, actor, reason, id);
  return { before, obligation: getObligation(db, before.obligationId, today) };
}

type ObligationWithContract = Obligation & { contractProjectName: string; contractMainNumber: string; vendorName: string };

/**
 * Obligations of every contract not voided whose next due day is at most `withinDays` days ahead
 * (0: due today) or already past, most overdue first.
 */
export function obligationsDueWithin(db: Db, today: string, withinDays: number): ObligationWithContract[] {
  const contractIds = db
    .prepare(
      `SELECT DISTINCT o.contract_id FROM contract_obligations o JOIN contracts c ON c.id = o.contract_id
       WHERE o.voided_at IS NULL AND c.voided_at IS NULL AND o.kind <> 'service-level'`,
    )
    .pluck()
    .all() as number[];
  const out: ObligationWithContract[] = [];
  for (const contractId of contractIds) {
    const c = contractRef(db, contractId);
    for (const o of listObligations(db, contractId, false, today)) {
      if (o.next.state === 'due' && (o.next.overdue || o.next.daysLeft <= withinDays)) {
        out.push({ ...o, contractProjectName: c.projectName, contractMainNumber: c.mainNumber, vendorName: c.vendorName });
      }
    }
  }
  const days = (o: Obligation) => (o.next.state === 'due' ? o.next.daysLeft : 0);
  return out.sort((a, b) => days(a) - days(b) || a.id - b.id);
}

/** Overdue obligations of every contract not voided, most overdue first. */
export function overdueObligations(db: Db, today: string): ObligationWithContract[] {
  return obligationsDueWithin(db, today, -1).filter((o) => o.next.state === 'due' && o.next.overdue);
}
