import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../common/api/result';
import { fakeShell } from '../testing/fixtures';
import { AuthGate, GENERIC_LOGIN_FAILURE } from './gate';
import { readSlotFile } from './slotfile';
import { deriveKek } from './kdf';
import { unwrapKey } from './wrap';
import { openDatabase } from '../core/open';

/** A cheap KDF for tests only; the product's cost is fixed in kdf.ts. */
const TEST_KDF = { alg: 'scrypt' as const, N: 1 << 10, r: 8, p: 1 };
const PASSWORDS = { sys: 'Sysadmin#2024x', sec: 'Secadmin#2024y', aud: 'Auditor#2024zz' };

let dir: string;
let clock: Date;
const gates: AuthGate[] = [];

function newGate(): AuthGate {
  const gate = new AuthGate({ dataDir: dir, shell: fakeShell(), appVersion: 't', now: () => clock, kdf: TEST_KDF, workstation: 'BM-PC-01' });
  gates.push(gate);
  return gate;
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function setupSeparated(gate: AuthGate): Promise<string> {
  const r = value(
    (await gate.invoke('auth:setup', {
      unitName: '北京市卫生健康监督所',
      marking: '内部',
      mode: 'separated',
      accounts: [
        { username: 'lixt', displayName: '李系统', password: PASSWORDS.sys },
        { username: 'wangaq', displayName: '王安全', password: PASSWORDS.sec },
        { username: 'zhaosj', displayName: '赵审计', password: PASSWORDS.aud },
      ],
    })) as Result<{ recoveryCode: string }>,
  );
  return r.recoveryCode;
}

const login = (gate: AuthGate, username: string, password: string) => gate.invoke('auth:login', { username, password });
const auditActions = (gate: AuthGate) =>
  (gate.core!.db.prepare('SELECT action, result FROM audit_log ORDER BY seq').all() as { action: string; result: string }[]).map(
    (r) => `${r.action}:${r.result}`,
  );

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baomi-gate-'));
  clock = new Date('2026-03-02T09:00:00+08:00');
});
afterEach(() => {
  for (const g of gates.splice(0)) g.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('first run', () => {
  it('starts in setup, creates three administrators, slots and a recovery code, then asks for login', async () => {
    const gate = newGate();
    expect(gate.status().phase).toBe('setup');
    const code = await setupSeparated(gate);
    expect(code).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){5}$/);
    expect(gate.status()).toMatchObject({ phase: 'login', unitName: '北京市卫生健康监督所', user: null });
    const file = readSlotFile(gate.slotPath)!;
    expect(file.slots.map((s) => s.kind).sort()).toEqual(['account', 'account', 'account', 'recovery']);
    expect(file.slots.every((s) => s.kdf.alg === 'scrypt' && s.kdf.N === TEST_KDF.N)).toBe(true);
    expect(readFileSync(gate.slotPath, 'utf8')).not.toContain(PASSWORDS.sys);
    expect(file.auditHead?.seq).toBe(1);
  });

  it('refuses a second setup and weak or duplicate administrator passwords', async () => {
    const gate = newGate();
    const weak = await gate.invoke('auth:setup', {
      unitName: '郑州大学',
      mode: 'combined',
      accounts: [
        { username: 'guanli', displayName: '管理员', password: 'short' },
        { username: 'zhaosj', displayName: '审计员', password: PASSWORDS.aud },
      ],
    });
    expect(weak).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'accounts.0.password' } });
    expect(existsSync(gate.dbPath)).toBe(false);
    await setupSeparated(gate);
    const again = await setupSeparated(gate).catch((e: Error) => e.message);
    expect(again).toContain('已有数据');
  });

  it('the small-office mode gives one account sysadmin and secadmin; the auditor stays separate', async () => {
    const gate = newGate();
    value(
      await gate.invoke('auth:setup', {
        unitName: '常州市政务服务管理办公室',
        mode: 'combined',
        accounts: [
          { username: 'guanli', displayName: '管理员', password: PASSWORDS.sys },
          { username: 'zhaosj', displayName: '审计员', password: PASSWORDS.aud },
        ],
      }),
    );
    value(await login(gate, 'guanli', PASSWORDS.sys));
    expect(gate.status().user?.roles).toEqual(['sysadmin', 'secadmin']);
  });
});

