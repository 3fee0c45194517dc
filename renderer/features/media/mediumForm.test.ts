import { describe, expect, it } from 'vitest';
import { EMPTY_MEDIUM, mediumFieldsOf, validateMedium } from './mediumForm';

describe('the medium form', () => {
  it('asks for kind, 密级, 责任人 and unit at their fields', () => {
    const errors = validateMedium(EMPTY_MEDIUM);
    expect(errors.kind).toContain('请选择介质类别');
    expect(errors.classification).toBe('请选择密级');
    expect(errors.responsibleId).toBe('请选择责任人');
    expect(errors.orgId).toBe('请选择所属单位');
    expect(errors.number).toBeUndefined();
  });

  it('a blank 保密编号 is sent blank (the next number of the pattern); one with a space is refused', () => {
    const filled = { ...EMPTY_MEDIUM, kind: 'U盘' as const, classification: '内部', responsibleId: '3', orgId: '2' };
    expect(validateMedium(filled)).toEqual({});
    expect(mediumFieldsOf(filled)).toMatchObject({ number: '', responsibleId: 3, orgId: 2, contractId: null });
    expect(validateMedium({ ...filled, number: 'JZ 01' }).number).toBe('保密编号中不能有空格');
  });
});
