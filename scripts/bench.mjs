// `npm run bench [-- --scale 1 | --growth]`: bundles test/bench/main.ts and runs it (see its header).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  // The export worker beside the runner: exports run in a worker thread as in the app.
  entryPoints: { bench: 'test/bench/main.ts', 'export-worker': 'db/workers/export-worker.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  outdir: 'dist/bench',
  outExtension: { '.js': '.cjs' },
  external: ['better-sqlite3-multiple-ciphers', 'exceljs', 'playwright-core', '@playwright/test'],
  absWorkingDir: root,
  logLevel: 'warning',
});
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/bench/bench.cjs', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
