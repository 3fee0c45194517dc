/**
 * The Electron main process: a thin, hardened shell around the data core (DESIGN.md §3, §4).
 * Windows, the app:// protocol, menus, dialogs and printing; no business rules.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { join } from 'node:path';
import { CHANNELS } from '../common/api';
import type { Session } from '../common/security/roles';
import { openCore, type Core } from '../db/core';
import { DataCoreError } from '../db/core/errors';
import type { KeySource } from '../db/core/keys';
import { hardenSession, hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { buildMenuTemplate, showAbout } from './menu';
import { PrintDocuments } from './print-documents';
import { APP_SCHEME, createAppProtocolHandler, PRIVILEGED_SCHEMES } from './protocol';
import { createElectronShell } from './shell';
import { createMainWindow } from './window';

const DEV = __BAOMI_DEV__;
const VERSION = __BAOMI_VERSION__;
const RENDERER_ROOT = join(__dirname, '../renderer');
const PRELOAD = join(__dirname, 'preload.cjs');

export const NO_KEY_SOURCE_MESSAGE = '本版本尚未配置账户密钥来源，无法打开数据库。';

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let currentSession: Session | null = null;

function fail(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

/** Until accounts exist, a development build opens the database with the development key. */
async function chooseKeySource(dataDir: string): Promise<{ keySource: KeySource; session: Session } | null> {
  if (__BAOMI_DEV__) {
    const dev = await import('./dev-session');
    return { keySource: new dev.DevelopmentKeySource(dataDir), session: dev.DEVELOPMENT_SESSION };
  }
  return null;
}

async function openDataCore(printDocuments: PrintDocuments): Promise<Core | null> {
  const dataDir = join(app.getPath('userData'), 'data');
  const keyed = await chooseKeySource(dataDir);
  if (!keyed) {
    fail('无法打开数据库', NO_KEY_SOURCE_MESSAGE);
    return null;
  }
  const shell = createElectronShell({
    dialog,
    createWindow: (options) => new BrowserWindow(options),
    getParentWindow: () => mainWindow,
    printDocuments,
    defaultDirectory: () => app.getPath('documents'),
  });
  const nativeBinding = !app.isPackaged ? process.env.BAOMI_NATIVE_BINDING || undefined : undefined;
  try {
    const opened = await openCore({ dataDir, keySource: keyed.keySource, shell, appVersion: VERSION, nativeBinding });
    currentSession = keyed.session;
    return opened;
  } catch (error) {
    if (error instanceof DataCoreError) fail('无法打开数据库', error.message);
    else {
      console.error('[main] cannot open the data core:', error);
      const detail = error instanceof Error ? error.message : String(error);
      fail('保密台账未能启动', `打开数据库时发生程序内部错误，数据未作改动。请联系系统管理员。\n\n（${detail}）`);
    }
    return null;
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  const printDocuments = new PrintDocuments();
  hardenSession(session.defaultSession, { dev: DEV });
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererRoot: RENDERER_ROOT, printDocuments }));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ dev: DEV, showAbout: () => showAbout(dialog, VERSION, mainWindow) })),
  );

  core = await openDataCore(printDocuments);
  if (!core) return;
  const router = core.router;
  registerIpc({
    ipcMain,
    channels: CHANNELS,
    router,
    getSession: () => currentSession,
    getAppContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
  });

  mainWindow = createMainWindow((options) => new BrowserWindow(options), { preloadPath: PRELOAD, dev: DEV });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// Before `ready`: every renderer sandboxed, app:// privileged.
app.enableSandbox();
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
if (process.platform === 'win32') app.setAppUserModelId('cn.baomi.ledger');

/** Settles once start-up has finished (or failed); tests wait on it. */
export let started: Promise<void> = Promise.resolve();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
  started = start().catch((error: unknown) => {
    console.error('[main] start-up failed:', error);
    fail('保密台账未能启动', '程序启动时发生内部错误。请联系系统管理员。');
  });
}
