/**
 * A full disk: the user reads 磁盘空间不足, the change is rolled back, and once space is freed the
 * same change succeeds. The database lives on a small tmpfs mounted for the test (CI runs as
 * root). Where mounting is not permitted, the test falls back to SQLite's max_page_count, which
 * makes SQLite answer SQLITE_FULL exactly as on a full disk, through the same rollback and the
 * same message — but the operating system's ENOSPC on the -wal file is then not exercised.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../common/api/result';
import { openCore, type Core } from '../../db/core';
import { fakeShell, fixedKeySource, OFFICER } from '../../db/testing/fixtures';

let mountDir: string;
let mounted = false;

beforeAll(() => {
  mountDir = mkdtempSync(join(tmpdir(), 'baomi-full-'));
  // BAOMI_DISK_FULL_FALLBACK=1 runs the unprivileged variant even where mounting works.
  if (process.env.BAOMI_DISK_FULL_FALLBACK === '1') return;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m,mode=0700', 'tmpfs', mountDir], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    console.warn(`[disk-full] cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); using max_page_count instead`);
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountDir]);
  rmSync(mountDir, { recursive: true, force: true });
});

/** Fills the file system with a filler file until the kernel says ENOSPC. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // The last partial blocks too.
  const small = openSync(`${path}.2`, 'w');
  try {
    for (;;) writeSync(small, Buffer.alloc(512, 0x5a));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(small);
  }
}

const count = (core: Core) => core.db.prepare('SELECT count(*) FROM organisations').pluck().get() as number;
const create = (core: Core, i: number) =>
  core.router.invoke('org:create', OFFICER, { name: `磁盘测试单位${String(i).padStart(4, '0')}`, kind: 'vendor', note: `备注${i}`.repeat(60) });

describe('a full disk', () => {
  it('refuses the change with 磁盘空间不足, rolls it back, and works again once space is freed', async () => {
    const dataDir = join(mountDir, 'data');
    const core = await openCore({ dataDir, keySource: fixedKeySource(), shell: fakeShell(), appVersion: 't' });
    try {
      for (let i = 0; i < 5; i++) expect((await create(core, i)).ok).toBe(true);
      const filler = join(mountDir, 'filler.bin');
      if (mounted) fillDisk(filler);
      else core.db.pragma(`max_page_count = ${(core.db.pragma('page_count', { simple: true }) as number) + 1}`);

      // Writes go on until the space runs out; the one that fails is refused as a whole.
      let failure: Result<unknown> | null = null;
      let i = 5;
      for (; i < 2000; i++) {
        const before = count(core);
        const headBefore = core.trail.head();
        const result = await create(core, i);
        if (!result.ok) {
          failure = result;
          expect(count(core)).toBe(before);
          expect(core.trail.head()).toEqual(headBefore);
          break;
        }
      }
      expect(failure).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
      expect(failure!.ok ? '' : failure!.error.message).toContain('磁盘空间不足');
      expect(failure!.ok ? '' : failure!.error.message).toContain('数据已恢复到操作之前');
      const name = `磁盘测试单位${String(i).padStart(4, '0')}`;
      expect(core.db.prepare('SELECT count(*) FROM organisations WHERE name = ?').pluck().get(name)).toBe(0);
      // Reads still work on a full disk.
      expect((await core.router.invoke('org:list', OFFICER, {})).ok).toBe(true);

      if (mounted) {
        rmSync(filler);
        rmSync(`${filler}.2`);
      } else core.db.pragma('max_page_count = 4294967294');
      const retried = await create(core, i);
      expect(retried).toMatchObject({ ok: true, value: { name } });
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(core.trail.verify()).toMatchObject({ ok: true });
    } finally {
      core.close();
    }
    // Closed cleanly and opens healthy afterwards.
    const again = await openCore({ dataDir, keySource: fixedKeySource(), shell: fakeShell(), appVersion: 't' });
    expect(again.health.snapshot()).toMatchObject({ readOnly: false, uncleanExit: false, findings: [] });
    again.close();
  });
});
