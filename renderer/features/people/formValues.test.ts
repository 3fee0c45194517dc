import { describe, expect, it } from 'vitest';
import { EMPTY, toFields, validate, type Values } from './formValues';

const TODAY = '2026-03-01';
const valid: Values = { ...EMPTY, name: '张伟', orgId: '3', idNumber: '11010519850312104x', phone: '13812345678', enteredOn: '2024-03-01' };

describe('person form validation', () => {
  it('accepts a complete person, the lowercase x left for the core to upper-case', () => {
    expect(validate(valid, TODAY)).toEqual({});
    expect(toFields(valid)).toMatchObject({ orgId: 3, idNumber: '11010519850312104x' });
  });

  it('asks for the name, the unit and the ID number at their fields', () => {
    expect(validate(EMPTY, TODAY)).toEqual({ name: '请填写姓名', orgId: '请选择所属单位', idNumber: '请填写身份证号码' });
  });

  it('refuses a wrong check character with the GB 11643 message the core gives', () => {
    expect(validate({ ...valid, idNumber: '110105198503121041' }, TODAY).idNumber).toBe('校验码不符：第 18 位应为 X，现为 1，请核对号码是否抄错');
  });

  it('judges the birth date against the given today', () => {
    const bornLater = { ...valid, idNumber: '110105202603021234' };
    expect(validate(bornLater, TODAY).idNumber).toMatch(/出生日期 2026-03-02 晚于今天（2026-03-01）/);
  });

  it('accepts an old 15-digit number (the core upgrades it) and refuses a malformed phone', () => {
    expect(validate({ ...valid, idNumber: '110105850312104' }, TODAY)).toEqual({});
    expect(validate({ ...valid, phone: '138-abc' }, TODAY).phone).toBe('手机/电话格式不正确，例如 13800138000 或 010-12345678');
  });
});
