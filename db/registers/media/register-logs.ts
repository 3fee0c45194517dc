import type { z } from 'zod';
import type { MediaLogRegister, mediaLogFilterSchema } from '../../../common/api/mediaprint';
import { daysBetween } from '../../../common/contracts/civil-date';
import type { DestroyEvent, IncidentEvent, LendEvent, MediaEvent, MediaEventType, RepairEvent, TakeOutEvent } from '../../../common/media/events';
import { MEDIA_KINDS } from '../../../common/media/kinds';
import { eventDate } from '../../../common/media/machine';
import type { Db } from '../../core/open';
import { textSearch } from '../../core/search';
import type { RegisterDefinition } from '../../reports/definition';
import { loadState } from './chain';
import { contractName, nameOf, serialText } from './register';

/**
 * The logs of custody events (REGISTER-FORMATS.md §2–§5): one row per opening event (借出, 携带外出,
 * 送外维修, 销毁) of a medium not voided, paired with the event that closed it. Only the effective
 * chain is read (common/media/machine.ts): an event voided by a 更正 is not listed, and a closing
 * event voided by one leaves its row open again. The medium's 履历卡 prints the whole chain.
 */

type Filter = z.output<typeof mediaLogFilterSchema>;

/** What each log says under its table. */
export const LOG_FOOTNOTE = '经更正作废的记录不列入本表；每件介质的全部记录（含更正）见其介质履历卡。';

interface MediumInfo {
  id: number;
  number: string;
  kind: string;
  model: string;
  serial: string;
  assetNumber: string;
  capacity: string;
  classification: string;
}

/** An opening event with the event that closed it, and a loss reported while it was open. */
export interface Episode<Open extends MediaEvent> {
  open: Open;
  close: MediaEvent | null;
  loss: IncidentEvent | null;
}

const isLoss = (e: MediaEvent): e is IncidentEvent => e.type === '丢失/泄露报告' && e.reportOf === null && e.incident === '丢失';

/**
 * Pairs each `openType` event of an effective chain with the first `closeType` event after it;
 * once the medium is reported lost meanwhile, a 归还 (found and checked) closes it instead.
 */
export function episodes<T extends MediaEventType>(chain: readonly MediaEvent[], openType: T, closeType: MediaEventType | null): Episode<Extract<MediaEvent, { type: T }>>[] {
  const found: Episode<Extract<MediaEvent, { type: T }>>[] = [];
  chain.forEach((event, i) => {
    if (event.type !== openType) return;
    let close: MediaEvent | null = null;
    let loss: IncidentEvent | null = null;
    for (const later of chain.slice(i + 1)) {
      if (later.type === openType) break;
      if (isLoss(later)) loss ??= later;
      if (later.type === closeType || (loss && later.type === '归还')) {
        close = later;
        break;
      }
    }
    found.push({ open: event as Extract<MediaEvent, { type: T }>, close, loss });
  });
  return found;
}

const yesNo = (done: boolean, how = '') => (done ? `是${how.trim() ? `\n${how.trim()}` : ''}` : '否');
/** 同意\n刘处长: the chain holds an event only once it was approved. */
const approval = (approver: string) => (approver.trim() ? `同意\n${approver.trim()}` : '');

/** After a loss: 报告丢失（第 N 条，2026-03-04）, then 找回 when a 归还 closed it. */
function lossText(e: Episode<MediaEvent>): string {
  if (!e.loss) return '';
  const lost = `第 ${e.loss.seq} 条报告丢失（${eventDate(e.loss.occurredAt)}）`;
  return e.close ? `${lost}，${eventDate(e.close.occurredAt)} 找回归还` : lost;
}

function notBack(due: string | null, today: string, lost: boolean, what: string): string {
  if (lost) return `未${what}\n已报告丢失`;
  if (due && due < today) return `未${what}\n逾期 ${daysBetween(due, today)} 天`;
  return `未${what}`;
}

// ——— §2 借用/归还登记簿 ———

export interface LoanRow {
  number: string;
  kind: string;
  classification: string;
  borrower: string;
  borrowerOrg: string;
  purpose: string;
  lentOn: string;
  dueBack: string;
  returnedOn: string;
  remarks: string;
}

