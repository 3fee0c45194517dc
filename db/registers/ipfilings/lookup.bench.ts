/**
 * The lookup (“who may connect from this address?”) and a save's conflict check at 100,000
 * filings (about 200,000 entries: single addresses, /24–/32 blocks and short ranges across the
 * IPv4 space, one in ten IPv6, a few wide blocks), the conflicts view and the whitelist. Run: npx vitest bench db/registers/ipfilings/lookup.bench.ts
 */
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { toHex, type IpEntry, type IpFamily } from '../../../common/ip';
import { valueOf } from '../../testing/fixtures';
import { entriesTouching } from './addresses';
import { buildWhitelist } from './whitelist';
import { insertBareFilings, openIpWorld, type BareFiling, type IpWorld } from './testing';

const FILINGS = 100_000;
let w: IpWorld;
let probes: string[] = [];

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEntry(next: () => number): IpEntry {
  const family: IpFamily = next() < 0.9 ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const r = next();
  const width = r < 0.5 ? 0 : r < 0.8 ? Math.floor(next() * 8) : r < 0.999 ? 8 + Math.floor(next() * 4) : 16 + Math.floor(next() * 8);
  const top = family === 4 ? BigInt(Math.floor(next() * 2 ** 32)) : (0x2400n << 112n) + (BigInt(Math.floor(next() * 2 ** 32)) << 64n);
  const size = 1n << BigInt(width);
  const start = (top / size) * size;
  const end = start + size - 1n;
  const max = (1n << BigInt(bits)) - 1n;
  return { family, kind: 'cidr', text: `${start}/${bits - width}`, start: toHex(family, start), end: toHex(family, end > max ? max : end), notes: [] };
}

beforeAll(async () => {
  w = await openIpWorld('2026-03-02');
  const person = await w.signed({ name: '张三' });
  const next = rng(1);
  const filings: BareFiling[] = Array.from({ length: FILINGS }, () => ({ entries: Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomEntry(next)) }));
  insertBareFilings(w.core.db, w.vendor.id, person.id, filings, true);
  w.core.db.exec('ANALYZE');
  probes = Array.from({ length: 1000 }, () => `${Math.floor(next() * 256)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}`);
}, 600_000);
afterAll(() => w.core.cleanup());

describe(`${FILINGS} filings`, () => {
  let i = 0;
  bench('ipfiling:lookup through the router', async () => {
    valueOf(await w.call('ipfiling:lookup', { address: probes[i++ % probes.length] }));
  });
  bench('conflict check of one entry on save (entriesTouching)', () => {
    const e = randomEntry(rng(i++));
    entriesTouching(w.core.db, e, 0);
  });
  bench(
    'whitelist of every filing in force (built, not saved)',
    () => {
      buildWhitelist(w.core.db, 'text', { q: '', orgId: null, personId: null, contractId: null, accessMethod: null }, '2026-03-02', { at: new Date(), name: '王保密', username: 'officer' });
    },
    { iterations: 3, time: 0 },
  );
  bench('ipfiling:conflicts, the whole register, first page of 50', async () => {
    valueOf(await w.call('ipfiling:conflicts', { page: 1, pageSize: 50 }));
  });
});
