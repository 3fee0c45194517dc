/** Where the 32-byte database key comes from: an account's (or the recovery) key slot, unwrapped by the login gate. */
export interface KeySource {
  readonly kind: 'account';
  getKey(): Promise<Uint8Array>;
}

export const KEY_BYTES = 32;
