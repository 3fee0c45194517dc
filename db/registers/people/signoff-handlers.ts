import type { signOffChannels } from '../../../common/api/signoff';
import { tx, type Handlers } from '../../router/handlers';
import { localDate } from '../contracts/repo';
import { createSignOff, describeSignOff, listSignOffs, renewalsDue, updateSignOff, voidSignOff } from './signoffs';

const TARGET = 'signoff';

const scope = (s: { contractProjectName: string | null }) => (s.contractProjectName ? `，适用于合同“${s.contractProjectName}”` : '');

export const signOffHandlers: Handlers<typeof signOffChannels> = {
  'signoff:list': tx((ctx, { personId, includeVoided }) => listSignOffs(ctx.db, personId, includeVoided)),
  'signoff:create': tx((ctx, { personId, ...fields }) => {
    const s = createSignOff(ctx.db, personId, fields, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: TARGET, targetId: s.uuid, summary: `登记保密承诺：${describeSignOff(s)}${scope(s)}`, after: s });
    return s;
  }),
  'signoff:update': tx((ctx, { id, rev, ...fields }) => {
    const { before, after } = updateSignOff(ctx.db, id, rev, fields, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `修改保密承诺：${describeSignOff(after)}${scope(after)}`, before, after });
    return after;
  }),
  'signoff:void': tx((ctx, { id, rev, reason }) => {
    const { before, after } = voidSignOff(ctx.db, id, rev, reason, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `作废保密承诺：${describeSignOff(after)}，原因：${reason}`, before, after });
    return after;
  }),
  'signoff:renewals': tx((ctx) => renewalsDue(ctx.db, localDate(ctx.now()))),
};
