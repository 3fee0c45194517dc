/**
 * Contract status, derived from the contract's dates and today — never typed by anyone:
 * - 草稿 (draft): no signed date yet;
 * - 已终止 (terminated): a termination date on or before today (it takes precedence over expiry);
 * - 已到期 (expired): today is after the service end;
 * - 即将到期 (expiring): the renewal decision is due — today is within `renewalLeadDays` days
 *   before the service end, both ends included (002: 服务期满前 30 日确认是否续签);
 * - 履行中 (active): otherwise, including a signed contract whose service has not started yet
 *   (a signed contract is in force: 004's first payment runs from the signing day) and one
 *   without a service end, and one whose agreed termination date is still ahead.
 */
import { addDays, type CivilDate, compareDates, daysBetween, isCivilDate } from './civil-date';

export type ContractStatus = 'draft' | 'active' | 'expiring' | 'expired' | 'terminated';

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: '草稿',
  active: '履行中',
  expiring: '即将到期',
  expired: '已到期',
  terminated: '已终止',
};

export const DEFAULT_RENEWAL_LEAD_DAYS = 30;

export interface ContractDates {
  signedDate?: CivilDate | null;
  /** Service period, both days included. */
  start?: CivilDate | null;
  end?: CivilDate | null;
  terminatedOn?: CivilDate | null;
  terminationReason?: string | null;
}

export function contractStatus(
  dates: ContractDates,
  today: CivilDate,
  renewalLeadDays: number = DEFAULT_RENEWAL_LEAD_DAYS,
): ContractStatus {
  if (!Number.isInteger(renewalLeadDays) || renewalLeadDays < 0) {
    throw new RangeError(`续签提前天数应为 0 以上的整数，收到 ${renewalLeadDays}`);
  }
  if (!dates.signedDate) return 'draft';
  if (dates.terminatedOn && compareDates(dates.terminatedOn, today) <= 0) return 'terminated';
  if (dates.end) {
    const left = daysBetween(today, dates.end);
    if (left < 0) return 'expired';
    if (left <= renewalLeadDays) return 'expiring';
  }
  return 'active';
}

/** The day the renewal decision is due: `leadDays` before the service end. */
export function renewalDecisionDate(end: CivilDate, leadDays: number = DEFAULT_RENEWAL_LEAD_DAYS): CivilDate {
  return addDays(end, -leadDays);
}

export interface ContractDateProblem {
  field: keyof ContractDates;
  message: string;
}

const FIELD_NAMES: Record<keyof ContractDates, string> = {
  signedDate: '签订日期',
  start: '服务开始日',
  end: '服务结束日',
  terminatedOn: '终止日期',
  terminationReason: '终止原因',
};

/** Problems with a contract's dates, each tied to the form field to show it under. */
export function checkContractDates(dates: ContractDates): ContractDateProblem[] {
  const problems: ContractDateProblem[] = [];
  const dateFields = ['signedDate', 'start', 'end', 'terminatedOn'] as const;
  for (const field of dateFields) {
    const value = dates[field];
    if (value && !isCivilDate(value)) {
      problems.push({ field, message: `${FIELD_NAMES[field]}“${value}”无效，应为 YYYY-MM-DD 格式的真实日期` });
    }
  }
  if (problems.length > 0) return problems;
  const { signedDate, start, end, terminatedOn } = dates;
  const reason = dates.terminationReason?.trim();
  if (start && end && compareDates(end, start) < 0) {
    problems.push({ field: 'end', message: `服务结束日 ${end} 早于开始日 ${start}` });
  }
  if (terminatedOn) {
    if (!signedDate) {
      problems.push({ field: 'terminatedOn', message: '合同尚未签订，不能终止；未签订的草稿请作废' });
    } else if (compareDates(terminatedOn, signedDate) < 0) {
      problems.push({ field: 'terminatedOn', message: `终止日期 ${terminatedOn} 早于签订日期 ${signedDate}` });
    }
    if (!reason) problems.push({ field: 'terminationReason', message: '请填写终止原因' });
  } else if (reason) {
    problems.push({ field: 'terminatedOn', message: '已填写终止原因，请填写终止日期' });
  }
  return problems;
}
