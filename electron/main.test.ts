import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../common/api';
import { CONTENT_SECURITY_POLICY } from './csp';
import { FOREIGN_SENDER } from './ipc';
import { createFakeElectron, FakeWebContents, type FakeBrowserWindow, type FakeElectron } from './testing/fake-electron';

let userData: string;
let fake: FakeElectron;

/** Loads main.ts against the fake `electron` module as a dev or production build would run it. */
async function startMain(options: { dev: boolean; singleInstance?: boolean; ready?: boolean } = { dev: true }) {
  fake = createFakeElectron({ userData, singleInstance: options.singleInstance });
  vi.stubGlobal('__BAOMI_DEV__', options.dev);
  vi.stubGlobal('__BAOMI_VERSION__', '9.9.9-test');
  vi.doMock('electron', () => fake.module);
  const main = await import('./main');
  if (options.ready === false) return main;
  fake.ready();
  await main.started;
  return main;
}

const mainWindow = () => fake.windows()[0] as FakeBrowserWindow;
const invoke = (channel: string, sender: FakeWebContents, frame: unknown, payload: unknown = {}) => {
  const handler = fake.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame }, payload);
};

beforeEach(() => {
  vi.resetModules();
  userData = mkdtempSync(join(tmpdir(), 'baomi-main-'));
});
afterEach(() => {
  fake?.app.emit('will-quit');
  vi.doUnmock('electron');
  vi.unstubAllGlobals();
  rmSync(userData, { recursive: true, force: true });
});

describe('main process (development build)', () => {
  it('sandboxes every renderer and makes app:// privileged before ready', async () => {
    await startMain({ dev: true, ready: false });
    expect(fake.calls.enableSandbox).toBe(1);
    expect(fake.calls.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.windows()).toHaveLength(0);
  });

  it('opens the data core in userData/data with the development key and shows one hardened window', async () => {
    await startMain({ dev: true });
    expect(fake.calls.errorBoxes).toEqual([]);
    expect(existsSync(join(userData, 'data', 'baomi.db'))).toBe(true);
    expect(existsSync(join(userData, 'data', 'development.key'))).toBe(true);
    expect(fake.windows()).toHaveLength(1);
    expect(mainWindow().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((mainWindow().options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(mainWindow().loadedUrls).toEqual(['app://app/index.html']);
  });

  it('registers one IPC handler per contract channel; the app page reaches the real router as the development officer', async () => {
    await startMain({ dev: true });
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const contents = mainWindow().webContents;
    const info = (await invoke('app:info', contents, contents.mainFrame)) as {
      ok: boolean;
      value: { developmentKey: boolean; version: string; user: { username: string; roles: string[] } };
    };
    expect(info.ok).toBe(true);
    expect(info.value.user).toMatchObject({ username: 'officer', displayName: '开发用保密员', roles: ['officer'] });
    expect(info.value.developmentKey).toBe(true);
    expect(info.value.version).toBe('9.9.9-test');
  });

  it('refuses IPC from a page that is not ours', async () => {
    await startMain({ dev: true });
    const contents = mainWindow().webContents;
    contents.mainFrame.url = 'https://evil.example/';
    expect(await invoke('app:info', contents, contents.mainFrame)).toEqual(FOREIGN_SENDER);
    const stranger = new FakeWebContents('app://app/index.html');
    expect(await invoke('app:info', stranger, stranger.mainFrame)).toEqual(FOREIGN_SENDER);
  });

  it('hardens the session and every web contents created', async () => {
    await startMain({ dev: true });
    expect(fake.defaultSession.cancels('https://example.com/')).toBe(true);
    expect(fake.defaultSession.cancels('app://app/index.html')).toBe(false);
    expect(fake.defaultSession.cancels('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(fake.defaultSession.permissionCheckHandler?.({}, 'media')).toBe(false);
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.emitPreventable('will-navigate', { url: 'https://example.com/' })).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('serves app:// with the CSP through protocol.handle', async () => {
    await startMain({ dev: true });
    const handler = fake.calls.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler!(new Request('app://app/..%2f..%2fpackage.json'));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('sets a Chinese menu with developer tools', async () => {
    await startMain({ dev: true });
    const menu = JSON.stringify(fake.calls.menuTemplates[0]);
    expect(menu).toContain('文件');
    expect(menu).toContain('toggleDevTools');
  });

  it('focuses the existing window when a second instance starts, and quits when all windows close', async () => {
    await startMain({ dev: true });
    mainWindow().minimized = true;
    fake.app.emit('second-instance', {}, [], '');
    expect(mainWindow().minimized).toBe(false);
    expect(mainWindow().focused).toBe(true);
    fake.app.emit('window-all-closed');
    expect(fake.calls.quit).toBe(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    await startMain({ dev: true, singleInstance: false });
    expect(fake.calls.quit).toBe(1);
    expect(fake.windows()).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('shows the data core error in Chinese and quits when the database cannot be opened', async () => {
    mkdirSync(join(userData, 'data'), { recursive: true });
    writeFileSync(join(userData, 'data', 'baomi.db'), Buffer.alloc(8192, 7));
    await startMain({ dev: true });
    expect(fake.calls.errorBoxes).toHaveLength(1);
    expect(fake.calls.errorBoxes[0]?.content).toMatch(/^无法打开数据库：密钥不正确/);
    expect(fake.calls.exit).toEqual([1]);
    expect(fake.windows()).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});

describe('main process (production build)', () => {
  it('has no development key source: it says so in Chinese, opens nothing and quits', async () => {
    await startMain({ dev: false });
    expect(fake.calls.errorBoxes).toEqual([{ title: '无法打开数据库', content: '本版本尚未配置账户密钥来源，无法打开数据库。' }]);
    expect(fake.calls.exit).toEqual([1]);
    expect(fake.windows()).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(existsSync(join(userData, 'data', 'development.key'))).toBe(false);
    expect(fake.defaultSession.cancels('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(JSON.stringify(fake.calls.menuTemplates[0])).not.toContain('toggleDevTools');
  });
});
