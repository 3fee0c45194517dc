import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../lib/sessionReset';
import type { PersonListParams } from './queries';

type View = PersonListParams;

interface PeopleView extends View {
  /** Changing anything but the page returns to page 1. */
  set(patch: Partial<View>, resetPage?: boolean): void;
  clearFilters(): void;
}

const FILTERS = { q: '', orgId: null, contractId: null, status: null, departing: false, signOffStatus: null, voided: 'exclude' } as const;
const INITIAL: View = { ...FILTERS, sort: 'name', dir: 'asc', page: 1, pageSize: 50 };

/** The list's filters survive navigating away and back; forgotten when the session ends. */
export const usePeopleView = create<PeopleView>()((set) => ({
  ...INITIAL,
  set: (patch, resetPage = true) => set((s) => ({ ...s, ...patch, ...(resetPage ? { page: 1 } : {}) })),
  clearFilters: () => set({ ...FILTERS, page: 1 }),
}));

resetWhenSessionEnds(() => usePeopleView.setState(INITIAL));
