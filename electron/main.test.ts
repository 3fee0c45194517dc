import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_CHANNELS } from '../common/api';
import type { Result } from '../common/api/result';
import { AuthGate } from '../db/security/gate';
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

const dataDir = () => join(userData, 'data');
const mainWindow = () => fake.windows()[0] as FakeBrowserWindow;
const invoke = (channel: string, sender: FakeWebContents, frame: unknown, payload: unknown = {}) => {
  const handler = fake.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame }, payload) as Promise<Result<unknown>>;
};
/** A call from the application page, as the preload makes it. */
const fromApp = async <T = unknown>(channel: string, payload: unknown = {}) => {
  const contents = mainWindow().webContents;
  return (await invoke(channel, contents, contents.mainFrame, payload)) as Result<T>;
};
const valueOf = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};
const errorCode = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

// Three administrators (三员分立); each password: ≥ 10 characters, 3+ classes, not the username.
const ADMINS = [
  { username: 'sa01', displayName: '系统管理员', password: 'Kx7#mPq2vL9w' },
  { username: 'sec01', displayName: '安全保密管理员', password: 'Tr4$nWz8bQ1e' },
  { username: 'aud01', displayName: '安全审计员', password: 'Hy6&cJd3sF0u' },
];
const SETUP = { unitName: '测试单位', marking: '内部', mode: 'separated', accounts: ADMINS };

type Status = { phase: string; unitName: string; user: { username: string; roles: string[] } | null };

beforeEach(() => {
  vi.resetModules();
  userData = mkdtempSync(join(tmpdir(), 'baomi-main-'));
});
/** Quits as the menu or the system asks for it, and waits until the quit went through. */
async function quit(): Promise<void> {
  const before = fake.calls.quitted;
  fake.app.quit();
  await vi.waitFor(() => expect(fake.calls.quitted).toBe(before + 1));
}

