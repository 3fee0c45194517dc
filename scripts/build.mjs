// Builds the renderer (Vite), pdf.js's worker, the Electron main and preload bundles and the harness bridge (esbuild).
// `--production` minifies, drops devtools and the harness bridge (what `npm run dist` packages).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const define = {
  __BAOMI_DEV__: JSON.stringify(!production),
  __BAOMI_VERSION__: JSON.stringify(pkg.version),
  ...(production ? { 'process.env.NODE_ENV': '"production"' } : {}),
};

await viteBuild({ configFile: `${root}/vite.config.mts`, logLevel: 'warn', mode: production ? 'production' : 'development' });

// pdf.js (attachment previews) parses PDFs in a module worker of its own, served from app://app/pdfjs/
// beside the renderer (the CSP's worker-src 'self'). Its JPEG 2000 decoder is loaded by the worker
// with import() from the same folder: the plain-JS build of it, so that neither WebAssembly nor
// fetch() has to be allowed. The legacy build carries the polyfills Electron's Chromium needs
// (the modern one expects newer JavaScript built-ins than Electron ships).
// Keep the names in step with renderer/components/attachments/pdf/pdfjs.ts.
await esbuild({
  bundle: true,
  platform: 'browser',
  format: 'esm',
  sourcemap: true,
  minify: production,
  legalComments: 'eof',
  logLevel: 'warning',
  absWorkingDir: root,
  entryPoints: {
    'pdf.worker': 'pdfjs-dist/legacy/build/pdf.worker.mjs',
    openjpeg_nowasm_fallback: 'pdfjs-dist/wasm/openjpeg_nowasm_fallback.js',
  },
  outdir: 'dist/renderer/pdfjs',
});

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, define, logLevel: 'warning', absWorkingDir: root };
await esbuild({
  ...node,
  // The export worker (db/workers) runs in a worker thread beside main.cjs, found there at run time.
  entryPoints: { main: 'electron/main.ts', 'export-worker': 'db/workers/export-worker.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'exceljs'],
  minifySyntax: production,
});
// Sandboxed preloads may require only a few Electron modules: bundle everything else in.
await esbuild({
  ...node,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  minify: production,
});
if (!production) {
  await esbuild({
    ...node,
    platform: 'browser',
    format: 'iife',
    entryPoints: { bridge: 'test/harness/bridge.ts' },
    outdir: 'dist/harness',
  });
}
console.log(`built ${production ? 'production' : 'development'} bundles into dist/`);
