/**
 * SM4 block cipher (GB/T 32907-2016, 128-bit key and block), its CBC (PKCS#7) and CTR modes, and
 * `seal`/`open`: SM4-CTR encrypt-then-MAC with HMAC-SM3. Pure TypeScript for every process
 * (Electron's BoringSSL has no SM4). DESIGN.md §4 "National algorithms".
 *
 * CBC and CTR give confidentiality only. Anything whose integrity matters (wrapped keys, files)
 * goes through `seal`/`open`.
 *
 * The round function uses lookup tables indexed by secret bytes, as do other JavaScript SM4 and
 * AES implementations; it is not hardened against cache-timing attacks by code sharing the CPU.
 */
import { HmacSm3, equalBytes } from './sm3';

export const SM4_BLOCK_LENGTH = 16;
export const SM4_KEY_LENGTH = 16;

const SBOX = new Uint8Array([
  0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
  0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
  0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
  0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
  0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
  0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
  0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
  0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
  0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
  0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
  0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
  0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
  0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
  0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
  0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
  0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
]);

const FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc] as const;

/** CK_i: byte j of CK_i is (4i + j) · 7 mod 256. */
const CK = new Int32Array(32);
for (let i = 0; i < 32; i++) {
  let ck = 0;
  for (let j = 0; j < 4; j++) ck = (ck << 8) | (((4 * i + j) * 7) & 0xff);
  CK[i] = ck;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** τ: the S-box applied to each byte of a word. */
function tau(a: number): number {
  return (SBOX[a >>> 24]! << 24) | (SBOX[(a >>> 16) & 0xff]! << 16) | (SBOX[(a >>> 8) & 0xff]! << 8) | SBOX[a & 0xff]!;
}

/** T = L∘τ for the rounds, as four tables: T(a) = T0[a₀] ^ T1[a₁] ^ T2[a₂] ^ T3[a₃] since L is linear. */
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
for (let x = 0; x < 256; x++) {
  const b = SBOX[x]! << 24;
  const l = b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24);
  T0[x] = l;
  T1[x] = rotl(l, 24);
  T2[x] = rotl(l, 16);
  T3[x] = rotl(l, 8);
}

/** Round keys rk₀…rk₃₁ for encryption, or reversed for decryption. */
function expandKey(key: Uint8Array, decrypt: boolean): Int32Array {
  if (key.length !== SM4_KEY_LENGTH) throw new RangeError(`SM4 key must be ${SM4_KEY_LENGTH} bytes, got ${key.length}`);
  const k = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    k[i] = ((key[4 * i]! << 24) | (key[4 * i + 1]! << 16) | (key[4 * i + 2]! << 8) | key[4 * i + 3]!) ^ FK[i]!;
  }
  const rk = new Int32Array(32);
  for (let i = 0; i < 32; i++) {
    const b = tau(k[(i + 1) & 3]! ^ k[(i + 2) & 3]! ^ k[(i + 3) & 3]! ^ CK[i]!);
    const next = k[i & 3]! ^ b ^ rotl(b, 13) ^ rotl(b, 23);
    k[i & 3] = next;
    rk[decrypt ? 31 - i : i] = next;
  }
  return rk;
}

/** Encrypts (or, with reversed round keys, decrypts) the block at src[so..so+16) into dst[dOff..dOff+16). */
function cryptBlock(rk: Int32Array, src: Uint8Array, so: number, dst: Uint8Array, dOff: number): void {
  let x0 = (src[so]! << 24) | (src[so + 1]! << 16) | (src[so + 2]! << 8) | src[so + 3]!;
  let x1 = (src[so + 4]! << 24) | (src[so + 5]! << 16) | (src[so + 6]! << 8) | src[so + 7]!;
  let x2 = (src[so + 8]! << 24) | (src[so + 9]! << 16) | (src[so + 10]! << 8) | src[so + 11]!;
  let x3 = (src[so + 12]! << 24) | (src[so + 13]! << 16) | (src[so + 14]! << 8) | src[so + 15]!;
  for (let i = 0; i < 32; i += 4) {
    let a = x1 ^ x2 ^ x3 ^ rk[i]!;
    x0 ^= T0[a >>> 24]! ^ T1[(a >>> 16) & 0xff]! ^ T2[(a >>> 8) & 0xff]! ^ T3[a & 0xff]!;
    a = x2 ^ x3 ^ x0 ^ rk[i + 1]!;
    x1 ^= T0[a >>> 24]! ^ T1[(a >>> 16) & 0xff]! ^ T2[(a >>> 8) & 0xff]! ^ T3[a & 0xff]!;
    a = x3 ^ x0 ^ x1 ^ rk[i + 2]!;
    x2 ^= T0[a >>> 24]! ^ T1[(a >>> 16) & 0xff]! ^ T2[(a >>> 8) & 0xff]! ^ T3[a & 0xff]!;
    a = x0 ^ x1 ^ x2 ^ rk[i + 3]!;
    x3 ^= T0[a >>> 24]! ^ T1[(a >>> 16) & 0xff]! ^ T2[(a >>> 8) & 0xff]! ^ T3[a & 0xff]!;
  }
  // R: the output is (X35, X34, X33, X32).
  putWord(dst, dOff, x3);
  putWord(dst, dOff + 4, x2);
  putWord(dst, dOff + 8, x1);
  putWord(dst, dOff + 12, x0);
}

