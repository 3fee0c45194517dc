import { createRequire } from 'node:module';
import fc from 'fast-check';
import type * as SmCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { equalBytes, fromHex, toHex } from './sm3';
import {
  IntegrityError,
  PaddingError,
  SEAL_OVERHEAD,
  SEAL_VERSION,
  Sm4,
  open,
  seal,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4Ctr,
  type RandomBytes,
} from './sm4';

// Independent oracle: the sm-crypto package (pure JavaScript), a dev dependency used only here.
const oracle = createRequire(import.meta.url)('sm-crypto') as typeof SmCrypto;
const arr = (b: Uint8Array) => Array.from(b);

const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const data = fc.uint8Array({ minLength: 0, maxLength: 200 });

/** Deterministic stand-in for a secure random source, so that failures reproduce. */
function counterRandom(seed = 1): RandomBytes {
  let s = seed;
  return (n) => Uint8Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) >>> 0) >>> 24);
}

describe('SM4 block cipher (GB/T 32907-2016)', () => {
  const k = fromHex('0123456789abcdeffedcba9876543210');

  it('gives the standard\'s example ciphertext and decrypts it back', () => {
    const sm4 = new Sm4(k);
    const c = sm4.encryptBlock(k);
    expect(toHex(c)).toBe('681edf34d206965e86b3e94f536e4246');
    expect(toHex(sm4.decryptBlock(c))).toBe('0123456789abcdeffedcba9876543210');
  });

  it('gives the standard\'s example after encrypting 1,000,000 times', () => {
    const sm4 = new Sm4(k);
    let block = k;
    for (let i = 0; i < 1_000_000; i++) block = sm4.encryptBlock(block);
    expect(toHex(block)).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('agrees with sm-crypto ECB on random keys and blocks', () => {
    fc.assert(
      fc.property(key16, fc.array(key16, { minLength: 1, maxLength: 4 }), (key, blocks) => {
        const sm4 = new Sm4(key);
        const plain = Uint8Array.from(blocks.flatMap(arr));
        const expected = oracle.sm4.encrypt(arr(plain), arr(key), { padding: 'none', output: 'array' });
        const ours = blocks.flatMap((b) => arr(sm4.encryptBlock(b)));
        return toHex(Uint8Array.from(ours)) === toHex(Uint8Array.from(expected)) && blocks.every((b) => equalBytes(sm4.decryptBlock(sm4.encryptBlock(b)), b));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses keys and blocks that are not 16 bytes', () => {
    expect(() => new Sm4(new Uint8Array(15))).toThrow(RangeError);
    expect(() => new Sm4(new Uint8Array(32))).toThrow(RangeError);
    expect(() => new Sm4(k).encryptBlock(new Uint8Array(17))).toThrow(RangeError);
  });
});

describe('SM4-CBC with PKCS#7 padding', () => {
  it('agrees with sm-crypto both ways on random keys, IVs and messages', () => {
    fc.assert(
      fc.property(key16, key16, data, (key, iv, plain) => {
        const ours = sm4CbcEncrypt(key, iv, plain);
        const expected = oracle.sm4.encrypt(arr(plain), arr(key), { mode: 'cbc', iv: arr(iv), padding: 'pkcs#7', output: 'array' });
        const back = oracle.sm4.decrypt(arr(ours), arr(key), { mode: 'cbc', iv: arr(iv), padding: 'pkcs#7', output: 'array' });
        return (
          ours.length === (Math.floor(plain.length / 16) + 1) * 16 &&
          toHex(ours) === toHex(Uint8Array.from(expected)) &&
          toHex(Uint8Array.from(back)) === toHex(plain) &&
          equalBytes(sm4CbcDecrypt(key, iv, ours), plain)
        );
      }),
      { numRuns: 200 },
    );
  });

  it('throws PaddingError for bad padding or a length that is not a positive multiple of 16', () => {
    const key = fromHex('000102030405060708090a0b0c0d0e0f');
    const block = new Uint8Array(16).fill(0xab);
    const d = new Sm4(key).decryptBlock(block);
    // An IV that makes the last plaintext byte 0, then 17: neither is valid PKCS#7.
    for (const last of [0, 17]) {
      const iv = new Uint8Array(16);
      iv[15] = d[15]! ^ last;
      expect(() => sm4CbcDecrypt(key, iv, block)).toThrow(PaddingError);
    }
    // Last byte 2 but the one before it not 2.
    const iv = new Uint8Array(16);
    iv[15] = d[15]! ^ 2;
    iv[14] = d[14]! ^ 3;
    expect(() => sm4CbcDecrypt(key, iv, block)).toThrow(PaddingError);
    iv[14] = d[14]! ^ 2;
    expect(sm4CbcDecrypt(key, iv, block).length).toBe(14);
    expect(() => sm4CbcDecrypt(key, iv, new Uint8Array(0))).toThrow(PaddingError);
    expect(() => sm4CbcDecrypt(key, iv, new Uint8Array(20))).toThrow(PaddingError);
  });

  it('refuses an IV that is not 16 bytes', () => {
    expect(() => sm4CbcEncrypt(new Uint8Array(16), new Uint8Array(8), new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('SM4-CTR', () => {
  /** E(iv + i) for i = 0…blocks-1, the counter as a 128-bit big-endian integer, from single-block encryption. */
  function keystream(key: Uint8Array, iv: Uint8Array, blocks: number): Uint8Array {
    const sm4 = new Sm4(key);
    const out = new Uint8Array(blocks * 16);
    const start = BigInt(`0x${toHex(iv)}`);
    for (let i = 0; i < blocks; i++) {
      const counter = fromHex(((start + BigInt(i)) % (1n << 128n)).toString(16).padStart(32, '0'));
      out.set(sm4.encryptBlock(counter), i * 16);
    }
    return out;
  }

  it('XORs the data with the encrypted counter blocks, carrying across all 16 bytes', () => {
    fc.assert(
      fc.property(key16, key16, data, (key, iv, plain) => {
        const ks = keystream(key, iv, Math.ceil(plain.length / 16));
        const expected = plain.map((b, i) => b ^ ks[i]!);
        return toHex(sm4Ctr(key, iv, plain)) === toHex(expected);
      }),
      { numRuns: 100 },
    );
    const key = new Uint8Array(16).fill(9);
    for (const iv of ['ffffffffffffffffffffffffffffffff', '00000000000000000000ffffffffffff', '000000000000000000000000000000fe']) {
      expect(toHex(sm4Ctr(key, fromHex(iv), new Uint8Array(64))), iv).toBe(toHex(keystream(key, fromHex(iv), 4)));
    }
  });

  it('decrypts with the same operation', () => {
    fc.assert(fc.property(key16, key16, data, (key, iv, plain) => equalBytes(sm4Ctr(key, iv, sm4Ctr(key, iv, plain)), plain)));
  });
});

describe('seal / open (SM4-CTR then HMAC-SM3)', () => {
  it('round-trips any plaintext and associated data', () => {
    fc.assert(
      fc.property(key32, data, fc.option(data, { nil: undefined }), fc.nat(), (key, plain, aad, seed) => {
        const sealed = seal(key, plain, counterRandom(seed), aad);
        return sealed.length === plain.length + SEAL_OVERHEAD && sealed[0] === SEAL_VERSION && equalBytes(open(key, sealed, aad), plain);
      }),
      { numRuns: 200 },
    );
  });

  it('lays out version ‖ IV ‖ SM4-CTR ciphertext ‖ HMAC-SM3(version ‖ len(aad) ‖ aad ‖ IV ‖ ciphertext), checked with sm-crypto', () => {
    const key = fromHex('00112233445566778899aabbccddeeff0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    const iv = fromHex('a0a1a2a3a4a5a6a7a8a9aaabacadaeaf');
    const plain = new TextEncoder().encode('数据库密钥');
    const aad = new TextEncoder().encode('slot:recovery');
    const sealed = seal(key, plain, () => iv.slice(), aad);

    const keystream = oracle.sm4.encrypt(arr(iv), arr(key.subarray(0, 16)), { padding: 'none', output: 'array' });
    const ct = plain.map((b, i) => b ^ keystream[i]!);
    const macInput = [SEAL_VERSION, 0, 0, 0, aad.length, ...aad, ...iv, ...ct];
    const tag = oracle.sm3(macInput, { key: arr(key.subarray(16)) });
    expect(toHex(sealed)).toBe(`01${toHex(iv)}${toHex(ct)}${tag}`);
  });

  it('takes a fresh IV from randomBytes for every seal', () => {
    const key = new Uint8Array(32).fill(5);
    const random = counterRandom(7);
    const a = seal(key, new Uint8Array(10), random);
    const b = seal(key, new Uint8Array(10), random);
    expect(toHex(a.subarray(1, 17))).not.toBe(toHex(b.subarray(1, 17)));
    expect(toHex(a)).not.toBe(toHex(b));
    expect(() => seal(key, new Uint8Array(1), () => new Uint8Array(8))).toThrow(TypeError);
  });

  it('throws IntegrityError when any single bit of the sealed data or the associated data is flipped', () => {
    const key = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const aad = Uint8Array.of(1, 2, 3);
    const sealed = seal(key, new TextEncoder().encode('secret 32-byte database key…'), counterRandom(3), aad);
    for (let bit = 0; bit < sealed.length * 8; bit++) {
      const bad = sealed.slice();
      bad[bit >>> 3]! ^= 1 << (bit & 7);
      expect(() => open(key, bad, aad), `bit ${bit}`).toThrow(IntegrityError);
    }
    for (let bit = 0; bit < aad.length * 8; bit++) {
      const bad = aad.slice();
      bad[bit >>> 3]! ^= 1 << (bit & 7);
      expect(() => open(key, sealed, bad), `aad bit ${bit}`).toThrow(IntegrityError);
    }
  });

  it('throws IntegrityError for a random single-bit flip in sealed data or associated data', () => {
    fc.assert(
      fc.property(key32, data, data, fc.nat(), fc.boolean(), (key, plain, aad, pos, flipAad) => {
        const sealed = seal(key, plain, counterRandom(pos), aad);
        const s = sealed.slice();
        const a = aad.slice();
        const target = flipAad && a.length > 0 ? a : s;
        const bit = pos % (target.length * 8);
        target[bit >>> 3]! ^= 1 << (bit & 7);
        expect(() => open(key, s, a)).toThrow(IntegrityError);
      }),
      { numRuns: 300 },
    );
  });

  it('throws IntegrityError for a wrong key, missing or added associated data, truncation and extension', () => {
    fc.assert(
      fc.property(key32, key32, data, (key, other, plain) => {
        fc.pre(!equalBytes(key, other));
        const sealed = seal(key, plain, counterRandom(1));
        expect(() => open(other, sealed)).toThrow(IntegrityError);
      }),
      { numRuns: 100 },
    );
    const key = new Uint8Array(32).fill(1);
    const sealed = seal(key, Uint8Array.of(1, 2, 3), counterRandom(), Uint8Array.of(9));
    expect(() => open(key, sealed)).toThrow(IntegrityError);
    expect(() => open(key, seal(key, Uint8Array.of(1), counterRandom()), Uint8Array.of(0))).toThrow(IntegrityError);
    for (let n = 0; n < sealed.length; n++) expect(() => open(key, sealed.subarray(0, n), Uint8Array.of(9)), `first ${n} bytes`).toThrow(IntegrityError);
    const longer = new Uint8Array(sealed.length + 1);
    longer.set(sealed);
    expect(() => open(key, longer, Uint8Array.of(9))).toThrow(IntegrityError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => seal(new Uint8Array(16), new Uint8Array(1), counterRandom())).toThrow(RangeError);
    expect(() => open(new Uint8Array(31), new Uint8Array(60))).toThrow(RangeError);
  });
});
