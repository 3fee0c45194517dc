import type Database from 'better-sqlite3-multiple-ciphers';
import { BITS, toHex, type IpEntry, type IpFamily } from '../../../common/ip';
import { overlapKind, strongerKind, type ConflictKind, type StoredEntry } from '../../../common/ipfilings/conflicts';
import type { Db } from '../../core/open';

/**
 * The address rows of filings (`ip_filing_addresses`, migration 0012) and the queries on them.
 *
 * An entry of span class c (the bit length of end − start) covers fewer than 2^c addresses, so an
 * entry holding the addresses [s, e] starts in (e − 2^c, s], and one touching them starts in
 * (s − 2^c, e]. A query asks, for every class of the family (33 for IPv4, 129 for IPv6), for the
 * entries of that class starting in that window: one range scan of the lookup index
 * `(family, span_class, start_hex, …)` each, of a few rows at most, instead of a scan of every
 * entry that starts below the address (half the table on average). `end_hex` is then checked on
 * the rows found.
 *
 * Whenever a filing's addresses are written, its pairs in `ip_filing_overlaps` are recomputed the
 * same way (one window query per entry); `rebuildOverlaps` recomputes the whole table by a sweep
 * over the entries in address order, for data written in bulk.
 */

export interface FoundEntry extends StoredEntry {
  filingId: number;
}

/** Bit length of end − start (0 for a single address). */
export function spanClass(start: string, end: string): number {
  const d = BigInt(`0x${end}`) - BigInt(`0x${start}`);
  return d === 0n ? 0 : d.toString(2).length;
}

/**
 * Replaces a filing's address rows only, leaving `ip_filing_overlaps` stale: for writing in bulk,
 * followed by `rebuildOverlaps`. Everything else uses `writeAddresses`.
 */
