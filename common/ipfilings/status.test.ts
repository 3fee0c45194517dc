import { describe, expect, it } from 'vitest';
import { EXPIRY_WARN_DAYS, ipFilingStatus, isInForce, statusPhrase, type FilingDates } from './status';

const approved = (validFrom: string, validTo: string): FilingDates => ({ state: '有效', validFrom, validTo });

describe('ipFilingStatus', () => {
  it('keeps the stored state of a filing that is not approved, whatever its dates', () => {
    for (const state of ['待审批', '已驳回', '已撤销'] as const) {
      expect(ipFilingStatus({ state, validFrom: '2020-01-01', validTo: '2020-12-31' }, '2026-03-01')).toEqual({ status: state, expiring: false, daysLeft: null });
    }
  });

  it('derives 未生效, 有效, 即将到期 and 已过期 of an approved filing from its dates', () => {
    const f = approved('2026-03-10', '2026-06-30');
    expect(ipFilingStatus(f, '2026-03-09')).toEqual({ status: '未生效', expiring: false, daysLeft: 113 });
    expect(ipFilingStatus(f, '2026-03-10')).toEqual({ status: '有效', expiring: false, daysLeft: 112 });
    expect(ipFilingStatus(f, '2026-05-30')).toEqual({ status: '有效', expiring: false, daysLeft: 31 });
    expect(ipFilingStatus(f, '2026-05-31')).toEqual({ status: '有效', expiring: true, daysLeft: EXPIRY_WARN_DAYS });
    expect(ipFilingStatus(f, '2026-06-30')).toEqual({ status: '有效', expiring: true, daysLeft: 0 });
    expect(ipFilingStatus(f, '2026-07-01')).toEqual({ status: '已过期', expiring: false, daysLeft: -1 });
  });

  it('is in force only while approved and within its dates, both days included', () => {
    const f = approved('2026-03-10', '2026-03-10');
    expect(['2026-03-09', '2026-03-10', '2026-03-11'].map((d) => isInForce(f, d))).toEqual([false, true, false]);
    expect(isInForce({ ...f, state: '待审批' }, '2026-03-10')).toBe(false);
  });

  it('words the status for a list or a print', () => {
    const f = approved('2026-03-10', '2026-06-30');
    expect(statusPhrase(f, '2026-04-01')).toBe('有效');
    expect(statusPhrase(f, '2026-06-18')).toBe('有效（还剩 12 天）');
    expect(statusPhrase(f, '2026-06-30')).toBe('有效（今天到期）');
    expect(statusPhrase(f, '2026-07-02')).toBe('已过期（2026-06-30）');
    expect(statusPhrase(f, '2026-03-01')).toBe('未生效（2026-03-10 起）');
    expect(statusPhrase({ ...f, state: '已撤销', revokedOn: '2026-04-02' }, '2026-04-03')).toBe('已撤销（2026-04-02）');
    expect(statusPhrase({ ...f, state: '已驳回' }, '2026-04-03')).toBe('已驳回');
  });
});
