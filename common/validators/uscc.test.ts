import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkUscc, normalizeUscc, USCC_ALPHABET, usccCheckChar } from './uscc';

/** A real code printed on one of the reference contracts. */
const REAL = '9111010857121431XA';

const alphabetChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const validCode = fc
  .array(alphabetChar, { minLength: 17, maxLength: 17 })
  .map((chars) => {
    const first17 = chars.join('');
    return first17 + usccCheckChar(first17);
  });

describe('checkUscc (GB 32100-2015)', () => {
  it('accepts the real code from a reference contract', () => {
    expect(checkUscc(REAL)).toEqual({ ok: true, value: REAL });
    expect(usccCheckChar(REAL.slice(0, 17))).toBe('A');
  });

  it('has the 31-symbol alphabet without I, O, Z, S, V', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    for (const ch of 'IOZSV') expect(USCC_ALPHABET).not.toContain(ch);
  });

  it('accepts every code whose 18th character is the computed check character', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(checkUscc(code)).toEqual({ ok: true, value: code });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects any single-character substitution, in the first 17 or in the check character', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), alphabetChar, (code, pos, ch) => {
        fc.pre(code.charAt(pos) !== ch);
        const typo = code.slice(0, pos) + ch + code.slice(pos + 1);
        const result = checkUscc(typo);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toContain('校验位不符');
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a transposition of two adjacent different characters in the first 17', () => {
    fc.assert(
      fc.property(validCode, fc.nat(15), (code, pos) => {
        const a = code.charAt(pos);
        const b = code.charAt(pos + 1);
        fc.pre(a !== b);
        const swapped = code.slice(0, pos) + b + a + code.slice(pos + 2);
        expect(checkUscc(swapped).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('says how many characters were typed when the length is wrong', () => {
    expect(checkUscc(REAL.slice(0, 17))).toEqual({ ok: false, message: '统一社会信用代码应为 18 位，当前为 17 位' });
    expect(checkUscc(`${REAL}1`)).toEqual({ ok: false, message: '统一社会信用代码应为 18 位，当前为 19 位' });
    expect(checkUscc('')).toEqual({ ok: false, message: '统一社会信用代码应为 18 位，当前为 0 位' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('names the position of the forbidden letter %s and hints it may be a digit', (letter) => {
    const code = `${REAL.slice(0, 5)}${letter}${REAL.slice(6)}`;
    const result = checkUscc(code);
    expect(result).toEqual({
      ok: false,
      message: `统一社会信用代码第 6 位“${letter}”不是有效字符（代码中不使用字母 ${letter}，请核对是否应为数字）`,
    });
  });

  it('rejects other characters without the letter hint', () => {
    const result = checkUscc(`${REAL.slice(0, 3)}-${REAL.slice(4)}`);
    expect(result).toEqual({ ok: false, message: '统一社会信用代码第 4 位“-”不是有效字符' });
  });

  it('names the expected check character when the 18th is wrong', () => {
    const result = checkUscc(`${REAL.slice(0, 17)}B`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('第 18 位应为 A');
      expect(result.message).toContain('校验位不符');
    }
  });

  it('normalises lowercase and spaces (including the full-width space) silently', () => {
    expect(normalizeUscc(' 9111 0108\u30005712 1431xa ')).toBe(REAL);
    expect(checkUscc('9111 0108 5712 1431 xa')).toEqual({ ok: true, value: REAL });
    expect(checkUscc('9111010857121431xa')).toEqual({ ok: true, value: REAL });
  });

  it('accepts any valid code typed in lowercase with spaces between groups', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const typed = `${code.slice(0, 6)} ${code.slice(6, 12)} ${code.slice(12)}`.toLowerCase();
        expect(checkUscc(typed)).toEqual({ ok: true, value: code });
      }),
      { numRuns: 100 },
    );
  });

  it('usccCheckChar refuses characters outside the alphabet', () => {
    expect(() => usccCheckChar('91110108571214O1X')).toThrow(RangeError);
  });
});
