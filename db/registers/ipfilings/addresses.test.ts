import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IpConflict, LookupHit, SavedFiling } from '../../../common/api/ipfiling';
import type { Person } from '../../../common/api/person';
import { BITS, toHex, type IpEntry, type IpFamily } from '../../../common/ip';
import { auditRows, valueOf } from '../../testing/fixtures';
import { errorOf } from '../people/testing';
import { overlapKind, strongerKind, type ConflictKind } from '../../../common/ipfilings/conflicts';
import { classWindows, entriesHolding, entriesTouching, IN_FORCE_SQL, rebuildOverlaps, spanClass, sweepOverlaps, windowSql } from './addresses';
import { insertBareFilings, openIpWorld, type IpWorld } from './testing';

describe('conflicts and lookup through the router', () => {
  let w: IpWorld;
  let zhang: Person;
  let li: Person;
  beforeEach(async () => {
    w = await openIpWorld('2026-03-02');
    zhang = await w.signed({ name: '张三' });
    li = await w.signed({ name: '李四', orgId: w.huawei.id });
  });
  afterEach(() => w.core.cleanup());

  const conflicts = async (query: Record<string, unknown> = {}) => valueOf<{ rows: IpConflict[]; total: number }>(await w.call('ipfiling:conflicts', query));
  const lookup = async (address: string) => valueOf<{ address: string; space: string; hits: LookupHit[] }>(await w.call('ipfiling:lookup', { address }));

  it('warns, without refusing, when another unit files the same addresses, naming both filings', async () => {
    const ksy = (await w.file({ userIds: [zhang.id], addresses: '10.1.2.0/24' })).filing;
    const saved = await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.1.2.0-10.1.2.255, 10.9.9.9' });
    expect(saved.filing.state).toBe('待审批');
    expect(saved.conflicts).toHaveLength(1);
    expect(saved.conflicts[0]).toMatchObject({
      kind: '同一地址',
      a: { number: 'IP-2026-0002', orgName: '华为技术有限公司', users: ['李四'] },
      b: { id: ksy.id, number: 'IP-2026-0001', orgName: '北京金山云网络技术有限公司', users: ['张三'] },
      overlaps: [{ a: '10.1.2.0-10.1.2.255', b: '10.1.2.0/24', kind: '同一地址', shared: '10.1.2.0/24', space: '私有地址' }],
      differentUnit: true,
      differentPeople: true,
      message:
        'IP-2026-0002（华为技术有限公司，李四）与IP-2026-0001（北京金山云网络技术有限公司，张三）的地址冲突：同一地址 10.1.2.0/24（私有地址）。报备单位不同，使用人不同，请核实地址是否填写有误或被他人占用。',
    });
    expect(auditRows(w.core.db).at(-1)?.summary).toBe(
      '登记 IP 报备 IP-2026-0002（华为技术有限公司；使用人 李四；10.1.2.0-10.1.2.255、10.9.9.9），与 1 份报备的地址冲突（IP-2026-0001）',
    );
    // The view shows the pair once, the earlier filing first.
    const view = await conflicts();
    expect(view.total).toBe(1);
    expect(view.rows[0]).toMatchObject({ kind: '同一地址', a: { number: 'IP-2026-0001' }, b: { number: 'IP-2026-0002' } });
  });

  it('finds containment and partial overlap, IPv6 as IPv4, sorted strongest first and filtered', async () => {
    await w.file({ userIds: [zhang.id], addresses: '10.1.0.0/16, 2001:db8::/32' });
    await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.1.5.0/24' });
    await w.file({ userIds: [zhang.id], addresses: '2001:db8:1::1, 2400:3200::/32' });
    await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '2400:3200::1-2400:3201::1' });
    const view = await conflicts();
    expect(view.rows.map((c) => [c.a.number, c.b.number, c.kind, c.differentUnit])).toEqual([
      ['IP-2026-0001', 'IP-2026-0002', '包含', true],
      ['IP-2026-0001', 'IP-2026-0003', '包含', false],
      ['IP-2026-0003', 'IP-2026-0004', '重叠', true],
    ]);
    expect(view.rows[1]?.message).toBe(
      'IP-2026-0001（北京金山云网络技术有限公司，张三）与IP-2026-0003（北京金山云网络技术有限公司，张三）的地址冲突：IP-2026-0001 的 2001:db8::/32 包含 IP-2026-0003 的 2001:db8:1::1（保留/文档）。属同一单位、同一使用人重复报备，请核实是否应合并或撤销其一。',
    );
    expect(view.rows[2]?.overlaps[0]).toMatchObject({ shared: '2400:3200::1-2400:3200:ffff:ffff:ffff:ffff:ffff:ffff', space: '公网' });
    expect((await conflicts({ kind: '重叠' })).rows.map((c) => c.b.number)).toEqual(['IP-2026-0004']);
    expect((await conflicts({ differentUnitOnly: true })).total).toBe(2);
    const third = (await conflicts({ filingId: 3 })).rows;
    expect(third.map((c) => [c.a.number, c.b.number])).toEqual([
      ['IP-2026-0003', 'IP-2026-0001'],
      ['IP-2026-0003', 'IP-2026-0004'],
    ]);
    expect((await conflicts({ page: 2, pageSize: 2 })).rows.map((c) => c.b.number)).toEqual(['IP-2026-0004']);
  });

  it('leaves out filings that no longer claim their addresses, and a renewal with the filing it renews', async () => {
    const first = await w.approve((await w.file({ userIds: [zhang.id], addresses: '10.3.0.0/24', validTo: '2026-03-31' })).filing);
    const renewal = valueOf<SavedFiling>(await w.call('ipfiling:renew', { id: first.id, rev: first.rev, validFrom: '2026-04-01', validTo: '2026-12-31' }));
    expect(renewal.conflicts).toEqual([]);
    expect((await conflicts()).total).toBe(0);
    const rejected = (await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.3.0.7' })).filing;
    expect((await conflicts()).total).toBe(2);
    valueOf(await w.call('ipfiling:reject', { id: rejected.id, rev: rejected.rev, reason: '地址有误' }));
    const voided = (await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.3.0.8' })).filing;
    valueOf(await w.call('ipfiling:void', { id: voided.id, rev: voided.rev, reason: '录入错误' }));
    const revoked = await w.approve((await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.3.0.9' })).filing);
    valueOf(await w.call('ipfiling:revoke', { id: revoked.id, rev: revoked.rev, reason: '项目结束' }));
    expect((await conflicts()).total).toBe(0);
    await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.3.0.10' });
    expect((await conflicts()).rows.map((c) => [c.a.number, c.b.number])).toEqual([
      ['IP-2026-0001', 'IP-2026-0006'],
      ['IP-2026-0002', 'IP-2026-0006'],
    ]);
    w.at('2026-04-01');
    expect((await conflicts()).rows.map((c) => [c.a.number, c.b.number])).toEqual([['IP-2026-0002', 'IP-2026-0006']]);
  });

  it('answers who may connect from an address inside a range: filings in force only', async () => {
    const vpn = await w.approve((await w.file({ userIds: [zhang.id], addresses: '192.168.10.1-192.168.10.50, 10.4.0.1', systems: '卫生监督执法系统' })).filing);
    await w.approve((await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '192.168.0.0/16', accessMethod: '堡垒机', validTo: '2026-03-31' })).filing);
    await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '192.168.10.7' });
    const gone = await w.approve((await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '192.168.10.0/24' })).filing);
    valueOf(await w.call('ipfiling:revoke', { id: gone.id, rev: gone.rev, reason: '项目结束' }));

    const found = await lookup(' 192.168.10.7 ');
    expect(found).toMatchObject({ address: '192.168.10.7', space: '私有地址' });
    expect(found.hits).toEqual([
      {
        id: vpn.id,
        number: 'IP-2026-0001',
        orgName: '北京金山云网络技术有限公司',
        users: ['张三'],
        accessMethod: 'VPN',
        accessNote: '',
        systems: '卫生监督执法系统',
        validFrom: '2026-03-02',
        validTo: '2026-12-31',
        matched: ['192.168.10.1-192.168.10.50'],
      },
      expect.objectContaining({ number: 'IP-2026-0002', accessMethod: '堡垒机', matched: ['192.168.0.0/16'] }),
    ]);
    expect((await lookup('::ffff:192.168.10.51')).hits.map((h) => h.number)).toEqual(['IP-2026-0002']);
    expect((await lookup('192.168.10.0/28')).hits.map((h) => h.number)).toEqual(['IP-2026-0002']);
    expect((await lookup('10.4.0.2')).hits).toEqual([]);
    w.at('2026-04-01');
    expect((await lookup('192.168.10.7')).hits.map((h) => h.number)).toEqual(['IP-2026-0001']);
    expect(errorOf(await w.call('ipfiling:lookup', { address: '192.168.010.7' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'address',
      message: '192.168.010.7 含前导零，可能被误读为八进制；如指 192.168.10.7 请直接填写 192.168.10.7',
    });
  });
});

