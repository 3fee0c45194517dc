/** The packaging configuration itself: names, targets and hardening (DESIGN.md §4). */
import type { Configuration } from 'electron-builder';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../../build/electron-builder.config.cjs') as Configuration;

describe('electron-builder configuration', () => {
  it('identifies the product', () => {
    expect(config.appId).toBe('cn.baomi.ledger');
    expect(config.productName).toBe('保密台账');
    expect(config.directories?.output).toBe('release');
  });

  it('names artifacts in ASCII with version, OS and architecture', () => {
    expect(config.artifactName).toBe('baomi-ledger-${version}-${os}-${arch}.${ext}');
    expect(config.artifactName).toMatch(/^[\x20-\x7e]+$/);
    expect(config.nsis?.artifactName ?? config.artifactName).toBe(config.artifactName);
  });

  it('packs into asar, unpacks native code and rebuilds it for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
    expect(JSON.stringify(config.asarUnpack)).toContain('better-sqlite3-multiple-ciphers');
    expect(config.npmRebuild).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map']));
  });

  it('flips the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('builds an NSIS installer for Windows x64 that lets the user choose where to install', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, perMachine: false });
  });

  it('builds deb and AppImage for Linux x64 and arm64, filed under Office', () => {
    expect(config.linux?.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux?.executableName).toMatch(/^[a-z0-9-]+$/);
  });
});
