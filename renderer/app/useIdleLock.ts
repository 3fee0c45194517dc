import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
const WARNING_ID = 'idle-lock-warning';

/**
 * Calls `onIdle` after `minutes` without keyboard or mouse input, warning a minute before (locking
 * drops whatever is unsaved in open forms). The core enforces the same limit.
 */
export function useIdleLock(minutes: number, onIdle: () => void, enabled: boolean): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!enabled) return;
    const lockAfter = minutes * 60_000;
    const warnAfter = Math.max(lockAfter - 60_000, lockAfter / 2);
    let warn = 0;
    let lock = 0;
    const arm = () => {
      window.clearTimeout(warn);
      window.clearTimeout(lock);
      notifications.hide(WARNING_ID);
      warn = window.setTimeout(
        () => notifications.show({ id: WARNING_ID, color: 'orange', autoClose: false, title: t('auth.idleWarningTitle'), message: t('auth.idleWarning') }),
        warnAfter,
      );
      lock = window.setTimeout(() => {
        notifications.hide(WARNING_ID);
        onIdle();
      }, lockAfter);
    };
    arm();
    for (const e of EVENTS) window.addEventListener(e, arm, { passive: true });
    return () => {
      window.clearTimeout(warn);
      window.clearTimeout(lock);
      notifications.hide(WARNING_ID);
      for (const e of EVENTS) window.removeEventListener(e, arm);
    };
  }, [minutes, onIdle, enabled, t]);
}
