/**
 * Test support: reading and damaging the pages of an encrypted database file (SQLCipher v4 with a
 * raw key: AES-256-CBC per page, a 16-byte IV and a 64-byte HMAC in each page's reserved tail,
 * page 1 starting after the 16-byte salt). Never imported by production code.
 */
import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../core/open';
import { FIXED_KEY } from './fixtures';

const PAGE = 4096;
const RESERVE = 80;
const SALT = 16;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function decryptPage(page: Buffer, pageNo: number, key: Uint8Array): Buffer {
  const start = pageNo === 1 ? SALT : 0;
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, PAGE - RESERVE)), decipher.final()]);
}

/**
 * Every page of the main file and every frame of the -wal file (current or stale), decrypted with
 * the key: what someone holding the key could read, including free pages, freed cells and the
 * unused tail of each page, none of which SQL can reach.
 */
export function decryptedFileContents(dbPath: string, key: Uint8Array = FIXED_KEY): Buffer {
  const parts: Buffer[] = [];
  const main = readFileSync(dbPath);
  for (let off = 0; off + PAGE <= main.length; off += PAGE) parts.push(decryptPage(main.subarray(off, off + PAGE), off / PAGE + 1, key));
  const walPath = `${dbPath}-wal`;
  if (existsSync(walPath)) {
    const wal = readFileSync(walPath);
    for (let off = WAL_HEADER; off + FRAME_HEADER + PAGE <= wal.length; off += FRAME_HEADER + PAGE) {
      const pageNo = wal.readUInt32BE(off);
      if (pageNo > 0) parts.push(decryptPage(wal.subarray(off + FRAME_HEADER, off + FRAME_HEADER + PAGE), pageNo, key));
    }
  }
  return Buffer.concat(parts);
}

/**
 * Flips bytes in the middle of a leaf page of `table` (not its root), so the page fails its
 * HMAC: a bit rot or a stray write. The database must be closed and checkpointed.
 */
export function corruptPageOf(dbPath: string, table: string, key: Uint8Array = FIXED_KEY): number {
  const db: Database.Database = openDatabase(dbPath, key);
  let pageNo: number;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[];
    if (pages.length < 2) throw new Error(`table ${table} has too few pages to damage one`);
    pageNo = pages[Math.floor(pages.length / 2)]!;
  } finally {
    db.close();
  }
  const bytes = readFileSync(dbPath);
  const at = (pageNo - 1) * PAGE + 1000;
  for (let i = 0; i < 8; i++) bytes[at + i] = bytes[at + i]! ^ 0xa5;
  writeFileSync(dbPath, bytes);
  return pageNo;
}