describe('login', () => {
  it('opens the database with the password and names the session; wrong password and unknown user get one message', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    const wrong = await login(gate, 'lixt', 'Wrong#password1');
    const unknown = await login(gate, 'nobody', PASSWORDS.sys);
    expect(wrong).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: GENERIC_LOGIN_FAILURE } });
    expect(unknown).toEqual(wrong);
    expect(gate.core).toBeNull();
    const status = value(await login(gate, 'LIXT', PASSWORDS.sys)) as { phase: string; user: { roles: string[] } };
    expect(status.phase).toBe('open');
    expect(status.user.roles).toEqual(['sysadmin']);
    // The failed attempts entered the trail at the next open.
    expect(auditActions(gate)).toEqual(['auth.setup:ok', 'auth.loginFailed:failed', 'auth.loginFailed:failed', 'auth.login:ok']);
  });

  it('locks an account after five failures, also across a restart, until the lockout ends', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    for (let i = 0; i < 5; i++) await login(gate, 'wangaq', 'Wrong#password1');
    const locked = await login(gate, 'wangaq', PASSWORDS.sec);
    expect(locked).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!locked.ok) expect(locked.error.message).toContain('已锁定');
    const restarted = newGate();
    expect(await login(restarted, 'wangaq', PASSWORDS.sec)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    clock = new Date(clock.getTime() + 16 * 60_000);
    value(await login(restarted, 'wangaq', PASSWORDS.sec));
    expect(auditActions(restarted).filter((a) => a.startsWith('auth.lockout'))).toEqual(['auth.lockout:failed']);
  });

  it('locks when idle and unlocks only with the password; logout closes the database', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    value(await gate.invoke('account:list', {}));
    clock = new Date(clock.getTime() + 11 * 60_000);
    expect(await gate.invoke('account:list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(gate.status().phase).toBe('locked');
    expect(await gate.invoke('auth:unlock', { password: 'nope' })).toMatchObject({ ok: false, error: { field: 'password' } });
    value(await gate.invoke('auth:unlock', { password: PASSWORDS.sys }));
    value(await gate.invoke('account:list', {}));
    value(await gate.invoke('auth:logout', {}));
    expect(gate.core).toBeNull();
    expect(gate.status().phase).toBe('login');
  });
});

