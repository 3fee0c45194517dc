/**
 * The export worker (a worker thread, bundled as dist/electron/export-worker.cjs): opens its own
 * read-only connection to the database with the key from its init message, wipes the key, does one
 * task (an Excel register, the IP whitelist), writes the file and reports progress and the result.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { registerSelection } from '../../common/api/report';
import { whitelistFilterSchema } from '../../common/api/ipfiling';
import { DomainError } from '../../common/api/result';
import { openDatabase, type Db } from '../core/open';
import { DataCoreError } from '../core/errors';
import { exportRegisterXlsx } from '../reports/export';
import { localDate } from '../registers/contracts/repo';
import { exportWhitelist } from '../registers/ipfilings/whitelist';
import type { WorkerInit, WorkerReport, WorkerTask } from './protocol';

const port = parentPort;
if (!port) throw new Error('export-worker must run in a worker thread');
const post = (report: WorkerReport) => port.postMessage(report);

async function run(db: Db, task: WorkerTask): Promise<unknown> {
  const now = new Date(task.now);
  const progress = (done: number, total: number) => post({ type: 'progress', done, total });
  switch (task.kind) {
    case 'report.xlsx': {
      const ctx = { db, session: task.session, now: () => now };
      return exportRegisterXlsx(ctx, registerSelection.parse(task.selection), task.options, task.path, progress);
    }
    case 'ipfiling.whitelist': {
      const by = { at: now, name: task.session.displayName, username: task.session.username };
      return exportWhitelist(db, task.format, whitelistFilterSchema.parse(task.filter), localDate(now), by, task.path);
    }
  }
}

port.once('message', (init: WorkerInit) => {
  void (async () => {
    let db: Db | null = null;
    try {
      try {
        db = openDatabase(init.dbPath, init.key, { readonly: true, nativeBinding: init.nativeBinding });
      } finally {
        init.key.fill(0);
      }
      const result = await run(db, init.task);
      post({ type: 'done', threadId, result });
    } catch (error) {
      if (error instanceof DomainError) post({ type: 'failed', threadId, code: error.code, message: error.message, field: error.field });
      else if (error instanceof DataCoreError) post({ type: 'failed', threadId, code: 'RULE', message: error.message });
      else {
        console.error('[export-worker]', error);
        post({ type: 'failed', threadId, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      db?.close();
    }
  })();
});
