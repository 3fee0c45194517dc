import type { CustomScheme } from 'electron';
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, PRINT_CONTENT_SECURITY_POLICY } from './csp';
import type { PrintDocuments } from './print-documents';

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const PRINT_HOST = 'print';
/** Every page of the application lives under this prefix. */
export const APP_PAGE_PREFIX = 'app://app/';
export const APP_ENTRY_URL = `${APP_PAGE_PREFIX}index.html`;

/** Registered before `ready`: app:// behaves like https (standard, secure origin, fetch). */
export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
];

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** True for the URL of one of the application's own pages (`app://app/…`). */
export function isAppPageUrl(url: string): boolean {
  if (!url.startsWith(APP_PAGE_PREFIX)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps the path of an app:// URL to a file under `root`, or `null` when the path would leave
 * it: `..` segments (also percent-encoded or with backslashes), drive letters, NUL bytes.
 */
export function resolveAppFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split(/[\\/]+/).filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = resolve(root);
  const full = resolve(base, ...segments);
  const rel = relative(base, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return full;
}

function respond(status: number, body: BodyInit | null, contentType: string, csp: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    },
  });
}

const refuse = (status: number, text: string) => respond(status, text, 'text/plain; charset=utf-8', CONTENT_SECURITY_POLICY);

export interface AppProtocolOptions {
  /** The built renderer (dist/renderer). */
  rendererRoot: string;
  printDocuments: PrintDocuments;
  readFile?: (path: string) => Promise<Uint8Array>;
}

/**
 * The handler behind `protocol.handle('app', …)`: serves the renderer from `app://app/…` and
 * documents waiting to be printed from `app://print/<id>`, every response with a strict CSP.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? fsReadFile;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, '405 不支持的请求方法');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, '400 请求地址无效');
    }
    if (url.protocol !== `${APP_SCHEME}:`) return refuse(400, '400 请求地址无效');
    const head = request.method === 'HEAD';

    if (url.host === PRINT_HOST) {
      const html = options.printDocuments.get(url.pathname.replace(/^\/+/, ''));
      if (html === undefined) return refuse(404, '404 文档不存在');
      return respond(200, head ? null : html, 'text/html; charset=utf-8', PRINT_CONTENT_SECURITY_POLICY);
    }
    if (url.host !== APP_HOST) return refuse(404, '404 页面不存在');

    const file = resolveAppFile(options.rendererRoot, url.pathname);
    if (file === null) return refuse(403, '403 拒绝访问');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return refuse(404, '404 页面不存在');
      return refuse(500, '500 读取文件失败');
    }
    return respond(200, head ? null : new Uint8Array(body), mimeTypeFor(file), CONTENT_SECURITY_POLICY);
  };
}
