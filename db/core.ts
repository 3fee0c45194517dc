import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { AuditTrail, auditKeyFrom, type AuditHead } from './audit/log';
import { join } from 'node:path';
import { contract, type Contract } from '../common/api';
import type { KeySource } from './core/keys';
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

export const DB_FILE = 'baomi.db';

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
  /** Recorded in every audit record; the host name by default. */
  workstation?: string;
}

export interface Core {
  router: Router;
  db: Db;
  trail: AuditTrail;
  dbPath: string;
  close(): void;
}

/** Opens the encrypted database, brings its schema up to date and serves the contract. */
export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const dbPath = join(options.dataDir, DB_FILE);
  const key = await options.keySource.getKey();
  const db = openDatabase(dbPath, key, { nativeBinding: options.nativeBinding });
  try {
    migrate(db);
  } catch (error) {
    db.close();
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
  });
  return {
    router,
    db,
    trail,
    dbPath,
    close() {
      if (db.open) db.close();
    },
  };
}
