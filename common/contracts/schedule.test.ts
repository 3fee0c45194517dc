import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, compareDates, daysInMonth, fromDayNumber, termEnd, toDayNumber } from './civil-date';
import {
  checkSchedule,
  describeSchedule,
  nextDue,
  overdue,
  type Schedule,
  schedulePeriods,
} from './schedule';

const dues = (schedule: Schedule, start: string, end: string) => schedulePeriods(schedule, start, end).map((p) => p.due);
const dueOf = (schedule: Schedule, start: string, end: string, completions: string[], today: string) => {
  const r = nextDue(schedule, { start, end, completions, today });
  return r.state === 'due' ? r.due : r.state;
};

describe('schedulePeriods', () => {
  it('monthly from a 31st: clamped to month ends, counted from the start (not from the previous due)', () => {
    expect(dues({ kind: 'monthly' }, '2024-01-31', '2024-07-30')).toEqual([
      '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30', '2024-07-30',
    ]);
    expect(schedulePeriods({ kind: 'monthly' }, '2024-01-31', '2024-04-30').map((p) => p.start)).toEqual([
      '2024-01-31', '2024-03-01', '2024-04-01',
    ]);
  });

  it('quarterly across the year end and month ends: service 2024-11-30 → 2025-11-29', () => {
    expect(schedulePeriods({ kind: 'quarterly' }, '2024-11-30', '2025-11-29')).toEqual([
      { index: 1, start: '2024-11-30', due: '2025-02-28' },
      { index: 2, start: '2025-03-01', due: '2025-05-30' },
      { index: 3, start: '2025-05-31', due: '2025-08-30' },
      { index: 4, start: '2025-08-31', due: '2025-11-29' },
    ]);
  });

  it('half-yearly, yearly and N times a year', () => {
    expect(dues({ kind: 'half-yearly' }, '2024-08-31', '2026-08-30')).toEqual(['2025-02-28', '2025-08-31', '2026-02-28', '2026-08-30']);
    expect(dues({ kind: 'yearly' }, '2024-02-29', '2028-02-28')).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-28']);
    // 12 % N === 0: by months.
    expect(dues({ kind: 'times-per-year', times: 3 }, '2025-01-01', '2025-12-31')).toEqual(['2025-05-01', '2025-09-01', '2025-12-31']);
    expect(dues({ kind: 'times-per-year', times: 4 }, '2024-11-30', '2025-11-29')).toEqual(dues({ kind: 'quarterly' }, '2024-11-30', '2025-11-29'));
    // 5 a year in a leap year (366 days): every 73.2 days, the fifth on the anniversary, cut at the end.
    expect(dues({ kind: 'times-per-year', times: 5 }, '2024-01-01', '2024-12-31')).toEqual([
      '2024-03-14', '2024-05-26', '2024-08-07', '2024-10-19', '2024-12-31',
    ]);
    // The second year is anchored on the anniversary again.
    expect(dues({ kind: 'times-per-year', times: 5 }, '2024-01-01', '2025-12-31').slice(4, 6)).toEqual(['2025-01-01', '2025-03-15']);
  });

  it('cuts the last period at the service end and never goes past it', () => {
    expect(dues({ kind: 'quarterly' }, '2024-01-01', '2024-04-05')).toEqual(['2024-04-01', '2024-04-05']);
    expect(dues({ kind: 'yearly' }, '2024-05-01', '2024-05-01')).toEqual(['2024-05-01']);
    expect(dues({ kind: 'quarterly' }, '2024-01-01', '2025-01-01').at(-1)).toBe('2025-01-01');
  });

  it('a one-off has its own due date; a service level has no periods', () => {
    expect(schedulePeriods({ kind: 'once', due: '2024-09-30' }, '2024-05-23', '2025-05-22')).toEqual([
      { index: 1, start: '2024-05-23', due: '2024-09-30' },
    ]);
    expect(schedulePeriods({ kind: 'service-level', within: 30, unit: 'minute', action: '响应' }, '2024-05-23', '2025-05-22')).toEqual([]);
  });

  const periodic: fc.Arbitrary<Schedule> = fc.oneof(
    fc.constantFrom<Schedule>({ kind: 'monthly' }, { kind: 'quarterly' }, { kind: 'half-yearly' }, { kind: 'yearly' }),
    fc.integer({ min: 1, max: 52 }).map((times): Schedule => ({ kind: 'times-per-year', times })),
  );
  const date = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') }).map(fromDayNumber);
  const service = fc.tuple(date, fc.integer({ min: 0, max: 6 * 366 })).map(([start, days]) => [start, addDays(start, days)] as const);

  it('property: periods tile the service period exactly, in order', () => {
    fc.assert(
      fc.property(periodic, service, (schedule, [start, end]) => {
        const periods = schedulePeriods(schedule, start, end);
        expect(periods[0]!.start).toBe(start);
        expect(periods.at(-1)!.due).toBe(end);
        periods.forEach((p, i) => {
          expect(p.index).toBe(i + 1);
          expect(compareDates(p.start, p.due)).toBeLessThanOrEqual(0);
          if (i > 0) expect(p.start).toBe(addDays(periods[i - 1]!.due, 1));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: month-based dues are the start day k steps later, clamped to the month end', () => {
    const steps: Record<string, number> = { monthly: 1, quarterly: 3, 'half-yearly': 6, yearly: 12 };
    fc.assert(
      fc.property(fc.constantFrom('monthly', 'quarterly', 'half-yearly', 'yearly'), service, (kind, [start, end]) => {
        const periods = schedulePeriods({ kind } as Schedule, start, end);
        periods.slice(0, -1).forEach((p) => {
          expect(p.due).toBe(addMonths(start, p.index * steps[kind]!));
          const [y, m] = [+p.due.slice(0, 4), +p.due.slice(5, 7)];
          expect(+p.due.slice(8)).toBe(Math.min(+start.slice(8), daysInMonth(y, m)));
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('contract 001 (服务期限：自合同签订之日起一年; signed in May 2022, say the 20th)', () => {
  const start = '2022-05-20';
  const end = termEnd(start, 12);
  const scans: Schedule = { kind: 'quarterly' }; // 漏洞扫描 每季度一次
  const drill: Schedule = { kind: 'yearly' }; // 攻防演练 每年 1 次
  const training: Schedule = { kind: 'yearly', atLeast: 2 }; // 培训 每年至少两次

  it('runs to 2023-05-19 with quarterly scans due 08-20, 11-20, 02-20 and the service end', () => {
    expect(end).toBe('2023-05-19');
    expect(dues(scans, start, end)).toEqual(['2022-08-20', '2022-11-20', '2023-02-20', '2023-05-19']);
  });

  it('next scan: the first quarter without a scan in it; due dates count as inside their quarter', () => {
    expect(dueOf(scans, start, end, [], '2022-06-01')).toBe('2022-08-20');
    expect(dueOf(scans, start, end, ['2022-07-01'], '2022-09-01')).toBe('2022-11-20');
    expect(dueOf(scans, start, end, ['2022-07-01', '2022-11-20'], '2022-12-01')).toBe('2023-02-20');
    expect(dueOf(scans, start, end, ['2022-07-01', '2022-11-20', '2023-01-10', '2023-05-19'], '2023-05-19')).toBe('complete');
  });

  it('a missed quarter stays due, and overdue, even after later scans', () => {
    const ctx = { start, end, completions: ['2022-07-01', '2023-01-10'], today: '2023-03-01' };
    expect(nextDue(scans, ctx)).toEqual({
      state: 'due',
      due: '2022-11-20',
      period: { index: 2, start: '2022-08-21', due: '2022-11-20' },
      done: 0,
      required: 1,
      daysLeft: -101,
    });
    expect(overdue(scans, ctx)).toBe(true);
  });

  it('yearly drill and at least two trainings a year', () => {
    expect(dueOf(drill, start, end, [], '2022-06-01')).toBe('2023-05-19');
    expect(dueOf(drill, start, end, ['2022-12-15'], '2022-12-16')).toBe('complete');
    const one = nextDue(training, { start, end, completions: ['2022-09-01'], today: '2023-01-01' });
    expect(one).toMatchObject({ state: 'due', due: '2023-05-19', done: 1, required: 2, daysLeft: 138 });
    expect(dueOf(training, start, end, ['2022-09-01', '2023-03-01'], '2023-03-02')).toBe('complete');
    // Completions outside the service period do not count.
    expect(dueOf(training, start, end, ['2022-05-19', '2023-05-20'], '2023-05-01')).toBe('2023-05-19');
  });

  it('response limits have no due date, only the limit to display', () => {
    const respond: Schedule = { kind: 'service-level', within: 30, unit: 'minute', action: '响应' };
    const solve: Schedule = { kind: 'service-level', within: 2, unit: 'hour', action: '提供解决方案' };
    expect(nextDue(respond, { start, end, completions: [], today: '2022-06-01' })).toEqual({ state: 'limit', text: '30 分钟内响应' });
    expect(describeSchedule(solve)).toBe('2 小时内提供解决方案');
    expect(overdue(respond, { start, end, completions: [], today: '2030-01-01' })).toBe(false);
  });
});

describe('nextDue / overdue', () => {
  const ctx = (completions: string[], today: string) => ({ start: '2024-05-23', end: '2025-05-22', completions, today });

  it('a one-off is due on its date and done by any completion, late or not', () => {
    const report: Schedule = { kind: 'once', due: '2024-09-30' };
    expect(nextDue(report, ctx([], '2024-09-30'))).toMatchObject({ state: 'due', due: '2024-09-30', daysLeft: 0 });
    expect(overdue(report, ctx([], '2024-09-30'))).toBe(false);
    expect(overdue(report, ctx([], '2024-10-01'))).toBe(true);
    expect(nextDue(report, ctx(['2024-10-15'], '2024-10-20'))).toEqual({ state: 'complete' });
  });

  it('is overdue only when today is after the due date', () => {
    const monthly: Schedule = { kind: 'monthly' };
    expect(overdue(monthly, ctx([], '2024-06-23'))).toBe(false);
    expect(overdue(monthly, ctx([], '2024-06-24'))).toBe(true);
    expect(overdue(monthly, ctx(['2024-06-01'], '2024-06-24'))).toBe(false);
  });

  it('refuses unusable schedules and dates in Chinese', () => {
    expect(() => nextDue({ kind: 'monthly' }, { start: '2025-01-01', end: '2024-12-31', completions: [], today: '2025-01-01' })).toThrow(
      '服务期结束日 2024-12-31 早于开始日 2025-01-01',
    );
    expect(() => nextDue({ kind: 'monthly' }, ctx(['2024-02-30'], '2024-06-01'))).toThrow('日期“2024-02-30”无效');
    expect(() => nextDue({ kind: 'monthly' }, ctx([], '2024/06/01'))).toThrow('无效');
    expect(checkSchedule({ kind: 'times-per-year', times: 0 })).toBe('每年次数应为 1 至 365 的整数');
    expect(checkSchedule({ kind: 'times-per-year', times: 2.5 })).toBe('每年次数应为 1 至 365 的整数');
    expect(checkSchedule({ kind: 'yearly', atLeast: 0 })).toBe('每期次数应为 1 以上的整数');
    expect(checkSchedule({ kind: 'once', due: '2024-13-01' })).toContain('到期日：日期“2024-13-01”无效');
    expect(checkSchedule({ kind: 'service-level', within: 0, unit: 'hour' })).toBe('时限应为大于 0 的数');
    expect(checkSchedule({ kind: 'quarterly' })).toBeNull();
  });

  it('describes every kind', () => {
    expect(describeSchedule({ kind: 'monthly' })).toBe('每月');
    expect(describeSchedule({ kind: 'quarterly' })).toBe('每季度');
    expect(describeSchedule({ kind: 'half-yearly' })).toBe('每半年');
    expect(describeSchedule({ kind: 'yearly', atLeast: 2 })).toBe('每年至少 2 次');
    expect(describeSchedule({ kind: 'times-per-year', times: 5 })).toBe('每年 5 次');
    expect(describeSchedule({ kind: 'once', due: '2024-09-30' })).toBe('一次性，2024-09-30 前完成');
    expect(describeSchedule({ kind: 'service-level', within: 10, unit: 'workday', action: '书面通知' })).toBe('10 个工作日内书面通知');
  });

  const periodic = fc.constantFrom<Schedule>(
    { kind: 'monthly' },
    { kind: 'quarterly' },
    { kind: 'half-yearly' },
    { kind: 'yearly' },
    { kind: 'times-per-year', times: 5 },
    { kind: 'times-per-year', times: 6 },
  );
  const date = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') }).map(fromDayNumber);
  const service = fc.tuple(date, fc.integer({ min: 0, max: 4 * 366 })).map(([s, days]) => [s, addDays(s, days)] as const);

  it('property: one completion in every period → complete; leave one period out → that period is next', () => {
    fc.assert(
      fc.property(periodic, service, fc.nat(), fc.nat(), date, (schedule, [start, end], pick, offset, today) => {
        const periods = schedulePeriods(schedule, start, end);
        // A completion somewhere inside each period.
        const inside = periods.map((p) => addDays(p.start, offset % (toDayNumber(p.due) - toDayNumber(p.start) + 1)));
        expect(nextDue(schedule, { start, end, completions: inside, today })).toEqual({ state: 'complete' });
        const missed = pick % periods.length;
        const completions = inside.filter((_, i) => i !== missed);
        const next = nextDue(schedule, { start, end, completions, today });
        expect(next).toMatchObject({ state: 'due', due: periods[missed]!.due, period: periods[missed], done: 0 });
        expect(overdue(schedule, { start, end, completions, today })).toBe(compareDates(today, periods[missed]!.due) > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('property: the next due date always lies within the service period', () => {
    fc.assert(
      fc.property(periodic, service, fc.array(date, { maxLength: 20 }), date, (schedule, [start, end], completions, today) => {
        const next = nextDue(schedule, { start, end, completions, today });
        if (next.state === 'due') {
          expect(compareDates(next.due, start)).toBeGreaterThanOrEqual(0);
          expect(compareDates(next.due, end)).toBeLessThanOrEqual(0);
          expect(next.daysLeft).toBe(toDayNumber(next.due) - toDayNumber(today));
        }
      }),
      { numRuns: 500 },
    );
  });
});
