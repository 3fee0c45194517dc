/**
 * Schedules of contract obligations (履行义务): quarterly vulnerability scans, a yearly drill, at
 * least two trainings a year, a one-off report, a 30-minute response limit.
 *
 * Periodic obligations are counted from the service start, period after period, each due on its
 * last day: the due dates are the start date 1, 2, 3… steps later (clamped to month ends, always
 * counted from the start, so a monthly obligation from 2024-01-31 is due 2024-02-29, 2024-03-31,
 * 2024-04-30…). Period 1 runs from the start to its due date; each next period from the day
 * after the previous due date. The period that reaches past the service end is cut at the end
 * and is due then; nothing falls after the service end.
 *
 * A period is covered when it holds enough completions (default 1, `atLeast` for 每年至少两次)
 * dated within it — a completion outside its period covers nothing, so a missed period stays the
 * next due (and overdue) until the service ends.
 */
import { addDays, addMonths, type CivilDate, compareDates, daysBetween, minDate, toDayNumber } from './civil-date';

export type ServiceLimitUnit = 'minute' | 'hour' | 'day' | 'workday';

export type Schedule =
  | { kind: 'monthly' | 'quarterly' | 'half-yearly' | 'yearly'; atLeast?: number }
  /** N times a year, evenly spaced: every 12/N months when 12 % N === 0, else by days. */
  | { kind: 'times-per-year'; times: number; atLeast?: number }
  | { kind: 'once'; due: CivilDate }
  /** A limit to meet each time something happens (30 分钟内响应); no due date. */
  | { kind: 'service-level'; within: number; unit: ServiceLimitUnit; action?: string };

export interface ScheduleContext {
  /** Service period, both days included. */
  start: CivilDate;
  end: CivilDate;
  /** Dates the obligation was carried out. */
  completions: readonly CivilDate[];
  today: CivilDate;
}

export interface Period {
  /** 1-based. */
  index: number;
  start: CivilDate;
  due: CivilDate;
}

export type NextDue =
  | {
      state: 'due';
      due: CivilDate;
      period: Period;
      /** Completions within the period, and how many it needs. */
      done: number;
      required: number;
      /** Days from today to the due date; negative once overdue. */
      daysLeft: number;
    }
  /** Every period up to the service end is covered (or the one-off is done). */
  | { state: 'complete' }
  /** Service-level obligations: only a limit to display. */
  | { state: 'limit'; text: string };

const MONTHS: Record<string, number> = { monthly: 1, quarterly: 3, 'half-yearly': 6, yearly: 12 };
const UNIT_TEXT: Record<ServiceLimitUnit, string> = { minute: '分钟', hour: '小时', day: '天', workday: '个工作日' };
const MAX_TIMES = 365;

/** Why a schedule cannot be used, in Chinese, or null when it is fine. */
export function checkSchedule(schedule: Schedule): string | null {
  const count = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
  switch (schedule.kind) {
    case 'monthly':
    case 'quarterly':
    case 'half-yearly':
    case 'yearly':
      return schedule.atLeast === undefined || count(schedule.atLeast, 1000) ? null : '每期次数应为 1 以上的整数';
    case 'times-per-year':
      if (!count(schedule.times, MAX_TIMES)) return `每年次数应为 1 至 ${MAX_TIMES} 的整数`;
      return schedule.atLeast === undefined || count(schedule.atLeast, 1000) ? null : '每期次数应为 1 以上的整数';
    case 'once':
      try {
        toDayNumber(schedule.due);
        return null;
      } catch (e) {
        return `到期日：${(e as Error).message}`;
      }
    case 'service-level':
      return Number.isFinite(schedule.within) && schedule.within > 0 ? null : '时限应为大于 0 的数';
    default:
      return '未知的履行周期';
  }
}

function assertUsable(schedule: Schedule, start: CivilDate, end: CivilDate): void {
  const problem = checkSchedule(schedule);
  if (problem) throw new RangeError(problem);
  if (compareDates(start, end) > 0) throw new RangeError(`服务期结束日 ${end} 早于开始日 ${start}`);
}