function putWord(dst: Uint8Array, o: number, w: number): void {
  dst[o] = w >>> 24;
  dst[o + 1] = w >>> 16;
  dst[o + 2] = w >>> 8;
  dst[o + 3] = w;
}

function checkBlock(block: Uint8Array, what: string): void {
  if (block.length !== SM4_BLOCK_LENGTH) throw new RangeError(`SM4 ${what} must be ${SM4_BLOCK_LENGTH} bytes, got ${block.length}`);
}

/** SM4 with one key, for single blocks. Modes: `sm4CbcEncrypt`/`sm4CbcDecrypt`, `sm4Ctr`, `seal`/`open`. */
export class Sm4 {
  private readonly enc: Int32Array;
  private readonly dec: Int32Array;

  constructor(key: Uint8Array) {
    this.enc = expandKey(key, false);
    this.dec = expandKey(key, true);
  }

  encryptBlock(block: Uint8Array): Uint8Array {
    checkBlock(block, 'block');
    const out = new Uint8Array(SM4_BLOCK_LENGTH);
    cryptBlock(this.enc, block, 0, out, 0);
    return out;
  }

  decryptBlock(block: Uint8Array): Uint8Array {
    checkBlock(block, 'block');
    const out = new Uint8Array(SM4_BLOCK_LENGTH);
    cryptBlock(this.dec, block, 0, out, 0);
    return out;
  }
}

/** CBC ciphertext that does not decrypt to valid PKCS#7 padding (wrong key, IV or damaged data). */
export class PaddingError extends Error {
  override readonly name = 'PaddingError';
}

/** SM4-CBC with PKCS#7 padding (1–16 bytes are always added). No integrity: see `seal`. */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkBlock(iv, 'IV');
  const rk = expandKey(key, false);
  const pad = SM4_BLOCK_LENGTH - (plaintext.length % SM4_BLOCK_LENGTH);
  const out = new Uint8Array(plaintext.length + pad);
  out.set(plaintext);
  out.fill(pad, plaintext.length);
  let prev: Uint8Array = iv;
  let prevOff = 0;
  for (let off = 0; off < out.length; off += SM4_BLOCK_LENGTH) {
    for (let i = 0; i < SM4_BLOCK_LENGTH; i++) out[off + i]! ^= prev[prevOff + i]!;
    cryptBlock(rk, out, off, out, off);
    prev = out;
    prevOff = off;
  }
  return out;
}

/** Inverse of `sm4CbcEncrypt`. Throws `PaddingError` when the padding is not valid PKCS#7. */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkBlock(iv, 'IV');
  const rk = expandKey(key, true);
  const n = ciphertext.length;
  if (n === 0 || n % SM4_BLOCK_LENGTH !== 0) throw new PaddingError(`SM4-CBC ciphertext length ${n} is not a positive multiple of 16`);
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += SM4_BLOCK_LENGTH) {
    cryptBlock(rk, ciphertext, off, out, off);
    const prev = off === 0 ? iv : ciphertext;
    const prevOff = off === 0 ? 0 : off - SM4_BLOCK_LENGTH;
    for (let i = 0; i < SM4_BLOCK_LENGTH; i++) out[off + i]! ^= prev[prevOff + i]!;
  }
  const pad = out[n - 1]!;
  let bad = pad === 0 || pad > SM4_BLOCK_LENGTH ? 1 : 0;
  for (let i = 1; i <= SM4_BLOCK_LENGTH; i++) if (i <= pad) bad |= out[n - i]! ^ pad; // no early exit
  if (bad !== 0) throw new PaddingError('SM4-CBC padding is invalid (wrong key or IV, or damaged data)');
  return out.slice(0, n - pad);
}

/** SM4-CTR into `dst` at `dOff`; the counter block starts at `iv` and counts as a 128-bit big-endian integer. */
function ctrInto(rk: Int32Array, iv: Uint8Array, src: Uint8Array, dst: Uint8Array, dOff: number): void {
  const counter = iv.slice();
  const ks = new Uint8Array(SM4_BLOCK_LENGTH);
  for (let off = 0; off < src.length; off += SM4_BLOCK_LENGTH) {
    cryptBlock(rk, counter, 0, ks, 0);
    const end = Math.min(SM4_BLOCK_LENGTH, src.length - off);
    for (let i = 0; i < end; i++) dst[dOff + off + i] = src[off + i]! ^ ks[i]!;
    for (let i = SM4_BLOCK_LENGTH - 1; i >= 0; i--) {
      counter[i] = counter[i]! + 1; // wraps to 0 at 256, carrying into the byte before
      if (counter[i] !== 0) break;
    }
  }
}

