import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { z } from 'zod';
import type { KdfParams } from './kdf';

export const SLOT_FILE = 'keyslots.json';
export const SLOT_FILE_VERSION = 1;

const kdfSchema = z.object({ alg: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() });

export const slotSchema = z.object({
  id: z.string(),
  kind: z.enum(['account', 'recovery']),
  /** Account uuid and username (login looks the slot up by username before the database is open). */
  accountId: z.string().nullable(),
  username: z.string().nullable(),
  kdf: kdfSchema,
  /** base64 of the sealed database key */
  sealed: z.string(),
  createdAt: z.string(),
});
export type Slot = z.infer<typeof slotSchema>;

const pendingEventSchema = z.object({
  at: z.string(),
  username: z.string(),
  action: z.enum(['auth.loginFailed', 'auth.lockout']),
  summary: z.string(),
});
export type PendingAuthEvent = z.infer<typeof pendingEventSchema>;

/** An audit record (db/audit/log.ts AuditRecord) kept aside while the database was read-only. */
const deferredRecordSchema = z.object({
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  actorRoles: z.string().optional(),
  action: z.string(),
  channel: z.string(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  workstation: z.string().optional(),
  targetType: z.string().optional(),
  targetId: z.union([z.string(), z.number()]).optional(),
  summary: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

const slotFileSchema = z.object({
  format: z.literal('baomi-keyslots'),
  version: z.number().int(),
  installationId: z.string(),
  createdAt: z.string(),
  /** Not secret: shown on the login screen. */
  unitName: z.string(),
  slots: z.array(slotSchema),
  /** Failed logins happen before the database can be opened, so the counters live here. */
  lockout: z.record(z.string(), z.object({ failures: z.number().int(), lockedUntil: z.string().nullable() })),
  /** Copy of the lockout policy: it applies before the database (and its policy) can be opened. */
  lockoutPolicy: z.object({ threshold: z.number().int().min(1), minutes: z.number().int().min(1) }),
  /** Failed logins and lockouts waiting to be written to the audit trail at the next open. */
  pendingEvents: z.array(pendingEventSchema),
  /**
   * Audit records of a session whose database was read-only (a start-up check failed): logins,
   * reads of the trail, prints. They enter the trail at the next open of a healthy database
   * (normally the one restored from a backup).
   */
  deferredAudit: z.array(deferredRecordSchema).default([]),
  /** The audit trail's head, kept outside the database so truncation and rebuilding are found. */
  auditHead: z.object({ seq: z.number().int(), mac: z.string(), tag: z.string() }).nullable(),
  /**
   * The first failed check of the audit chain. It stays until resolved, so later appends (which
   * move the head) cannot hide a truncation that was once found.
   */
  auditIncident: z.object({ seq: z.number().int(), reason: z.string(), detectedAt: z.string() }).nullable().default(null),
});
export type SlotFile = z.output<typeof slotFileSchema>;
export type { KdfParams };

export class SlotFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlotFileError';
  }
}

export function readSlotFile(path: string): SlotFile | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new SlotFileError(`密钥槽文件 ${path} 已损坏，无法读取。请从备份中恢复该文件；没有它，数据库无法解密。`);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > SLOT_FILE_VERSION) {
    throw new SlotFileError(`密钥槽文件由较新版本的保密台账创建（格式版本 ${version}），请安装新版本后再打开。`);
  }
  const parsed = slotFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SlotFileError(`密钥槽文件 ${path} 内容不完整或已被改动，无法读取。请从备份中恢复该文件。`);
  }
  return parsed.data;
}

/** Writes under a temporary name, flushes, then renames over the old file. */
export function writeSlotFile(path: string, file: SlotFile): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(file, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw error;
  }
}
