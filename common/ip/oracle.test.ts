/**
 * Oracle tests against Node's own address handling (tests only: common/ never imports Node).
 * `net.isIP` must agree with the accept/refuse decisions except where the policy of address.ts
 * deliberately differs, and `net.BlockList` must agree with `containsAddress`.
 */
import { BlockList, isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAddress, parseAddress, toEntry } from './address';
import { containsAddress } from './ranges';
import type { IpFamily } from './types';

const MAX = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n } as const;
const BITS = { 4: 32, 6: 128 } as const;
const inMapped = (v: bigint) => v >> 32n === 0xffffn;

const hexGroup = fc.oneof(
  fc.constant('0'),
  fc.constant('0000'),
  fc.constant('ffff'),
  fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16)),
  fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16).padStart(4, '0').toUpperCase()),
);
const dotted = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));

/**
 * Valid IPv6 text in the many ways RFC 4291 allows: groups in any case with or without zero
 * padding, optionally the last two as dotted IPv4, optionally one run of them (any run) written
 * as `::`.
 */
const v6Text = fc
  .tuple(fc.array(hexGroup, { minLength: 8, maxLength: 8 }), fc.option(dotted), fc.option(fc.tuple(fc.nat(8), fc.integer({ min: 1, max: 8 }))))
  .map(([groups, tail, run]) => {
    const gs = tail === null ? groups : [...groups.slice(0, 6), tail];
    if (run === null) return gs.join(':');
    const from = Math.min(run[0], gs.length - 1);
    const to = Math.min(gs.length, from + run[1]);
    return `${gs.slice(0, from).join(':')}::${gs.slice(to).join(':')}`;
  });
/** The WHATWG URL serializer: RFC 5952 compression, mapped addresses in hex (`::ffff:102:304`). */
const urlForm = (text: string) => new URL(`http://[${text}]/`).hostname.slice(1, -1);

describe('net.isIP as oracle', () => {
  it('accepts the dotted-decimal IPv4 addresses Node accepts', () => {
    fc.assert(
      fc.property(dotted, (text) => {
        expect(isIP(text)).toBe(4);
        expect(parseAddress(text)).toMatchObject({ ok: true, value: { family: 4 } });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts the IPv6 texts Node accepts, mapped ones as IPv4, writing the rest as the URL serializer', () => {
    fc.assert(
      fc.property(v6Text, (text) => {
        expect(isIP(text)).toBe(6);
        const r = parseAddress(text);
        if (!r.ok) throw new Error(r.message);
        const url = urlForm(text);
        const mapped = /^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(url);
        expect(r.value.family).toBe(mapped ? 4 : 6);
        if (!mapped) expect(r.value.text).toBe(url);
      }),
      { numRuns: 2000 },
    );
  });

  const addressChar = fc.constantFrom(...'0123456789abcdefABCDEF:::...x'.split(''));
  const tricky = fc.string({ unit: addressChar, minLength: 1, maxLength: 45 });
  /** A valid address with one character deleted, inserted or replaced: texts at the edge of valid. */
  const mutated = fc.tuple(fc.oneof(v6Text, dotted), fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), addressChar).map(([text, at, op, ch]) => {
    const i = at % (text.length + 1);
    if (op === 'insert') return text.slice(0, i) + ch + text.slice(i);
    return text.slice(0, i) + (op === 'replace' ? ch : '') + text.slice(i + 1);
  });

  it('agrees with Node on accept/refuse for any text of address characters', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, mutated, v6Text, dotted), (text) => {
        expect(parseAddress(text).ok).toBe(isIP(text) !== 0);
      }),
      { numRuns: 5000 },
    );
  });

  it('differs from Node only where the policy says so', () => {
    // Leading zeros and short or hex IPv4 forms: both refuse.
    for (const text of ['010.1.1.1', '0x0a.1.1.1', '10.1', '167772161', '::ffff:01.2.3.4']) {
      expect(isIP(text)).toBe(0);
      expect(parseAddress(text).ok).toBe(false);
    }
    // Zone ids: Node accepts them, the register refuses (a zone is local to one host).
    fc.assert(
      fc.property(v6Text, fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), (text, zone) => {
        fc.pre(isIP(text) === 6);
        expect(isIP(`${text}%${zone}`)).toBe(6);
        const r = parseAddress(`${text}%${zone}`);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toContain(`带有区域标识 %${zone}`);
      }),
      { numRuns: 200 },
    );
    // Full-width digits: Node refuses them, the register folds them with a note.
    fc.assert(
      fc.property(dotted, (text) => {
        const wide = text.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(isIP(wide)).toBe(0);
        expect(parseAddress(wide)).toMatchObject({ ok: true, value: { text, notes: [`已将全角字符转为半角，按 ${text} 登记`] } });
      }),
      { numRuns: 100 },
    );
    // IPv4-mapped: Node says IPv6, the register records the IPv4 address.
    expect(isIP('::ffff:1.2.3.4')).toBe(6);
    expect(parseAddress('::ffff:1.2.3.4')).toMatchObject({ ok: true, value: { family: 4, text: '1.2.3.4' } });
  });
});

