import { z } from 'zod';
import { FINDING_REGISTERS, FINDING_SEVERITIES, FINDING_WINDOWS } from '../findings';
import { channel } from './channel';
import { date, optionalDate } from './fields';

/** Where a finding's record is opened: a page of the app and the record's id there. */
export const findingTargetSchema = z.object({ page: z.string(), id: z.number().int().nullable() });
export type FindingTarget = z.output<typeof findingTargetSchema>;

export const acknowledgementSchema = z.object({
  reason: z.string(),
  until: z.string(),
  byName: z.string(),
  at: z.string(),
});
export type Acknowledgement = z.output<typeof acknowledgementSchema>;

export const findingSchema = z.object({
  ruleId: z.string(),
  /** The record the finding is about, within its rule (e.g. `contract:12`). */
  key: z.string(),
  register: z.enum(FINDING_REGISTERS),
  severity: z.enum(FINDING_SEVERITIES),
  /** The rule's title, e.g. 合同续签待决定. */
  title: z.string(),
  /** Who or what, e.g. the contract's name and number. */
  subject: z.string(),
  /** One sentence in Chinese: what is wrong and what to do. */
  message: z.string(),
  /** The day it is due or was due; null when not tied to a date. */
  due: z.string().nullable(),
  target: findingTargetSchema.nullable(),
  /** The acknowledgement in force, when the finding has been set aside until a day. */
  acknowledged: acknowledgementSchema.nullable(),
});
export type Finding = z.output<typeof findingSchema>;

export const FINDING_SORTS = ['severity', 'due', 'register'] as const;

export const findingFilterSchema = z.object({
  severity: z.enum(FINDING_SEVERITIES).nullable().default(null),
  register: z.enum(FINDING_REGISTERS).nullable().default(null),
  window: z.enum(FINDING_WINDOWS).default('all'),
  /** Acknowledged findings are hidden unless asked for. */
  showAcknowledged: z.boolean().default(false),
  sort: z.enum(FINDING_SORTS).default('severity'),
});
export type FindingFilter = z.input<typeof findingFilterSchema>;

const countsSchema = z.object({
  total: z.number().int(),
  bySeverity: z.record(z.enum(FINDING_SEVERITIES), z.number().int()),
  byRegister: z.record(z.enum(FINDING_REGISTERS), z.number().int()),
  /** Of the findings not acknowledged: due by the end of this week / month, overdue included. */
  week: z.number().int(),
  month: z.number().int(),
  /** Findings set aside by an acknowledgement in force. */
  acknowledged: z.number().int(),
});
export type FindingCounts = z.output<typeof countsSchema>;

export const findingListSchema = z.object({
  today: z.string(),
  endOfWeek: z.string(),
  endOfMonth: z.string(),
  /** Counts of every finding not acknowledged, whatever the filter. */
  counts: countsSchema,
  findings: z.array(findingSchema),
});
export type FindingList = z.output<typeof findingListSchema>;

/** The longest an acknowledgement may set a finding aside. */
export const MAX_ACKNOWLEDGE_DAYS = 366;

export const acknowledgeInputSchema = z.object({
  ruleId: z.string().min(1).max(60),
  key: z.string().min(1).max(200),
  reason: z
    .string({ error: '请填写确认理由' })
    .trim()
    .min(5, { error: '请写明暂不处理的理由（至少 5 个字），如“合同续签已报批，待领导审定”' })
    .max(500, { error: '理由不能超过 500 个字符' }),
  until: date('有效期至'),
});
export type AcknowledgeInput = z.input<typeof acknowledgeInputSchema>;

export const leadSettingSchema = z.object({
  key: z.string(),
  label: z.string(),
  hint: z.string(),
  unit: z.string(),
  value: z.number().int(),
  defaultValue: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
});
export type LeadSetting = z.output<typeof leadSettingSchema>;

export const ruleInfoSchema = z.object({
  id: z.string(),
  register: z.enum(FINDING_REGISTERS),
  severity: z.enum(FINDING_SEVERITIES),
  title: z.string(),
  description: z.string(),
});
export type RuleInfo = z.output<typeof ruleInfoSchema>;

const settingsOutput = z.object({ leads: z.array(leadSettingSchema), rules: z.array(ruleInfoSchema) });

/** 保密工作检查表: the findings and register totals as of a day (today when not given). */
export const findingsSummaryFilterSchema = z.object({ date: optionalDate('检查日期').default(null) });

export const findingChannels = {
  /** Every finding of every rule today, with counts; filtered and sorted as asked. */
  'findings:list': channel({ input: findingFilterSchema.prefault({}), output: findingListSchema, permission: 'registers.read', audit: null }),
  /** Sets a finding aside until a day, with the reason; it shows again after that day. */
  'findings:acknowledge': channel({ input: acknowledgeInputSchema, output: acknowledgementSchema, permission: 'registers.write', audit: 'finding.acknowledge' }),
  /** The lead times of the rules (days before a date that a finding appears) and the rules themselves. */
  'findings:settings': channel({ input: z.object({}).default({}), output: settingsOutput, permission: 'registers.read', audit: null }),
  'findings:updateSettings': channel({
    input: z.object({ values: z.record(z.string(), z.number({ error: '请填写天数' }).int({ error: '天数应为整数' })) }),
    output: settingsOutput,
    permission: 'registers.write',
    audit: 'finding.updateSettings',
  }),
};
