/**
 * The custody state machine of a storage medium: which event may follow which, and the state a
 * chain of events leads to. Pure: the core (db/registers/media/) stores the chain and checks each
 * new event here, in the same transaction, with the people register's “sign before access” on top.
 *
 *   (none) ──登记入库──▶ 在库
 *   在库 ──发放/领用(holder)──▶ 已发放          在库 ──借出(holder, due back)──▶ 借出
 *   已发放 | 借出 | 丢失 ──归还(checked by)──▶ 在库   (from 丢失: the medium was found and checked)
 *   在库 | 已发放 | 借出 ──携带外出(carrier = the holder if held; approver, destination,
 *        encryption confirmed + method, due back)──▶ 外出 ──外出返回(check result)──▶ the state before
 *   在库 ──送外维修(backup done, sanitisation done + how, repairer bound by a confidentiality
 *        agreement, escort, approver)──▶ 维修中 ──修回(result)──▶ 在库
 *   在库 ──交回甲方(to whom)──▶ 已交回 (terminal)
 *   在库 ──销毁(reason, method, place, destroyer, ≥ 1 witness who is not the destroyer, approver)──▶ 已销毁 (terminal)
 *        — neither while an incident is still to be reported to the client (nothing could record it after)
 *   any registered, not terminal ──丢失/泄露报告──▶ 丢失 for a loss (a leak leaves the status); an
 *        incident not yet reported to the client stays open until a later 丢失/泄露报告 records its
 *        report (`reportOf`); the deadline is 48 hours after discovery; a medium already lost takes
 *        no second loss (its holder stays recorded: who had it when it was lost)
 *   any registered, not terminal ──清查结果──▶ the same status; 缺失 / 状态不符 flag the medium until a
 *        later 清查结果 在位, a checked 归还, a loss report or a terminal event clears it; a medium
 *        reported lost takes no 在位 (it is found by 归还)
 *
 * 更正 (correction): a wrong event is never edited. A 更正 names the seq of the most recent
 * *effective* event — not 登记入库, not itself a correction, not already corrected — and voids its
 * effect: the state becomes exactly what it was before that event, as if it had never been
 * recorded; the event stays in the chain, shown as corrected. To correct an earlier event, correct
 * the later ones first, newest first (each such correction is itself a record). Because only the
 * last effective event can be voided, every chain stays valid and the state is always the replay
 * of the effective events in order (what `replay` computes). After a terminal event (已销毁,
 * 已交回) the only event accepted is a correction of that very event.
 *
 * Time: an event may not have happened before the last effective event, nor after it was recorded.
 */
import { addDays, type CivilDate, daysBetween, isCivilDate } from '../contracts/civil-date';
import { shortInstant, type MediaEvent, type MediaEventType, type PersonRef } from './events';
import {
  DESTRUCTION_METHODS,
  HELD_STATUSES,
  INCIDENT_REPORT_HOURS,
  INCIDENT_WARN_HOURS,
  MEDIA_STATUSES,
  TERMINAL_STATUSES,
  type IncidentKind,
  type MediaStatus,
} from './kinds';

/** Names the medium in messages: JZ-2026-0001（U盘）. */
export interface MediumSubject {
  number: string;
  kind: string;
}

export interface OpenIncident {
  seq: number;
  incident: IncidentKind;
  discoveredAt: string;
  /** discoveredAt + 48 hours, ISO instant (UTC). */
  deadline: string;
  reportedTo: string;
}

