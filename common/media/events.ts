/**
 * Custody events (介质事件) as the state machine (./machine.ts) reads them. The core stores them
 * append-only; a wrong one is never edited but corrected by a 更正 event (see machine.ts).
 *
 * Times: `occurredAt` (when it happened, as told by the officer) and `recordedAt` (when it was
 * entered) are ISO-8601 instants with offset; the calendar date of an event is the date written in
 * `occurredAt` (its local date at that offset). Due dates are calendar dates `YYYY-MM-DD`.
 *
 * People: holders, borrowers and carriers are people of the register (`PersonRef`: they pass “sign
 * before access” in the core); approvers, checkers, escorts, destroyers, witnesses and recipients
 * are names as they sign (they may be the client's staff or the officer).
 */
import type { CivilDate } from '../contracts/civil-date';
import type { DestructionMethod, IncidentKind, StocktakeResult } from './kinds';

export const EVENT_TYPES = [
  '登记入库',
  '发放/领用',
  '借出',
  '归还',
  '携带外出',
  '外出返回',
  '送外维修',
  '修回',
  '交回甲方',
  '销毁',
  '丢失/泄露报告',
  '清查结果',
  '更正',
] as const;
export type MediaEventType = (typeof EVENT_TYPES)[number];

/** Hand-overs: each prints a one-page receipt (交接单) with both parties' signature lines. */
export const HANDOVER_TYPES: readonly MediaEventType[] = ['发放/领用', '借出', '归还', '携带外出', '送外维修', '交回甲方', '销毁'];

export interface PersonRef {
  id: number;
  name: string;
}

export interface EventBase {
  /** 1, 2, 3 … within the medium's chain, in the order recorded. */
  seq: number;
  occurredAt: string;
  recordedAt: string;
}

export interface RegisterEvent extends EventBase {
  type: '登记入库';
  /** Where it is kept from now on. */
  location: string;
}
export interface IssueEvent extends EventBase {
  type: '发放/领用';
  holder: PersonRef;
  purpose: string;
}
export interface LendEvent extends EventBase {
  type: '借出';
  holder: PersonRef;
  purpose: string;
  dueBack: CivilDate;
}
export interface ReturnEvent extends EventBase {
  type: '归还';
  /** Who checked the medium on its return (归还核验人). */
  checkedBy: string;
  /** What the check found (完好、数据已清除 …). */
  condition: string;
}
export interface TakeOutEvent extends EventBase {
  type: '携带外出';
  carrier: PersonRef;
  approver: string;
  destination: string;
  purpose: string;
  encrypted: boolean;
  encryptionMethod: string;
  dueBack: CivilDate;
}
export interface BackInEvent extends EventBase {
  type: '外出返回';
  /** 返回检查情况. */
  checkResult: string;
}
export interface RepairEvent extends EventBase {
  type: '送外维修';
  fault: string;
  repairer: string;
  /** The repairer has signed a confidentiality agreement (its reference in `agreementRef`). */
  repairerAgreement: boolean;
  agreementRef: string;
  backupDone: boolean;
  /** Technical sanitisation done (数据清除 / 拆除存储部件), and how. */
  sanitised: boolean;
  sanitisation: string;
  /** 送修人. */
  sentBy: string;
  /** 陪同人. */
  escort: string;
  approver: string;
  expectedBack: CivilDate | null;
}
export interface RepairedEvent extends EventBase {
  type: '修回';
  result: string;
}
export interface HandBackEvent extends EventBase {
  type: '交回甲方';
  /** Who received it for the client (name and office). */
  recipient: string;
}
export interface DestroyEvent extends EventBase {
  type: '销毁';
  reason: string;
  method: DestructionMethod | '';
  place: string;
  destroyer: string;
  /** 监销人: at least one, none of them the destroyer. */
  witnesses: readonly string[];
  approver: string;
}
export interface IncidentEvent extends EventBase {
  type: '丢失/泄露报告';
  incident: IncidentKind;
  discoveredAt: string;
  circumstances: string;
  /** Whom the incident is reported to (the client's contact). */
  reportedTo: string;
  /** When the written report reached the client; null while it has not yet been made. */
  reportedAt: string | null;
  /**
   * The seq of an earlier, still unreported incident that this event completes by recording its
   * report (补报); null for a new incident.
   */
  reportOf: number | null;
}
export interface StocktakeEvent extends EventBase {
  type: '清查结果';
  result: StocktakeResult;
  /** The stocktake session it belongs to (its name or reference), '' when recorded alone. */
  stocktake: string;
  note: string;
}
export interface CorrectionEvent extends EventBase {
  type: '更正';
  /** The seq of the event whose effect is voided. */
  corrects: number;
  reason: string;
}

export type MediaEvent =
  | RegisterEvent
  | IssueEvent
  | LendEvent
  | ReturnEvent
  | TakeOutEvent
  | BackInEvent
  | RepairEvent
  | RepairedEvent
  | HandBackEvent
  | DestroyEvent
  | IncidentEvent
  | StocktakeEvent
  | CorrectionEvent;

/** One person or signer taking part in an event, as the timeline and the receipts list them. */
export interface EventParticipant {
  role: string;
  name: string;
  personId: number | null;
}

