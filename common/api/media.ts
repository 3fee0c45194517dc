import { z } from 'zod';
import { channel } from './channel';
import { listPage, recordMeta, voidInput } from './common';
import { chosenId, date, optionalDate, optionalInstant, text } from './fields';
import { EVENT_TYPES } from '../media/events';
import { DESTRUCTION_METHODS, INCIDENT_KINDS, MAX_CLASSIFICATIONS, MEDIA_KINDS, MEDIA_STATUSES, STOCKTAKE_RESULTS } from '../media/kinds';
import { MAX_NUMBER_LENGTH } from '../media/numbering';

/**
 * Storage media (存储介质) and their custody chain (履历).
 *
 * A medium is registered with its 保密编号 given by the configured pattern (media:settings), or typed
 * when it already carries a label; the number is never given twice, not even after the medium is
 * voided, and may be changed only until the first custody event beyond 登记入库. Its status,
 * holder and due date are never typed: they are the replay of the chain (common/media/machine.ts),
 * which grows by `media:event` — one event at a time, re-checked by the core against the rules and,
 * for whoever is made holder or carrier (and the 责任人 when set), against “sign before access”.
 * Refusals come at the field they concern.
 *
 * Hand-overs print a receipt (交接单) whose signed scan is attached to the event (attachment owner
 * type `mediaEvent`, the event's uuid).
 */

const NUMBER = /^[^\s]+$/u;

/** The fields an officer types; shared by the form and the router. */
export const mediumFieldsSchema = z.object({
  /** 保密编号: '' gives the next number of the pattern on creation, and keeps the number on update. */
  number: z
    .string()
    .trim()
    .max(MAX_NUMBER_LENGTH, { error: `保密编号不能超过 ${MAX_NUMBER_LENGTH} 个字符` })
    .refine((v) => v === '' || NUMBER.test(v), { error: '保密编号中不能有空格' })
    .default(''),
  kind: z.enum(MEDIA_KINDS, { error: `请选择介质类别（${MEDIA_KINDS.join('、')}）` }),
  /** 品牌型号. */
  model: text(60, '品牌型号'),
  /** 序列号: unique per kind. */
  serial: text(60, '序列号'),
  /** 资产编号 (of the computer a hard disk belongs to). */
  assetNumber: text(40, '资产编号'),
  /** 容量: 64GB, 1TB … */
  capacity: text(20, '容量'),
  /** 密级: one of the configured list (media:settings). */
  classification: z.string({ error: '请选择密级' }).trim().min(1, { error: '请选择密级' }).max(10, { error: '密级不能超过 10 个字符' }),
  /** 保密期限. */
  secrecyTerm: text(30, '保密期限'),
  /** 知悉范围 / 使用范围. */
  scope: text(100, '知悉范围'),
  /** 责任人: a person who passes “sign before access”. */
  responsibleId: chosenId('责任人'),
  /** 所属单位 / 部门. */
  orgId: chosenId('所属单位'),
  /** 关联合同. */
  contractId: z.number().int().positive({ error: '请选择关联合同' }).nullable().default(null),
  /** 存放地点. */
  location: text(60, '存放地点'),
  /** 用途. */
  purpose: text(100, '用途'),
  /** 启用日期. */
  enabledOn: optionalDate('启用日期').default(null),
  /** 报备日期: reported to the client. */
  reportedOn: optionalDate('报备日期').default(null),
  note: text(500, '备注'),
});
export type MediumFields = z.input<typeof mediumFieldsSchema>;

/** Who takes part in events, as receipts name them. */
export const PARTICIPANT_ROLES = [
  '领用人',
  '借用人',
  '归还人',
  '核验人',
  '携带人',
  '审批人',
  '送修人',
  '陪同人',
  '维修单位',
  '接收人',
  '销毁人',
  '监销人',
  '报告对象',
] as const;

const participantSchema = z.object({
  role: z.string(),
  name: z.string(),
  personId: z.number().int().nullable(),
  /** Signed the receipt (交接单). */
  acknowledged: z.boolean(),
});

/** One event of the chain, as the timeline (履历) shows it. */
export const mediaEventSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  seq: z.number().int(),
  type: z.enum(EVENT_TYPES),
  occurredAt: z.string(),
  recordedAt: z.string(),
  recordedByName: z.string(),
  /** One sentence: 借给 张三（用途：数据交换），应还 2026-03-10 */
  summary: z.string(),
  /** The typed fields of the event (common/media/events.ts), people as { id, name }. */
  data: z.record(z.string(), z.unknown()),
  participants: z.array(participantSchema),
  note: z.string(),
  /** For a 更正: the seq it corrects. */
  corrects: z.number().int().nullable(),
  /** The seq of the 更正 that voided this event's effect, or null. */
  correctedBy: z.number().int().nullable(),
  /** Attachments not voided (the signed receipt …). */
  attachments: z.number().int(),
});
export type MediaEventView = z.output<typeof mediaEventSchema>;

