// Builds the renderer (Vite), the Electron main and preload bundles and the harness bridge (esbuild).
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

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, define, logLevel: 'warning', absWorkingDir: root };
await esbuild({
  ...node,
  entryPoints: { main: 'electron/main.ts' },
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