export interface MediumState {
  subject: MediumSubject;
  /** null before 登记入库. */
  status: MediaStatus | null;
  /** Who holds it (领用人, 借用人, 携带人), or who had it when it was reported lost. */
  holder: PersonRef | null;
  /** 借出 and 外出 only. */
  dueBack: CivilDate | null;
  /** While 外出: what 外出返回 restores. */
  beforeOut: { status: '在库' | '已发放' | '借出'; holder: PersonRef | null; dueBack: CivilDate | null } | null;
  /** While 维修中. */
  repair: { since: CivilDate; repairer: string; expectedBack: CivilDate | null } | null;
  /** Incidents not yet reported to the client. */
  incidents: readonly OpenIncident[];
  /** The last stocktake found it missing or in another state than recorded. */
  stocktakeFlag: { seq: number; result: '缺失' | '状态不符'; on: CivilDate; note: string } | null;
  /** The effective events (neither corrections nor corrected), in order. */
  chain: readonly MediaEvent[];
  /** Seqs voided by corrections. */
  corrected: readonly number[];
  /** Highest seq applied (effective or not). */
  lastSeq: number;
}

export type Verdict = { ok: true } | { ok: false; message: string; field?: string };

export function initialState(subject: MediumSubject = { number: '', kind: '' }): MediumState {
  return {
    subject,
    status: null,
    holder: null,
    dueBack: null,
    beforeOut: null,
    repair: null,
    incidents: [],
    stocktakeFlag: null,
    chain: [],
    corrected: [],
    lastSeq: 0,
  };
}

/** The calendar date of an instant as written (its local date at its offset). */
export const eventDate = (instant: string): CivilDate => instant.slice(0, 10);

const instant = (value: string | null | undefined): number | null => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || !isCivilDate(value.slice(0, 10))) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
};

const blank = (s: string | null | undefined) => typeof s !== 'string' || s.trim() === '';
const sameName = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

export const EVENT_VERBS: Readonly<Record<MediaEventType, string>> = {
  登记入库: '登记入库',
  '发放/领用': '发放',
  借出: '借出',
  归还: '登记归还',
  携带外出: '携带外出',
  外出返回: '登记外出返回',
  送外维修: '送外维修',
  修回: '登记修回',
  交回甲方: '交回甲方',
  销毁: '销毁',
  '丢失/泄露报告': '登记丢失/泄露报告',
  清查结果: '登记清查结果',
  更正: '更正',
};

/** 介质 JZ-2026-0001（U盘）. */
export function describeMedium(subject: MediumSubject): string {
  const number = subject.number || '该介质';
  return subject.kind ? `介质 ${number}（${subject.kind}）` : `介质 ${number}`;
}

/** The state in words, as it follows the medium's name: 在库 / 已发放给 张三 / 由 张三 借用（应还 2026-03-10）… */
export function statePhrase(state: MediumState): string {
  const who = state.holder?.name ?? '';
  switch (state.status) {
    case null:
      return '尚未登记入库';
    case '在库':
      return '在库';
    case '已发放':
      return `已发放给 ${who}`;
    case '借出':
      return `由 ${who} 借用（应还 ${state.dueBack ?? ''}）`;
    case '外出':
      return `由 ${who} 携带外出（应于 ${state.dueBack ?? ''} 返回）`;
    case '维修中':
      return `在“${state.repair?.repairer ?? ''}”维修中`;
    case '已交回':
      return '已交回甲方';
    case '已销毁':
      return '已销毁';
    case '丢失':
      return '已报告丢失';
  }
}

/** What to do first to bring a medium back 在库. */
function backInStoreHint(state: MediumState): string {
  switch (state.status) {
    case '已发放':
    case '借出':
      return '请先登记归还';
    case '外出':
      return '请先登记外出返回';
    case '维修中':
      return '请先登记修回';
    case '丢失':
      return '如已找回，请先登记归还（找回核验）';
    default:
      return '';
  }
}

const lastEffective = (state: MediumState): MediaEvent | undefined => state.chain[state.chain.length - 1];

function refuse(state: MediumState, text: string, field?: string): Verdict {
  const message = `${describeMedium(state.subject)}${text}`;
  return field === undefined ? { ok: false, message } : { ok: false, message, field };
}

interface Missing {
  field: string;
  what: string;
}

