import { describe, expect, it } from 'vitest';
import {
  checkObligationSchedule,
  describeObligationSchedule,
  obligationNext,
  obligationWindow,
  type ContractWindow,
  type ObligationScheduleFields,
} from './obligations';

const flat = (f: Partial<ObligationScheduleFields> & Pick<ObligationScheduleFields, 'kind'>): ObligationScheduleFields => ({
  times: null,
  atLeast: null,
  due: null,
  within: null,
  unit: null,
  action: '',
  ...f,
});

/** 004: service 2024-06-01 – 2025-05-31. */
const contract: ContractWindow = {
  signedDate: '2024-05-20',
  serviceStart: '2024-06-01',
  serviceEnd: '2025-05-31',
  terminatedOn: null,
  voided: false,
};

describe('obligationWindow', () => {
  it('runs from the service start to the service end', () => {
    expect(obligationWindow(contract)).toEqual({ start: '2024-06-01', end: '2025-05-31' });
  });
  it('starts on the signing day when no service start is written', () => {
    expect(obligationWindow({ ...contract, serviceStart: null })).toEqual({ start: '2024-05-20', end: '2025-05-31' });
  });
  it('is cut at an earlier termination', () => {
    expect(obligationWindow({ ...contract, terminatedOn: '2024-12-15' })).toEqual({ start: '2024-06-01', end: '2024-12-15' });
    expect(obligationWindow({ ...contract, terminatedOn: '2026-01-01' })).toEqual({ start: '2024-06-01', end: '2025-05-31' });
  });
  it('says why there is none', () => {
    expect(obligationWindow({ ...contract, voided: true })).toEqual({ reason: '合同已作废，不再计算到期' });
    expect(obligationWindow({ ...contract, serviceStart: null, signedDate: null })).toEqual({
      reason: '合同未填写服务开始日或签订日期，无法计算到期日',
    });
    expect(obligationWindow({ ...contract, serviceEnd: null })).toEqual({ reason: '合同未填写服务结束日，无法计算周期性义务的到期日' });
    expect(obligationWindow({ ...contract, terminatedOn: '2024-05-25' })).toEqual({
      reason: '合同在服务开始日 2024-06-01 之前已终止（2024-05-25），没有应履行的期间',
    });
  });
});

