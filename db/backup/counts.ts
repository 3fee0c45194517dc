import { BACKUP_COUNTED, type BackupCounted } from '../../common/api/backup';
import type { Db } from '../core/open';

/** Names of the counted tables in the trail's summaries. */
export const COUNT_LABELS: Readonly<Record<BackupCounted, string>> = {
  organisations: '单位',
  contracts: '合同',
  contract_obligations: '履行义务',
  people: '人员',
  person_signoffs: '保密承诺',
  trainings: '保密教育',
  media: '存储介质',
  media_events: '介质流转记录',
  ip_filings: 'IP报备',
  attachments: '附件',
  accounts: '账户',
  audit_log: '审计记录',
};

/** Records per register (tables an older schema lacks are left out). */
export function countRecords(db: Db): Record<string, number> {
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const counts: Record<string, number> = {};
  for (const table of BACKUP_COUNTED) {
    if (present.has(table)) counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

/** 单位 12、合同 30、… for summaries. */
export function describeCounts(counts: Record<string, number>): string {
  return BACKUP_COUNTED.filter((t) => t in counts && t !== 'audit_log' && t !== 'accounts')
    .map((t) => `${COUNT_LABELS[t]} ${counts[t]}`)
    .join('、');
}

/** The first table whose count differs, in words; null when all agree. */
export function countMismatch(expected: Record<string, number>, actual: Record<string, number>): string | null {
  for (const [table, n] of Object.entries(expected)) {
    if (actual[table] !== n) {
      const label = COUNT_LABELS[table as BackupCounted] ?? table;
      return `${label}记录数为 ${actual[table] ?? 0}，与清单中的 ${n} 不符`;
    }
  }
  return null;
}
