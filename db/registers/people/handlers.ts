import { REVEAL_FIELD_LABELS, type personChannels } from '../../../common/api/person';
import { tx, type HandlerContext, type Handlers } from '../../router/handlers';
import { localDate } from '../contracts/repo';
import { accessCheck } from './access';
import { cancelDeparture, completeDeparture, departureChecklist, listDepartures, reinstatePerson, startDeparture } from './departure';
import { createPerson, describePerson, getPerson, listPeople, revealPerson, updatePerson, voidPerson } from './repo';

const TARGET = 'person';

const actorOf = (ctx: HandlerContext) => ({ id: ctx.session.accountId, name: ctx.session.displayName });

export const personHandlers: Handlers<typeof personChannels> = {
  'person:list': tx((ctx, input) => listPeople(ctx.db, input, localDate(ctx.now()), input)),
  'person:get': tx((ctx, input) => getPerson(ctx.db, input.id, localDate(ctx.now()))),
  'person:create': tx((ctx, input) => {
    const now = ctx.now();
    const p = createPerson(ctx.db, input, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: p.uuid, summary: `登记人员 ${describePerson(p)}`, after: p });
    return p;
  }),
  'person:update': tx((ctx, { id, rev, ...fields }) => {
    const now = ctx.now();
    const { before, after } = updatePerson(ctx.db, id, rev, fields, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `修改人员 ${describePerson(after)}`, before, after });
    return after;
  }),
  'person:void': tx((ctx, { id, rev, reason }) => {
    const now = ctx.now();
    const { before, after } = voidPerson(ctx.db, id, rev, reason, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `作废人员 ${describePerson(after)}，原因：${reason}`, before, after });
    return after;
  }),
  // The value itself never enters the audit trail: the record says whose and which.
  'person:reveal': tx((ctx, { id, field }) => {
    const p = revealPerson(ctx.db, id, field);
    ctx.audit({ targetType: TARGET, targetId: p.uuid, summary: `查看 ${p.name} 的${REVEAL_FIELD_LABELS[field]}` });
    return { field, value: p.value };
  }),
  'person:mayAccess': tx((ctx, { personId, contractId }) => accessCheck(ctx.db, personId, contractId, localDate(ctx.now()))),
  'person:startDeparture': tx((ctx, { id, rev, kind, date }) => {
    const now = ctx.now();
    const { before, after, checklist } = startDeparture(ctx.db, id, rev, kind, date, actorOf(ctx), now.toISOString(), localDate(now));
    const open = checklist.open > 0 ? `，清单待办 ${checklist.open} 项` : '，清单无待办事项';
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `开始办理 ${describePerson(after)} 的${kind}（${date}）${open}`, before, after });
    return { person: after, checklist };
  }),
  'person:departureChecklist': tx((ctx, { id }) => departureChecklist(ctx.db, id, localDate(ctx.now()))),
  'person:completeDeparture': tx((ctx, { id, rev, exception }) => {
    const now = ctx.now();
    const done = completeDeparture(ctx.db, id, rev, exception, actorOf(ctx), now.toISOString(), localDate(now));
    const who = `${describePerson(done.after)} 的${done.kind}（${done.date}）`;
    const summary = done.exceptionItems
      ? `例外办结 ${who}，原因：${exception ?? ''}；未办结事项：${done.exceptionItems.map((i) => i.label).join('、')}`
      : `办结 ${who}，清单各项均已完成`;
    ctx.audit({ targetType: TARGET, targetId: done.after.uuid, summary, before: done.before, after: done.after });
    return done.after;
  }),
  'person:cancelDeparture': tx((ctx, { id, rev, reason }) => {
    const now = ctx.now();
    const done = cancelDeparture(ctx.db, id, rev, reason, actorOf(ctx), now.toISOString(), localDate(now));
    ctx.audit({
      targetType: TARGET,
      targetId: done.after.uuid,
      summary: `撤销 ${describePerson(done.after)} 的${done.kind}办理（${done.date}），原因：${reason}`,
      before: done.before,
      after: done.after,
    });
    return done.after;
  }),
  'person:departures': tx((ctx, { id }) => listDepartures(ctx.db, id)),
  'person:reinstate': tx((ctx, { id, rev, enteredOn }) => {
    const now = ctx.now();
    const { before, after } = reinstatePerson(ctx.db, id, rev, enteredOn, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({
      targetType: TARGET,
      targetId: after.uuid,
      summary: `${describePerson(after)} 恢复在岗（此前${before.status}于 ${before.leftOn ?? ''}，入场日期 ${enteredOn}）`,
      before,
      after,
    });
    return after;
  }),
};
