import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../common/api/person';
import { valueOf } from '../../testing/fixtures';
import { openPeopleWorld, type PeopleWorld } from '../../registers/people/testing';
import { findingsOf } from '../testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
});
afterEach(() => w.core.cleanup());

const keysOf = async (rule: string) => (await findingsOf(w, rule)).map((f) => f.key);
const assign = (personId: number) => w.call('assignment:create', { personId, contractId: w.contract.id, role: '驻场运维' });

describe('people.noSignOff', () => {
  it('finds a person on post assigned to a contract in force without a commitment, and loses them once signed', async () => {
    const p = await w.person({ name: '赵六' });
    valueOf(await assign(p.id));
    const [f] = await findingsOf(w, 'people.noSignOff');
    expect(f).toMatchObject({ key: `person:${p.id}:contract:${w.contract.id}`, severity: '严重', target: { page: 'people', id: p.id } });
    expect(f!.message).toContain('赵六 作为驻场运维分派在合同“政务云扩展服务”');
    await w.signOff(p.id, { signedDate: '2024-06-01' });
    expect(await keysOf('people.noSignOff')).toEqual([]);
  });

  it('finds them again the day after their commitment ends, not on its last day', async () => {
    const p = await w.person({ name: '赵六' });
    await w.signOff(p.id, { validUntil: '2024-12-31' });
    valueOf(await assign(p.id));
    w.at('2024-12-31');
    expect(await keysOf('people.noSignOff')).toEqual([]);
    w.at('2025-01-01');
    expect(await keysOf('people.noSignOff')).toEqual([`person:${p.id}:contract:${w.contract.id}`]);
  });
});

describe('people.annualCommitment', () => {
  it('reminds 30 days before the yearly commitment ends and warns once it has ended', async () => {
    const p = await w.person({ name: '赵六' });
    await w.signOff(p.id);
    const s = await w.signOff(p.id, { kind: '在岗年度承诺', signedDate: '2024-06-01' });
    const key = `person:${p.id}:annual:${s.id}`;
    w.at('2025-04-30');
    expect(await keysOf('people.annualCommitment')).not.toContain(key);
    w.at('2025-05-01');
    expect((await findingsOf(w, 'people.annualCommitment')).find((f) => f.key === key)).toMatchObject({ severity: '提示', due: '2025-05-31' });
    w.at('2025-06-01');
    expect((await findingsOf(w, 'people.annualCommitment')).find((f) => f.key === key)?.severity).toBe('警告');
  });
});

describe('people.departureOpen and people.leftWithoutExit', () => {
  it('shows a departure in progress, warns once its date has passed, and after an exception without the exit commitment warns of that', async () => {
    const p = await w.person({ name: '赵六' });
    await w.signOff(p.id);
    const started = valueOf<{ person: Person }>(await w.call('person:startDeparture', { id: p.id, rev: p.rev, kind: '离岗', date: '2024-06-10' }));
    const key = `person:${p.id}:departure:2024-06-10`;
    w.at('2024-06-10');
    expect((await findingsOf(w, 'people.departureOpen')).find((f) => f.key === key)?.severity).toBe('提示');
    w.at('2024-06-11');
    const [late] = await findingsOf(w, 'people.departureOpen');
    expect(late).toMatchObject({ key, severity: '警告' });
    expect(late!.message).toContain('已过 1 天');
    expect(await keysOf('people.leftWithoutExit')).toEqual([]);

    valueOf(await w.call('person:completeDeparture', { id: p.id, rev: started.person.rev, exception: '本人已离京，承诺书寄送中' }));
    expect(await keysOf('people.departureOpen')).toEqual([]);
    expect(await keysOf('people.leftWithoutExit')).toEqual([`person:${p.id}:exit:2024-06-10`]);

    await w.signOff(p.id, { kind: '离岗保密承诺书', signedDate: '2024-06-11', declassifyFrom: '2024-06-10', declassifyTo: '2025-06-09' });
    expect(await keysOf('people.leftWithoutExit')).toEqual([]);
  });

  it('does not count an exit commitment older than a later commitment (an earlier spell on post)', async () => {
    const p = await w.person({ name: '赵六' });
    await w.signOff(p.id, { kind: '离岗保密承诺书', signedDate: '2024-01-10' });
    await w.signOff(p.id, { signedDate: '2024-05-20' });
    const started = valueOf<{ person: Person }>(await w.call('person:startDeparture', { id: p.id, rev: p.rev, kind: '离岗', date: '2024-06-01' }));
    valueOf(await w.call('person:completeDeparture', { id: p.id, rev: started.person.rev, exception: '本人已离京，承诺书寄送中' }));
    expect(await keysOf('people.leftWithoutExit')).toEqual([`person:${p.id}:exit:2024-06-01`]);
  });
});
