import { z } from 'zod';
import { channel } from './channel';
import { listPage, voidInput, recordMeta } from './common';
import { PHONE_PATTERN } from '../validators/text';
import { isCivilDate } from '../contracts/civil-date';
import { PERSON_STATUSES, SIGNOFF_KINDS, SIGNOFF_STATUSES } from '../people/signoff';

/**
 * People (人员) of the vendors and the office who may learn confidential information.
 *
 * Personal data (DESIGN.md §4): channels return the ID number and the phone masked only
 * (`idNumberMasked`, `phoneMasked`); `person:reveal` returns one full value, checked against
 * `personal.reveal` and audited.
 *
 * 身份证号: typed as the card prints it (full-width digits, spaces and a lowercase x accepted) and
 * checked by the core with `checkIdNumber` (common/people/id-number.ts) against the workstation's
 * today — the birth date may not lie in the future — so the refusal comes from the core, at field
 * `idNumber`. Stored canonical: 18 characters, upper-case X, old 15-digit numbers upgraded. The same
 * number twice among people not voided is refused, naming the holder.
 *
 * 状态 is never typed. It moves only through the departure workflow (see DEPARTURE_STATES):
 *   在岗 ──person:startDeparture──▶ 在岗, departure pending (调岗 or 离岗 on a date)
 *   pending ──person:completeDeparture (checklist clear, or an exception with a reason, audited)──▶ 调岗 / 离岗,
 *     离场日期 = the departure date
 *   pending ──person:cancelDeparture (reason)──▶ 在岗
 *   调岗 / 离岗 ──person:reinstate (new 入场日期)──▶ 在岗, 离场日期 cleared (the departure stays in the history)
 * While a departure is pending the person is still 在岗 on paper but is granted no new access and
 * takes no new assignment.
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

export const DEPARTURE_KINDS = ['调岗', '离岗'] as const;
export type DepartureKind = (typeof DEPARTURE_KINDS)[number];

/** The states of a person's post, for forms and the documentation of the workflow. */
export const DEPARTURE_STATES = {
  在岗: '在岗，可登记保密承诺、分派到合同、授予访问权限（须有有效的保密承诺）',
  办理中: '已开始办理调岗或离岗：仍显示为在岗，但不再授予新的访问权限，也不再分派到合同；清单办结或例外办结后完成',
  调岗: '已调离本岗位：不能授予访问权限；如需回到本岗位，恢复为在岗',
  离岗: '已离岗：不能授予访问权限；脱密期内保密义务继续有效',
} as const;

/** The fields an officer types; shared by the form and the router. */
export const personFieldsSchema = z.object({
  name: z.string({ error: '请填写姓名' }).trim().min(1, { error: '请填写姓名' }).max(30, { error: '姓名不能超过 30 个字符' }),
  orgId: z.number({ error: '请选择所属单位' }).int().positive({ error: '请选择所属单位' }),
  /** 岗位. */
  post: text(30, '岗位'),
  /** As typed; the core checks and canonicalises it (see the module comment). */
  idNumber: z
    .string({ error: '请填写身份证号码' })
    .trim()
    .min(1, { error: '请填写身份证号码' })
    .max(40, { error: '身份证号码不能超过 40 个字符' }),
  /** 手机/电话. */
  phone: text(40, '手机/电话').refine((v) => v === '' || PHONE_PATTERN.test(v), {
    error: '手机/电话格式不正确，例如 13800138000 或 010-12345678',
  }),
  /** 入场日期. */
  enteredOn: optionalDate('入场日期').default(null),
  note: text(500, '备注'),
});
export type PersonFields = z.input<typeof personFieldsSchema>;

export const pendingDepartureSchema = z.object({
  id: z.number().int(),
  kind: z.enum(DEPARTURE_KINDS),
  date: z.string(),
  startedAt: z.string(),
  startedByName: z.string(),
});

