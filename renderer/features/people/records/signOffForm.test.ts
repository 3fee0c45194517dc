import { describe, expect, it } from 'vitest';
import type { SignOffRecord } from '../../../../common/api/signoff';
import { newSignOffValues, signOffFieldsOf, signOffValuesOf, validateSignOff, type SignOffValues } from './signOffForm';
import { endOfTyped, recordStatus } from './status';

const MESSAGES = { signedDateRequired: '请填写签署日期', validUntilRequired: '请填写有效期至，或勾选长期有效' };
const base = (patch: Partial<SignOffValues>): SignOffValues => ({
  ...newSignOffValues({ witness: '张保密', today: '2025-03-01' }),
  ...patch,
});

describe('sign-off form', () => {
  it('starts as a long-term 上岗保密承诺书 signed today, witnessed by the officer, for the preset contract', () => {
    const v = newSignOffValues({ witness: '张保密', today: '2025-03-01', contractId: 7 });
    expect(v).toMatchObject({ kind: '上岗保密承诺书', signedDate: '2025-03-01', longTerm: true, witness: '张保密', contractId: '7', copies: 1 });
    expect(validateSignOff(v, MESSAGES)).toEqual({});
    expect(signOffFieldsOf(v, null)).toMatchObject({ contractId: 7, validUntil: null });
  });

  it('a 离岗保密承诺书 with the 脱密期 start but no end is refused at the end field, with the core’s message', () => {
    const v = base({ kind: '离岗保密承诺书', declassifyFrom: '2025-03-01', declassifyTo: null });
    expect(validateSignOff(v, MESSAGES)).toEqual({ declassifyTo: '请填写脱密期结束日' });
    expect(validateSignOff({ ...v, declassifyTo: '2025-02-01' }, MESSAGES)).toEqual({ declassifyTo: '脱密期结束日 2025-02-01 早于开始日 2025-03-01' });
    expect(validateSignOff({ ...v, declassifyTo: '2026-02-28' }, MESSAGES)).toEqual({});
  });

  it('drops a 脱密期 typed before the kind was changed away from 离岗', () => {
    const v = base({ kind: '离岗保密承诺书', declassifyFrom: '2025-03-01', declassifyTo: '2026-02-28' });
    const changed = { ...v, kind: '上岗保密承诺书' as const };
    expect(signOffFieldsOf(changed, null)).toMatchObject({ declassifyFrom: null, declassifyTo: null });
    expect(validateSignOff(changed, MESSAGES)).toEqual({});
  });

  it('asks for an end date or 长期有效, and ignores a date typed before ticking 长期有效', () => {
    expect(validateSignOff(base({ longTerm: false, validUntil: null }), MESSAGES)).toEqual({ validUntil: MESSAGES.validUntilRequired });
    expect(signOffFieldsOf(base({ longTerm: true, validUntil: '2026-01-01' }), null).validUntil).toBeNull();
    expect(validateSignOff(base({ longTerm: false, validUntil: '2025-02-01' }), MESSAGES)).toEqual({ validUntil: '有效期至 2025-02-01 早于签署日期 2025-03-01' });
  });

  it('a 在岗年度承诺 left without an end runs one year from signing', () => {
    const v = base({ kind: '在岗年度承诺', longTerm: true, validUntil: null, signedDate: '2024-02-29' });
    expect(validateSignOff(v, MESSAGES)).toEqual({});
    expect(signOffFieldsOf(v, null).validUntil).toBeNull();
    expect(endOfTyped(v.kind, v.signedDate, v.validUntil)).toBe('2025-02-28');
    expect(endOfTyped('上岗保密承诺书', '2024-02-29', null)).toBeNull();
    expect(endOfTyped('在岗年度承诺', null, null)).toBeNull();
  });

  it('needs a signed date and whole copies from 1 to 20', () => {
    expect(validateSignOff(base({ signedDate: null }), MESSAGES).signedDate).toBe(MESSAGES.signedDateRequired);
    expect(validateSignOff(base({ copies: '' }), MESSAGES).copies).toBe('份数应为整数');
    expect(validateSignOff(base({ copies: 0 }), MESSAGES).copies).toBe('份数至少为 1');
  });

  it('edits what was recorded, keeping 长期 as recorded', () => {
    const record = {
      kind: '保密协议',
      contractId: null,
      signedDate: '2024-05-20',
      validUntil: '2027-05-19',
      declassifyFrom: null,
      declassifyTo: null,
      witness: '张保密',
      copies: 3,
      keptAt: '保密办、人事处、本人各一份',
      note: '',
    } as unknown as SignOffRecord;
    const v = signOffValuesOf(record);
    expect(v).toMatchObject({ longTerm: false, validUntil: '2027-05-19', contractId: null, copies: 3 });
    expect(signOffFieldsOf(v, 2)).toMatchObject({ validUntil: '2027-05-19', templateVersion: 2, keptAt: '保密办、人事处、本人各一份' });
  });
});

describe('status of one recorded sign-off', () => {
  const s = (patch: Partial<SignOffRecord>) => ({ signedDate: '2024-07-01', end: '2025-06-30', voidedAt: null, ...patch });
  it('moves 有效 → 即将到期 (from 30 days before the end through the end day) → 已过期', () => {
    expect(recordStatus(s({}), '2025-05-30')).toEqual({ status: '有效', daysLeft: 31 });
    expect(recordStatus(s({}), '2025-05-31')).toEqual({ status: '即将到期', daysLeft: 30 });
    expect(recordStatus(s({}), '2025-06-30')).toEqual({ status: '即将到期', daysLeft: 0 });
    expect(recordStatus(s({}), '2025-07-01')).toEqual({ status: '已过期', daysLeft: -1 });
  });
  it('an indefinite one stays 有效; one signed after today is 未生效; a voided one is 已作废', () => {
    expect(recordStatus(s({ end: null }), '2040-01-01').status).toBe('有效');
    expect(recordStatus(s({}), '2024-06-30').status).toBe('未生效');
    expect(recordStatus(s({ voidedAt: '2024-08-01T10:00:00+08:00' }), '2024-08-02').status).toBe('已作废');
  });
});
