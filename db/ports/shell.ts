/**
 * What only a shell can do. The Electron main process and the browser harness each
 * implement it; both render through Chromium's print pipeline.
 */
export interface SaveDialogOptions {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

export interface PdfOptions {
  landscape: boolean;
}

export interface ShellPort {
  /** Asks the user where to save; `null` when cancelled. */
  chooseSavePath(options: SaveDialogOptions): Promise<string | null>;
  /** Renders a self-contained HTML document (no scripts) to PDF bytes. */
  htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array>;
  /** Opens the system print dialog for the document; `false` when the user cancelled. */
  printHtml(html: string, options: PdfOptions): Promise<boolean>;
}
