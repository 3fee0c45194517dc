import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../lib/sessionReset';
import type { ContractListParams } from './queries';

type View = ContractListParams;

interface ContractView extends View {
  /** Changing anything but the page returns to page 1. */
  set(patch: Partial<View>, resetPage?: boolean): void;
  clearFilters(): void;
}

const INITIAL: View = { q: '', status: null, orgId: null, from: null, to: null, voided: 'exclude', sort: 'signedDate', dir: 'desc', page: 1, pageSize: 50 };

/** The list's filters survive navigating away and back; forgotten when the session ends. */
export const useContractView = create<ContractView>()((set) => ({
  ...INITIAL,
  set: (patch, resetPage = true) => set((s) => ({ ...s, ...patch, ...(resetPage ? { page: 1 } : {}) })),
  clearFilters: () => set({ q: '', status: null, orgId: null, from: null, to: null, voided: 'exclude', page: 1 }),
}));

resetWhenSessionEnds(() => useContractView.setState(INITIAL));
