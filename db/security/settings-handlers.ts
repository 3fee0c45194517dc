import type { settingsChannels } from '../../common/api/settings';
import { DomainError } from '../../common/api/result';
import { getSetting, setSetting } from '../core/settings';
import { preparedTx, tx, type Handlers } from '../router/handlers';

export const settingsHandlers: Handlers<typeof settingsChannels> = {
  'settings:get': tx((ctx) => ({ unitName: getSetting(ctx.db, 'unit.name'), marking: getSetting(ctx.db, 'print.marking') })),
  'settings:update': tx((ctx, input) => {
    const before = { unitName: getSetting(ctx.db, 'unit.name'), marking: getSetting(ctx.db, 'print.marking') };
    setSetting(ctx.db, 'unit.name', input.unitName);
    setSetting(ctx.db, 'print.marking', input.marking);
    ctx.audit({ targetType: 'settings', targetId: 'system', summary: `修改系统设置：填报单位“${input.unitName}”，密级标识“${input.marking}”`, before, after: input });
    ctx.afterCommit(() => ctx.security?.storeUnitName(input.unitName));
    return input;
  }),
  'recovery:regenerate': preparedTx(
    async (ctx) => {
      if (!ctx.security) throw new DomainError('RULE', '恢复码只能在登录后重新生成');
      return ctx.security.regenerateRecovery();
    },
    (ctx, _input, prepared) => {
      ctx.audit({ targetType: 'recovery', summary: '重新生成恢复码，旧恢复码作废' });
      ctx.afterCommit(() => ctx.security!.storeSlot(prepared.slot));
      return { recoveryCode: prepared.code };
    },
  ),
};
