import { z } from 'zod';
import { channel } from './channel';

/** Tables counted in every backup's manifest, in the order reports list them. */
export const BACKUP_COUNTED = [
  'organisations',
  'contracts',
  'contract_obligations',
  'people',
  'person_signoffs',
  'trainings',
  'media',
  'media_events',
  'ip_filings',
  'attachments',
  'accounts',
  'audit_log',
] as const;
export type BackupCounted = (typeof BACKUP_COUNTED)[number];

export const BACKUP_KINDS = ['manual', 'scheduled', 'exit', 'restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm，如 17:30' });

export const backupConfigSchema = z.object({
  /** Absolute path of the folder the backups go to (typically removable media); null: not chosen yet. */
  folder: z.string().trim().max(1000).nullable(),
  schedule: z.enum(['off', 'daily', 'weekly']),
  /** Local time of the scheduled backup. */
  time: hhmm,
  /** Day of the weekly backup, 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  /** Back up when the session ends (logout or closing the app). */
  onExit: z.boolean(),
  keep: z.number({ error: '请填写保留份数' }).int().min(1, { error: '至少保留 1 份备份' }).max(100, { error: '最多保留 100 份备份' }),
  maxAgeDays: z.number({ error: '请填写天数' }).int().min(1, { error: '至少 1 天' }).max(365, { error: '不能超过 365 天' }),
});
export type BackupConfig = z.infer<typeof backupConfigSchema>;

export const DEFAULT_BACKUP_CONFIG: BackupConfig = { folder: null, schedule: 'daily', time: '17:30', weekday: 5, onExit: true, keep: 10, maxAgeDays: 7 };

const counts = z.record(z.string(), z.number().int());

export const lastBackupSchema = z.object({ at: z.string(), file: z.string(), folder: z.string(), kind: z.enum(BACKUP_KINDS), counts });
export type LastBackup = z.infer<typeof lastBackupSchema>;

export const backupStatusSchema = z.object({
  last: lastBackupSchema.nullable(),
  folder: z.string().nullable(),
  /** The folder is not chosen, or cannot be found (removable media not inserted). */
  folderMissing: z.boolean(),
  /** No good backup, or the last one is older than `maxAgeDays`. */
  stale: z.boolean(),
  maxAgeDays: z.number().int(),
  /** Whole days since the last good backup; null without one. */
  ageDays: z.number().int().nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const backupFileSchema = z.object({
  file: z.string(),
  bytes: z.number().int(),
  /** From the manifest; null when the file's trailer cannot be read (incomplete or not a backup). */
  createdAt: z.string().nullable(),
  kind: z.enum(BACKUP_KINDS).nullable(),
  counts: counts.nullable(),
});
export type BackupFileView = z.infer<typeof backupFileSchema>;

export const backupCheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

/** The restore drill's report: every check, and what the backup holds. */
export const backupReportSchema = z.object({
  ok: z.boolean(),
  /** Refers to this verified file in a later restore of the same session. */
  token: z.string().nullable(),
  file: z.string(),
  path: z.string(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  kind: z.enum(BACKUP_KINDS).nullable(),
  appVersion: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  counts: counts.nullable(),
  auditHeadSeq: z.number().int().nullable(),
  /** How the key was found: this installation's key, or the backup's own key slots. */
  keyFrom: z.enum(['current', 'password', 'recovery']).nullable(),
  checks: z.array(backupCheckSchema),
  /** The first failed check, in a sentence; null when everything passed. */
  problem: z.string().nullable(),
  verifiedAt: z.string(),
});
export type BackupReport = z.infer<typeof backupReportSchema>;

export const backupResultSchema = z.object({ file: z.string(), path: z.string(), bytes: z.number().int(), createdAt: z.string(), counts, removed: z.array(z.string()) });
export type BackupResult = z.infer<typeof backupResultSchema>;

const fileName = z.string().trim().min(1).max(255);
/** Where the backup to verify is: a file in the backup folder, or one chosen in a dialog. */
const source = z.object({
  file: fileName.nullable().default(null),
  /** Unwraps the key from the backup's own slots when it is not this installation's. */
  username: z.string().trim().max(64).default(''),
  password: z.string().max(128).default(''),
  recoveryCode: z.string().trim().max(64).default(''),
});

export const restoreResultSchema = z.object({ restoredFrom: z.string(), createdAt: z.string(), keptAside: z.string(), counts, migratedFrom: z.number().int(), migratedTo: z.number().int() });
export type RestoreResult = z.infer<typeof restoreResultSchema>;

const restoreInput = z.object({
  token: z.string().max(64),
  /** The manifest time the user confirmed: the restore refuses any other backup. */
  confirmCreatedAt: z.string().max(40),
});

export const backupChannels = {
  'backup:status': channel({ input: z.object({}).default({}), output: backupStatusSchema, permission: 'authenticated', audit: null }),
  'backup:getConfig': channel({ input: z.object({}).default({}), output: backupConfigSchema, permission: 'backup.manage', audit: null }),
  'backup:setConfig': channel({ input: backupConfigSchema, output: backupConfigSchema, permission: 'backup.manage', audit: 'backup.configure' }),
  'backup:chooseFolder': channel({ input: z.object({}).default({}), output: z.object({ folder: z.string().nullable() }), permission: 'backup.manage', audit: null }),
  'backup:list': channel({ input: z.object({}).default({}), output: z.object({ folder: z.string().nullable(), files: z.array(backupFileSchema) }), permission: 'backup.manage', audit: null }),
  'backup:start': channel({ input: z.object({}).default({}), output: z.object({ jobId: z.string() }), permission: 'backup.manage', audit: 'backup.start' }),
  'backup:verifyStart': channel({ input: source, output: z.object({ jobId: z.string().nullable() }), permission: 'backup.manage', audit: 'backup.verify' }),
  'backup:restore': channel({ input: restoreInput, output: restoreResultSchema, permission: 'backup.manage', audit: 'backup.restore' }),
};

/** Served by the login gate before anyone is logged in: restore with the recovery code. */
export const backupRecoveryChannels = {
  'auth:inspectBackup': channel({
    input: z.object({ recoveryCode: z.string().trim().min(1, { error: '请输入恢复码' }).max(64) }),
    output: backupReportSchema.nullable(),
    permission: 'public',
    audit: 'backup.verify',
  }),
  'auth:restoreBackup': channel({
    input: restoreInput.extend({ recoveryCode: z.string().trim().min(1, { error: '请输入恢复码' }).max(64) }),
    output: restoreResultSchema,
    permission: 'public',
    audit: 'backup.restore',
  }),
};