/** The derived sign-off status (common/people/signoff.ts `signOffStatus`) as of today. */
export const personSignOffSchema = z.object({
  status: z.enum(SIGNOFF_STATUSES),
  /** One sentence for the officer: 上岗保密承诺书（2024-05-20 签署）有效至 2025-05-19。 */
  reason: z.string(),
  validUntil: z.string().nullable(),
  /** The kind of the sign-off the status rests on; null when 未签. */
  kind: z.enum(SIGNOFF_KINDS).nullable(),
  /** The day that sign-off was signed; null when 未签. */
  signedDate: z.string().nullable(),
});

/** A stored person as channels return it: ID number and phone masked. */
export const personSchema = z
  .object({
    name: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    post: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    status: z.enum(PERSON_STATUSES),
    enteredOn: z.string().nullable(),
    /** 离场日期: set when a departure completes. */
    leftOn: z.string().nullable(),
    note: z.string(),
    /** The departure being processed, or null. */
    departure: pendingDepartureSchema.nullable(),
    /** For access to any contract, or to the contract a list was filtered by. */
    signOff: personSignOffSchema,
    /** The last 保密教育 attended (trainings not voided). */
    lastTrainingOn: z.string().nullable(),
  })
  .extend(recordMeta.shape);
export type Person = z.output<typeof personSchema>;

export const PERSON_SORTS = ['name', 'org', 'enteredOn', 'updatedAt'] as const;

export const personFilterSchema = z.object({
  /** Chinese substring of the name, the post or the unit (name or short name). */
  q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
  orgId: z.number().int().positive().nullable().default(null),
  /** People assigned to this contract (assignments not voided); sign-off status then scoped to it. */
  contractId: z.number().int().positive().nullable().default(null),
  status: z.enum(PERSON_STATUSES).nullable().default(null),
  /** Only people with a departure being processed. */
  departing: z.boolean().default(false),
  /** Derived, as of today (computed in SQL, the same rules as `signOffStatus`). */
  signOffStatus: z.enum(SIGNOFF_STATUSES).nullable().default(null),
  voided: z.enum(['exclude', 'only', 'include']).default('exclude'),
  sort: z.enum(PERSON_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type PersonFilter = z.input<typeof personFilterSchema>;

export const REVEAL_FIELDS = ['idNumber', 'phone'] as const;
export const REVEAL_FIELD_LABELS: Record<(typeof REVEAL_FIELDS)[number], string> = { idNumber: '身份证号码', phone: '手机/电话' };

export const mayAccessSchema = z.union([
  z.object({ allowed: z.literal(true), warning: z.string().optional() }),
  z.object({ allowed: z.literal(false), reason: z.string() }),
]);

/** One item of a departure checklist, with the register (provider) it comes from. */
export const checklistItemSchema = z.object({
  providerId: z.string(),
  providerLabel: z.string(),
  key: z.string(),
  label: z.string(),
  done: z.boolean(),
  detail: z.string(),
});
export type ChecklistItemView = z.output<typeof checklistItemSchema>;

export const departureChecklistSchema = z.object({
  departure: pendingDepartureSchema,
  items: z.array(checklistItemSchema),
  /** Items not done. */
  open: z.number().int(),
});
export type DepartureChecklist = z.output<typeof departureChecklistSchema>;

export const DEPARTURE_RECORD_STATES = ['pending', 'completed', 'cancelled'] as const;

/** One 调岗/离岗 of a person's history, as it was started and closed. */
export const departureRecordSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  kind: z.enum(DEPARTURE_KINDS),
  date: z.string(),
  /** pending: 办理中; completed: 已办结 (例外办结 when `exceptionReason` is set); cancelled: 已撤销. */
  state: z.enum(DEPARTURE_RECORD_STATES),
  startedAt: z.string(),
  startedByName: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  /** Why it was completed with items open; null otherwise. */
  exceptionReason: z.string().nullable(),
  /** The items left open when completed by exception, as they stood then; empty otherwise. */
  openItems: z.array(checklistItemSchema),
  cancelReason: z.string().nullable(),
});
export type DepartureRecord = z.output<typeof departureRecordSchema>;

/**
 * The printed 人员离岗交接单 of a person: of the departure given, else of the one being processed,
 * else of the latest completed one.
 */
export const departureSheetFilterSchema = z.object({
  personId: z.number({ error: '请选择人员' }).int().positive({ error: '请选择人员' }),
  departureId: z.number().int().positive().nullable().default(null),
});

const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };

