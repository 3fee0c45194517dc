import { existsSync } from 'node:fs';
import { backupAge } from '../../backup/schedule';
import { getSetting } from '../../core/settings';
import { formatPrintedAt } from '../../reports/definition';
import type { Found, Rule } from '../rule';

/**
 * The last good backup is older than the age set with the backups (数据备份 settings, default 7
 * days), or there is none; or the backup folder is not chosen or cannot be found (removable media
 * not inserted). Shown to everyone who opens the home screen; the fix is the sysadmin's.
 */
const backupOverdue: Rule = {
  id: 'system.backup',
  register: 'system',
  severity: '警告',
  title: '数据备份过期或备份位置不可用',
  description: '最近一次成功备份早于数据备份设置中的期限，或者尚未备份；或者备份文件夹未设置、找不到（可移动介质未插入）。',
  find(ctx) {
    const config = getSetting(ctx.db, 'backup.config');
    const last = getSetting(ctx.db, 'backup.last');
    const found: Found[] = [];
    const target = { page: 'settings', id: null };
    if (!config.folder || !existsSync(config.folder)) {
      found.push({
        key: `folder:${config.folder ?? ''}`,
        subject: '数据备份',
        message: config.folder
          ? `找不到备份文件夹 ${config.folder}：存放备份的可移动介质是否已插入？请系统管理员插入介质，或在“系统设置 → 数据备份”中另选文件夹。`
          : '尚未设置备份文件夹，自动备份不会进行。请系统管理员在“系统设置 → 数据备份”中选择存放备份的文件夹（宜为可移动介质）。',
        due: null,
        target,
        severity: '严重',
      });
    }
    const age = backupAge(last?.at ?? null, config.maxAgeDays, ctx.now);
    if (age.stale) {
      found.push({
        key: `stale:${last?.at ?? 'never'}`,
        subject: '数据备份',
        message: last
          ? `最近一次成功备份是 ${formatPrintedAt(new Date(last.at))}（${age.ageDays} 天前），超过设置的 ${config.maxAgeDays} 天。请系统管理员立即备份。`
          : '还没有成功的数据备份。数据只保存在本机，一旦硬盘损坏将全部丢失：请系统管理员立即备份。',
        due: last ? new Date(new Date(last.at).getTime() + config.maxAgeDays * 86_400_000).toISOString().slice(0, 10) : null,
        target,
      });
    }
    return found;
  },
};

export const backupRules: readonly Rule[] = [backupOverdue];
