/**
 * A database damaged between two sessions (a flipped bit on disk, a stray write): the next login
 * opens it read-only, says what is wrong, refuses every change, keeps every byte, and keeps the
 * session's audit records aside until a healthy database (a restored backup) takes them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StartupHealth } from '../../common/api/app';
import { openDatabase } from '../../db/core/open';
import { AuthGate } from '../../db/security/gate';
import { deriveKek } from '../../db/security/kdf';
import { readSlotFile } from '../../db/security/slotfile';
import { unwrapKey } from '../../db/security/wrap';
import { fakeShell } from '../../db/testing/fixtures';
import { corruptPageOf } from '../../db/testing/pages';
import { ADMINS, loginAs, OFFICER, provisionUser, setupOffice, value } from '../harness/accounts';

const TEST_KDF = { alg: 'scrypt' as const, N: 1 << 10, r: 8, p: 1 };

let dir: string;
const gates: AuthGate[] = [];
const newGate = () => {
  const gate = new AuthGate({ dataDir: dir, shell: fakeShell(), appVersion: 't', kdf: TEST_KDF, workstation: 'BM-PC-01' });
  gates.push(gate);
  return gate;
};

async function untilDone<T = unknown>(gate: AuthGate, jobId: string): Promise<T> {
  for (;;) {
    const s = value<{ state: string; result: unknown; error: string | null }>(await gate.invoke('job:status', { jobId }));
    if (s.state === 'done') return s.result as T;
    if (s.state === 'failed') throw new Error(s.error ?? 'job failed');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function databaseKey(gate: AuthGate): Promise<Uint8Array> {
  const slot = readSlotFile(gate.slotPath)!.slots.find((s) => s.username === ADMINS.sysadmin.username)!;
  return unwrapKey(await deriveKek(ADMINS.sysadmin.password, slot.kdf), slot.sealed, slot.id)!;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baomi-corrupt-'));
});
afterEach(() => {
  for (const g of gates.splice(0)) g.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database damaged on disk', () => {
  it('opens read-only at the next login, refuses changes with the reason, keeps every byte, and a restored copy takes the kept audit records', async () => {
    const gate = newGate();
    await setupOffice(gate);
    await provisionUser(gate, OFFICER);
    await loginAs(gate, OFFICER);
    for (let i = 0; i < 300; i++) value(await gate.invoke('org:create', { name: `测试单位${String(i).padStart(3, '0')}`, kind: 'vendor', note: '备注'.repeat(20) }));
    value(await gate.invoke('auth:logout', {}));
    gate.close();

    // The healthy file, as a backup would have it; then a page of the organisations goes bad.
    const key = await databaseKey(gate);
    const checkpoint = openDatabase(gate.dbPath, key);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    const healthy = readFileSync(gate.dbPath);
    const headBefore = readSlotFile(gate.slotPath)!.auditHead;
    corruptPageOf(gate.dbPath, 'organisations', key);
    const damaged = readFileSync(gate.dbPath);

    const next = newGate();
    await loginAs(next, OFFICER);
    expect(next.status()).toMatchObject({ phase: 'open', user: { username: OFFICER.username } });
    const health = value<StartupHealth>(await next.invoke('app:health', {}));
    expect(health.readOnly).toBe(true);
    expect(health.findings.map((f) => f.check)).toEqual(['quickCheck']);
    expect(health.findings[0]!.message).toContain('数据库文件已损坏');

    // Every change is refused with the reason; reads that avoid the damaged page work.
    const refused = await next.invoke('org:create', { name: '新单位', kind: 'vendor' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(refused.ok ? '' : refused.error.message).toContain('请系统管理员从备份恢复');
    expect(await next.invoke('auth:changePassword', { currentPassword: OFFICER.password, newPassword: 'Another#Pass2026' })).toMatchObject({
      ok: false,
      error: { code: 'READ_ONLY' },
    });
    expect(value<{ user: { username: string } }>(await next.invoke('app:info', {})).user.username).toBe(OFFICER.username);
    value(await next.invoke('auth:logout', {}));

    // The auditor can still read the trail; the read is recorded aside, not in the damaged file.
    await loginAs(next, ADMINS.auditor);
    expect(value<{ total: number }>(await next.invoke('audit:list', {})).total).toBeGreaterThan(300);
    value(await next.invoke('auth:logout', {}));
    next.close();

    // Nothing was written, deleted or recreated.
    expect(readFileSync(next.dbPath).equals(damaged)).toBe(true);
    expect(readSlotFile(next.slotPath)!.auditHead).toEqual(headBefore);
    const kept = readSlotFile(next.slotPath)!.deferredAudit.map((r) => `${r.action}:${r.result ?? 'ok'}`);
    expect(kept).toEqual(['app.startupCheck:failed', 'auth.login:ok', 'auth.logout:ok', 'app.startupCheck:failed', 'auth.login:ok', 'audit.view:ok', 'auth.logout:ok']);

    // The system administrator restores the healthy copy: the next login writes again, and the
    // records kept aside enter its trail, the chain verifying.
    writeFileSync(next.dbPath, healthy);
    rmSync(`${next.dbPath}-wal`, { force: true });
    rmSync(`${next.dbPath}-shm`, { force: true });
    const restored = newGate();
    await loginAs(restored, OFFICER);
    const after = value<StartupHealth>(await restored.invoke('app:health', {}));
    expect(after).toMatchObject({ readOnly: false, findings: [], integrity: 'full', uncleanExit: true });
    value(await restored.invoke('org:create', { name: '恢复后新增单位', kind: 'vendor' }));
    const actions = (restored.core!.db.prepare("SELECT action, result FROM audit_log WHERE action IN ('app.startupCheck', 'audit.view') ORDER BY seq").all() as {
      action: string;
      result: string;
    }[]).map((r) => `${r.action}:${r.result}`);
    expect(actions).toEqual(['app.startupCheck:failed', 'app.startupCheck:failed', 'audit.view:ok']);
    expect(restored.core!.trail.verify({ expectedHead: readSlotFile(restored.slotPath)!.auditHead })).toMatchObject({ ok: true });
    expect(readSlotFile(restored.slotPath)!.deferredAudit).toEqual([]);
    expect(existsSync(restored.slotPath)).toBe(true);
  });

  it('an audit chain that no longer verifies also makes the database read-only', async () => {
    const gate = newGate();
    await setupOffice(gate);
    await loginAs(gate, ADMINS.sysadmin);
    const db = gate.core!.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET summary = '篡改' WHERE seq = 1").run();
    value(await gate.invoke('auth:logout', {}));

    await loginAs(gate, ADMINS.sysadmin);
    const health = value<StartupHealth>(await gate.invoke('app:health', {}));
    expect(health).toMatchObject({ readOnly: true, findings: [{ check: 'auditChain', severity: 'error' }] });
    expect(health.findings[0]!.message).toContain('第 1 条审计记录内容被改动');
    expect(gate.status().auditAlert).toContain('第 1 条审计记录内容被改动');
    expect(await gate.invoke('account:create', { username: 'li.new', displayName: '李新' })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(value<{ accounts: unknown[] }>(await gate.invoke('account:list', {})).accounts.length).toBe(3);
    value(await gate.invoke('auth:logout', {}));
    const kept = readSlotFile(gate.slotPath)!.deferredAudit;
    expect(kept.map((r) => r.action)).toEqual(['audit.startupCheck', 'auth.login', 'auth.logout']);
    expect(kept[0]).toMatchObject({ targetType: 'audit', targetId: 1, result: 'failed' });
  });
  it('the system administrator restores a backup through the app while the database is read-only', async () => {
    const gate = newGate();
    await setupOffice(gate);
    await loginAs(gate, ADMINS.sysadmin);
    const folder = join(dir, 'usb');
    mkdirSync(folder);
    value(await gate.invoke('backup:setConfig', { folder, schedule: 'off', time: '17:30', weekday: 5, onExit: false, keep: 10, maxAgeDays: 7 }));
    await untilDone(gate, value<{ jobId: string }>(await gate.invoke('backup:start', {})).jobId);
    for (let i = 0; i < 300; i++) value(await gate.invoke('settings:update', { unitName: `北京市卫生健康监督所${i}`, marking: '内部' }));
    value(await gate.invoke('auth:logout', {}));
    gate.close();
    const key = await databaseKey(gate);
    const checkpoint = openDatabase(gate.dbPath, key);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    corruptPageOf(gate.dbPath, 'audit_log', key);

    const next = newGate();
    await loginAs(next, ADMINS.sysadmin);
    expect(value<StartupHealth>(await next.invoke('app:health', {})).readOnly).toBe(true);
    const [file] = value<{ files: { file: string }[] }>(await next.invoke('backup:list', {})).files;
    const report = await untilDone<{ ok: boolean; token: string; createdAt: string }>(next, value<{ jobId: string }>(await next.invoke('backup:verifyStart', { file: file!.file })).jobId);
    expect(report.ok).toBe(true);
    value(await next.invoke('backup:restore', { token: report.token, confirmCreatedAt: report.createdAt }));
    expect(next.status().phase).toBe('login');

    // The restored database writes again; its trail holds the restore and the records kept aside
    // while the damaged one was open.
    await loginAs(next, ADMINS.sysadmin);
    expect(value<StartupHealth>(await next.invoke('app:health', {})).readOnly).toBe(false);
    expect(value<{ unitName: string }>(await next.invoke('settings:get', {})).unitName).toBe('北京市卫生健康监督所');
    const trail = next.core!.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];
    expect(trail).toEqual(expect.arrayContaining(['app.startupCheck', 'backup.verifyResult', 'backup.restore']));
    expect(next.core!.trail.verify({ expectedHead: readSlotFile(next.slotPath)!.auditHead })).toMatchObject({ ok: true });
  });
});
