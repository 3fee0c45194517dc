import { create } from 'zustand';
import type { RestoreResult } from '../../../common/api/backup';

interface RestoreNoticeState {
  /** The restore just made, for the login screen; it outlives the session the restore ended. */
  restored: RestoreResult | null;
  show(result: RestoreResult): void;
  dismiss(): void;
}

export const useRestoreNotice = create<RestoreNoticeState>()((set) => ({
  restored: null,
  show: (restored) => set({ restored }),
  dismiss: () => set({ restored: null }),
}));
