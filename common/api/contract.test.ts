import { describe, expect, it } from 'vitest';
import { contract } from './index';
import { contractFieldsSchema, normaliseContractNumber } from './contract';

const base = {
  numbers: [{ number: 'KSY 2024 0516 0003', isMain: true }],
  projectName: '政务云扩展服务',
  clientOrgId: 1,
  vendorOrgId: 2,
  amountFen: 67_472_000,
};
const issues = (input: unknown) =>
  (contractFieldsSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('contractFieldsSchema (form and router)', () => {
  it('is the very schema contract:create validates with, with defaults for what is left out', () => {
    expect(contract['contract:create'].input).toBe(contractFieldsSchema);
    expect(contractFieldsSchema.parse(base)).toMatchObject({
      numbers: [{ number: 'KSY 2024 0516 0003', scheme: '合同编号', isMain: true }],
      signedDate: null,
      renewalLeadDays: 30,
      installments: [],
      bond: null,
      originals: { total: 0, client: 0, vendor: 0 },
    });
  });

  it('reports problems at their field, in Chinese', () => {
    expect(issues({ ...base, projectName: ' ' })).toEqual([['projectName', '请填写项目名称']]);
    expect(issues({ ...base, amountFen: 1.5 })).toEqual([['amountFen', '合同金额必须是整数分']]);
    expect(issues({ ...base, numbers: [] })).toEqual([['numbers', '请至少填写一个合同编号']]);
    expect(issues({ ...base, numbers: [...base.numbers, { number: 'ksy202405160003' }] })).toEqual([
      ['numbers.1.number', '与第 1 个编号重复'],
    ]);
    expect(issues({ ...base, signedDate: '2024-02-30' })).toEqual([
      ['signedDate', '签订日期应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20'],
    ]);
    expect(issues({ ...base, taxRatePercent: 6.125 })).toEqual([['taxRatePercent', '税率最多两位小数']]);
    expect(issues({ ...base, installments: [{ percent: 100 }, { fen: 5 }] })).toEqual([
      ['installments', '分期金额合计 ¥674,720.05，比合同金额多 ¥0.05'],
    ]);
    expect(issues({ ...base, bond: { percent: 5, fen: 100 } })).toEqual([['bond.percent', '履约保函的比例和金额请填写其中一项']]);
    expect(issues({ ...base, agreements: [{ kind: '保密协议', term: { kind: 'years' } }] })).toEqual([
      ['agreements.0.term.years', '请填写保密年限'],
    ]);
  });

  it('takes a contact with several phone numbers as the contract writes them (001)', () => {
    const contact = { side: 'vendor', name: '杨米分', role: '委托代理人', phone: '0519-81236533 15851967128' };
    expect(issues({ ...base, contacts: [contact] })).toEqual([]);
    expect(issues({ ...base, contacts: [{ ...contact, phone: '0519-81236533 电话' }] })).toEqual([
      ['contacts.0.phone', '电话格式不正确，例如 010-12345678 或 13800138000；多个号码用空格或“、”分开'],
    ]);
  });

  it('normalises numbers: upper case, no spaces', () => {
    expect(normaliseContractNumber(' ksy 2024　0516 0003 ')).toBe('KSY202405160003');
  });
});
