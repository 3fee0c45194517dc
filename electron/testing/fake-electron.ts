/**
 * A stand-in for the parts of the `electron` module the main process uses, recording what
 * the code under test asked of it. Test-only: nothing in the app imports this file.
 */
import { EventEmitter } from 'node:events';

let nextContentsId = 1;
let nextRoutingId = 100;

export interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
}

export function fakeFrame(url: string, parent: FakeFrame | null = null, processId = 7): FakeFrame {
  return { url, processId, routingId: nextRoutingId++, parent };
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  pdfOptions: unknown[] = [];
  printOptions: unknown[] = [];
  /** What `print` reports to its callback. */
  printOutcome: { success: boolean; reason: string } = { success: true, reason: '' };
  pdfBytes: Uint8Array | Error = Buffer.from('%PDF-1.7 fake');

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = fakeFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async printToPDF(options: unknown): Promise<Uint8Array> {
    this.pdfOptions.push(options);
    if (this.pdfBytes instanceof Error) throw this.pdfBytes;
    return this.pdfBytes;
  }
  print(options: unknown, callback: (success: boolean, reason: string) => void): void {
    this.printOptions.push(options);
    setImmediate(() => callback(this.printOutcome.success, this.printOutcome.reason));
  }
  /** Emits a cancelable event the way Electron does; returns whether it was prevented. */
  emitPreventable(name: string, fields: Record<string, unknown> = {}): boolean {
    let prevented = false;
    const event = { ...fields, preventDefault: () => void (prevented = true) };
    this.emit(name, event, fields.url);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  loadedUrls: string[] = [];
  shown = false;
  focused = false;
  minimized = false;
  destroyed = false;
  /** Called while `loadURL` runs, e.g. to look at what is being served. */
  onLoad: ((url: string) => void) | null = null;

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents();
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
    this.onLoad?.(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: FakeSession['beforeRequest']) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
  /** What the request filter decides for a URL: true when the request is cancelled. */
  cancels(url: string): boolean {
    let cancel: boolean | undefined;
    if (!this.beforeRequest) throw new Error('no onBeforeRequest listener');
    this.beforeRequest({ url }, (response) => {
      cancel = response.cancel ?? false;
    });
    if (cancel === undefined) throw new Error('onBeforeRequest did not answer synchronously');
    return cancel;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners take Electron's event type
type Listener = (event: any, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    // Electron throws on a second handler for the same channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
}

/** A whole fake `electron` module for importing main.ts. */
export function createFakeElectron(options: { userData: string; documents?: string; singleInstance?: boolean }) {
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const calls = {
    enableSandbox: 0,
    /** app.quit() calls. */
    quit: 0,
    /** Quits that went through: before-quit not prevented, will-quit emitted. */
    quitted: 0,
    exit: [] as number[],
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    errorBoxes: [] as { title: string; content: string }[],
    menuTemplates: [] as unknown[],
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    whenReady: () => ready,
    enableSandbox: () => void calls.enableSandbox++,
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    /** Like Electron: before-quit (preventable), then will-quit unless it was prevented. */
    quit: () => {
      calls.quit++;
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      app.emit('will-quit', { preventDefault: () => undefined });
      calls.quitted++;
    },
    exit: (code = 0) => void calls.exit.push(code),
    setAppUserModelId: () => undefined,
    getPath: (name: string) => {
      if (name === 'userData') return options.userData;
      if (name === 'documents') return options.documents ?? options.userData;
      throw new Error(`unexpected app.getPath(${name})`);
    },
  });
  const defaultSession = new FakeSession();
  const ipcMain = new FakeIpcMain();
  FakeBrowserWindow.instances = [];
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    session: { defaultSession },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void calls.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void calls.protocolHandlers.set(scheme, handler),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => void calls.errorBoxes.push({ title, content }),
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
      showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown }) => void calls.menuTemplates.push(menu.template),
    },
  };
  return { module, app, ipcMain, defaultSession, calls, ready: () => resolveReady(), windows: () => FakeBrowserWindow.instances };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
