import { createRequire } from 'node:module';
import fc from 'fast-check';
import type * as SmCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { HmacSm3, Sm3, equalBytes, fromHex, hmacSm3, sm3, toHex } from './sm3';

// Independent oracle: the sm-crypto package (pure JavaScript), a dev dependency used only here.
const oracle = createRequire(import.meta.url)('sm-crypto') as typeof SmCrypto;
const oracleSm3 = (data: Uint8Array) => oracle.sm3(Array.from(data));
const oracleHmac = (key: Uint8Array, data: Uint8Array) => oracle.sm3(Array.from(data), { key: Array.from(key) });

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Splits `data` at the given cut points (any numbers; taken modulo length and sorted). */
function chunks(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (data.length === 0 ? 0 : c % (data.length + 1))))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(data.subarray(from, p));
    from = p;
  }
  parts.push(data.subarray(from));
  return parts;
}

const message = fc.uint8Array({ minLength: 0, maxLength: 300 });
const key = fc.uint8Array({ minLength: 0, maxLength: 200 });
const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('SM3 (GB/T 32905-2016)', () => {
  it('gives the standard\'s example digests', () => {
    expect(toHex(sm3(ascii('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(toHex(sm3(ascii('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes the empty message', () => {
    expect(toHex(sm3(new Uint8Array(0)))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('agrees with sm-crypto at every length around the padding boundaries', () => {
    const data = Uint8Array.from({ length: 200 }, (_, i) => (i * 151 + 7) & 0xff);
    for (let n = 0; n <= 200; n++) expect(toHex(sm3(data.subarray(0, n))), `length ${n}`).toBe(oracleSm3(data.subarray(0, n)));
  });

  it('agrees with sm-crypto on random messages', () => {
    fc.assert(fc.property(message, (m) => toHex(sm3(m)) === oracleSm3(m)), { numRuns: 300 });
  });

  it('gives the same digest fed in chunks as in one piece', () => {
    fc.assert(
      fc.property(message, cuts, (m, c) => {
        const h = new Sm3();
        for (const part of chunks(m, c)) h.update(part);
        return equalBytes(h.digest(), sm3(m));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a large input in chunks like sm-crypto does in one piece', () => {
    const big = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31 + (i >>> 8)) & 0xff);
    const h = new Sm3();
    for (let off = 0; off < big.length; off += 4099) h.update(big.subarray(off, off + 4099));
    expect(toHex(h.digest())).toBe(oracleSm3(big));
  });

  it('reads Uint8Array views at an offset and Node Buffers', () => {
    const backing = new Uint8Array(80).map((_, i) => i);
    const view = backing.subarray(3, 3 + 70);
    expect(toHex(sm3(view))).toBe(oracleSm3(view.slice()));
    expect(toHex(sm3(Buffer.from('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('refuses update or digest after digest until reset, and copies state with clone/copyFrom', () => {
    const h = new Sm3().update(ascii('ab'));
    const copy = h.clone();
    expect(toHex(h.update(ascii('c')).digest())).toBe(toHex(sm3(ascii('abc'))));
    expect(() => h.update(ascii('x'))).toThrow(/reset/);
    expect(() => h.digest()).toThrow(/reset/);
    expect(toHex(copy.update(ascii('c')).digest())).toBe(toHex(sm3(ascii('abc'))));
    expect(toHex(h.reset().update(ascii('abc')).digest())).toBe(toHex(sm3(ascii('abc'))));
    expect(toHex(new Sm3().copyFrom(new Sm3().update(ascii('a'))).update(ascii('bc')).digest())).toBe(toHex(sm3(ascii('abc'))));
  });

  it('writes into a caller buffer with digestInto and checks its room', () => {
    const out = new Uint8Array(40);
    new Sm3().update(ascii('abc')).digestInto(out, 8);
    expect(toHex(out.subarray(8))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(() => new Sm3().digestInto(new Uint8Array(40), 9)).toThrow(RangeError);
  });
});

describe('HMAC-SM3 (RFC 2104, block size 64)', () => {
  it('agrees with sm-crypto for random keys (including longer than a block) and messages (including empty)', () => {
    fc.assert(fc.property(key, message, (k, m) => toHex(hmacSm3(k, m)) === oracleHmac(k, m)), { numRuns: 400 });
    for (const k of [new Uint8Array(0), new Uint8Array(64).fill(1), new Uint8Array(65).fill(2)]) {
      expect(toHex(hmacSm3(k, new Uint8Array(0)))).toBe(oracleHmac(k, new Uint8Array(0)));
    }
  });

  it('gives the same tags from one reusable keyed instance, for whole, concatenated and split records', () => {
    fc.assert(
      fc.property(key, fc.array(message, { minLength: 1, maxLength: 6 }), cuts, (k, records, c) => {
        const keyed = new HmacSm3(k);
        for (const r of records) {
          const tag = keyed.mac(r);
          if (toHex(tag) !== oracleHmac(k, r)) return false;
          if (!equalBytes(keyed.macParts(chunks(r, c)), tag)) return false;
          if (!keyed.verify(r, tag)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a tag with one bit flipped, or of another length', () => {
    const keyed = new HmacSm3(ascii('key'));
    const tag = keyed.mac(ascii('record'));
    for (let bit = 0; bit < 256; bit++) {
      const bad = tag.slice();
      bad[bit >>> 3]! ^= 1 << (bit & 7);
      expect(keyed.verify(ascii('record'), bad)).toBe(false);
    }
    expect(keyed.verify(ascii('record'), tag.subarray(0, 31))).toBe(false);
  });
});

describe('hex and byte helpers', () => {
  it('round-trips bytes through hex and reads either case', () => {
    fc.assert(fc.property(message, (m) => equalBytes(fromHex(toHex(m)), m) && equalBytes(fromHex(toHex(m).toUpperCase()), m)));
    expect(toHex(Uint8Array.of(0, 15, 16, 255))).toBe('000f10ff');
  });

  it('rejects odd lengths and non-hex characters', () => {
    expect(() => fromHex('abc')).toThrow(SyntaxError);
    expect(() => fromHex('0g')).toThrow(SyntaxError);
    expect(() => fromHex('0:')).toThrow(SyntaxError);
    expect(() => fromHex(' 0')).toThrow(SyntaxError);
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });

  it('compares bytes: equal only for same length and content', () => {
    fc.assert(fc.property(message, message, (a, b) => equalBytes(a, b) === (toHex(a) === toHex(b))));
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
  });
});