export const personChannels = {
  'person:list': channel({
    input: personFilterSchema.extend(listPage.shape),
    output: z.object({ rows: z.array(personSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  'person:get': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: personSchema,
    permission: 'registers.read',
    audit: null,
  }),
  'person:create': channel({
    input: personFieldsSchema,
    output: personSchema,
    permission: 'registers.write',
    audit: 'person.create',
  }),
  'person:update': channel({
    input: personFieldsSchema.extend(idRev),
    output: personSchema,
    permission: 'registers.write',
    audit: 'person.update',
  }),
  'person:void': channel({
    input: voidInput,
    output: personSchema,
    permission: 'registers.write',
    audit: 'person.void',
  }),
  /** One full value (身份证号码 or 手机/电话), for the person's own detail view; audited. */
  'person:reveal': channel({
    input: z.object({ id: z.number().int().positive(), field: z.enum(REVEAL_FIELDS, { error: '请选择要查看的信息' }) }),
    output: z.object({ field: z.enum(REVEAL_FIELDS), value: z.string() }),
    permission: 'personal.reveal',
    audit: 'person.reveal',
  }),
  /** “Sign before access”: may this person be granted access now (to this contract, or to anything)? */
  'person:mayAccess': channel({
    input: z.object({
      personId: z.number().int().positive(),
      contractId: z.number().int().positive().nullable().default(null),
    }),
    output: mayAccessSchema,
    permission: 'registers.read',
    audit: null,
  }),
  'person:startDeparture': channel({
    input: z.object({ ...idRev, kind: z.enum(DEPARTURE_KINDS, { error: '请选择调岗或离岗' }), date: date('调岗/离岗日期') }),
    output: z.object({ person: personSchema, checklist: departureChecklistSchema }),
    permission: 'registers.write',
    audit: 'person.startDeparture',
  }),
  'person:departureChecklist': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: departureChecklistSchema,
    permission: 'registers.read',
    audit: null,
  }),
  /**
   * Completes the departure when every checklist item is done; with items open only when an
   * exception is recorded with its reason (stored with the open items and audited). An exception
   * given while the list is clear is not recorded: there is nothing to except.
   */
  'person:completeDeparture': channel({
    input: z.object({
      ...idRev,
      exception: z
        .preprocess(
          (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
          z
            .string()
            .trim()
            .min(5, { error: '请填写例外办结的原因（至少 5 个字），说明未办结事项为何可以例外处理' })
            .max(500, { error: '例外原因不能超过 500 个字符' })
            .nullable(),
        )
        .default(null),
    }),
    output: personSchema,
    permission: 'registers.write',
    audit: 'person.completeDeparture',
  }),
  'person:cancelDeparture': channel({
    input: voidInput.extend({
      reason: z
        .string()
        .trim()
        .min(2, { error: '请填写撤销原因（至少 2 个字）' })
        .max(200, { error: '撤销原因不能超过 200 个字符' }),
    }),
    output: personSchema,
    permission: 'registers.write',
    audit: 'person.cancelDeparture',
  }),
  /** A person's departures, newest first: the one being processed and the closed ones. */
  'person:departures': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: z.array(departureRecordSchema),
    permission: 'registers.read',
    audit: null,
  }),
  /** Back on post after a completed 调岗/离岗, from a new 入场日期. */
  'person:reinstate': channel({
    input: z.object({ ...idRev, enteredOn: date('入场日期') }),
    output: personSchema,
    permission: 'registers.write',
    audit: 'person.reinstate',
  }),
};
