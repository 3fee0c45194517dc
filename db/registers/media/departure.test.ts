import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediumDetail } from '../../../common/api/media';
import type { DepartureChecklist, Person } from '../../../common/api/person';
import { valueOf } from '../../testing/fixtures';
import { errorOf } from '../people/testing';
import { openMediaWorld, type MediaWorld } from './testing';

let w: MediaWorld;
beforeEach(async () => {
  w = await openMediaWorld('2026-03-02');
});
afterEach(() => w.core.cleanup());

const person = async (id: number) => valueOf<Person>(await w.call('person:get', { id }));
const checklist = async (id: number) => valueOf<DepartureChecklist>(await w.call('person:departureChecklist', { id }));
const mediaItems = async (id: number) => (await checklist(id)).items.filter((i) => i.providerId === 'media').map((i) => [i.label, i.done, i.detail]);

describe('the media part of a departure checklist', () => {
  it('lists the media a departing person holds and keeps, until they are returned and handed over', async () => {
    const held = await w.medium();
    const kept = await w.medium({ kind: '移动硬盘', model: '', responsibleId: w.zhang.id });
    const destroyed = await w.medium({ responsibleId: w.zhang.id });
    await w.record(destroyed.id, { type: '销毁', reason: '报废', method: '消磁', place: '保密室', destroyer: '王保密', witnesses: ['刘处长'], approver: '刘处长' });
    await w.record(held.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
    const zhang = await person(w.zhang.id);
    // The signed 离岗 commitment clears the sign-off items, so only the media remain.
    await w.signOff(w.zhang.id, { kind: '离岗保密承诺书', signedDate: '2026-03-02', declassifyFrom: '2026-03-03', declassifyTo: '2027-03-02' });
    const { person: pending } = valueOf<{ person: Person }>(
      await w.call('person:startDeparture', { id: zhang.id, rev: (await person(zhang.id)).rev, kind: '离岗', date: '2026-03-03' }),
    );
    expect(await mediaItems(zhang.id)).toEqual([
      ['归还介质 JZ-2026-0001（U盘，金士顿 DTX 64G）', false, '由 张三 借用（应还 2026-03-10），尚未归还。'],
      ['移交介质 JZ-2026-0002（移动硬盘）的保管责任', false, '本人是该介质的责任人，请在介质信息中指定新的责任人。'],
    ]);
    expect(errorOf(await w.call('person:completeDeparture', { id: zhang.id, rev: pending.rev }))).toMatchObject({
      code: 'RULE',
      message: expect.stringContaining('还有 2 项：归还介质 JZ-2026-0001（U盘，金士顿 DTX 64G）：由 张三 借用（应还 2026-03-10），尚未归还。'),
    });
    // A departing person is granted nothing new.
    expect(errorOf(await w.event(kept.id, { type: '发放/领用', holderId: w.zhang.id }))).toMatchObject({ field: 'holderId', message: expect.stringContaining('正在办理离岗') });

    w.at('2026-03-03');
    await w.record(held.id, { type: '归还', checkedBy: '王保密' });
    const current = await w.get(kept.id);
    valueOf(
      await w.call('media:update', {
        id: kept.id,
        rev: current.rev,
        number: current.number,
        kind: current.kind,
        classification: current.classification,
        responsibleId: w.li.id,
        orgId: current.orgId,
      }),
    );
    expect(await mediaItems(zhang.id)).toEqual([
      ['归还介质 JZ-2026-0001（U盘，金士顿 DTX 64G）', true, '已于 2026-03-03 归还，核验人 王保密。'],
      ['移交介质 JZ-2026-0002（移动硬盘）的保管责任', true, '已于 2026-03-03 移交给 李四。'],
    ]);
    expect((await checklist(zhang.id)).open).toBe(0);
    const done = valueOf<Person>(await w.call('person:completeDeparture', { id: zhang.id, rev: pending.rev }));
    expect(done).toMatchObject({ status: '离岗', leftOn: '2026-03-03' });
  });

  it('a medium reported lost by its holder stays open on the list', async () => {
    const m = await w.medium();
    await w.record(m.id, { type: '发放/领用', holderId: w.li.id });
    const lost: MediumDetail = await w.record(m.id, {
      type: '丢失/泄露报告',
      incident: '丢失',
      discoveredAt: '2026-03-02T09:00:00+08:00',
      circumstances: '出差途中遗失',
      reportedTo: '甲方保密办 陈工',
      reportedAt: '2026-03-02T11:00:00+08:00',
    });
    expect(lost.status).toBe('丢失');
    valueOf(await w.call('person:startDeparture', { id: w.li.id, rev: (await person(w.li.id)).rev, kind: '调岗', date: '2026-03-05' }));
    expect(await mediaItems(w.li.id)).toEqual([['归还介质 JZ-2026-0001（U盘，金士顿 DTX 64G）', false, '已报告丢失，尚未归还。']]);
  });
});
