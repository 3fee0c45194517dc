import { create } from 'zustand';
import { resetWhenSessionEnds } from '../../../lib/sessionReset';
import type { StocktakeListParams } from './queries';

export type ItemFilter = 'all' | 'unmarked' | 'marked';

interface StocktakeView extends StocktakeListParams {
  /** The session on screen, or null for the list. */
  openId: number | null;
  itemFilter: ItemFilter;
  set(patch: Partial<Omit<StocktakeView, 'set'>>): void;
}

const INITIAL = { state: null, page: 1, pageSize: 50, openId: null, itemFilter: 'all' as ItemFilter };

/** Which session is open and how its table is filtered survive navigating away; forgotten at logout. */
export const useStocktakeView = create<StocktakeView>()((set) => ({
  ...INITIAL,
  set: (patch) => set((s) => ({ ...s, ...patch })),
}));

resetWhenSessionEnds(() => useStocktakeView.setState(INITIAL));
