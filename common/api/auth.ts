import { z } from 'zod';
import { backupRecoveryChannels } from './backup';
import { channel } from './channel';
import { ADMIN_MODES, ROLES } from '../security/roles';

/** What the login gate is showing: first-run setup, login, an open session or a locked one. */
export const authStatusSchema = z.object({
  phase: z.enum(['setup', 'login', 'open', 'locked']),
  unitName: z.string(),
  user: z
    .object({
      accountId: z.string(),
      username: z.string(),
      displayName: z.string(),
      roles: z.array(z.enum(ROLES)),
      mustChangePassword: z.boolean(),
      passwordExpiresAt: z.string().nullable(),
    })
    .nullable(),
  idleLockMinutes: z.number().int(),
  /** The password rules in force, for the hints beside new-password fields. */
  passwordRules: z.object({ minLength: z.number().int(), minClasses: z.number().int() }),
  /** Set when the start-up check of the audit trail failed. */
  auditAlert: z.string().nullable(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

const username = z
  .string()
  .trim()
  .min(2, { error: '账户名至少 2 个字符' })
  .max(32, { error: '账户名不能超过 32 个字符' })
  .regex(/^[A-Za-z0-9._-]+$/, { error: '账户名只能由字母、数字和 . _ - 组成' });
const displayName = z.string().trim().min(1, { error: '请填写姓名' }).max(30, { error: '姓名不能超过 30 个字符' });
const password = z.string().min(1, { error: '请输入密码' }).max(128, { error: '密码不能超过 128 个字符' });

export const adminAccountSchema = z.object({ username, displayName, password });

export const setupSchema = z.object({
  unitName: z.string().trim().min(2, { error: '请填写单位名称（印在每份台账上）' }).max(100, { error: '单位名称不能超过 100 个字符' }),
  marking: z.string().trim().min(1, { error: '请填写默认密级标识，如“内部”' }).max(20, { error: '标识不能超过 20 个字符' }).default('内部'),
  mode: z.enum(ADMIN_MODES),
  /** separated: sysadmin, secadmin, auditor; combined: admin (sysadmin+secadmin), auditor. */
  accounts: z.array(adminAccountSchema).min(2).max(3),
});
export type SetupInput = z.input<typeof setupSchema>;

export const authChannels = {
  'auth:status': channel({ input: z.object({}).default({}), output: authStatusSchema, permission: 'public', audit: null }),
  'auth:setup': channel({
    input: setupSchema,
    output: z.object({ recoveryCode: z.string() }),
    permission: 'public',
    audit: 'auth.setup',
  }),
  'auth:login': channel({ input: z.object({ username: z.string().trim().max(64), password }), output: authStatusSchema, permission: 'public', audit: 'auth.login' }),
  'auth:recover': channel({
    input: z.object({ recoveryCode: z.string().trim().max(64), username: z.string().trim().max(64), newPassword: password }),
    output: authStatusSchema,
    permission: 'public',
    audit: 'auth.recover',
  }),
  'auth:logout': channel({ input: z.object({}).default({}), output: authStatusSchema, permission: 'public', audit: 'auth.logout' }),
  'auth:lock': channel({ input: z.object({}).default({}), output: authStatusSchema, permission: 'public', audit: 'auth.lock' }),
  'auth:unlock': channel({ input: z.object({ password }), output: authStatusSchema, permission: 'public', audit: 'auth.unlock' }),
  'auth:changePassword': channel({
    input: z.object({ currentPassword: password, newPassword: password }),
    output: authStatusSchema,
    permission: 'public',
    audit: 'auth.passwordChange',
  }),
  ...backupRecoveryChannels,
};
