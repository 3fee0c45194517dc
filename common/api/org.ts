import { z } from 'zod';
import { channel } from './channel';
import { checkUscc } from '../validators/uscc';
import { PHONE_PATTERN } from '../validators/text';
import { listPage, voidInput, recordMeta } from './common';

export const ORG_KINDS = ['client', 'vendor', 'agency', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字符` })
    .default('');

/** The fields an officer types; shared by the form and the router. */
export const orgFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: '请填写单位名称' })
    .max(100, { error: '单位名称不能超过 100 个字符' }),
  shortName: optionalText(30, '简称'),
  kind: z.enum(ORG_KINDS, { error: '请选择单位类型' }),
  uscc: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      if (raw.trim() === '') return '';
      const checked = checkUscc(raw);
      if (!checked.ok) {
        ctx.addIssue({ code: 'custom', message: checked.message });
        return z.NEVER;
      }
      return checked.value;
    }),
  address: optionalText(200, '地址'),
  contact: optionalText(30, '联系人'),
  phone: optionalText(40, '电话').refine((v) => v === '' || PHONE_PATTERN.test(v), {
    error: '电话格式不正确，例如 010-12345678 或 13800138000',
  }),
  email: optionalText(100, '电子邮箱').refine((v) => v === '' || z.email().safeParse(v).success, {
    error: '电子邮箱格式不正确，例如 name@example.cn',
  }),
  note: optionalText(500, '备注'),
});
export type OrgFields = z.input<typeof orgFieldsSchema>;

/** A stored organisation as channels return it: plain fields, not re-validated with the entry rules. */
export const orgSchema = z
  .object({
    name: z.string(),
    shortName: z.string(),
    kind: z.enum(ORG_KINDS),
    uscc: z.string(),
    address: z.string(),
    contact: z.string(),
    phone: z.string(),
    email: z.string(),
    note: z.string(),
  })
  .extend(recordMeta.shape);
export type Org = z.output<typeof orgSchema>;

export const ORG_SORTS = ['name', 'kind', 'uscc', 'createdAt', 'updatedAt'] as const;

export const orgFilterSchema = z.object({
  q: z.string().trim().max(100, { error: '搜索内容不能超过 100 个字符' }).default(''),
  kind: z.enum(ORG_KINDS).nullable().default(null),
  status: z.enum(['active', 'voided', 'all']).default('active'),
  sort: z.enum(ORG_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type OrgFilter = z.input<typeof orgFilterSchema>;

export const orgChannels = {
  'org:list': channel({
    input: orgFilterSchema.extend(listPage.shape),
    output: z.object({ rows: z.array(orgSchema), total: z.number().int() }),
    permission: 'registers.read',
    audit: null,
  }),
  'org:get': channel({
    input: z.object({ id: z.number().int().positive() }),
    output: orgSchema,
    permission: 'registers.read',
    audit: null,
  }),
  'org:create': channel({
    input: orgFieldsSchema,
    output: orgSchema,
    permission: 'registers.write',
    audit: 'org.create',
  }),
  'org:update': channel({
    input: orgFieldsSchema.extend({
      id: z.number().int().positive(),
      rev: z.number().int().nonnegative(),
    }),
    output: orgSchema,
    permission: 'registers.write',
    audit: 'org.update',
  }),
  'org:void': channel({
    input: voidInput,
    output: orgSchema,
    permission: 'registers.write',
    audit: 'org.void',
  }),
};
