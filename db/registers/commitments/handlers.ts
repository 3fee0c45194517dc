import type { commitmentChannels } from '../../../common/api/commitment';
import { tx, type Handlers } from '../../router/handlers';
import { getTemplate, listTemplates, saveTemplate } from './templates';

const TARGET = 'commitment_template';

export const commitmentHandlers: Handlers<typeof commitmentChannels> = {
  'commitment:list': tx((ctx) => listTemplates(ctx.db)),
  'commitment:get': tx((ctx, { kind, version }) => getTemplate(ctx.db, kind, version)),
  'commitment:save': tx((ctx, { kind, baseVersion, ...fields }) => {
    const actor = { id: ctx.session.accountId, name: ctx.session.displayName };
    const { before, after } = saveTemplate(ctx.db, kind, baseVersion, fields, actor, ctx.now().toISOString());
    const note = after.note ? `，修改说明：${after.note}` : '';
    ctx.audit({
      targetType: TARGET,
      targetId: after.uuid,
      summary: `保存承诺书模板“${kind}”第 ${after.version} 版（此前为第 ${before.version} 版）${note}`,
      before,
      after,
    });
    return after;
  }),
};
