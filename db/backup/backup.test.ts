import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupReport, BackupStatus, RestoreResult } from '../../common/api/backup';
import type { Result } from '../../common/api/result';
import { AuthGate } from '../security/gate';
import { readSlotFile } from '../security/slotfile';
import { fakeShell, type FakeShell } from '../testing/fixtures';
import { MAGIC } from './format';
import { KEPT_DIR } from './restore';
import { lastScheduled } from './schedule';

// Backup names and schedules are in the workstation's local time.
process.env.TZ = 'Asia/Shanghai';

const TEST_KDF = { alg: 'scrypt' as const, N: 1 << 10, r: 8, p: 1 };
const SYS = { username: 'lixt', password: 'Sysadmin#2024x' };

let root: string;
let clock: Date;
const gates: AuthGate[] = [];

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

interface Install {
  gate: AuthGate;
  shell: FakeShell;
  dataDir: string;
  recoveryCode: string;
}

async function install(name: string, unitName = '北京市卫生健康监督所'): Promise<Install> {
  const dataDir = join(root, name);
  const shell = fakeShell();
  const gate = new AuthGate({ dataDir, shell, appVersion: '1.0.0', now: () => clock, kdf: TEST_KDF, workstation: 'BM-PC-01' });
  gates.push(gate);
  const { recoveryCode } = value<{ recoveryCode: string }>(
    await gate.invoke('auth:setup', {
      unitName,
      marking: '内部',
      mode: 'separated',
      accounts: [
        { username: SYS.username, displayName: '李系统', password: SYS.password },
        { username: 'wangaq', displayName: '王安全', password: 'Secadmin#2024y' },
        { username: 'zhaosj', displayName: '赵审计', password: 'Auditor#2024zz' },
      ],
    }),
  );
  value(await gate.invoke('auth:login', SYS));
  return { gate, shell, dataDir, recoveryCode };
}

async function configure(gate: AuthGate, folder: string, extra: Record<string, unknown> = {}) {
  mkdirSync(folder, { recursive: true });
  return value(await gate.invoke('backup:setConfig', { folder, schedule: 'off', time: '17:30', weekday: 5, onExit: false, keep: 10, maxAgeDays: 7, ...extra }));
}

async function waitJob<T>(gate: AuthGate, jobId: string): Promise<T> {
  for (;;) {
    const s = value<{ state: string; result: unknown; error: string | null }>(await gate.invoke('job:status', { jobId }));
    if (s.state === 'done') return s.result as T;
    if (s.state === 'failed') throw new Error(s.error ?? 'job failed');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function backup(gate: AuthGate): Promise<{ file: string; path: string }> {
  const { jobId } = value<{ jobId: string }>(await gate.invoke('backup:start', {}));
  return waitJob(gate, jobId);
}

async function verify(gate: AuthGate, input: Record<string, unknown>): Promise<BackupReport> {
  const { jobId } = value<{ jobId: string }>(await gate.invoke('backup:verifyStart', input));
  return waitJob(gate, jobId);
}

const actions = (gate: AuthGate) => (gate.core!.db.prepare('SELECT action, result, summary FROM audit_log ORDER BY seq').all() as { action: string; result: string; summary: string }[]);
const ownFiles = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.bmbak')).sort();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'baomi-backup-'));
  clock = new Date('2026-11-21T10:30:00+08:00');
});
afterEach(() => {
  for (const g of gates.splice(0)) g.close();
  rmSync(root, { recursive: true, force: true });
});