export const loanRegister: RegisterDefinition<LoanRow> = {
  title: '介质借用/归还登记簿',
  fileStem: '介质借用归还登记簿',
  orientation: 'landscape',
  fontSize: 8,
  footnote: LOG_FOOTNOTE,
  columns: [
    { header: '保密编号', width: 9, value: (r) => r.number },
    { header: '介质类别', width: 5.6, align: 'center', value: (r) => r.kind },
    { header: '密级', width: 4, align: 'center', value: (r) => r.classification },
    { header: '借用人', width: 5, align: 'center', value: (r) => r.borrower },
    { header: '所属单位', width: 9, value: (r) => r.borrowerOrg },
    { header: '用途', width: 8, value: (r) => r.purpose },
    { header: '借出日期', width: 7, align: 'center', value: (r) => r.lentOn },
    { header: '应还日期', width: 7, align: 'center', value: (r) => r.dueBack },
    { header: '实还日期', width: 7, align: 'center', value: (r) => r.returnedOn },
    { header: '借用人\n签字', width: 6, value: () => '' },
    { header: '经办人\n签字', width: 6, value: () => '' },
    { header: '归还核验人\n签字', width: 6.5, value: () => '' },
    { header: '备注', width: 11, value: (r) => r.remarks },
  ],
};

// ——— §3 携带外出审批登记 ———

export interface TakeOutRow {
  appliedOn: string;
  number: string;
  classification: string;
  carrier: string;
  destination: string;
  purpose: string;
  encryption: string;
  dueBack: string;
  approval: string;
  backOn: string;
  check: string;
}

export const takeOutRegister: RegisterDefinition<TakeOutRow> = {
  title: '介质携带外出审批登记',
  fileStem: '介质携带外出审批登记',
  orientation: 'landscape',
  fontSize: 8,
  footnote: LOG_FOOTNOTE,
  columns: [
    { header: '申请日期', width: 7, align: 'center', value: (r) => r.appliedOn },
    { header: '保密编号', width: 9, value: (r) => r.number },
    { header: '密级', width: 4, align: 'center', value: (r) => r.classification },
    { header: '携带人', width: 5, align: 'center', value: (r) => r.carrier },
    { header: '外出地点', width: 9, value: (r) => r.destination },
    { header: '事由/用途', width: 8, value: (r) => r.purpose },
    { header: '是否加密\n及方式', width: 7.5, align: 'center', value: (r) => r.encryption },
    { header: '预计返回\n日期', width: 7, align: 'center', value: (r) => r.dueBack },
    { header: '审批人\n意见', width: 6, align: 'center', value: (r) => r.approval },
    { header: '实际返回\n日期', width: 7, align: 'center', value: (r) => r.backOn },
    { header: '返回检查情况', width: 10, value: (r) => r.check },
    { header: '签字', width: 6, value: () => '' },
  ],
};

// ——— §4 送外维修登记表 ———

export interface RepairRow {
  applicant: string;
  responsible: string;
  number: string;
  classification: string;
  fault: string;
  repairer: string;
  agreement: string;
  backup: string;
  sanitisation: string;
  sentBy: string;
  escort: string;
  sentOn: string;
  backOn: string;
  result: string;
  approval: string;
}

export const repairRegister: RegisterDefinition<RepairRow> = {
  title: '送外维修登记表',
  fileStem: '送外维修登记表',
  orientation: 'landscape',
  fontSize: 7,
  footnote: LOG_FOOTNOTE,
  columns: [
    { header: '申请人', width: 4.6, align: 'center', value: (r) => r.applicant },
    { header: '设备/\n介质\n责任人', width: 5, align: 'center', value: (r) => r.responsible },
    { header: '保密编号', width: 7.6, value: (r) => r.number },
    { header: '密级', width: 3.4, align: 'center', value: (r) => r.classification },
    { header: '故障情况', width: 6.6, value: (r) => r.fault },
    { header: '维修单位', width: 7.6, value: (r) => r.repairer },
    { header: '是否签订\n保密协议', width: 6, align: 'center', value: (r) => r.agreement },
    { header: '是否\n已备份', width: 4, align: 'center', value: (r) => r.backup },
    { header: '是否已作技术处理\n（拆除存储介质/\n数据清除）', width: 8.4, align: 'center', value: (r) => r.sanitisation },
    { header: '送修人', width: 4.6, align: 'center', value: (r) => r.sentBy },
    { header: '陪同人', width: 4.6, align: 'center', value: (r) => r.escort },
    { header: '送修日期', width: 6.2, align: 'center', value: (r) => r.sentOn },
    { header: '修回日期', width: 7.6, align: 'center', value: (r) => r.backOn },
    { header: '维修结果', width: 6.6, value: (r) => r.result },
    { header: '审批人\n意见', width: 4.6, align: 'center', value: (r) => r.approval },
    { header: '签字', width: 4.6, value: () => '' },
  ],
};

