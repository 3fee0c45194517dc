/**
 * Every list, search and lookup query an officer's screen runs is planned on an index: the SQL each
 * channel prepares is recorded while it runs through the router (every sort, the filters, searches
 * of 1, 2 and 4+ characters), and its EXPLAIN QUERY PLAN may not scan a table row by row. A missing
 * index fails here, not at an office with 100,000 media (the benchmark measures the times).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_SORTS } from '../../common/api/contract';
import { IP_FILING_SORTS } from '../../common/api/ipfiling';
import { MEDIA_SORTS } from '../../common/api/media';
import { ORG_SORTS } from '../../common/api/org';
import { PERSON_SORTS } from '../../common/api/person';
import { idCheckDigit } from '../../common/people/id-number';
import { AUDITOR, OFFICER, valueOf } from '../testing/fixtures';
import { EVENTS, openMediaWorld, type MediaWorld } from '../registers/media/testing';

/** Tables small by nature (one row per setting, per numbering scope, per template …): a scan is fine. */
const SMALL = new Set(['settings', 'media_sequences', 'commitment_templates', 'accounts', 'account_roles', 'audit_anchor']);

interface Recorded {
  sql: string;
  args: unknown[];
}

let w: MediaWorld;
let recorded: Recorded[] = [];
let recording = false;

/** Records the SQL and arguments of every statement run while `recording`. */
function record(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    const proxy: Database.Statement = new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'all' || prop === 'get' || prop === 'iterate') {
          return (...args: unknown[]) => {
            if (recording && /^\s*(SELECT|WITH)\b/i.test(sql)) recorded.push({ sql, args });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  }) as typeof db.prepare;
}

/**
 * The plan lines that read a real, not small table row by row. A page that walks a table in the
 * order it is asked for (no sorting step) and stops at its LIMIT reads only the page: allowed.
 */
function scans(db: Database.Database, r: Recorded): string[] {
  const tables = new Set(
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'`).pluck().all() as string[]).filter((t) => !SMALL.has(t)),
  );
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.args) as { detail: string }[];
  const orderedWalk = /\bLIMIT\b/i.test(r.sql) && !plan.some((p) => p.detail.includes('TEMP B-TREE'));
  if (orderedWalk) return [];
  return plan
    .map((p) => p.detail)
    .filter((d) => {
      const m = /^SCAN (\w+)(?: AS \w+)?$/.exec(d.trim());
      return m !== null && tables.has(m[1]!);
    });
}

async function plansOf(channel: string, payload: unknown, session = OFFICER): Promise<{ sql: string; scans: string[] }[]> {
  recorded = [];
  recording = true;
  try {
    valueOf(await w.core.router.invoke(channel, session, payload));
  } finally {
    recording = false;
  }
  expect(recorded.length, `${channel} ran no query`).toBeGreaterThan(0);
  return recorded.map((r) => ({ sql: r.sql.replace(/\s+/g, ' ').trim(), scans: scans(w.core.db, r) })).filter((p) => p.scans.length > 0);
}

beforeAll(async () => {
  w = await openMediaWorld('2026-03-02');
  const lent = await w.medium({ serial: 'SN-0001' });
  await w.record(lent.id, { type: '借出', holderId: w.zhang.id, purpose: '数据交换', dueBack: '2026-03-10' });
  const out = await w.medium({ serial: 'SN-0002' });
  await w.record(out.id, { ...EVENTS.takeOut, carrierId: w.li.id });
  valueOf(
    await w.call('ipfiling:create', {
      orgId: w.vendor.id,
      userIds: [w.zhang.id],
      contact: '13800138000',
      addresses: '10.1.2.0/24\n2001:db8::/48',
      accessMethod: 'VPN',
      systems: '政务云管理平台',
      purpose: '远程运维',
      validFrom: '2026-03-02',
      validTo: '2026-12-31',
      appliedOn: '2026-03-02',
    }),
  );
  record(w.core.db);
}, 60_000);
afterAll(() => w.core.cleanup());

const SEARCHES = ['王', '张三', '政务云管理', 'SN-0001'];

const LISTS: { channel: string; sorts: readonly string[]; filters: Record<string, unknown>[] }[] = [
  { channel: 'org:list', sorts: ORG_SORTS, filters: [{}, { kind: 'vendor' }] },
  { channel: 'contract:list', sorts: CONTRACT_SORTS, filters: [{}, { status: 'active' }, { from: '2024-01-01', to: '2024-12-31' }] },
  { channel: 'person:list', sorts: PERSON_SORTS, filters: [{}, { signOffStatus: '有效' }, { status: '在岗' }, { departing: true }] },
  { channel: 'media:list', sorts: MEDIA_SORTS, filters: [{}, { status: '借出' }, { kind: 'U盘', classification: '内部' }, { holderId: 1 }] },
  { channel: 'ipfiling:list', sorts: IP_FILING_SORTS, filters: [{}, { status: '有效' }, { status: '即将到期' }, { accessMethod: 'VPN' }] },
];

