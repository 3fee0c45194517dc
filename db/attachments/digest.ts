import { Sm3, toHex } from '../../common/crypto/sm3';

/** Bytes hashed between two yields to the event loop (about 10 ms of SM3). */
export const DIGEST_SLICE = 1024 * 1024;

/**
 * SM3 of `bytes` as lower-case hex, in slices that give the event loop a turn in between: a 20 MiB
 * attachment costs ~200 ms of pure-JS hashing, which must not freeze the main process in one piece.
 */
export async function sm3HexSliced(bytes: Uint8Array, slice = DIGEST_SLICE): Promise<string> {
  const hasher = new Sm3();
  for (let at = 0; at < bytes.length; at += slice) {
    if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    hasher.update(bytes.subarray(at, at + slice));
  }
  return toHex(hasher.digest());
}
