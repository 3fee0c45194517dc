import { describe, expect, it } from 'vitest';
import { contacts, contractRegister } from './register';

// The printed page (db/reports/html.ts): A4 landscape, 12 mm side margins, a 序号 column of
// width 4 in front, 1.2 mm cell padding on each side.
const TEXT_WIDTH_MM = 297 - 2 * 12;
const PADDING_MM = 2 * 1.2;
const POINT_MM = 25.4 / 72;

/** Usable width of a column, in mm. */
function columnMm(header: string): number {
  const total = 4 + contractRegister.columns.reduce((s, c) => s + c.width, 0);
  const column = contractRegister.columns.find((c) => c.header === header);
  if (!column) throw new Error(`no column ${header}`);
  return (column.width / total) * TEXT_WIDTH_MM - PADDING_MM;
}

/**
 * Width of a line of text at the register's size, from the widths Chromium gives the serif CJK
 * font at 8 pt: CJK characters 1 em, digits 0.55 em, hyphens 0.35 em.
 */
function textMm(text: string): number {
  const em = [...text].reduce((s, ch) => s + (/[0-9]/.test(ch) ? 0.55 : ch === '-' ? 0.35 : 1), 0);
  return em * (contractRegister.fontSize ?? 9.5) * POINT_MM;
}

describe('合同台账 columns', () => {
  it.each([
    ['签订日期', '2025-07-29'],
    ['服务期限', '至2025-12-31'], // the period prints 2025-07-29 / 至2025-12-31
    ['履约保函到期', '2025-05-23'],
    ['状态', '即将到期'],
    ['联系人', '0519-81236533'], // 001's 委托代理人; numbers wrap between each other, never inside
  ])('keep %s’s %s on one line', (header, text) => {
    expect(textMm(text)).toBeLessThanOrEqual(columnMm(header));
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
