/**
 * Calendar dates as `YYYY-MM-DD` strings (DESIGN.md §5), with arithmetic on day numbers — no
 * Date objects, so no time zone or daylight-saving hour can shift a due date. Day numbers count
 * days since 1970-01-01 (proleptic Gregorian, H. Hinnant's civil-date algorithms).
 */

export type CivilDate = string;

/** Thrown for text that is not a real calendar date; the message is user-facing Chinese. */
export class CivilDateError extends RangeError {
  override name = 'CivilDateError';
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parts(date: string): [number, number, number] | null {
  const m = PATTERN.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

/** True for an existing date written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 and 2024-2-1 no). */
export function isCivilDate(value: unknown): value is CivilDate {
  return typeof value === 'string' && parts(value) !== null;
}

function partsOrThrow(date: string): [number, number, number] {
  const p = parts(date);
  if (!p) throw new CivilDateError(`日期“${date}”无效，应为 YYYY-MM-DD 格式的真实日期，如 2024-05-16`);
  return p;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const format = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/** Days since 1970-01-01. */
export function toDayNumber(date: CivilDate): number {
  const [y0, m, d] = partsOrThrow(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date of a day number (inverse of toDayNumber). */
export function fromDayNumber(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new CivilDateError(`日期超出支持的范围（0001-01-01 至 9999-12-31）`);
  return format(y, m, d);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** `to` − `from` in days (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Same day `months` later, clamped to the end of a shorter month:
 * 2024-01-31 + 1 → 2024-02-29, 2024-01-31 + 2 → 2024-03-31, 2024-02-29 + 12 → 2025-02-28.
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const [y, m, d] = partsOrThrow(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  if (ny < 1 || ny > 9999) throw new CivilDateError(`日期超出支持的范围（0001-01-01 至 9999-12-31）`);
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * Last day of a term of `months` that includes its first day, as contracts count
 * 自合同签订之日起一年: 2024-11-30 + 12 → 2025-11-29, 2024-03-01 + 1 → 2024-03-31. When the end
 * month has no day matching the start, the term ends on that month's last day:
 * 2024-01-31 + 1 → 2024-02-29, 2024-02-29 + 12 → 2025-02-28.
 */
export function termEnd(start: CivilDate, months: number): CivilDate {
  const [, , d] = partsOrThrow(start);
  const same = addMonths(start, months);
  return Number(same.slice(8)) < d ? same : addDays(same, -1);
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export const minDate = (a: CivilDate, b: CivilDate): CivilDate => (compareDates(a, b) <= 0 ? a : b);
