/**
 * Shared set-up of the IP filings tests: the people world (a fixed clock, a client, a vendor with
 * a contract) plus a second vendor, and filings recorded through the router. Never imported by
 * production code.
 */
import { randomUUID } from 'node:crypto';
import type { IpFiling, SavedFiling } from '../../../common/api/ipfiling';
import type { IpEntry } from '../../../common/ip';
import type { Org } from '../../../common/api/org';
import type { Person } from '../../../common/api/person';
import type { Db } from '../../core/open';
import { valueOf } from '../../testing/fixtures';
import { openPeopleWorld, type PeopleWorld } from '../people/testing';
import { rebuildOverlaps, writeAddresses, writeAddressRows } from './addresses';

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

export interface BareFiling {
  entries: readonly Pick<IpEntry, 'family' | 'kind' | 'text' | 'start' | 'end'>[];
  state?: '待审批' | '有效' | '已驳回' | '已撤销';
  validFrom?: string;
  validTo?: string;
  voided?: boolean;
}

/**
 * Filings written straight into the tables (nothing audited, no checks), numbered IP-2000-<n>,
 * for tests and benchmarks of the address queries at scale. Their overlaps are recorded filing by
 * filing as the core does, or, `bulk`, rebuilt once at the end. Returns their ids in order.
 */
export function insertBareFilings(db: Db, orgId: number, personId: number, filings: readonly BareFiling[], bulk = false): number[] {
  const at = '2026-01-01T00:00:00.000Z';
  const base = (db.prepare('SELECT coalesce(max(seq), 0) FROM ip_filings WHERE year = 2000').pluck().get() as number) + 1;
  const filing = db.prepare(
    `INSERT INTO ip_filings (uuid, number, year, seq, org_id, contact, access_method, systems, purpose, scope, valid_from, valid_to,
       applied_on, state, approver, approved_on, approved_at, rejected_on, reject_reason, revoked_on, revoke_reason, closed_at,
       created_at, created_by, updated_at, updated_by, voided_at, voided_by, void_reason)
     VALUES (@uuid, @number, 2000, @seq, @orgId, '13800138000', 'VPN', '测试系统', '测试', '合同范围内', @from, @to,
       @from, @state, @approver, @approvedOn, @approvedAt, @rejectedOn, @reason, @revokedOn, @reason, @closedAt,
       @at, 'test', @at, 'test', @voidedAt, @voidedBy, @voidReason)`,
  );
  const user = db.prepare('INSERT INTO ip_filing_users (filing_id, seq, person_id) VALUES (?, 1, ?)');
  const ids = db.transaction(() =>
    filings.map((f, i) => {
      const state = f.state ?? '有效';
      const from = f.validFrom ?? '2026-01-01';
      const approved = state === '有效' || state === '已撤销';
      const id = Number(
        filing.run({
          uuid: randomUUID(),
          number: `IP-2000-${String(base + i).padStart(6, '0')}`,
          seq: base + i,
          orgId,
          from,
          to: f.validTo ?? '2026-12-31',
          state,
          approver: approved ? '测试' : null,
          approvedOn: approved ? from : null,
          approvedAt: approved ? at : null,
          rejectedOn: state === '已驳回' ? from : null,
          revokedOn: state === '已撤销' ? from : null,
          reason: state === '已驳回' || state === '已撤销' ? '测试' : null,
          closedAt: state === '已驳回' || state === '已撤销' ? at : null,
          at,
          voidedAt: f.voided ? at : null,
          voidedBy: f.voided ? 'test' : null,
          voidReason: f.voided ? '测试' : null,
        }).lastInsertRowid,
      );
      user.run(id, personId);
      (bulk ? writeAddressRows : writeAddresses)(db, id, f.entries.map((e) => ({ ...e, notes: [] })));
      return id;
    }),
  )();
  if (bulk) rebuildOverlaps(db);
  return ids;
}
