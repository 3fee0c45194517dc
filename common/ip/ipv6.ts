/**
 * IPv6 addresses, RFC 4291 §2.2 text in, RFC 5952 text out, 128-bit values as BigInt.
 *
 * Read: eight groups of 1–4 hex digits (any case, leading zeros allowed), one `::` standing for
 * one or more zero groups, and optionally the last 32 bits in dotted IPv4 (`64:ff9b::1.2.3.4`),
 * that dotted part following the IPv4 rules of ipv4.ts (no leading zeros).
 *
 * Written (RFC 5952 §4): lowercase, no leading zeros in a group, the longest run of two or more
 * zero groups shortened to `::` (the first one when two runs are equally long), a single zero
 * group written `0`. Per §5 only IPv4-mapped addresses (`::ffff:0:0/96`) keep the dotted form
 * (`::ffff:1.2.3.4`); every other address, including `64:ff9b::1.2.3.4`, is written in hex
 * (`64:ff9b::102:304`).
 */
import { formatIpv4, parseIpv4 } from './ipv4';
import type { PartParse } from './types';

export const IPV6_MAX = (1n << 128n) - 1n;
/** `::ffff:0:0/96`, IPv4-mapped addresses (RFC 4291 §2.5.5.2). */
export const MAPPED_BASE = 0xffffn << 32n;

export function isMapped(value: bigint): boolean {
  return value >> 32n === 0xffffn;
}

export function formatIpv6(value: bigint): string {
  if (isMapped(value)) return `::ffff:${formatIpv4(Number(value & 0xffffffffn))}`;
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let best = -1;
  let bestLength = 1; // a run must be at least two groups long
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}

/**
 * Reads ASCII text (trimmed, half-width, zone id already removed) as an IPv6 address. Never
 * throws.
 */
export function parseIpv6(text: string): PartParse<bigint> {
  const fail = (problem: string, fix?: string): PartParse<bigint> => ({
    ok: false,
    error: fix === undefined ? { problem } : { problem, fix },
  });
  const s = text.toLowerCase();
  const odd = /[^0-9a-f:.]/.exec(s);
  if (odd) return fail(`含有字符“${odd[0]}”，不是有效的 IPv6 地址`);
  if (s.includes(':::')) return fail('冒号过多（:::），不是有效的 IPv6 地址');
  const first = s.indexOf('::');
  if (first >= 0 && s.indexOf('::', first + 1) >= 0) return fail('中“::”出现了不止一次，只能用一处 :: 省略连续的零组');
  if (s.startsWith(':') && first !== 0) return fail('以单个冒号开头，不是有效的 IPv6 地址');
  if (s.endsWith(':') && first !== s.length - 2) return fail('以单个冒号结尾，不是有效的 IPv6 地址');

  const compressed = first >= 0;
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  const head = compressed ? split(s.slice(0, first)) : split(s);
  const tail = compressed ? split(s.slice(first + 2)) : [];
  const written = [...head, ...tail];

  // A dotted IPv4 part may only stand in the last two groups.
  const dotted = written.findIndex((g) => g.includes('.'));
  let v4: number | null = null;
  if (dotted >= 0) {
    if (dotted !== written.length - 1 || (compressed && tail.length === 0)) {
      return fail('中的点分 IPv4 写法只能出现在最后两组的位置');
    }
    const dottedText = written[dotted] as string;
    const parsed = parseIpv4(dottedText);
    if (!parsed.ok) {
      const fix = parsed.error.fix === undefined ? undefined : s.slice(0, s.length - dottedText.length) + parsed.error.fix;
      return fail(`末尾的 IPv4 部分 ${dottedText} ${parsed.error.problem}`, fix);
    }
    v4 = parsed.value;
    written.pop();
    (tail.length > 0 ? tail : head).pop();
  }

  for (let i = 0; i < written.length; i++) {
    const g = written[i] as string;
    if (g === '') return fail('中有空的组（多余的冒号），不是有效的 IPv6 地址');
    if (g.length > 4) return fail(`第 ${i + 1} 组 ${g} 超过 4 位十六进制数`);
  }
  const count = written.length + (v4 === null ? 0 : 2);
  if (compressed && count > 7) return fail(`含 :: 时最多写 7 组，此处有 ${count} 组`);
  if (!compressed && count !== 8) {
    return fail(count < 8 ? `只有 ${count} 组，IPv6 地址应为 8 组（连续的零组可用 :: 省略）` : `有 ${count} 组，IPv6 地址最多 8 组`);
  }

  const groups = [...head, ...Array<string>(8 - count).fill('0'), ...tail].map((g) => BigInt(`0x${g}`));
  let value = 0n;
  for (const g of groups) value = (value << 16n) | g;
  if (v4 !== null) value = (value << 32n) | BigInt(v4);
  return { ok: true, value };
}
