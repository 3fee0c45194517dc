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

/** What the development key source and session left behind; no build carries them any more. */
const DEVELOPMENT_KEY = ['development.key', 'DevelopmentKeySource', 'DEVELOPMENT_SESSION', 'dev-officer', '开发用保密员'];
/** The old production refusal, from before the login gate. */
const NO_KEY_SOURCE = '本版本尚未配置账户密钥来源';

describe('main bundle', () => {
  it('production build carries no development key source or session, and opens the database through the login gate', async () => {
    const text = await bundle('main', true);
    for (const marker of DEVELOPMENT_KEY) expect(text, marker).not.toContain(marker);
    expect(text).not.toContain(NO_KEY_SOURCE);
    expect(text).toContain('enableSandbox');
    expect(text).toContain('keyslots.json'); // the gate's key slot file
    expect(text).toContain('账户名或密码不正确'); // the gate's login refusal
  });

  it('development build carries neither any more: both builds behave the same', async () => {
    const text = await bundle('main', false);
    for (const marker of DEVELOPMENT_KEY) expect(text, marker).not.toContain(marker);
    expect(text).not.toContain(NO_KEY_SOURCE);
    expect(text).toContain('keyslots.json');
  });
});

describe('preload bundle', () => {
  it.each([false, true])('requires nothing but electron (production: %s), as a sandboxed preload must', async (production) => {
    const text = await bundle('preload', production);
    const required = new Set([...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
    expect(text).toContain('exposeInMainWorld');
    // the client covers the login gate's channels as well as the router's
    expect(text).toContain('auth:login');
    expect(text).toContain('org:list');
    expect(text).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed requires either
  });
});
