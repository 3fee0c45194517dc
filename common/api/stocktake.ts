import { z } from 'zod';
import { channel } from './channel';
import { listPage } from './common';
import { text } from './fields';
import { MEDIA_KINDS, MEDIA_STATUSES, STOCKTAKE_RESULTS } from '../media/kinds';

/**
 * Stocktakes of the storage media (介质清查, REGISTER-FORMATS.md §6).
 *
 * A session is started over a scope — every medium not 已交回/已销毁, or those of one unit, kind,
 * 密级 or 存放地点 — and the list of media expected is frozen then. Each expected medium is marked
 * 在位 / 缺失 / 状态不符 by typing (or scanning) its 保密编号 or 序列号, or from the table; a code
 * of a medium outside the list, or of none at all, is recorded as a 账外 finding. Marks and findings
 * can be undone while the session is open. Closing records the conclusion with the names of the
 * 清查人 and the 监督人 and writes one 清查结果 custody event per expected medium through the core
 * path of `media:event`, in one transaction: the media left unmarked become 缺失, and every 缺失
 * or 状态不符 flags the medium (it then appears in `media:overdue`). A closed session never changes.
 */

export const STOCKTAKE_STATES = ['open', 'closed'] as const;
export type StocktakeState = (typeof STOCKTAKE_STATES)[number];

/** 账外: found during the stocktake but not on the expected list. */
export const EXTRA_RESULT = '账外';

/** What a session counts (`marked` = present + missing + differs; `found` = present + differs). */
export const stocktakeCountsSchema = z.object({
  expected: z.number().int(),
  marked: z.number().int(),
  unmarked: z.number().int(),
  present: z.number().int(),
  missing: z.number().int(),
  differs: z.number().int(),
  found: z.number().int(),
  extras: z.number().int(),
});
export type StocktakeCounts = z.output<typeof stocktakeCountsSchema>;

/** Which media a session expects, besides being registered and not 已交回/已销毁. */
export const stocktakeScopeSchema = z.object({
  orgId: z.number().int().positive().nullable().default(null),
  kind: z.enum(MEDIA_KINDS, { error: `介质类别应为${MEDIA_KINDS.join('、')}之一` }).nullable().default(null),
  classification: z.string().trim().max(10, { error: '密级不能超过 10 个字符' }).nullable().default(null),
  location: z.string().trim().max(60, { error: '存放地点不能超过 60 个字符' }).nullable().default(null),
});
export type StocktakeScope = z.input<typeof stocktakeScopeSchema>;

export const stocktakeSessionSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  /** QC-2026-001. */
  number: z.string(),
  title: z.string(),
  scope: stocktakeScopeSchema,
  /** The scope in words: 全部在册介质 / 单位：…；类别：U盘. */
  scopeText: z.string(),
  state: z.enum(STOCKTAKE_STATES),
  startedAt: z.string(),
  startedByName: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  conclusion: z.string(),
  /** 清查人, 监督人: names as they sign. */
  checker: z.string(),
  supervisor: z.string(),
  counts: stocktakeCountsSchema,
});
export type StocktakeSession = z.output<typeof stocktakeSessionSchema>;

export const stocktakeItemSchema = z.object({
  id: z.number().int(),
  mediumId: z.number().int(),
  number: z.string(),
  kind: z.enum(MEDIA_KINDS),
  model: z.string(),
  serial: z.string(),
  classification: z.string(),
  responsibleName: z.string(),
  /** 账面状态 when the session started, and in words: 借出（张三）. */
  bookStatus: z.enum(MEDIA_STATUSES),
  bookText: z.string(),
  location: z.string(),
  /** null while unmarked. */
  result: z.enum(STOCKTAKE_RESULTS).nullable(),
  note: z.string(),
  markedAt: z.string().nullable(),
  markedByName: z.string().nullable(),
  /** How it was marked: by 保密编号, by 序列号, from the table, or by closing while unmarked. */
  via: z.enum(['number', 'serial', 'table', 'close']).nullable(),
  /** After closing: the seq of its 清查结果 event, or null with `skipped` saying why none was written. */
  eventSeq: z.number().int().nullable(),
  skipped: z.string(),
});
export type StocktakeItem = z.output<typeof stocktakeItemSchema>;

export const stocktakeFindingSchema = z.object({
  id: z.number().int(),
  /** As typed or scanned. */
  code: z.string(),
  /** The registered medium it names, when it names one outside the expected list. */
  mediumId: z.number().int().nullable(),
  number: z.string().nullable(),
  kind: z.string().nullable(),
  /** Why it is 账外: 未登记 / 不在本次清查范围（已销毁） …. */
  description: z.string(),
  note: z.string(),
  foundAt: z.string(),
  foundByName: z.string(),
});
export type StocktakeFinding = z.output<typeof stocktakeFindingSchema>;

export const stocktakeDetailSchema = stocktakeSessionSchema.extend({
  items: z.array(stocktakeItemSchema),
  findings: z.array(stocktakeFindingSchema),
});
export type StocktakeDetail = z.output<typeof stocktakeDetailSchema>;

const note = text(200, '说明');
const sessionId = z.number().int().positive();

/**
 * What a scan did: marked an expected medium (or changed its mark), found it already marked so,
 * found a registered medium outside the list or an unknown code (both recorded as 账外), or found
 * the same 账外 code again.
 */
