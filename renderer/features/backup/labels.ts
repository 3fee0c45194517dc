import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { BACKUP_COUNTED } from '../../../common/api/backup';

/** The registers' counts in words (单位 3、合同 2、…); accounts and audit records only when `all`. */
export function describeCounts(t: TFunction, counts: Record<string, number>, all = false): string {
  return BACKUP_COUNTED.filter((k) => k in counts && (all || (k !== 'audit_log' && k !== 'accounts')))
    .map((k) => `${t(`backup.counts.${k}`)} ${counts[k]}`)
    .join(t('backup.separator'));
}

/** What the user types to confirm a restore: the backup's time in the workstation's zone, to the minute. */
export const confirmationText = (createdAt: string): string => dayjs(createdAt).format('YYYY-MM-DD HH:mm');

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
