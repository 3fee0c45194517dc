import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '../i18n';
import { resetWhenSessionEnds } from '../lib/sessionReset';

interface UiState {
  language: Language;
  setLanguage(language: Language): void;
  /** The page shown in the shell. */
  page: string;
  setPage(page: string): void;
}

/** Client-side preferences of this workstation's UI (not register data). */
export const useUi = create<UiState>()(
  persist(
    (set) => ({
      language: 'zh-CN',
      setLanguage: (language) => set({ language }),
      page: 'organisations',
      setPage: (page) => set({ page }),
    }),
    { name: 'baomi-ui', partialize: (s) => ({ language: s.language }) },
  ),
);

resetWhenSessionEnds(() => useUi.setState({ page: 'organisations' }));