function missingVerdict(state: MediumState, type: MediaEventType, missing: readonly Missing[]): Verdict {
  if (missing.length === 0) return { ok: true };
  return refuse(state, `当前${statePhrase(state)}，${EVENT_VERBS[type]}前还须：${missing.map((m) => m.what).join('；')}。`, missing[0]!.field);
}

function onlyFromStore(state: MediumState, type: MediaEventType): Verdict | null {
  if (state.status === '在库') return null;
  return refuse(state, `当前${statePhrase(state)}，只有在库的介质才能${EVENT_VERBS[type]}。${backInStoreHint(state)}。`);
}

function dueNotBefore(event: MediaEvent, due: CivilDate | null, label: string, field: string): Missing[] {
  if (due === null) return [];
  if (!isCivilDate(due)) return [{ field, what: `填写正确的${label}（YYYY-MM-DD）` }];
  const on = eventDate(event.occurredAt);
  return due < on ? [{ field, what: `${label} ${due} 不能早于${event.type}日期 ${on}` }] : [];
}

/** Nothing follows 销毁 or 交回甲方, so an incident must be reported to the client before them. */
function unreported(state: MediumState): Missing[] {
  return state.incidents.map((i) => ({ field: 'type', what: `先向甲方报告第 ${i.seq} 条${i.incident}事件并登记补报` }));
}

function checkCorrection(state: MediumState, event: Extract<MediaEvent, { type: '更正' }>): Verdict {
  const target = event.corrects;
  const last = lastEffective(state);
  if (!Number.isInteger(target) || target < 1 || target > state.lastSeq) return refuse(state, `没有第 ${target} 条记录，无法更正。`, 'corrects');
  if (state.corrected.includes(target)) return refuse(state, `的第 ${target} 条记录已被更正，不能再次更正。`, 'corrects');
  if (!state.chain.some((e) => e.seq === target)) return refuse(state, `的第 ${target} 条是更正记录，更正记录不能再更正。`, 'corrects');
  if (last && last.seq === target && last.type === '登记入库') {
    return refuse(state, `的第 ${target} 条是登记入库，不能更正：登记信息有误请修改介质信息；登记错了整件介质请作废该介质。`, 'corrects');
  }
  if (!last || last.seq !== target) {
    return refuse(
      state,
      `只能更正最近一条有效记录（第 ${last?.seq ?? 0} 条 ${last?.type ?? ''}）。要更正第 ${target} 条，请先从最近一条起依次更正其后的记录。`,
      'corrects',
    );
  }
  if (blank(event.reason)) return refuse(state, `的第 ${target} 条记录（${last.type}）更正前还须：填写更正原因。`, 'reason');
  return { ok: true };
}

/**
 * May `event` follow `state`? Refusals name the medium, its state and what is missing, in
 * Chinese, with the input field they belong to when there is one.
 */
