/**
 * What only a shell can do. The Electron main process and the browser harness each
 * implement it; both render through Chromium's print pipeline.
 */
export interface SaveDialogOptions {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

export interface OpenDialogOptions {
  title: string;
  filters: { name: string; extensions: string[] }[];
  /** A file larger than this is not read: the shell throws FileTooLargeError instead. */
  maxBytes: number;
}

/** What chooseOpenFile throws for a file over `maxBytes`; the caller words the refusal. */
export class FileTooLargeError extends Error {
  constructor(
    readonly fileName: string,
    readonly size: number,
  ) {
    super(`${fileName}: ${size} bytes is over the limit`);
    this.name = 'FileTooLargeError';
  }
}

/** A file the user chose: its base name and its whole content. */
export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export interface PdfOptions {
  landscape: boolean;
}

export interface ShellPort {
  /** Asks the user where to save; `null` when cancelled. */
  chooseSavePath(options: SaveDialogOptions): Promise<string | null>;
  /** Asks the user for one file to read; `null` when cancelled. */
  chooseOpenFile(options: OpenDialogOptions): Promise<ChosenFile | null>;
  /** Asks the user for a folder (e.g. where backups go); `null` when cancelled. */
  chooseFolder(options: { title: string }): Promise<string | null>;
  /** Asks the user for one file to be read where it is (a large one, e.g. a backup); `null` when cancelled. */
  chooseOpenPath(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  /** Renders a self-contained HTML document (no scripts) to PDF bytes. */
  htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array>;
  /** Opens the system print dialog for the document; `false` when the user cancelled. */
  printHtml(html: string, options: PdfOptions): Promise<boolean>;
}
