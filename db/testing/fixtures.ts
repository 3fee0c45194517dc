/**
 * Test support for db/ tests: real encrypted databases in temporary directories, a fixed
 * key, a fake shell that records what the core asked of it, and the sessions of each role.
 * Never imported by production code.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../common/api/result';
import type { Session } from '../../common/security/roles';
import { openCore, type Core } from '../core';
import type { JobStatus } from '../jobs/jobs';
import type { Router } from '../router/router';
import type { KeySource } from '../core/keys';
import type { Db } from '../core/open';
import type { ChosenFile, OpenDialogOptions, PdfOptions, SaveDialogOptions, ShellPort } from '../ports/shell';

export const FIXED_KEY: Uint8Array = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);
export const OTHER_KEY: Uint8Array = Uint8Array.from({ length: 32 }, (_, i) => (i * 11 + 5) & 0xff);

/** Hands out a copy each time: openCore wipes the key it was given once it is done with it. */
export function fixedKeySource(key: Uint8Array = FIXED_KEY): KeySource {
  return { kind: 'account', getKey: () => Promise.resolve(Uint8Array.from(key)) };
}

export interface TempDir {
  dir: string;
  cleanup(): void;
}

export function makeTempDir(prefix = 'baomi-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type ShellCall =
  | { method: 'chooseSavePath'; options: SaveDialogOptions }
  | { method: 'chooseOpenFile'; options: OpenDialogOptions }
  | { method: 'chooseFolder'; options: { title: string } }
  | { method: 'chooseOpenPath'; options: { title: string } }
  | { method: 'htmlToPdf'; html: string; options: PdfOptions }
  | { method: 'printHtml'; html: string; options: PdfOptions };

export interface FakeShell extends ShellPort {
  calls: ShellCall[];
  /** What the next save dialogs answer; `null` is "cancelled". */
  savePath: string | null;
  /**
   * What the next open dialogs answer, in order: a file, `null` ("cancelled") or an error to throw
   * (e.g. the shell's FileTooLargeError). Nothing queued is "cancelled". No size check of its own.
   */
  openFiles: (ChosenFile | null | Error)[];
  /** What the next folder dialog answers; `null` is "cancelled". */
  folder: string | null;
  /** What the next open-path dialogs answer, in order; nothing queued is "cancelled". */
  openPaths: (string | null)[];
  /** The bytes htmlToPdf returns. */
  pdfBytes: Uint8Array;
  /** What printHtml answers; `false` is "cancelled". */
  printResult: boolean;
}

export function fakeShell(): FakeShell {
  const shell: FakeShell = {
    calls: [],
    savePath: null,
    openFiles: [],
    folder: null,
    openPaths: [],
    pdfBytes: new TextEncoder().encode('%PDF-1.7 fake pdf bytes\n%%EOF\n'),
    printResult: true,
    chooseSavePath(options) {
      shell.calls.push({ method: 'chooseSavePath', options });
      return Promise.resolve(shell.savePath);
    },
    chooseOpenFile(options) {
      shell.calls.push({ method: 'chooseOpenFile', options });
      const next = shell.openFiles.shift() ?? null;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
    chooseFolder(options) {
      shell.calls.push({ method: 'chooseFolder', options });
      return Promise.resolve(shell.folder);
    },
    chooseOpenPath(options) {
      shell.calls.push({ method: 'chooseOpenPath', options });
      return Promise.resolve(shell.openPaths.shift() ?? null);
    },
    htmlToPdf(html, options) {
      shell.calls.push({ method: 'htmlToPdf', html, options });
      return Promise.resolve(shell.pdfBytes);
    },
    printHtml(html, options) {
      shell.calls.push({ method: 'printHtml', html, options });
      return Promise.resolve(shell.printResult);
    },
  };
  return shell;
}

const session = (username: string, displayName: string, roles: Session['roles']): Session => ({
  accountId: `acct-${username}`,
  username,
  displayName,
  roles,
});
export const OFFICER = session('officer', '王保密', ['officer']);
export const VIEWER = session('viewer', '李查阅', ['viewer']);
export const AUDITOR = session('auditor', '赵审计', ['auditor']);
export const SYSADMIN = session('sysadmin', '钱系统', ['sysadmin']);

export interface TestCore extends Core {
  dir: string;
  shell: FakeShell;
  /** Closes the database and removes the directory. */
  cleanup(): void;
}

export async function openTestCore(options: { now?: () => Date; key?: Uint8Array } = {}): Promise<TestCore> {
  const temp = makeTempDir();
  const shell = fakeShell();
  try {
    const core = await openCore({
      dataDir: temp.dir,
      keySource: fixedKeySource(options.key),
      shell,
      appVersion: '0.0.0-test',
      now: options.now,
    });
    return {
      ...core,
      dir: temp.dir,
      shell,
      cleanup() {
        core.close();
        temp.cleanup();
      },
    };
  } catch (error) {
    temp.cleanup();
    throw error;
  }
}

export function countRows(db: Db, table: string, where = ''): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
}

/** The value of a successful result; fails the test with the error otherwise. */
export function valueOf<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Polls job:status until the job has finished (done or failed) and returns its last status. */
export async function finishedJob(router: Router, session: Session, jobId: string): Promise<JobStatus> {
  for (;;) {
    const status = valueOf<JobStatus>(await router.invoke('job:status', session, { jobId }));
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Calls a channel that asks for a path and then exports in the background (report:xlsx,
 * ipfiling:whitelist) and waits for its job; fails the test if the call failed or was cancelled.
 */
export async function exportJob(router: Router, session: Session, channel: string, payload: unknown): Promise<JobStatus> {
  const started = valueOf<{ path: string | null; jobId: string | null }>(await router.invoke(channel, session, payload));
  if (!started.jobId) throw new Error(`expected ${channel} to start an export, but the dialog was cancelled`);
  return finishedJob(router, session, started.jobId);
}

export interface AuditRow {
  seq: number;
  uuid: string;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  channel: string;
  target_type: string | null;
  target_id: string | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

export function auditRows(db: Db): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
}

/**
 * A bare contract (and optionally one annexed agreement) with fixed UUIDs, written straight into
 * the tables — nothing audited — for tests of what hangs off a contract (attachments, obligations).
 */
export function insertBareContract(db: Db, uuid: string, options: { agreementUuid?: string; projectName?: string } = {}): number {
  const at = '2025-01-01T00:00:00.000Z';
  const org = db.prepare(
    `INSERT INTO organisations (uuid, name, kind, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, 'test', ?, 'test')`,
  );
  const client = Number(org.run(randomUUID(), `甲方单位${uuid.slice(0, 4)}`, 'client', at, at).lastInsertRowid);
  const vendor = Number(org.run(randomUUID(), `乙方单位${uuid.slice(0, 4)}`, 'vendor', at, at).lastInsertRowid);
  const id = Number(
    db
      .prepare(
        `INSERT INTO contracts (uuid, project_name, client_org_id, vendor_org_id, amount_fen, created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, 0, ?, 'test', ?, 'test')`,
      )
      .run(uuid, options.projectName ?? `测试项目${uuid.slice(0, 4)}`, client, vendor, at, at).lastInsertRowid,
  );
  if (options.agreementUuid) {
    db.prepare(
      `INSERT INTO contract_agreements (uuid, contract_id, seq, kind, term_kind) VALUES (?, ?, 1, '保密协议', 'permanent')`,
    ).run(options.agreementUuid, id);
  }
  return id;
}
