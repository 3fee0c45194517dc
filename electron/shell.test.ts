import type { BrowserWindow, Dialog } from 'electron';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../common/api/result';
import { FileTooLargeError } from '../db/ports/shell';
import { createAppProtocolHandler } from './protocol';
import { PRINT_CONTENT_SECURITY_POLICY } from './csp';
import { PrintDocuments } from './print-documents';
import { createElectronShell } from './shell';
import { FakeBrowserWindow } from './testing/fake-electron';

const HTML = '<!doctype html><html><body><table><tr><td>保密协议登记</td></tr></table></body></html>';

function setup(
  saveResult: { canceled: boolean; filePath?: string } = { canceled: true },
  openResult: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] },
) {
  const printDocuments = new PrintDocuments();
  const serve = createAppProtocolHandler({ rendererRoot: '/nonexistent', printDocuments });
  const windows: FakeBrowserWindow[] = [];
  const served: { status: number; csp: string | null; body: string }[] = [];
  const parent = new FakeBrowserWindow({});
  const dialog = {
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ filePath: '', ...saveResult })),
    showOpenDialog: vi.fn(async (..._args: unknown[]) => openResult),
  };
  const shell = createElectronShell({
    dialog: dialog as unknown as Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
    createWindow: (options) => {
      const window = new FakeBrowserWindow(options as Record<string, unknown>);
      // What the print window would receive from app:// while it loads.
      const load = window.loadURL.bind(window);
      window.loadURL = async (url: string) => {
        const response = await serve(new Request(url));
        served.push({ status: response.status, csp: response.headers.get('content-security-policy'), body: await response.text() });
        return load(url);
      };
      windows.push(window);
      return window as unknown as BrowserWindow;
    },
    getParentWindow: () => parent as unknown as BrowserWindow,
    printDocuments,
    defaultDirectory: () => '/home/u/文档',
  });
  return { shell, dialog, windows, served, printDocuments, parent };
}

