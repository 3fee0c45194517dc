import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sentinel before Electron's fuse wire (see @electron/fuses). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * The wire as Electron ships it, one ASCII '0'/'1' per fuse in @electron/fuses' FuseV1Options
 * order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 * EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges — plus one more fuse
 * that our @electron/fuses does not know, which packaging must leave alone.
 */
export const SHIPPED_WIRE = '101100011';

/**
 * A stand-in for an unpacked Linux Electron distribution (Electron's binary cannot be
 * downloaded here): an `electron` "executable" carrying a real fuse wire, and the files
 * electron-builder copies beside it.
 */
export function writeFakeElectronDist(dir: string, version: string): string {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for Electron"\nexit 1\n'),
    Buffer.alloc(64, 0),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, SHIPPED_WIRE.length]), // wire version 1, length
    Buffer.from(SHIPPED_WIRE, 'ascii'),
    Buffer.alloc(64, 0),
  ]);
  writeFileSync(join(dir, 'electron'), binary);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), 'stand-in');
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'Copyright (c) Electron contributors (stand-in)');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in');
  writeFileSync(join(dir, 'locales', 'zh-CN.pak'), 'stand-in');
  writeFileSync(join(dir, 'resources.pak'), 'stand-in');
  return dir;
}