describe('accounts and the three administrators', () => {
  it('sysadmin creates an officer with a one-time password, secadmin gives the role, the officer must change it', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    expect(await gate.invoke('org:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const created = value(await gate.invoke('account:create', { username: 'zhang', displayName: '张保密' })) as {
      oneTimePassword: string;
      account: { id: number; rev: number; mustChangePassword: boolean };
    };
    expect(created.account.mustChangePassword).toBe(true);
    value(await gate.invoke('auth:logout', {}));

    value(await login(gate, 'wangaq', PASSWORDS.sec));
    const list = value(await gate.invoke('account:list', {})) as { accounts: { username: string; id: number; rev: number }[] };
    const zhang = list.accounts.find((a) => a.username === 'zhang')!;
    const twoAdmin = await gate.invoke('account:setRoles', { id: zhang.id, rev: zhang.rev, roles: ['officer', 'auditor'] });
    expect(twoAdmin).toMatchObject({ ok: false, error: { code: 'RULE' } });
    value(await gate.invoke('account:setRoles', { id: zhang.id, rev: zhang.rev, roles: ['officer'] }));
    value(await gate.invoke('auth:logout', {}));

    value(await login(gate, 'zhang', created.oneTimePassword));
    expect(gate.status().user?.mustChangePassword).toBe(true);
    expect(await gate.invoke('org:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '请先修改密码后再继续' } });
    const reuse = await gate.invoke('auth:changePassword', { currentPassword: created.oneTimePassword, newPassword: created.oneTimePassword });
    expect(reuse).toMatchObject({ ok: false, error: { field: 'newPassword' } });
    value(await gate.invoke('auth:changePassword', { currentPassword: created.oneTimePassword, newPassword: 'Bm#Officer2026x' }));
    value(await gate.invoke('org:create', { name: '北京金山云网络技术有限公司', kind: 'vendor' }));
    value(await gate.invoke('auth:logout', {}));
    expect(await login(gate, 'zhang', created.oneTimePassword)).toMatchObject({ ok: false });
    value(await login(gate, 'zhang', 'Bm#Officer2026x'));
  });

  it('the recovery code opens the database and sets a new password; a wrong code writes nothing', async () => {
    const gate = newGate();
    const code = await setupSeparated(gate);
    const before = readFileSync(gate.dbPath);
    const wrong = await gate.invoke('auth:recover', { recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', username: 'lixt', newPassword: 'Brand#New2026pw' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', field: 'recoveryCode' } });
    expect(readFileSync(gate.dbPath).equals(before)).toBe(true);
    value(await gate.invoke('auth:recover', { recoveryCode: code.toLowerCase(), username: 'lixt', newPassword: 'Brand#New2026pw' }));
    expect(gate.status()).toMatchObject({ phase: 'open', user: { username: 'lixt' } });
    value(await gate.invoke('auth:logout', {}));
    expect(await login(gate, 'lixt', PASSWORDS.sys)).toMatchObject({ ok: false });
    value(await login(gate, 'lixt', 'Brand#New2026pw'));
  });

  it('every action above is in a verifiable chain whose head is also kept in the slot file', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    value(await gate.invoke('account:create', { username: 'li', displayName: '李查阅' }));
    const head = readSlotFile(gate.slotPath)!.auditHead!;
    const trail = gate.core!.trail;
    expect(trail.head()).toEqual({ seq: head.seq, mac: head.mac });
    expect(trail.verify({ expectedHead: head })).toMatchObject({ ok: true });
  });
});

describe('start-up check of the audit trail', () => {
  it('a record changed outside the app is reported at the next login, and stays reported', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    expect(gate.status().auditAlert).toBeNull();
    const db = gate.core!.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET summary = '篡改' WHERE seq = 2").run();
    value(await gate.invoke('auth:logout', {}));
    value(await login(gate, 'lixt', PASSWORDS.sys));
    expect(gate.status().auditAlert).toContain('第 2 条审计记录内容被改动');
    value(await gate.invoke('auth:logout', {}));
    value(await login(newGate(), 'wangaq', PASSWORDS.sec));
    expect(gates.at(-1)!.status().auditAlert).toContain('第 2 条');
  });

  it('a tail cut offline (by someone holding a password) is found from the head kept in the slot file', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    value(await gate.invoke('account:list', {}));
    value(await gate.invoke('auth:logout', {}));
    const file = readSlotFile(gate.slotPath)!;
    const slot = file.slots.find((x) => x.username === 'lixt')!;
    const key = unwrapKey(await deriveKek(PASSWORDS.sys, slot.kdf), slot.sealed, slot.id)!;
    const db = openDatabase(gate.dbPath, key);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(file.auditHead!.seq - 2);
    db.close();
    value(await login(gate, 'lixt', PASSWORDS.sys));
    expect(gate.status().auditAlert).toContain('截断');
  });
});

describe('system settings and the recovery code (sysadmin)', () => {
  it('a new recovery code replaces the old one; the unit name shows on the login screen', async () => {
    const gate = newGate();
    const oldCode = await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    expect(await gate.invoke('recovery:regenerate', { confirm: false })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const { recoveryCode } = value(await gate.invoke('recovery:regenerate', { confirm: true })) as { recoveryCode: string };
    expect(recoveryCode).not.toBe(oldCode);
    value(await gate.invoke('settings:update', { unitName: '郑州大学', marking: '工作秘密' }));
    value(await gate.invoke('auth:logout', {}));
    expect(gate.status().unitName).toBe('郑州大学');
    expect(readSlotFile(gate.slotPath)!.slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
    const old = await gate.invoke('auth:recover', { recoveryCode: oldCode, username: 'lixt', newPassword: 'Another#Pass2026' });
    expect(old).toMatchObject({ ok: false, error: { field: 'recoveryCode' } });
    value(await gate.invoke('auth:recover', { recoveryCode, username: 'lixt', newPassword: 'Another#Pass2026' }));
    expect(gate.status()).toMatchObject({ phase: 'open', user: { username: 'lixt' } });
    expect(value(await gate.invoke('settings:get', {}))).toEqual({ unitName: '郑州大学', marking: '工作秘密' });
  });
});

describe('encryption at rest', () => {
  it('the database, its -wal and -shm hold no canary plaintext and do not look like SQLite', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    const created = value(await gate.invoke('account:create', { username: 'zhang.bm', displayName: '张保密' })) as { account: { id: number; rev: number } };
    value(await gate.invoke('auth:logout', {}));
    value(await login(gate, 'wangaq', PASSWORDS.sec));
    value(await gate.invoke('account:setRoles', { id: created.account.id, rev: created.account.rev, roles: ['officer'] }));
    value(await gate.invoke('auth:logout', {}));
    // A router call as an officer, with canaries: an ID number and a mobile number.
    value(await login(gate, 'lixt', PASSWORDS.sys));
    const officer = { accountId: 'x', username: 'zhang.bm', displayName: '张保密', roles: ['officer' as const] };
    value(await gate.core!.router.invoke('org:create', officer, { name: '金山云', kind: 'vendor', phone: '13912345678', note: '联系人身份证 11010519491231002X' }));
    const files = ['', '-wal', '-shm'].map((suffix) => `${gate.dbPath}${suffix}`).filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const canary of ['13912345678', '11010519491231002X', '金山云', '张保密']) expect(bytes.includes(Buffer.from(canary)), `${f} contains ${canary}`).toBe(false);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    }
  });
});

describe('administrator accounts', () => {
  it('the sysadmin cannot reset another administrator’s password (no taking over the auditor)', async () => {
    const gate = newGate();
    await setupSeparated(gate);
    value(await login(gate, 'lixt', PASSWORDS.sys));
    const { accounts } = value(await gate.invoke('account:list', {})) as { accounts: { id: number; rev: number; username: string }[] };
    const auditor = accounts.find((a) => a.username === 'zhaosj')!;
    const refused = await gate.invoke('account:resetPassword', { id: auditor.id, rev: auditor.rev });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE' } });
    if (!refused.ok) expect(refused.error.message).toContain('恢复码');
  });
});
