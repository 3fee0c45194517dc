import { useEffect } from 'react';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` after `minutes` without keyboard or mouse input. The core enforces the same limit. */
export function useIdleLock(minutes: number, onIdle: () => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    for (const e of EVENTS) window.addEventListener(e, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of EVENTS) window.removeEventListener(e, reset);
    };
  }, [minutes, onIdle, enabled]);
}
