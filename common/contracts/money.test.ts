import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AmountError, assertFen, formatAmount, formatYuan, MAX_FEN, parseAmount } from './money';

const fenOf = (text: string) => {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return r.fen;
};
const messageOf = (text: string) => {
  const r = parseAmount(text);
  if (r.ok) throw new Error(`expected ${text} to be refused, got ${r.fen}`);
  return r.message;
};

describe('parseAmount', () => {
  it.each([
    ['674720', 67_472_000],
    ['674,720.00', 67_472_000],
    ['¥674,720.00', 67_472_000],
    ['￥674720.00', 67_472_000],
    ['674720.5', 67_472_050],
    ['674720.05', 67_472_005],
    ['６７４７２０．５０', 67_472_050],
    ['６７４，７２０．００', 67_472_000],
    [' 674 720.00 ', 67_472_000],
    ['674\u3000720', 67_472_000],
    ['67.472万', 67_472_000],
    ['67.472万元', 67_472_000],
    ['14万元', 14_000_000],
    ['0.000001万', 1],
    ['70000.00元', 7_000_000],
    ['140000元整', 14_000_000],
    ['0', 0],
    ['0.01', 1],
    ['.5', 50],
    ['12.', 1200],
    ['12.340', 1234],
    ['674720。00', 67_472_000],
    ['999,999,999,999.99', MAX_FEN],
  ])('reads %s as %i fen', (text, fen) => {
    expect(fenOf(text)).toBe(fen);
  });

  it('reads every figure written in the reference contracts, as printed', () => {
    // 001 §一/§三, 002 第三条, 004 合同总价/付款方式/附件1/附件2/附件3.
    expect(fenOf('¥140000.00元')).toBe(14_000_000);
    expect(fenOf('¥：70000.00元')).toBe(7_000_000);
    expect(fenOf('小写：¥140000.00元')).toBe(14_000_000);
    expect(fenOf('¥3,887,026.00')).toBe(388_702_600);
    expect(fenOf('¥ 3,667,005.66')).toBe(366_700_566);
    expect(fenOf('¥2,720,918.20')).toBe(272_091_820);
    expect(fenOf('¥1,166,107.80')).toBe(116_610_780);
    expect(fenOf('（¥674720.00）')).toBe(67_472_000);
    expect(fenOf('¥337360.00')).toBe(33_736_000);
    expect(fenOf('¥134944.00')).toBe(13_494_400);
    expect(fenOf('¥202416.00')).toBe(20_241_600);
    expect(fenOf('500 万元')).toBe(500_000_000);
    expect(fenOf('100 万元')).toBe(100_000_000);
    // 004 附件2: the line totals add up to the contract price.
    const lines = ['¥23,040.00', '¥2,400.00', '¥24,000.00', '¥19,200.00', '¥2,880.00', '¥240,000.00',
      '¥134,400.00', '¥80,000.00', '¥28,800.00', '¥120,000.00'];
    expect(lines.map(fenOf).reduce((a, b) => a + b, 0)).toBe(fenOf('¥674,720.00'));
    // Unit price × quantity = line total, e.g. ¥120.00 × 16 × 12 months = ¥23,040.00; ¥3,000.00 × 20 × 4.
    expect(fenOf('¥3,000.00') * 20 * 4).toBe(fenOf('¥240,000.00'));
  });

  it.each([
    ['', '请填写金额'],
    ['   ', '请填写金额'],
    ['12.345', '金额最多两位小数（到分）：“12.345”'],
    ['¥1,000.001', '金额最多两位小数（到分）：“¥1,000.001”'],
    ['67.4720001万', '以万元为单位时最多六位小数（到分）：“67.4720001万”'],
    ['-5', '金额不能为负数：“-5”'],
    ['－５', '金额不能为负数：“－５”'],
    ['-¥5.00', '金额不能为负数：“-¥5.00”'],
    ['1,000,000,000,000.00', '金额超过上限 ¥999,999,999,999.99：“1,000,000,000,000.00”'],
    ['100000000万', '金额超过上限 ¥999,999,999,999.99：“100000000万”'],
  ])('refuses %j with a specific message', (text, message) => {
    expect(messageOf(text)).toBe(message);
  });

  it.each(['abc', '¥', '万元', '1e5', '1.2.3', '12元5角', 'Infinity', '0x10', '十二'])(
    'refuses %j as not a number',
    (text) => {
      expect(messageOf(text)).toContain('不是有效的金额');
    },
  );

  it.each(['674,72.00', '6747,20', '1,0000', ',100', '1,000.5,0'])('refuses misplaced thousands commas in %j', (text) => {
    expect(messageOf(text)).toMatch(/千分位逗号|不是有效的金额/);
  });

  it('reads back every formatted amount (figures, with ¥, plain, full-width)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(fenOf(formatAmount(fen))).toBe(fen);
        expect(fenOf(formatYuan(fen))).toBe(fen);
        expect(fenOf(formatAmount(fen).replace(/,/g, ''))).toBe(fen);
        const fullWidth = formatYuan(fen).replace(/[0-9,.¥]/g, (c) => String.fromCharCode(c.charCodeAt(0) === 0xa5 ? 0xffe5 : c.charCodeAt(0) + 0xfee0));
        expect(fenOf(fullWidth)).toBe(fen);
      }),
      { numRuns: 500 },
    );
  });

  it('reads 万元 amounts exactly: x万 is 1,000,000 × x fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        const whole = Math.floor(fen / 1_000_000).toString();
        const frac = (fen % 1_000_000).toString().padStart(6, '0');
        expect(fenOf(`${whole}.${frac}万元`)).toBe(fen);
      }),
    );
  });

  it('never throws and, when it accepts, returns a safe integer in range', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789,.¥￥万元 -－．，０９e'.split('')) }), (text) => {
        const r = parseAmount(text);
        if (r.ok) {
          expect(Number.isSafeInteger(r.fen)).toBe(true);
          expect(r.fen).toBeGreaterThanOrEqual(0);
          expect(r.fen).toBeLessThanOrEqual(MAX_FEN);
        } else {
          expect(r.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatAmount / formatYuan', () => {
  it.each([
    [0, '0.00', '¥0.00'],
    [1, '0.01', '¥0.01'],
    [100, '1.00', '¥1.00'],
    [123_456, '1,234.56', '¥1,234.56'],
    [67_472_000, '674,720.00', '¥674,720.00'],
    [272_091_820, '2,720,918.20', '¥2,720,918.20'],
    [MAX_FEN, '999,999,999,999.99', '¥999,999,999,999.99'],
    [-1, '-0.01', '-¥0.01'],
  ])('%i fen → %s / %s', (fen, plain, yuan) => {
    expect(formatAmount(fen)).toBe(plain);
    expect(formatYuan(fen)).toBe(yuan);
  });

  it('refuses non-integer fen', () => {
    expect(() => formatAmount(1.5)).toThrow(AmountError);
    expect(() => formatAmount(Number.NaN)).toThrow('整数分');
  });
});

describe('assertFen', () => {
  it('accepts 0 and MAX_FEN and refuses everything outside, with Chinese messages', () => {
    expect(() => assertFen(0)).not.toThrow();
    expect(() => assertFen(MAX_FEN)).not.toThrow();
    expect(() => assertFen(-1)).toThrow('金额不能为负数');
    expect(() => assertFen(MAX_FEN + 1)).toThrow('金额超过上限 ¥999,999,999,999.99');
    expect(() => assertFen(0.5)).toThrow('金额必须是整数分');
    expect(() => assertFen(Number.POSITIVE_INFINITY)).toThrow('有限');
    expect(() => assertFen(Number.NaN)).toThrow(RangeError);
  });

  it('keeps MAX_FEN a safe integer', () => {
    expect(Number.isSafeInteger(MAX_FEN)).toBe(true);
  });
});
