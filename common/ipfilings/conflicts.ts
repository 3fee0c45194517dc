/**
 * Address conflicts between access-IP filings: two filings that still claim their addresses (not
 * voided, rejected, revoked or expired) and share at least one address. Saving is never refused
 * for it; the officer is told which filings collide, how, and whether another unit or other people
 * are involved, with the shared part labelled by address space (public, private …, `classify`).
 *
 * Kinds, per pair of entries and for a pair of filings the strongest of its entries':
 * - 同一地址: the two entries cover exactly the same addresses (10.0.0.0/24 and 10.0.0.0-10.0.0.255);
 * - 包含: one entry holds every address of the other (10.0.0.0/16 and 10.0.5.0/24);
 * - 重叠: they share some addresses only.
 */
import { classify, coverRange, formatAddress, type IpClassification, type IpEntry, type IpFamily } from '../ip';

export const CONFLICT_KINDS = ['同一地址', '包含', '重叠'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** An entry as stored: canonical text and fixed-width hex bounds. */
export type StoredEntry = Pick<IpEntry, 'family' | 'text' | 'start' | 'end'>;

export interface FilingSide {
  id: number;
  number: string;
  orgId: number;
  orgName: string;
  /** The users' names, in the filing's order; `userIds` in the same order. */
  users: string[];
  userIds: number[];
}

export interface EntryOverlap {
  /** The entry of filing `a` and of filing `b`, as filed. */
  a: string;
  b: string;
  kind: ConflictKind;
  /** Which of the two holds the other, for 包含 (`null` otherwise). */
  outer: 'a' | 'b' | null;
  /** The addresses both cover: 10.0.0.5, 10.0.5.0/24 or 10.0.0.128-10.0.1.10. */
  shared: string;
  /** The space the shared addresses lie in (公网, 私有地址 … or 混合). */
  space: IpClassification;
}

export interface FilingConflict {
  kind: ConflictKind;
  a: FilingSide;
  b: FilingSide;
  overlaps: EntryOverlap[];
  differentUnit: boolean;
  /** The two filings do not name the same users. */
  differentPeople: boolean;
  /** Users named on both. */
  sharedUsers: string[];
  /** One Chinese paragraph saying which filings collide, where, and who is involved. */
  message: string;
}

const RANK: Record<ConflictKind, number> = { 同一地址: 0, 包含: 1, 重叠: 2 };

/** The stronger of two kinds (同一地址 before 包含 before 重叠). */
export function strongerKind(x: ConflictKind, y: ConflictKind): ConflictKind {
  return RANK[x] <= RANK[y] ? x : y;
}

/** The addresses from `start` to `end` (hex) as canonical text: one address, one block, or a range. */
export function boundsText(family: IpFamily, start: string, end: string): string {
  const lo = BigInt(`0x${start}`);
  const hi = BigInt(`0x${end}`);
  if (lo === hi) return formatAddress(family, lo);
  const blocks = coverRange(family, lo, hi);
  if (blocks.length === 1) return `${formatAddress(family, lo)}/${(blocks[0] as { prefix: number }).prefix}`;
  return `${formatAddress(family, lo)}-${formatAddress(family, hi)}`;
}

/**
 * The kind of collision of two entries from their bounds alone, and which holds the other for
 * 包含; null when they share no address (or are of different families).
 */
export function overlapKind(a: Pick<StoredEntry, 'family' | 'start' | 'end'>, b: Pick<StoredEntry, 'family' | 'start' | 'end'>): { kind: ConflictKind; outer: 'a' | 'b' | null } | null {
  if (a.family !== b.family || a.start > b.end || b.start > a.end) return null;
  if (a.start === b.start && a.end === b.end) return { kind: '同一地址', outer: null };
  if (a.start <= b.start && b.end <= a.end) return { kind: '包含', outer: 'a' };
  if (b.start <= a.start && a.end <= b.end) return { kind: '包含', outer: 'b' };
  return { kind: '重叠', outer: null };
}

/** How two entries collide, or null when they share no address (or are of different families). */
export function entryOverlap(a: StoredEntry, b: StoredEntry): EntryOverlap | null {
  const k = overlapKind(a, b);
  if (!k) return null;
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  const shared = boundsText(a.family, start, end);
  const space = classify({ family: a.family, kind: 'range', text: shared, start, end, notes: [] });
  return { a: a.text, b: b.text, kind: k.kind, outer: k.outer, shared, space };
}

/** The overlaps of every pair of entries of two filings, in the order of `a`'s entries. */
export function entryOverlaps(a: readonly StoredEntry[], b: readonly StoredEntry[]): EntryOverlap[] {
  return a.flatMap((x) => b.map((y) => entryOverlap(x, y)).filter((o): o is EntryOverlap => o !== null));
}

const side = (f: FilingSide) => `${f.number}（${f.orgName}${f.users.length ? `，${f.users.join('、')}` : ''}）`;

function overlapPhrase(o: EntryOverlap, a: FilingSide, b: FilingSide): string {
  if (o.kind === '同一地址') return `同一地址 ${o.shared}（${o.space}）`;
  if (o.kind === '包含') {
    const [outer, outerText, inner, innerText] = o.outer === 'a' ? [a, o.a, b, o.b] : [b, o.b, a, o.a];
    return `${outer.number} 的 ${outerText} 包含 ${inner.number} 的 ${innerText}（${o.space}）`;
  }
  return `${a.number} 的 ${o.a} 与 ${b.number} 的 ${o.b} 部分重叠，重叠部分 ${o.shared}（${o.space}）`;
}

/** At most this many overlaps are spelled out in a message; the rest are counted. */
const SHOWN = 3;

function whoPhrase(differentUnit: boolean, differentPeople: boolean, sharedUsers: readonly string[]): string {
  const people = !differentPeople ? '使用人相同' : sharedUsers.length > 0 ? `使用人不完全相同（共同使用人：${sharedUsers.join('、')}）` : '使用人不同';
  if (!differentUnit && !differentPeople) return '属同一单位、同一使用人重复报备，请核实是否应合并或撤销其一。';
  return `${differentUnit ? '报备单位不同' : '报备单位相同'}，${people}，请核实地址是否填写有误或被他人占用。`;
}

/**
 * The conflict of two filings, or null when no address of one lies in the other. `a` and `b` keep
 * their roles in the result (a form's warning puts the filing being saved first).
 */
export function filingConflict(
  a: FilingSide,
  aEntries: readonly StoredEntry[],
  b: FilingSide,
  bEntries: readonly StoredEntry[],
): FilingConflict | null {
  const overlaps = entryOverlaps(aEntries, bEntries);
  if (overlaps.length === 0) return null;
  const kind = overlaps.map((o) => o.kind).reduce(strongerKind);
  const bIds = new Set(b.userIds);
  const sharedUsers = a.users.filter((_, i) => bIds.has(a.userIds[i] as number));
  const differentPeople = !(sharedUsers.length === a.userIds.length && sharedUsers.length === bIds.size);
  const differentUnit = a.orgId !== b.orgId;
  const shown = overlaps.slice(0, SHOWN).map((o) => overlapPhrase(o, a, b));
  const more = overlaps.length > SHOWN ? `等 ${overlaps.length} 处` : '';
  const message = `${side(a)}与${side(b)}的地址冲突：${shown.join('；')}${more}。${whoPhrase(differentUnit, differentPeople, sharedUsers)}`;
  return { kind, a, b, overlaps, differentUnit, differentPeople, sharedUsers, message };
}
