import { z } from 'zod';
import { channel } from './channel';
import { listPage, voidInput, recordMeta } from './common';
import { isCivilDate } from '../contracts/civil-date';

/**
 * Confidentiality training (保密教育): one session with its attendees (many people at once); the
 * material is an attachment (owner type `training`). Voided with a reason, never deleted.
 */

const date = (label: string) =>
  z.string().trim().refine(isCivilDate, { error: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20` });

const oneDecimal = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;

const trainingObject = z.object({
  heldOn: date('培训日期'),
  topic: z.string({ error: '请填写培训主题' }).trim().min(2, { error: '请填写培训主题（至少 2 个字）' }).max(100, { error: '培训主题不能超过 100 个字符' }),
  hours: z
    .number({ error: '请填写学时' })
    .positive({ error: '学时应大于 0' })
    .max(100, { error: '学时不能超过 100' })
    .refine(oneDecimal, { error: '学时最多一位小数，如 1.5' }),
  /** 授课人. */
  trainer: z.string().trim().max(30, { error: '授课人不能超过 30 个字符' }).default(''),
  note: z.string().trim().max(500, { error: '备注不能超过 500 个字符' }).default(''),
  attendeeIds: z
    .array(z.number().int().positive(), { error: '请选择参加人员' })
    .min(1, { error: '请至少选择一名参加人员' })
    .max(500, { error: '一次培训最多登记 500 名参加人员' })
    .refine((ids) => new Set(ids).size === ids.length, { error: '参加人员有重复，请检查' }),
});

/** The fields an officer types; shared by the form and the router. */
export const trainingFieldsSchema = trainingObject;
export type TrainingFields = z.input<typeof trainingFieldsSchema>;

export const trainingSchema = z
  .object({
    heldOn: z.string(),
    topic: z.string(),
    hours: z.number(),
    trainer: z.string(),
    note: z.string(),
    /** By name. */
    attendees: z.array(z.object({ personId: z.number().int(), name: z.string(), orgName: z.string() })),
  })
  .extend(recordMeta.shape);
export type Training = z.output<typeof trainingSchema>;

export const trainingFilterSchema = z
  .object({
    /** Chinese substring of the topic or the trainer. */
    q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
    from: z.preprocess((v) => (v === '' || v === undefined ? null : v), date('起始日期').nullable()).default(null),
    to: z.preprocess((v) => (v === '' || v === undefined ? null : v), date('截止日期').nullable()).default(null),
    personId: z.number().int().positive().nullable().default(null),
    voided: z.enum(['exclude', 'only', 'include']).default('exclude'),
    dir: z.enum(['asc', 'desc']).default('desc'),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.to < f.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `截止日期 ${f.to} 早于起始日期 ${f.from}` });
  });

const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };

export const trainingChannels = {
  /** Sessions by date (newest first by default), paged; `personId` gives a person's trainings. */
  'training:list': channel({
    input: trainingFilterSchema.and(listPage),
    output: z.object({ rows: z.array(trainingSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  'training:get': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: trainingSchema,
    permission: 'registers.read',
    audit: null,
  }),
  'training:create': channel({
    input: trainingFieldsSchema,
    output: trainingSchema,
    permission: 'registers.write',
    audit: 'training.create',
  }),
  'training:update': channel({
    input: trainingObject.extend(idRev),
    output: trainingSchema,
    permission: 'registers.write',
    audit: 'training.update',
  }),
  'training:void': channel({
    input: voidInput,
    output: trainingSchema,
    permission: 'registers.write',
    audit: 'training.void',
  }),
};
