/**
 * Obligations (履行义务) of a contract as the register stores them — flat fields a form can edit —
 * and their state today, computed with the schedule calculator (schedule.ts) over the contract's
 * service window.
 *
 * The window runs from the service start (or the signing day when no start is written) to the
 * service end, cut at a termination date that comes earlier: nothing falls due after a contract
 * has ended. A contract without a window can still carry one-off obligations (their own due date)
 * and service levels; periodic ones then have no due date and say why.
 */
import { type CivilDate, compareDates, isCivilDate, minDate } from './civil-date';
import { checkSchedule, describeSchedule, nextDue, type Schedule, type ServiceLimitUnit } from './schedule';

export const OBLIGATION_KINDS = ['monthly', 'quarterly', 'half-yearly', 'yearly', 'times-per-year', 'once', 'service-level'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const OBLIGATION_KIND_LABELS: Record<ObligationKind, string> = {
  monthly: '每月',
  quarterly: '每季度',
  'half-yearly': '每半年',
  yearly: '每年',
  'times-per-year': '每年 N 次',
  once: '一次性',
  'service-level': '服务时限',
};

export const SERVICE_LIMIT_UNITS = ['minute', 'hour', 'day', 'workday'] as const satisfies readonly ServiceLimitUnit[];
export const SERVICE_LIMIT_UNIT_LABELS: Record<ServiceLimitUnit, string> = {
  minute: '分钟',
  hour: '小时',
  day: '天',
  workday: '个工作日',
};

/** The schedule part of an obligation, flat: only the fields of its kind are set, the rest null. */
export interface ObligationScheduleFields {
  kind: ObligationKind;
  /** times-per-year: how many times a year. */
  times: number | null;
  /** Periodic kinds: completions needed per period (每年至少两次); null = 1. */
  atLeast: number | null;
  /** once: the due date. */
  due: CivilDate | null;
  /** service-level: the limit and what must happen within it (响应, 到场, 解决 …). */
  within: number | null;
  unit: ServiceLimitUnit | null;
  action: string;
}

export function toSchedule(f: ObligationScheduleFields): Schedule {
  const atLeast = f.atLeast ?? undefined;
  switch (f.kind) {
    case 'times-per-year':
      return { kind: 'times-per-year', times: f.times ?? 0, atLeast };
    case 'once':
      return { kind: 'once', due: f.due ?? '' };
    case 'service-level':
      return { kind: 'service-level', within: f.within ?? 0, unit: f.unit ?? 'hour', action: f.action || undefined };
    default:
      return { kind: f.kind, atLeast };
  }
}

/** Problems of the flat fields, each on the field a form shows it at; empty when fine. */
export function checkObligationSchedule(f: ObligationScheduleFields): { field: keyof ObligationScheduleFields; message: string }[] {
  if (f.kind === 'times-per-year' && f.times === null) return [{ field: 'times', message: '请填写每年次数' }];
  if (f.kind === 'once' && !f.due) return [{ field: 'due', message: '请填写完成期限（到期日）' }];
  if (f.kind === 'service-level') {
    const problems: { field: keyof ObligationScheduleFields; message: string }[] = [];
    if (f.within === null) problems.push({ field: 'within', message: '请填写时限' });
    if (f.unit === null) problems.push({ field: 'unit', message: '请选择时限单位' });
    if (problems.length) return problems;
  }
  const problem = checkSchedule(toSchedule(f));
  if (!problem) return [];
  const field: keyof ObligationScheduleFields =
    f.kind === 'times-per-year' && problem.startsWith('每年') ? 'times' : f.kind === 'once' ? 'due' : f.kind === 'service-level' ? 'within' : 'atLeast';
  return [{ field, message: problem }];
}

export function describeObligationSchedule(f: ObligationScheduleFields): string {
  return checkObligationSchedule(f).length ? OBLIGATION_KIND_LABELS[f.kind] : describeSchedule(toSchedule(f));
}

export interface ContractWindow {
  signedDate: CivilDate | null;
  serviceStart: CivilDate | null;
  serviceEnd: CivilDate | null;
  terminatedOn: CivilDate | null;
  voided: boolean;
}

/** The days obligations can fall due in, or why there are none. */
export function obligationWindow(c: ContractWindow): { start: CivilDate; end: CivilDate } | { reason: string } {
  if (c.voided) return { reason: '合同已作废，不再计算到期' };
  const start = c.serviceStart ?? c.signedDate;
  if (!start || !isCivilDate(start)) return { reason: '合同未填写服务开始日或签订日期，无法计算到期日' };
  const written = c.serviceEnd && isCivilDate(c.serviceEnd) ? c.serviceEnd : null;
  const stop = c.terminatedOn && isCivilDate(c.terminatedOn) ? c.terminatedOn : null;
  const end = written && stop ? minDate(written, stop) : (written ?? stop);
  if (!end) return { reason: '合同未填写服务结束日，无法计算周期性义务的到期日' };
  if (compareDates(start, end) > 0) return { reason: `合同在服务开始日 ${start} 之前已终止（${end}），没有应履行的期间` };
  return { start, end };
}

export type ObligationNext =
  | {
      state: 'due';
      due: CivilDate;
      periodStart: CivilDate;
      periodIndex: number;
      done: number;
      required: number;
      daysLeft: number;
      overdue: boolean;
    }
  | { state: 'complete' }
  | { state: 'limit'; text: string }
  | { state: 'unscheduled'; reason: string };

/** The obligation's state today: next due (and overdue), complete, a service limit, or why unknown. */
export function obligationNext(
  f: ObligationScheduleFields,
  contract: ContractWindow,
  completions: readonly CivilDate[],
  today: CivilDate,
): ObligationNext {
  const schedule = toSchedule(f);
  if (checkSchedule(schedule)) return { state: 'unscheduled', reason: '履行周期填写不完整' };
  if (schedule.kind === 'service-level') return { state: 'limit', text: describeSchedule(schedule) };
  const window = obligationWindow(contract);
  let range: { start: CivilDate; end: CivilDate };
  if ('reason' in window) {
    if (contract.voided || schedule.kind !== 'once') return { state: 'unscheduled', reason: window.reason };
    // A one-off carries its own due date; the window only bounds periodic work.
    range = { start: schedule.due, end: schedule.due };
  } else {
    range = window;
  }
  const next = nextDue(schedule, { ...range, completions, today });
  if (next.state !== 'due') return next;
  return {
    state: 'due',
    due: next.due,
    periodStart: next.period.start,
    periodIndex: next.period.index,
    done: next.done,
    required: next.required,
    daysLeft: next.daysLeft,
    overdue: next.daysLeft < 0,
  };
}
