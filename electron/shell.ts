import type { BrowserWindow, BrowserWindowConstructorOptions, Dialog } from 'electron';
import { join } from 'node:path';
import { DomainError } from '../common/api/result';
import type { PdfOptions, SaveDialogOptions, ShellPort } from '../db/ports/shell';
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
  dialog: Pick<Dialog, 'showSaveDialog'>;
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  /** The window dialogs belong to. */
  getParentWindow(): BrowserWindow | null;
  printDocuments: PrintDocuments;
  /** Folder the save dialog opens in (e.g. Documents). */
  defaultDirectory?: () => string;
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