describe('backup, verify and restore', () => {
  it('backs up, verifies the drill, restores the old data and records the restore in the restored trail', async () => {
    const { gate, dataDir } = await install('a');
    const folder = join(root, 'usb');
    await configure(gate, folder);
    const made = await backup(gate);
    expect(made.file).toBe('保密台账-备份-20261121-1030.bmbak');
    const bytes = readFileSync(made.path);
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    // The database inside stays encrypted: no register text in the clear.
    expect(bytes.includes(Buffer.from('北京市卫生健康监督所'))).toBe(true); // the manifest names the unit
    expect(bytes.subarray(0, bytes.length - 4096).includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(actions(gate).filter((a) => a.action === 'backup.create')).toMatchObject([{ result: 'ok' }]);

    clock = new Date('2026-11-21T10:31:00+08:00');
    value(await gate.invoke('settings:update', { unitName: '改动后的单位', marking: '内部' }));
    expect(value<{ unitName: string }>(await gate.invoke('settings:get', {})).unitName).toBe('改动后的单位');

    const report = await verify(gate, { file: made.file });
    expect(report.ok).toBe(true);
    expect(report.keyFrom).toBe('current');
    expect(report.checks.map((c) => c.name)).toEqual(['文件结构', '清单校验码', '内容摘要', '数据库完整性', '记录数', '审计链']);
    expect(report.counts).toMatchObject({ accounts: 3 });

    const restored = value<RestoreResult>(await gate.invoke('backup:restore', { token: report.token, confirmCreatedAt: report.createdAt }));
    expect(restored.restoredFrom).toBe(made.file);
    // The session ended: everyone logs in again.
    expect(gate.status().phase).toBe('login');
    // The replaced database is kept aside, never deleted.
    expect(existsSync(join(restored.keptAside, 'baomi.db'))).toBe(true);
    expect(restored.keptAside.startsWith(join(dataDir, KEPT_DIR))).toBe(true);

    value(await gate.invoke('auth:login', SYS));
    expect(value<{ unitName: string }>(await gate.invoke('settings:get', {})).unitName).toBe('北京市卫生健康监督所');
    const trail = actions(gate);
    const restore = trail.find((a) => a.action === 'backup.restore');
    expect(restore?.summary).toContain(`从备份 ${made.file}`);
    // The change made after the backup is not in the restored trail; the chain and the head outside agree.
    expect(trail.some((a) => a.action === 'settings.update')).toBe(false);
    expect(value<{ ok: boolean }>(await gate.invoke('backup:status', {}))).toMatchObject({ stale: false });
    const head = readSlotFile(gate.slotPath)!.auditHead!;
    expect(gate.core!.trail.verify({ expectedHead: head }).ok).toBe(true);
  });

  it('refuses a backup with a changed byte, a changed manifest or a cut-off end, saying why', async () => {
    const { gate } = await install('a');
    const folder = join(root, 'usb');
    await configure(gate, folder);
    const made = await backup(gate);
    const original = readFileSync(made.path);

    const flipped = Buffer.from(original);
    flipped[MAGIC.length + 5000] = flipped[MAGIC.length + 5000]! ^ 0x01;
    writeFileSync(made.path, flipped);
    let report = await verify(gate, { file: made.file });
    expect(report.ok).toBe(false);
    expect(report.problem).toContain('SM3 摘要与清单不符');
    expect(report.token).toBeNull();

    const text = original.toString('latin1').replace('"accounts":3', '"accounts":4');
    writeFileSync(made.path, Buffer.from(text, 'latin1'));
    report = await verify(gate, { file: made.file });
    expect(report.problem).toContain('清单已被改动');

    writeFileSync(made.path, original);
    truncateSync(made.path, original.length - 100);
    report = await verify(gate, { file: made.file });
    expect(report.problem).toContain('备份文件不完整');
  });

  it('refuses a foreign backup; its own recovery code opens it for the drill, but it is never restored here', async () => {
    const ours = await install('ours');
    const theirs = await install('theirs', '另一家单位');
    const folder = join(root, 'theirs-usb');
    await configure(theirs.gate, folder);
    const made = await backup(theirs.gate);
    await configure(ours.gate, join(root, 'usb'));

    ours.shell.openPaths.push(made.path);
    let report = await verify(ours.gate, {});
    expect(report.ok).toBe(false);
    expect(report.problem).toContain('不是本机这套保密台账生成的');

    ours.shell.openPaths.push(made.path);
    report = await verify(ours.gate, { recoveryCode: theirs.recoveryCode });
    expect(report).toMatchObject({ ok: true, keyFrom: 'recovery' });
    const refused = await ours.gate.invoke('backup:restore', { token: report.token, confirmCreatedAt: report.createdAt });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('不是本机这套保密台账生成的') } });
    expect(ours.gate.status().phase).toBe('open');
  });

  it('a backup that fails half-way leaves the earlier backups and no half file counted as good', async () => {
    const { gate } = await install('a');
    const folder = join(root, 'usb');
    await configure(gate, folder);
    const first = await backup(gate);
    const before = readFileSync(first.path);

    for (const failAt of ['written', 'beforeRename'] as const) {
      clock = new Date(clock.getTime() + 60_000);
      await expect(gate.backups.run('manual', { actorId: 't', actorName: '测试' }, undefined, failAt)).rejects.toThrow();
      expect(readdirSync(folder)).toEqual([first.file]);
    }
    // A process killed mid-write leaves its hidden part file: never listed, removed by the next backup.
    writeFileSync(join(folder, `.${first.file.replace('1030', '1031')}.99999.tmp`), before.subarray(0, 1000));
    const listed = value<{ files: { file: string; createdAt: string | null }[] }>(await gate.invoke('backup:list', {}));
    expect(listed.files.map((f) => f.file)).toEqual([first.file]);
    expect(readFileSync(first.path).equals(before)).toBe(true);
    expect((await verify(gate, { file: first.file })).ok).toBe(true);
    expect(actions(gate).filter((a) => a.action === 'backup.create').map((a) => a.result)).toEqual(['ok', 'failed', 'failed']);

    clock = new Date(clock.getTime() + 60_000);
    await backup(gate);
    expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(ownFiles(folder)).toHaveLength(2);
  });

  it('keeps the newest N of its own files and touches nothing else in the folder', async () => {
    const { gate } = await install('a');
    const folder = join(root, 'usb');
    await configure(gate, folder, { keep: 3 });
    writeFileSync(join(folder, '说明.txt'), '备份介质');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock = new Date(clock.getTime() + 60_000);
      made.push((await backup(gate)).file);
    }
    expect(ownFiles(folder)).toEqual(made.slice(2).sort());
    expect(existsSync(join(folder, '说明.txt'))).toBe(true);
  });

  it('restores with the recovery code from the login screen when no password is known', async () => {
    const { gate, shell, recoveryCode } = await install('a');
    const folder = join(root, 'usb');
    await configure(gate, folder);
    const made = await backup(gate);
    value(await gate.invoke('settings:update', { unitName: '改动后的单位', marking: '内部' }));
    value(await gate.invoke('auth:logout', {}));

    shell.openPaths.push(made.path);
    const wrong = value<BackupReport>(await gate.invoke('auth:inspectBackup', { recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }));
    expect(wrong.ok).toBe(false);
    shell.openPaths.push(made.path);
    const report = value<BackupReport>(await gate.invoke('auth:inspectBackup', { recoveryCode }));
    expect(report.ok).toBe(true);
    const mismatch = await gate.invoke('auth:restoreBackup', { token: report.token, confirmCreatedAt: '2020-01-01T00:00:00.000Z', recoveryCode });
    expect(mismatch.ok).toBe(false);
    value(await gate.invoke('auth:restoreBackup', { token: report.token, confirmCreatedAt: report.createdAt, recoveryCode }));

    value(await gate.invoke('auth:login', SYS));
    expect(value<{ unitName: string }>(await gate.invoke('settings:get', {})).unitName).toBe('北京市卫生健康监督所');
    const restore = actions(gate).find((a) => a.action === 'backup.restore');
    expect(restore).toBeDefined();
    const actor = gate.core!.db.prepare("SELECT actor_name AS n FROM audit_log WHERE action = 'backup.restore'").get() as { n: string };
    expect(actor.n).toBe('恢复码持有人');
  });
});