const openItemSchema = z.object({
  kind: z.enum(['逾期未还', '逾期未返回', '维修未修回', '丢失/泄露待报告', '清查异常']),
  /** The event the item comes from. */
  seq: z.number().int(),
  /** One sentence for the officer. */
  message: z.string(),
  /** 已超时 / 即将超时 / 待报告 for incidents; 已逾期 for the rest when past due; else ''. */
  level: z.string(),
  /** The date or instant the item is due, or null. */
  due: z.string().nullable(),
});

/** A stored medium as lists return it. */
export const mediumSchema = z
  .object({
    number: z.string(),
    kind: z.enum(MEDIA_KINDS),
    model: z.string(),
    serial: z.string(),
    assetNumber: z.string(),
    capacity: z.string(),
    classification: z.string(),
    secrecyTerm: z.string(),
    scope: z.string(),
    responsibleId: z.number().int(),
    responsibleName: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    contractId: z.number().int().nullable(),
    /** 政务云扩展服务（KSY 2024 0516 0003）. */
    contractLabel: z.string().nullable(),
    location: z.string(),
    purpose: z.string(),
    enabledOn: z.string().nullable(),
    reportedOn: z.string().nullable(),
    note: z.string(),
    status: z.enum(MEDIA_STATUSES),
    holderId: z.number().int().nullable(),
    holderName: z.string().nullable(),
    dueBack: z.string().nullable(),
    /** The 保密编号 can no longer change (an event beyond 登记入库 was recorded). */
    inUse: z.boolean(),
    /** Past due back, at the repairer, an incident not yet reported, or a stocktake finding. */
    needsAttention: z.boolean(),
  })
  .extend(recordMeta.shape);
export type Medium = z.output<typeof mediumSchema>;

/** One medium with its whole chain. */
export const mediumDetailSchema = mediumSchema.extend({
  timeline: z.array(mediaEventSchema),
  openItems: z.array(openItemSchema),
  /** Who was 责任人 when, newest first. */
  responsibles: z.array(z.object({ personId: z.number().int(), name: z.string(), from: z.string(), to: z.string().nullable(), setByName: z.string() })),
});
export type MediumDetail = z.output<typeof mediumDetailSchema>;

export const MEDIA_SORTS = ['number', 'kind', 'status', 'enabledOn', 'updatedAt'] as const;

export const mediaFilterSchema = z.object({
  /** 保密编号, 序列号, 品牌型号, 资产编号, or the name of the holder or the 责任人 (substring). */
  q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
  kind: z.enum(MEDIA_KINDS).nullable().default(null),
  status: z.enum(MEDIA_STATUSES).nullable().default(null),
  classification: z.string().trim().max(10).nullable().default(null),
  /** Media this person holds now. */
  holderId: z.number().int().positive().nullable().default(null),
  /** Media this person is 责任人 of. */
  responsibleId: z.number().int().positive().nullable().default(null),
  orgId: z.number().int().positive().nullable().default(null),
  contractId: z.number().int().positive().nullable().default(null),
  voided: z.enum(['exclude', 'only', 'include']).default('exclude'),
  sort: z.enum(MEDIA_SORTS).default('number'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type MediaFilter = z.input<typeof mediaFilterSchema>;

const idRev = { id: z.number().int().positive(), rev: z.number().int().nonnegative() };

const eventCommon = {
  ...idRev,
  /** When it happened; absent: now. */
  occurredAt: optionalInstant('发生时间').default(null),
  /** The roles whose people signed the receipt (交接单). */
  acknowledged: z.array(z.enum(PARTICIPANT_ROLES, { error: '签字确认的人员角色不正确' })).max(PARTICIPANT_ROLES.length).default([]),
  note: text(500, '备注'),
};
const name = (label: string) => text(30, label);
const flag = z.boolean().default(false);

/** The events `media:event` records (登记入库 is recorded by media:create). */
export const mediaEventInputSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('发放/领用'), holderId: chosenId('领用人'), purpose: text(100, '用途'), ...eventCommon }),
    z.object({ type: z.literal('借出'), holderId: chosenId('借用人'), purpose: text(100, '用途'), dueBack: date('应还日期'), ...eventCommon }),
    z.object({ type: z.literal('归还'), checkedBy: name('归还核验人'), condition: text(100, '核验情况'), ...eventCommon }),
    z.object({
      type: z.literal('携带外出'),
      carrierId: chosenId('携带人'),
      approver: name('审批人'),
      destination: text(100, '外出地点'),
      purpose: text(100, '事由'),
      encrypted: flag,
      encryptionMethod: text(60, '加密方式'),
      dueBack: date('预计返回日期'),
      ...eventCommon,
    }),
    z.object({ type: z.literal('外出返回'), checkResult: text(200, '返回检查情况'), ...eventCommon }),
    z.object({
      type: z.literal('送外维修'),
      fault: text(200, '故障情况'),
      repairer: text(100, '维修单位'),
      repairerAgreement: flag,
      agreementRef: text(60, '保密协议编号'),
      backupDone: flag,
      sanitised: flag,
      sanitisation: text(100, '技术处理方式'),
      sentBy: name('送修人'),
      escort: name('陪同人'),
      approver: name('审批人'),
      expectedBack: optionalDate('预计修回日期').default(null),
      ...eventCommon,
    }),
    z.object({ type: z.literal('修回'), result: text(200, '维修结果'), ...eventCommon }),
    z.object({ type: z.literal('交回甲方'), recipient: text(60, '甲方接收人'), ...eventCommon }),
    z.object({
      type: z.literal('销毁'),
      reason: text(200, '销毁原因'),
      method: z.union([z.enum(DESTRUCTION_METHODS), z.literal('')], { error: `销毁方式应为${DESTRUCTION_METHODS.join('、')}之一` }).default(''),
      place: text(100, '销毁地点'),
      destroyer: name('销毁人'),
      witnesses: z.array(name('监销人')).max(5, { error: '监销人最多 5 人' }).default([]),
      approver: name('审批人'),
      ...eventCommon,
    }),
    z.object({
      type: z.literal('丢失/泄露报告'),
      incident: z.enum(INCIDENT_KINDS, { error: '请选择丢失或泄露' }).default('丢失'),
      discoveredAt: optionalInstant('发现时间').default(null),
      circumstances: text(500, '事件经过'),
      reportedTo: text(60, '报告对象'),
      reportedAt: optionalInstant('报告时间').default(null),
      /** Completes the report of this earlier, unreported incident (its seq). */
      reportOf: z.number().int().positive().nullable().default(null),
      ...eventCommon,
    }),
    z.object({
      type: z.literal('清查结果'),
      result: z.enum(STOCKTAKE_RESULTS, { error: `清查结果应为${STOCKTAKE_RESULTS.join('、')}之一` }),
      stocktake: text(60, '清查批次'),
      ...eventCommon,
    }),
    z.object({
      type: z.literal('更正'),
      corrects: z.number({ error: '请选择要更正的记录' }).int().positive({ error: '请选择要更正的记录' }),
      reason: z.string({ error: '请填写更正原因' }).trim().min(2, { error: '请填写更正原因（至少 2 个字）' }).max(200, { error: '更正原因不能超过 200 个字符' }),
      ...eventCommon,
    }),
  ],
  { error: '请选择记录类型' },
);
export type MediaEventInput = z.input<typeof mediaEventInputSchema>;

