import { describe, expect, it } from 'vitest';
import { columnMm, textMm } from '../../testing/print-widths';
import { contacts, contractRegister } from './register';

describe('合同台账 columns', () => {
  it.each([
    ['签订日期', '2025-07-29'],
    ['服务期限', '至2025-12-31'], // the period prints 2025-07-29 / 至2025-12-31
    ['履约保函到期', '2025-05-23'],
    ['状态', '即将到期'],
    ['联系人', '0519-81236533'], // 001's 委托代理人; numbers wrap between each other, never inside
  ])('keep %s’s %s on one line', (header, text) => {
    expect(textMm(contractRegister, text)).toBeLessThanOrEqual(columnMm(contractRegister, header));
  });
});

describe('合同台账 contacts', () => {
  it('puts each phone on a line of its own, under the name', () => {
    const contact = (side: 'client' | 'vendor', name: string, phone: string) => ({ side, name, phone, email: '', role: '' });
    expect(
      contacts({ contacts: [contact('client', '陈京伟', '010-55528398'), contact('vendor', '杨米分', '0519-81236533 15851967128'), contact('vendor', '娄伟国', '')] }),
    ).toBe('甲：陈京伟\n010-55528398\n乙：杨米分\n0519-81236533 15851967128\n乙：娄伟国');
  });
});
