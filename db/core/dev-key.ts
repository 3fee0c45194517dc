import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataCoreError } from './errors';
import { KEY_BYTES, type KeySource } from './keys';

export const DEV_KEY_FILE = 'development.key';

/**
 * DEVELOPMENT ONLY: keeps the database key in a plain file beside the database.
 * Production bundles are built without this module, and it refuses to run when
 * NODE_ENV is `production`.
 */
export class DevelopmentKeySource implements KeySource {
  readonly kind = 'development' as const;
  constructor(private readonly dataDir: string) {
    if (process.env.NODE_ENV === 'production') {
      throw new DataCoreError('DEV_KEY_IN_PRODUCTION', '生产版本不能使用开发密钥来源');
    }
  }

  async getKey(): Promise<Uint8Array> {
    const file = join(this.dataDir, DEV_KEY_FILE);
    if (existsSync(file)) {
      const key = readFileSync(file);
      if (key.length !== KEY_BYTES) throw new DataCoreError('KEY_OR_CORRUPT', `开发密钥文件 ${file} 已损坏`);
      return new Uint8Array(key);
    }
    mkdirSync(this.dataDir, { recursive: true });
    const key = randomBytes(KEY_BYTES);
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return new Uint8Array(key);
  }
}
