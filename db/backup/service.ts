import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupKind, BackupResult, BackupStatus, RestoreResult } from '../../common/api/backup';
import { DomainError } from '../../common/api/result';
import { equalBytes } from '../../common/crypto/sm3';
import type { AuditHead, AuditRecord } from '../audit/log';
import type { Core } from '../core';
import { DB_FILE } from '../core';
import { SCHEMA_VERSION } from '../core/migrate';
import { openDatabase } from '../core/open';
import { getSetting, setSetting } from '../core/settings';
import type { Slot, SlotFile } from '../security/slotfile';
import { describeCounts } from './counts';
import { createBackup, workDirOf } from './create';
import { keptFolderFor, swapDatabase, undoSwap } from './restore';
import { backupAge, scheduledDue } from './schedule';
import { verifyBackup, type BackupSecrets, type VerifiedBackup } from './verify';

/** What the backup service needs from the login gate that owns the key and the open database. */
export interface BackupHost {
  dataDir: string;
  appVersion: string;
  workstation(): string;
  now(): Date;
  /** The open database and its key while someone is logged in (also while the screen is locked). */
  open(): { core: Core; key: Uint8Array } | null;
  slotFile(): SlotFile | null;
  writeSlotFile(file: SlotFile): void;
  /** Keeps the audit head outside the database after an append. */
  publishHead(core: Core, head: AuditHead): void;
  /**
   * Keeps a record aside while the database is read-only (a failed start-up check): it enters the
   * trail at the next healthy open, normally the restored database's.
   */
  deferAudit(record: AuditRecord): void;
  unseal(slot: Slot, secret: string): Promise<Uint8Array | null>;
  /** Ends the session and closes the database without writing to it. */
  endSession(): void;
  openWithKey(key: Uint8Array): Promise<Core>;
}

export type Actor = Pick<AuditRecord, 'actorId' | 'actorName' | 'actorRoles'>;
export const SYSTEM_ACTOR: Actor = { actorId: 'system', actorName: '系统（自动备份）', actorRoles: '' };
export const RECOVERY_ACTOR: Actor = { actorId: 'recovery', actorName: '恢复码持有人', actorRoles: '' };

const KIND_LABELS: Record<BackupKind, string> = { manual: '手动备份', scheduled: '定时备份', exit: '退出时备份', restore: '恢复' };
const SCHEDULE_CHECK_MS = 60_000;

/**
 * Backups, the restore drill and restore for the login gate: one at a time, audited, with the
 * schedule checked every minute while a session is open and a backup when the session ends.
 */
export class BackupService {
  private busy: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private attemptedSlot = 0;
  /** Backups verified in this process, by token: a restore names one of these, never a free path. */
  private readonly verified = new Map<string, string>();

  constructor(private readonly host: BackupHost) {}

  get workDir(): string {
    return workDirOf(this.host.dataDir);
  }

  private requireOpen(): { core: Core; key: Uint8Array } {
    const open = this.host.open();
    if (!open) throw new DomainError('UNAUTHENTICATED', '请先登录');
    return open;
  }