export function mayApply(state: MediumState, event: MediaEvent): Verdict {
  if (event.type === '登记入库') {
    if (state.status !== null) return refuse(state, `已于 ${eventDate(state.chain[0]?.occurredAt ?? '')} 登记入库，不能重复登记入库。`);
  } else if (state.status === null) {
    return refuse(state, `尚未登记入库，不能${EVENT_VERBS[event.type]}。`);
  }
  if (event.type === '更正') return checkCorrection(state, event);
  if (state.status !== null && TERMINAL_STATUSES.includes(state.status)) {
    const last = lastEffective(state);
    return refuse(state, `${statePhrase(state)}，不能再${EVENT_VERBS[event.type]}。如第 ${last?.seq ?? ''} 条${last?.type ?? ''}记录有误，请登记更正。`);
  }
  const at = instant(event.occurredAt);
  const recorded = instant(event.recordedAt);
  if (at === null) return refuse(state, `的${event.type}时间不正确，应为带时区的日期时间。`, 'occurredAt');
  if (recorded !== null && at > recorded) return refuse(state, `的${event.type}时间不能晚于登记时间，请核对。`, 'occurredAt');
  const last = lastEffective(state);
  if (last && at < (instant(last.occurredAt) ?? 0)) {
    return refuse(
      state,
      `的${event.type}时间早于上一条记录（第 ${last.seq} 条 ${last.type}，${last.occurredAt.slice(0, 16).replace('T', ' ')}），请核对；如上一条记录有误，请先更正。`,
      'occurredAt',
    );
  }

  switch (event.type) {
    case '登记入库':
      return { ok: true };
    case '发放/领用':
      return onlyFromStore(state, event.type) ?? { ok: true };
    case '借出':
      return onlyFromStore(state, event.type) ?? missingVerdict(state, event.type, dueNotBefore(event, event.dueBack, '应还日期', 'dueBack'));
    case '归还': {
      if (state.status === '在库') return refuse(state, '当前在库，无需归还。');
      if (state.status === '外出') return refuse(state, `当前${statePhrase(state)}，请登记外出返回，而不是归还。`);
      if (state.status === '维修中') return refuse(state, `当前${statePhrase(state)}，请登记修回，而不是归还。`);
      return missingVerdict(state, event.type, blank(event.checkedBy) ? [{ field: 'checkedBy', what: '填写归还核验人' }] : []);
    }
    case '携带外出': {
      if (state.status !== '在库' && state.status !== '已发放' && state.status !== '借出') {
        return refuse(state, `当前${statePhrase(state)}，不能携带外出。${backInStoreHint(state)}。`);
      }
      if (state.holder && state.holder.id !== event.carrier.id) {
        return refuse(
          state,
          `当前${statePhrase(state)}，只能由 ${state.holder.name} 本人携带外出；如由 ${event.carrier.name} 携带，请先登记归还。`,
          'carrierId',
        );
      }
      const missing: Missing[] = [];
      if (blank(event.approver)) missing.push({ field: 'approver', what: '经书面审批并填写审批人' });
      if (blank(event.destination)) missing.push({ field: 'destination', what: '填写外出地点' });
      if (!event.encrypted) missing.push({ field: 'encrypted', what: '对介质加密并确认已加密' });
      if (blank(event.encryptionMethod)) missing.push({ field: 'encryptionMethod', what: '填写加密方式' });
      missing.push(...dueNotBefore(event, event.dueBack, '预计返回日期', 'dueBack'));
      return missingVerdict(state, event.type, missing);
    }
    case '外出返回':
      if (state.status !== '外出') return refuse(state, `当前${statePhrase(state)}，没有携带外出，无需登记外出返回。`);
      return missingVerdict(state, event.type, blank(event.checkResult) ? [{ field: 'checkResult', what: '填写返回检查情况' }] : []);
    case '送外维修': {
      const notInStore = onlyFromStore(state, event.type);
      if (notInStore) return notInStore;
      const missing: Missing[] = [];
      if (!event.backupDone) missing.push({ field: 'backupDone', what: '将涉密资料备份并确认已备份' });
      if (!event.sanitised) missing.push({ field: 'sanitised', what: '对介质作技术处理（清除数据或拆除存储部件）并确认已处理' });
      if (blank(event.sanitisation)) missing.push({ field: 'sanitisation', what: '填写技术处理方式' });
      if (blank(event.repairer)) missing.push({ field: 'repairer', what: '填写维修单位' });
      if (!event.repairerAgreement) missing.push({ field: 'repairerAgreement', what: '与维修单位签订保密协议并确认' });
      if (blank(event.escort)) missing.push({ field: 'escort', what: '指定陪同人' });
      if (blank(event.approver)) missing.push({ field: 'approver', what: '经审批并填写审批人' });
      missing.push(...dueNotBefore(event, event.expectedBack, '预计修回日期', 'expectedBack'));
      return missingVerdict(state, event.type, missing);
    }
    case '修回':
      if (state.status !== '维修中') return refuse(state, `当前${statePhrase(state)}，没有送外维修，无需登记修回。`);
      return missingVerdict(state, event.type, blank(event.result) ? [{ field: 'result', what: '填写维修结果' }] : []);
    case '交回甲方': {
      const notInStore = onlyFromStore(state, event.type);
      if (notInStore) return notInStore;
      const missing = unreported(state);
      if (blank(event.recipient)) missing.push({ field: 'recipient', what: '填写甲方接收人' });
      return missingVerdict(state, event.type, missing);
    }
    case '销毁': {
      const notInStore = onlyFromStore(state, event.type);
      if (notInStore) return notInStore;
      const missing = unreported(state);
      if (blank(event.reason)) missing.push({ field: 'reason', what: '填写销毁原因' });
      if (!(DESTRUCTION_METHODS as readonly string[]).includes(event.method)) {
        missing.push({ field: 'method', what: `选择销毁方式（${DESTRUCTION_METHODS.join('、')}）` });
      }
      if (blank(event.place)) missing.push({ field: 'place', what: '填写销毁地点' });
      if (blank(event.destroyer)) missing.push({ field: 'destroyer', what: '填写销毁人' });
      const witnesses = event.witnesses.filter((w) => !blank(w));
      const self = blank(event.destroyer) ? undefined : witnesses.find((w) => sameName(w, event.destroyer));
      if (self !== undefined) missing.push({ field: 'witnesses', what: `由销毁人以外的人监销（监销人 ${self.trim()} 就是销毁人）` });
      else if (witnesses.length === 0) missing.push({ field: 'witnesses', what: '至少一名监销人（不能是销毁人本人）' });
      if (blank(event.approver)) missing.push({ field: 'approver', what: '经审批并填写审批人' });
      return missingVerdict(state, event.type, missing);
    }
    case '丢失/泄露报告': {
      const missing: Missing[] = [];
      if (event.reportOf !== null) {
        const open = state.incidents.find((i) => i.seq === event.reportOf);
        if (!open) return refuse(state, `没有待报告的第 ${event.reportOf} 条丢失/泄露报告，无需补报。`, 'reportOf');
        const reported = instant(event.reportedAt);
        if (reported === null) missing.push({ field: 'reportedAt', what: '填写向甲方报告的时间' });
        else if (reported < (instant(open.discoveredAt) ?? 0)) missing.push({ field: 'reportedAt', what: '报告时间不能早于发现时间' });
        else if (recorded !== null && reported > recorded) missing.push({ field: 'reportedAt', what: '报告时间不能晚于登记时间' });
        if (blank(event.reportedTo)) missing.push({ field: 'reportedTo', what: '填写报告对象' });
        return missingVerdict(state, event.type, missing);
      }
      if (event.incident === '丢失' && state.status === '丢失') {
        const open = state.chain.findLast((e) => e.type === '丢失/泄露报告' && e.reportOf === null && e.incident === '丢失');
        return refuse(state, `已于第 ${open?.seq ?? ''} 条报告丢失，不能重复报告；如需登记向甲方报告的情况，请选择补报该条。`, 'incident');
      }
      const discovered = instant(event.discoveredAt);
      if (discovered === null) missing.push({ field: 'discoveredAt', what: '填写发现时间' });
      else if (discovered > at) missing.push({ field: 'discoveredAt', what: '发现时间不能晚于本次报告时间' });
      if (blank(event.circumstances)) missing.push({ field: 'circumstances', what: '填写事件经过' });
      if (blank(event.reportedTo)) missing.push({ field: 'reportedTo', what: '填写报告对象（甲方联系人）' });
      if (event.reportedAt !== null) {
        const reported = instant(event.reportedAt);
        if (reported === null) missing.push({ field: 'reportedAt', what: '填写正确的报告时间' });
        else if (discovered !== null && reported < discovered) missing.push({ field: 'reportedAt', what: '报告时间不能早于发现时间' });
        else if (recorded !== null && reported > recorded) missing.push({ field: 'reportedAt', what: '报告时间不能晚于登记时间' });
      }
      return missingVerdict(state, event.type, missing);
    }
    case '清查结果':
      if (event.result === '在位' && state.status === '丢失') {
        return refuse(state, '已报告丢失，清查结果不能为“在位”：如已找回，请先登记归还（找回核验）。', 'result');
      }
      if (event.result !== '在位' && blank(event.note)) return missingVerdict(state, event.type, [{ field: 'note', what: `说明${event.result}的情况` }]);
      return { ok: true };
  }
}

