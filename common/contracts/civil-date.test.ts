import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  CivilDateError,
  compareDates,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isCivilDate,
  termEnd,
  toDayNumber,
} from './civil-date';

const utcDays = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
const anyDate = fc
  .integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2999-12-31') })
  .map(fromDayNumber);

describe('civil dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-2-1', false],
    ['2024-02-01T00:00', false],
    ['0000-01-01', false],
    ['9999-12-31', true],
  ])('isCivilDate(%s) = %s', (date, ok) => {
    expect(isCivilDate(date)).toBe(ok);
  });

  it('counts days like Date.UTC, and back', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('0001-01-01')).toBe(-719_162);
    expect(fromDayNumber(toDayNumber('9999-12-31'))).toBe('9999-12-31');
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(toDayNumber(date)).toBe(utcDays(date));
        expect(fromDayNumber(toDayNumber(date))).toBe(date);
        expect(isCivilDate(date)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });

  it('adds months clamped to the month end, counted from the original day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -240, max: 240 }), (date, n) => {
        const r = addMonths(date, n);
        const months = (d: string) => +d.slice(0, 4) * 12 + +d.slice(5, 7);
        expect(months(r) - months(date)).toBe(n);
        expect(+r.slice(8)).toBe(Math.min(+date.slice(8), daysInMonth(+r.slice(0, 4), +r.slice(5, 7))));
      }),
    );
  });

  it('ends a term counted from its first day (自合同签订之日起一年)', () => {
    expect(termEnd('2024-11-30', 12)).toBe('2025-11-29');
    expect(termEnd('2024-01-01', 12)).toBe('2024-12-31');
    expect(termEnd('2024-03-01', 1)).toBe('2024-03-31');
    expect(termEnd('2024-01-31', 1)).toBe('2024-02-29');
    expect(termEnd('2024-01-29', 1)).toBe('2024-02-28');
    expect(termEnd('2024-02-29', 12)).toBe('2025-02-28');
    expect(termEnd('2022-05-20', 12)).toBe('2023-05-19');
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 120 }), (start, n) => {
        const end = termEnd(start, n);
        const same = addMonths(start, n);
        // The day before the same day n months on; that day itself when the month lacks it.
        const clamped = +same.slice(8) < +start.slice(8);
        expect(daysBetween(end, same)).toBe(clamped ? 0 : 1);
        expect(compareDates(end, addMonths(start, n - 1))).toBeGreaterThan(0);
      }),
    );
  });

  it('refuses invalid dates with a Chinese message', () => {
    expect(() => toDayNumber('2023-02-29')).toThrow(CivilDateError);
    expect(() => addMonths('2024/01/31', 1)).toThrow('日期“2024/01/31”无效，应为 YYYY-MM-DD 格式的真实日期');
    expect(() => addDays('9999-12-31', 1)).toThrow('日期超出支持的范围');
  });
});
