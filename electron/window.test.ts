import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { FakeBrowserWindow } from './testing/fake-electron';
import { createMainWindow } from './window';

function create(dev: boolean) {
  let made: FakeBrowserWindow | null = null;
  const window = createMainWindow(
    (options) => (made = new FakeBrowserWindow(options as Record<string, unknown>)) as unknown as BrowserWindow,
    { preloadPath: '/app/dist/electron/preload.cjs', dev },
  );
  if (!made) throw new Error('no window');
  return { window, fake: made as FakeBrowserWindow };
}

describe('main window', () => {
  it('is isolated and sandboxed, without Node, webviews, plugins or spellcheck', () => {
    const { fake } = create(false);
    expect(fake.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      plugins: false,
      spellcheck: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
  });

  it('allows DevTools only in development builds', () => {
    expect((create(true).fake.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('is titled 保密台账, sized 1280×800 (min 1024×680) and loads the UI from app://app/', () => {
    const { fake } = create(false);
    expect(fake.options).toMatchObject({ title: '保密台账', width: 1280, height: 800, minWidth: 1024, minHeight: 680, show: false });
    expect(fake.loadedUrls).toEqual(['app://app/index.html']);
  });

  it('shows only once ready to show', () => {
    const { fake } = create(false);
    expect(fake.shown).toBe(false);
    fake.emit('ready-to-show');
    expect(fake.shown).toBe(true);
  });
});
