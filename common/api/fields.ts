import { z } from 'zod';
import { isCivilDate } from '../contracts/civil-date';

/**
 * Field schemas shared by the register contracts, with their Chinese messages. (Older contract
 * files still carry private copies of the first three; new ones import them from here.)
 */

/** Optional free text, trimmed, '' when absent. */
export const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .default('');

/** A calendar date `YYYY-MM-DD`. */
export const date = (label: string) =>
  z.string().trim().refine(isCivilDate, { error: `${label}应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20` });

/** A calendar date or null ('' and absent are null). */
export const optionalDate = (label: string) => z.preprocess((v) => (v === '' || v === undefined ? null : v), date(label).nullable());

/** An instant: ISO-8601 date and time with its offset, e.g. 2026-03-02T10:30:00+08:00. */
export const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}应为带时区的日期时间，如 2026-03-02T10:30:00+08:00` });

/** An instant or null ('' and absent are null). */
export const optionalInstant = (label: string) => z.preprocess((v) => (v === '' || v === undefined ? null : v), instant(label).nullable());

/** The row id of a record to choose, with the message “请选择{label}”. */
export const chosenId = (label: string) => z.number({ error: `请选择${label}` }).int().positive({ error: `请选择${label}` });