const HOUR = 3_600_000;

/** The state after `event`, which `mayApply` allowed. */
export function apply(state: MediumState, event: MediaEvent): MediumState {
  const lastSeq = Math.max(state.lastSeq, event.seq);
  if (event.type === '更正') {
    const rebuilt = fold(initialState(state.subject), state.chain.slice(0, -1));
    return { ...rebuilt, corrected: [...state.corrected, event.corrects], lastSeq };
  }
  const next: MediumState = { ...state, chain: [...state.chain, event], lastSeq };
  const on = eventDate(event.occurredAt);
  switch (event.type) {
    case '登记入库':
      return { ...next, status: '在库' };
    case '发放/领用':
      return { ...next, status: '已发放', holder: event.holder, dueBack: null };
    case '借出':
      return { ...next, status: '借出', holder: event.holder, dueBack: event.dueBack };
    case '归还':
      return { ...next, status: '在库', holder: null, dueBack: null, stocktakeFlag: null };
    case '携带外出': {
      const from = state.status as '在库' | '已发放' | '借出';
      return {
        ...next,
        status: '外出',
        beforeOut: { status: from, holder: state.holder, dueBack: state.dueBack },
        holder: event.carrier,
        dueBack: event.dueBack,
      };
    }
    case '外出返回': {
      const back = state.beforeOut!;
      return { ...next, status: back.status, holder: back.holder, dueBack: back.dueBack, beforeOut: null };
    }
    case '送外维修':
      return { ...next, status: '维修中', repair: { since: on, repairer: event.repairer.trim(), expectedBack: event.expectedBack } };
    case '修回':
      return { ...next, status: '在库', repair: null };
    case '交回甲方':
    case '销毁':
      return { ...next, status: event.type === '销毁' ? '已销毁' : '已交回', holder: null, dueBack: null, stocktakeFlag: null };
    case '丢失/泄露报告': {
      if (event.reportOf !== null) return { ...next, incidents: state.incidents.filter((i) => i.seq !== event.reportOf) };
      const incidents =
        event.reportedAt === null
          ? [
              ...state.incidents,
              {
                seq: event.seq,
                incident: event.incident,
                discoveredAt: event.discoveredAt,
                deadline: new Date(Date.parse(event.discoveredAt) + INCIDENT_REPORT_HOURS * HOUR).toISOString(),
                reportedTo: event.reportedTo.trim(),
              },
            ]
          : state.incidents;
      if (event.incident === '泄露') return { ...next, incidents };
      return { ...next, incidents, status: '丢失', dueBack: null, beforeOut: null, repair: null, stocktakeFlag: null };
    }
    case '清查结果':
      return {
        ...next,
        stocktakeFlag: event.result === '在位' ? null : { seq: event.seq, result: event.result, on, note: event.note.trim() },
      };
  }
}