describe('the window queries', () => {
  let w: IpWorld;
  let ids: number[];
  const today = '2026-03-02';
  const data: { id: number; voided: boolean; inForce: boolean; entries: IpEntry[] }[] = [];

  /** A deterministic pseudo-random generator (mulberry32), so the data set is the same every run. */
  function rng(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const entry = (family: IpFamily, start: bigint, end: bigint): IpEntry => ({
    family,
    kind: 'range',
    text: `${start}-${end}`,
    start: toHex(family, start),
    end: toHex(family, end),
    notes: [],
  });

  /** Addresses crowd into a small space (so that entries meet) near both ends of each family. */
  function randomEntry(next: () => number): IpEntry {
    const family: IpFamily = next() < 0.7 ? 4 : 6;
    const max = (1n << BigInt(BITS[family])) - 1n;
    const base = next() < 0.5 ? 0n : max - 4095n;
    const span = next() < 0.02 ? BigInt(Math.floor(next() * 1_000_000_000)) : BigInt(Math.floor(2 ** (next() * 11)) - 1);
    let start = base + BigInt(Math.floor(next() * 4096));
    if (start + span > max) start = max - span;
    return entry(family, start, start + span);
  }

  beforeAll(async () => {
    w = await openIpWorld(today);
    const person = await w.signed({ name: '张三' });
    const next = rng(20260302);
    const states = ['有效', '有效', '有效', '待审批', '已撤销', '已驳回'] as const;
    const filings = Array.from({ length: 1500 }, () => {
      const state = states[Math.floor(next() * states.length)]!;
      const ended = next() < 0.1;
      const voided = next() < 0.05;
      const entries = Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomEntry(next));
      return { state, voided, entries, validTo: ended ? '2026-03-01' : '2026-12-31' };
    });
    filings.push({ state: '有效', voided: false, entries: [entry(4, 0n, 0xffffffffn)], validTo: '2026-12-31' });
    filings.push({ state: '有效', voided: false, entries: [entry(6, 0n, (1n << 128n) - 1n)], validTo: '2026-12-31' });
    ids = insertBareFilings(w.core.db, w.vendor.id, person.id, filings);
    filings.forEach((f, i) => {
      data.push({ id: ids[i]!, voided: f.voided, inForce: !f.voided && f.validTo >= today && f.state === '有效', entries: f.entries });
    });
  });
  afterAll(() => w.core.cleanup());

  const key = (hits: { filingId: number; start: string; end: string }[]) => hits.map((h) => `${h.filingId}:${h.start}:${h.end}`).sort();

  it('agree with a plain scan of every entry for containment and overlap', () => {
    const next = rng(7);
    let found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const probeNext = rng(seed);
        const drawn = randomEntry(probeNext);
        // Half the probes are single addresses, as typed into the lookup.
        const probe = probeNext() < 0.5 ? drawn : entry(drawn.family, BigInt(`0x${drawn.start}`), BigInt(`0x${drawn.start}`));
        const holding = data.filter((d) => d.inForce).flatMap((d) =>
          d.entries.filter((e) => e.family === probe.family && e.start <= probe.start && probe.end <= e.end).map((e) => ({ filingId: d.id, ...e })),
        );
        expect(key(entriesHolding(w.core.db, probe, today))).toEqual(key(holding));
        found += holding.length;
        const self = data[Math.floor(next() * data.length)]!.id;
        const touching = data.filter((d) => !d.voided && d.id !== self).flatMap((d) =>
          d.entries.filter((e) => e.family === probe.family && e.start <= probe.end && probe.start <= e.end).map((e) => ({ filingId: d.id, ...e })),
        );
        expect(key(entriesTouching(w.core.db, probe, self))).toEqual(key(touching));
      }),
      { numRuns: 150 },
    );
    // The data crowd enough for most probes to meet entries (the check is not vacuous).
    expect(found).toBeGreaterThan(150);
  });

  it('keeps exactly the pairs of filings that share an address, with the strongest kind, as each is written and when rebuilt', () => {
    const kept = data.filter((d) => !d.voided);
    const expected = new Map<string, ConflictKind>();
    for (let i = 0; i < kept.length; i++) {
      for (let j = i + 1; j < kept.length; j++) {
        const [a, b] = [kept[i]!, kept[j]!];
        const kinds = a.entries.flatMap((x) => b.entries.map((y) => overlapKind(x, y)?.kind)).filter((k): k is ConflictKind => k !== undefined);
        if (kinds.length) expected.set(`${Math.min(a.id, b.id)}:${Math.max(a.id, b.id)}`, kinds.reduce(strongerKind));
      }
    }
    // Pairs with a filing voided after its addresses were written may stay: reading leaves them out.
    const voided = new Set(data.filter((d) => d.voided).map((d) => d.id));
    const stored = () =>
      new Map(
        (w.core.db.prepare('SELECT low_id AS low, high_id AS high, kind FROM ip_filing_overlaps').all() as { low: number; high: number; kind: ConflictKind }[])
          .filter((r) => !voided.has(r.low) && !voided.has(r.high))
          .map((r) => [`${r.low}:${r.high}`, r.kind]),
      );
    expect(expected.size).toBeGreaterThan(100);
    expect(new Set(expected.values())).toEqual(new Set(['同一地址', '包含', '重叠']));
    expect(stored()).toEqual(expected);
    expect(sweepOverlaps(w.core.db)).toEqual(expected);
    rebuildOverlaps(w.core.db);
    expect(stored()).toEqual(expected);
    expect(w.core.db.prepare('SELECT count(*) FROM ip_filing_overlaps').pluck().get()).toBe(expected.size);
  });

  it('the lookup is one short range scan of the lookup index per span class, never a scan of the table', () => {
    const probe = randomEntry(rng(1));
    const plan = w.core.db
      .prepare(`EXPLAIN QUERY PLAN ${windowSql(probe.family, IN_FORCE_SQL)}`)
      .all(...classWindows(probe.family, probe.start, probe.end, 'contain').flat(), probe.end, today, today) as { detail: string }[];
    const details = plan.map((r) => r.detail);
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH a USING (COVERING )?INDEX ip_filing_addresses_lookup \(family=\? AND span_class=\? AND start_hex>\? AND start_hex<\?\)$/));
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\)$/));
    expect(details.filter((d) => /^SCAN (a|f)\b/.test(d))).toEqual([]);
  });

  it('span classes bound the width of an entry', () => {
    expect([spanClass('0a000001', '0a000001'), spanClass('0a000000', '0a000001'), spanClass('0a000000', '0a0000ff'), spanClass('00000000', 'ffffffff')]).toEqual([0, 1, 8, 32]);
  });
});
