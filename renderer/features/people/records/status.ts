import type { SignOffRecord } from '../../../../common/api/signoff';
import { compareDates, daysBetween } from '../../../../common/contracts';
import { DEFAULT_SIGNOFF_WARN_DAYS, signOffEnd, type SignOffKind, type SignOffStatus } from '../../../../common/people/signoff';

/** The state of one recorded sign-off on a given day (the person's overall status is the core's). */
export type RecordStatus = '有效' | '即将到期' | '已过期' | '未生效' | '已作废';

export const RECORD_STATUS_COLORS: Record<RecordStatus, string> = {
  有效: 'green',
  即将到期: 'orange',
  已过期: 'red',
  未生效: 'blue',
  已作废: 'gray',
};

export const SIGNOFF_STATUS_COLORS: Record<SignOffStatus, string> = {
  有效: 'green',
  即将到期: 'orange',
  已过期: 'red',
  未签: 'gray',
};

/**
 * One sign-off as the rules of common/people/signoff.ts read it: in force from its signed date
 * through its end (`end`, one year for 在岗年度承诺 without a date, none when indefinite);
 * 即将到期 within the warning days of the end, the end day included.
 */
export function recordStatus(s: Pick<SignOffRecord, 'signedDate' | 'end' | 'voidedAt'>, today: string): { status: RecordStatus; daysLeft: number | null } {
  if (s.voidedAt) return { status: '已作废', daysLeft: null };
  if (compareDates(s.signedDate, today) > 0) return { status: '未生效', daysLeft: null };
  if (s.end === null) return { status: '有效', daysLeft: null };
  const daysLeft = daysBetween(today, s.end);
  if (daysLeft < 0) return { status: '已过期', daysLeft };
  return { status: daysLeft <= DEFAULT_SIGNOFF_WARN_DAYS ? '即将到期' : '有效', daysLeft };
}

/**
 * The last day a sign-off being typed would be in force, for the form's hint: the date typed, one
 * year from signing for 在岗年度承诺 left empty, null when indefinite or not yet known.
 */
export function endOfTyped(kind: SignOffKind, signedDate: string | null, validUntil: string | null): string | null {
  if (validUntil) return validUntil;
  if (!signedDate) return null;
  try {
    return signOffEnd({ kind, signedDate, validUntil: null, contractId: null, voided: false });
  } catch {
    return null;
  }
}