afterEach(async () => {
  if (fake) await quit();
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

  it('opens no database at start-up, writes no key of any kind, and shows one hardened window', async () => {
    await startMain({ dev: true });
    expect(fake.calls.errorBoxes).toEqual([]);
    expect(fake.calls.exit).toEqual([]);
    expect(existsSync(dataDir()) ? readdirSync(dataDir()) : []).toEqual([]);
    expect(fake.windows()).toHaveLength(1);
    expect(mainWindow().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((mainWindow().options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(mainWindow().loadedUrls).toEqual(['app://app/index.html']);
  });

  it('registers one IPC handler per client channel (auth and router), and no other', async () => {
    await startMain({ dev: true });
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CLIENT_CHANNELS].sort());
    expect(fake.ipcMain.handlers.has('auth:login')).toBe(true);
    expect(fake.ipcMain.handlers.has('org:list')).toBe(true);
  });

  it('reports first-run setup on an empty data folder, and serves no router channel before login', async () => {
    await startMain({ dev: true });
    expect(valueOf<Status>(await fromApp('auth:status'))).toMatchObject({ phase: 'setup', unitName: '', user: null });
    expect(errorCode(await fromApp('app:info'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await fromApp('org:list'))).toBe('UNAUTHENTICATED');
    expect(existsSync(dataDir()) ? readdirSync(dataDir()) : []).toEqual([]);
  });

  it('sets up, logs in and serves the router through the gate with its session; quitting logs out and closes the database', async () => {
    await startMain({ dev: true });

    const setup = valueOf<{ recoveryCode: string }>(await fromApp('auth:setup', SETUP));
    expect(setup.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(existsSync(join(dataDir(), 'keyslots.json'))).toBe(true);
    expect(existsSync(join(dataDir(), 'baomi.db'))).toBe(true);
    expect(existsSync(join(dataDir(), 'development.key'))).toBe(false);
    // Setup does not log anybody in.
    expect(valueOf<Status>(await fromApp('auth:status'))).toMatchObject({ phase: 'login', unitName: '测试单位', user: null });

    expect(errorCode(await fromApp('auth:login', { username: 'sa01', password: 'wrong-Password-1' }))).toBe('UNAUTHENTICATED');
    const opened = valueOf<Status>(await fromApp('auth:login', { username: 'sa01', password: ADMINS[0]!.password }));
    expect(opened).toMatchObject({ phase: 'open', user: { username: 'sa01', roles: ['sysadmin'] } });

    // The router sees the gate's session: the system administrator manages accounts but no registers.
    expect(errorCode(await fromApp('org:list'))).toBe('FORBIDDEN');
    const accounts = valueOf<{ accounts: { username: string }[]; mode: string }>(await fromApp('account:list'));
    expect(accounts.mode).toBe('separated');
    expect(accounts.accounts.map((a) => a.username).sort()).toEqual(['aud01', 'sa01', 'sec01']);
    const info = valueOf<{ version: string; user: { username: string } }>(await fromApp('app:info'));
    expect(info).toMatchObject({ version: '9.9.9-test', user: { username: 'sa01' } });

    // What the renderer sends about who it is means nothing.
    expect(errorCode(await fromApp('org:list', { session: { roles: ['officer'] } }))).toBe('FORBIDDEN');

    await quit();
    expect(valueOf<Status>(await fromApp('auth:status'))).toMatchObject({ phase: 'login', user: null });
    expect(errorCode(await fromApp('account:list'))).toBe('UNAUTHENTICATED');
    fake.app.emit('will-quit'); // a second close is harmless

    // The logout was recorded on this workstation, and the audit chain is intact.
    const auditor = new AuthGate({
      dataDir: dataDir(),
      shell: { chooseSavePath: async () => null, chooseOpenFile: async () => null, chooseFolder: async () => null, chooseOpenPath: async () => null, htmlToPdf: async () => new Uint8Array(), printHtml: async () => false },
      appVersion: 'test',
    });
    try {
      await auditor.login('aud01', ADMINS[2]!.password);
      const trail = valueOf<{ rows: { action: string; actorName: string; workstation: string }[] }>(
        await auditor.invoke('audit:list', { dir: 'asc' }),
      );
      const actions = trail.rows.map((r) => r.action);
      expect(actions.slice(0, 2)).toEqual(['auth.setup', 'auth.loginFailed']);
      expect(actions).toContain('auth.logout');
      expect(trail.rows.find((r) => r.action === 'auth.logout')).toMatchObject({ actorName: '系统管理员', workstation: hostname() });
      expect(valueOf<{ ok: boolean }>(await auditor.invoke('audit:verify', {})).ok).toBe(true);
    } finally {
      auditor.close();
    }
  });

  /** Sets up, logs the system administrator in and has backups made on exit into a new folder. */
  async function backingUpOnExit(): Promise<string> {
    valueOf(await fromApp('auth:setup', SETUP));
    valueOf(await fromApp('auth:login', { username: 'sa01', password: ADMINS[0]!.password }));
    const folder = mkdtempSync(join(userData, 'backups-'));
    valueOf(await fromApp('backup:setConfig', { folder, schedule: 'off', time: '17:30', weekday: 5, onExit: true, keep: 10, maxAgeDays: 7 }));
    return folder;
  }
  const backupsIn = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.bmbak'));

  it('quitting waits for the backup on exit, then logs out and quits once', async () => {
    await startMain({ dev: true });
    const folder = await backingUpOnExit();
    fake.app.quit();
    // The first request is held back while the gate shuts down; the quit is then asked for again.
    expect(fake.calls.quitted).toBe(0);
    await vi.waitFor(() => expect(fake.calls.quitted).toBe(1));
    expect(fake.calls.quit).toBe(2);
    expect(backupsIn(folder)).toHaveLength(1);
    expect(valueOf<Status>(await fromApp('auth:status'))).toMatchObject({ phase: 'login', user: null });
  });

  it('closing the last window goes through the same shutdown: backup on exit, logout, quit', async () => {
    await startMain({ dev: true });
    const folder = await backingUpOnExit();
    fake.app.emit('window-all-closed');
    fake.app.emit('window-all-closed'); // asked twice, shut down once
    await vi.waitFor(() => expect(fake.calls.quitted).toBe(1));
    expect(fake.calls.quit).toBe(1);
    expect(backupsIn(folder)).toHaveLength(1);
    expect(valueOf<Status>(await fromApp('auth:status'))).toMatchObject({ phase: 'login', user: null });
  });

  it('refuses IPC from a page that is not ours, before the gate', async () => {
    await startMain({ dev: true });
    const contents = mainWindow().webContents;
    contents.mainFrame.url = 'https://evil.example/';
    expect(await invoke('auth:status', contents, contents.mainFrame)).toEqual(FOREIGN_SENDER);
    expect(await invoke('auth:setup', contents, contents.mainFrame, SETUP)).toEqual(FOREIGN_SENDER);
    const stranger = new FakeWebContents('app://app/index.html');
    expect(await invoke('auth:setup', stranger, stranger.mainFrame, SETUP)).toEqual(FOREIGN_SENDER);
    // Nothing reached the gate: no setup happened.
    expect(existsSync(join(dataDir(), 'keyslots.json'))).toBe(false);
    contents.mainFrame.url = 'app://app/index.html';
    expect(valueOf<Status>(await fromApp('auth:status')).phase).toBe('setup');
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
    await vi.waitFor(() => expect(fake.calls.quitted).toBe(1));
    expect(fake.calls.quit).toBe(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    await startMain({ dev: true, singleInstance: false });
    expect(fake.calls.quit).toBe(1);
    expect(fake.windows()).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('shows a damaged key slot file in Chinese and quits, opening nothing', async () => {
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(join(dataDir(), 'keyslots.json'), '{ not json');
    await startMain({ dev: true });
    expect(fake.calls.errorBoxes).toHaveLength(1);
    expect(fake.calls.errorBoxes[0]).toMatchObject({ title: '无法读取数据目录' });
    expect(fake.calls.errorBoxes[0]?.content).toMatch(/^密钥槽文件 .*keyslots\.json 已损坏/);
    expect(fake.calls.exit).toEqual([1]);
    expect(fake.windows()).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('asks for login when a database exists without its key slot file, and says what is missing', async () => {
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(join(dataDir(), 'baomi.db'), Buffer.alloc(8192, 7));
    await startMain({ dev: true });
    expect(fake.calls.errorBoxes).toEqual([]);
    expect(valueOf<Status>(await fromApp('auth:status')).phase).toBe('login');
    const refused = await fromApp('auth:login', { username: 'sa01', password: ADMINS[0]!.password });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/找不到密钥槽文件/);
  });
});

describe('main process (production build)', () => {
  it('behaves as the development build — first-run setup through the gate — without developer tools', async () => {
    await startMain({ dev: false });
    expect(fake.calls.errorBoxes).toEqual([]);
    expect(fake.calls.exit).toEqual([]);
    expect(fake.windows()).toHaveLength(1);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CLIENT_CHANNELS].sort());
    expect(valueOf<Status>(await fromApp('auth:status')).phase).toBe('setup');
    expect(errorCode(await fromApp('app:info'))).toBe('UNAUTHENTICATED');
    expect(existsSync(dataDir()) ? readdirSync(dataDir()) : []).toEqual([]);
    expect(fake.defaultSession.cancels('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(JSON.stringify(fake.calls.menuTemplates[0])).not.toContain('toggleDevTools');
    expect((mainWindow().options.webPreferences as { devTools?: boolean }).devTools).toBe(false);
  });
});
