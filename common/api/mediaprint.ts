import { z } from 'zod';
import { optionalDate } from './fields';
import { MEDIA_KINDS } from '../media/kinds';

/**
 * What the media register's printed logs and sheets are chosen by (REGISTER-FORMATS.md §1–5, the
 * 履历卡 and the 交接单). §1 (介质登记台账) takes the list's own filter (`mediaFilterSchema`).
 *
 * The logs (§2 借用/归还登记簿, §3 携带外出审批登记, §4 送外维修登记表, §5 销毁登记表) have one row per
 * opening event (借出, 携带外出, 送外维修, 销毁) of media not voided, paired with the event that
 * closed it (归还, 外出返回, 修回). Events voided by a correction (更正) are not listed: the log
 * shows what stands; the medium's 履历卡 prints the whole chain with its corrections.
 */
export const mediaLogFilterSchema = z
  .object({
    /** The opening event happened within [from, to] (its calendar date), either end open. */
    from: optionalDate('起始日期').default(null),
    to: optionalDate('截止日期').default(null),
    /** 保密编号, 序列号, 品牌型号, 资产编号, or the name of the holder or the 责任人 (substring). */
    q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
    kind: z.enum(MEDIA_KINDS).nullable().default(null),
    classification: z.string().trim().max(10).nullable().default(null),
    /** The medium's 所属单位. */
    orgId: z.number().int().positive().nullable().default(null),
    contractId: z.number().int().positive().nullable().default(null),
    /** One medium only. */
    mediumId: z.number().int().positive().nullable().default(null),
    /** Only what is still open: not returned, not back, not repaired (ignored by §5). */
    openOnly: z.boolean().default(false),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.to < f.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `截止日期 ${f.to} 早于起始日期 ${f.from}` });
  });
export type MediaLogFilter = z.input<typeof mediaLogFilterSchema>;

/** The four logs of custody events, in the order of REGISTER-FORMATS.md. */
export const MEDIA_LOG_REGISTERS = ['mediaLoans', 'mediaTakeOuts', 'mediaRepairs', 'mediaDestructions'] as const;
export type MediaLogRegister = (typeof MEDIA_LOG_REGISTERS)[number];

/** 介质履历卡 of one medium: its fields and its whole custody chain. */
export const mediumCardFilterSchema = z.object({ id: z.number().int().positive() });

/** 介质交接单 of one hand-over event (发放/领用, 借出, 归还, 携带外出, 送外维修, 交回甲方, 销毁). */
export const mediaReceiptFilterSchema = z.object({
  mediumId: z.number().int().positive(),
  seq: z.number({ error: '请选择要打印交接单的记录' }).int().positive({ error: '请选择要打印交接单的记录' }),
});
export type MediaReceiptFilter = z.input<typeof mediaReceiptFilterSchema>;
