import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { HealthFinding, StartupHealth } from '../../common/api/app';
import type { Db } from './open';

/**
 * Start-up checks of the database, made right after the key opened it and before anything is
 * written (not even a migration):
 * - `PRAGMA quick_check` on every open; the full `integrity_check` (which also checks that every
 *   index matches its table) when the previous session ended uncleanly;
 * - `PRAGMA foreign_key_check`;
 * - the audit chain's fast verification is added by the login gate, which keeps the head outside
 *   the database.
 * A failed check makes the database read-only for the session (PRAGMA query_only and the router's
 * refusal); nothing is repaired, deleted or recreated. The system administrator restores a backup.
 *
 * Unclean exits are told by a marker file beside the database (`baomi.db.open`), written and
 * flushed when the database is opened and removed when it is closed after passing its checks.
 * A marker found at open means the last session was killed, crashed or lost power; a session that
 * failed its checks leaves its marker, so the next start runs the full check again.
 */

export const MARKER_SUFFIX = '.open';
const MAX_DETAILS = 20;

export const markerPath = (dbPath: string) => `${dbPath}${MARKER_SUFFIX}`;

/** Writes the marker; false when the folder refuses it (the check is then the full one next time anyway). */
export function writeMarker(dbPath: string, info: { appVersion: string; at: string }): boolean {
  try {
    const fd = openSync(markerPath(dbPath), 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, openedAt: info.at, appVersion: info.appVersion }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

export function removeMarker(dbPath: string): void {
  rmSync(markerPath(dbPath), { force: true });
}

/** When the unclean session began, if the marker says so (shown to the administrator). */
export function readMarker(dbPath: string): { openedAt: string | null } | null {
  const path = markerPath(dbPath);
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { openedAt?: unknown };
    return { openedAt: typeof parsed.openedAt === 'string' ? parsed.openedAt : null };
  } catch {
    return { openedAt: null };
  }
}

/** Runs a checking pragma; a page that cannot even be read (e.g. fails decryption) is itself a finding. */
function pragmaLines(db: Db, pragma: string): string[] {
  try {
    const rows = db.pragma(pragma) as Record<string, unknown>[];
    // One row may carry several lines.
    return rows.flatMap((r) => String(Object.values(r)[0]).split('\n')).filter((line) => line.trim() !== '');
  } catch (error) {
    return [`读取数据库时出错：${(error as Error).message}`];
  }
}

/** quick_check (or the full integrity_check) and foreign_key_check, as findings; none means healthy. */
export function checkDatabase(db: Db, full: boolean): HealthFinding[] {
  const findings: HealthFinding[] = [];
  const pragma = full ? 'integrity_check' : 'quick_check';
  const lines = pragmaLines(db, `${pragma}(${MAX_DETAILS})`).slice(0, MAX_DETAILS);
  if (!(lines.length === 1 && lines[0] === 'ok')) {
    findings.push({
      check: full ? 'integrityCheck' : 'quickCheck',
      severity: 'error',
      message: `数据库${full ? '完整性检查（integrity_check）' : '快速完整性检查（quick_check）'}未通过：数据库文件已损坏，已以只读方式打开。请系统管理员从最近一次有效的备份恢复。`,
      details: lines.slice(0, MAX_DETAILS),
    });
    // foreign_key_check over damaged pages says nothing more and may fail itself.
    return findings;
  }
  let fk: { table: string; rowid: number | null; parent: string }[];
  try {
    fk = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
  } catch (error) {
    fk = [{ table: '?', rowid: null, parent: (error as Error).message }];
  }
  if (fk.length > 0) {
    findings.push({
      check: 'foreignKeys',
      severity: 'error',
      message: `外键检查（foreign_key_check）发现 ${fk.length} 处记录引用了不存在的记录：数据库内容不一致，已以只读方式打开。请系统管理员从最近一次有效的备份恢复。`,
      details: fk.slice(0, MAX_DETAILS).map((r) => `表 ${r.table} 第 ${r.rowid ?? '?'} 行引用的 ${r.parent} 记录不存在`),
    });
  }
  return findings;
}

/** The health of the open database; the login gate adds its audit-chain finding. */
export class HealthState {
  private readonly findings: HealthFinding[] = [];

  constructor(
    readonly checkedAt: string,
    readonly uncleanExit: boolean,
    readonly integrity: 'quick' | 'full',
  ) {}

  add(...findings: HealthFinding[]): void {
    this.findings.push(...findings);
  }

  get readOnly(): boolean {
    return this.findings.some((f) => f.severity === 'error');
  }

  /** Why writes are refused (the first error), or null when the database may be changed. */
  get readOnlyReason(): string | null {
    return this.findings.find((f) => f.severity === 'error')?.message ?? null;
  }

  snapshot(): StartupHealth {
    return {
      readOnly: this.readOnly,
      checkedAt: this.checkedAt,
      uncleanExit: this.uncleanExit,
      integrity: this.integrity,
      findings: this.findings.map((f) => ({ ...f, details: [...f.details] })),
    };
  }
}

export const READ_ONLY_MESSAGE = '数据库处于只读状态，不能保存修改：启动检查发现问题（详见页面顶部的提示）。请系统管理员从备份恢复后再进行此操作。';