export const SCAN_OUTCOMES = ['marked', 'already', 'outOfScope', 'unknown', 'extraAgain'] as const;

export const scanFeedbackSchema = z.object({
  outcome: z.enum(SCAN_OUTCOMES),
  code: z.string(),
  /** The medium named, when there is one. */
  number: z.string().nullable(),
  kind: z.string().nullable(),
  result: z.enum(STOCKTAKE_RESULTS).nullable(),
  /** For a medium outside the list: its status now (已销毁, 在库 …) or 已作废. */
  status: z.string().nullable(),
  /** Matched by 序列号 rather than 保密编号. */
  bySerial: z.boolean(),
  itemId: z.number().int().nullable(),
  findingId: z.number().int().nullable(),
});
export type ScanFeedback = z.output<typeof scanFeedbackSchema>;

export const stocktakeStartSchema = z.object({
  title: z
    .string({ error: '请填写清查名称，如“2026年一季度介质清查”' })
    .trim()
    .min(2, { error: '请填写清查名称（至少 2 个字），如“2026年一季度介质清查”' })
    .max(40, { error: '清查名称不能超过 40 个字符' }),
  scope: stocktakeScopeSchema.default({ orgId: null, kind: null, classification: null, location: null }),
});
export type StocktakeStart = z.input<typeof stocktakeStartSchema>;

export const stocktakeCloseSchema = z.object({
  id: sessionId,
  conclusion: z
    .string({ error: '请填写清查结论' })
    .trim()
    .min(2, { error: '请填写清查结论（至少 2 个字），如“账实相符”或缺失介质的处理意见' })
    .max(500, { error: '清查结论不能超过 500 个字符' }),
  checker: z.string({ error: '请填写清查人' }).trim().min(1, { error: '请填写清查人' }).max(30, { error: '清查人不能超过 30 个字符' }),
  supervisor: z.string({ error: '请填写监督人' }).trim().min(1, { error: '请填写监督人' }).max(30, { error: '监督人不能超过 30 个字符' }),
  /** How many unmarked media the confirmation listed; closing is refused if that changed meanwhile. */
  unmarked: z.number().int().nonnegative(),
});
export type StocktakeClose = z.input<typeof stocktakeCloseSchema>;

const detailOut = stocktakeDetailSchema;

export const stocktakeChannels = {
  'stocktake:list': channel({
    input: z.object({ state: z.enum(STOCKTAKE_STATES).nullable().default(null) }).extend(listPage.shape),
    output: z.object({ rows: z.array(stocktakeSessionSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  'stocktake:get': channel({
    input: z.object({ id: sessionId }),
    output: detailOut,
    permission: 'registers.read',
    audit: null,
  }),
  /** What a scope can be chosen from: the units, 密级 and 存放地点 of the media in the register. */
  'stocktake:options': channel({
    input: z.object({}).default({}),
    output: z.object({
      orgs: z.array(z.object({ id: z.number().int(), name: z.string() })),
      classifications: z.array(z.string()),
      locations: z.array(z.string()),
    }),
    permission: 'registers.read',
    audit: null,
  }),
  /** Starts a session and freezes the list of media it expects. */
  'stocktake:start': channel({
    input: stocktakeStartSchema,
    output: detailOut,
    permission: 'registers.write',
    audit: 'stocktake.start',
  }),
  /**
   * A typed or scanned code: 保密编号 or 序列号, exact match ignoring case and spaces. Marks the
   * expected medium (在位 unless told otherwise), or records a 账外 finding.
   */
  'stocktake:scan': channel({
    input: z.object({
      id: sessionId,
      code: z.string({ error: '请输入保密编号或序列号' }).trim().min(1, { error: '请输入保密编号或序列号' }).max(60, { error: '编号不能超过 60 个字符' }),
      result: z.enum(STOCKTAKE_RESULTS).default('在位'),
      note,
    }),
    output: z.object({ feedback: scanFeedbackSchema, session: detailOut }),
    permission: 'registers.write',
    audit: 'stocktake.mark',
  }),
  /** Marks one expected medium from the table. */
  'stocktake:mark': channel({
    input: z.object({
      id: sessionId,
      itemId: z.number().int().positive(),
      result: z.enum(STOCKTAKE_RESULTS, { error: `清查结果应为${STOCKTAKE_RESULTS.join('、')}之一` }),
      note,
    }),
    output: detailOut,
    permission: 'registers.write',
    audit: 'stocktake.mark',
  }),
  /** Undoes a mark (the medium is unmarked again) or drops a 账外 finding, while the session is open. */
  'stocktake:unmark': channel({
    input: z
      .object({ id: sessionId, itemId: z.number().int().positive().nullable().default(null), findingId: z.number().int().positive().nullable().default(null) })
      .refine((v) => (v.itemId === null) !== (v.findingId === null), { error: '请选择要撤销的一条标记或账外记录' }),
    output: detailOut,
    permission: 'registers.write',
    audit: 'stocktake.unmark',
  }),
  /** Closes the session: unmarked media become 缺失, and each expected medium gets its 清查结果 event. */
  'stocktake:close': channel({
    input: stocktakeCloseSchema,
    output: detailOut,
    permission: 'registers.write',
    audit: 'stocktake.close',
  }),
};
