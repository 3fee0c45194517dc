import type { obligationChannels } from '../../../common/api/obligation';
import { tx, type Handlers } from '../../router/handlers';
import {
  completeObligation,
  createObligation,
  describeObligation,
  listObligations,
  overdueObligations,
  updateObligation,
  voidCompletion,
  voidObligation,
} from './obligations';
import { localDate } from './repo';

const TARGET = 'obligation';

export const obligationHandlers: Handlers<typeof obligationChannels> = {
  'obligation:list': tx((ctx, { contractId, includeVoided }) => listObligations(ctx.db, contractId, includeVoided, localDate(ctx.now()))),
  'obligation:overdue': tx((ctx) => overdueObligations(ctx.db, localDate(ctx.now()))),
  'obligation:create': tx((ctx, { contractId, ...fields }) => {
    const now = ctx.now();
    const o = createObligation(ctx.db, contractId, fields, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: o.uuid, summary: `登记履行义务${describeObligation(ctx.db, o)}，${o.scheduleText}`, after: o });
    return o;
  }),
  'obligation:update': tx((ctx, { id, rev, ...fields }) => {
    const now = ctx.now();
    const { before, after } = updateObligation(ctx.db, id, rev, fields, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `修改履行义务${describeObligation(ctx.db, after)}`, before, after });
    return after;
  }),
  'obligation:void': tx((ctx, { id, rev, reason }) => {
    const now = ctx.now();
    const { before, after } = voidObligation(ctx.db, id, rev, reason, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `作废履行义务${describeObligation(ctx.db, after)}，原因：${reason}`, before, after });
    return after;
  }),
  'obligation:complete': tx((ctx, { obligationId, doneOn, description }) => {
    const now = ctx.now();
    const actor = { id: ctx.session.accountId, name: ctx.session.displayName };
    const result = completeObligation(ctx.db, obligationId, doneOn, description, actor, now.toISOString(), localDate(now));
    ctx.audit({
      targetType: TARGET,
      targetId: result.obligation.uuid,
      summary: `登记履行义务${describeObligation(ctx.db, result.obligation)}于 ${doneOn} 完成：${description}`,
      after: result.completion,
    });
    return result;
  }),
  'obligation:voidCompletion': tx((ctx, { id, reason }) => {
    const now = ctx.now();
    const { before, obligation } = voidCompletion(ctx.db, id, reason, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({
      targetType: TARGET,
      targetId: obligation.uuid,
      summary: `作废履行义务${describeObligation(ctx.db, obligation)} ${before.doneOn} 的完成记录，原因：${reason}`,
      before,
    });
    return obligation;
  }),
};
