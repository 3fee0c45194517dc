/**
 * Findings of the home screen (工作台): what needs doing or is out of order across the registers,
 * each computed by a named rule in db/findings/rules/. This module holds what every process shares:
 * severities, registers and the windows "due this week / this month".
 */
import { addDays, addMonths, fromDayNumber, toDayNumber, type CivilDate } from './contracts/civil-date';

export const FINDING_SEVERITIES = ['严重', '警告', '提示'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_REGISTERS = ['contracts', 'people', 'media', 'ipfilings', 'system'] as const;
export type FindingRegister = (typeof FINDING_REGISTERS)[number];

/** As printed and in the summary's tables. */
export const FINDING_REGISTER_LABELS: Readonly<Record<FindingRegister, string>> = {
  contracts: '合同',
  people: '人员与保密承诺',
  media: '存储介质',
  ipfilings: '访问IP报备',
  system: '系统',
};

export const FINDING_WINDOWS = ['all', 'week', 'month'] as const;
export type FindingWindow = (typeof FINDING_WINDOWS)[number];

/** The last day of the calendar week (Monday to Sunday) holding `today`. */
export function endOfWeek(today: CivilDate): CivilDate {
  const n = toDayNumber(today);
  // Day number 0 is 1970-01-01, a Thursday: (n + 3) % 7 is 0 on Mondays.
  const weekday = (((n + 3) % 7) + 7) % 7;
  return fromDayNumber(n + 6 - weekday);
}

/** The last day of the calendar month holding `today`. */
export function endOfMonth(today: CivilDate): CivilDate {
  return addDays(addMonths(`${today.slice(0, 7)}-01`, 1), -1);
}

/**
 * Whether a finding due on `due` belongs to the window: due by the end of this week or month,
 * what is already overdue included (it is due now). Findings without a date are in “all” only.
 */
export function inWindow(due: CivilDate | null, window: FindingWindow, today: CivilDate): boolean {
  if (window === 'all') return true;
  if (due === null) return false;
  return due <= (window === 'week' ? endOfWeek(today) : endOfMonth(today));
}

export const SEVERITY_RANK: Readonly<Record<FindingSeverity, number>> = { 严重: 0, 警告: 1, 提示: 2 };
