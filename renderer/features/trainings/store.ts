import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../lib/sessionReset';
import type { TrainingListParams } from './queries';

type View = Omit<TrainingListParams, 'personId'>;

interface TrainingView extends View {
  /** Changing anything but the page returns to page 1. */
  set(patch: Partial<View>, resetPage?: boolean): void;
  clearFilters(): void;
}

const INITIAL: View = { q: '', from: null, to: null, voided: 'exclude', dir: 'desc', page: 1, pageSize: 50 };

/** The list's filters survive navigating away and back; forgotten when the session ends. */
export const useTrainingView = create<TrainingView>()((set) => ({
  ...INITIAL,
  set: (patch, resetPage = true) => set((s) => ({ ...s, ...patch, ...(resetPage ? { page: 1 } : {}) })),
  clearFilters: () => set({ q: '', from: null, to: null, voided: 'exclude', page: 1 }),
}));

resetWhenSessionEnds(() => useTrainingView.setState(INITIAL));
