import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, PRINT_CONTENT_SECURITY_POLICY } from './csp';
import { PrintDocuments } from './print-documents';
import { createAppProtocolHandler, isAppPageUrl, PRIVILEGED_SCHEMES, resolveAppFile } from './protocol';

const SECRET = 'root:x:0:0:SECRET-OUTSIDE-THE-RENDERER';
let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;
let documents: PrintDocuments;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'baomi-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>保密台账</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  mkdirSync(join(root, 'pdfjs'));
  writeFileSync(join(root, 'pdfjs', 'pdf.worker.js'), 'export {}');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(base, 'etc'));
  writeFileSync(join(base, 'etc', 'passwd'), SECRET);
  documents = new PrintDocuments();
  handler = createAppProtocolHandler({ rendererRoot: root, printDocuments: documents });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => handler(new Request(url, init));

describe('app:// protocol', () => {
  it('is registered as a standard, secure, fetch-capable scheme', () => {
    expect(PRIVILEGED_SCHEMES).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves index.html with the strict CSP header', async () => {
    const response = await get('app://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>保密台账</title>');
  });

  it('serves index.html for the bare origin', async () => {
    const response = await get('app://app/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('保密台账');
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    // pdf.js's module worker: a script type (module workers are checked strictly) and the CSP it runs under.
    ['pdfjs/pdf.worker.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s, with the CSP', async (path, type) => {
    const response = await get(`app://app/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://app/../../etc/passwd',
    'app://app/../secret.txt',
    'app://app/%2e%2e/secret.txt',
    'app://app/..%2fsecret.txt',
    'app://app/..%2f..%2fetc%2fpasswd',
    'app://app/assets/..%2f..%2fsecret.txt',
    'app://app/assets/..%5c..%5csecret.txt',
    'app://app/%2e%2e%5csecret.txt',
    'app://app/C:%5cWindows%5cwin.ini',
    'app://app/index.html%00.js',
    'app://app/%E0%A4%A',
  ])('never serves anything outside the renderer for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('SECRET');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses encoded traversal outright (403), not merely as missing', async () => {
    expect((await get('app://app/..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://app/assets/..%5c..%5csecret.txt')).status).toBe(403);
  });

  it('answers 404 for missing files and other hosts', async () => {
    expect((await get('app://app/nope.js')).status).toBe(404);
    expect((await get('app://app/assets')).status).toBe(404);
    expect((await get('app://evil/index.html')).status).toBe(404);
  });

  it('accepts only GET and HEAD', async () => {
    expect((await get('app://app/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('app://app/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves a print document once registered, under the print CSP, and forgets it when released', async () => {
    const doc = documents.add('<!doctype html><p>登记表</p>');
    expect(doc.url).toMatch(/^app:\/\/print\/[0-9a-f-]{36}$/);
    const response = await get(doc.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(PRINT_CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('登记表');
    doc.release();
    expect((await get(doc.url)).status).toBe(404);
    expect((await get('app://print/anything-else')).status).toBe(404);
  });
});

describe('resolveAppFile', () => {
  it('maps paths inside the root and refuses raw traversal that a URL parser would not normalise', () => {
    expect(resolveAppFile(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '/../secret.txt')).toBeNull();
    expect(resolveAppFile(root, '/assets/../../secret.txt')).toBeNull();
    expect(resolveAppFile(root, '/a/./b')).toBeNull();
    expect(resolveAppFile(root, '/%2E%2E/secret.txt')).toBeNull();
  });
});

describe('isAppPageUrl', () => {
  it('accepts only app://app/ pages', () => {
    expect(isAppPageUrl('app://app/index.html')).toBe(true);
    expect(isAppPageUrl('app://app/index.html#/orgs')).toBe(true);
    for (const url of ['app://print/x', 'app://app.evil/', 'app://appx/', 'https://app/', 'file:///app/index.html', 'app://evil@app/', ''])
      expect(isAppPageUrl(url), url).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('forbids inline script, eval, WebAssembly, network and frames; workers only from the app', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // Attachment previews: blob: URLs of bytes already in the page, for images only; PDFs are drawn
    // by pdf.js, whose worker is one of the app's own files. No frames at all.
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(script|worker|frame|connect|object)-src[^;]*blob:/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
  });
});
