import { mkdirSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupKind, BackupResult } from '../../common/api/backup';
import { DomainError } from '../../common/api/result';
import { AuditTrail, auditKeyFrom } from '../audit/log';
import { writeFailureReason } from '../core/files';
import { openDatabase, type Db } from '../core/open';
import type { SlotFile } from '../security/slotfile';
import { countRecords } from './counts';
import { newBackupName, partName, prune, removeStaleParts, requireFolder, syncDir } from './folder';
import { BackupFormatError, MAGIC, digestRange, encodeTrailer, macMatches, readBackupTrailer, type Manifest } from './format';

export interface CreateBackupOptions {
  db: Db;
  key: Uint8Array;
  slotFile: SlotFile;
  folder: string | null;
  /** A folder on the local disk for the snapshot (beside the database). */
  workDir: string;
  kind: BackupKind;
  createdBy: string;
  appVersion: string;
  now: Date;
  keep: number;
  onProgress?(done: number, total: number): void;
  /** Test hook: fail at this step, as a crash or a full disk would. */
  failAt?: 'written' | 'beforeRename';
}

export const workDirOf = (dataDir: string) => join(dataDir, 'backup-work');

export interface ImageInspection {
  db: Db;
  /** null when the check passed, else its first messages. */
  integrity: string | null;
  counts: Record<string, number>;
  schemaVersion: number;
  head: { seq: number; mac: string; tag: string } | null;
  trail: AuditTrail;
}

/** A read-only look at a database image: its integrity, counts and audit head. The caller closes `db`. */
export function inspectImage(path: string, key: Uint8Array, check: 'quick_check' | 'integrity_check'): ImageInspection {
  const db = openDatabase(path, key, { readonly: true });
  try {
    const result = (db.pragma(check) as Record<string, string>[]).map((r) => Object.values(r)[0]);
    const trail = new AuditTrail(db, auditKeyFrom(key));
    const head = trail.head();
    return {
      db,
      integrity: result.length === 1 && result[0] === 'ok' ? null : result.slice(0, 3).join('；'),
      counts: countRecords(db),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      head: head ? { ...head, tag: trail.headTag(head) } : null,
      trail,
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Writes one backup file: a snapshot by VACUUM INTO (never a copy of the live file), checked
 * (re-opened, quick_check, counts), streamed with its SM3 digest into a hidden temporary file in
 * the backup folder, flushed, read back and checked against its manifest, and only then renamed to
 * its name. Whatever fails on the way leaves the earlier backups as they were.
 */
export async function createBackup(o: CreateBackupOptions): Promise<BackupResult> {
  const folder = await requireFolder(o.folder);
  mkdirSync(o.workDir, { recursive: true });
  await removeStaleParts(folder);
  const snapshot = join(o.workDir, `snapshot-${process.pid}.db`);
  // VACUUM INTO refuses an existing file: one left by a killed backup goes first.
  await rm(snapshot, { force: true });
  const name = await newBackupName(folder, o.now);
  const part = join(folder, partName(name));
  const target = join(folder, name);
  try {
    o.onProgress?.(0, 0);
    o.db.prepare('VACUUM INTO ?').run(snapshot);
    const image = inspectImage(snapshot, o.key, 'quick_check');
    image.db.close();
    if (image.integrity) throw new DomainError('RULE', `备份未完成：数据库快照未通过完整性检查（${image.integrity}）。请先进行数据库检查。`);
    const bytes = (await stat(snapshot)).size;
    const total = bytes * 2;

    const out = await open(part, 'wx', 0o600);
    let sm3: string;
    try {
      await out.write(MAGIC);
      const src = await open(snapshot, 'r');
      try {
        sm3 = await digestRange(src, 0, bytes, (done) => o.onProgress?.(done, total), async (chunk) => {
          await out.write(chunk);
        });
      } finally {
        await src.close();
      }
      const manifest: Manifest = {
        format: 'baomi-backup',
        version: 1,
        appVersion: o.appVersion,
        schemaVersion: image.schemaVersion,
        createdAt: o.now.toISOString(),
        createdBy: o.createdBy,
        kind: o.kind,
        installationId: o.slotFile.installationId,
        unitName: o.slotFile.unitName,
        counts: image.counts,
        auditHead: image.head,
        content: { bytes, sm3 },
        slots: o.slotFile.slots,
      };
      await out.write(encodeTrailer(manifest, o.key));
      await out.sync();
    } finally {
      await out.close();
    }
    if (o.failAt === 'written') throw new Error('injected failure after writing');

    // Read back what reached the medium: the manifest under its MAC, the image under its digest.
    const written = await readBackupTrailer(part);
    const back = await open(part, 'r');
    let reread: string;
    try {
      reread = await digestRange(back, written.imageOffset, written.imageBytes, (done) => o.onProgress?.(bytes + done, total));
    } finally {
      await back.close();
    }
    if (!macMatches(written, o.key) || written.imageBytes !== bytes || reread !== sm3) {
      throw new DomainError('RULE', `备份未完成：写入 ${folder} 的文件读回后校验不符，介质可能有故障。请换一个介质重试。`);
    }
    if (o.failAt === 'beforeRename') throw new Error('injected failure before rename');
    await rename(part, target);
    await syncDir(folder);
    const removed = await prune(folder, o.keep);
    return { file: name, path: target, bytes: written.fileBytes, createdAt: o.now.toISOString(), counts: image.counts, removed };
  } catch (error) {
    await rm(part, { force: true }).catch(() => undefined);
    if (error instanceof DomainError || error instanceof BackupFormatError || (error as Error).message?.startsWith('injected')) throw error;
    throw new DomainError('RULE', `备份未完成：${writeFailureReason(error)}（${folder}）。之前的备份未受影响，请处理后重试。`);
  } finally {
    await rm(snapshot, { force: true }).catch(() => undefined);
  }
}
