import { randomBytes, randomUUID, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { setupSchema } from '../../common/api/auth';
import { authChannels, type AuthStatus } from '../../common/api/auth';
import { DomainError, fail, ok, type Result } from '../../common/api/result';
import { hmacSm3 } from '../../common/crypto/sm3';
import { DEFAULT_POLICY, passwordProblems, type SecurityPolicy } from '../../common/security/policy';
import type { AdminMode, Role, Session } from '../../common/security/roles';
import type { AuditRecord, AuditVerification } from '../audit/log';
import { BackupService, RECOVERY_ACTOR } from '../backup/service';
import { DB_FILE, openCore, type Core } from '../core';
import { DataCoreError } from '../core/errors';
import { KEY_BYTES, type KeySource } from '../core/keys';
import { READ_ONLY_MESSAGE } from '../core/health';
import { getSetting, setSetting } from '../core/settings';
import type { ShellPort } from '../ports/shell';
import type { SecurityServices } from '../router/handlers';
import {
  createAccount,
  findAccountByUsername,
  getAccountByUuid,
  passwordFingerprint,
  recentlyUsed,
  recordLogin,
  recordPasswordChange,
  type Account,
} from './accounts';
import { DEFAULT_KDF, deriveKek, newKdfParams, type KdfParams } from './kdf';
import { SLOT_FILE, SLOT_FILE_VERSION, SlotFileError, readSlotFile, writeSlotFile, type PendingAuthEvent, type Slot, type SlotFile } from './slotfile';
import { unwrapKey, wrapKey } from './wrap';

export const GENERIC_LOGIN_FAILURE = '账户名或密码不正确';
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const RECOVERY_ACCOUNT = '#recovery';

export interface GateOptions {
  dataDir: string;
  shell: ShellPort;
  appVersion: string;
  now?: () => Date;
  /** KDF cost; tests may lower it, the product never does. */
  kdf?: Omit<KdfParams, 'salt'>;
  nativeBinding?: string;
  workstation?: string;
  /** The bundled export worker (see CoreOptions.workerScript). */
  workerScript?: string;
}

interface OpenState {
  core: Core;
  key: Uint8Array;
  session: Session;
  account: Account;
  locked: boolean;
  lastActivity: number;
  /** Result of the start-up check of the audit chain; null when it passed. */
  auditAlert: string | null;
}

class StaticKeySource implements KeySource {
  readonly kind = 'account' as const;
  constructor(private readonly key: Uint8Array) {}
  async getKey(): Promise<Uint8Array> {
    return new Uint8Array(this.key);
  }
}

/** A recovery code of 120 random bits: 24 characters in groups of four. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 24; i++) code += RECOVERY_ALPHABET.charAt(randomInt(RECOVERY_ALPHABET.length));
  return code.match(/.{4}/g)!.join('-');
}
export const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

const lower = (u: string) => u.trim().toLowerCase();

/** How many of the newest audit records the start-up check recomputes (besides the head kept outside). */
export const AUDIT_FAST_CHECK_RECORDS = 1000;

/**
 * The login gate: owns the key slots, opens the encrypted database only for a proven password
 * (or the recovery code), holds the session in this process and serves the `auth:*` channels.
 * Every other channel goes to the router with the gate's session.
 */
export class AuthGate {
  private state: OpenState | null = null;
  private readonly now: () => Date;
  private readonly kdf: Omit<KdfParams, 'salt'>;
  readonly slotPath: string;
  readonly dbPath: string;
  /** Backups, the restore drill and restore; scheduled while a session is open. */
  readonly backups: BackupService;

  constructor(private readonly options: GateOptions) {
    this.now = options.now ?? (() => new Date());
    this.kdf = options.kdf ?? DEFAULT_KDF;
    this.slotPath = join(options.dataDir, SLOT_FILE);
    this.dbPath = join(options.dataDir, DB_FILE);
    this.backups = new BackupService({
      dataDir: options.dataDir,
      appVersion: options.appVersion,
      workstation: () => this.workstation(),
      now: () => this.now(),
      open: () => (this.state ? { core: this.state.core, key: this.state.key } : null),
      slotFile: () => readSlotFile(this.slotPath),
      writeSlotFile: (file) => writeSlotFile(this.slotPath, file),
      publishHead: (core, head) => this.storeHead(core, head),
      deferAudit: (record) => this.deferAudit(record),
      unseal: (slot, secret) => this.unseal(slot, secret),
      endSession: () => this.closeState(),
      openWithKey: (key) => this.openWithKey(key),
    });
  }

  /** The open core, for tests and the shell's shutdown. */
  get core(): Core | null {
    return this.state?.core ?? null;
  }

  status(): AuthStatus {
    const file = readSlotFile(this.slotPath);
    const s = this.state;
    if (s && !s.locked && this.idleExpired(s)) s.locked = true;
    const phase = s ? (s.locked ? 'locked' : 'open') : file || existsSync(this.dbPath) ? 'login' : 'setup';
    const policy = s ? this.policy() : DEFAULT_POLICY;
    return {
      phase,
      unitName: file?.unitName ?? '',
      user: s
        ? {
            accountId: s.account.uuid,
            username: s.account.username,
            displayName: s.account.displayName,
            roles: s.account.roles,
            mustChangePassword: this.mustChange(s.account),
            passwordExpiresAt: this.expiresAt(s.account),
          }
        : null,
      idleLockMinutes: policy.idleLockMinutes,
      passwordRules: { minLength: policy.passwordMinLength, minClasses: policy.passwordMinClasses },
      auditAlert: s?.auditAlert ?? null,
    };
  }

  /** Entry point for the transports: `auth:*` here, everything else through the router. */
  async invoke(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    try {
      if (typeof channel === 'string' && Object.hasOwn(authChannels, channel)) {
        return await this.auth(channel as keyof typeof authChannels, payload);
      }
      const s = this.state;
      if (!s) return fail('UNAUTHENTICATED', '请先登录');
      if (s.locked || this.idleExpired(s)) {
        s.locked = true;
        return fail('UNAUTHENTICATED', '屏幕已锁定，请输入密码解锁');
      }
      if (this.mustChange(s.account)) return fail('FORBIDDEN', '请先修改密码后再继续');
      s.lastActivity = this.now().getTime();
      return await s.core.router.invoke(channel, s.session, payload);
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, error.field);
      // Opening failures (wrong key, damaged or too new database, damaged slot file) carry their own message.
      if (error instanceof DataCoreError) return fail(error.code === 'DISK_FULL' ? 'DISK_FULL' : 'RULE', error.message);
      if (error instanceof SlotFileError) return fail('RULE', error.message);
      console.error('[gate]', error);
      return fail('INTERNAL', '操作未完成：程序内部错误，数据未作改动。');
    }
  }

  private async auth(channel: keyof typeof authChannels, payload: unknown): Promise<Result<unknown>> {
    const def = authChannels[channel];
    const parsed = def.input.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('INVALID_INPUT', issue?.message ?? '输入内容不符合要求', issue?.path.map(String).join('.') || undefined);
    }
    const input = parsed.data as Record<string, string>;
    switch (channel) {
      case 'auth:status':
        return ok(this.status());
      case 'auth:setup':
        return ok(await this.setup(parsed.data as z.output<typeof setupSchema>));
      case 'auth:login':
        await this.login(input.username!, input.password!);
        return ok(this.status());
      case 'auth:recover':
        await this.recover(input.recoveryCode!, input.username!, input.newPassword!);
        return ok(this.status());
      case 'auth:logout':
        await this.backups.beforeSessionEnd();
        this.logout();
        return ok(this.status());
      case 'auth:lock':
        this.lock();
        return ok(this.status());
      case 'auth:unlock':
        await this.unlock(input.password!);
        return ok(this.status());
      case 'auth:changePassword':
        await this.changePassword(input.currentPassword!, input.newPassword!);
        return ok(this.status());
      case 'auth:inspectBackup':
        return ok(await this.inspectBackupWithRecovery(input.recoveryCode!));
      case 'auth:restoreBackup':
        return ok(await this.restoreWithRecovery(input.token!, input.confirmCreatedAt!, input.recoveryCode!));
    }
  }

  // ---- first run -------------------------------------------------------------------------------

  async setup(input: z.output<typeof setupSchema>): Promise<{ recoveryCode: string }> {
    if (readSlotFile(this.slotPath) || existsSync(this.dbPath)) {
      throw new DomainError('RULE', '数据目录中已有数据，不能再次进行首次设置');
    }
    const roles = this.setupRoles(input.mode, input.accounts.length);
    const names = new Set<string>();
    input.accounts.forEach((a, i) => {
      if (names.has(lower(a.username))) throw new DomainError('DUPLICATE', `账户名 ${a.username} 重复，每个管理员需要不同的账户`, `accounts.${i}.username`);
      names.add(lower(a.username));
      const problems = passwordProblems(a.password, DEFAULT_POLICY, a.username);
      if (problems.length) throw new DomainError('INVALID_INPUT', problems.join('；'), `accounts.${i}.password`);
    });

    const key = new Uint8Array(randomBytes(KEY_BYTES));
    const at = this.now().toISOString();
    const recoveryCode = newRecoveryCode();
    const uuids = input.accounts.map(() => randomUUID());
    const [recoverySlot, ...accountSlots] = await Promise.all([
      this.sealSlot(key, 'recovery', null, null, normalizeRecoveryCode(recoveryCode)),
      ...input.accounts.map((a, i) => this.sealSlot(key, 'account', uuids[i]!, a.username, a.password)),
    ]);

    const file: SlotFile = {
      format: 'baomi-keyslots',
      version: SLOT_FILE_VERSION,
      installationId: randomUUID(),
      createdAt: at,
      unitName: input.unitName,
      slots: [...accountSlots, recoverySlot!],
      lockout: {},
      lockoutPolicy: { threshold: DEFAULT_POLICY.lockoutThreshold, minutes: DEFAULT_POLICY.lockoutMinutes },
      pendingEvents: [],
      deferredAudit: [],
      auditHead: null,
      auditIncident: null,
    };
    const core = await this.openWithKey(key);
    try {
      core.db.transaction(() => {
        setSetting(core.db, 'unit.name', input.unitName);
        setSetting(core.db, 'print.marking', input.marking);
        setSetting(core.db, 'security.mode', input.mode);
        setSetting(core.db, 'security.policy', DEFAULT_POLICY);
        const historyKey = historyKeyFrom(key);
        input.accounts.forEach((a, i) => {
          const account = createAccount(
            core.db,
            { username: a.username, displayName: a.displayName, roles: roles[i]!, mustChangePassword: false },
            input.mode,
            'setup',
            at,
          );
          core.db.prepare('UPDATE accounts SET uuid = ? WHERE id = ?').run(uuids[i], account.id);
          recordPasswordChange(core.db, account.id, passwordFingerprint(historyKey, uuids[i]!, a.password), false, 'setup', at);
        });
        const head = core.trail.append({
          at,
          actorId: 'setup',
          actorName: '首次设置',
          action: 'auth.setup',
          channel: 'auth:setup',
          workstation: this.workstation(),
          summary: `首次设置：填报单位“${input.unitName}”，${input.mode === 'separated' ? '三员分立' : '小型单位（系统管理员兼安全保密管理员）'}，创建管理员账户 ${input.accounts.map((a) => a.username).join('、')}，生成恢复码`,
          after: { unitName: input.unitName, marking: input.marking, mode: input.mode, accounts: input.accounts.map((a, i) => ({ username: a.username, displayName: a.displayName, roles: roles[i] })) },
        });
        file.auditHead = { ...head, tag: core.trail.headTag(head) };
      })();
      writeSlotFile(this.slotPath, file);
    } finally {
      core.close();
      key.fill(0);
    }
    return { recoveryCode };
  }

  private setupRoles(mode: AdminMode, count: number): Role[][] {
    if (mode === 'separated') {
      if (count !== 3) throw new DomainError('INVALID_INPUT', '三员分立模式需要系统管理员、安全保密管理员、安全审计员三个账户');
      return [['sysadmin'], ['secadmin'], ['auditor']];
    }
    if (count !== 2) throw new DomainError('INVALID_INPUT', '小型单位模式需要一个系统管理员（兼安全保密管理员）账户和一个安全审计员账户');
    return [['sysadmin', 'secadmin'], ['auditor']];
  }

  // ---- login, lock, logout ---------------------------------------------------------------------

  async login(username: string, password: string): Promise<void> {
    if (this.state) this.logout();
    const file = this.requireSlotFile();
    const name = lower(username);
    this.refuseIfLockedOut(file, name);
    const slot = file.slots.find((s) => s.kind === 'account' && s.username !== null && lower(s.username) === name);
    // Unknown accounts cost the same KDF time and count failures the same way.
    const key = slot ? await this.unseal(slot, password) : (await deriveKek(password, newKdfParams(this.kdf)), null);
    if (!slot || !key) {
      this.recordFailure(name, '登录失败：账户名或密码不正确');
      // The attempt that locks the account says so at once.
      this.refuseIfLockedOut(this.requireSlotFile(), name, false);
      throw new DomainError('UNAUTHENTICATED', GENERIC_LOGIN_FAILURE);
    }
    await this.open(key, slot.accountId!, 'auth.login', '登录');
  }

  async recover(code: string, username: string, newPassword: string): Promise<void> {
    if (this.state) this.logout();
    const file = this.requireSlotFile();
    this.refuseIfLockedOut(file, RECOVERY_ACCOUNT);
    const slot = file.slots.find((s) => s.kind === 'recovery');
    const key = slot ? await this.unseal(slot, normalizeRecoveryCode(code)) : null;
    if (!key) {
      this.recordFailure(RECOVERY_ACCOUNT, '使用恢复码失败：恢复码不正确');
      throw new DomainError('UNAUTHENTICATED', '恢复码不正确，请逐字核对打印或保存的恢复码', 'recoveryCode');
    }
    const core = await this.openWithKey(key);
    if (core.health.readOnly) {
      core.close();
      key.fill(0);
      throw new DomainError('READ_ONLY', `不能使用恢复码重设密码：${core.health.readOnlyReason}`);
    }
    const account = findAccountByUsername(core.db, username.trim());
    if (!account || account.status !== 'active') {
      core.close();
      throw new DomainError('NOT_FOUND', `没有名为 ${username} 的启用账户`, 'username');
    }
    const problems = passwordProblems(newPassword, this.policyOf(core), account.username);
    if (problems.length) {
      core.close();
      throw new DomainError('INVALID_INPUT', problems.join('；'), 'newPassword');
    }
    const slotFile = this.requireSlotFile();
    const newSlot = await this.sealSlot(key, 'account', account.uuid, account.username, newPassword);
    core.db.transaction(() => {
      const at = this.now().toISOString();
      recordPasswordChange(core.db, account.id, passwordFingerprint(historyKeyFrom(key), account.uuid, newPassword), false, 'recovery', at);
      this.appendAudit(core, {
        at,
        actorId: account.uuid,
        actorName: account.displayName,
        actorRoles: account.roles.join(','),
        action: 'auth.recover',
        channel: 'auth:recover',
        targetType: 'account',
        targetId: account.uuid,
        summary: `使用恢复码为账户 ${account.username} 设置新密码`,
      });
    })();
    slotFile.slots = [...slotFile.slots.filter((s) => s.accountId !== account.uuid), newSlot];
    delete slotFile.lockout[lower(account.username)];
    writeSlotFile(this.slotPath, slotFile);
    core.close();
    await this.open(key, account.uuid, 'auth.login', '使用恢复码后登录');
  }

  logout(): void {
    const s = this.state;
    if (!s) return;
    try {
      this.writeAudit(s, 'auth.logout', 'auth:logout', '退出登录');
    } finally {
      this.closeState();
    }
  }

  lock(): void {
    const s = this.state;
    if (!s || s.locked) return;
    s.locked = true;
    this.writeAudit(s, 'auth.lock', 'auth:lock', '锁定屏幕');
  }

  async unlock(password: string): Promise<void> {
    const s = this.state;
    if (!s) throw new DomainError('UNAUTHENTICATED', '请先登录');
    const file = this.requireSlotFile();
    const name = lower(s.account.username);
    this.refuseIfLockedOut(file, name);
    const slot = file.slots.find((x) => x.accountId === s.account.uuid);
    const key = slot ? await this.unseal(slot, password) : null;
    if (!key) {
      this.recordFailure(name, '解锁失败：密码不正确');
      const after = readSlotFile(this.slotPath)?.lockout[name];
      if (after?.lockedUntil) {
        this.flushPending(s.core);
        this.closeState();
      }
      throw new DomainError('UNAUTHENTICATED', '密码不正确', 'password');
    }
    key.fill(0);
    s.locked = false;
    s.lastActivity = this.now().getTime();
    this.clearFailures(name);
    this.writeAudit(s, 'auth.unlock', 'auth:unlock', '解锁屏幕');
  }

  async changePassword(current: string, next: string): Promise<void> {
    const s = this.state;
    if (!s || s.locked) throw new DomainError('UNAUTHENTICATED', '请先登录');
    if (s.core.health.readOnly) throw new DomainError('READ_ONLY', READ_ONLY_MESSAGE);
    const file = this.requireSlotFile();
    const slot = file.slots.find((x) => x.accountId === s.account.uuid);
    const check = slot ? await this.unseal(slot, current) : null;
    if (!check) throw new DomainError('UNAUTHENTICATED', '当前密码不正确', 'currentPassword');
    check.fill(0);
    const policy = this.policy();
    const problems = passwordProblems(next, policy, s.account.username);
    if (problems.length) throw new DomainError('INVALID_INPUT', problems.join('；'), 'newPassword');
    const fingerprint = passwordFingerprint(historyKeyFrom(s.key), s.account.uuid, next);
    if (recentlyUsed(s.core.db, s.account.id, fingerprint, policy.passwordHistory)) {
      throw new DomainError('RULE', `新密码不能与最近 ${policy.passwordHistory} 次使用过的密码相同`, 'newPassword');
    }
    const newSlot = await this.sealSlot(s.key, 'account', s.account.uuid, s.account.username, next);
    s.core.db.transaction(() => {
      const at = this.now().toISOString();
      recordPasswordChange(s.core.db, s.account.id, fingerprint, false, s.account.uuid, at);
      this.appendAudit(s.core, {
        ...this.actor(s),
        at,
        action: 'auth.passwordChange',
        channel: 'auth:changePassword',
        targetType: 'account',
        targetId: s.account.uuid,
        summary: `账户 ${s.account.username} 修改密码`,
      });
    })();
    const latest = this.requireSlotFile();
    latest.slots = [...latest.slots.filter((x) => x.accountId !== s.account.uuid), newSlot];
    writeSlotFile(this.slotPath, latest);
    this.refreshAccount(s);
  }

  /** Closes the database and forgets the key (application exit). */
  close(): void {
    if (this.state) this.logout();
  }

  /** Application exit: the backup on exit (if configured), then close. */
  async shutdown(): Promise<void> {
    await this.backups.beforeSessionEnd();
    this.close();
  }

  // ---- restore with the recovery code, before anyone is logged in --------------------------------

  private refuseWhileOpen(): void {
    if (this.state) throw new DomainError('RULE', '已有账户登录：请由系统管理员在“系统设置 → 数据备份”中恢复，或先退出登录');
  }

  /** The installation's key from the current recovery slot (null when the code is not today's). */
  private async currentKeyFromRecovery(code: string): Promise<Uint8Array | null> {
    const slot = readSlotFile(this.slotPath)?.slots.find((s) => s.kind === 'recovery');
    return slot ? this.unseal(slot, normalizeRecoveryCode(code)) : null;
  }

  /** Chooses a backup file and verifies it with the recovery code (of today, or of the backup's time). */
  async inspectBackupWithRecovery(code: string) {
    this.refuseWhileOpen();
    const file = this.requireSlotFile();
    this.refuseIfLockedOut(file, RECOVERY_ACCOUNT);
    const path = await this.options.shell.chooseOpenPath({ title: '选择要恢复的备份文件', filters: [{ name: '保密台账备份', extensions: ['bmbak'] }] });
    if (!path) return null;
    const current = await this.currentKeyFromRecovery(code);
    try {
      const { report } = await this.backups.verify(path, { recoveryCode: code }, null, undefined, current);
      if (!report.ok && report.checks.at(-1)?.name === '清单校验码') this.recordFailure(RECOVERY_ACCOUNT, '从备份恢复失败：恢复码打不开所选备份');
      return report;
    } finally {
      current?.fill(0);
    }
  }

  async restoreWithRecovery(token: string, confirmCreatedAt: string, code: string) {
    this.refuseWhileOpen();
    this.refuseIfLockedOut(this.requireSlotFile(), RECOVERY_ACCOUNT);
    const current = await this.currentKeyFromRecovery(code);
    try {
      return await this.backups.restore(token, confirmCreatedAt, RECOVERY_ACTOR, { recoveryCode: code }, current);
    } finally {
      current?.fill(0);
    }
  }

  // ---- services for the account channels -------------------------------------------------------

  private services(): SecurityServices {
    return {
      mode: () => this.mode(),
      policy: () => this.policy(),
      sealAccountSlot: (account, password) => {
        const s = this.requireOpen();
        return this.sealSlot(s.key, 'account', account.uuid, account.username, password);
      },
      storeSlot: (slot) => {
        const file = this.requireSlotFile();
        const replaced = (x: Slot) => (slot.kind === 'recovery' ? x.kind === 'recovery' : x.kind === 'account' && x.accountId === slot.accountId);
        file.slots = [...file.slots.filter((x) => !replaced(x)), slot];
        writeSlotFile(this.slotPath, file);
      },
      storeUnitName: (unitName) => {
        const file = this.requireSlotFile();
        file.unitName = unitName;
        writeSlotFile(this.slotPath, file);
      },
      passwordFingerprint: (uuid, password) => passwordFingerprint(historyKeyFrom(this.requireOpen().key), uuid, password),
      lockouts: () => this.requireSlotFile().lockout,
      clearLockout: (username) => this.clearFailures(lower(username)),
      storePolicy: (policy) => {
        const file = this.requireSlotFile();
        file.lockoutPolicy = { threshold: policy.lockoutThreshold, minutes: policy.lockoutMinutes };
        writeSlotFile(this.slotPath, file);
      },
      auditHead: () => this.requireSlotFile().auditHead,
      regenerateRecovery: async () => {
        const code = newRecoveryCode();
        const slot = await this.sealSlot(this.requireOpen().key, 'recovery', null, null, normalizeRecoveryCode(code));
        return { code, slot };
      },
      backups: () => this.backups,
    };
  }

  // ---- internals -------------------------------------------------------------------------------

  private async open(key: Uint8Array, accountUuid: string, action: string, summary: string): Promise<void> {
    const core = await this.openWithKey(key);
    let account: Account | null;
    try {
      account = getAccountByUuid(core.db, accountUuid);
    } catch (error) {
      core.close();
      key.fill(0);
      if (!core.health.readOnly) throw error;
      throw new DomainError('RULE', `无法读取账户信息，不能登录。${core.health.readOnlyReason}`);
    }
    if (!account || account.status !== 'active') {
      this.flushPending(core);
      core.close();
      key.fill(0);
      throw new DomainError('UNAUTHENTICATED', account ? '该账户已停用，请联系系统管理员' : GENERIC_LOGIN_FAILURE);
    }
    const auditAlert = this.quickAuditCheck(core);
    const session: Session = { accountId: account.uuid, username: account.username, displayName: account.displayName, roles: account.roles };
    const state: OpenState = { core, key, session, account, locked: false, lastActivity: this.now().getTime(), auditAlert };
    this.state = state;
    this.backups.startSchedule();
    this.flushPending(core);
    this.clearFailures(lower(account.username));
    const at = this.now().toISOString();
    const login: AuditRecord = { ...this.actor(state), at, action, channel: 'auth:login', targetType: 'account', targetId: account.uuid, summary };
    if (core.health.readOnly) {
      this.deferAudit({ ...login, summary: `${summary}（数据库只读）` });
      return;
    }
    const publish = core.db.transaction(() => {
      recordLogin(core.db, account.id, at);
      return this.appendAudit(core, login);
    })();
    publish();
  }

  /** Keeps a record for the trail in the slot file while the database cannot take it. */
  private deferAudit(record: AuditRecord): void {
    const file = this.requireSlotFile();
    file.deferredAudit.push({ workstation: this.workstation(), ...record });
    writeSlotFile(this.slotPath, file);
  }

  /**
   * A failed start-up check is an event of the trail (kept aside until the database is writable):
   * `audit.startupCheck` naming the broken record when the chain failed, `app.startupCheck` for
   * the database's own checks.
   */
  private recordStartupFailure(core: Core, brokenSeq: number | null): void {
    const health = core.health.snapshot();
    this.deferAudit({
      at: this.now().toISOString(),
      actorId: 'system',
      actorName: '系统',
      action: brokenSeq === null ? 'app.startupCheck' : 'audit.startupCheck',
      channel: 'auth:login',
      result: 'failed',
      ...(brokenSeq === null ? { targetType: 'database' } : { targetType: 'audit', targetId: brokenSeq }),
      summary: `启动检查未通过，数据库以只读方式打开：${health.findings.filter((f) => f.severity === 'error').map((f) => f.message.split('：')[0]).join('；')}`,
      after: health,
    });
  }

  /** Fast path at every open: the newest records and the head kept outside the database. */
  private quickAuditCheck(core: Core): string | null {
    if (core.health.readOnly) {
      // A damaged database: the chain cannot be trusted either; the integrity finding says why.
      this.recordStartupFailure(core, null);
      return null;
    }
    let result: AuditVerification;
    try {
      const head = core.trail.head();
      result = core.trail.verify({ expectedHead: this.requireSlotFile().auditHead, fromSeq: Math.max(1, (head?.seq ?? 0) - (AUDIT_FAST_CHECK_RECORDS - 1)) });
    } catch (error) {
      result = { ok: false, checked: 0, total: 0, broken: { seq: 0, reason: `无法读取审计记录（${(error as Error).message}）` } };
    }
    const file = this.requireSlotFile();
    if (result.ok) return file.auditIncident ? this.incidentText(file.auditIncident) : null;
    if (!file.auditIncident) {
      file.auditIncident = { seq: result.broken.seq, reason: result.broken.reason, detectedAt: this.now().toISOString() };
      writeSlotFile(this.slotPath, file);
    }
    const alert = this.incidentText(file.auditIncident);
    // Records are no longer appended to a chain that does not verify: the database turns read-only.
    core.refuseWrites({
      check: 'auditChain',
      severity: 'error',
      message: `审计链快速校验未通过：${result.broken.reason}。审计记录可能被改动、截断或整个数据库被替换，已以只读方式打开。请安全审计员进行完整校验，系统管理员从最近一次有效的备份恢复。`,
      details: [],
    });
    this.recordStartupFailure(core, result.broken.seq);
    return alert;
  }

  private incidentText(incident: { reason: string; detectedAt: string }): string {
    return `审计记录校验未通过（${incident.detectedAt.slice(0, 10)} 发现）：${incident.reason}。请通知安全审计员进行完整校验。`;
  }

  private async openWithKey(key: Uint8Array): Promise<Core> {
    const core = await openCore({
      dataDir: this.options.dataDir,
      keySource: new StaticKeySource(key),
      shell: this.options.shell,
      appVersion: this.options.appVersion,
      nativeBinding: this.options.nativeBinding,
      workerScript: this.options.workerScript,
      now: this.options.now,
      workstation: this.workstation(),
      onAuditHead: (head) => this.storeHead(core, head),
      deferAudit: (record) => this.deferAudit(record),
      security: this.services(),
    });
    return core;
  }

  private storeHead(core: Core, head: { seq: number; mac: string }): void {
    const file = readSlotFile(this.slotPath);
    if (!file) return;
    file.auditHead = { ...head, tag: core.trail.headTag(head) };
    writeSlotFile(this.slotPath, file);
  }

  private appendAudit(core: Core, record: AuditRecord): () => void {
    const head = core.trail.append({ workstation: this.workstation(), ...record });
    return () => this.storeHead(core, head);
  }

  private writeAudit(s: OpenState, action: string, channel: string, summary: string): void {
    const record: AuditRecord = { ...this.actor(s), at: this.now().toISOString(), action, channel, targetType: 'account', targetId: s.account.uuid, summary };
    if (s.core.health.readOnly) return this.deferAudit(record);
    const publish = s.core.db.transaction(() =>
      this.appendAudit(s.core, record),
    )();
    publish();
  }

  /**
   * Failed logins, and the records of a session whose database was read-only, were kept outside
   * the database; they enter the trail at the next open of a writable one.
   */
  private flushPending(core: Core): void {
    const file = readSlotFile(this.slotPath);
    if (!file || core.health.readOnly || (file.pendingEvents.length === 0 && file.deferredAudit.length === 0)) return;
    const events: PendingAuthEvent[] = file.pendingEvents;
    const deferred = file.deferredAudit as AuditRecord[];
    const publish = core.db.transaction(() => {
      let last = () => undefined as void;
      for (const r of deferred) last = this.appendAudit(core, r);
      for (const e of events) {
        last = this.appendAudit(core, {
          at: e.at,
          actorId: `username:${e.username}`,
          actorName: e.username,
          action: e.action,
          channel: 'auth:login',
          result: 'failed',
          targetType: 'account',
          targetId: e.username,
          summary: e.summary,
        });
      }
      return last;
    })();
    const latest = readSlotFile(this.slotPath)!;
    latest.pendingEvents = latest.pendingEvents.slice(events.length);
    latest.deferredAudit = latest.deferredAudit.slice(deferred.length);
    writeSlotFile(this.slotPath, latest);
    publish();
  }

  private recordFailure(name: string, summary: string): void {
    const file = this.requireSlotFile();
    const at = this.now();
    const entry = file.lockout[name] ?? { failures: 0, lockedUntil: null };
    entry.failures += 1;
    file.pendingEvents.push({ at: at.toISOString(), username: name, action: 'auth.loginFailed', summary: `${summary}（第 ${entry.failures} 次）` });
    if (entry.failures >= file.lockoutPolicy.threshold) {
      entry.lockedUntil = new Date(at.getTime() + file.lockoutPolicy.minutes * 60_000).toISOString();
      entry.failures = 0;
      file.pendingEvents.push({ at: at.toISOString(), username: name, action: 'auth.lockout', summary: `连续 ${file.lockoutPolicy.threshold} 次失败，账户 ${name} 锁定 ${file.lockoutPolicy.minutes} 分钟` });
    }
    file.lockout[name] = entry;
    writeSlotFile(this.slotPath, file);
  }

  private clearFailures(name: string): void {
    const file = readSlotFile(this.slotPath);
    if (!file || !file.lockout[name]) return;
    delete file.lockout[name];
    writeSlotFile(this.slotPath, file);
  }

  private refuseIfLockedOut(file: SlotFile, name: string, recordAttempt = true): void {
    const until = file.lockout[name]?.lockedUntil;
    if (until && new Date(until).getTime() > this.now().getTime()) {
      if (recordAttempt) {
        file.pendingEvents.push({ at: this.now().toISOString(), username: name, action: 'auth.loginFailed', summary: '账户锁定期间尝试登录，已拒绝' });
        writeSlotFile(this.slotPath, file);
      }
      const t = new Date(until);
      const hhmm = `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
      const who = name === RECOVERY_ACCOUNT ? '恢复码' : '账户';
      throw new DomainError('FORBIDDEN', `连续输错次数过多，${who}已锁定至 ${hhmm}。请稍后再试，或请安全保密管理员解锁（安全保密管理员本人被锁定时，等待锁定结束或使用恢复码）。`);
    }
  }

  private async sealSlot(key: Uint8Array, kind: Slot['kind'], accountId: string | null, username: string | null, secret: string): Promise<Slot> {
    const kdf = newKdfParams(this.kdf);
    const id = randomUUID();
    const kek = await deriveKek(secret, kdf);
    const sealed = wrapKey(kek, key, id);
    kek.fill(0);
    return { id, kind, accountId, username, kdf, sealed, createdAt: this.now().toISOString() };
  }

  private async unseal(slot: Slot, secret: string): Promise<Uint8Array | null> {
    const kek = await deriveKek(secret, slot.kdf);
    const key = unwrapKey(kek, slot.sealed, slot.id);
    kek.fill(0);
    return key;
  }

  private requireSlotFile(): SlotFile {
    const file = readSlotFile(this.slotPath);
    if (file) return file;
    if (existsSync(this.dbPath)) {
      throw new DomainError('RULE', `找不到密钥槽文件 ${this.slotPath}。没有它，数据库无法解密：请从备份中恢复该文件（与数据库放在同一目录）。`);
    }
    throw new DomainError('RULE', '尚未完成首次设置');
  }

  private requireOpen(): OpenState {
    if (!this.state) throw new DomainError('UNAUTHENTICATED', '请先登录');
    return this.state;
  }

  private closeState(): void {
    const s = this.state;
    this.state = null;
    this.backups.stopSchedule();
    if (!s) return;
    s.key.fill(0);
    s.core.close();
  }

  private refreshAccount(s: OpenState): void {
    const account = findAccountByUsername(s.core.db, s.account.username);
    if (account) {
      s.account = account;
      s.session = { accountId: account.uuid, username: account.username, displayName: account.displayName, roles: account.roles };
    }
  }

  private actor(s: OpenState): Pick<AuditRecord, 'actorId' | 'actorName' | 'actorRoles'> {
    return { actorId: s.account.uuid, actorName: s.account.displayName, actorRoles: s.account.roles.join(',') };
  }

  private idleExpired(s: OpenState): boolean {
    return this.now().getTime() - s.lastActivity > this.policy().idleLockMinutes * 60_000;
  }

  private mode(): AdminMode {
    return getSetting(this.requireOpen().core.db, 'security.mode');
  }

  private policy(): SecurityPolicy {
    return this.policyOf(this.requireOpen().core);
  }

  private policyOf(core: Core): SecurityPolicy {
    return { ...DEFAULT_POLICY, ...getSetting(core.db, 'security.policy') };
  }

  private mustChange(account: Account): boolean {
    const expires = this.expiresAt(account);
    return account.mustChangePassword || (expires !== null && new Date(expires).getTime() <= this.now().getTime());
  }

  private expiresAt(account: Account): string | null {
    const days = this.state ? this.policy().passwordExpiryDays : DEFAULT_POLICY.passwordExpiryDays;
    if (days === 0) return null;
    return new Date(new Date(account.passwordChangedAt).getTime() + days * 86_400_000).toISOString();
  }

  private workstation(): string {
    return this.options.workstation ?? 'localhost';
  }
}

/** Key for password-history fingerprints, derived from the database key. */
export function historyKeyFrom(databaseKey: Uint8Array): Uint8Array {
  return hmacSm3(databaseKey, new TextEncoder().encode('baomi-ledger/password-history/v1'));
}