// ——— §5 销毁登记表 ———

export interface DestructionRow {
  number: string;
  kind: string;
  serial: string;
  classification: string;
  capacity: string;
  keeper: string;
  reason: string;
  method: string;
  destroyedOn: string;
  place: string;
  destroyer: string;
  witnesses: string;
  approver: string;
}

/** 合计：U盘 2 件，移动硬盘 1 件；共 3 件 — per kind in the order of the kinds, then overall. */
export function destructionTotals(rows: readonly { kind: string }[]): string[] {
  const perKind = MEDIA_KINDS.map((k) => [k, rows.filter((r) => r.kind === k).length] as const).filter(([, n]) => n > 0);
  return [`合计：${perKind.map(([k, n]) => `${k} ${n} 件`).join('，')}${perKind.length ? '；' : ''}共 ${rows.length} 件`];
}

export const destructionRegister: RegisterDefinition<DestructionRow> = {
  title: '介质销毁登记表',
  fileStem: '介质销毁登记表',
  orientation: 'landscape',
  fontSize: 8,
  footnote: LOG_FOOTNOTE,
  totals: destructionTotals,
  signatures: ['制表人', '审核人', '保密工作负责人', '日期'],
  columns: [
    { header: '保密编号', width: 9, value: (r) => r.number },
    { header: '介质类别', width: 5.6, align: 'center', value: (r) => r.kind },
    { header: '序列号', width: 9, value: (r) => r.serial },
    { header: '密级', width: 4, align: 'center', value: (r) => r.classification },
    { header: '容量/数量', width: 6, align: 'center', value: (r) => r.capacity },
    { header: '保管人', width: 5, align: 'center', value: (r) => r.keeper },
    { header: '销毁原因', width: 8, value: (r) => r.reason },
    { header: '销毁方式', width: 6.5, align: 'center', value: (r) => r.method },
    { header: '销毁日期', width: 7, align: 'center', value: (r) => r.destroyedOn },
    { header: '销毁地点', width: 7, value: (r) => r.place },
    { header: '销毁人\n签字', width: 5.5, align: 'center', value: (r) => r.destroyer },
    { header: '监销人\n签字', width: 5.5, align: 'center', value: (r) => r.witnesses },
    { header: '审批人\n签字', width: 5.5, align: 'center', value: (r) => r.approver },
  ],
};

// ——— selection ———

const OPENING: Record<MediaLogRegister, { open: MediaEventType; close: MediaEventType | null }> = {
  mediaLoans: { open: '借出', close: '归还' },
  mediaTakeOuts: { open: '携带外出', close: '外出返回' },
  mediaRepairs: { open: '送外维修', close: '修回' },
  mediaDestructions: { open: '销毁', close: null },
};

function selectMediaFor(db: Db, filter: Filter, type: MediaEventType): MediumInfo[] {
  const parts = ['m.voided_at IS NULL'];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  const period = [filter.from ? ' AND substr(e.occurred_at, 1, 10) >= ?' : '', filter.to ? ' AND substr(e.occurred_at, 1, 10) <= ?' : ''].join('');
  add(`EXISTS (SELECT 1 FROM media_events e WHERE e.medium_id = m.id AND e.type = ?${period})`, type, ...[filter.from, filter.to].filter(Boolean));
  if (filter.mediumId !== null) add('m.id = ?', filter.mediumId);
  if (filter.kind) add('m.kind = ?', filter.kind);
  if (filter.classification) add('m.classification = ?', filter.classification);
  if (filter.orgId !== null) add('m.org_id = ?', filter.orgId);
  if (filter.contractId !== null) add('m.contract_id = ?', filter.contractId);
  if (filter.q) {
    const search = textSearch(filter.q, { rowid: 'm.id', fts: 'media_fts', likeColumns: ['m.number', 'm.serial', 'm.model', 'm.asset_number', 'm.search_people'] });
    add(search.sql, ...search.params);
  }
  return db
    .prepare(
      `SELECT m.id, m.number, m.kind, m.model, m.serial, m.asset_number AS assetNumber, m.capacity, m.classification
       FROM media m WHERE ${parts.join(' AND ')} ORDER BY m.number_norm`,
    )
    .all(...params) as MediumInfo[];
}

