/**
 * Builds the main and preload bundles the way scripts/build.mjs does (same esbuild options,
 * in memory) and checks what a production build must not carry.
 */
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

// Keep in step with scripts/build.mjs.
function options(production: boolean): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    define: {
      __BAOMI_DEV__: JSON.stringify(!production),
      __BAOMI_VERSION__: JSON.stringify('0.0.0-test'),
      ...(production ? { 'process.env.NODE_ENV': '"production"' } : {}),
    },
    logLevel: 'silent',
    absWorkingDir: root,
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    write: false,
  };
}

async function bundle(entry: 'main' | 'preload', production: boolean): Promise<string> {
  const result = await build({
    ...options(production),
    entryPoints: { [entry]: `electron/${entry}.ts` },
    ...(entry === 'main'
      ? { external: ['electron', 'better-sqlite3-multiple-ciphers', 'exceljs'], minifySyntax: production }
      : { external: ['electron'], minify: production }),
  });
  const file = result.outputFiles?.find((f) => f.path.endsWith(`${entry}.cjs`));
  if (!file) throw new Error(`no ${entry}.cjs produced`);
  // esbuild escapes non-ASCII text; undo that so Chinese strings can be searched for.
  return file.text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const DEV_ONLY = ['development.key', 'DevelopmentKeySource', 'dev-officer', '开发用保密员'];

describe('main bundle', () => {
  it('development build carries the development key source and session', async () => {
    const text = await bundle('main', false);
    for (const marker of DEV_ONLY) expect(text, marker).toContain(marker);
  });

  it('production build carries neither, and says no key source is configured', async () => {
    const text = await bundle('main', true);
    for (const marker of DEV_ONLY) expect(text, marker).not.toContain(marker);
    expect(text).toContain('本版本尚未配置账户密钥来源');
    expect(text).toContain('enableSandbox');
  });
});

describe('preload bundle', () => {
  it.each([false, true])('requires nothing but electron (production: %s), as a sandboxed preload must', async (production) => {
    const text = await bundle('preload', production);
    const required = new Set([...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
    expect(text).toContain('exposeInMainWorld');
    expect(text).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed requires either
  });
});
