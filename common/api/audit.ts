import { z } from 'zod';
import { channel } from './channel';
import { listPage } from './common';

export const auditRecordSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  actorRoles: z.string(),
  action: z.string(),
  channel: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The object's current name, where it has one (organisation, account, attachment). */
  targetName: z.string().nullable(),
  result: z.enum(['ok', 'denied', 'failed']),
  workstation: z.string(),
  summary: z.string(),
});
export type AuditRecordView = z.infer<typeof auditRecordSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const auditFilterSchema = z.object({
  from: isoDate.nullable().default(null),
  to: isoDate.nullable().default(null),
  actor: z.string().trim().max(64).default(''),
  action: z.string().trim().max(64).default(''),
  targetType: z.string().trim().max(64).default(''),
  q: z.string().trim().max(100).default(''),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  total: z.number().int(),
  broken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  verifiedAt: z.string(),
});

export const jobStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  result: z.unknown(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const auditChannels = {
  'audit:list': channel({
    input: auditFilterSchema.extend(listPage.shape),
    output: z.object({
      rows: z.array(auditRecordSchema),
      total: z.number().int(),
      actions: z.array(z.string()),
      /** A search of one or two characters without a start date covers the records from this day on. */
      searchFrom: z.string().nullable(),
    }),
    permission: 'audit.read',
    audit: 'audit.view',
  }),
  'audit:get': channel({
    input: z.object({ seq: z.number().int().positive() }),
    output: auditRecordSchema.extend({ before: z.unknown(), after: z.unknown(), mac: z.string() }),
    permission: 'audit.read',
    audit: 'audit.view',
  }),
  'audit:verifyStart': channel({
    input: z.object({}).default({}),
    output: z.object({ jobId: z.string() }),
    permission: 'audit.read',
    audit: 'audit.verify',
  }),
  'job:status': channel({
    input: z.object({ jobId: z.string().max(64) }),
    output: jobStatusSchema,
    permission: 'authenticated',
    audit: null,
  }),
  'audit:archive': channel({
    input: z.object({ before: isoDate }),
    output: z.object({ archived: z.boolean(), path: z.string().nullable(), fromSeq: z.number().int(), toSeq: z.number().int(), count: z.number().int() }),
    permission: 'audit.read',
    audit: 'audit.archive',
  }),
  'audit:verify': channel({
    input: z.object({}).default({}),
    output: auditVerificationSchema,
    permission: 'audit.read',
    audit: 'audit.verify',
  }),
};
