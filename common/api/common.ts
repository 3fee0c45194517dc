import { z } from 'zod';

/** Paging of every list channel: the UI never loads a whole register. */
export const listPage = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/** 作废: registers void with a reason instead of deleting. */
export const voidInput = z.object({
  id: z.number().int().positive(),
  rev: z.number().int().nonnegative(),
  reason: z
    .string()
    .trim()
    .min(2, { error: '请填写作废原因（至少 2 个字）' })
    .max(200, { error: '作废原因不能超过 200 个字符' }),
});

/** Columns every register record carries. */
export const recordMeta = z.object({
  id: z.number().int(),
  uuid: z.string(),
  rev: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