export function writeAddressRows(db: Db, filingId: number, entries: readonly IpEntry[]): void {
  db.prepare('DELETE FROM ip_filing_addresses WHERE filing_id = ?').run(filingId);
  const insert = db.prepare(
    `INSERT INTO ip_filing_addresses (filing_id, seq, entry, family, kind, start_hex, end_hex, span_class)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  entries.forEach((e, i) => insert.run(filingId, i + 1, e.text, e.family, e.kind, e.start, e.end, spanClass(e.start, e.end)));
}

/** Replaces a filing's addresses (its own rows, inside the caller's transaction) and its overlaps. */
export function writeAddresses(db: Db, filingId: number, entries: readonly IpEntry[]): void {
  writeAddressRows(db, filingId, entries);
  recordOverlaps(db, filingId, entries);
}

export function readAddresses(db: Db, filingId: number): (StoredEntry & { kind: IpEntry['kind'] })[] {
  return db
    .prepare('SELECT entry AS text, family, kind, start_hex AS start, end_hex AS end FROM ip_filing_addresses WHERE filing_id = ? ORDER BY seq')
    .all(filingId) as (StoredEntry & { kind: IpEntry['kind'] })[];
}

/** Filings (alias `x`) that still claim their addresses: not voided, 待审批 or 有效, not ended before `today` (`param`). */
export const liveSql = (x = 'f', param = '?') => `${x}.voided_at IS NULL AND ${x}.state IN ('待审批', '有效') AND ${x}.valid_to >= ${param}`;
/** Filings in force on `today` (both `?`): approved, started, not ended, not voided. */
export const IN_FORCE_SQL = `f.voided_at IS NULL AND f.state = '有效' AND f.valid_from <= ? AND f.valid_to >= ?`;

type Mode = 'contain' | 'overlap';

/** The start_hex window of each span class: [class, lo, hi] (lo > hi when the class cannot match). */
export function classWindows(family: IpFamily, start: string, end: string, mode: Mode): [number, string, string][] {
  const s = BigInt(`0x${start}`);
  const e = BigInt(`0x${end}`);
  const windows: [number, string, string][] = [];
  for (let c = 0; c <= BITS[family]; c++) {
    const reach = (1n << BigInt(c)) - 1n;
    const from = (mode === 'contain' ? e : s) - reach;
    const lo = from < 0n ? 0n : from;
    const hi = mode === 'contain' ? s : e;
    windows.push([c, toHex(family, lo), toHex(family, hi)]);
  }
  return windows;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

function cached(db: Db, key: string, sql: () => string): Database.Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let stmt = map.get(key);
  if (!stmt) map.set(key, (stmt = db.prepare(sql())));
  return stmt;
}

/**
 * The SQL of a window query. CROSS JOIN keeps the windows outermost, then the address index, then
 * the filing by its primary key, whatever the planner's statistics say.
 */
export function windowSql(family: IpFamily, filingCondition: string): string {
  const values = Array.from({ length: BITS[family] + 1 }, () => '(?, ?, ?)').join(', ');
  return `WITH w(cls, lo, hi) AS (VALUES ${values})
    SELECT a.filing_id AS filingId, a.entry AS text, a.family, a.start_hex AS start, a.end_hex AS end
    FROM w CROSS JOIN ip_filing_addresses a ON a.family = ${family} AND a.span_class = w.cls AND a.start_hex BETWEEN w.lo AND w.hi
    CROSS JOIN ip_filings f ON f.id = a.filing_id
    WHERE a.end_hex >= ? AND ${filingCondition}
    ORDER BY a.filing_id, a.seq`;
}

/**
 * Entries of filings in force on `today` that hold every address of `entry` (one address, or a
 * whole block or range).
 */
export function entriesHolding(db: Db, entry: Pick<IpEntry, 'family' | 'start' | 'end'>, today: string): FoundEntry[] {
  const stmt = cached(db, `hold${entry.family}`, () => windowSql(entry.family, IN_FORCE_SQL));
  return stmt.all(...classWindows(entry.family, entry.start, entry.end, 'contain').flat(), entry.end, today, today) as FoundEntry[];
}

/** Entries of filings not voided other than `exceptId` sharing at least one address with `entry`. */
export function entriesTouching(db: Db, entry: Pick<IpEntry, 'family' | 'start' | 'end'>, exceptId: number): FoundEntry[] {
  const stmt = cached(db, `touch${entry.family}`, () => windowSql(entry.family, 'f.voided_at IS NULL AND f.id <> ?'));
  return stmt.all(...classWindows(entry.family, entry.start, entry.end, 'overlap').flat(), entry.start, exceptId) as FoundEntry[];
}

/** Filing pairs (smaller id first, as `low:high`) with the strongest kind of their entries' collisions. */
export type PairKinds = Map<string, ConflictKind>;

function meet(pairs: PairKinds, x: FoundEntry, y: FoundEntry): void {
  if (x.filingId === y.filingId) return;
  const k = overlapKind(x, y);
  if (!k) return;
  const key = x.filingId < y.filingId ? `${x.filingId}:${y.filingId}` : `${y.filingId}:${x.filingId}`;
  const known = pairs.get(key);
  pairs.set(key, known ? strongerKind(known, k.kind) : k.kind);
}

function storePairs(db: Db, pairs: PairKinds): void {
  const insert = db.prepare('INSERT INTO ip_filing_overlaps (low_id, high_id, kind) VALUES (?, ?, ?)');
  for (const [key, kind] of pairs) {
    const [low, high] = key.split(':').map(Number);
    insert.run(low, high, kind);
  }
}

/** Recomputes the pairs of one filing (after its addresses were written). */
function recordOverlaps(db: Db, filingId: number, entries: readonly IpEntry[]): void {
  db.prepare('DELETE FROM ip_filing_overlaps WHERE low_id = ? OR high_id = ?').run(filingId, filingId);
  const pairs: PairKinds = new Map();
  for (const e of entries) {
    const own: FoundEntry = { filingId, family: e.family, text: e.text, start: e.start, end: e.end };
    for (const hit of entriesTouching(db, e, filingId)) meet(pairs, own, hit);
  }
  storePairs(db, pairs);
}

/**
 * Every pair of filings not voided with entries sharing an address, by a sweep over the entries
 * in address order (the bounds index): an entry meets the earlier ones that have not ended
 * before it starts.
 */
export function sweepOverlaps(db: Db): PairKinds {
  const rows = db
    .prepare(
      `SELECT a.filing_id AS filingId, a.family, a.start_hex AS start, a.end_hex AS end
       FROM ip_filing_addresses a WHERE a.filing_id NOT IN (SELECT id FROM ip_filings WHERE voided_at IS NOT NULL)
       ORDER BY a.family, a.start_hex, a.end_hex`,
    )
    .all() as FoundEntry[];
  const pairs: PairKinds = new Map();
  let active: FoundEntry[] = [];
  let family: IpFamily | null = null;
  for (const row of rows) {
    if (row.family !== family) {
      active = [];
      family = row.family;
    }
    active = active.filter((x) => x.end >= row.start);
    for (const x of active) meet(pairs, x, row);
    active.push(row);
  }
  return pairs;
}

/** Recomputes `ip_filing_overlaps` from the address rows (after filings were written in bulk). */
export function rebuildOverlaps(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM ip_filing_overlaps').run();
    storePairs(db, sweepOverlaps(db));
  })();
}
