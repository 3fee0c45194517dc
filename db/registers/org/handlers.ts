import type { orgChannels } from '../../../common/api/org';
import { tx, type Handlers } from '../../router/handlers';
import { createOrg, getOrg, listOrgs, updateOrg, voidOrg } from './repo';

export const orgHandlers: Handlers<typeof orgChannels> = {
  'org:list': tx((ctx, input) => listOrgs(ctx.db, input, input)),
  'org:get': tx((ctx, input) => getOrg(ctx.db, input.id)),
  'org:create': tx((ctx, input) => {
    const org = createOrg(ctx.db, input, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: 'organisation', targetId: org.uuid, summary: `登记单位“${org.name}”`, after: org });
    return org;
  }),
  'org:update': tx((ctx, { id, rev, ...fields }) => {
    const { before, after } = updateOrg(ctx.db, id, rev, fields, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: 'organisation', targetId: after.uuid, summary: `修改单位“${after.name}”`, before, after });
    return after;
  }),
  'org:void': tx((ctx, { id, rev, reason }) => {
    const { before, after } = voidOrg(ctx.db, id, rev, reason, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({
      targetType: 'organisation',
      targetId: after.uuid,
      summary: `作废单位“${after.name}”，原因：${reason}`,
      before,
      after,
    });
    return after;
  }),
};
