/**
 * Arithmetic on parsed entries: overlap, containment, and the minimal CIDR cover of a range for
 * whitelist export (one block per line, as firewalls and VPN gateways take them).
 *
 * Overlap and containment compare the fixed-width hex bounds as strings, exactly as the database
 * does on its TEXT columns, so the register and its queries cannot disagree. Entries of different
 * families never overlap or contain each other (IPv4-mapped IPv6 text is already IPv4 when
 * parsed).
 */
import { BITS, formatAddress, maxOf, toAddress } from './address';
import { IpAddressError, type IpEntry, type IpFamily } from './types';

const HEX = { 4: /^[0-9a-f]{8}$/, 6: /^[0-9a-f]{32}$/ } as const;

/** Checks an entry's family and bounds (entries may come from storage); throws IpAddressError. */
export function checkBounds(entry: IpEntry): void {
  const e = entry as Partial<IpEntry> | null | undefined;
  const family = e?.family;
  if (family !== 4 && family !== 6) throw new IpAddressError('IP 地址记录已损坏：地址族应为 IPv4 或 IPv6');
  const { start, end } = e as IpEntry;
  if (typeof start !== 'string' || typeof end !== 'string' || !HEX[family].test(start) || !HEX[family].test(end)) {
    throw new IpAddressError(`IP 地址记录已损坏：起止地址应为 ${family === 4 ? 8 : 32} 位小写十六进制数`);
  }
  if (start > end) throw new IpAddressError('IP 地址记录已损坏：起始地址大于结束地址');
}

/** First and last address of an entry as numbers. */
export function boundsOf(entry: IpEntry): { family: IpFamily; start: bigint; end: bigint } {
  checkBounds(entry);
  return { family: entry.family, start: BigInt(`0x${entry.start}`), end: BigInt(`0x${entry.end}`) };
}

/** Whether two entries share at least one address: `a.start <= b.end AND b.start <= a.end`. */
export function overlaps(a: IpEntry, b: IpEntry): boolean {
  checkBounds(a);
  checkBounds(b);
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/** Whether every address of `inner` lies in `outer` (an entry contains itself). */
export function contains(outer: IpEntry, inner: IpEntry): boolean {
  checkBounds(outer);
  checkBounds(inner);
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Whether an address lies in an entry. The address is text (`::ffff:1.2.3.4` counts as
 * `1.2.3.4`) or a parsed entry of exactly one address; anything else throws IpAddressError.
 */
export function containsAddress(entry: IpEntry, address: IpEntry | string): boolean {
  const a = typeof address === 'string' ? toAddress(address) : address;
  checkBounds(a);
  if (a.start !== a.end) throw new IpAddressError(`${a.text} 不是单个地址`);
  return contains(entry, a);
}

/** A CIDR block as numbers. */
export interface Block {
  start: bigint;
  prefix: number;
}

/**
 * The fewest CIDR blocks whose union is exactly [lo, hi]: from the low end, each block is the
 * largest one aligned at the current address that does not pass `hi`. Throws IpAddressError for
 * bounds outside the family or lo > hi.
 */
export function coverRange(family: IpFamily, lo: bigint, hi: bigint): Block[] {
  if (lo < 0n || hi > maxOf(family) || lo > hi) throw new IpAddressError('范围无效：起始地址应不大于结束地址，且在地址族范围内');
  const bits = BITS[family];
  const blocks: Block[] = [];
  for (let at = lo; at <= hi; ) {
    let size = at === 0n ? 1n << BigInt(bits) : at & -at; // largest alignment of `at`
    while (at + size - 1n > hi) size >>= 1n;
    blocks.push({ start: at, prefix: bits - (size.toString(2).length - 1) });
    at += size;
  }
  return blocks;
}

const blockText = (family: IpFamily, b: Block) => `${formatAddress(family, b.start)}/${b.prefix}`;

/**
 * The minimal CIDR cover of the range from `start` to `end` (address text, both ends included),
 * in canonical text: `rangeToCidrs('10.0.0.1', '10.0.0.6')` → `10.0.0.1/32`, `10.0.0.2/31`,
 * `10.0.0.4/31`, `10.0.0.6/32`. Throws IpAddressError for ends that are not single addresses of
 * one family in order.
 */
export function rangeToCidrs(start: string, end: string): string[] {
  const a = toAddress(start);
  const b = toAddress(end);
  if (a.family !== b.family) throw new IpAddressError(`${a.text} 与 ${b.text} 不是同一地址族，不能组成范围`);
  if (a.start > b.start) throw new IpAddressError(`起始地址 ${a.text} 大于结束地址 ${b.text}`);
  return coverRange(a.family, BigInt(`0x${a.start}`), BigInt(`0x${b.start}`)).map((blk) => blockText(a.family, blk));
}

/** Any entry as CIDR blocks, for whitelist export: a block as itself, an address as /32 or /128. */
export function entryToCidrs(entry: IpEntry): string[] {
  const { family, start, end } = boundsOf(entry);
  return coverRange(family, start, end).map((blk) => blockText(family, blk));
}
