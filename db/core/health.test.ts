import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, openCore, type Core } from '../core';
import { fakeShell, fixedKeySource, makeTempDir, OFFICER, valueOf, type TempDir } from '../testing/fixtures';
import { markerPath } from './health';
import type { LocationEnv } from './location';
import { corruptPageOf } from '../testing/pages';

let temp: TempDir;
let dbPath: string;
const cores: Core[] = [];

const open = async () => {
  const core = await openCore({ dataDir: temp.dir, keySource: fixedKeySource(), shell: fakeShell(), appVersion: 't' });
  cores.push(core);
  return core;
};
const health = async (core: Core) => valueOf<{ readOnly: boolean; integrity: string; uncleanExit: boolean; findings: { check: string; severity: string; message: string; details: string[] }[] }>(
  await core.router.invoke('app:health', OFFICER, {}),
);

beforeEach(() => {
  temp = makeTempDir();
  dbPath = join(temp.dir, DB_FILE);
});
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  temp.cleanup();
});

/** 300 organisations: several leaf pages, so one can be damaged while the rest stays readable. */
async function populated(): Promise<void> {
  const core = await open();
  for (let i = 0; i < 300; i++) valueOf(await core.router.invoke('org:create', OFFICER, { name: `测试单位${String(i).padStart(3, '0')}`, kind: 'vendor', note: '备注'.repeat(20) }));
  core.close();
}

describe('start-up checks', () => {
  it('a healthy database passes quick_check and foreign_key_check and is writable', async () => {
    await populated();
    const core = await open();
    expect(await health(core)).toMatchObject({ readOnly: false, integrity: 'quick', uncleanExit: false, findings: [] });
    expect(valueOf(await core.router.invoke('org:create', OFFICER, { name: '新单位', kind: 'vendor' }))).toMatchObject({ name: '新单位' });
  });

  it('a damaged page opens the database read-only: the finding says what is wrong, writes are refused, other reads work, no byte is changed', async () => {
    await populated();
    corruptPageOf(dbPath, 'organisations');
    const before = readFileSync(dbPath);

    const core = await open();
    const h = await health(core);
    expect(h.readOnly).toBe(true);
    expect(h.findings).toHaveLength(1);
    expect(h.findings[0]).toMatchObject({ check: 'quickCheck', severity: 'error' });
    expect(h.findings[0]!.message).toContain('快速完整性检查（quick_check）未通过');
    expect(h.findings[0]!.message).toContain('从最近一次有效的备份恢复');
    expect(h.findings[0]!.details.length).toBeGreaterThan(0);

    const refused = await core.router.invoke('org:create', OFFICER, { name: '新单位', kind: 'vendor' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(refused.ok ? '' : refused.error.message).toContain('数据库处于只读状态');
    // Reads of undamaged tables still work.
    expect(valueOf(await core.router.invoke('app:info', OFFICER, {}))).toMatchObject({ user: { username: 'officer' } });
    // query_only: not even a direct statement can write.
    expect(() => core.db.prepare("UPDATE settings SET value = 'x'").run()).toThrow(/readonly/);
    core.close();

    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(existsSync(dbPath)).toBe(true);
    // The next start runs the full integrity_check and still refuses writes.
    const again = await open();
    expect(await health(again)).toMatchObject({ readOnly: true, integrity: 'full', uncleanExit: true, findings: [{ check: 'integrityCheck' }] });
    again.close();
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('an unclean exit (marker left behind) runs the full integrity_check; a clean close removes the marker', async () => {
    const first = await open();
    expect(existsSync(markerPath(dbPath))).toBe(true);
    first.close();
    expect(existsSync(markerPath(dbPath))).toBe(false);

    const killed = await open();
    // A killed process never closes: its marker stays.
    writeFileSync(markerPath(dbPath), JSON.stringify({ pid: 1, openedAt: '2026-01-01T00:00:00Z' }));
    killed.db.close();
    const next = await open();
    expect(await health(next)).toMatchObject({ readOnly: false, integrity: 'full', uncleanExit: true, findings: [] });
    next.close();
    expect(await health(await open())).toMatchObject({ integrity: 'quick', uncleanExit: false });
  });

  it('a record pointing at a missing one (foreign_key_check) opens the database read-only', async () => {
    await populated();
    const core = await open();
    core.db.pragma('foreign_keys = OFF');
    core.db
      .prepare(
        `INSERT INTO contracts (uuid, project_name, client_org_id, vendor_org_id, amount_fen, created_at, created_by, updated_at, updated_by)
         VALUES ('00000000-0000-4000-8000-000000000001', '孤立合同', 99999, 99998, 0, 't', 'test', 't', 'test')`,
      )
      .run();
    core.close();
    const again = await open();
    const h = await health(again);
    expect(h).toMatchObject({ readOnly: true, findings: [{ check: 'foreignKeys', severity: 'error' }] });
    expect(h.findings[0]!.message).toContain('外键检查（foreign_key_check）发现 2 处');
    expect(h.findings[0]!.details[0]).toMatch(/表 contracts 第 \d+ 行引用的 organisations 记录不存在/);
    expect(await again.router.invoke('org:create', OFFICER, { name: '新单位', kind: 'vendor' })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
  });

  it('refuses to create a database on a network drive, and warns about an existing one', async () => {
    const nfs: LocationEnv = { platform: 'linux', mounts: `fileserver:/export ${temp.dir} nfs4 rw 0 0\n`, realpath: (p) => p, exists: existsSync };
    const onShare = () => openCore({ dataDir: temp.dir, keySource: fixedKeySource(), shell: fakeShell(), appVersion: 't', locationEnv: nfs });
    await expect(onShare()).rejects.toMatchObject({ code: 'NETWORK_LOCATION', message: expect.stringContaining('网络文件系统 nfs4') });
    expect(existsSync(dbPath)).toBe(false);

    (await open()).close();
    const core = await onShare();
    cores.push(core);
    const h = await health(core);
    expect(h).toMatchObject({ readOnly: false, findings: [{ check: 'location', severity: 'warning' }] });
    expect(h.findings[0]!.message).toContain('请把数据目录放在本机硬盘上');
    expect(valueOf(await core.router.invoke('org:create', OFFICER, { name: '新单位', kind: 'vendor' }))).toMatchObject({ name: '新单位' });
  });

  it('gives the data folder and its files owner-only permissions', async () => {
    (await open()).close();
    await open();
    expect(statSync(temp.dir).mode & 0o777).toBe(0o700);
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}.open`]) expect(statSync(join(temp.dir, f)).mode & 0o777).toBe(0o600);
  });
});
