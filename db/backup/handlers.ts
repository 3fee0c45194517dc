import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { backupChannels } from '../../common/api/backup';
import { DomainError } from '../../common/api/result';
import { getSetting, setSetting } from '../core/settings';
import { effect, tx, type HandlerContext, type Handlers } from '../router/handlers';
import { isBackupFileName, listBackups } from './folder';
import type { Actor, BackupService } from './service';

function service(ctx: HandlerContext): BackupService {
  const backups = ctx.security?.backups();
  if (!backups) throw new DomainError('RULE', '备份与恢复只能在登录后由系统管理员进行');
  return backups;
}

const actorOf = (ctx: HandlerContext): Actor => ({ actorId: ctx.session.accountId, actorName: ctx.session.displayName, actorRoles: ctx.session.roles.join(',') });

const SCHEDULE_TEXT = { off: '不定时备份', daily: '每天', weekly: '每周' } as const;
const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];

export const backupHandlers: Handlers<typeof backupChannels> = {
  'backup:status': tx((ctx) => service(ctx).status(ctx)),
  'backup:getConfig': tx((ctx) => getSetting(ctx.db, 'backup.config')),
  'backup:setConfig': tx((ctx, input) => {
    const before = getSetting(ctx.db, 'backup.config');
    if (input.folder && !existsSync(input.folder)) throw new DomainError('RULE', `找不到文件夹 ${input.folder}：可移动介质是否已插入？`, 'folder');
    setSetting(ctx.db, 'backup.config', input);
    const when = input.schedule === 'off' ? SCHEDULE_TEXT.off : `${SCHEDULE_TEXT[input.schedule]}${input.schedule === 'weekly' ? `星期${WEEKDAYS[input.weekday]}` : ''} ${input.time}`;
    ctx.audit({
      targetType: 'settings',
      targetId: 'backup',
      summary: `修改备份设置：备份到 ${input.folder ?? '（未选择）'}，${when}，${input.onExit ? '退出时备份' : '退出时不备份'}，保留 ${input.keep} 份，超过 ${input.maxAgeDays} 天提醒`,
      before,
      after: input,
    });
    return input;
  }),
  'backup:chooseFolder': effect(async (ctx) => ({ folder: await ctx.shell.chooseFolder({ title: '选择备份文件夹（建议使用专用的可移动介质）' }) })),
  'backup:list': effect(async (ctx) => {
    const { folder } = getSetting(ctx.db, 'backup.config');
    if (!folder || !existsSync(folder)) return { folder, files: [] };
    return { folder, files: await listBackups(folder) };
  }),
  'backup:start': tx((ctx) => {
    const backups = service(ctx);
    const actor = actorOf(ctx);
    const jobId = ctx.jobs.start('backup.create', ctx.session.accountId, ctx.now(), (progress) => backups.run('manual', actor, progress));
    ctx.audit({ targetType: 'backup', summary: `开始备份到 ${getSetting(ctx.db, 'backup.config').folder ?? '（未选择文件夹）'}` });
    return { jobId };
  }),
  'backup:verifyStart': effect(async (ctx, input) => {
    const backups = service(ctx);
    let path: string | null;
    if (input.file) {
      const { folder } = getSetting(ctx.db, 'backup.config');
      if (!folder || basename(input.file) !== input.file || !isBackupFileName(input.file)) throw new DomainError('INVALID_INPUT', '只能核验备份文件夹中的备份文件', 'file');
      path = join(folder, input.file);
    } else {
      path = await ctx.shell.chooseOpenPath({ title: '选择要核验的备份文件', filters: [{ name: '保密台账备份', extensions: ['bmbak'] }] });
    }
    if (!path) {
      ctx.skipAudit();
      return { jobId: null };
    }
    const chosen = path;
    const actor = actorOf(ctx);
    const secrets = { username: input.username, password: input.password, recoveryCode: input.recoveryCode };
    const jobId = ctx.jobs.start('backup.verify', ctx.session.accountId, ctx.now(), async (progress) => (await backups.verify(chosen, secrets, actor, progress)).report);
    ctx.audit({ targetType: 'backup', targetId: basename(chosen), summary: `核验备份 ${chosen}${secrets.recoveryCode ? '（使用恢复码）' : secrets.password ? `（使用账户 ${secrets.username} 的密码）` : ''}` });
    return { jobId };
  }),
  // The restore ends the session and closes this database: it records itself, in both trails.
  'backup:restore': effect(async (ctx, input) => {
    const backups = service(ctx);
    ctx.skipAudit();
    return backups.restore(input.token, input.confirmCreatedAt, actorOf(ctx));
  }),
};
