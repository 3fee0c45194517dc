import { open, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { BACKUP_KINDS } from '../../common/api/backup';
import { HmacSm3, Sm3, equalBytes, hmacSm3, toHex } from '../../common/crypto/sm3';
import { slotSchema } from '../security/slotfile';

/**
 * One backup file (.bmbak):
 *
 *   MAGIC (8) ‖ database image (the encrypted SQLite file made by VACUUM INTO)
 *   ‖ manifest JSON ‖ HMAC-SM3(backup key, manifest) (32) ‖ manifest length (u32 BE) ‖ END (8)
 *
 * The manifest names the image's length and SM3 digest; its MAC is keyed from the database key,
 * so neither can be changed without the key. The trailer comes last: a file cut short has none.
 */
export const MAGIC = Buffer.from('BMBAK01\n', 'latin1');
export const END = Buffer.from('BMBAKEND', 'latin1');
const MAC_BYTES = 32;
const TRAILER_FIXED = MAC_BYTES + 4 + END.length;
export const CHUNK = 1 << 20;

export const BACKUP_EXTENSION = 'bmbak';

export const manifestSchema = z.object({
  format: z.literal('baomi-backup'),
  version: z.literal(1),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  kind: z.enum(BACKUP_KINDS),
  installationId: z.string(),
  unitName: z.string(),
  counts: z.record(z.string(), z.number().int()),
  auditHead: z.object({ seq: z.number().int(), mac: z.string(), tag: z.string() }).nullable(),
  content: z.object({ bytes: z.number().int().nonnegative(), sm3: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** The key slots at backup time: the recovery code (or a password) of then opens it anywhere. */
  slots: z.array(slotSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Why a file cannot be read as a backup, in words for the user. */
export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFormatError';
  }
}

const encoder = new TextEncoder();

/** The manifest's MAC key, derived from the database key (never stored). */
export function backupKeyFrom(databaseKey: Uint8Array): Uint8Array {
  return hmacSm3(databaseKey, encoder.encode('baomi-ledger/backup-manifest/v1'));
}

export function manifestMac(databaseKey: Uint8Array, manifestBytes: Uint8Array): Uint8Array {
  const key = backupKeyFrom(databaseKey);
  const mac = new HmacSm3(key).mac(manifestBytes);
  key.fill(0);
  return mac;
}

export function encodeTrailer(manifest: Manifest, databaseKey: Uint8Array): Buffer {
  const body = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([body, manifestMac(databaseKey, body), length, END]);
}

export interface ParsedBackup {
  manifest: Manifest;
  manifestBytes: Uint8Array;
  mac: Uint8Array;
  /** Where the database image starts and its length as found in the file. */
  imageOffset: number;
  imageBytes: number;
  fileBytes: number;
}

const INCOMPLETE = '备份文件不完整（写入时被中断，或复制时被截断），不能使用';

/** Reads the trailer and manifest (nothing is trusted until the MAC is checked with a key). */
export async function readBackupTrailer(path: string): Promise<ParsedBackup> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < MAGIC.length + TRAILER_FIXED) throw new BackupFormatError(size < MAGIC.length ? '不是保密台账的备份文件' : INCOMPLETE);
    const head = Buffer.alloc(MAGIC.length);
    await fh.read(head, 0, head.length, 0);
    if (!head.equals(MAGIC)) throw new BackupFormatError('不是保密台账的备份文件（文件头不符）');
    const fixed = Buffer.alloc(TRAILER_FIXED);
    await fh.read(fixed, 0, fixed.length, size - TRAILER_FIXED);
    if (!fixed.subarray(MAC_BYTES + 4).equals(END)) throw new BackupFormatError(INCOMPLETE);
    const length = fixed.readUInt32BE(MAC_BYTES);
    const manifestAt = size - TRAILER_FIXED - length;
    if (length === 0 || manifestAt < MAGIC.length) throw new BackupFormatError(INCOMPLETE);
    const body = Buffer.alloc(length);
    await fh.read(body, 0, length, manifestAt);
    let manifest: Manifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(body.toString('utf8')));
    } catch {
      throw new BackupFormatError('备份文件的清单无法读取：文件已被改动或损坏');
    }
    return {
      manifest,
      manifestBytes: new Uint8Array(body),
      mac: new Uint8Array(fixed.subarray(0, MAC_BYTES)),
      imageOffset: MAGIC.length,
      imageBytes: manifestAt - MAGIC.length,
      fileBytes: size,
    };
  } finally {
    await fh.close();
  }
}

export function macMatches(parsed: ParsedBackup, databaseKey: Uint8Array): boolean {
  return equalBytes(manifestMac(databaseKey, parsed.manifestBytes), parsed.mac);
}

/** SM3 of `length` bytes of an open file from `offset`, read in chunks with a turn for the event loop between them. */
export async function digestRange(
  fh: FileHandle,
  offset: number,
  length: number,
  onChunk?: (done: number) => Promise<void> | void,
  sink?: (chunk: Uint8Array) => Promise<void>,
): Promise<string> {
  const hash = new Sm3();
  const buf = Buffer.alloc(Math.min(CHUNK, Math.max(length, 1)));
  let done = 0;
  while (done < length) {
    const want = Math.min(buf.length, length - done);
    const { bytesRead } = await fh.read(buf, 0, want, offset + done);
    if (bytesRead === 0) break;
    const chunk = buf.subarray(0, bytesRead);
    hash.update(chunk);
    if (sink) await sink(chunk);
    done += bytesRead;
    await onChunk?.(done);
  }
  return toHex(hash.digest());
}
