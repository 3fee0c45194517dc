/**
 * Packages the app for Linux (`dir` target) with the real electron-builder configuration,
 * against a stand-in Electron distribution, and inspects the result: what app.asar holds,
 * what is unpacked for the native module, and which fuses were flipped in the binary.
 *   npm run build && npx vitest run --config test/packaging/vitest.config.mts
 */
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build, Arch, Platform, type Configuration } from 'electron-builder';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSE_SENTINEL, SHIPPED_WIRE, writeFakeElectronDist } from './fake-electron-dist';

// A fuse is the ASCII byte '0' (off) or '1' (on); @electron/fuses exports FuseState only as a type.
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) } as const;

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const config = require('../../build/electron-builder.config.cjs') as Configuration;
const electronVersion = (require('electron/package.json') as { version: string }).version;

let work: string;
let appOutDir: string;
let entries: string[];

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/electron/main.cjs')) || !existsSync(join(root, 'dist/renderer/index.html'))) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
  }
  work = mkdtempSync(join(tmpdir(), 'baomi-packaging-'));
  const electronDist = writeFakeElectronDist(join(work, 'electron-dist'), electronVersion);
  const output = join(work, 'release');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      ...config,
      electronDist,
      electronVersion,
      // Rebuilding for Electron needs its headers from the network; the Node build is packaged instead.
      npmRebuild: false,
      directories: { ...config.directories, output },
    },
  });
  appOutDir = join(output, 'linux-unpacked');
  entries = listPackage(join(appOutDir, 'resources', 'app.asar'), { isPack: false }).map((e) => e.replace(/\\/g, '/'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packaged application (linux, dir target)', () => {
  it('names the executable in ASCII', () => {
    expect(existsSync(join(appOutDir, 'baomi-ledger'))).toBe(true);
  });

  it('app.asar holds the built bundles and package.json', () => {
    const pdfjs = ['/dist/renderer/pdfjs/pdf.worker.js', '/dist/renderer/pdfjs/openjpeg_nowasm_fallback.js']; // attachment previews
    for (const file of ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/package.json', ...pdfjs])
      expect(entries, file).toContain(file);
    expect(entries.some((e) => /^\/dist\/renderer\/assets\/.+\.js$/.test(e))).toBe(true);
    const pkg = JSON.parse(extractFile(join(appOutDir, 'resources', 'app.asar'), 'package.json').toString()) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('app.asar holds no sources, tests, tooling, harness or source maps', () => {
    const ours = entries.filter((e) => !e.startsWith('/node_modules/'));
    for (const dir of ['/electron/', '/db/', '/common/', '/renderer/', '/test/', '/scripts/', '/build/', '/dist/harness/', '/reference/'])
      expect(ours.filter((e) => e.startsWith(dir)), dir).toEqual([]);
    expect(entries.filter((e) => /\.(ts|tsx|mts|cts|map)$/.test(e))).toEqual([]);
    expect(ours.filter((e) => /(^|\/)(tsconfig|vite\.config|vitest\.config|eslint\.config)/.test(e))).toEqual([]);
  });

  it('carries the production dependencies the main bundle leaves external, but no dev dependencies', () => {
    for (const pkg of ['better-sqlite3-multiple-ciphers', 'exceljs', 'bindings'])
      expect(entries, pkg).toContain(`/node_modules/${pkg}/package.json`);
    for (const dev of ['electron', 'electron-builder', 'vite', 'vitest', 'react', '@mantine/core', 'typescript', 'esbuild', 'zod'])
      expect(entries, dev).not.toContain(`/node_modules/${dev}/package.json`);
  });

  it('unpacks the native SQLite module beside the archive, without its C sources and build intermediates', () => {
    const unpacked = join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers');
    expect(existsSync(join(unpacked, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(unpacked, 'lib', 'index.js'))).toBe(true);
    for (const gone of ['deps', 'src', 'build/Release/obj.target', 'build/Release/obj', 'build/Release/test_extension.node'])
      expect(existsSync(join(unpacked, gone)), gone).toBe(false);
    const nodeFiles = entries.filter((e) => e.endsWith('.node'));
    expect(nodeFiles).toEqual(['/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node']);
  });

  it('flips the fuses in the packaged binary as configured and leaves the others as shipped', async () => {
    const binary = join(appOutDir, 'baomi-ledger');
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<string, unknown>;
    expect(wire.version).toBe('1');
    const state = (option: FuseV1Options) => wire[option];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    // Not configured: as shipped.
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(SHIPPED_WIRE.charCodeAt(6));
    expect(wire[8]).toBe(SHIPPED_WIRE.charCodeAt(8));
    // Exactly one wire, not duplicated or moved.
    const bytes = readFileSync(binary);
    expect(bytes.indexOf(FUSE_SENTINEL)).toBe(bytes.lastIndexOf(FUSE_SENTINEL));
  });
});