describe('list pages are planned on indexes', () => {
  for (const list of LISTS) {
    it(`${list.channel}: every sort both ways, every filter, pages 1 and 3`, async () => {
      const problems: { payload: unknown; sql: string; scans: string[] }[] = [];
      for (const filter of list.filters) {
        for (const sort of list.sorts) {
          for (const dir of ['asc', 'desc']) {
            for (const page of [1, 3]) {
              const payload = { ...filter, sort, dir, page, pageSize: 50 };
              for (const p of await plansOf(list.channel, payload)) problems.push({ payload, ...p });
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it(`${list.channel}: searches of 1, 2 and 4+ characters`, async () => {
      const problems: { q: string; sql: string; scans: string[] }[] = [];
      for (const q of SEARCHES) for (const p of await plansOf(list.channel, { q, page: 1, pageSize: 50 })) problems.push({ q, ...p });
      expect(problems).toEqual([]);
    });
  }

  it('audit:list, filtered and searched', async () => {
    const problems: { payload: unknown; sql: string; scans: string[] }[] = [];
    for (const payload of [{}, { dir: 'asc' }, { action: 'media.event' }, { from: '2026-01-01', to: '2026-03-31' }, { q: '王' }, { q: '登记介质' }]) {
      for (const p of await plansOf('audit:list', { ...payload, page: 1, pageSize: 50 }, AUDITOR)) problems.push({ payload, ...p });
    }
    expect(problems).toEqual([]);
  });
});

describe('lookups are planned on indexes', () => {
  it('ipfiling:lookup for an address inside a block, outside every block, and IPv6', async () => {
    const problems = [];
    for (const address of ['10.1.2.77', '192.168.9.9', '2001:db8::1']) problems.push(...(await plansOf('ipfiling:lookup', { address })));
    expect(problems).toEqual([]);
  });

  it("a medium's whole timeline and a person's departure checklist", async () => {
    const medium = valueOf<{ rows: { id: number }[] }>(await w.call('media:list', { page: 1, pageSize: 1 })).rows[0]!;
    const problems = [...(await plansOf('media:get', { id: medium.id }))];
    const p = valueOf<{ rev: number }>(await w.call('person:get', { id: w.zhang.id }));
    valueOf(await w.call('person:startDeparture', { id: w.zhang.id, rev: p.rev, kind: '离岗', date: '2026-03-31' }));
    problems.push(...(await plansOf('person:departureChecklist', { id: w.zhang.id })));
    expect(problems).toEqual([]);
  });
});

describe('the checks of a write are planned on indexes', () => {
  it('registering a medium, recording its events, a person with a sign-off, a filing and its approval', async () => {
    const problems: { channel: string; sql: string; scans: string[] }[] = [];
    const run = async <T>(channel: string, payload: unknown): Promise<T> => {
      recorded = [];
      recording = true;
      let result;
      try {
        result = valueOf<T>(await w.core.router.invoke(channel, OFFICER, payload));
      } finally {
        recording = false;
      }
      for (const r of recorded) {
        const found = scans(w.core.db, r);
        if (found.length) problems.push({ channel, sql: r.sql.replace(/\s+/g, ' ').trim(), scans: found });
      }
      return result;
    };
    const { medium } = await run<{ medium: { id: number; rev: number } }>('media:create', {
      kind: 'U盘',
      model: '金士顿 DTX 64G',
      serial: 'SN-PLAN-1',
      classification: '内部',
      responsibleId: w.keeper.id,
      orgId: w.vendor.id,
      location: '保密室',
    });
    const lent = await run<{ medium: { id: number; rev: number } }>('media:event', { id: medium.id, rev: medium.rev, type: '借出', holderId: w.li.id, purpose: '数据交换', dueBack: '2026-03-20' });
    await run('media:event', { id: medium.id, rev: lent.medium.rev, type: '归还', checkedBy: '王保密' });
    const person = await run<{ id: number }>('person:create', { name: '孙计划', orgId: w.vendor.id, post: '运维工程师', idNumber: '44010619850612003' + idCheckDigit('44010619850612003'), enteredOn: '2026-01-05' });
    await run('signoff:create', { personId: person.id, kind: '上岗保密承诺书', signedDate: '2026-01-05', witness: '王保密', copies: 2, keptAt: '保密办' });
    const { filing } = await run<{ filing: { id: number; rev: number } }>('ipfiling:create', {
      orgId: w.vendor.id,
      userIds: [person.id],
      contact: '13800138000',
      addresses: '10.9.8.0/24',
      accessMethod: 'VPN',
      systems: '政务云管理平台',
      purpose: '远程运维',
      validFrom: '2026-03-02',
      validTo: '2026-12-31',
      appliedOn: '2026-03-02',
    });
    await run('ipfiling:approve', { id: filing.id, rev: filing.rev, approver: '李处长', approvedOn: '2026-03-02' });
    expect(problems).toEqual([]);
  });
});
