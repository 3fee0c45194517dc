import type { TFunction } from 'i18next';
import { BACKUP_COUNTED } from '../../../common/api/backup';
import { formatTime } from '../audit/labels';

/** The registers holding records, in words (单位 3、合同 2、…); accounts and audit records are left out. */
export function describeCounts(t: TFunction, counts: Record<string, number>): string {
  const held = BACKUP_COUNTED.filter((k) => k !== 'audit_log' && k !== 'accounts' && (counts[k] ?? 0) > 0);
  return held.length ? held.map((k) => `${t(`backup.counts.${k}`)} ${counts[k]}`).join(t('backup.separator')) : t('backup.noRecords');
}

/** What the user types to confirm a restore: the backup's time as the list shows it (backups can be seconds apart). */
export const confirmationText = (createdAt: string): string => formatTime(createdAt);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
