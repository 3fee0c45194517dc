import { randomBytes } from 'node:crypto';
import { IntegrityError, open, seal } from '../../common/crypto/sm4';

const encoder = new TextEncoder();
const random = (n: number) => new Uint8Array(randomBytes(n));

/** Seals the database key under a key-encryption key (SM4-CTR + HMAC-SM3), bound to the slot id. */
export function wrapKey(kek: Uint8Array, databaseKey: Uint8Array, slotId: string): string {
  return Buffer.from(seal(kek, databaseKey, random, encoder.encode(`baomi-slot:${slotId}`))).toString('base64');
}

/** The database key, or null when the secret was wrong (or the slot was altered). */
export function unwrapKey(kek: Uint8Array, sealed: string, slotId: string): Uint8Array | null {
  try {
    return open(kek, new Uint8Array(Buffer.from(sealed, 'base64')), encoder.encode(`baomi-slot:${slotId}`));
  } catch (error) {
    if (error instanceof IntegrityError) return null;
    throw error;
  }
}