function fold(start: MediumState, events: readonly MediaEvent[]): MediumState {
  return events.reduce(apply, start);
}

export type Step = { ok: true; state: MediumState } | { ok: false; message: string; field?: string; state: MediumState };

/** mayApply, then apply: a refused event leaves the state as it was (the same object). */
export function step(state: MediumState, event: MediaEvent): Step {
  const verdict = mayApply(state, event);
  if (!verdict.ok) return { ...verdict, state };
  return { ok: true, state: apply(state, event) };
}

/** Thrown by `replay` for a chain the rules never allowed (a damaged store). */
export class ChainError extends Error {
  override name = 'ChainError';
}

/** The state a stored chain leads to; every event is re-checked (a refused one throws ChainError). */
export function replay(events: readonly MediaEvent[], subject?: MediumSubject): MediumState {
  let state = initialState(subject);
  for (const event of events) {
    const verdict = mayApply(state, event);
    if (!verdict.ok) throw new ChainError(`第 ${event.seq} 条记录（${event.type}）不符合规则：${verdict.message}`);
    state = apply(state, event);
  }
  return state;
}

export type OpenItem =
  | { kind: '逾期未还'; seq: number; holder: PersonRef; dueBack: CivilDate; daysOverdue: number }
  | { kind: '逾期未返回'; seq: number; holder: PersonRef; dueBack: CivilDate; daysOverdue: number }
  | { kind: '维修未修回'; seq: number; repairer: string; since: CivilDate; days: number; expectedBack: CivilDate | null; overdue: boolean }
  | { kind: '丢失/泄露待报告'; seq: number; incident: IncidentKind; discoveredAt: string; deadline: string; hoursLeft: number; level: '已超时' | '即将超时' | '待报告' }
  | { kind: '清查异常'; seq: number; result: '缺失' | '状态不符'; on: CivilDate; note: string };

