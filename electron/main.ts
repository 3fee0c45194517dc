/**
 * The Electron main process: a thin, hardened shell around the data core (DESIGN.md §3, §4).
 * Windows, the app:// protocol, menus, dialogs and printing; no business rules.
 *
 * The database stays closed until someone logs in or completes first-run setup: the login gate
 * (db/security/gate.ts) owns the key slots, the session and the open database, and every IPC
 * channel goes through it. Development and production builds behave the same here;
 * `__BAOMI_DEV__` only governs developer conveniences (devtools, menu).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CLIENT_CHANNELS } from '../common/api';
import { DomainError } from '../common/api/result';
import { DataCoreError } from '../db/core/errors';
import { AuthGate } from '../db/security/gate';
import { SlotFileError } from '../db/security/slotfile';
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

let mainWindow: BrowserWindow | null = null;
let gate: AuthGate | null = null;

function fail(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

/**
 * The login gate over userData/data. No database is opened until someone logs in or completes
 * setup; the key slot file is read once here so that a damaged or too-new one is reported
 * before the window opens (nothing can be done in the app without it).
 */
function createGate(printDocuments: PrintDocuments): AuthGate | null {
  const dataDir = join(app.getPath('userData'), 'data');
  const shell = createElectronShell({
    dialog,
    createWindow: (options) => new BrowserWindow(options),
    getParentWindow: () => mainWindow,
    printDocuments,
    defaultDirectory: () => app.getPath('documents'),
  });
  const nativeBinding = !app.isPackaged ? process.env.BAOMI_NATIVE_BINDING || undefined : undefined;
  try {
    // Long exports run in a worker thread; its bundle is built beside this one (scripts/build.mjs).
    const workerScript = join(__dirname, 'export-worker.cjs');
    const created = new AuthGate({ dataDir, shell, appVersion: VERSION, nativeBinding, workstation: hostname(), workerScript });
    created.status();
    return created;
  } catch (error) {
    if (error instanceof SlotFileError || error instanceof DomainError || error instanceof DataCoreError) {
      fail('无法读取数据目录', error.message);
    } else {
      console.error('[main] cannot read the data folder:', error);
      const detail = error instanceof Error ? error.message : String(error);
      fail('保密台账未能启动', `读取数据目录时发生程序内部错误，数据未作改动。请联系系统管理员。\n\n（${detail}）`);
    }
    return null;
  }
}

/** Logs out, closes the database and forgets its key. Safe to call more than once. */
function closeGate(): void {
  try {
    gate?.close();
  } catch (error) {
    console.error('[main] closing the data core failed:', error);
  }
}

/**
 * Quitting waits for the gate's shutdown (the backup on exit, if configured, then logout and
 * close); it runs once, however the quit was asked for (menu, last window closed, system).
 */
let shutdown: Promise<void> | null = null;
let shutDown = false;

function quitAfterShutdown(): void {
  shutdown ??= (async () => {
    try {
      await gate?.shutdown();
    } catch (error) {
      console.error('[main] the backup on exit or closing the data core failed:', error);
      closeGate();
    }
    shutDown = true;
    app.quit();
  })();
}

async function start(): Promise<void> {
  await app.whenReady();
  const printDocuments = new PrintDocuments();
  hardenSession(session.defaultSession, { dev: DEV });
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererRoot: RENDERER_ROOT, printDocuments }));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ dev: DEV, showAbout: () => showAbout(dialog, VERSION, mainWindow) })),
  );

  gate = createGate(printDocuments);
  if (!gate) return;
  registerIpc({
    ipcMain,
    channels: CLIENT_CHANNELS,
    gate,
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
  app.on('window-all-closed', quitAfterShutdown);
  app.on('before-quit', (event) => {
    if (shutDown || !gate) {
      closeGate();
      return;
    }
    event.preventDefault();
    quitAfterShutdown();
  });
  app.on('will-quit', closeGate);
  started = start().catch((error: unknown) => {
    console.error('[main] start-up failed:', error);
    fail('保密台账未能启动', '程序启动时发生内部错误。请联系系统管理员。');
  });
}