/** Who was 责任人 of the medium at `instant` (the first one before the first hand-over). */
export function responsibleAt(db: Db, mediumId: number, instant: string): string {
  const spells = db
    .prepare('SELECT p.name, x.from_at AS fromAt FROM media_responsibles x JOIN people p ON p.id = x.person_id WHERE x.medium_id = ? ORDER BY x.id')
    .all(mediumId) as { name: string; fromAt: string }[];
  const t = Date.parse(instant);
  return spells.filter((s) => Date.parse(s.fromAt) <= t).at(-1)?.name ?? spells[0]?.name ?? '';
}

function orgOfPerson(db: Db, personId: number): string {
  return (db.prepare('SELECT o.name FROM people p JOIN organisations o ON o.id = p.org_id WHERE p.id = ?').pluck().get(personId) as string | undefined) ?? '';
}

function recordedBy(db: Db, mediumId: number): Map<number, string> {
  const rows = db.prepare('SELECT seq, recorded_by_name AS name FROM media_events WHERE medium_id = ?').all(mediumId) as { seq: number; name: string }[];
  return new Map(rows.map((r) => [r.seq, r.name]));
}

function periodText(filter: Filter): string {
  if (!filter.from && !filter.to) return '';
  if (!filter.to) return `期间：${filter.from} 起`;
  return `期间：${filter.from ? `${filter.from} ` : ''}至 ${filter.to}`;
}

/** The filter in words: 期间：…；类别：…；密级：…；单位：…；合同：…；介质：…；检索：…；仅未归还. */
function selectionText(db: Db, filter: Filter, register: MediaLogRegister): string {
  const medium =
    filter.mediumId === null ? null : ((db.prepare('SELECT number FROM media WHERE id = ?').pluck().get(filter.mediumId) as string | undefined) ?? `编号 ${filter.mediumId}`);
  const openOnly: Record<MediaLogRegister, string> = { mediaLoans: '仅未归还', mediaTakeOuts: '仅未返回', mediaRepairs: '仅未修回', mediaDestructions: '' };
  return [
    periodText(filter),
    filter.kind ? `类别：${filter.kind}` : '',
    filter.classification ? `密级：${filter.classification}` : '',
    filter.orgId !== null ? `单位：${nameOf(db, 'organisations', filter.orgId)}` : '',
    filter.contractId !== null ? `合同：${contractName(db, filter.contractId)}` : '',
    medium ? `介质：${medium}` : '',
    filter.q ? `检索：${filter.q}` : '',
    filter.openOnly ? openOnly[register] : '',
  ]
    .filter(Boolean)
    .join('；');
}

interface Found<Open extends MediaEvent> extends Episode<Open> {
  medium: MediumInfo;
  recordedBy: Map<number, string>;
}

/** The episodes of `type` the filter selects, by the date and time they opened, then 保密编号. */
function found<T extends MediaEventType>(db: Db, filter: Filter, register: MediaLogRegister): Found<Extract<MediaEvent, { type: T }>>[] {
  const { open, close } = OPENING[register];
  const all = selectMediaFor(db, filter, open).flatMap((medium) => {
    const names = recordedBy(db, medium.id);
    return episodes(loadState(db, medium).chain, open as T, close).map((e) => ({ ...e, medium, recordedBy: names }));
  });
  const on = (e: Found<MediaEvent>) => eventDate(e.open.occurredAt);
  return all
    .filter((e) => (!filter.from || on(e) >= filter.from) && (!filter.to || on(e) <= filter.to))
    .filter((e) => !filter.openOnly || register === 'mediaDestructions' || e.close === null)
    .sort((a, b) => Date.parse(a.open.occurredAt) - Date.parse(b.open.occurredAt) || a.medium.number.localeCompare(b.medium.number));
}

const dateOf = (e: MediaEvent | null) => (e ? eventDate(e.occurredAt) : '');

function loanRows(db: Db, filter: Filter, today: string): LoanRow[] {
  return found<'借出'>(db, filter, 'mediaLoans').map((e) => {
    const lend: LendEvent = e.open;
    const back = e.close?.type === '归还' ? e.close : null;
    return {
      number: e.medium.number,
      kind: e.medium.kind,
      classification: e.medium.classification,
      borrower: lend.holder.name,
      borrowerOrg: orgOfPerson(db, lend.holder.id),
      purpose: lend.purpose,
      lentOn: eventDate(lend.occurredAt),
      dueBack: lend.dueBack,
      returnedOn: back ? eventDate(back.occurredAt) : notBack(lend.dueBack, today, e.loss !== null, '归还'),
      remarks: [back?.checkedBy.trim() ? `核验人：${back.checkedBy.trim()}` : '', back?.condition.trim() ? `核验情况：${back.condition.trim()}` : '', lossText(e)]
        .filter(Boolean)
        .join('\n'),
    };
  });
}

