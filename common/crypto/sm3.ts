/**
 * SM3 hash (GB/T 32905-2016) and HMAC-SM3 (RFC 2104, block size 64), in pure TypeScript so that
 * every process can use them (Electron's BoringSSL has no SM3). DESIGN.md §4 "National algorithms".
 *
 * Words are kept as signed int32 (`| 0`); only the byte views are unsigned. The compression function
 * is in sm3-compress.ts, generated unrolled by sm3-compress.test.ts.
 */
import { sm3Compress as compress } from './sm3-compress';

/** Digest length of SM3 in bytes. */
export const SM3_DIGEST_LENGTH = 32;
/** Block length of SM3 in bytes (also the HMAC block size). */
export const SM3_BLOCK_LENGTH = 64;

const IV = new Int32Array([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);

/** Incremental SM3: `new Sm3().update(a).update(b).digest()` equals `sm3(a ‖ b)`. */
export class Sm3 {
  private readonly v = new Int32Array(8);
  private readonly buf = new Uint8Array(SM3_BLOCK_LENGTH);
  private bufLen = 0;
  /** Bytes absorbed so far (exact up to 2^53). */
  private length = 0;
  private finished = false;

  constructor() {
    this.v.set(IV);
  }

  /** Returns this hasher to the empty-message state. */
  reset(): this {
    this.v.set(IV);
    this.bufLen = 0;
    this.length = 0;
    this.finished = false;
    return this;
  }

  /** Makes this hasher's state a copy of `other`'s, without allocating. */
  copyFrom(other: Sm3): this {
    this.v.set(other.v);
    this.buf.set(other.buf);
    this.bufLen = other.bufLen;
    this.length = other.length;
    this.finished = other.finished;
    return this;
  }

  /** A new hasher in the same state as this one (to hash several messages sharing a prefix). */
  clone(): Sm3 {
    return new Sm3().copyFrom(this);
  }

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Sm3: update() after digest(); call reset() first');
    const len = data.length;
    const buf = this.buf;
    let pos = 0;
    this.length += len;
    if (this.bufLen > 0) {
      const take = Math.min(SM3_BLOCK_LENGTH - this.bufLen, len);
      for (let i = 0; i < take; i++) buf[this.bufLen + i] = data[i]!;
      this.bufLen += take;
      pos = take;
      if (this.bufLen < SM3_BLOCK_LENGTH) return this;
      compress(this.v, buf, 0);
      this.bufLen = 0;
    }
    while (len - pos >= SM3_BLOCK_LENGTH) {
      compress(this.v, data, pos);
      pos += SM3_BLOCK_LENGTH;
    }
    const rest = len - pos;
    if (rest > 0) {
      if (rest > 16) buf.set(data.subarray(pos, len), 0);
      else for (let i = 0; i < rest; i++) buf[i] = data[pos + i]!;
      this.bufLen = rest;
    }
    return this;
  }

  /** Finishes the hash and writes the 32-byte digest into `out` at `offset`. The hasher must be reset before reuse. */
  digestInto(out: Uint8Array, offset = 0): void {
    if (this.finished) throw new Error('Sm3: digest() called twice; call reset() first');
    if (offset < 0 || out.length - offset < SM3_DIGEST_LENGTH) throw new RangeError('Sm3: output buffer too small');
    this.finished = true;
    const buf = this.buf;
    let n = this.bufLen;
    buf[n++] = 0x80;
    if (n > 56) {
      buf.fill(0, n);
      compress(this.v, buf, 0);
      n = 0;
    }
    buf.fill(0, n, 56);
    const hi = Math.floor(this.length / 0x20000000);
    const lo = (this.length * 8) >>> 0;
    buf[56] = hi >>> 24;
    buf[57] = hi >>> 16;
    buf[58] = hi >>> 8;
    buf[59] = hi;
    buf[60] = lo >>> 24;
    buf[61] = lo >>> 16;
    buf[62] = lo >>> 8;
    buf[63] = lo;
    compress(this.v, buf, 0);
    const v = this.v;
    for (let i = 0; i < 8; i++) {
      const x = v[i]!;
      const o = offset + 4 * i;
      out[o] = x >>> 24;
      out[o + 1] = x >>> 16;
      out[o + 2] = x >>> 8;
      out[o + 3] = x;
    }
  }

  /** Finishes the hash and returns the 32-byte digest. */
  digest(): Uint8Array {
    const out = new Uint8Array(SM3_DIGEST_LENGTH);
    this.digestInto(out);
    return out;
  }
}

/** Hasher behind `sm3()`: calls are synchronous and never nested, so one instance serves them all. */
const oneShot = new Sm3();

/** SM3 digest (32 bytes) of `data`. */
export function sm3(data: Uint8Array): Uint8Array {
  return oneShot.reset().update(data).digest();
}

/**
 * HMAC-SM3 with a fixed key. The key schedule (hashing of key⊕ipad and key⊕opad) is done once in
 * the constructor, so each `mac()` of a short record costs only the record's own blocks plus one.
 */
export class HmacSm3 {
  private readonly inner = new Sm3();
  private readonly outer = new Sm3();
  private readonly work = new Sm3();
  private readonly innerDigest = new Uint8Array(SM3_DIGEST_LENGTH);

  constructor(key: Uint8Array) {
    const k = new Uint8Array(SM3_BLOCK_LENGTH);
    k.set(key.length > SM3_BLOCK_LENGTH ? sm3(key) : key);
    const pad = new Uint8Array(SM3_BLOCK_LENGTH);
    for (let i = 0; i < SM3_BLOCK_LENGTH; i++) pad[i] = k[i]! ^ 0x36;
    this.inner.update(pad);
    for (let i = 0; i < SM3_BLOCK_LENGTH; i++) pad[i] = k[i]! ^ 0x5c;
    this.outer.update(pad);
    k.fill(0);
    pad.fill(0);
  }

  /** HMAC-SM3 of `data` (32 bytes). */
  mac(data: Uint8Array): Uint8Array {
    this.work.copyFrom(this.inner).update(data);
    return this.finish();
  }

  /** HMAC-SM3 of the concatenation of `parts`, without concatenating them. */
  macParts(parts: readonly Uint8Array[]): Uint8Array {
    const w = this.work.copyFrom(this.inner);
    for (const p of parts) w.update(p);
    return this.finish();
  }

  /** Whether `tag` is the HMAC-SM3 of `data`, compared in constant time. */
  verify(data: Uint8Array, tag: Uint8Array): boolean {
    return equalBytes(this.mac(data), tag);
  }

  private finish(): Uint8Array {
    const w = this.work;
    w.digestInto(this.innerDigest);
    w.copyFrom(this.outer).update(this.innerDigest);
    return w.digest();
  }
}

/** HMAC-SM3 (RFC 2104, block size 64) of `data` under `key`; keys longer than 64 bytes are hashed first. */
export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new HmacSm3(key).mac(data);
}

/**
 * Whether `a` and `b` hold the same bytes. For equal lengths the time taken does not depend on
 * where they differ; lengths are not secret (a length mismatch returns false at once).
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hexadecimal of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!]!;
  return s;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87; // a-f, A-F
  return -1;
}

/** Bytes of a hexadecimal string (either case). Throws on odd length or a non-hex character. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new SyntaxError('fromHex: odd number of hex digits');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new SyntaxError(`fromHex: invalid hex digit near position ${2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}
