import { z } from 'zod';
import { channel } from './channel';

export const systemSettingsSchema = z.object({
  unitName: z.string().trim().min(2, { error: '请填写填报单位名称' }).max(100, { error: '单位名称不能超过 100 个字符' }),
  marking: z.string().trim().min(1, { error: '请填写默认密级标识，如“内部”' }).max(20, { error: '标识不能超过 20 个字符' }),
});
export type SystemSettings = z.infer<typeof systemSettingsSchema>;

const storedSettings = z.object({ unitName: z.string(), marking: z.string() });

export const settingsChannels = {
  'settings:get': channel({ input: z.object({}).default({}), output: storedSettings, permission: 'settings.manage', audit: null }),
  'settings:update': channel({ input: systemSettingsSchema, output: storedSettings, permission: 'settings.manage', audit: 'settings.update' }),
  'recovery:regenerate': channel({
    input: z.object({ confirm: z.literal(true, { error: '请确认旧恢复码将作废' }) }),
    output: z.object({ recoveryCode: z.string() }),
    permission: 'settings.manage',
    audit: 'recovery.regenerate',
  }),
};
