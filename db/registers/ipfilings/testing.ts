/**
 * Shared set-up of the IP filings tests: the people world (a fixed clock, a client, a vendor with
 * a contract) plus a second vendor, and filings recorded through the router. Never imported by
 * production code.
 */
import type { IpFiling, SavedFiling } from '../../../common/api/ipfiling';
import type { Org } from '../../../common/api/org';
import type { Person } from '../../../common/api/person';
import { valueOf } from '../../testing/fixtures';
import { openPeopleWorld, type PeopleWorld } from '../people/testing';

export interface IpWorld extends PeopleWorld {
  /** A second vendor: 华为技术有限公司. */
  huawei: Org;
  /** A person of the vendor with a valid 上岗保密承诺书. */
  signed(fields?: Record<string, unknown>): Promise<Person>;
  /** Records a filing through ipfiling:create (defaults: the vendor, VPN, 10.1.2.0/24, this year). */
  file(fields: Record<string, unknown> & { userIds: number[] }): Promise<SavedFiling>;
  approve(f: Pick<IpFiling, 'id' | 'rev'>, fields?: Record<string, unknown>): Promise<IpFiling>;
  get(id: number): Promise<IpFiling>;
}

export async function openIpWorld(day = '2026-03-02'): Promise<IpWorld> {
  const w = await openPeopleWorld(day);
  const huawei = valueOf<Org>(await w.call('org:create', { name: '华为技术有限公司', shortName: '华为', kind: 'vendor' }));
  let today = day;
  const at = (d: string) => {
    today = d;
    w.at(d);
  };
  return {
    ...w,
    at,
    huawei,
    async signed(fields = {}) {
      const p = await w.person(fields);
      await w.signOff(p.id);
      return p;
    },
    async file(fields) {
      return valueOf<SavedFiling>(
        await w.call('ipfiling:create', {
          orgId: w.vendor.id,
          contact: '13800138000',
          addresses: '10.1.2.0/24',
          accessMethod: 'VPN',
          systems: '政务云管理平台',
          purpose: '远程运维',
          validFrom: today,
          validTo: `${today.slice(0, 4)}-12-31`,
          appliedOn: today,
          ...fields,
        }),
      );
    },
    async approve(f, fields = {}) {
      return valueOf<SavedFiling>(await w.call('ipfiling:approve', { id: f.id, rev: f.rev, approver: '李处长', approvedOn: today, ...fields })).filing;
    },
    async get(id) {
      return valueOf<IpFiling>(await w.call('ipfiling:get', { id }));
    },
  };
}
