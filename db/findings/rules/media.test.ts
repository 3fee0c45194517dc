import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../common/api/person';
import { valueOf } from '../../testing/fixtures';
import { EVENTS, openMediaWorld, type MediaWorld } from '../../registers/media/testing';
import { findingsOf } from '../testing';

let w: MediaWorld;
beforeEach(async () => {
  w = await openMediaWorld('2026-03-02');
});
afterEach(() => w.core.cleanup());

const keysOf = async (rule: string) => (await findingsOf(w, rule)).map((f) => f.key);

async function leave(p: Person, date: string) {
  const current = valueOf<Person>(await w.call('person:get', { id: p.id }));
  const started = valueOf<{ person: Person }>(await w.call('person:startDeparture', { id: p.id, rev: current.rev, kind: '离岗', date }));
  valueOf(await w.call('person:completeDeparture', { id: p.id, rev: started.person.rev, exception: '测试：例外办结离岗手续' }));
}

describe('media.heldWithoutAccess', () => {
  it('finds a medium issued to someone whose commitment ended, from the day after its last day', async () => {
    const wu = await w.person({ name: '吴七' });
    await w.signOff(wu.id, { validUntil: '2026-03-31' });
    const m = await w.medium();
    await w.record(m.id, { type: '发放/领用', holderId: wu.id });
    w.at('2026-03-31');
    expect(await keysOf('media.heldWithoutAccess')).toEqual([]);
    w.at('2026-04-01');
    const [f] = await findingsOf(w, 'media.heldWithoutAccess');
    expect(f).toMatchObject({ key: `medium:${m.id}:holder:${wu.id}`, severity: '严重', target: { page: 'media', id: m.id } });
    expect(f!.message).toContain('保密承诺已过期');
  });

  it('finds a medium still held by someone who has left, and the medium whose responsible person left', async () => {
    const m = await w.medium();
    await w.record(m.id, { type: '发放/领用', holderId: w.zhang.id });
    expect(await keysOf('media.heldWithoutAccess')).toEqual([]);
    await leave(w.zhang, '2026-03-02');
    expect((await findingsOf(w, 'media.heldWithoutAccess'))[0]!.message).toContain('已于 2026-03-02 离岗');
    expect(await keysOf('media.responsibleLeft')).toEqual([]);
    await leave(w.keeper, '2026-03-02');
    expect(await keysOf('media.responsibleLeft')).toEqual([`medium:${m.id}:responsible:王保密`]);
  });
});

describe('media open items', () => {
  it('warns of a medium lent and not returned from the day after it was due back', async () => {
    const m = await w.medium();
    await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
    w.at('2026-03-10');
    expect(await keysOf('media.overdueReturn')).toEqual([]);
    w.at('2026-03-11');
    const [f] = await findingsOf(w, 'media.overdueReturn');
    expect(f).toMatchObject({ severity: '警告', due: '2026-03-10' });
    expect(f!.message).toContain('已逾期 1 天');
  });

  it('warns of a repair past its expected return, and of one without a date after the set days', async () => {
    const dated = await w.medium();
    await w.record(dated.id, EVENTS.repair);
    const undated = await w.medium();
    await w.record(undated.id, { ...EVENTS.repair, expectedBack: null });
    w.at('2026-03-20');
    expect(await keysOf('media.repairOut')).toEqual([]);
    w.at('2026-03-21');
    expect(await keysOf('media.repairOut')).toEqual([`medium:${dated.id}:维修未修回:2`]);
    w.at('2026-04-01');
    expect(await keysOf('media.repairOut')).toEqual([`medium:${dated.id}:维修未修回:2`]);
    w.at('2026-04-02');
    expect(await keysOf('media.repairOut')).toEqual([`medium:${dated.id}:维修未修回:2`, `medium:${undated.id}:维修未修回:2`]);
  });

  it('raises a loss not yet reported as serious until the report is recorded', async () => {
    const m = await w.medium();
    await w.record(m.id, { type: '发放/领用', holderId: w.zhang.id });
    await w.record(m.id, { ...EVENTS.loss, discoveredAt: '2026-03-02T10:00:00+08:00' });
    const [f] = await findingsOf(w, 'media.incidentReport');
    expect(f).toMatchObject({ key: `medium:${m.id}:丢失/泄露待报告:3`, severity: '严重', due: '2026-03-04' });
    await w.record(m.id, { type: '丢失/泄露报告', reportOf: 3, reportedTo: '甲方保密办 陈工', reportedAt: '2026-03-02T11:30:00+08:00' });
    expect(await keysOf('media.incidentReport')).toEqual([]);
  });

  it('warns of a stocktake finding', async () => {
    const m = await w.medium();
    await w.record(m.id, { type: '清查结果', result: '缺失', note: '柜中未见' });
    expect(await keysOf('media.stocktakeFlag')).toEqual([`medium:${m.id}:清查异常:2`]);
  });
});

describe('media.notStocktaken', () => {
  it('finds a medium not seen by a stocktake for more than 365 days since registration, until one sees it', async () => {
    const m = await w.medium();
    w.at('2027-03-02');
    expect(await keysOf('media.notStocktaken')).toEqual([]);
    w.at('2027-03-03');
    expect(await keysOf('media.notStocktaken')).toEqual([`medium:${m.id}:stocktake:2026-03-02`]);
    await w.record(m.id, { type: '清查结果', result: '在位' });
    expect(await keysOf('media.notStocktaken')).toEqual([]);
    // 2028 is a leap year: 365 days after 2027-03-03 is 2028-03-02.
    w.at('2028-03-02');
    expect(await keysOf('media.notStocktaken')).toEqual([]);
    w.at('2028-03-03');
    expect(await keysOf('media.notStocktaken')).toEqual([`medium:${m.id}:stocktake:2027-03-03`]);
  });
});
