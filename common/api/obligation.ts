import { z } from 'zod';
import { channel } from './channel';
import { voidInput, recordMeta } from './common';
import { isCivilDate } from '../contracts/civil-date';
import {
  checkObligationSchedule,
  OBLIGATION_KINDS,
  SERVICE_LIMIT_UNITS,
  type ObligationScheduleFields,
} from '../contracts/obligations';

/**
 * Obligations of a contract (履行义务): what the vendor must do on a schedule or within a limit,
 * and the records of it being done (完成记录, each may carry the report as an attachment). They
 * have a life of their own — completions are added for years after the contract was entered —
 * so they are edited through their own channels, not as part of the contract form.
 */

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .default('');

const date = (label: string) =>
  z.string().trim().refine(isCivilDate, { error: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20` });

const count = (label: string, max: number) =>
  z
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(1, { error: `${label}至少为 1` })
    .max(max, { error: `${label}不能超过 ${max}` });

const obligationObject = z.object({
  /** 履行事项: 漏洞扫描, 应急演练, 运维月报, 保密培训 … */
  title: z.string().trim().min(2, { error: '请填写履行事项（至少 2 个字）' }).max(100, { error: '履行事项不能超过 100 个字符' }),
  /** Where the contract says so: 第五条第（三）款. */
  clause: text(60, '合同条款'),
  kind: z.enum(OBLIGATION_KINDS, { error: '请选择履行周期' }),
  times: count('每年次数', 365).nullable().default(null),
  atLeast: count('每期次数', 1000).nullable().default(null),
  due: z.preprocess((v) => (v === '' || v === undefined ? null : v), date('完成期限').nullable()).default(null),
  within: z
    .number({ error: '时限应为数字' })
    .positive({ error: '时限应大于 0' })
    .max(10_000, { error: '时限不能超过 10000' })
    .nullable()
    .default(null),
  unit: z.enum(SERVICE_LIMIT_UNITS, { error: '请选择时限单位' }).nullable().default(null),
  action: text(20, '时限内的动作'),
  note: text(500, '备注'),
});

/** Only the fields of the chosen kind are kept; the rest are cleared so stale values never linger. */
function normalise<T extends z.output<typeof obligationObject>>(o: T): T {
  const periodic = ['monthly', 'quarterly', 'half-yearly', 'yearly', 'times-per-year'].includes(o.kind);
  return {
    ...o,
    times: o.kind === 'times-per-year' ? o.times : null,
    atLeast: periodic ? o.atLeast : null,
    due: o.kind === 'once' ? o.due : null,
    within: o.kind === 'service-level' ? o.within : null,
    unit: o.kind === 'service-level' ? o.unit : null,
    action: o.kind === 'service-level' ? o.action : '',
  };
}

function checkObligation(o: z.output<typeof obligationObject>, ctx: z.RefinementCtx): void {
  for (const p of checkObligationSchedule(normalise(o) as ObligationScheduleFields)) {
    ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  }
}

/** The fields an officer types; shared by the form and the router. */
export const obligationFieldsSchema = obligationObject.superRefine(checkObligation).transform(normalise);
export type ObligationFields = z.input<typeof obligationFieldsSchema>;

export const completionSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  doneOn: z.string(),
  description: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type Completion = z.output<typeof completionSchema>;

export const obligationNextSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('due'),
    due: z.string(),
    periodStart: z.string(),
    periodIndex: z.number().int(),
    done: z.number().int(),
    required: z.number().int(),
    daysLeft: z.number().int(),
    overdue: z.boolean(),
  }),
  z.object({ state: z.literal('complete') }),
  z.object({ state: z.literal('limit'), text: z.string() }),
  z.object({ state: z.literal('unscheduled'), reason: z.string() }),
]);

export const obligationSchema = z
  .object({
    contractId: z.number().int(),
    title: z.string(),
    clause: z.string(),
    kind: z.enum(OBLIGATION_KINDS),
    times: z.number().int().nullable(),
    atLeast: z.number().int().nullable(),
    due: z.string().nullable(),
    within: z.number().nullable(),
    unit: z.enum(SERVICE_LIMIT_UNITS).nullable(),
    action: z.string(),
    note: z.string(),
    /** 每季度, 每年至少 2 次, 1 小时内响应. */
    scheduleText: z.string(),
    /** Newest first; voided ones included (struck through in the UI, never counted). */
    completions: z.array(completionSchema),
    next: obligationNextSchema,
  })
  .extend(recordMeta.shape);
export type Obligation = z.output<typeof obligationSchema>;

/** An overdue obligation with the contract it belongs to, for reminders across the registers. */
export const overdueObligationSchema = obligationSchema.extend({
  contractProjectName: z.string(),
  contractMainNumber: z.string(),
  vendorName: z.string(),
});

const contractRef = z.object({ contractId: z.number().int().positive() });
const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };

export const obligationChannels = {
  'obligation:list': channel({
    input: contractRef.extend({ includeVoided: z.boolean().default(false) }),
    output: z.array(obligationSchema),
    permission: 'registers.read',
    audit: null,
  }),
  /** Every overdue obligation of contracts in force, most overdue first. */
  'obligation:overdue': channel({
    input: z.object({}).default({}),
    output: z.array(overdueObligationSchema),
    permission: 'registers.read',
    audit: null,
  }),
  'obligation:create': channel({
    input: z.intersection(contractRef, obligationFieldsSchema),
    output: obligationSchema,
    permission: 'registers.write',
    audit: 'obligation.create',
  }),
  'obligation:update': channel({
    input: z.intersection(z.object(idRev), obligationFieldsSchema),
    output: obligationSchema,
    permission: 'registers.write',
    audit: 'obligation.update',
  }),
  'obligation:void': channel({
    input: voidInput,
    output: obligationSchema,
    permission: 'registers.write',
    audit: 'obligation.void',
  }),
  /** Records the obligation as done on a day; the report is attached to the returned record. */
  'obligation:complete': channel({
    input: z.object({
      obligationId: z.number().int().positive(),
      doneOn: date('完成日期'),
      description: z
        .string()
        .trim()
        .min(2, { error: '请填写完成情况（至少 2 个字），如“完成第三季度漏洞扫描，报告已提交”' })
        .max(500, { error: '完成情况不能超过 500 个字符' }),
    }),
    output: z.object({ obligation: obligationSchema, completion: completionSchema }),
    permission: 'registers.write',
    audit: 'obligation.complete',
  }),
  'obligation:voidCompletion': channel({
    input: voidInput.pick({ id: true, reason: true }),
    output: obligationSchema,
    permission: 'registers.write',
    audit: 'obligation.voidCompletion',
  }),
};
