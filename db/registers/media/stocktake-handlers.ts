import type { stocktakeChannels } from '../../../common/api/stocktake';
import { immediateTx, tx, type HandlerContext, type Handlers } from '../../router/handlers';
import { localDate } from '../contracts/repo';
import {
  closeStocktake,
  describeSession,
  getStocktake,
  listStocktakes,
  markItem,
  scanCode,
  startStocktake,
  stocktakeOptions,
  undoMark,
  type MarkOutcome,
} from './stocktake';

const TARGET = 'stocktake';

const actorOf = (ctx: HandlerContext) => ({ id: ctx.session.accountId, name: ctx.session.displayName });
const clock = (ctx: HandlerContext) => {
  const now = ctx.now();
  return { now, today: localDate(now) };
};

/** One record per change of a mark; a scan that changed nothing leaves none. */
function auditMark(ctx: HandlerContext, outcome: MarkOutcome): void {
  if (outcome.summary === null) {
    ctx.skipAudit();
    return;
  }
  ctx.audit({ targetType: TARGET, targetId: outcome.session.uuid, summary: outcome.summary, before: outcome.before ?? undefined, after: outcome.after ?? undefined });
}

// Writes take the write lock up front: the close appends to the media's chains, and a mark must
// not race a close.
export const stocktakeHandlers: Handlers<typeof stocktakeChannels> = {
  'stocktake:list': tx((ctx, { state, page, pageSize }) => listStocktakes(ctx.db, { state }, { page, pageSize })),
  'stocktake:get': tx((ctx, { id }) => getStocktake(ctx.db, id)),
  'stocktake:options': tx((ctx) => stocktakeOptions(ctx.db)),
  'stocktake:start': immediateTx((ctx, { title, scope }) => {
    const { now, today } = clock(ctx);
    const id = startStocktake(ctx.db, title, scope, actorOf(ctx), now, today);
    const session = getStocktake(ctx.db, id);
    ctx.audit({
      targetType: TARGET,
      targetId: session.uuid,
      summary: `开始${describeSession(session)}，范围：${session.scopeText}，应查 ${session.counts.expected} 件`,
      after: { number: session.number, title: session.title, scope: session.scope, expected: session.items.map((i) => i.number) },
    });
    return session;
  }),
  'stocktake:scan': immediateTx((ctx, { id, code, result, note }) => {
    const { now, today } = clock(ctx);
    const outcome = scanCode(ctx.db, id, code, result, note, actorOf(ctx), now, today);
    auditMark(ctx, outcome);
    return { feedback: outcome.feedback, session: getStocktake(ctx.db, id) };
  }),
  'stocktake:mark': immediateTx((ctx, { id, itemId, result, note }) => {
    const { now, today } = clock(ctx);
    auditMark(ctx, markItem(ctx.db, id, itemId, result, note, actorOf(ctx), now, today));
    return getStocktake(ctx.db, id);
  }),
  'stocktake:unmark': immediateTx((ctx, { id, itemId, findingId }) => {
    const { session, summary, before } = undoMark(ctx.db, id, itemId, findingId);
    ctx.audit({ targetType: TARGET, targetId: session.uuid, summary, before });
    return getStocktake(ctx.db, id);
  }),
  'stocktake:close': immediateTx((ctx, input) => {
    const { now, today } = clock(ctx);
    const { session, events, skipped, autoMissing } = closeStocktake(ctx.db, input, actorOf(ctx), now, today);
    const closed = getStocktake(ctx.db, input.id);
    const c = closed.counts;
    const auto = autoMissing > 0 ? `（其中 ${autoMissing} 件结束时未标记，按缺失处理）` : '';
    ctx.audit({
      targetType: TARGET,
      targetId: session.uuid,
      summary:
        `结束${describeSession(session)}：应有 ${c.expected} 件，实有 ${c.found} 件；在位 ${c.present}，缺失 ${c.missing}${auto}，` +
        `状态不符 ${c.differs}，账外 ${c.extras}；登记清查结果 ${events.length} 条；清查人 ${input.checker}，监督人 ${input.supervisor}；结论：${input.conclusion}`,
      after: { conclusion: input.conclusion, checker: input.checker, supervisor: input.supervisor, counts: c, events, skipped },
    });
    return closed;
  }),
};
