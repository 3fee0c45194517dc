import { useEffect } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '../i18n';
import { resetWhenSessionEnds } from '../lib/sessionReset';

/** A record to open once its page shows (e.g. from a finding on the home screen). */
export interface OpenIntent {
  page: string;
  id: number | null;
}

interface UiState {
  language: Language;
  setLanguage(language: Language): void;
  /** The page shown in the shell. */
  page: string;
  setPage(page: string): void;
  intent: OpenIntent | null;
  /** Shows `page` and asks it to open record `id` (the page takes the intent with useOpenIntent). */
  open(page: string, id: number | null): void;
  /** Asks the shell itself for something without leaving the page (e.g. `password`: change it). */
  intend(intent: OpenIntent): void;
  clearIntent(): void;
}

/** The page shown after login: the home screen, or the first page the account may use. */
export const FIRST_PAGE = 'home';

/** Client-side preferences of this workstation's UI (not register data). */
export const useUi = create<UiState>()(
  persist(
    (set) => ({
      language: 'zh-CN',
      setLanguage: (language) => set({ language }),
      page: FIRST_PAGE,
      setPage: (page) => set({ page, intent: null }),
      intent: null,
      open: (page, id) => set({ page, intent: { page, id } }),
      intend: (intent) => set({ intent }),
      clearIntent: () => set({ intent: null }),
    }),
    { name: 'baomi-ui', partialize: (s) => ({ language: s.language }) },
  ),
);

resetWhenSessionEnds(() => useUi.setState({ page: FIRST_PAGE, intent: null }));

/**
 * Opens the record another screen asked this page to open (useUi `open`): calls `onOpen` with its
 * id once, then forgets the intent.
 */
export function useOpenIntent(page: string, onOpen: (id: number | null) => void): void {
  const intent = useUi((s) => s.intent);
  const clear = useUi((s) => s.clearIntent);
  useEffect(() => {
    if (intent && intent.page === page) {
      onOpen(intent.id);
      clear();
    }
  }, [intent, page, onOpen, clear]);
}
