import { describe, expect, it } from 'vitest';
import { addressLines, filingFieldsOf, newFilingValues, validateFiling, type FilingValues } from './formValues';

const complete = (patch: Partial<FilingValues> = {}): FilingValues => ({
  ...newFilingValues('2026-03-01'),
  orgId: '3',
  userIds: ['7', '9'],
  contact: '13911112222',
  addresses: '10.1.2.0/24\n2001:db8::1',
  accessMethod: 'VPN',
  systems: '卫生监督平台',
  purpose: '远程运维',
  validTo: '2026-12-31',
  ...patch,
});

describe('filing form values', () => {
  it('turns the selects’ strings into the ids the core takes', () => {
    const fields = filingFieldsOf(complete({ contractId: '12' }));
    expect(fields.orgId).toBe(3);
    expect(fields.userIds).toEqual([7, 9]);
    expect(fields.contractId).toBe(12);
    expect(filingFieldsOf(complete()).contractId).toBeNull();
  });

  it('sends the approval reference only for access beyond the contract', () => {
    expect(filingFieldsOf(complete({ scope: '超出合同范围', approvalRef: '京卫保〔2026〕3号' })).approvalRef).toBe('京卫保〔2026〕3号');
    expect(filingFieldsOf(complete({ scope: '合同范围内', approvalRef: '京卫保〔2026〕3号' })).approvalRef).toBe('');
  });

  it('accepts a complete filing and names each missing required field', () => {
    expect(validateFiling(complete())).toEqual({});
    const errors = validateFiling(newFilingValues('2026-03-01'));
    expect(errors.orgId).toBe('请选择报备单位');
    expect(errors.userIds).toBe('请至少选择一名使用人');
    expect(errors.addresses).toBe('请填写 IP 地址');
    expect(errors.accessMethod).toBe('请选择接入方式');
    expect(errors.systems).toBe('请填写访问系统');
  });

  it('shows a repeated user at the picker, and the approval reference out of scope at its field', () => {
    expect(validateFiling(complete({ userIds: ['7', '7'] })).userIds).toBe('与第 1 位使用人重复');
    expect(validateFiling(complete({ scope: '超出合同范围' })).approvalRef).toBe('超出合同范围的访问须经审批，请填写审批文号');
    expect(validateFiling(complete({ validTo: '2026-01-01' })).validTo).toContain('早于开始日 2026-03-01');
  });

  it('puts every refused address entry at the address field, one a line', () => {
    const errors = validateFiling(complete({ addresses: '10.1.2.3/24\n010.1.1.1' }));
    const lines = errors.addresses!.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('第 1 项：10.1.2.3/24');
    expect(lines[0]).toContain('10.1.2.0/24');
    expect(lines[1]).toContain('第 2 项：010.1.1.1');
  });
});

describe('address lines', () => {
  it('gives each entry its line, canonical text, corrections and address space', () => {
    const { lines, problems } = addressLines('１０．１．２．５\n\n192.168.0.0/255.255.0.0, 2001:DB8::0001\n8.8.8.8');
    expect(problems).toEqual([]);
    expect(lines.map((l) => [l.line, l.canonical, l.corrected, l.rewritten, l.space])).toEqual([
      [1, '10.1.2.5', true, true, '私有地址'],
      [3, '192.168.0.0/16', true, true, '私有地址'],
      [3, '2001:db8::1', false, true, '保留/文档'],
      [4, '8.8.8.8', false, false, '公网'],
    ]);
    expect(lines[0]!.messages.join()).toContain('已将全角字符转为半角');
    expect(lines[1]!.messages.join()).toContain('/16');
  });

  it('marks a refused entry on its own line with the parser’s message, and keeps ranges typed with spaces as one entry', () => {
    const { lines } = addressLines('10.0.0.1 - 10.0.0.9\n10.1.2.3/24');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ line: 1, ok: true, canonical: '10.0.0.1-10.0.0.9', corrected: false });
    expect(lines[1]).toMatchObject({ line: 2, ok: false, canonical: null });
    expect(lines[1]!.messages[0]).toContain('10.1.2.0/24');
  });

  it('reports entries of one filing that overlap each other', () => {
    const { lines, problems } = addressLines('10.0.0.0/16\n10.0.5.0/24');
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(problems).toEqual(['第 2 项：10.0.5.0/24 已包含在第 1 项 10.0.0.0/16 中，请删去']);
  });
});
