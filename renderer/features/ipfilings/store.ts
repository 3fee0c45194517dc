import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../lib/sessionReset';
import type { IpFilingListParams } from './queries';

type View = IpFilingListParams & {
  /** 登记 (the register) or 冲突 (address conflicts between filings). */
  tab: 'filings' | 'conflicts';
};

interface IpFilingsView extends View {
  /** Changing anything but the page returns to page 1. */
  set(patch: Partial<View>, resetPage?: boolean): void;
  clearFilters(): void;
}

const FILTERS = { q: '', orgId: null, accessMethod: null, status: null, voided: 'exclude' } as const;
const INITIAL: View = { ...FILTERS, sort: 'number', dir: 'desc', page: 1, pageSize: 50, tab: 'filings' };

/** The list's filters survive navigating away and back; forgotten when the session ends. */
export const useIpFilingsView = create<IpFilingsView>()((set) => ({
  ...INITIAL,
  set: (patch, resetPage = true) => set((s) => ({ ...s, ...patch, ...(resetPage ? { page: 1 } : {}) })),
  clearFilters: () => set({ ...FILTERS, page: 1 }),
}));

resetWhenSessionEnds(() => useIpFilingsView.setState(INITIAL));