/**
 * Who takes part in an event, in receipt order (the party handing over first). `holder` is the
 * holder before the event (who gives the medium back on 归还).
 */
export function participants(event: MediaEvent, holderBefore: PersonRef | null): EventParticipant[] {
  const person = (role: string, p: PersonRef) => ({ role, name: p.name, personId: p.id });
  const named = (role: string, name: string) => (name.trim() ? [{ role, name: name.trim(), personId: null }] : []);
  switch (event.type) {
    case '登记入库':
      return [];
    case '发放/领用':
      return [person('领用人', event.holder)];
    case '借出':
      return [person('借用人', event.holder)];
    case '归还':
      return [...(holderBefore ? [person('归还人', holderBefore)] : []), ...named('核验人', event.checkedBy)];
    case '携带外出':
      return [person('携带人', event.carrier), ...named('审批人', event.approver)];
    case '外出返回':
      return [];
    case '送外维修':
      return [...named('送修人', event.sentBy), ...named('陪同人', event.escort), ...named('维修单位', event.repairer), ...named('审批人', event.approver)];
    case '修回':
      return [];
    case '交回甲方':
      return named('接收人', event.recipient);
    case '销毁':
      return [...named('销毁人', event.destroyer), ...event.witnesses.flatMap((w) => named('监销人', w)), ...named('审批人', event.approver)];
    case '丢失/泄露报告':
      return named('报告对象', event.reportedTo);
    case '清查结果':
    case '更正':
      return [];
  }
}

const clause = (label: string, value: string) => (value.trim() ? `，${label}${value.trim()}` : '');
/** 2026-03-02 10:30 from an instant as written. */
export const shortInstant = (instant: string): string => instant.slice(0, 16).replace('T', ' ');

/**
 * One sentence for the timeline (履历) and the audit trail. `holderBefore` is the holder before the
 * event (who gives the medium back on 归还); `corrected` names the event a 更正 voids.
 */
export function describeEvent(event: MediaEvent, holderBefore: PersonRef | null = null, corrected: MediaEvent | null = null): string {
  switch (event.type) {
    case '登记入库':
      return `登记入库${clause('存放于 ', event.location)}`;
    case '发放/领用':
      return `发放给 ${event.holder.name}${clause('用途：', event.purpose)}`;
    case '借出':
      return `借给 ${event.holder.name}${clause('用途：', event.purpose)}，应还 ${event.dueBack}`;
    case '归还':
      return `${holderBefore ? `${holderBefore.name} ` : ''}归还${clause('核验人 ', event.checkedBy)}${clause('核验情况：', event.condition)}`;
    case '携带外出':
      return (
        `${event.carrier.name} 携带外出${clause('至 ', event.destination)}${clause('事由：', event.purpose)}${clause('审批人 ', event.approver)}` +
        `，${event.encrypted ? `已加密（${event.encryptionMethod.trim()}）` : '未加密'}，预计 ${event.dueBack} 返回`
      );
    case '外出返回':
      return `外出返回${clause('检查情况：', event.checkResult)}`;
    case '送外维修':
      return (
        `送“${event.repairer.trim()}”维修${clause('故障：', event.fault)}` +
        `，${event.repairerAgreement ? `维修单位已签保密协议${event.agreementRef.trim() ? `（${event.agreementRef.trim()}）` : ''}` : '维修单位未签保密协议'}` +
        `，${event.backupDone ? '已备份' : '未备份'}，${event.sanitised ? `已作技术处理（${event.sanitisation.trim()}）` : '未作技术处理'}` +
        `${clause('送修人 ', event.sentBy)}${clause('陪同人 ', event.escort)}${clause('审批人 ', event.approver)}` +
        `${event.expectedBack ? `，预计 ${event.expectedBack} 修回` : ''}`
      );
    case '修回':
      return `修回${clause('维修结果：', event.result)}`;
    case '交回甲方':
      return `交回甲方${clause('接收人 ', event.recipient)}`;
    case '销毁': {
      const witnesses = event.witnesses.map((w) => w.trim()).filter(Boolean);
      return (
        `销毁（${[event.method, event.place.trim()].filter(Boolean).join('，')}）${clause('原因：', event.reason)}` +
        `${clause('销毁人 ', event.destroyer)}${witnesses.length ? `，监销人 ${witnesses.join('、')}` : ''}${clause('审批人 ', event.approver)}`
      );
    }
    case '丢失/泄露报告': {
      if (event.reportOf !== null) {
        return `补报第 ${event.reportOf} 条${event.incident}事件：已于 ${shortInstant(event.reportedAt ?? '')} 向 ${event.reportedTo.trim()} 报告`;
      }
      const report = event.reportedAt ? `已于 ${shortInstant(event.reportedAt)} 向 ${event.reportedTo.trim()} 报告` : `尚未向 ${event.reportedTo.trim()} 报告`;
      return `报告${event.incident}：发现于 ${shortInstant(event.discoveredAt)}${clause('经过：', event.circumstances)}，${report}`;
    }
    case '清查结果':
      return `清查结果：${event.result}${event.stocktake.trim() ? `（${event.stocktake.trim()}）` : ''}${clause('说明：', event.note)}`;
    case '更正':
      return `更正第 ${event.corrects} 条${corrected ? `（${corrected.type}）` : ''}，原因：${event.reason.trim()}`;
  }
}