describe('obligationNext with a fixed clock', () => {
  const quarterly = flat({ kind: 'quarterly' });

  it('a quarterly scan is next due at the end of the running quarter of service', () => {
    expect(obligationNext(quarterly, contract, [], '2024-07-15')).toEqual({
      state: 'due',
      due: '2024-09-01',
      periodStart: '2024-06-01',
      periodIndex: 1,
      done: 0,
      required: 1,
      daysLeft: 48,
      overdue: false,
    });
  });

  it('is overdue the day after an uncovered due date, and stays on that period', () => {
    const next = obligationNext(quarterly, contract, [], '2024-09-02');
    expect(next).toMatchObject({ state: 'due', due: '2024-09-01', daysLeft: -1, overdue: true });
    expect(obligationNext(quarterly, contract, [], '2024-09-01')).toMatchObject({ daysLeft: 0, overdue: false });
  });

  it('moves on once the period is covered; a completion outside its period covers nothing', () => {
    expect(obligationNext(quarterly, contract, ['2024-08-20'], '2024-09-02')).toMatchObject({
      due: '2024-12-01',
      periodStart: '2024-09-02',
      periodIndex: 2,
      overdue: false,
    });
    expect(obligationNext(quarterly, contract, ['2024-09-10'], '2024-09-12')).toMatchObject({ due: '2024-09-01', overdue: true });
  });

  it('the last period is cut at the service end and nothing is due after it', () => {
    const all = ['2024-08-01', '2024-11-01', '2025-02-01'];
    expect(obligationNext(quarterly, contract, all, '2025-04-01')).toMatchObject({ due: '2025-05-31', periodIndex: 4 });
    expect(obligationNext(quarterly, contract, [...all, '2025-05-20'], '2025-06-10')).toEqual({ state: 'complete' });
  });

  it('counts “at least twice a year”', () => {
    const twice = flat({ kind: 'yearly', atLeast: 2 });
    expect(obligationNext(twice, contract, ['2024-07-01'], '2024-08-01')).toMatchObject({ done: 1, required: 2, due: '2025-05-31' });
    expect(obligationNext(twice, contract, ['2024-07-01', '2025-01-10'], '2025-02-01')).toEqual({ state: 'complete' });
  });

  it('a one-off is due on its own date, even without a service period, and done once done', () => {
    const report = flat({ kind: 'once', due: '2024-06-30' });
    expect(obligationNext(report, contract, [], '2024-07-01')).toMatchObject({ state: 'due', due: '2024-06-30', overdue: true });
    const noPeriod = { ...contract, serviceStart: null, serviceEnd: null };
    expect(obligationNext(report, noPeriod, [], '2024-06-01')).toMatchObject({ state: 'due', due: '2024-06-30', daysLeft: 29 });
    expect(obligationNext(report, noPeriod, ['2024-07-05'], '2024-08-01')).toEqual({ state: 'complete' });
  });

  it('a periodic obligation without a service period says why it has no due date', () => {
    expect(obligationNext(quarterly, { ...contract, serviceEnd: null }, [], '2024-07-01')).toEqual({
      state: 'unscheduled',
      reason: '合同未填写服务结束日，无法计算周期性义务的到期日',
    });
  });

  it('nothing is due for a voided contract, not even a one-off', () => {
    const voided = { ...contract, voided: true };
    expect(obligationNext(flat({ kind: 'once', due: '2024-06-30' }), voided, [], '2024-07-01')).toEqual({
      state: 'unscheduled',
      reason: '合同已作废，不再计算到期',
    });
  });

  it('nothing falls due after an early termination', () => {
    const ended = { ...contract, terminatedOn: '2024-07-31' };
    expect(obligationNext(quarterly, ended, [], '2024-07-15')).toMatchObject({ due: '2024-07-31', periodIndex: 1 });
    expect(obligationNext(quarterly, ended, ['2024-07-20'], '2024-10-01')).toEqual({ state: 'complete' });
  });

  it('a service level is only a limit to show', () => {
    const respond = flat({ kind: 'service-level', within: 1, unit: 'hour', action: '响应' });
    expect(obligationNext(respond, contract, [], '2024-07-01')).toEqual({ state: 'limit', text: '1 小时内响应' });
  });
});

describe('checkObligationSchedule', () => {
  it('names the missing field of each kind', () => {
    expect(checkObligationSchedule(flat({ kind: 'times-per-year' }))).toEqual([{ field: 'times', message: '请填写每年次数' }]);
    expect(checkObligationSchedule(flat({ kind: 'once' }))).toEqual([{ field: 'due', message: '请填写完成期限（到期日）' }]);
    expect(checkObligationSchedule(flat({ kind: 'service-level' }))).toEqual([
      { field: 'within', message: '请填写时限' },
      { field: 'unit', message: '请选择时限单位' },
    ]);
  });
  it('passes the calculator’s refusals on to the right field', () => {
    expect(checkObligationSchedule(flat({ kind: 'times-per-year', times: 400 }))).toEqual([
      { field: 'times', message: '每年次数应为 1 至 365 的整数' },
    ]);
    expect(checkObligationSchedule(flat({ kind: 'quarterly', atLeast: 0 }))).toEqual([{ field: 'atLeast', message: '每期次数应为 1 以上的整数' }]);
    expect(checkObligationSchedule(flat({ kind: 'once', due: '2024-02-30' }))[0]?.field).toBe('due');
  });
  it('accepts complete schedules and describes them as the register prints them', () => {
    const cases: [ObligationScheduleFields, string][] = [
      [flat({ kind: 'monthly' }), '每月'],
      [flat({ kind: 'quarterly' }), '每季度'],
      [flat({ kind: 'half-yearly' }), '每半年'],
      [flat({ kind: 'yearly', atLeast: 2 }), '每年至少 2 次'],
      [flat({ kind: 'times-per-year', times: 4 }), '每年 4 次'],
      [flat({ kind: 'once', due: '2024-06-30' }), '一次性，2024-06-30 前完成'],
      [flat({ kind: 'service-level', within: 24, unit: 'hour', action: '解决' }), '24 小时内解决'],
      [flat({ kind: 'service-level', within: 30, unit: 'minute', action: '' }), '30 分钟内完成'],
    ];
    for (const [fields, text] of cases) {
      expect(checkObligationSchedule(fields)).toEqual([]);
      expect(describeObligationSchedule(fields)).toBe(text);
    }
  });
});
