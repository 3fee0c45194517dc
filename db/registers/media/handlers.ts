import type { MediumDetail, mediaChannels } from '../../../common/api/media';
import { immediateTx, tx, type HandlerContext, type Handlers } from '../../router/handlers';
import { localDate } from '../contracts/repo';
import { localInstant, recordEvent } from './chain';
import { readMediaSettings, writeMediaSettings } from './numbering';
import { overdueItems } from './overdue';
import { createMedium, describeRow, getMedium, listMedia, requireCurrentMedium, updateMedium, voidMedium } from './repo';

const TARGET = 'medium';

const actorOf = (ctx: HandlerContext) => ({ id: ctx.session.accountId, name: ctx.session.displayName });
const clock = (ctx: HandlerContext) => {
  const now = ctx.now();
  return { now, at: now.toISOString(), today: localDate(now) };
};
/** The record without its chain, for the audit trail (each event has its own record). */
const recordOf = ({ timeline: _timeline, openItems: _openItems, responsibles: _responsibles, ...medium }: MediumDetail) => medium;

// Writes take the write lock up front: numbers are allocated and chains appended from one counter
// and one chain, whichever connection writes.
export const mediaHandlers: Handlers<typeof mediaChannels> = {
  'media:list': tx((ctx, input) => listMedia(ctx.db, input, localDate(ctx.now()), input)),
  'media:get': tx((ctx, { id }) => {
    const { at, today } = clock(ctx);
    return getMedium(ctx.db, id, at, today);
  }),
  'media:create': immediateTx((ctx, { registeredAt, ...fields }) => {
    const { now, at, today } = clock(ctx);
    const { id, warning } = createMedium(ctx.db, fields, registeredAt ?? localInstant(now), actorOf(ctx), now, today);
    const medium = getMedium(ctx.db, id, at, today);
    ctx.audit({
      targetType: TARGET,
      targetId: medium.uuid,
      summary: `登记${describeRow(medium)}，密级 ${medium.classification}，责任人 ${medium.responsibleName}`,
      after: recordOf(medium),
    });
    return { medium, warning };
  }),
  'media:update': immediateTx((ctx, { id, rev, ...fields }) => {
    const { at, today } = clock(ctx);
    const before = getMedium(ctx.db, id, at, today);
    const { warning } = updateMedium(ctx.db, id, rev, fields, actorOf(ctx), at, today);
    const medium = getMedium(ctx.db, id, at, today);
    const renumbered = before.number !== medium.number ? `（原编号 ${before.number}）` : '';
    ctx.audit({ targetType: TARGET, targetId: medium.uuid, summary: `修改${describeRow(medium)}${renumbered}`, before: recordOf(before), after: recordOf(medium) });
    return { medium, warning };
  }),
  'media:void': immediateTx((ctx, { id, rev, reason }) => {
    const { at, today } = clock(ctx);
    const before = getMedium(ctx.db, id, at, today);
    voidMedium(ctx.db, id, rev, reason, actorOf(ctx), at, today);
    const medium = getMedium(ctx.db, id, at, today);
    ctx.audit({
      targetType: TARGET,
      targetId: medium.uuid,
      summary: `作废${describeRow(medium)}，原因：${reason}；保密编号 ${medium.number} 不再使用`,
      before: recordOf(before),
      after: recordOf(medium),
    });
    return medium;
  }),
  'media:event': immediateTx((ctx, input) => {
    const { now, at, today } = clock(ctx);
    const row = requireCurrentMedium(ctx.db, input.id, input.rev, today, `登记${input.type}`);
    const { event, summary, warning } = recordEvent(ctx.db, row, input, actorOf(ctx), now, today);
    const medium = getMedium(ctx.db, input.id, at, today);
    ctx.audit({
      targetType: TARGET,
      targetId: medium.uuid,
      summary: `${describeRow(medium)}第 ${event.seq} 条记录 ${event.type}：${summary}`,
      before: { status: row.status, holderName: row.holder_name, dueBack: row.due_back },
      after: { event, status: medium.status, holderName: medium.holderName, dueBack: medium.dueBack },
    });
    return { medium, warning };
  }),
  'media:overdue': tx((ctx) => {
    const { at, today } = clock(ctx);
    return overdueItems(ctx.db, at, today);
  }),
  'media:settings': tx((ctx) => readMediaSettings(ctx.db, ctx.now().getFullYear())),
  'media:updateSettings': tx((ctx, input) => {
    const { before, after } = writeMediaSettings(ctx.db, input, ctx.now().getFullYear());
    ctx.audit({
      targetType: 'settings',
      targetId: 'media',
      summary: `修改介质设置：编号规则 ${after.numberPattern}，密级 ${after.classifications.join('、')}`,
      before,
      after,
    });
    return after;
  }),
};