/** The k-th step from the start (k ≥ 1), before cutting at the service end. */
function stepDate(schedule: Schedule, start: CivilDate, k: number): CivilDate {
  if (schedule.kind === 'times-per-year' && 12 % schedule.times !== 0) {
    const n = schedule.times;
    const year = Math.floor((k - 1) / n);
    const from = addMonths(start, 12 * year);
    const length = daysBetween(from, addMonths(start, 12 * (year + 1)));
    return addDays(from, Math.floor(((k - year * n) * length) / n));
  }
  const months = schedule.kind === 'times-per-year' ? 12 / schedule.times : (MONTHS[schedule.kind] as number);
  return addMonths(start, k * months);
}

/** The periods of a periodic or one-off schedule within the service period; none for service levels. */
export function schedulePeriods(schedule: Schedule, start: CivilDate, end: CivilDate): Period[] {
  assertUsable(schedule, start, end);
  if (schedule.kind === 'service-level') return [];
  if (schedule.kind === 'once') return [{ index: 1, start, due: schedule.due }];
  const periods: Period[] = [];
  let periodStart = start;
  for (let k = 1; ; k++) {
    const step = stepDate(schedule, start, k);
    periods.push({ index: k, start: periodStart, due: minDate(step, end) });
    if (compareDates(step, end) >= 0) return periods;
    periodStart = addDays(step, 1);
  }
}

/** The first period (or the one-off due date) not yet covered, or 'complete', or the limit text. */
export function nextDue(schedule: Schedule, ctx: ScheduleContext): NextDue {
  assertUsable(schedule, ctx.start, ctx.end);
  toDayNumber(ctx.today);
  if (schedule.kind === 'service-level') return { state: 'limit', text: describeSchedule(schedule) };
  const done = ctx.completions.map(toDayNumber).sort((a, b) => a - b);
  const due = (period: Period, count: number, required: number): NextDue => ({
    state: 'due',
    due: period.due,
    period,
    done: count,
    required,
    daysLeft: daysBetween(ctx.today, period.due),
  });
  if (schedule.kind === 'once') {
    // A one-off is done once it is done, late or not; the dates show whether it was late.
    const [period] = schedulePeriods(schedule, ctx.start, ctx.end) as [Period];
    return done.length > 0 ? { state: 'complete' } : due(period, 0, 1);
  }
  const required = schedule.atLeast ?? 1;
  for (const period of schedulePeriods(schedule, ctx.start, ctx.end)) {
    const [from, to] = [toDayNumber(period.start), toDayNumber(period.due)];
    const count = done.filter((d) => d >= from && d <= to).length;
    if (count < required) return due(period, count, required);
  }
  return { state: 'complete' };
}

/** True when today is after the next due date. */
export function overdue(schedule: Schedule, ctx: ScheduleContext): boolean {
  const next = nextDue(schedule, ctx);
  return next.state === 'due' && next.daysLeft < 0;
}

/** How the schedule reads in a register: 每季度, 每年至少 2 次, 30 分钟内响应. */
export function describeSchedule(schedule: Schedule): string {
  const times = (base: string, atLeast?: number) => (atLeast && atLeast > 1 ? `${base}至少 ${atLeast} 次` : base);
  switch (schedule.kind) {
    case 'monthly':
      return times('每月', schedule.atLeast);
    case 'quarterly':
      return times('每季度', schedule.atLeast);
    case 'half-yearly':
      return times('每半年', schedule.atLeast);
    case 'yearly':
      return times('每年', schedule.atLeast);
    case 'times-per-year': {
      const each = schedule.atLeast && schedule.atLeast > 1 ? `（每期至少 ${schedule.atLeast} 次）` : '';
      return `每年 ${schedule.times} 次${each}`;
    }
    case 'once':
      return `一次性，${schedule.due} 前完成`;
    case 'service-level':
      return `${schedule.within} ${UNIT_TEXT[schedule.unit]}内${schedule.action ?? '完成'}`;
  }
}
