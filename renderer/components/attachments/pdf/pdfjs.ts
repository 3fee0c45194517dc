import type * as PdfjsModule from 'pdfjs-dist';
import type { DocumentInitParameters, PDFDocumentLoadingTask } from 'pdfjs-dist/types/src/display/api';

/**
 * Loading pdf.js for attachment previews. PDFs are drawn onto <canvas> in the page itself: the
 * Chromium PDF viewer would need plugins, which the window keeps off (electron/window.ts).
 *
 * Everything runs under the app's CSP (electron/csp.ts): the worker is a file of the app
 * (worker-src 'self'), nothing is evaluated from strings (isEvalSupported: false) and nothing is
 * fetched (connect-src 'none'): the bytes are handed over whole, WebAssembly stays off and its
 * decoders are replaced by pdf.js's JavaScript ones, and no CMaps, standard fonts or ICC profiles
 * are asked for. PDFs this app prints embed their fonts (Identity-H, no CMap needed); scans are
 * images.
 */

/** Where scripts/build.mjs puts pdf.js's worker and the plain-JS JPEG 2000 decoder it imports. Keep in step. */
export const PDFJS_DIR = 'pdfjs/';
export const PDFJS_WORKER = 'pdf.worker.js';

type Pdfjs = typeof PdfjsModule;

let loading: Promise<Pdfjs> | null = null;

/** pdf.js itself, on first use only (its own chunk), its worker pointed at the app's copy. */
function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = new URL(PDFJS_DIR + PDFJS_WORKER, document.baseURI).href;
      return pdfjs;
    },
    (error: unknown) => {
      loading = null; // let a later preview try again
      throw new PdfViewerError(error);
    },
  );
  return loading;
}

/** pdf.js (its module or its worker) could not be started: no fault of the file. */
export class PdfViewerError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PdfViewerError';
  }
}

/** pdf.js's own names for a file it cannot open: damaged, not a PDF after all, or encrypted. */
const FILE_ERRORS = new Set(['InvalidPDFException', 'FormatError', 'PasswordException', 'UnknownErrorException', 'XRefParseException']);

/** Whether a failure comes from the file (damaged or encrypted) rather than from the viewer. */
export function isFileError(error: unknown): boolean {
  if (error instanceof PdfViewerError) return false;
  const name = (error as { name?: unknown } | null)?.name;
  const message = (error as { message?: unknown } | null)?.message;
  // A worker that failed to start is the viewer's fault, whatever pdf.js calls it.
  if (typeof message === 'string' && /worker/i.test(message)) return false;
  return typeof name === 'string' && FILE_ERRORS.has(name);
}

function documentOptions(bytes: Uint8Array): DocumentInitParameters {
  const pdfjsDir = new URL(PDFJS_DIR, document.baseURI).href;
  return {
    // pdf.js hands the buffer over to its worker; the caller's copy stays usable.
    data: bytes.slice(),
    isEvalSupported: false,
    useWasm: false,
    // Where the worker imports the plain-JS JPEG 2000 decoder from (no WebAssembly, no fetch).
    wasmUrl: pdfjsDir,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    // Only errors reach the console: a scan's harmless oddities are no concern of the user's.
    verbosity: 0,
  };
}

/**
 * Starts loading a PDF from its bytes. `destroy()` on the task releases the document and ends
 * its worker, also while it is still loading.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await loadPdfjs();
  return pdfjs.getDocument(documentOptions(bytes));
}

/** pdf.js's notice that a render was cancelled (a page scrolled away or the zoom changed). */
export const isCancelled = (error: unknown) => (error as { name?: unknown } | null)?.name === 'RenderingCancelledException';
