import { randomBytes, scrypt } from 'node:crypto';

/** Parameters recorded in every slot, so the cost can be raised later without breaking old slots. */
export interface KdfParams {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

/** ~400 ms and 128 MiB on the reference 2-core machine (≥ 250 ms required). */
export const DEFAULT_KDF: Omit<KdfParams, 'salt'> = { alg: 'scrypt', N: 1 << 17, r: 8, p: 1 };

export function newKdfParams(base: Omit<KdfParams, 'salt'> = DEFAULT_KDF): KdfParams {
  return { ...base, salt: randomBytes(16).toString('base64') };
}

/** Derives a 32-byte key-encryption key off the main thread (libuv pool). */
export function deriveKek(secret: string, params: KdfParams): Promise<Uint8Array> {
  if (params.alg !== 'scrypt') return Promise.reject(new Error(`unsupported KDF ${String(params.alg)}`));
  const maxmem = 128 * params.N * params.r * 2;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    );
  });
}