describe('net.BlockList as oracle', () => {
  const kind = fc.constantFrom('single', 'cidr', 'range');
  const value = (family: IpFamily) => fc.bigInt({ min: 0n, max: MAX[family] }).filter((v) => family === 4 || !inMapped(v));

  for (const family of [4, 6] as const) {
    it(`IPv${family}: containsAddress agrees with BlockList.check for addresses, blocks and ranges`, () => {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      fc.assert(
        fc.property(kind, value(family), value(family), fc.integer({ min: 0, max: BITS[family] }), fc.array(value(family), { maxLength: 4 }), (k, a, b, prefix, others) => {
          const list = new BlockList();
          let text: string;
          let lo: bigint;
          let hi: bigint;
          if (k === 'single') {
            text = formatAddress(family, a);
            list.addAddress(text, type);
            [lo, hi] = [a, a];
          } else if (k === 'cidr') {
            const host = (1n << BigInt(BITS[family] - prefix)) - 1n;
            lo = a & ~host;
            hi = lo | host;
            fc.pre(family === 4 || !(prefix >= 96 && inMapped(lo)));
            text = `${formatAddress(family, lo)}/${prefix}`;
            list.addSubnet(formatAddress(family, lo), prefix, type);
          } else {
            [lo, hi] = a <= b ? [a, b] : [b, a];
            text = `${formatAddress(family, lo)}-${formatAddress(family, hi)}`;
            list.addRange(formatAddress(family, lo), formatAddress(family, hi), type);
          }
          const entry = toEntry(text);
          expect(entry.family).toBe(family);
          const probes = [lo, hi, lo - 1n, hi + 1n, ...others].filter((v) => v >= 0n && v <= MAX[family] && (family === 4 || !inMapped(v)));
          for (const probe of probes) {
            const address = formatAddress(family, probe);
            expect(containsAddress(entry, address)).toBe(list.check(address, type));
          }
        }),
        { numRuns: 500 },
      );
    });
  }

  it('both count ::ffff:a.b.c.d as the IPv4 address', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), fc.integer({ min: 8, max: 32 }), (parts, prefix) => {
        const address = parts.join('.');
        const n = parts.reduce((acc, p) => acc * 256 + p, 0);
        const network = formatAddress(4, BigInt(n) & ~((1n << BigInt(32 - prefix)) - 1n));
        const list = new BlockList();
        list.addSubnet(network, prefix, 'ipv4');
        const entry = toEntry(`${network}/${prefix}`);
        expect(list.check(`::ffff:${address}`, 'ipv6')).toBe(true);
        expect(containsAddress(entry, `::ffff:${address}`)).toBe(true);
        expect(containsAddress(entry, address)).toBe(list.check(address, 'ipv4'));
      }),
      { numRuns: 200 },
    );
  });
});
