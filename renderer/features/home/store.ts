import { create } from 'zustand';
import type { FindingFilter } from '../../../common/api/findings';
import type { FindingRegister, FindingSeverity, FindingWindow } from '../../../common/findings';
import { resetWhenSessionEnds } from '../../lib/sessionReset';

interface View {
  severity: FindingSeverity | null;
  register: FindingRegister | null;
  window: FindingWindow;
  showAcknowledged: boolean;
  sort: NonNullable<FindingFilter['sort']>;
}

interface HomeView extends View {
  set(patch: Partial<View>): void;
  clear(): void;
}

const INITIAL: View = { severity: null, register: null, window: 'all', showAcknowledged: false, sort: 'severity' };

/** The home screen's filters survive navigating away and back; forgotten when the session ends. */
export const useHomeView = create<HomeView>()((set) => ({
  ...INITIAL,
  set: (patch) => set(patch),
  clear: () => set({ severity: null, register: null, window: 'all' }),
}));

resetWhenSessionEnds(() => useHomeView.setState(INITIAL));
