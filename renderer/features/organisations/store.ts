import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../lib/sessionReset';
import type { OrgListParams } from './queries';

type View = Omit<OrgListParams, 'q'> & { q: string };

interface OrgView extends View {
  /** Changing anything but the page returns to page 1. */
  set(patch: Partial<View>, resetPage?: boolean): void;
  clearFilters(): void;
}

const INITIAL: View = { q: '', kind: null, status: 'active', sort: 'name', dir: 'asc', page: 1, pageSize: 50 };

/** The list's filters survive navigating away and back. */
export const useOrgView = create<OrgView>()((set) => ({
  ...INITIAL,
  set: (patch, resetPage = true) => set((s) => ({ ...s, ...patch, ...(resetPage ? { page: 1 } : {}) })),
  clearFilters: () => set({ q: '', kind: null, status: 'active', page: 1 }),
}));

resetWhenSessionEnds(() => useOrgView.setState(INITIAL));
