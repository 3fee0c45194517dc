import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../lib/sessionReset';

export interface AuditView {
  from: string | null;
  to: string | null;
  actor: string;
  action: string | null;
  q: string;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

interface AuditViewState extends AuditView {
  /** Changing anything but the page returns to page 1. */
  set(patch: Partial<AuditView>, resetPage?: boolean): void;
  clearFilters(): void;
}

const INITIAL: AuditView = { from: null, to: null, actor: '', action: null, q: '', dir: 'desc', page: 1, pageSize: 50 };

/** The trail's filters survive navigating away and back. */
export const useAuditView = create<AuditViewState>()((set) => ({
  ...INITIAL,
  set: (patch, resetPage = true) => set((s) => ({ ...s, ...patch, ...(resetPage ? { page: 1 } : {}) })),
  clearFilters: () => set({ from: null, to: null, actor: '', action: null, q: '', page: 1 }),
}));

resetWhenSessionEnds(() => useAuditView.setState(INITIAL));
