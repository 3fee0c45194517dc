import { z } from 'zod';
import { channel } from './channel';
import { POLICY_BOUNDS, type SecurityPolicy } from '../security/policy';
import { ADMIN_MODES, ROLES } from '../security/roles';

export const accountSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  roles: z.array(z.enum(ROLES)),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  rev: z.number().int(),
});
export type AccountView = z.infer<typeof accountSchema>;

export const newAccountSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2, { error: '账户名至少 2 个字符' })
    .max(32, { error: '账户名不能超过 32 个字符' })
    .regex(/^[A-Za-z0-9._-]+$/, { error: '账户名只能由字母、数字和 . _ - 组成' }),
  displayName: z.string().trim().min(1, { error: '请填写姓名' }).max(30, { error: '姓名不能超过 30 个字符' }),
});

const ref = z.object({ id: z.number().int().positive(), rev: z.number().int().nonnegative() });

const policyShape = Object.fromEntries(
  (Object.keys(POLICY_BOUNDS) as (keyof SecurityPolicy)[]).map((k) => {
    const [min, max] = POLICY_BOUNDS[k];
    return [k, z.number().int().min(min, { error: `不能小于 ${min}` }).max(max, { error: `不能大于 ${max}` })];
  }),
) as { [K in keyof SecurityPolicy]: z.ZodNumber };
export const policySchema = z.object(policyShape);

export const accountChannels = {
  'account:list': channel({
    input: z.object({}).default({}),
    output: z.object({ accounts: z.array(accountSchema), mode: z.enum(ADMIN_MODES) }),
    permission: 'accounts.read',
    audit: null,
  }),
  'account:create': channel({
    input: newAccountSchema,
    output: z.object({ account: accountSchema, oneTimePassword: z.string() }),
    permission: 'accounts.manage',
    audit: 'account.create',
  }),
  'account:resetPassword': channel({
    input: ref,
    output: z.object({ account: accountSchema, oneTimePassword: z.string() }),
    permission: 'accounts.manage',
    audit: 'account.resetPassword',
  }),
  'account:disable': channel({ input: ref, output: accountSchema, permission: 'accounts.manage', audit: 'account.disable' }),
  'account:enable': channel({ input: ref, output: accountSchema, permission: 'accounts.manage', audit: 'account.enable' }),
  'account:setRoles': channel({
    input: ref.extend({ roles: z.array(z.enum(ROLES)).max(5) }),
    output: accountSchema,
    permission: 'roles.assign',
    audit: 'account.setRoles',
  }),
  'account:unlock': channel({ input: ref, output: accountSchema, permission: 'roles.assign', audit: 'account.unlock' }),
  'policy:get': channel({ input: z.object({}).default({}), output: policySchema, permission: 'authenticated', audit: null }),
  'policy:update': channel({ input: policySchema, output: policySchema, permission: 'policy.manage', audit: 'policy.update' }),
};