describe('Electron shell port', () => {
  it('chooseSavePath returns null when the dialog is cancelled', async () => {
    const { shell, dialog, parent } = setup({ canceled: true });
    const path = await shell.chooseSavePath({ title: '导出 PDF', defaultName: '台账.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(path).toBeNull();
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      parent,
      expect.objectContaining({ title: '导出 PDF', defaultPath: join('/home/u/文档', '台账.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] }),
    );
  });

  it('chooseSavePath returns the chosen path', async () => {
    const { shell } = setup({ canceled: false, filePath: '/tmp/x.pdf' });
    expect(await shell.chooseSavePath({ title: 't', defaultName: 'x.pdf', filters: [] })).toBe('/tmp/x.pdf');
  });

  it('htmlToPdf renders the document in a hidden, sandboxed, script-less window through app://print and destroys it', async () => {
    const { shell, windows, served, printDocuments } = setup();
    const pdf = await shell.htmlToPdf(HTML, { landscape: true });
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 fake');
    expect(windows).toHaveLength(1);
    const window = windows[0] as FakeBrowserWindow;
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, javascript: false, nodeIntegration: false, contextIsolation: true });
    expect((window.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(window.loadedUrls[0]).toMatch(/^app:\/\/print\//);
    expect(served).toEqual([{ status: 200, csp: PRINT_CONTENT_SECURITY_POLICY, body: HTML }]);
    expect(window.webContents.pdfOptions).toEqual([
      { pageSize: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false },
    ]);
    expect(window.destroyed).toBe(true);
    expect(printDocuments.size).toBe(0);
  });

  it('htmlToPdf cleans up when rendering fails', async () => {
    const { shell, windows, printDocuments } = setup();
    const failing = shell.htmlToPdf(HTML, { landscape: false });
    (windows[0] as FakeBrowserWindow).webContents.pdfBytes = new Error('render failed');
    await expect(failing).rejects.toThrow('render failed');
    expect((windows[0] as FakeBrowserWindow).destroyed).toBe(true);
    expect(printDocuments.size).toBe(0);
  });

  it('printHtml opens the system print dialog and resolves true when printed', async () => {
    const { shell, windows } = setup();
    expect(await shell.printHtml(HTML, { landscape: false })).toBe(true);
    const window = windows[0] as FakeBrowserWindow;
    expect(window.webContents.printOptions).toEqual([{ silent: false, printBackground: true, landscape: false }]);
    expect(window.destroyed).toBe(true);
  });

  it('printHtml resolves false when the user cancels', async () => {
    const { shell, windows } = setup();
    const printing = shell.printHtml(HTML, { landscape: true });
    (windows[0] as FakeBrowserWindow).webContents.printOutcome = { success: false, reason: 'cancelled' };
    expect(await printing).toBe(false);
    expect((windows[0] as FakeBrowserWindow).destroyed).toBe(true);
  });

  it('printHtml reports a failed print job in Chinese', async () => {
    const { shell, windows } = setup();
    const printing = shell.printHtml(HTML, { landscape: true });
    (windows[0] as FakeBrowserWindow).webContents.printOutcome = { success: false, reason: 'Print job failed' };
    await expect(printing).rejects.toBeInstanceOf(DomainError);
    await expect(printing).rejects.toThrow(/打印未完成/);
  });
});

describe('Electron shell port: chooseOpenFile', () => {
  const LIMIT = 1024;
  const FILTERS = [{ name: 'PDF', extensions: ['pdf'] }];
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baomi-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const choose = (paths: string[], maxBytes = LIMIT) => {
    const ctx = setup(undefined, { canceled: false, filePaths: paths });
    return { ...ctx, result: ctx.shell.chooseOpenFile({ title: '添加附件', filters: FILTERS, maxBytes }) };
  };

  it('returns null when the dialog is cancelled, reading nothing', async () => {
    const { shell, dialog, parent } = setup();
    expect(await shell.chooseOpenFile({ title: '添加附件', filters: FILTERS, maxBytes: LIMIT })).toBeNull();
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      parent,
      expect.objectContaining({ title: '添加附件', defaultPath: '/home/u/文档', filters: FILTERS, properties: ['openFile', 'dontAddToRecent'] }),
    );
  });

  it('returns the base name and the exact bytes of the chosen file, as a plain Uint8Array', async () => {
    const bytes = Uint8Array.from({ length: LIMIT }, (_, i) => (i * 31) & 0xff);
    const path = join(dir, '保密协议 扫描件.pdf');
    writeFileSync(path, bytes);
    const file = await choose([path]).result;
    expect(file?.name).toBe('保密协议 扫描件.pdf');
    expect(file?.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(file?.bytes)).toBe(false);
    expect(file?.bytes).toEqual(bytes);
  });

  it('refuses a file over the limit from its size, without reading it (a 4 GiB sparse file)', async () => {
    const path = join(dir, '巨大.pdf');
    writeFileSync(path, '');
    truncateSync(path, 4 * 1024 ** 3);
    const started = Date.now();
    const error = await choose([path]).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error).toMatchObject({ fileName: '巨大.pdf', size: 4 * 1024 ** 3 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('accepts a file of exactly the limit and refuses one byte more', async () => {
    writeFileSync(join(dir, 'a.pdf'), new Uint8Array(LIMIT));
    writeFileSync(join(dir, 'b.pdf'), new Uint8Array(LIMIT + 1));
    expect((await choose([join(dir, 'a.pdf')]).result)?.bytes.length).toBe(LIMIT);
    await expect(choose([join(dir, 'b.pdf')]).result).rejects.toMatchObject({ name: 'FileTooLargeError', size: LIMIT + 1 });
  });

  it('explains in Chinese when the file cannot be read or is not a file', async () => {
    const gone = choose([join(dir, '已删除.pdf')]).result;
    await expect(gone).rejects.toBeInstanceOf(DomainError);
    await expect(gone).rejects.toThrow('无法读取文件“已删除.pdf”：文件已不存在。请检查后重试。');
    mkdirSync(join(dir, '文件夹.pdf'));
    await expect(choose([join(dir, '文件夹.pdf')]).result).rejects.toThrow('“文件夹.pdf”不是普通文件，不能作为附件。');
  });
});
