import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir, type TempDir } from '../testing/fixtures';
import { DevelopmentKeySource, DEV_KEY_FILE } from './dev-key';
import { DataCoreError } from './errors';

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  vi.unstubAllEnvs();
  temp.cleanup();
});

describe('DevelopmentKeySource', () => {
  it('creates a random 32-byte key readable only by the owner, then keeps returning it', async () => {
    const dir = join(temp.dir, 'nested', 'data');
    const source = new DevelopmentKeySource(dir);
    expect(source.kind).toBe('development');
    const first = await source.getKey();
    expect(first).toHaveLength(32);
    const file = join(dir, DEV_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect([...readFileSync(file)]).toEqual([...first]);
    expect([...(await new DevelopmentKeySource(dir).getKey())]).toEqual([...first]);
    const other = makeTempDir();
    try {
      expect([...(await new DevelopmentKeySource(other.dir).getKey())]).not.toEqual([...first]);
    } finally {
      other.cleanup();
    }
  });

  it('reports a damaged key file instead of making a new key', async () => {
    writeFileSync(join(temp.dir, DEV_KEY_FILE), Buffer.alloc(5));
    const error = await new DevelopmentKeySource(temp.dir).getKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataCoreError);
    expect((error as DataCoreError).code).toBe('KEY_OR_CORRUPT');
    expect((error as DataCoreError).message).toContain('开发密钥文件');
    expect(readFileSync(join(temp.dir, DEV_KEY_FILE))).toHaveLength(5);
  });

  it('refuses to run in production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => new DevelopmentKeySource(temp.dir)).toThrow(expect.objectContaining({ code: 'DEV_KEY_IN_PRODUCTION' }));
    expect(existsSync(join(temp.dir, DEV_KEY_FILE))).toBe(false);
  });
});
