import type { contractChannels } from '../../../common/api/contract';
import { tx, type Handlers } from '../../router/handlers';
import { createContract, getContract, readContacts, listContracts, localDate, terminateContract, updateContract, voidContract } from './repo';

const TARGET = 'contract';

export const contractHandlers: Handlers<typeof contractChannels> = {
  'contract:list': tx((ctx, input) => listContracts(ctx.db, input, localDate(ctx.now()), input)),
  'contract:get': tx((ctx, input) => getContract(ctx.db, input.id, localDate(ctx.now()))),
  'contract:history': tx((ctx, input) => {
    const c = getContract(ctx.db, input.id, localDate(ctx.now()));
    return ctx.db
      .prepare(
        `SELECT seq, at, actor_name AS actorName, action, summary FROM audit_log
         WHERE target_type = ? AND target_id = ? AND result = 'ok' ORDER BY seq DESC LIMIT 200`,
      )
      .all(TARGET, c.uuid) as { seq: number; at: string; actorName: string; action: string; summary: string }[];
  }),
  'contract:contacts': tx((ctx, { id }) => {
    const c = getContract(ctx.db, id, localDate(ctx.now()));
    const contacts = readContacts(ctx.db, id);
    ctx.audit({
      targetType: TARGET,
      targetId: c.uuid,
      summary: `查看合同“${c.projectName}”（${c.mainNumber}）联系人的完整电话（${contacts.map((p) => p.name).join('、') || '无联系人'}）`,
    });
    return contacts;
  }),
  'contract:create': tx((ctx, input) => {
    const now = ctx.now();
    const c = createContract(ctx.db, input, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: c.uuid, summary: `登记合同“${c.projectName}”（${c.mainNumber}）`, after: c });
    return c;
  }),
  'contract:update': tx((ctx, { id, rev, ...fields }) => {
    const now = ctx.now();
    const { before, after } = updateContract(ctx.db, id, rev, fields, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `修改合同“${after.projectName}”（${after.mainNumber}）`, before, after });
    return after;
  }),
  'contract:void': tx((ctx, { id, rev, reason }) => {
    const now = ctx.now();
    const { before, after } = voidContract(ctx.db, id, rev, reason, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({
      targetType: TARGET,
      targetId: after.uuid,
      summary: `作废合同“${after.projectName}”（${after.mainNumber}），原因：${reason}`,
      before,
      after,
    });
    return after;
  }),
  'contract:terminate': tx((ctx, { id, rev, terminatedOn, reason }) => {
    const now = ctx.now();
    const { before, after } = terminateContract(
      ctx.db, id, rev, terminatedOn, reason, ctx.session.accountId, now.toISOString(), localDate(now),
    );
    ctx.audit({
      targetType: TARGET,
      targetId: after.uuid,
      summary: `登记合同“${after.projectName}”（${after.mainNumber}）于 ${terminatedOn} 终止，原因：${reason}`,
      before,
      after,
    });
    return after;
  }),
};
