import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPhoneList, looksLikeFormula, neutralizeCell, PHONE_PATTERN } from './text';

describe('PHONE_PATTERN', () => {
  it.each(['010-12345678', '0571-8888888-123', '13800138000', '+86 138 0013 8000', '(010)12345678', '010-12345678转123', '0571 88888888'])(
    'accepts %s as written in Chinese offices',
    (phone) => {
      expect(PHONE_PATTERN.test(phone)).toBe(true);
    },
  );

  it.each(['123', 'abc', '010-1234567a', '电话 010-12345678', '12345678901234567890123', ''])('rejects %s', (phone) => {
    expect(PHONE_PATTERN.test(phone)).toBe(false);
  });
});

describe('isPhoneList', () => {
  const singles = ['010-12345678', '0571-8888888-123', '13800138000', '+86 138 0013 8000', '(010)12345678', '010-12345678转123', '0571 88888888', '85588027'];

  it.each([
    '0519-81236533 15851967128', // reference contract 001: 委托代理人 with a desk phone and a mobile
    '010-12345678、13800138000',
    '010-12345678，13800138000',
    '010-12345678 / 13800138000',
    '+86 138 0013 8000; 010-12345678',
    ...singles,
  ])('accepts %s', (phone) => {
    expect(isPhoneList(phone)).toBe(true);
  });

  it.each(['', '、', '010-12345678、', '010-12345678 abc', '12 34', '电话 010-12345678', '010-12345678、12'])('rejects %j', (phone) => {
    expect(isPhoneList(phone)).toBe(false);
  });

  it('accepts every single number PHONE_PATTERN accepts, and lists of them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...singles), { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '、', ', ', ' / ', '；'), (list, sep) => {
        for (const one of list) expect(isPhoneList(one)).toBe(PHONE_PATTERN.test(one));
        expect(isPhoneList(list.join(sep))).toBe(true);
      }),
    );
  });
});

describe('neutralizeCell (spreadsheet formula injection)', () => {
  it.each(['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","y")'])(
    'prefixes %j with an apostrophe',
    (text) => {
      expect(looksLikeFormula(text)).toBe(true);
      expect(neutralizeCell(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text untouched', () => {
    expect(neutralizeCell('北京市卫生健康监督所')).toBe('北京市卫生健康监督所');
    expect(neutralizeCell('010-12345678')).toBe('010-12345678');
    expect(neutralizeCell('')).toBe('');
  });

  it('never returns formula-looking text and loses nothing', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', "'", '中', ' '), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
        (text) => {
        const cell = neutralizeCell(text);
        expect(looksLikeFormula(cell)).toBe(false);
        expect(cell === text || cell === `'${text}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
