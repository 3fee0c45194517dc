import { existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { AuditTrail, auditKeyFrom, type AuditHead, type AuditRecord } from './audit/log';
import { join } from 'node:path';
import { contract, type Contract } from '../common/api';
import type { HealthFinding } from '../common/api/app';
import { DataCoreError } from './core/errors';
import { checkDatabase, HealthState, readMarker, removeMarker, writeMarker } from './core/health';
import type { KeySource } from './core/keys';
import { networkLocation, networkLocationMessage, restrictPermissions, type LocationEnv } from './core/location';
import { migrate } from './core/migrate';
import { openDatabase, type Db } from './core/open';
import type { ShellPort } from './ports/shell';
import { appHandlers } from './registers/app/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { orgHandlers } from './registers/org/handlers';
import { contractHandlers } from './registers/contracts/handlers';
import { obligationHandlers } from './registers/contracts/obligation-handlers';
import { assignmentHandlers } from './registers/people/assignment-handlers';
import { personHandlers } from './registers/people/handlers';
import { signOffHandlers } from './registers/people/signoff-handlers';
import { trainingHandlers } from './registers/people/training-handlers';
import { commitmentHandlers } from './registers/commitments/handlers';
import { mediaHandlers } from './registers/media/handlers';
import { stocktakeHandlers } from './registers/media/stocktake-handlers';
// Adds the media register's items to every departure checklist.
import './registers/media/departure';
import { ipFilingHandlers } from './registers/ipfilings/handlers';
// Adds the IP filings' items to every departure checklist.
import './registers/ipfilings/departure';
import { reportHandlers } from './reports/handlers';
import { accountHandlers } from './security/handlers';
import { settingsHandlers } from './security/settings-handlers';
import { auditHandlers } from './audit/handlers';
import { backupHandlers } from './backup/handlers';
import { findingHandlers } from './findings/handlers';
import { importHandlers } from './import/handlers';
import type { Handlers, SecurityServices } from './router/handlers';
import { createRouter, type Router } from './router/router';
import { createWorkerHost } from './workers/host';

export const DB_FILE = 'baomi.db';
/** Files of the data folder that get owner-only permissions. */
export const DATA_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}.open`, 'keyslots.json'];

export const handlers: Handlers<Contract> = {
  ...appHandlers,
  ...accountHandlers,
  ...auditHandlers,
  ...attachmentHandlers,
  ...orgHandlers,
  ...contractHandlers,
  ...obligationHandlers,
  ...personHandlers,
  ...assignmentHandlers,
  ...signOffHandlers,
  ...trainingHandlers,
  ...commitmentHandlers,
  ...mediaHandlers,
  ...stocktakeHandlers,
  ...ipFilingHandlers,
  ...reportHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...findingHandlers,
  ...importHandlers,
};

export interface CoreOptions {
  dataDir: string;
  keySource: KeySource;
  shell: ShellPort;
  appVersion: string;
  nativeBinding?: string;
  now?: () => Date;
  /** Receives the audit trail's head after each committed append. */
  onAuditHead?: (head: AuditHead) => void;
  /** Account and key services of the login gate. */
  security?: SecurityServices;
  /**
   * Keeps audit records outside the database while it is read-only (see RouterDeps.deferAudit);
   * without it, audited channels are refused in read-only mode.
   */
  deferAudit?: (record: AuditRecord) => void;
  /** Where to look for network drives (tests); the running system's by default. */
  locationEnv?: LocationEnv;
  /** Recorded in every audit record; the host name by default. */
  workstation?: string;
  /** The bundled export worker (dist/electron/export-worker.cjs); BAOMI_EXPORT_WORKER when not given. */
  workerScript?: string;
}

export interface Core {
  router: Router;
  db: Db;
  trail: AuditTrail;
  dbPath: string;
  /** The start-up checks' findings; read-only when one of them failed. */
  health: HealthState;
  /** Makes the database read-only for the rest of the session because of a failed check. */
  refuseWrites(finding: HealthFinding): void;
  close(): void;
}

/** Opens the encrypted database, brings its schema up to date and serves the contract. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const dbPath = join(options.dataDir, DB_FILE);
  const network = networkLocation(options.dataDir, options.locationEnv);
  if (network && !existsSync(dbPath)) {
    throw new DataCoreError('NETWORK_LOCATION', `不能在此创建数据库：${networkLocationMessage(options.dataDir, network)}`);
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = await options.keySource.getKey();
  const unclean = readMarker(dbPath) !== null;
  const db = openDatabase(dbPath, key, { nativeBinding: options.nativeBinding });
  const health = new HealthState(now().toISOString(), unclean, unclean ? 'full' : 'quick');
  try {
    writeMarker(dbPath, { appVersion: options.appVersion, at: health.checkedAt });
    const open = restrictPermissions(options.dataDir, DATA_FILES);
    if (open.length > 0) {
      health.add({ check: 'location', severity: 'warning', message: `无法把以下文件的权限设为仅本账户可访问，其他账户可能读取到加密的数据文件：${open.join('、')}。请系统管理员检查数据目录的所有者和权限。`, details: [] });
    }
    if (network) {
      health.add({ check: 'location', severity: 'warning', message: `${networkLocationMessage(options.dataDir, network)}请系统管理员备份后把数据迁移到本机。`, details: [] });
    }
    // Checked before anything is written: a damaged database is neither migrated nor changed.
    health.add(...checkDatabase(db, unclean));
    if (health.readOnly) db.pragma('query_only = ON');
    else migrate(db);
  } catch (error) {
    db.close();
    if (!unclean) removeMarker(dbPath);
    throw error;
  }
  const trail = new AuditTrail(db, auditKeyFrom(key));
  key.fill(0);
  const router = createRouter({
    db,
    trail,
    onAuditHead: options.onAuditHead,
    contract,
    handlers,
    shell: options.shell,
    env: { appVersion: options.appVersion, workstation: options.workstation ?? hostname() },
    security: options.security ?? null,
    now: options.now,
    health,
    deferAudit: options.deferAudit,
    // Each worker opens its own read-only connection with a fresh copy of the key from the key source.
    workers: createWorkerHost({ dbPath, keySource: options.keySource, nativeBinding: options.nativeBinding, script: options.workerScript }),
  });
  return {
    router,
    db,
    trail,
    dbPath,
    health,
    refuseWrites(finding) {
      health.add(finding);
      db.pragma('query_only = ON');
    },
    close() {
      if (!db.open) return;
      db.close();
      // A database that failed its checks keeps the marker: the next start runs the full check.
      if (!health.readOnly) removeMarker(dbPath);
    },
  };
}
