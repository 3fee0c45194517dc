import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './protocol';

export const WINDOW_TITLE = '保密台账';

export function mainWindowOptions(options: { preloadPath: string; dev: boolean }): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      // No plugins, hence no built-in PDF viewer: attachment previews draw PDFs with pdf.js.
      plugins: false,
      spellcheck: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: options.dev,
    },
  };
}

export type WindowFactory = (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the application window, loads the UI from app://app/ and shows it once painted. */
export function createMainWindow(
  create: WindowFactory,
  options: { preloadPath: string; dev: boolean; onLoadError?: (error: unknown) => void },
): BrowserWindow {
  const window = create(mainWindowOptions(options));
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    (options.onLoadError ?? ((e) => console.error('[window] cannot load the UI:', e)))(error);
  });
  return window;
}
