import type { trainingChannels } from '../../../common/api/training';
import { tx, type Handlers } from '../../router/handlers';
import { localDate } from '../contracts/repo';
import { createTraining, describeTraining, getTraining, listTrainings, updateTraining, voidTraining } from './trainings';

const TARGET = 'training';

export const trainingHandlers: Handlers<typeof trainingChannels> = {
  'training:list': tx((ctx, input) => listTrainings(ctx.db, input, input)),
  'training:get': tx((ctx, { id }) => getTraining(ctx.db, id)),
  'training:create': tx((ctx, input) => {
    const now = ctx.now();
    const t = createTraining(ctx.db, input, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({
      targetType: TARGET,
      targetId: t.uuid,
      summary: `登记${describeTraining(t)}，${t.hours} 学时，参加 ${t.attendees.length} 人`,
      after: t,
    });
    return t;
  }),
  'training:update': tx((ctx, { id, rev, ...fields }) => {
    const now = ctx.now();
    const { before, after } = updateTraining(ctx.db, id, rev, fields, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `修改${describeTraining(after)}，参加 ${after.attendees.length} 人`, before, after });
    return after;
  }),
  'training:void': tx((ctx, { id, rev, reason }) => {
    const { before, after } = voidTraining(ctx.db, id, rev, reason, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `作废${describeTraining(after)}，原因：${reason}`, before, after });
    return after;
  }),
};