export const overdueItemSchema = openItemSchema.extend({
  mediumId: z.number().int(),
  number: z.string(),
  mediumKind: z.enum(MEDIA_KINDS),
  model: z.string(),
  status: z.enum(MEDIA_STATUSES),
  holderName: z.string().nullable(),
  responsibleName: z.string(),
});
export type OverdueItem = z.output<typeof overdueItemSchema>;

export const mediaSettingsSchema = z.object({
  numberPattern: z.string().trim().min(1, { error: '请填写编号规则，如 JZ-{YYYY}-{0000}' }).max(40, { error: '编号规则不能超过 40 个字符' }),
  classifications: z
    .array(z.string().trim(), { error: '请设置密级列表' })
    .min(1, { error: '请至少设置一个密级，如“内部”' })
    .max(MAX_CLASSIFICATIONS, { error: `密级最多 ${MAX_CLASSIFICATIONS} 个` }),
});
export type MediaSettings = z.input<typeof mediaSettingsSchema>;

const storedSettings = z.object({
  numberPattern: z.string(),
  classifications: z.array(z.string()),
  /** The number the next medium registered today would get. */
  nextNumber: z.string(),
});

const written = z.object({ medium: mediumDetailSchema, warning: z.string().nullable() });

export const mediaChannels = {
  'media:list': channel({
    input: mediaFilterSchema.extend(listPage.shape),
    output: z.object({ rows: z.array(mediumSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  'media:get': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: mediumDetailSchema,
    permission: 'registers.read',
    audit: null,
  }),
  /** Registers the medium and records its 登记入库 (at `registeredAt`, default now). */
  'media:create': channel({
    input: mediumFieldsSchema.extend({ registeredAt: optionalInstant('登记入库时间').default(null) }),
    output: written,
    permission: 'registers.write',
    audit: 'media.create',
  }),
  'media:update': channel({
    input: mediumFieldsSchema.extend(idRev),
    output: written,
    permission: 'registers.write',
    audit: 'media.update',
  }),
  'media:void': channel({
    input: voidInput,
    output: mediumDetailSchema,
    permission: 'registers.write',
    audit: 'media.void',
  }),
  /** Records one custody event; `warning` tells of a sign-off about to expire. */
  'media:event': channel({
    input: mediaEventInputSchema,
    output: written,
    permission: 'registers.write',
    audit: 'media.event',
  }),
  /** Open items of every medium: past due back, at the repairer, incidents to report, stocktake findings. */
  'media:overdue': channel({
    input: z.object({}).default({}),
    output: z.array(overdueItemSchema),
    permission: 'registers.read',
    audit: null,
  }),
  /** The register's own settings, kept by the officer like the register itself. */
  'media:settings': channel({
    input: z.object({}).default({}),
    output: storedSettings,
    permission: 'registers.read',
    audit: null,
  }),
  'media:updateSettings': channel({
    input: mediaSettingsSchema,
    output: storedSettings,
    permission: 'registers.write',
    audit: 'media.updateSettings',
  }),
};
