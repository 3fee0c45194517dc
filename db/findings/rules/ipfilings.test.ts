import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../testing/fixtures';
import { openIpWorld, type IpWorld } from '../../registers/ipfilings/testing';
import { findingsOf } from '../testing';

let w: IpWorld;
beforeEach(async () => {
  w = await openIpWorld('2026-03-02');
});
afterEach(() => w.core.cleanup());

const keysOf = async (rule: string) => (await findingsOf(w, rule)).map((f) => f.key);

describe('ipfiling.expiring', () => {
  it('reminds 30 days before the end, warns in the last 7 days, and stops once renewed', async () => {
    const zhang = await w.signed({ name: '张三' });
    const { filing } = await w.file({ userIds: [zhang.id], validTo: '2026-04-30' });
    const approved = await w.approve(filing);
    const key = `ipfiling:${filing.id}:2026-04-30`;
    w.at('2026-03-30');
    expect(await keysOf('ipfiling.expiring')).toEqual([]);
    w.at('2026-03-31');
    const [f] = await findingsOf(w, 'ipfiling.expiring');
    expect(f).toMatchObject({ key, severity: '提示', due: '2026-04-30', target: { page: 'ipfilings', id: filing.id } });
    w.at('2026-04-23');
    expect((await findingsOf(w, 'ipfiling.expiring'))[0]?.severity).toBe('警告');
    valueOf(await w.call('ipfiling:renew', { id: approved.id, rev: (await w.get(approved.id)).rev, validFrom: '2026-05-01', validTo: '2026-12-31', appliedOn: '2026-04-23' }));
    expect(await keysOf('ipfiling.expiring')).toEqual([]);
  });
});

describe('ipfiling.expiredInUse', () => {
  it('warns of an expired filing not renewed while its user is still on post, for 30 days after the end', async () => {
    const zhang = await w.signed({ name: '张三' });
    const { filing } = await w.file({ userIds: [zhang.id], validTo: '2026-03-31' });
    await w.approve(filing);
    w.at('2026-03-31');
    expect(await keysOf('ipfiling.expiredInUse')).toEqual([]);
    w.at('2026-04-01');
    const [f] = await findingsOf(w, 'ipfiling.expiredInUse');
    expect(f).toMatchObject({ key: `ipfiling:${filing.id}:expired`, severity: '警告' });
    expect(f!.message).toContain('使用人 张三 仍在岗');
    w.at('2026-04-30');
    expect(await keysOf('ipfiling.expiredInUse')).toHaveLength(1);
    w.at('2026-05-01');
    expect(await keysOf('ipfiling.expiredInUse')).toEqual([]);
  });
});

describe('ipfiling.userWithoutAccess', () => {
  it('raises a filing in force whose user’s commitment has ended, from the day after its last day', async () => {
    const wu = await w.person({ name: '吴七' });
    await w.signOff(wu.id, { validUntil: '2026-03-31' });
    const { filing } = await w.file({ userIds: [wu.id] });
    await w.approve(filing);
    w.at('2026-03-31');
    expect(await keysOf('ipfiling.userWithoutAccess')).toEqual([]);
    w.at('2026-04-01');
    const [f] = await findingsOf(w, 'ipfiling.userWithoutAccess');
    expect(f).toMatchObject({ key: `ipfiling:${filing.id}:user:${wu.id}`, severity: '严重' });
    expect(f!.message).toContain('使用人 吴七 保密承诺已过期');
  });
});

describe('ipfiling.overlap', () => {
  it('warns of filings of two units sharing an address, not of one unit’s two filings', async () => {
    const zhang = await w.signed({ name: '张三' });
    const li = await w.signed({ name: '李四', orgId: w.huawei.id });
    const a = (await w.file({ userIds: [zhang.id], addresses: '10.1.2.0/24' })).filing;
    await w.file({ userIds: [zhang.id], addresses: '10.1.2.7' });
    expect(await keysOf('ipfiling.overlap')).toEqual([]);
    const b = (await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.1.2.9' })).filing;
    const found = await findingsOf(w, 'ipfiling.overlap');
    expect(found.map((f) => f.key)).toContain(`ipfilings:${a.id}:${b.id}`);
    expect(found[0]!.message).toContain('华为');
  });
});
