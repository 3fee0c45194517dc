import type { Session } from '../../common/security/roles';

/**
 * Messages between the main thread and a worker thread that does long read-only work (large
 * exports) on its own connection. The key travels only in the `init` message, as a transferred
 * buffer: the main thread keeps no copy of it, the worker wipes it once the database is open.
 */
export type WorkerTask =
  | {
      kind: 'report.xlsx';
      /** Input of report:xlsx, already validated by the channel. */
      selection: unknown;
      options: { marking: string; unitName: string };
      path: string;
      session: Session;
      /** The requesting call's clock (ISO): the export is as of the moment it was asked for. */
      now: string;
    }
  | {
      kind: 'ipfiling.whitelist';
      format: 'text' | 'csv';
      filter: unknown;
      path: string;
      session: Session;
      now: string;
    };

export interface WorkerInit {
  type: 'init';
  dbPath: string;
  key: Uint8Array;
  nativeBinding?: string;
  task: WorkerTask;
}

export type WorkerReport =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; threadId: number; result: unknown }
  | { type: 'failed'; threadId: number; code: string; message: string; field?: string };