function takeOutRows(db: Db, filter: Filter, today: string): TakeOutRow[] {
  return found<'携带外出'>(db, filter, 'mediaTakeOuts').map((e) => {
    const out: TakeOutEvent = e.open;
    const checked = e.close?.type === '外出返回' ? e.close.checkResult.trim() : e.close?.type === '归还' ? `找回核验：${e.close.condition.trim() || '—'}` : '';
    return {
      appliedOn: eventDate(out.occurredAt),
      number: e.medium.number,
      classification: e.medium.classification,
      carrier: out.carrier.name,
      destination: out.destination,
      purpose: out.purpose,
      encryption: yesNo(out.encrypted, out.encryptionMethod),
      dueBack: out.dueBack,
      approval: approval(out.approver),
      backOn: e.close ? dateOf(e.close) : notBack(out.dueBack, today, e.loss !== null, '返回'),
      check: [checked, lossText(e)].filter(Boolean).join('\n'),
    };
  });
}

function repairRows(db: Db, filter: Filter): RepairRow[] {
  return found<'送外维修'>(db, filter, 'mediaRepairs').map((e) => {
    const r: RepairEvent = e.open;
    const result = e.close?.type === '修回' ? e.close.result : e.close?.type === '归还' ? `找回核验：${e.close.condition.trim() || '—'}` : '';
    return {
      applicant: e.recordedBy.get(r.seq) ?? '',
      responsible: responsibleAt(db, e.medium.id, r.occurredAt),
      number: e.medium.number,
      classification: e.medium.classification,
      fault: r.fault,
      repairer: r.repairer,
      agreement: yesNo(r.repairerAgreement, r.agreementRef),
      backup: yesNo(r.backupDone),
      sanitisation: yesNo(r.sanitised, r.sanitisation),
      sentBy: r.sentBy,
      escort: r.escort,
      sentOn: eventDate(r.occurredAt),
      backOn: e.close ? dateOf(e.close) : e.loss ? '未修回\n已报告丢失' : r.expectedBack ? `未修回\n预计 ${r.expectedBack}` : '未修回',
      result: [result, lossText(e)].filter(Boolean).join('\n'),
      approval: approval(r.approver),
    };
  });
}

function destructionRows(db: Db, filter: Filter): DestructionRow[] {
  return found<'销毁'>(db, filter, 'mediaDestructions').map((e) => {
    const d: DestroyEvent = e.open;
    return {
      number: e.medium.number,
      kind: e.medium.kind,
      serial: serialText(e.medium),
      classification: e.medium.classification,
      capacity: `${e.medium.capacity || '—'}\n1 件`,
      keeper: responsibleAt(db, e.medium.id, d.occurredAt),
      reason: d.reason,
      method: d.method,
      destroyedOn: eventDate(d.occurredAt),
      place: d.place,
      destroyer: d.destroyer,
      witnesses: d.witnesses.map((w) => w.trim()).filter(Boolean).join('\n'),
      approver: d.approver,
    };
  });
}

export type MediaLog =
  | { register: 'mediaLoans'; def: RegisterDefinition<LoanRow>; rows: LoanRow[] }
  | { register: 'mediaTakeOuts'; def: RegisterDefinition<TakeOutRow>; rows: TakeOutRow[] }
  | { register: 'mediaRepairs'; def: RegisterDefinition<RepairRow>; rows: RepairRow[] }
  | { register: 'mediaDestructions'; def: RegisterDefinition<DestructionRow>; rows: DestructionRow[] };

/** The rows of one log for the filter, with the filter in words; `today` is the print date (overdue). */
export function selectMediaLog(db: Db, register: MediaLogRegister, filter: Filter, today: string): MediaLog & { selection: string } {
  const selection = selectionText(db, filter, register);
  switch (register) {
    case 'mediaLoans':
      return { register, def: loanRegister, rows: loanRows(db, filter, today), selection };
    case 'mediaTakeOuts':
      return { register, def: takeOutRegister, rows: takeOutRows(db, filter, today), selection };
    case 'mediaRepairs':
      return { register, def: repairRegister, rows: repairRows(db, filter), selection };
    case 'mediaDestructions':
      return { register, def: destructionRegister, rows: destructionRows(db, filter), selection };
  }
}