const lastOfType = (state: MediumState, type: MediaEventType) => state.chain.findLast((e) => e.type === type)?.seq ?? 0;

/**
 * What is open about a medium at `now` (an instant; `today` its local date): past due back,
 * at the repairer, incidents not yet reported (with the hours left to their 48-hour deadline),
 * stocktake findings. Due back on `today` is not yet overdue.
 */
export function openItems(state: MediumState, now: string, today: CivilDate): OpenItem[] {
  const items: OpenItem[] = [];
  if ((state.status === '借出' || state.status === '外出') && state.dueBack && state.holder && state.dueBack < today) {
    const kind = state.status === '借出' ? '逾期未还' : '逾期未返回';
    items.push({ kind, seq: lastOfType(state, state.status === '借出' ? '借出' : '携带外出'), holder: state.holder, dueBack: state.dueBack, daysOverdue: daysBetween(state.dueBack, today) });
  }
  if (state.status === '维修中' && state.repair) {
    const { since, repairer, expectedBack } = state.repair;
    items.push({
      kind: '维修未修回',
      seq: lastOfType(state, '送外维修'),
      repairer,
      since,
      days: Math.max(0, daysBetween(since, today)),
      expectedBack,
      overdue: expectedBack !== null && expectedBack < today,
    });
  }
  const t = Date.parse(now);
  for (const i of state.incidents) {
    const hoursLeft = Math.floor((Date.parse(i.deadline) - t) / HOUR);
    const level = Date.parse(i.deadline) < t ? '已超时' : hoursLeft < INCIDENT_WARN_HOURS ? '即将超时' : '待报告';
    items.push({ kind: '丢失/泄露待报告', seq: i.seq, incident: i.incident, discoveredAt: i.discoveredAt, deadline: i.deadline, hoursLeft, level });
  }
  if (state.stocktakeFlag) items.push({ kind: '清查异常', ...state.stocktakeFlag });
  return items;
}

/** The deadline of an incident on the wall clock of its discovery: 48 hours later is two days later. */
export function incidentDeadlineText(discoveredAt: string): string {
  return `${addDays(discoveredAt.slice(0, 10), INCIDENT_REPORT_HOURS / 24)} ${discoveredAt.slice(11, 16)}`;
}

