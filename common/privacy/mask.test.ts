import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, maskPhones } from './mask';

describe('personal data masking', () => {
  it('keeps the first 3 and last 2 characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110*************2X');
    expect(maskIdNumber('110105491231002')).toBe('110**********02');
  });

  it('keeps the first 3 and last 4 digits of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('010-62927777')).toBe('010-****7777');
    expect(maskPhone('+86 138 0013 8000')).toBe('+86 1** **** 8000');
  });

  it('never leaks the hidden middle (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (id) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(18);
        expect(m.slice(3, 16)).toBe('*'.repeat(13));
        expect(m.slice(0, 3) + m.slice(16)).toBe(id.slice(0, 3) + id.slice(16));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), (phone) => {
        expect(maskPhone(phone)).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }),
    );
  });

  it('short values are hidden entirely', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('maskPhones', () => {
  it('masks each number of a contact on its own, keeping the separators', () => {
    expect(maskPhones('0519-81236533 15851967128')).toBe('051*-****6533 158****7128');
    expect(maskPhones('010-55528398，13911112222')).toBe('010-****8398，139****2222');
    expect(maskPhones('13800138000')).toBe('138****8000');
    expect(maskPhones('')).toBe('');
  });
});
