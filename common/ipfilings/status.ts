/**
 * States and derived status of an access-IP filing (访问IP报备), computed from what is stored and a
 * given `today`, never from the clock.
 *
 * Stored state (the approval workflow):
 *   待审批 ──approve (审批人, 审批日期; every 使用人 must pass “sign before access”)──▶ 有效
 *   待审批 ──reject (reason)──▶ 已驳回
 *   待审批 ──revoke (reason, date: the application is withdrawn)──▶ 已撤销
 *   有效 ──revoke (reason, date)──▶ 已撤销
 * A filing is edited only while 待审批; an approved one is changed by revoking it and filing
 * again, or by renewing it (a new 待审批 filing that references it).
 *
 * Derived status: an approved filing is 已过期 after its 有效期 end day and 未生效 before its start
 * day; otherwise the stored state. It is 即将到期 while 有效 with `EXPIRY_WARN_DAYS` days or
 * fewer left (the end day itself counts as 0 days left).
 */
import { daysBetween, type CivilDate } from '../contracts/civil-date';

export const IP_FILING_STATES = ['待审批', '有效', '已驳回', '已撤销'] as const;
export type IpFilingState = (typeof IP_FILING_STATES)[number];

export const IP_FILING_STATUSES = ['待审批', '未生效', '有效', '已过期', '已驳回', '已撤销'] as const;
export type IpFilingStatus = (typeof IP_FILING_STATUSES)[number];

/** What a list may be filtered by: a status, or 即将到期 (有效 with ≤ 30 days left). */
export const IP_FILING_STATUS_FILTERS = [...IP_FILING_STATUSES, '即将到期'] as const;
export type IpFilingStatusFilter = (typeof IP_FILING_STATUS_FILTERS)[number];

export const ACCESS_METHODS = ['VPN', '堡垒机', '专线', '现场', '其他'] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];

export const ACCESS_SCOPES = ['合同范围内', '超出合同范围'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** Days before the end day from which a valid filing is 即将到期; also how long an expired one stays on the dashboard. */
export const EXPIRY_WARN_DAYS = 30;

/** States whose filings still claim their addresses (for conflicts) and are named on a departure checklist. */
export const LIVE_STATES: readonly IpFilingState[] = ['待审批', '有效'];

export interface FilingDates {
  state: IpFilingState;
  validFrom: CivilDate;
  validTo: CivilDate;
}

export interface FilingStatus {
  status: IpFilingStatus;
  /** 有效 with `EXPIRY_WARN_DAYS` days or fewer left. */
  expiring: boolean;
  /** Days from today to the end day (negative once past); null unless approved. */
  daysLeft: number | null;
}

export function ipFilingStatus(f: FilingDates, today: CivilDate): FilingStatus {
  if (f.state !== '有效') return { status: f.state, expiring: false, daysLeft: null };
  const daysLeft = daysBetween(today, f.validTo);
  if (daysLeft < 0) return { status: '已过期', expiring: false, daysLeft };
  if (daysBetween(today, f.validFrom) > 0) return { status: '未生效', expiring: false, daysLeft };
  return { status: '有效', expiring: daysLeft <= EXPIRY_WARN_DAYS, daysLeft };
}

/** Whether the filing lets its users connect on `today`: approved, started, not ended. */
export function isInForce(f: FilingDates, today: CivilDate): boolean {
  return ipFilingStatus(f, today).status === '有效';
}

/** 有效（还剩 12 天）, 已过期（2026-03-31）… : the status as one phrase for lists and prints. */
export function statusPhrase(f: FilingDates & { revokedOn?: string | null }, today: CivilDate): string {
  const s = ipFilingStatus(f, today);
  if (s.status === '有效' && s.expiring) return s.daysLeft === 0 ? '有效（今天到期）' : `有效（还剩 ${s.daysLeft} 天）`;
  if (s.status === '已过期') return `已过期（${f.validTo}）`;
  if (s.status === '未生效') return `未生效（${f.validFrom} 起）`;
  if (s.status === '已撤销' && f.revokedOn) return `已撤销（${f.revokedOn}）`;
  return s.status;
}
