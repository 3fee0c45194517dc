import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from '../contracts/civil-date';
import { checkIdNumber, ID_WEIGHTS, idCheckDigit, normalizeIdNumber, PROVINCE_CODES, upgradeIdNumber15 } from './id-number';

const TODAY = '2025-06-01';

/**
 * Independent check character, straight from ISO 7064 MOD 11-2 rather than the module's tables:
 * weights 2^(18−i) mod 11, and the check value c makes (Σ aᵢ·wᵢ + c) ≡ 1 (mod 11); 10 is written X.
 */
function isoCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

const provinces = Object.keys(PROVINCE_CODES);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Valid 18-character IDs built from independent parts, with what they encode. */
const validId = fc
  .record({
    province: fc.constantFrom(...provinces),
    rest: fc.integer({ min: 0, max: 9999 }),
    birth: fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber(TODAY) }).map(fromDayNumber),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, rest, birth, sequence }) => {
    const first17 = `${province}${pad(rest, 4)}${birth.replaceAll('-', '')}${pad(sequence, 3)}`;
    return { id: first17 + isoCheck(first17), birth, sex: sequence % 2 === 1 ? 'male' : 'female' };
  });

const swap = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);

describe('checkIdNumber (GB 11643-1999)', () => {
  it('accepts the example of GB 11643', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      notes: [],
    });
  });

  it('computes the same check character as the independent ISO 7064 formula on fixed samples', () => {
    // GB 11643's examples, and constructed numbers (no real person's).
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052418800101001')).toBe('4');
    for (const first17 of ['32010219800101001', '51010720000229123', '65010119991231999', '11010119000101000']) {
      expect(idCheckDigit(first17)).toBe(isoCheck(first17));
      expect(checkIdNumber(first17 + isoCheck(first17), TODAY).ok).toBe(true);
    }
  });

  it('refuses GB 11643’s second example for its birth year 1880, before 1900', () => {
    expect(checkIdNumber('440524188001010014', TODAY)).toEqual({
      ok: false,
      message: '身份证号码中的出生日期 1880-01-01 早于 1900-01-01，请核对第 7–14 位',
    });
  });

  it('derives sex from the parity of the sequence', () => {
    const male = `32010219800101001`;
    const female = `32010219800101002`;
    expect(checkIdNumber(male + isoCheck(male), TODAY)).toMatchObject({ ok: true, sex: 'male' });
    expect(checkIdNumber(female + isoCheck(female), TODAY)).toMatchObject({ ok: true, sex: 'female' });
  });

  it('property: every generated valid ID passes and round-trips birth date and sex', () => {
    fc.assert(
      fc.property(validId, ({ id, birth, sex }) => {
        expect(idCheckDigit(id.slice(0, 17))).toBe(id[17]);
        expect(checkIdNumber(id, TODAY)).toMatchObject({ ok: true, value: id, birthDate: birth, sex });
      }),
      { numRuns: 500 },
    );
  });

  it('MOD 11-2 in theory: every weight and every difference of adjacent weights is non-zero mod 11', () => {
    // The check character's own weight is 1 (2^0); 11 is prime and digit differences are 1…9, so a
    // change d·w or a swap (a−b)(wᵢ−wᵢ₊₁) can never be ≡ 0 (mod 11).
    const weights = [...ID_WEIGHTS, 1];
    expect(weights).toEqual(Array.from({ length: 18 }, (_, i) => 2 ** (17 - i) % 11));
    for (const w of weights) expect(w % 11).not.toBe(0);
    for (let i = 0; i < 17; i++) expect(((weights[i] as number) - (weights[i + 1] as number)) % 11).not.toBe(0);
  });

  it('property: every single-digit substitution in positions 1–17, and every other check character, is refused', () => {
    fc.assert(
      fc.property(validId, ({ id }) => {
        for (let pos = 0; pos < 17; pos++) {
          for (const d of '0123456789') {
            if (d === id[pos]) continue;
            const typo = swap(id, pos, d);
            // The check character alone catches it, whatever the other rules say.
            expect(idCheckDigit(typo.slice(0, 17))).not.toBe(id[17]);
            expect(checkIdNumber(typo, TODAY).ok).toBe(false);
          }
        }
        const expected = id[17] as string;
        for (const c of '0123456789X') {
          if (c === expected) continue;
          expect(checkIdNumber(swap(id, 17, c), TODAY)).toEqual({
            ok: false,
            message: `校验码不符：第 18 位应为 ${expected}，现为 ${c}，请核对号码是否抄错`,
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: every transposition of two adjacent different characters is refused', () => {
    fc.assert(
      fc.property(validId, ({ id }) => {
        for (let pos = 0; pos < 17; pos++) {
          const [a, b] = [id[pos] as string, id[pos + 1] as string];
          if (a === b) continue;
          const swapped = id.slice(0, pos) + b + a + id.slice(pos + 2);
          if (pos < 16) expect(idCheckDigit(swapped.slice(0, 17))).not.toBe(swapped[17]);
          expect(checkIdNumber(swapped, TODAY).ok).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  describe('old 15-digit numbers', () => {
    it('upgrades the GB 11643 example to its 18-digit form with a note', () => {
      expect(upgradeIdNumber15('110105491231002')).toBe('11010519491231002X');
      expect(checkIdNumber('110105491231002', TODAY)).toEqual({
        ok: true,
        value: '11010519491231002X',
        birthDate: '1949-12-31',
        sex: 'female',
        notes: ['已按 15 位旧号码升位为 18 位：11010519491231002X'],
      });
    });

    it('property: the 15-digit and 18-digit forms of one person give the same stored value', () => {
      const old = fc
        .record({
          province: fc.constantFrom(...provinces.filter((p) => !['81', '82', '83'].includes(p))),
          rest: fc.integer({ min: 0, max: 9999 }),
          birth: fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('1999-12-31') }).map(fromDayNumber),
          sequence: fc.integer({ min: 0, max: 999 }),
        })
        .map(({ province, rest, birth, sequence }) => `${province}${pad(rest, 4)}${birth.slice(2).replaceAll('-', '')}${pad(sequence, 3)}`);
      fc.assert(
        fc.property(old, (id15) => {
          const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
          const id18 = first17 + isoCheck(first17);
          const a = checkIdNumber(id15, TODAY);
          const b = checkIdNumber(id18, TODAY);
          expect(a.ok && b.ok && a.value === b.value && a.value === id18).toBe(true);
          expect(a).toMatchObject({ birthDate: `19${id15.slice(6, 8)}-${id15.slice(8, 10)}-${id15.slice(10, 12)}` });
        }),
        { numRuns: 300 },
      );
    });

    it('checks the old birth date and refuses an X or a residence-permit code', () => {
      expect(checkIdNumber('110105490230002', TODAY)).toEqual({
        ok: false,
        message: '身份证号码中的出生日期“1949-02-30”不是真实日期（第 7–12 位），请核对',
      });
      expect(checkIdNumber('11010549123100X', TODAY)).toEqual({
        ok: false,
        message: '15 位旧号码没有校验码，不应含字母 X（第 15 位），请核对',
      });
      expect(checkIdNumber('830000491231002', TODAY)).toEqual({
        ok: false,
        message: '以 83 开头的港澳台居民居住证号码均为 18 位，现为 15 位，请核对是否漏录',
      });
    });
  });

  describe('normalisation', () => {
    it('accepts a lowercase x and stores X', () => {
      expect(checkIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    });

    it('accepts full-width digits and letters, and spaces anywhere (also the ideographic space)', () => {
      expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
      expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
      expect(checkIdNumber(' 110105 19491231 002x\t', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
      expect(checkIdNumber('110105\u300019491231\u3000002X', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    });
  });

  describe('messages', () => {
    it('gives the length read', () => {
      expect(checkIdNumber('11010519491231002', TODAY)).toEqual({
        ok: false,
        message: '身份证号码应为 18 位（或 15 位旧号码），现为 17 位',
      });
      expect(checkIdNumber('', TODAY)).toEqual({ ok: false, message: '身份证号码应为 18 位（或 15 位旧号码），现为 0 位' });
      expect(checkIdNumber('11010519491231002X1', TODAY)).toMatchObject({ message: '身份证号码应为 18 位（或 15 位旧号码），现为 19 位' });
    });

    it('names an illegal character and its position', () => {
      expect(checkIdNumber('110105-19491231002X', TODAY)).toEqual({ ok: false, message: '身份证号码第 7 位“-”不是数字，请核对' });
      expect(checkIdNumber('11O10519491231002X', TODAY)).toEqual({
        ok: false,
        message: '身份证号码第 3 位“O”不是数字（是否应为数字 0？），请核对',
      });
      expect(checkIdNumber('1101051949l231002X', TODAY)).toMatchObject({ message: '身份证号码第 11 位“l”不是数字（是否应为数字 1？），请核对' });
      expect(checkIdNumber('110105\u200b19491231002X', TODAY)).toEqual({
        ok: false,
        message: '身份证号码第 7 位U+200B（不可见字符）不是数字，请核对',
      });
      expect(checkIdNumber('110105194912310X2X', TODAY)).toEqual({
        ok: false,
        message: '身份证号码第 16 位“X”有误：字母 X 只能出现在第 18 位（校验码）',
      });
    });

    it('refuses an unknown province code', () => {
      const first17 = '99010519491231002';
      expect(checkIdNumber(first17 + isoCheck(first17), TODAY)).toEqual({
        ok: false,
        message: '身份证号码前两位“99”不是有效的省级行政区划代码，请核对第 1–2 位',
      });
      for (const code of ['10', '16', '20', '24', '38', '47', '55', '60', '66', '70', '72', '80', '84', '00']) {
        const id = `${code}010519491231002`;
        expect(checkIdNumber(id + isoCheck(id), TODAY).ok).toBe(false);
      }
    });

    it('accepts residence-permit numbers for Hong Kong, Macao and Taiwan residents with a note', () => {
      const first17 = '83000019900101002';
      expect(checkIdNumber(first17 + isoCheck(first17), TODAY)).toEqual({
        ok: true,
        value: first17 + isoCheck(first17),
        birthDate: '1990-01-01',
        sex: 'female',
        notes: ['以 83 开头，为台湾居民的港澳台居民居住证号码'],
      });
      const hk = '81000019900101001';
      expect(checkIdNumber(hk + isoCheck(hk), TODAY)).toMatchObject({ ok: true, notes: ['以 81 开头，为香港居民的港澳台居民居住证号码'] });
    });

    it('shows an impossible birth date as read', () => {
      const first17 = '11010519490229002';
      expect(checkIdNumber(first17 + isoCheck(first17), TODAY)).toEqual({
        ok: false,
        message: '身份证号码中的出生日期“1949-02-29”不是真实日期（第 7–14 位），请核对',
      });
      const month13 = '11010519491331002';
      expect(checkIdNumber(month13 + isoCheck(month13), TODAY)).toMatchObject({
        message: '身份证号码中的出生日期“1949-13-31”不是真实日期（第 7–14 位），请核对',
      });
    });

    it('refuses a birth date after today, and accepts today itself', () => {
      const tomorrow = addDays(TODAY, 1).replaceAll('-', '');
      const future = `110105${tomorrow}002`;
      expect(checkIdNumber(future + isoCheck(future), TODAY)).toEqual({
        ok: false,
        message: '身份证号码中的出生日期 2025-06-02 晚于今天（2025-06-01），请核对第 7–14 位',
      });
      const born = `110105${TODAY.replaceAll('-', '')}002`;
      expect(checkIdNumber(born + isoCheck(born), TODAY).ok).toBe(true);
      const earliest = '11010519000101002';
      expect(checkIdNumber(earliest + isoCheck(earliest), TODAY).ok).toBe(true);
      const before = '11010518991231002';
      expect(checkIdNumber(before + isoCheck(before), TODAY)).toMatchObject({
        message: '身份证号码中的出生日期 1899-12-31 早于 1900-01-01，请核对第 7–14 位',
      });
    });

    it('shows the expected check character', () => {
      const first17 = '11010519491231002';
      expect(checkIdNumber(`${first17}3`, TODAY)).toEqual({
        ok: false,
        message: '校验码不符：第 18 位应为 X，现为 3，请核对号码是否抄错',
      });
    });
  });

  it('property: arbitrary Unicode text never throws and any success is a canonical 18-character value', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) }),
      fc.string({ unit: fc.constantFrom(...'0123456789Xx１２ＸｘO- \u3000\u200b'.split('')), maxLength: 22 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const result = checkIdNumber(text, TODAY);
        if (result.ok) {
          expect(result.value).toMatch(/^[0-9]{17}[0-9X]$/);
          expect(checkIdNumber(result.value, TODAY)).toEqual({ ...result, notes: result.notes.filter((n) => !n.startsWith('已按')) });
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('throws for an invalid today, a programming error', () => {
    expect(() => checkIdNumber('11010519491231002X', '2025-6-1')).toThrow(RangeError);
  });
});
