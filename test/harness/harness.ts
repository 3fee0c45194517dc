/**
 * The browser harness (DESIGN.md "Why a browser harness"): the real renderer bundle in Debian's
 * Chromium, the real router and an encrypted database in Node, joined by Playwright's
 * exposeBinding. No TCP port: the app's origin is served by request interception.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { decodeWire, encodeWire } from '../../common/api/wire';
import type { Core } from '../../db/core';
import { FileTooLargeError, type ChosenFile, type ShellPort } from '../../db/ports/shell';
import { AuthGate } from '../../db/security/gate';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';

export const APP_ORIGIN = 'https://app.baomi.invalid';
const ROOT = resolve(__dirname, '../..');
const RENDERER_DIR = join(ROOT, 'dist/renderer');
const BRIDGE = join(ROOT, 'dist/harness/bridge.js');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const CHROMIUM_PATH = process.env.BAOMI_CHROMIUM ?? '/usr/bin/chromium';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Harness implementation of the shell port: PDF through Chromium's print pipeline (page.pdf). */
export class HarnessShell implements ShellPort {
  /** Paths the next save dialogs "choose"; `null` is a cancelled dialog. Falls back to saveDir. */
  readonly savePaths: (string | null)[] = [];
  readonly printed: string[] = [];
  /** Files the next open dialogs "choose", in order; `null`, or nothing queued, is a cancelled dialog. */
  readonly openFiles: (ChosenFile | null)[] = [];
  /** What the next folder dialogs "choose", in order; `null`, or nothing queued, is a cancelled dialog. */
  readonly folders: (string | null)[] = [];
  /** Paths the next open-path dialogs "choose", in order; `null`, or nothing queued, is a cancelled dialog. */
  readonly openPaths: (string | null)[] = [];
  private pdfBrowser: Browser | null = null;

  constructor(private readonly saveDir: string) {}

  async chooseSavePath(options: { defaultName: string }): Promise<string | null> {
    if (this.savePaths.length > 0) return this.savePaths.shift() ?? null;
    mkdirSync(this.saveDir, { recursive: true });
    return join(this.saveDir, options.defaultName);
  }

  /** Like the Electron shell, refuses a file over the limit without handing it over. */
  async chooseOpenFile(options: { maxBytes: number }): Promise<ChosenFile | null> {
    const file = this.openFiles.shift() ?? null;
    if (file && file.bytes.length > options.maxBytes) throw new FileTooLargeError(file.name, file.bytes.length);
    return file;
  }

  async chooseFolder(): Promise<string | null> {
    return this.folders.shift() ?? null;
  }

  async chooseOpenPath(): Promise<string | null> {
    return this.openPaths.shift() ?? null;
  }

  async htmlToPdf(html: string, options: { landscape: boolean }): Promise<Uint8Array> {
    // page.pdf needs headless Chromium; keep a separate headless instance for rendering.
    this.pdfBrowser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const context = await this.pdfBrowser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ landscape: options.landscape, printBackground: true, preferCSSPageSize: true, format: 'A4' });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  }

  /** There is no printer in the harness: the document is kept for the test to inspect. */
  async printHtml(html: string): Promise<boolean> {
    this.printed.push(html);
    return true;
  }

  async close(): Promise<void> {
    await this.pdfBrowser?.close();
    this.pdfBrowser = null;
  }
}

export interface HarnessOptions {
  headless: boolean;
  dataDir?: string;
  saveDir?: string;
  viewport?: { width: number; height: number };
}

export interface Harness {
  page: Page;
  context: BrowserContext;
  /** The login gate the page talks to (the same one the Electron main process runs). */
  gate: AuthGate;
  /** The open database; throws when nobody is logged in. */
  readonly core: Core;
  shell: HarnessShell;
  dataDir: string;
  /** Chromium console errors and CSP violations seen so far. */
  consoleErrors: string[];
  /** Opens (or reopens) the app and waits for its shell to render. */
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Workers of the app (pdf.js's): a violation of the CSP inside a worker reaches neither the page's
 * securitypolicyviolation listeners nor Playwright's console errors. Served with one line in front
 * that reports it as a console error, which Playwright does see (consoleErrors).
 */
const WORKER_SCRIPTS = new Set(['pdfjs/pdf.worker.js']);
const WORKER_CSP_REPORTER = Buffer.from(
  "self.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation in a worker: ${e.effectiveDirective} ${e.blockedURI}`));\n",
);

async function serveApp(context: BrowserContext): Promise<void> {
  // Nothing leaves the machine: every request outside the app origin is refused.
  await context.route('**/*', (route) => route.abort('blockedbyclient'));
  await context.route(`${APP_ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = resolve(RENDERER_DIR, rel);
    if (!file.startsWith(RENDERER_DIR + sep)) return route.fulfill({ status: 403, body: 'forbidden' });
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
    return route.fulfill({
      status: 200,
      body: WORKER_SCRIPTS.has(rel.split(sep).join('/')) ? Buffer.concat([WORKER_CSP_REPORTER, body]) : body,
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

/** The workstation's zone: the page and the core must agree on local dates and times. */
export const TIME_ZONE = 'Asia/Shanghai';

export async function launchHarness(options: HarnessOptions): Promise<Harness> {
  process.env.TZ = TIME_ZONE;
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'baomi-harness-'));
  const shell = new HarnessShell(options.saveDir ?? join(dataDir, 'exports'));
  const gate = new AuthGate({
    dataDir,
    shell,
    appVersion: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    workstation: 'harness',
    // Built by `npm run build` with the renderer.
    workerScript: join(ROOT, 'dist/electron/export-worker.cjs'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: options.headless, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: TIME_ZONE,
    viewport: options.viewport ?? { width: 1366, height: 860 },
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(15_000);
  await serveApp(context);
  await context.addInitScript({ path: BRIDGE });
  await context.exposeBinding('__baomiInvoke', async (_source, channel: unknown, payload: unknown) =>
    encodeWire(await gate.invoke(channel, decodeWire(payload))),
  );
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));

  return {
    page,
    context,
    gate,
    get core() {
      const core = gate.core;
      if (!core) throw new Error('nobody is logged in');
      return core;
    },
    shell,
    dataDir,
    consoleErrors,
    async open() {
      await page.goto(`${APP_ORIGIN}/index.html`);
      await page.getByRole('heading', { name: /保密台账|Baomi Ledger/ }).first().waitFor();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await shell.close();
      gate.close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
