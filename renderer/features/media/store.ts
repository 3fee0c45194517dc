import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../lib/sessionReset';
import type { MediaListParams } from './queries';

type View = MediaListParams;

interface MediaView extends View {
  /** The medium whose drawer is open (also opened from the overdue alert). */
  detailId: number | null;
  /** Changing anything but the page returns to page 1. */
  set(patch: Partial<View>, resetPage?: boolean): void;
  open(id: number | null): void;
  clearFilters(): void;
}

const FILTERS = { q: '', kind: null, status: null, classification: null, orgId: null, voided: 'exclude' } as const;
const INITIAL: View & { detailId: null } = { ...FILTERS, sort: 'number', dir: 'asc', page: 1, pageSize: 50, detailId: null };

/** The list's filters survive navigating away and back; forgotten when the session ends. */
export const useMediaView = create<MediaView>()((set) => ({
  ...INITIAL,
  set: (patch, resetPage = true) => set((s) => ({ ...s, ...patch, ...(resetPage ? { page: 1 } : {}) })),
  open: (detailId) => set({ detailId }),
  clearFilters: () => set({ ...FILTERS, page: 1 }),
}));

resetWhenSessionEnds(() => useMediaView.setState(INITIAL));
