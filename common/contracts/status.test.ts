import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from './civil-date';
import {
  checkContractDates,
  CONTRACT_STATUS_LABELS,
  type ContractDates,
  type ContractStatus,
  contractStatus,
  renewalDecisionDate,
} from './status';

/** 002: signed and in force until 2025-12-31; renewal to be confirmed 30 days before. */
const c002: ContractDates = { signedDate: '2025-03-10', start: '2025-01-01', end: '2025-12-31' };
const terminated: ContractDates = { ...c002, terminatedOn: '2025-06-30', terminationReason: '双方协商一致解除' };

describe('contractStatus on a fixed clock', () => {
  it.each<[string, ContractDates, string, number | undefined, ContractStatus]>([
    ['no signed date', { start: '2025-01-01', end: '2025-12-31' }, '2025-06-01', undefined, 'draft'],
    ['no dates at all', {}, '2025-06-01', undefined, 'draft'],
    ['signed, service not started yet', { ...c002, start: '2025-04-01' }, '2025-03-20', undefined, 'active'],
    ['mid-term', c002, '2025-06-01', undefined, 'active'],
    ['31 days before the end', c002, '2025-11-30', undefined, 'active'],
    ['30 days before the end: decision due', c002, '2025-12-01', undefined, 'expiring'],
    ['last day of service', c002, '2025-12-31', undefined, 'expiring'],
    ['day after the end', c002, '2026-01-01', undefined, 'expired'],
    ['lead 0: the end day itself', c002, '2025-12-31', 0, 'expiring'],
    ['lead 0: the day before', c002, '2025-12-30', 0, 'active'],
    ['lead 60', c002, '2025-11-01', 60, 'expiring'],
    ['day before termination', terminated, '2025-06-29', undefined, 'active'],
    ['termination day', terminated, '2025-06-30', undefined, 'terminated'],
    ['terminated beats expired', terminated, '2026-02-01', undefined, 'terminated'],
    ['terminated during the renewal window', { ...c002, terminatedOn: '2025-12-10' }, '2025-12-10', undefined, 'terminated'],
    ['no service end: open-ended', { signedDate: '2025-03-10', start: '2025-03-10' }, '2099-01-01', undefined, 'active'],
    ['leap day end', { signedDate: '2024-01-01', end: '2024-02-29' }, '2024-01-30', undefined, 'expiring'],
    ['leap day end, 31 days before', { signedDate: '2024-01-01', end: '2024-02-29' }, '2024-01-29', undefined, 'active'],
  ])('%s → %s', (_case, dates, today, lead, status) => {
    expect(contractStatus(dates, today, lead)).toBe(status);
  });

  it('has a Chinese label for every status', () => {
    expect(Object.values(CONTRACT_STATUS_LABELS)).toEqual(['草稿', '履行中', '即将到期', '已到期', '已终止']);
  });

  it('dates the renewal decision', () => {
    expect(renewalDecisionDate('2025-12-31')).toBe('2025-12-01');
    expect(renewalDecisionDate('2025-03-01', 1)).toBe('2025-02-28');
    expect(contractStatus(c002, renewalDecisionDate('2025-12-31'))).toBe('expiring');
    expect(contractStatus(c002, addDays(renewalDecisionDate('2025-12-31'), -1))).toBe('active');
  });

  it('refuses a bad lead or a bad date', () => {
    expect(() => contractStatus(c002, '2025-06-01', -1)).toThrow('续签提前天数应为 0 以上的整数');
    expect(() => contractStatus(c002, '2025-06-01', 1.5)).toThrow(RangeError);
    expect(() => contractStatus(c002, '2025-6-1')).toThrow('日期“2025-6-1”无效');
  });

  const date = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') }).map(fromDayNumber);
  const ORDER: ContractStatus[] = ['active', 'expiring', 'expired'];

  it('property: as days pass a signed contract only moves forward: 履行中 → 即将到期 → 已到期, or to 已终止 for good', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 3 * 366 }),
        fc.option(fc.integer({ min: 0, max: 4 * 366 }), { nil: undefined }),
        fc.integer({ min: 0, max: 90 }),
        (signed, length, terminateAfter, lead) => {
          const dates: ContractDates = {
            signedDate: signed,
            start: signed,
            end: addDays(signed, length),
            terminatedOn: terminateAfter === undefined ? null : addDays(signed, terminateAfter),
          };
          let previous: ContractStatus | null = null;
          for (let day = -5; day <= length + 40; day += 3) {
            const status = contractStatus(dates, addDays(signed, day), lead);
            if (previous === 'terminated') expect(status).toBe('terminated');
            else if (previous && status !== 'terminated') {
              expect(ORDER.indexOf(status)).toBeGreaterThanOrEqual(ORDER.indexOf(previous));
            }
            previous = status;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('checkContractDates', () => {
  it('accepts consistent dates', () => {
    expect(checkContractDates(c002)).toEqual([]);
    expect(checkContractDates(terminated)).toEqual([]);
    expect(checkContractDates({})).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(checkContractDates({ signedDate: '2025-02-30' })).toEqual([
      { field: 'signedDate', message: '签订日期“2025-02-30”无效，应为 YYYY-MM-DD 格式的真实日期' },
    ]);
    expect(checkContractDates({ signedDate: '2025-01-01', start: '2025-01-01', end: '2024-12-31' })).toEqual([
      { field: 'end', message: '服务结束日 2024-12-31 早于开始日 2025-01-01' },
    ]);
    expect(checkContractDates({ ...c002, terminatedOn: '2025-06-30', terminationReason: '  ' })).toEqual([
      { field: 'terminationReason', message: '请填写终止原因' },
    ]);
    expect(checkContractDates({ ...c002, terminatedOn: '2025-03-09', terminationReason: '提前解除' })).toEqual([
      { field: 'terminatedOn', message: '终止日期 2025-03-09 早于签订日期 2025-03-10' },
    ]);
    expect(checkContractDates({ terminatedOn: '2025-03-09', terminationReason: '提前解除' })).toEqual([
      { field: 'terminatedOn', message: '合同尚未签订，不能终止；未签订的草稿请作废' },
    ]);
    expect(checkContractDates({ ...c002, terminationReason: '提前解除' })).toEqual([
      { field: 'terminatedOn', message: '已填写终止原因，请填写终止日期' },
    ]);
  });
});
