/**
 * Vitest global set-up: bundles the export worker from source (as scripts/build.mjs does for the
 * app) and tells the cores opened by tests where it is. Never imported by production code.
 */
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { WORKER_SCRIPT_ENV } from '../workers/host';

export default function setup(): void {
  const out = join(process.cwd(), '.tmp', 'workers', 'export-worker.cjs');
  buildSync({
    entryPoints: [join(import.meta.dirname, '../workers/export-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    outfile: out,
    logLevel: 'warning',
  });
  process.env[WORKER_SCRIPT_ENV] = out;
}
