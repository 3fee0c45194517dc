import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpFiling, SavedFiling } from '../../../common/api/ipfiling';
import type { DepartureChecklist, Person } from '../../../common/api/person';
import { valueOf } from '../../testing/fixtures';
import { departureProviders } from '../people/departure';
import { errorOf } from '../people/testing';
import { openIpWorld, type IpWorld } from './testing';

let w: IpWorld;
let zhang: Person;
let wang: Person;
beforeEach(async () => {
  w = await openIpWorld('2026-03-02');
  zhang = await w.signed({ name: '张三' });
  wang = await w.signed({ name: '王五' });
});
afterEach(() => w.core.cleanup());

const checklist = async () => valueOf<DepartureChecklist>(await w.call('person:departureChecklist', { id: zhang.id }));
const ipItems = async () => (await checklist()).items.filter((i) => i.providerId === 'ip');
const startDeparture = async () => {
  const p = valueOf<Person>(await w.call('person:get', { id: zhang.id }));
  return valueOf<{ person: Person; checklist: DepartureChecklist }>(
    await w.call('person:startDeparture', { id: p.id, rev: p.rev, kind: '离岗', date: '2026-03-31' }),
  );
};

describe('the IP filings on a departure checklist', () => {
  it('is registered with the people workflow by the core, after the sign-off and media providers', () => {
    expect(departureProviders().map((p) => [p.id, p.label])).toEqual([
      ['signoff', '保密承诺'],
      ['media', '存储介质'],
      ['ip', 'IP 报备'],
    ]);
  });

  it('lists the departing person’s active filings, blocks completion, and clears as each is revoked from the checklist', async () => {
    const shared = await w.approve((await w.file({ userIds: [zhang.id, wang.id], addresses: '10.1.2.0/24, 10.1.3.1, 10.1.4.1, 10.1.5.1' })).filing);
    const pending = (await w.file({ userIds: [zhang.id], addresses: '2001:db8::10', accessMethod: '堡垒机', systems: '执法系统' })).filing;
    await w.approve((await w.file({ userIds: [wang.id], addresses: '10.9.0.1' })).filing);
    const expired = await w.approve((await w.file({ userIds: [zhang.id], addresses: '10.8.0.1', validTo: '2026-03-05' })).filing);
    const revokedBefore = await w.approve((await w.file({ userIds: [zhang.id], addresses: '10.8.0.2' })).filing);
    valueOf(await w.call('ipfiling:revoke', { id: revokedBefore.id, rev: revokedBefore.rev, reason: '项目调整' }));
    w.at('2026-03-10');
    expect((await w.get(expired.id)).status).toBe('已过期');

    const started = await startDeparture();
    expect(started.checklist.items.filter((i) => i.providerId === 'ip')).toEqual([
      {
        providerId: 'ip',
        providerLabel: 'IP 报备',
        key: 'ip:IP-2026-0001',
        label: '撤销 IP 报备 IP-2026-0001（10.1.2.0/24、10.1.3.1、10.1.4.1 等 4 项）',
        done: false,
        detail: 'IP-2026-0001（北京金山云网络技术有限公司，VPN，访问系统：政务云管理平台）有效，张三 为使用人；请撤销该报备。其他使用人（王五）如仍需访问，请撤销后为其重新报备。',
      },
      {
        providerId: 'ip',
        providerLabel: 'IP 报备',
        key: 'ip:IP-2026-0002',
        label: '撤销 IP 报备 IP-2026-0002（2001:db8::10）',
        done: false,
        detail: 'IP-2026-0002（北京金山云网络技术有限公司，堡垒机，访问系统：执法系统）待审批，张三 为使用人之一；请撤回该申请，或在审批前将其从使用人中移除。',
      },
    ]);
    const person = started.person;
    expect(errorOf(await w.call('person:completeDeparture', { id: zhang.id, rev: person.rev }))).toMatchObject({
      message: expect.stringContaining('撤销 IP 报备 IP-2026-0001（10.1.2.0/24、10.1.3.1、10.1.4.1 等 4 项）：IP-2026-0001'),
    });

    // The checklist's action: the key names the filing, which ipfiling:get finds, and revoke closes it.
    const item = (await ipItems())[0]!;
    const target = valueOf<IpFiling>(await w.call('ipfiling:get', { number: item.key.slice('ip:'.length) }));
    expect(target.id).toBe(shared.id);
    valueOf(await w.call('ipfiling:revoke', { id: target.id, rev: target.rev, reason: '张三离岗' }));
    expect((await ipItems()).map((i) => [i.key, i.done, i.detail])).toEqual([
      ['ip:IP-2026-0002', false, expect.any(String)],
      ['ip:IP-2026-0001', true, 'IP-2026-0001（北京金山云网络技术有限公司，VPN，访问系统：政务云管理平台）已于 2026-03-10 撤销，原因：张三离岗。'],
    ]);

    // A pending application is withdrawn the same way.
    valueOf(await w.call('ipfiling:revoke', { id: pending.id, rev: pending.rev, reason: '张三离岗' }));
    expect((await ipItems()).every((i) => i.done)).toBe(true);
    expect((await checklist()).items.filter((i) => !i.done).map((i) => i.providerId)).toEqual(['signoff', 'signoff']);
  });

  it('clears an item once the pending filing no longer names the person', async () => {
    const f = (await w.file({ userIds: [zhang.id, wang.id] })).filing;
    await startDeparture();
    expect((await ipItems()).map((i) => i.done)).toEqual([false]);
    const saved = valueOf<SavedFiling>(
      await w.call('ipfiling:update', {
        id: f.id,
        rev: f.rev,
        orgId: f.orgId,
        userIds: [wang.id],
        contact: '13800138000',
        addresses: '10.1.2.0/24',
        accessMethod: 'VPN',
        systems: f.systems,
        purpose: f.purpose,
        validFrom: f.validFrom,
        validTo: f.validTo,
        appliedOn: f.appliedOn,
      }),
    );
    expect(saved.filing.users.map((u) => u.name)).toEqual(['王五']);
    expect(await ipItems()).toEqual([]);
  });

  it('says nothing for a person without filings or without a departure', async () => {
    await w.file({ userIds: [wang.id] });
    await startDeparture();
    expect(await ipItems()).toEqual([]);
    const provider = departureProviders().find((p) => p.id === 'ip')!;
    expect(provider.items(w.core.db, wang.id, '2026-03-02')).toEqual([]);
  });
});