/** An open item in words, with its urgency and what it is due by. */
export function describeOpenItem(item: OpenItem): { message: string; level: string; due: string | null } {
  switch (item.kind) {
    case '逾期未还':
      return { message: `${item.holder.name} 借用，应于 ${item.dueBack} 归还，已逾期 ${item.daysOverdue} 天`, level: '已逾期', due: item.dueBack };
    case '逾期未返回':
      return { message: `${item.holder.name} 携带外出，应于 ${item.dueBack} 返回，已逾期 ${item.daysOverdue} 天`, level: '已逾期', due: item.dueBack };
    case '维修未修回': {
      const expected = item.expectedBack ? (item.overdue ? `，已超过预计修回日期 ${item.expectedBack}` : `，预计 ${item.expectedBack} 修回`) : '';
      return { message: `${item.since} 送“${item.repairer}”维修，已 ${item.days} 天未修回${expected}`, level: item.overdue ? '已逾期' : '', due: item.expectedBack };
    }
    case '丢失/泄露待报告': {
      const deadline = incidentDeadlineText(item.discoveredAt);
      const when =
        item.level === '已超时'
          ? `已超过 ${INCIDENT_REPORT_HOURS} 小时报告时限（${deadline}），请立即报告并登记补报`
          : `须在 ${deadline} 前报告，还剩 ${item.hoursLeft} 小时`;
      return { message: `${item.incident}事件（发现于 ${shortInstant(item.discoveredAt)}）尚未向甲方书面报告，${when}`, level: item.level, due: item.deadline };
    }
    case '清查异常':
      return { message: `清查结果为${item.result}（${item.on}）${item.note ? `：${item.note}` : ''}，请核实后处理`, level: '', due: null };
  }
}

/**
 * What is impossible about a state (empty for every state the rules can reach); the property
 * tests and the core's own checks use it.
 */
export function stateProblems(state: MediumState): string[] {
  const p: string[] = [];
  const s = state.status;
  if (s !== null && !MEDIA_STATUSES.includes(s)) p.push(`unknown status ${String(s)}`);
  if (s === null && state.chain.length > 0) p.push('events without registration');
  if (s !== null && state.chain[0]?.type !== '登记入库') p.push('chain does not start with 登记入库');
  if (state.chain.filter((e) => e.type === '登记入库').length > 1) p.push('registered twice');
  if (state.chain.some((e) => e.type === '更正')) p.push('a correction in the effective chain');
  if (state.chain.some((e) => state.corrected.includes(e.seq))) p.push('a corrected event in the effective chain');
  if (new Set(state.corrected).size !== state.corrected.length) p.push('an event corrected twice');
  for (let i = 1; i < state.chain.length; i++) {
    if (state.chain[i]!.seq <= state.chain[i - 1]!.seq) p.push('chain out of order');
    if (Date.parse(state.chain[i]!.occurredAt) < Date.parse(state.chain[i - 1]!.occurredAt)) p.push('time runs backwards');
  }
  const held = s !== null && HELD_STATUSES.includes(s);
  if (held && state.holder === null) p.push(`${s} without a holder`);
  if (state.holder !== null && !held && s !== '丢失') p.push(`holder while ${String(s)}`);
  if ((state.dueBack !== null) !== (s === '借出' || s === '外出')) p.push(`due back ${String(state.dueBack)} while ${String(s)}`);
  if ((state.beforeOut !== null) !== (s === '外出')) p.push('beforeOut out of step with 外出');
  if (state.beforeOut && state.beforeOut.status === '在库' && state.beforeOut.holder !== null) p.push('holder remembered for 在库');
  if ((state.repair !== null) !== (s === '维修中')) p.push('repair out of step with 维修中');
  if (s !== null && TERMINAL_STATUSES.includes(s)) {
    if (state.stocktakeFlag) p.push('stocktake flag on a closed medium');
    if (state.incidents.length > 0) p.push('an unreported incident on a closed medium');
    const last = state.chain[state.chain.length - 1];
    if (!last || (last.type !== '销毁' && last.type !== '交回甲方')) p.push('terminal status not from its event');
  }
  if (s === '丢失' && !state.chain.some((e) => e.type === '丢失/泄露报告' && e.reportOf === null && e.incident === '丢失')) p.push('lost without a loss report');
  for (const i of state.incidents) if (!state.chain.some((e) => e.seq === i.seq)) p.push(`open incident ${i.seq} not in the chain`);
  if (state.chain.length > 0 && state.lastSeq < state.chain[state.chain.length - 1]!.seq) p.push('lastSeq behind the chain');
  return p;
}
