import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '../../common/api/result';
import type { AuditDetails } from '../audit/log';
import type { KeySource } from '../core/keys';
import type { HandlerContext } from '../router/handlers';
import type { WorkerInit, WorkerReport, WorkerTask } from './protocol';

/** Where the export worker bundle is, when the core was not told (tests: vitest's global set-up). */
export const WORKER_SCRIPT_ENV = 'BAOMI_EXPORT_WORKER';

export const WORKER_FAILED_MESSAGE = '导出未完成：后台处理时出现程序内部错误，文件未保存。请重试，如仍失败请联系系统管理员。';

/** Runs long read-only work in a worker thread with its own connection; the main thread stays free. */
export interface WorkerHost {
  /** The task's result, and the thread that did it. */
  run(task: WorkerTask, onProgress: (done: number, total: number) => void): Promise<{ result: unknown; threadId: number }>;
}

export interface WorkerHostOptions {
  dbPath: string;
  /** Hands out a fresh copy of the database key for each worker. */
  keySource: KeySource;
  nativeBinding?: string;
  /** The bundled worker (dist/electron/export-worker.cjs); BAOMI_EXPORT_WORKER when not given. */
  script?: string;
}

function scriptOf(options: WorkerHostOptions): string {
  const script = options.script ?? process.env[WORKER_SCRIPT_ENV];
  if (!script) throw new Error(`export worker script not configured (CoreOptions.workerScript or ${WORKER_SCRIPT_ENV})`);
  return script;
}

export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  return {
    async run(task, onProgress) {
      const script = scriptOf(options);
      const copy = await options.keySource.getKey();
      // The worker gets the key by transfer: this thread keeps no copy once the message is posted.
      const key = Uint8Array.from(copy);
      copy.fill(0);
      let worker: Worker;
      try {
        worker = new Worker(script);
      } catch (error) {
        key.fill(0);
        throw error;
      }
      return new Promise<{ result: unknown; threadId: number }>((resolve, reject) => {
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          fn();
          void worker.terminate();
        };
        worker.on('message', (report: WorkerReport) => {
          if (report.type === 'progress') onProgress(report.done, report.total);
          else if (report.type === 'done') settle(() => resolve({ result: report.result, threadId: report.threadId }));
          else settle(() => reject(report.code === 'INTERNAL' ? new Error(report.message) : new DomainError(report.code as ErrorCode, report.message, report.field)));
        });
        worker.on('error', (error) => settle(() => reject(error)));
        worker.on('exit', (code) => settle(() => reject(new Error(`export worker exited with code ${code}`))));
        const init: WorkerInit = { type: 'init', dbPath: options.dbPath, key, nativeBinding: options.nativeBinding, task };
        worker.postMessage(init, [key.buffer]);
      });
    },
  };
}

/** For a router opened without a database file of its own (unit tests of the router). */
export const noWorkers: WorkerHost = {
  run: () => Promise.reject(new Error('no worker host: this router was opened without a database file')),
};

/**
 * Starts `task` in a worker as a job of the caller's (polled through job:status). When the worker
 * has written the file, `finish` turns its result into the audit record (written on the main
 * connection, under the channel's action) and the job's result. A refusal from the worker (a
 * DomainError: unwritable path, empty list) fails the job with its Chinese message; anything else
 * fails it with a general message and is logged.
 */
export function startWorkerJob<R>(
  ctx: HandlerContext,
  channel: string,
  action: string,
  task: WorkerTask,
  finish: (result: R) => { audit: AuditDetails; value: unknown },
): string {
  const { session, workers } = ctx;
  return ctx.jobs.start(task.kind, session.accountId, ctx.now(), async (progress) => {
    let result: R;
    try {
      result = (await workers.run(task, progress)).result as R;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      console.error(`[worker ${task.kind}]`, error);
      throw new Error(WORKER_FAILED_MESSAGE);
    }
    const { audit, value } = finish(result);
    ctx.recordAudit({
      ...audit,
      at: new Date().toISOString(),
      actorId: session.accountId,
      actorName: session.displayName,
      actorRoles: session.roles.join(','),
      action,
      channel,
    });
    return value;
  });
}
