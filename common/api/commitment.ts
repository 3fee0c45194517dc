import { z } from 'zod';
import { channel } from './channel';
import { isCivilDate } from '../contracts/civil-date';
import { checkTemplate } from '../people/commitment-template';
import { SIGNOFF_KINDS } from '../people/signoff';

/**
 * Commitment templates (承诺书模板): the wording of each kind of sign-off (SIGNOFF_KINDS), kept in
 * numbered versions that never change. Saving a kind's text makes its next version the current
 * one; a sign-off records the version that was signed, so earlier sign-offs keep theirs. Bodies
 * and titles carry placeholders ({{姓名}} …, common/people/commitment-template.ts) filled when a
 * commitment is printed for a person (the `commitment` selection of common/api/report.ts).
 */

/** One version of a kind's template. */
export const commitmentTemplateSchema = z.object({
  uuid: z.string(),
  kind: z.enum(SIGNOFF_KINDS),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  /** Why this version was made (修改说明). */
  note: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type CommitmentTemplate = z.output<typeof commitmentTemplateSchema>;

/** A version in a kind's history: who saved it, when and why (without the text). */
export const commitmentVersionSchema = commitmentTemplateSchema.omit({ body: true });
export type CommitmentVersion = z.output<typeof commitmentVersionSchema>;

export const commitmentKindSchema = z.object({
  kind: z.enum(SIGNOFF_KINDS),
  current: commitmentTemplateSchema,
  /** Every version, newest first (the current one included). */
  history: z.array(commitmentVersionSchema),
});
export type CommitmentKind = z.output<typeof commitmentKindSchema>;

/** CRLF to LF, trailing spaces of each line and blank lines at the ends dropped. */
const normaliseText = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');

const templateText = (label: string, max: number, lines: 'one' | 'many') =>
  z
    .string({ error: `请填写${label}` })
    .transform(normaliseText)
    .pipe(
      z
        .string()
        .min(1, { error: `请填写${label}` })
        .max(max, { error: `${label}不能超过 ${max} 个字符` })
        .superRefine((text, ctx) => {
          if (lines === 'one' && text.includes('\n')) ctx.addIssue({ code: 'custom', message: `${label}只能有一行` });
          const check = checkTemplate(text);
          if (!check.ok) ctx.addIssue({ code: 'custom', message: `${label}：${check.message}` });
        }),
    );

/** What an officer types to save a new version; shared by the form and the router. */
export const commitmentFieldsSchema = z.object({
  title: templateText('标题', 60, 'one'),
  body: templateText('正文', 10000, 'many'),
  note: z.string().trim().max(200, { error: '修改说明不能超过 200 个字符' }).default(''),
});
export type CommitmentFields = z.input<typeof commitmentFieldsSchema>;

const kindInput = z.enum(SIGNOFF_KINDS, { error: '请选择承诺类型' });

/**
 * What a commitment printed for one person is made of (the `commitment` selection of report:*).
 * `fullIdNumber` prints the whole ID number instead of the masked one; it needs personal.reveal
 * and is named in the audit record of the print.
 */
export const commitmentPrintFilterSchema = z.object({
  personId: z.number({ error: '请选择人员' }).int().positive({ error: '请选择人员' }),
  kind: kindInput,
  /** The contract it is signed for; null: not tied to a contract. */
  contractId: z.number().int().positive().nullable().default(null),
  /** A version of the kind's template; null: the current version. */
  version: z.number().int().positive({ error: '模板版本应为正整数' }).nullable().default(null),
  /** Printed into {{签署日期}}; null leaves it to be written by hand. */
  signDate: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.string().trim().refine(isCivilDate, { error: '签署日期应为 YYYY-MM-DD 格式的真实日期，如 2024-05-20' }).nullable(),
  ).default(null),
  fullIdNumber: z.boolean().default(false),
});
export type CommitmentPrintFilter = z.input<typeof commitmentPrintFilterSchema>;

export const commitmentChannels = {
  /** The five kinds in SIGNOFF_KINDS order, each with its current version and history. */
  'commitment:list': channel({
    input: z.object({}).default({}),
    output: z.array(commitmentKindSchema),
    permission: 'registers.read',
    audit: null,
  }),
  'commitment:get': channel({
    input: z.object({ kind: kindInput, version: z.number({ error: '请选择版本' }).int().positive({ error: '请选择版本' }) }),
    output: commitmentTemplateSchema,
    permission: 'registers.read',
    audit: null,
  }),
  /**
   * Saves the kind's next version. `baseVersion` is the version the officer started from: when
   * someone saved another in the meantime the save is refused, nothing lost. A text whose title
   * and body equal the current version's is refused too: there is nothing new to sign.
   */
  'commitment:save': channel({
    input: commitmentFieldsSchema.extend({
      kind: kindInput,
      baseVersion: z.number().int().positive(),
    }),
    output: commitmentTemplateSchema,
    permission: 'registers.write',
    audit: 'commitment.save',
  }),
};
