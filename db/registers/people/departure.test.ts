import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DepartureChecklist, Person } from '../../../common/api/person';
import { auditRows, valueOf, VIEWER } from '../../testing/fixtures';
import { registerDepartureProvider } from './departure';
import { errorOf, openPeopleWorld, type PeopleWorld } from './testing';

let w: PeopleWorld;
let person: Person;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
  person = await w.person({ name: '张三' });
  await w.signOff(person.id);
  person = valueOf<Person>(await w.call('person:get', { id: person.id }));
});
afterEach(() => w.core.cleanup());

const start = async (kind = '离岗', date = '2024-07-01') =>
  valueOf<{ person: Person; checklist: DepartureChecklist }>(await w.call('person:startDeparture', { id: person.id, rev: person.rev, kind, date }));
const current = async () => valueOf<Person>(await w.call('person:get', { id: person.id }));
const checklist = async () => valueOf<DepartureChecklist>(await w.call('person:departureChecklist', { id: person.id }));
const lastAudit = () => auditRows(w.core.db).at(-1)!;

describe('the departure workflow', () => {
  it('starting a departure leaves the person 在岗 but pending, with the sign-off checklist open, and refuses access', async () => {
    const started = await start();
    expect(started.person).toMatchObject({ status: '在岗', leftOn: null, departure: { kind: '离岗', date: '2024-07-01', startedByName: '王保密' }, rev: 1 });
    expect(started.checklist).toMatchObject({
      departure: { kind: '离岗', date: '2024-07-01' },
      open: 2,
      items: [
        { providerId: 'signoff', providerLabel: '保密承诺', key: 'departureSignOff', label: '签署离岗保密承诺书', done: false, detail: '离岗（2024-07-01）须签署离岗保密承诺书。' },
        { providerId: 'signoff', key: 'declassifyPeriod', label: '设定脱密期', done: false, detail: '签署离岗保密承诺书时约定脱密期起止日期。' },
      ],
    });
    expect(lastAudit()).toMatchObject({ action: 'person.startDeparture', target_id: person.uuid, summary: '开始办理 张三（北京金山云网络技术有限公司） 的离岗（2024-07-01），清单待办 2 项' });
    expect(valueOf(await w.call('person:mayAccess', { personId: person.id }))).toEqual({
      allowed: false,
      reason: '张三 正在办理离岗（2024-07-01），不能授予新的访问权限。如离岗已取消，请先撤销办理。',
    });
    expect(errorOf(await w.call('assignment:create', { personId: person.id, contractId: w.contract.id, role: '开发' }))).toMatchObject({
      code: 'RULE',
      field: 'personId',
      message: '人员 张三（北京金山云网络技术有限公司） 正在办理离岗（2024-07-01），不能再分派到合同',
    });
    expect(valueOf<{ rows: Person[] }>(await w.call('person:list', { departing: true })).rows.map((p) => p.name)).toEqual(['张三']);
    expect(errorOf(await w.call('person:startDeparture', { id: person.id, rev: 1, kind: '调岗', date: '2024-07-01' }))).toMatchObject({
      code: 'RULE',
      message: '张三（北京金山云网络技术有限公司） 已在办理离岗（2024-07-01），请在其离岗清单中继续办理',
    });
  });

  it('is blocked by the missing 离岗 commitment, naming the open items, and completes once it is signed with its 脱密期', async () => {
    const { person: pending } = await start();
    expect(errorOf(await w.call('person:completeDeparture', { id: person.id, rev: pending.rev }))).toEqual({
      code: 'RULE',
      message:
        '张三（北京金山云网络技术有限公司） 的离岗手续尚未办结，还有 2 项：签署离岗保密承诺书：离岗（2024-07-01）须签署离岗保密承诺书。设定脱密期：签署离岗保密承诺书时约定脱密期起止日期。请办结后再完成；确需例外办结的，请填写例外原因（至少 5 个字）。',
    });
    const exit = await w.signOff(person.id, { kind: '离岗保密承诺书', signedDate: '2024-06-28' });
    expect((await checklist()).items.map((i) => [i.key, i.done])).toEqual([
      ['departureSignOff', true],
      ['declassifyPeriod', false],
    ]);
    valueOf(
      await w.call('signoff:update', {
        id: exit.id,
        rev: exit.rev,
        kind: '离岗保密承诺书',
        signedDate: '2024-06-28',
        declassifyFrom: '2024-07-01',
        declassifyTo: '2025-06-30',
      }),
    );
    expect((await checklist()).open).toBe(0);

    w.at('2024-07-01');
    const done = valueOf<Person>(await w.call('person:completeDeparture', { id: person.id, rev: pending.rev, exception: '' }));
    expect(done).toMatchObject({ status: '离岗', leftOn: '2024-07-01', departure: null });
    expect(lastAudit()).toMatchObject({
      action: 'person.completeDeparture',
      summary: '办结 张三（北京金山云网络技术有限公司） 的离岗（2024-07-01），清单各项均已完成',
    });
    expect(w.core.db.prepare('SELECT state, exception_reason FROM person_departures').get()).toEqual({ state: 'completed', exception_reason: null });
    expect(valueOf(await w.call('person:mayAccess', { personId: person.id }))).toEqual({
      allowed: false,
      reason: '张三 已离岗（2024-07-01），不能授予访问权限。',
    });
    expect(errorOf(await w.call('person:departureChecklist', { id: person.id }))).toMatchObject({ code: 'RULE' });
    expect(valueOf<{ rows: Person[] }>(await w.call('person:list', { status: '离岗' })).rows.map((p) => p.name)).toEqual(['张三']);
  });

  it('completes with open items only by an exception with a reason of 5+ characters, audited with the open items', async () => {
    const { person: pending } = await start('调岗', '2024-06-15');
    expect(errorOf(await w.call('person:completeDeparture', { id: person.id, rev: pending.rev, exception: '本人拒签' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'exception',
      message: '请填写例外办结的原因（至少 5 个字），说明未办结事项为何可以例外处理',
    });
    const done = valueOf<Person>(
      await w.call('person:completeDeparture', { id: person.id, rev: pending.rev, exception: '本人已调往外地，承诺书寄送中' }),
    );
    expect(done).toMatchObject({ status: '调岗', leftOn: '2024-06-15' });
    expect(lastAudit()).toMatchObject({
      action: 'person.completeDeparture',
      summary: '例外办结 张三（北京金山云网络技术有限公司） 的调岗（2024-06-15），原因：本人已调往外地，承诺书寄送中；未办结事项：签署离岗保密承诺书、设定脱密期',
    });
    const row = w.core.db.prepare('SELECT exception_reason AS reason, open_items_json AS items FROM person_departures').get() as { reason: string; items: string };
    expect(row.reason).toBe('本人已调往外地，承诺书寄送中');
    expect((JSON.parse(row.items) as { key: string }[]).map((i) => i.key)).toEqual(['departureSignOff', 'declassifyPeriod']);
    expect(() => w.core.db.prepare("UPDATE person_departures SET exception_reason = 'x'").run()).toThrow(/never changes/);
    expect(() => w.core.db.prepare('DELETE FROM person_departures').run()).toThrow(/never deleted/);
  });

  it('takes items from every registered provider, and a provider removed again reports nothing', async () => {
    const unregister = registerDepartureProvider({
      id: 'plugged',
      label: '外接台账',
      items: () => [{ key: 'media:JZ-2025-0007', label: '归还介质 JZ-2025-0007', done: false, detail: '移动硬盘 JZ-2025-0007 尚未归还。' }],
    });
    try {
      expect(() => registerDepartureProvider({ id: 'plugged', label: '重复', items: () => [] })).toThrow(/already registered/);
      const exit = await w.signOff(person.id, { kind: '离岗保密承诺书', signedDate: '2024-06-01', declassifyFrom: '2024-07-01', declassifyTo: '2025-06-30' });
      expect(exit.kind).toBe('离岗保密承诺书');
      const { person: pending, checklist: list } = await start();
      expect(list.items.map((i) => [i.providerLabel, i.label, i.done])).toEqual([
        ['保密承诺', '签署离岗保密承诺书', true],
        ['保密承诺', '设定脱密期', true],
        ['外接台账', '归还介质 JZ-2025-0007', false],
      ]);
      expect(errorOf(await w.call('person:completeDeparture', { id: person.id, rev: pending.rev }))).toMatchObject({
        message: expect.stringContaining('还有 1 项：归还介质 JZ-2025-0007：移动硬盘 JZ-2025-0007 尚未归还。'),
      });
    } finally {
      unregister();
    }
    expect((await checklist()).items.map((i) => i.providerId)).toEqual(['signoff', 'signoff']);
  });

  it('a 离岗 commitment from an earlier spell on post does not count for this departure', async () => {
    await w.signOff(person.id, { kind: '离岗保密承诺书', signedDate: '2024-05-10', declassifyFrom: '2024-05-10', declassifyTo: '2024-05-19' });
    person = await current();
    const { checklist: list } = await start();
    expect(list.items[0]).toMatchObject({
      done: false,
      detail: '已登记的离岗保密承诺书（2024-05-10）早于其后签署的上岗保密承诺书（2024-05-20），属于此前的离岗，请就本次离岗（2024-07-01）重新签署。',
    });
  });

  it('a pending departure is cancelled with a reason; a completed one is undone by reinstating', async () => {
    const { person: pending } = await start();
    expect(errorOf(await w.call('person:void', { id: person.id, rev: pending.rev, reason: '录入错误' }))).toMatchObject({
      code: 'RULE',
      message: '人员 张三（北京金山云网络技术有限公司） 正在办理离岗（2024-07-01），请先撤销或完成办理，再作废',
    });
    const cancelled = valueOf<Person>(await w.call('person:cancelDeparture', { id: person.id, rev: pending.rev, reason: '本人留任' }));
    expect(cancelled).toMatchObject({ status: '在岗', departure: null });
    expect(lastAudit().summary).toBe('撤销 张三（北京金山云网络技术有限公司） 的离岗办理（2024-07-01），原因：本人留任');
    expect(valueOf(await w.call('person:mayAccess', { personId: person.id }))).toEqual({ allowed: true });

    person = cancelled;
    const again = await start('调岗', '2024-06-20');
    const moved = valueOf<Person>(await w.call('person:completeDeparture', { id: person.id, rev: again.person.rev, exception: '调往本公司其他项目' }));
    expect(errorOf(await w.call('person:reinstate', { id: person.id, rev: moved.rev, enteredOn: '2024-06-19' }))).toMatchObject({
      code: 'RULE',
      field: 'enteredOn',
      message: '入场日期 2024-06-19 早于离场日期 2024-06-20，请核对',
    });
    const back = valueOf<Person>(await w.call('person:reinstate', { id: person.id, rev: moved.rev, enteredOn: '2024-09-01' }));
    expect(back).toMatchObject({ status: '在岗', leftOn: null, enteredOn: '2024-09-01' });
    expect(lastAudit()).toMatchObject({ action: 'person.reinstate', summary: '张三（北京金山云网络技术有限公司） 恢复在岗（此前调岗于 2024-06-20，入场日期 2024-09-01）' });
    expect(w.core.db.prepare('SELECT kind, state FROM person_departures ORDER BY id').all()).toEqual([
      { kind: '离岗', state: 'cancelled' },
      { kind: '调岗', state: 'completed' },
    ]);
  });

  it('refuses a departure dated before the person came, a stale revision, and a viewer', async () => {
    expect(errorOf(await w.call('person:startDeparture', { id: person.id, rev: person.rev, kind: '离岗', date: '2024-04-30' }))).toEqual({
      code: 'RULE',
      field: 'date',
      message: '离岗日期 2024-04-30 早于入场日期 2024-05-01，请核对',
    });
    expect(errorOf(await w.call('person:startDeparture', { id: person.id, rev: person.rev + 1, kind: '离岗', date: '2024-07-01' }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(errorOf(await w.call('person:startDeparture', { id: person.id, rev: person.rev, kind: '离岗', date: '2024-07-01' }, VIEWER))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(errorOf(await w.call('person:completeDeparture', { id: person.id, rev: person.rev }))).toMatchObject({
      code: 'RULE',
      message: '张三（北京金山云网络技术有限公司） 没有正在办理的调岗或离岗，不能完成办理。请先开始办理',
    });
  });
});
