import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contract, type Contract } from '../common/api';
import type { KeySource } from './core/keys';
import { migrate } from './core/migrate';
import { openDatabase, type Db } from './core/open';
import type { ShellPort } from './ports/shell';
import { appHandlers } from './registers/app/handlers';
import { orgHandlers } from './registers/org/handlers';
import { reportHandlers } from './reports/handlers';
import type { Handlers } from './router/handlers';
import { createRouter, type Router } from './router/router';

export const DB_FILE = 'baomi.db';

export const handlers: Handlers<Contract> = {
  ...appHandlers,
  ...orgHandlers,
  ...reportHandlers,
};

export interface CoreOptions {
  dataDir: string;
  keySource: KeySource;
  shell: ShellPort;
  appVersion: string;
  nativeBinding?: string;
  now?: () => Date;
}

export interface Core {
  router: Router;
  db: Db;
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
  const router = createRouter({
    db,
    contract,
    handlers,
    shell: options.shell,
    env: { appVersion: options.appVersion, developmentKey: options.keySource.kind === 'development' },
    now: options.now,
  });
  return {
    router,
    db,
    dbPath,
    close() {
      if (db.open) db.close();
    },
  };
}
