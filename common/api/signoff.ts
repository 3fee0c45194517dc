import { z } from 'zod';
import { channel } from './channel';
import { voidInput, recordMeta } from './common';
import { personSchema } from './person';
import { isCivilDate } from '../contracts/civil-date';
import { checkSignOff, SIGNOFF_KINDS } from '../people/signoff';

/**
 * Confidentiality sign-offs (保密承诺) of a person: the paper commitment as signed, witnessed,
 * copied and kept. Rules of validity, status and access are the calculators' of
 * common/people/signoff.ts; the scanned document is an attachment (owner type `signoff`).
 * Voided with a reason, never deleted.
 */

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .default('');

const date = (label: string) =>
  z.string().trim().refine(isCivilDate, { error: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20` });
const optionalDate = (label: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), date(label).nullable());

const signOffObject = z.object({
  kind: z.enum(SIGNOFF_KINDS, { error: '请选择承诺类型' }),
  /** The contract it belongs to; null binds the person to the office (covers every contract). */
  contractId: z.number().int().positive().nullable().default(null),
  signedDate: date('签署日期'),
  /** 有效期至; null = indefinite (for 在岗年度承诺: one year from signing). */
  validUntil: optionalDate('有效期至').default(null),
  /** 脱密期 of a 离岗保密承诺书. */
  declassifyFrom: optionalDate('脱密期开始日').default(null),
  declassifyTo: optionalDate('脱密期结束日').default(null),
  /** The officer who witnessed the signing (name). */
  witness: text(30, '见证人'),
  copies: z
    .number({ error: '份数应为整数' })
    .int({ error: '份数应为整数' })
    .min(1, { error: '份数至少为 1' })
    .max(20, { error: '份数不能超过 20' })
    .default(1),
  /** Where the copies are kept: 保密办、人事处、本人各一份. */
  keptAt: text(100, '存放位置'),
  /** The version of the kind's commitment template that was signed (commitment:list); null when not recorded. */
  templateVersion: z.number().int().positive({ error: '模板版本应为正整数' }).nullable().default(null),
  note: text(500, '备注'),
});

function check(s: z.output<typeof signOffObject>, ctx: z.RefinementCtx): void {
  for (const p of checkSignOff({ ...s, voided: false })) {
    ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  }
}

/** The fields an officer types; shared by the form and the router. */
export const signOffFieldsSchema = signOffObject.superRefine(check);
export type SignOffFields = z.input<typeof signOffFieldsSchema>;

export const signOffRecordSchema = z
  .object({
    personId: z.number().int(),
    personName: z.string(),
    kind: z.enum(SIGNOFF_KINDS),
    contractId: z.number().int().nullable(),
    contractProjectName: z.string().nullable(),
    contractMainNumber: z.string().nullable(),
    signedDate: z.string(),
    validUntil: z.string().nullable(),
    /** Last day in force as the rules read it (`signOffEnd`); null when indefinite. */
    end: z.string().nullable(),
    declassifyFrom: z.string().nullable(),
    declassifyTo: z.string().nullable(),
    witness: z.string(),
    copies: z.number().int(),
    keptAt: z.string(),
    templateVersion: z.number().int().nullable(),
    note: z.string(),
  })
  .extend(recordMeta.shape);
export type SignOffRecord = z.output<typeof signOffRecordSchema>;

/** A 在岗年度承诺 to re-sign (`annualRenewalDue`), with its person. */
export const renewalSchema = z.object({
  person: personSchema,
  signOff: signOffRecordSchema,
  validUntil: z.string(),
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  message: z.string(),
});

/**
 * What the printed 保密承诺书签订台账 lists: sign-offs not voided, of people not voided, ordered by
 * unit, name and signed date.
 */
export const signOffRegisterFilterSchema = z
  .object({
    /** Chinese substring of the person's name or unit (name or short name). */
    q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
    /** The person's unit. */
    orgId: z.number().int().positive().nullable().default(null),
    /**
     * The sign-offs for this contract, and the ones binding its people (assignments not voided) to
     * every contract (contract-free) — all that cover work on it.
     */
    contractId: z.number().int().positive().nullable().default(null),
    kind: z.enum(SIGNOFF_KINDS, { error: '请选择承诺类型' }).nullable().default(null),
    /** Signed date within [from, to], either end open. */
    from: optionalDate('起始日期').default(null),
    to: optionalDate('截止日期').default(null),
    personId: z.number().int().positive().nullable().default(null),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.to < f.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `截止日期 ${f.to} 早于起始日期 ${f.from}` });
  });
export type SignOffRegisterFilter = z.input<typeof signOffRegisterFilterSchema>;

const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };

export const signOffChannels = {
  /** A person's sign-offs, newest signed first. */
  'signoff:list': channel({
    input: z.object({ personId: z.number().int().positive(), includeVoided: z.boolean().default(false) }),
    output: z.array(signOffRecordSchema),
    permission: 'registers.read',
    audit: null,
  }),
  'signoff:create': channel({
    input: z.object({ personId: z.number({ error: '请选择人员' }).int().positive({ error: '请选择人员' }) }).extend(signOffObject.shape).superRefine(check),
    output: signOffRecordSchema,
    permission: 'registers.write',
    audit: 'signoff.create',
  }),
  'signoff:update': channel({
    input: signOffObject.extend(idRev).superRefine(check),
    output: signOffRecordSchema,
    permission: 'registers.write',
    audit: 'signoff.update',
  }),
  'signoff:void': channel({
    input: voidInput,
    output: signOffRecordSchema,
    permission: 'registers.write',
    audit: 'signoff.void',
  }),
  /** 在岗年度承诺 of people on post ending within 30 days or past, earliest first. */
  'signoff:renewals': channel({
    input: z.object({}).default({}),
    output: z.array(renewalSchema),
    permission: 'registers.read',
    audit: null,
  }),
};
