/** Chinese national algorithms in pure TypeScript (DESIGN.md §4): SM3, HMAC-SM3, SM4 and seal/open. */
export { HmacSm3, SM3_BLOCK_LENGTH, SM3_DIGEST_LENGTH, Sm3, equalBytes, fromHex, hmacSm3, sm3, toHex } from './sm3';
export {
  IntegrityError,
  PaddingError,
  SEAL_KEY_LENGTH,
  SEAL_OVERHEAD,
  SEAL_VERSION,
  SM4_BLOCK_LENGTH,
  SM4_KEY_LENGTH,
  Sm4,
  open,
  seal,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4Ctr,
  type RandomBytes,
} from './sm4';
