/**
 * The Content-Security-Policy of the application's pages (DESIGN.md §4). Served as a header on
 * every app:// response; the browser harness imports it so end-to-end tests run under the same
 * policy. No inline script and no eval; inline styles are allowed because Mantine injects its
 * runtime style tags. The app never talks to a network: connect-src is 'none'.
 * blob: is admitted for images only, for attachment previews made in the page from bytes the core
 * returned (an <img> for PNG/JPEG); blob: stays excluded from scripts, workers, frames, objects and
 * connections. PDFs are drawn onto <canvas> by pdf.js, whose worker is a file of the app itself
 * (worker-src 'self', loaded from app://app/pdfjs/); no plugin, no frame, no eval, no WebAssembly.
 * Keep this module free of imports: the harness loads it outside Electron.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Policy for register documents rendered for printing/PDF (app://print/…): self-contained HTML
 * with inline styles only. Nothing may be loaded, nothing may run.
 */
export const PRINT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