/** SM4-CTR: encrypts or decrypts (the same operation) `data` of any length. Never reuse a (key, iv) pair. */
export function sm4Ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlock(iv, 'IV');
  const out = new Uint8Array(data.length);
  ctrInto(expandKey(key, false), iv, data, out, 0);
  return out;
}

/** A source of cryptographically secure random bytes, e.g. node's `randomBytes` or
 * `(n) => crypto.getRandomValues(new Uint8Array(n))`. */
export type RandomBytes = (length: number) => Uint8Array;

/** `open` found sealed data, its associated data, or the key not as they were at `seal`. Nothing was decrypted. */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
  constructor(message = 'sealed data failed its integrity check: it was altered, the associated data differs, or the key is wrong') {
    super(message);
  }
}

/** Format version of sealed blobs. */
export const SEAL_VERSION = 1;
export const SEAL_KEY_LENGTH = 32;
const IV_LENGTH = 16;
const TAG_LENGTH = 32;
const HEADER_LENGTH = 1 + IV_LENGTH;
/** Bytes that `seal` adds to the plaintext: version, IV and tag. */
export const SEAL_OVERHEAD = HEADER_LENGTH + TAG_LENGTH;
const EMPTY = new Uint8Array(0);

function splitKey(key32: Uint8Array): { rk: Int32Array; mac: HmacSm3 } {
  if (key32.length !== SEAL_KEY_LENGTH) throw new RangeError(`seal/open key must be ${SEAL_KEY_LENGTH} bytes, got ${key32.length}`);
  return { rk: expandKey(key32.subarray(0, 16), false), mac: new HmacSm3(key32.subarray(16, 32)) };
}

/** HMAC-SM3 over version ‖ len(aad) as 4 bytes big-endian ‖ aad ‖ iv ‖ ciphertext. */
function tagOf(mac: HmacSm3, blob: Uint8Array, bodyEnd: number, aad: Uint8Array): Uint8Array {
  const n = aad.length;
  if (n > 0xffffffff) throw new RangeError('associated data is too long');
  const len = new Uint8Array([n >>> 24, n >>> 16, n >>> 8, n]);
  return mac.macParts([blob.subarray(0, 1), len, aad, blob.subarray(1, bodyEnd)]);
}

/**
 * Encrypts and authenticates `plaintext` (and binds the optional `aad`, which is not stored).
 * `key32` is 16 bytes of SM4-CTR key then 16 bytes of HMAC-SM3 key; the 16-byte IV comes from
 * `randomBytes`. Result: version (1 byte) ‖ IV (16) ‖ ciphertext (same length as plaintext) ‖ tag (32).
 */
export function seal(key32: Uint8Array, plaintext: Uint8Array, randomBytes: RandomBytes, aad: Uint8Array = EMPTY): Uint8Array {
  const { rk, mac } = splitKey(key32);
  const iv = randomBytes(IV_LENGTH);
  if (!(iv instanceof Uint8Array) || iv.length !== IV_LENGTH) throw new TypeError(`randomBytes(${IV_LENGTH}) must return ${IV_LENGTH} bytes`);
  const bodyEnd = HEADER_LENGTH + plaintext.length;
  const out = new Uint8Array(bodyEnd + TAG_LENGTH);
  out[0] = SEAL_VERSION;
  out.set(iv, 1);
  ctrInto(rk, iv, plaintext, out, HEADER_LENGTH);
  out.set(tagOf(mac, out, bodyEnd, aad), bodyEnd);
  return out;
}

/**
 * Checks and decrypts what `seal` produced under the same key and `aad`. Throws `IntegrityError`
 * before decrypting anything if a byte of `sealed` or `aad` differs, or the key is wrong.
 */
export function open(key32: Uint8Array, sealed: Uint8Array, aad: Uint8Array = EMPTY): Uint8Array {
  const { rk, mac } = splitKey(key32);
  if (sealed.length < SEAL_OVERHEAD) throw new IntegrityError(`sealed data is truncated: ${sealed.length} bytes, at least ${SEAL_OVERHEAD} expected`);
  if (sealed[0] !== SEAL_VERSION) throw new IntegrityError(`sealed data has unknown format version ${sealed[0]}`);
  const bodyEnd = sealed.length - TAG_LENGTH;
  if (!equalBytes(tagOf(mac, sealed, bodyEnd, aad), sealed.subarray(bodyEnd))) throw new IntegrityError();
  const out = new Uint8Array(bodyEnd - HEADER_LENGTH);
  ctrInto(rk, sealed.subarray(1, HEADER_LENGTH), sealed.subarray(HEADER_LENGTH, bodyEnd), out, 0);
  return out;
}
