/** Where the 32-byte database key comes from. Accounts' key slots implement this later. */
export interface KeySource {
  /** `development` keys are never accepted by a production build. */
  readonly kind: 'development' | 'account';
  getKey(): Promise<Uint8Array>;
}

export const KEY_BYTES = 32;
