import type { BackupConfig } from '../../common/api/backup';

/** The latest scheduled moment at or before `now` (local time); null when no schedule is set. */
export function lastScheduled(config: Pick<BackupConfig, 'schedule' | 'time' | 'weekday'>, now: Date): Date | null {
  if (config.schedule === 'off') return null;
  const [h, m] = config.time.split(':').map(Number) as [number, number];
  const at = new Date(now);
  at.setHours(h, m, 0, 0);
  if (config.schedule === 'daily') {
    if (at.getTime() > now.getTime()) at.setDate(at.getDate() - 1);
    return at;
  }
  const today = at.getDay() === 0 ? 7 : at.getDay();
  at.setDate(at.getDate() - ((today - config.weekday + 7) % 7));
  if (at.getTime() > now.getTime()) at.setDate(at.getDate() - 7);
  return at;
}

/** Whether a scheduled backup is due: a scheduled moment has passed with no good backup since. */
export function scheduledDue(config: BackupConfig, lastGoodAt: string | null, now: Date): Date | null {
  const slot = lastScheduled(config, now);
  if (!slot) return null;
  return lastGoodAt && new Date(lastGoodAt).getTime() >= slot.getTime() ? null : slot;
}

export const DAY_MS = 86_400_000;

/** Whole days since the last good backup, and whether that is too old. */
export function backupAge(lastAt: string | null, maxAgeDays: number, now: Date): { ageDays: number | null; stale: boolean } {
  if (!lastAt) return { ageDays: null, stale: true };
  const ageMs = now.getTime() - new Date(lastAt).getTime();
  return { ageDays: Math.max(0, Math.floor(ageMs / DAY_MS)), stale: ageMs > maxAgeDays * DAY_MS };
}
