import type { BrowserWindow, BrowserWindowConstructorOptions, Dialog } from 'electron';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DomainError } from '../common/api/result';
import { FileTooLargeError, type ChosenFile, type OpenDialogOptions, type PdfOptions, type SaveDialogOptions, type ShellPort } from '../db/ports/shell';
import type { PrintDocuments } from './print-documents';

/** A hidden window for one document: sandboxed, no preload, no JavaScript. */
export const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = Object.freeze({
  show: false,
  width: 1123, // A4 landscape at 96 dpi; layout follows @page anyway
  height: 794,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webviewTag: false,
    spellcheck: false,
    devTools: false,
  },
});

export interface ElectronShellDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  /** The window dialogs belong to. */
  getParentWindow(): BrowserWindow | null;
  printDocuments: PrintDocuments;
  /** Folder the save dialog opens in (e.g. Documents). */
  defaultDirectory?: () => string;
}

function readFailure(name: string, error: unknown): DomainError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? '没有读取权限'
      : code === 'ENOENT'
        ? '文件已不存在'
        : code === 'EBUSY'
          ? '文件正被其他程序占用，请先关闭它'
          : '读取时出错';
  return new DomainError('RULE', `无法读取文件“${name}”：${why}。请检查后重试。`);
}

/**
 * Reads a chosen file whole, refusing one over `maxBytes` from its size before reading it (and,
 * should it grow meanwhile, after reading at most one byte more than the limit).
 */
export async function readChosenFile(path: string, maxBytes: number): Promise<ChosenFile> {
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readFailure(name, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new DomainError('RULE', `“${name}”不是普通文件，不能作为附件。`);
    if (stat.size > maxBytes) throw new FileTooLargeError(name, stat.size);
    const buffer = new Uint8Array(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) throw new FileTooLargeError(name, Math.max(length, stat.size));
    return { name, bytes: buffer.slice(0, length) };
  } catch (error) {
    if (error instanceof DomainError || error instanceof FileTooLargeError) throw error;
    throw readFailure(name, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The Electron implementation of the shell port: native dialogs and Chromium's print pipeline. */
export function createElectronShell(deps: ElectronShellDeps): ShellPort {
  async function withDocument<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
    const document = deps.printDocuments.add(html);
    const window = deps.createWindow(PRINT_WINDOW_OPTIONS);
    try {
      await window.loadURL(document.url);
      return await use(window);
    } finally {
      document.release();
      if (!window.isDestroyed()) window.destroy();
    }
  }

  return {
    async chooseSavePath(options: SaveDialogOptions): Promise<string | null> {
      const dialogOptions = {
        title: options.title,
        defaultPath: deps.defaultDirectory ? join(deps.defaultDirectory(), options.defaultName) : options.defaultName,
        filters: options.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
      };
      const parent = deps.getParentWindow();
      const result = parent
        ? await deps.dialog.showSaveDialog(parent, dialogOptions)
        : await deps.dialog.showSaveDialog(dialogOptions);
      if (result.canceled || !result.filePath) return null;
      return result.filePath;
    },

    async chooseOpenFile(options: OpenDialogOptions): Promise<ChosenFile | null> {
      const dialogOptions = {
        title: options.title,
        defaultPath: deps.defaultDirectory?.(),
        filters: options.filters,
        properties: ['openFile', 'dontAddToRecent'] as ('openFile' | 'dontAddToRecent')[],
      };
      const parent = deps.getParentWindow();
      const result = parent
        ? await deps.dialog.showOpenDialog(parent, dialogOptions)
        : await deps.dialog.showOpenDialog(dialogOptions);
      const path = result.filePaths[0];
      if (result.canceled || !path) return null;
      return readChosenFile(path, options.maxBytes);
    },

    async chooseFolder(options: { title: string }): Promise<string | null> {
      const dialogOptions = {
        title: options.title,
        defaultPath: deps.defaultDirectory?.(),
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] as ('openDirectory' | 'createDirectory' | 'dontAddToRecent')[],
      };
      const parent = deps.getParentWindow();
      const result = parent ? await deps.dialog.showOpenDialog(parent, dialogOptions) : await deps.dialog.showOpenDialog(dialogOptions);
      const path = result.filePaths[0];
      return result.canceled || !path ? null : path;
    },

    async chooseOpenPath(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null> {
      const dialogOptions = {
        title: options.title,
        defaultPath: deps.defaultDirectory?.(),
        filters: options.filters,
        properties: ['openFile', 'dontAddToRecent'] as ('openFile' | 'dontAddToRecent')[],
      };
      const parent = deps.getParentWindow();
      const result = parent ? await deps.dialog.showOpenDialog(parent, dialogOptions) : await deps.dialog.showOpenDialog(dialogOptions);
      const path = result.filePaths[0];
      return result.canceled || !path ? null : path;
    },

    htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
      return withDocument(html, async (window) => {
        const pdf = await window.webContents.printToPDF({
          pageSize: 'A4',
          landscape: options.landscape,
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: false,
        });
        return new Uint8Array(pdf);
      });
    },

    printHtml(html: string, options: PdfOptions): Promise<boolean> {
      return withDocument(
        html,
        (window) =>
          new Promise<boolean>((resolve, reject) => {
            window.webContents.print(
              { silent: false, printBackground: true, landscape: options.landscape },
              (success, reason) => {
                if (success) resolve(true);
                else if (/cancel/i.test(reason)) resolve(false);
                else reject(new DomainError('RULE', `打印未完成：打印机未接受此任务（${reason}）。请检查打印机后重试。`));
              },
            );
          }),
      );
    },
  };
}