describe('backup status and schedule', () => {
  it('says when there is no backup, when it is fresh, when it is too old and when the folder is missing', async () => {
    const { gate } = await install('a');
    const status = async () => value<BackupStatus>(await gate.invoke('backup:status', {}));
    expect(await status()).toMatchObject({ last: null, stale: true, folderMissing: true, maxAgeDays: 7 });
    const folder = join(root, 'usb');
    await configure(gate, folder);
    await backup(gate);
    expect(await status()).toMatchObject({ stale: false, folderMissing: false, ageDays: 0, last: { file: '保密台账-备份-20261121-1030.bmbak' } });
    clock = new Date(clock.getTime() + 8 * 86_400_000);
    value(await gate.invoke('auth:unlock', { password: SYS.password }));
    expect(await status()).toMatchObject({ stale: true, ageDays: 8 });
    rmSync(folder, { recursive: true });
    expect(await status()).toMatchObject({ folderMissing: true });
  });

  it('finds the latest scheduled moment, daily and weekly', () => {
    const now = new Date('2026-11-21T10:30:00+08:00'); // a Saturday
    expect(lastScheduled({ schedule: 'daily', time: '17:30', weekday: 1 }, now)?.toISOString()).toBe('2026-11-20T09:30:00.000Z');
    expect(lastScheduled({ schedule: 'daily', time: '09:00', weekday: 1 }, now)?.toISOString()).toBe('2026-11-21T01:00:00.000Z');
    expect(lastScheduled({ schedule: 'weekly', time: '17:30', weekday: 5 }, now)?.toISOString()).toBe('2026-11-20T09:30:00.000Z');
    expect(lastScheduled({ schedule: 'weekly', time: '17:30', weekday: 6 }, now)?.toISOString()).toBe('2026-11-14T09:30:00.000Z');
    expect(lastScheduled({ schedule: 'off', time: '17:30', weekday: 6 }, now)).toBeNull();
  });

  it('runs a due scheduled backup once, and backs up when the session ends if so configured', async () => {
    const { gate } = await install('a');
    const folder = join(root, 'usb');
    await configure(gate, folder, { schedule: 'daily', time: '09:00', onExit: true });
    await gate.backups.tick();
    await gate.backups.tick();
    expect(ownFiles(folder)).toHaveLength(1);
    clock = new Date(clock.getTime() + 5 * 60_000);
    value(await gate.invoke('auth:logout', {}));
    expect(ownFiles(folder)).toHaveLength(2);
  });
});