  private async exclusive<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new DomainError('CONFLICT', `正在${this.busy}，请等它完成后再${what}`);
    this.busy = what;
    try {
      return await fn();
    } finally {
      this.busy = null;
    }
  }

  record(core: Core, record: Omit<AuditRecord, 'at'> & { at?: string }, within?: () => void): void {
    if (core.health.readOnly) {
      this.host.deferAudit({ workstation: this.host.workstation(), at: this.host.now().toISOString(), ...record });
      return;
    }
    const head = core.db.transaction(() => {
      within?.();
      return core.trail.append({ workstation: this.host.workstation(), at: this.host.now().toISOString(), ...record });
    })();
    this.host.publishHead(core, head);
  }

  status(core: Pick<Core, 'db'>): BackupStatus {
    const config = getSetting(core.db, 'backup.config');
    const last = getSetting(core.db, 'backup.last');
    const folderMissing = !config.folder || !existsSync(config.folder);
    return { last, folder: config.folder, folderMissing, maxAgeDays: config.maxAgeDays, ...backupAge(last?.at ?? null, config.maxAgeDays, this.host.now()) };
  }

  /** Makes a backup into the configured folder and records the result (good or failed) in the trail. */
  run(kind: BackupKind, actor: Actor, onProgress?: (done: number, total: number) => void, failAt?: 'written' | 'beforeRename'): Promise<BackupResult> {
    return this.exclusive('备份', async () => {
      const { core, key } = this.requireOpen();
      const config = getSetting(core.db, 'backup.config');
      const slotFile = this.host.slotFile();
      if (!slotFile) throw new DomainError('RULE', '找不到密钥槽文件，不能备份');
      const now = this.host.now();
      let result: BackupResult;
      try {
        result = await createBackup({
          db: core.db,
          key,
          slotFile,
          folder: config.folder,
          workDir: this.workDir,
          kind,
          createdBy: actor.actorName,
          appVersion: this.host.appVersion,
          now,
          keep: config.keep,
          onProgress,
          failAt,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.record(core, { ...actor, action: 'backup.create', channel: 'backup:start', result: 'failed', targetType: 'backup', summary: `${KIND_LABELS[kind]}失败：${reason}` });
        throw error;
      }
      const removed = result.removed.length ? `；按保留 ${config.keep} 份的设置删除较早的备份 ${result.removed.join('、')}` : '';
      this.record(
        core,
        {
          ...actor,
          action: 'backup.create',
          channel: 'backup:start',
          targetType: 'backup',
          targetId: result.file,
          summary: `${KIND_LABELS[kind]}：${result.path}（${describeCounts(result.counts)}；已读回校验）${removed}`,
          after: { file: result.file, folder: config.folder, bytes: result.bytes, counts: result.counts, removed: result.removed },
        },
        () => setSetting(core.db, 'backup.last', { at: result.createdAt, file: result.file, folder: config.folder!, kind, counts: result.counts }),
      );
      return result;
    });
  }

  /** The restore drill on a file; when logged in, the result is recorded in the trail. */
  verify(
    path: string,
    secrets: BackupSecrets,
    actor: Actor | null,
    onProgress?: (done: number, total: number) => void,
    currentKey: Uint8Array | null = null,
  ): Promise<VerifiedBackup> {
    return this.exclusive('核验备份', async () => {
      const verified = await this.check(path, secrets, false, onProgress, currentKey);
      verified.key?.fill(0);
      const open = this.host.open();
      if (open && actor) {
        const r = verified.report;
        this.record(open.core, {
          ...actor,
          action: 'backup.verifyResult',
          channel: 'backup:verifyStart',
          result: r.ok ? 'ok' : 'failed',
          targetType: 'backup',
          targetId: r.file,
          summary: r.ok ? `核验备份 ${r.file}：全部通过（${describeCounts(r.counts ?? {})}）` : `核验备份 ${r.file}：未通过，${r.problem}`,
          after: { path: r.path, checks: r.checks },
        });
      }
      return verified;
    });
  }

  private async check(
    path: string,
    secrets: BackupSecrets,
    keepImage: boolean,
    onProgress?: (done: number, total: number) => void,
    currentKey: Uint8Array | null = null,
  ): Promise<VerifiedBackup> {
    const verified = await verifyBackup({
      path,
      currentKey: this.host.open()?.key ?? currentKey,
      installationId: this.host.slotFile()?.installationId ?? null,
      unseal: (slot, secret) => this.host.unseal(slot, secret),
      secrets,
      workDir: this.workDir,
      now: this.host.now(),
      keepImage,
      onProgress,
    });
    if (verified.report.ok) {
      const token = randomUUID();
      this.verified.set(token, path);
      verified.report.token = token;
    }
    return verified;
  }

  /**
   * Replaces the database with a verified backup. Checks it again, keeps the current database aside
   * (never deleted), swaps the backup in by a rename, migrates it if older, verifies its audit chain
   * against the backup's head, resets the head kept outside the database to it and records the
   * restore in the restored trail. The session ends: everyone logs in again.
   */
  restore(token: string, confirmCreatedAt: string, actor: Actor, secrets: BackupSecrets = {}, currentKey: Uint8Array | null = null): Promise<RestoreResult> {
    return this.exclusive('恢复', async () => {
      const path = this.verified.get(token);
      if (!path) throw new DomainError('RULE', '请先核验要恢复的备份，核验通过后再恢复');
      const slotFile = this.host.slotFile();
      if (!slotFile) throw new DomainError('RULE', '找不到密钥槽文件，不能恢复');
      const open = this.host.open();
      const verified = await this.check(path, secrets, true, undefined, currentKey);
      const { manifest, key, imagePath, report } = verified;
      try {
        if (!report.ok || !manifest || !key || !imagePath) throw new DomainError('RULE', `不能恢复：${report.problem ?? '备份未通过核验'}`);
        if (manifest.createdAt !== confirmCreatedAt) throw new DomainError('RULE', '备份文件与所确认的不是同一份（备份时间不同），请重新核验后再恢复');
        if (!this.sameInstallation(key, open?.key ?? currentKey, manifest.installationId, slotFile.installationId)) {
          throw new DomainError('RULE', '不能恢复：这份备份来自另一套保密台账安装（数据库密钥不同），恢复后本机的账户将无法登录。');
        }
        const now = this.host.now();
        const kept = keptFolderFor(this.host.dataDir, now);
        const carried = open ? { config: getSetting(open.core.db, 'backup.config'), last: getSetting(open.core.db, 'backup.last') } : null;
        const what = `备份 ${report.file}（${manifest.createdAt.slice(0, 16).replace('T', ' ')} UTC，${describeCounts(manifest.counts)}）`;
        if (open) {
          this.record(open.core, { ...actor, action: 'backup.restore', channel: 'backup:restore', targetType: 'backup', targetId: report.file, summary: `以${what}替换本数据库；本数据库移至 ${kept}` });
        }
        this.host.endSession();
        swapDatabase(this.host.dataDir, imagePath, kept);
        let core: Core | null = null;
        try {
          this.host.writeSlotFile({ ...this.host.slotFile()!, auditHead: manifest.auditHead, auditIncident: null });
          core = await this.host.openWithKey(key);
          const chain = core.trail.verify({ expectedHead: manifest.auditHead });
          if (!chain.ok) throw new DomainError('RULE', `恢复后复核未通过（${chain.broken.reason}），已退回原数据库`);
          const restoredCore = core;
          this.record(
            restoredCore,
            {
              ...actor,
              action: 'backup.restore',
              channel: 'backup:restore',
              targetType: 'backup',
              targetId: report.file,
              summary: `从${what}恢复数据库；恢复前的数据库保存在 ${kept}${manifest.schemaVersion < SCHEMA_VERSION ? `；数据结构由版本 ${manifest.schemaVersion} 升级到 ${SCHEMA_VERSION}` : ''}`,
              after: { file: report.file, path, createdAt: manifest.createdAt, counts: manifest.counts, auditHead: manifest.auditHead, keptAside: kept },
            },
            () => {
              if (!carried) return;
              setSetting(restoredCore.db, 'backup.config', carried.config);
              setSetting(restoredCore.db, 'backup.last', carried.last);
            },
          );
        } catch (error) {
          core?.close();
          undoSwap(this.host.dataDir, kept);
          this.host.writeSlotFile({ ...this.host.slotFile()!, auditHead: slotFile.auditHead, auditIncident: slotFile.auditIncident });
          throw error;
        }
        core.close();
        this.verified.delete(token);
        return { restoredFrom: report.file, createdAt: manifest.createdAt, keptAside: kept, counts: manifest.counts, migratedFrom: manifest.schemaVersion, migratedTo: SCHEMA_VERSION };
      } finally {
        key?.fill(0);
        if (imagePath) await rm(imagePath, { force: true }).catch(() => undefined);
      }
    });
  }

  /** The backup's key is this installation's: the key in use, or (before login) the one that opens the current database. */
  private sameInstallation(key: Uint8Array, current: Uint8Array | null, backupInstallation: string, installation: string): boolean {
    if (current) return equalBytes(key, current);
    const dbPath = join(this.host.dataDir, DB_FILE);
    if (existsSync(dbPath)) {
      try {
        openDatabase(dbPath, key, { readonly: true }).close();
        return true;
      } catch {
        // The current database is damaged (or not ours): fall back on the installation's identity.
      }
    }
    return backupInstallation === installation;
  }

  // ---- automatic backups ----------------------------------------------------------------------

  startSchedule(): void {
    this.stopSchedule();
    this.timer = setInterval(() => void this.tick(), SCHEDULE_CHECK_MS);
    this.timer.unref?.();
    void this.tick();
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs a scheduled backup when one is due; a failed slot is not retried until the next one. */
  async tick(): Promise<void> {
    const open = this.host.open();
    if (!open || this.busy) return;
    const config = getSetting(open.core.db, 'backup.config');
    const due = scheduledDue(config, getSetting(open.core.db, 'backup.last')?.at ?? null, this.host.now());
    if (!due || due.getTime() === this.attemptedSlot || !config.folder) return;
    this.attemptedSlot = due.getTime();
    await this.run('scheduled', SYSTEM_ACTOR).catch(() => undefined);
  }

  /** Backs up when the session ends, if so configured; a failure is recorded and does not keep the session open. */
  async beforeSessionEnd(): Promise<void> {
    const open = this.host.open();
    if (!open || this.busy) return;
    const config = getSetting(open.core.db, 'backup.config');
    if (!config.onExit || !config.folder) return;
    await this.run('exit', SYSTEM_ACTOR).catch(() => undefined);
  }
}
