import type { assignmentChannels } from '../../../common/api/assignment';
import { tx, type Handlers } from '../../router/handlers';
import { localDate } from '../contracts/repo';
import {
  createAssignment,
  describeAssignment,
  listAssignmentsOfPerson,
  listPeopleOfContract,
  updateAssignment,
  voidAssignment,
} from './assignments';

const TARGET = 'assignment';

const period = (a: { from: string | null; to: string | null }) => (a.from || a.to ? `，${a.from ?? ''}至${a.to ?? ''}` : '');

export const assignmentHandlers: Handlers<typeof assignmentChannels> = {
  'assignment:create': tx((ctx, { personId, contractId, ...fields }) => {
    const now = ctx.now();
    const a = createAssignment(ctx.db, personId, contractId, fields, ctx.session.accountId, now.toISOString(), localDate(now));
    ctx.audit({ targetType: TARGET, targetId: a.uuid, summary: `登记人员分派：${describeAssignment(a)}${period(a)}`, after: a });
    return a;
  }),
  'assignment:update': tx((ctx, { id, rev, ...fields }) => {
    const { before, after } = updateAssignment(ctx.db, id, rev, fields, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `修改人员分派：${describeAssignment(after)}${period(after)}`, before, after });
    return after;
  }),
  'assignment:void': tx((ctx, { id, rev, reason }) => {
    const { before, after } = voidAssignment(ctx.db, id, rev, reason, ctx.session.accountId, ctx.now().toISOString());
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `作废人员分派：${describeAssignment(after)}，原因：${reason}`, before, after });
    return after;
  }),
  'assignment:listByPerson': tx((ctx, { personId, includeVoided }) => listAssignmentsOfPerson(ctx.db, personId, includeVoided)),
  'assignment:listByContract': tx((ctx, { contractId, includeVoided }) =>
    listPeopleOfContract(ctx.db, contractId, includeVoided, localDate(ctx.now())),
  ),
};
