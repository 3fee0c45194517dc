import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUMBER_PATTERN,
  formatNumber,
  nextNumber,
  normaliseMediaNumber,
  parseNumberPattern,
  sequenceOf,
  sequenceScope,
  type NumberPattern,
} from './numbering';

const pattern = (source: string): NumberPattern => {
  const parsed = parseNumberPattern(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.pattern;
};
const problem = (source: string): string => {
  const parsed = parseNumberPattern(source);
  if (parsed.ok) throw new Error(`expected ${source} to be refused`);
  return parsed.message;
};

describe('保密编号 patterns', () => {
  it('formats the default pattern with a four-digit year and a zero-padded sequence', () => {
    const p = pattern(DEFAULT_NUMBER_PATTERN);
    expect(p.hasYear).toBe(true);
    expect(formatNumber(p, 2026, 1)).toBe('JZ-2026-0001');
    expect(formatNumber(p, 2026, 42)).toBe('JZ-2026-0042');
    // A sequence that outgrows the width gets longer, never wraps.
    expect(formatNumber(p, 2026, 12345)).toBe('JZ-2026-12345');
  });

  it('takes two-digit years, Chinese literal text and patterns without a year', () => {
    expect(formatNumber(pattern('保密U-{YY}/{000}#'), 2031, 7)).toBe('保密U-31/007#');
    const running = pattern('MED{00000}');
    expect(running.hasYear).toBe(false);
    expect(formatNumber(running, 2026, 3)).toBe('MED00003');
    expect(sequenceScope(running, 2026)).toBe(sequenceScope(running, 2027));
    expect(sequenceScope(pattern(DEFAULT_NUMBER_PATTERN), 2026)).toBe('JZ-2026-{0000}');
  });

  it('refuses patterns that cannot number media, saying why', () => {
    expect(problem('')).toBe('请填写编号规则，如 JZ-{YYYY}-{0000}');
    expect(problem('JZ-{YYYY}')).toBe('编号规则须含一个序号占位符，如 {0000}');
    expect(problem('JZ-{000}-{000}')).toBe('编号规则只能含一个序号占位符');
    expect(problem('{YYYY}-{YY}-{00}')).toBe('编号规则只能含一个年份占位符');
    expect(problem('JZ-{MM}-{0000}')).toContain('不认识的占位符 {MM}');
    expect(problem('JZ-{000000000}')).toBe('序号位数 {000000000} 过长，最多 8 位');
    expect(problem('JZ {0000}')).toContain('不能有空格');
    expect(problem('JZ-{YYYY{0000}')).toContain('花括号不成对');
    expect(problem('JZ-0000}')).toContain('花括号不成对');
    expect(problem('JZ{YYYY}{0000}')).toContain('年份和序号之间须有分隔字符');
    expect(problem(`${'A'.repeat(35)}-{0000}`)).toBe('编号规则不能超过 40 个字符');
  });

  it('recognises its own numbers and only those', () => {
    const p = pattern(DEFAULT_NUMBER_PATTERN);
    expect(sequenceOf(p, 2026, 'JZ-2026-0007')).toBe(7);
    expect(sequenceOf(p, 2026, 'JZ-2026-12345')).toBe(12345);
    expect(sequenceOf(p, 2026, 'JZ-2025-0007')).toBeNull();
    expect(sequenceOf(p, 2026, 'JZ-2026-007')).toBeNull();
    expect(sequenceOf(p, 2026, 'JZ-2026-00007')).toBeNull();
    expect(sequenceOf(p, 2026, 'JZ-2026-0000')).toBeNull();
    expect(sequenceOf(pattern('A.{00}'), 2026, 'AB12')).toBeNull();
  });

  it('formats and recognises each other for any valid pattern, year and sequence', () => {
    const literal = fc.stringMatching(/^[A-Z保密介质\-_/.#()0-9]{1,6}$/);
    const seqToken = fc.integer({ min: 1, max: 8 }).map((n) => `{${'0'.repeat(n)}}`);
    const year = fc.constantFrom('{YYYY}', '{YY}', '');
    fc.assert(
      fc.property(literal, year, literal, seqToken, fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 10_000_000 }), (a, y, b, s, yr, seq) => {
        const source = y ? `${a}${y}${b}${s}` : `${a}${s}`;
        const parsed = parseNumberPattern(source);
        if (!parsed.ok) return; // e.g. too long: refusal is covered above
        const number = formatNumber(parsed.pattern, yr, seq);
        expect(sequenceOf(parsed.pattern, yr, number)).toBe(seq);
        expect(number.startsWith(a)).toBe(true);
      }),
    );
  });

  it('the next number skips numbers already given (typed by hand, from an earlier pattern) and never goes back', () => {
    const p = pattern(DEFAULT_NUMBER_PATTERN);
    const taken = new Set(['JZ-2026-0003', 'JZ-2026-0004']);
    expect(nextNumber(p, 2026, 2, (n) => taken.has(n))).toEqual({ number: 'JZ-2026-0005', seq: 5 });
    expect(nextNumber(p, 2026, 0, () => false)).toEqual({ number: 'JZ-2026-0001', seq: 1 });
    expect(nextNumber(p, 2027, 0, (n) => taken.has(n))).toEqual({ number: 'JZ-2027-0001', seq: 1 });
  });

  it('compares numbers without case, spaces or full-width differences', () => {
    expect(normaliseMediaNumber(' jz-2026-０００１ ')).toBe('JZ-2026-0001');
  });
});
