import type Database from 'better-sqlite3-multiple-ciphers';
import { BITS, toHex, type IpEntry, type IpFamily } from '../../../common/ip';
import type { StoredEntry } from '../../../common/ipfilings/conflicts';
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
 */

export interface FoundEntry extends StoredEntry {
  filingId: number;
}

/** Bit length of end − start (0 for a single address). */
export function spanClass(start: string, end: string): number {
  const d = BigInt(`0x${end}`) - BigInt(`0x${start}`);
  return d === 0n ? 0 : d.toString(2).length;
}

/** Replaces a filing's addresses (its own rows, inside the caller's transaction). */
export function writeAddresses(db: Db, filingId: number, entries: readonly IpEntry[]): void {
  db.prepare('DELETE FROM ip_filing_addresses WHERE filing_id = ?').run(filingId);
  const insert = db.prepare(
    `INSERT INTO ip_filing_addresses (filing_id, seq, entry, family, kind, start_hex, end_hex, span_class)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  entries.forEach((e, i) => insert.run(filingId, i + 1, e.text, e.family, e.kind, e.start, e.end, spanClass(e.start, e.end)));
}

export function readAddresses(db: Db, filingId: number): (StoredEntry & { kind: IpEntry['kind'] })[] {
  return db
    .prepare('SELECT entry AS text, family, kind, start_hex AS start, end_hex AS end FROM ip_filing_addresses WHERE filing_id = ? ORDER BY seq')
    .all(filingId) as (StoredEntry & { kind: IpEntry['kind'] })[];
}

/** Filings that still claim their addresses: not voided, 待审批 or 有效, not ended before `today` (`?`). */
export const LIVE_SQL = `f.voided_at IS NULL AND f.state IN ('待审批', '有效') AND f.valid_to >= ?`;
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

/** Entries of live filings other than `exceptId` sharing at least one address with `entry`. */
export function entriesTouching(db: Db, entry: Pick<IpEntry, 'family' | 'start' | 'end'>, today: string, exceptId: number): FoundEntry[] {
  const stmt = cached(db, `touch${entry.family}`, () => windowSql(entry.family, `${LIVE_SQL} AND f.id <> ?`));
  return stmt.all(...classWindows(entry.family, entry.start, entry.end, 'overlap').flat(), entry.start, today, exceptId) as FoundEntry[];
}

/**
 * Every pair of live filings with entries sharing an address, by a sweep over the entries in
 * address order (the bounds index): an entry meets the earlier ones that have not ended before it
 * starts. Returns the pairs (smaller id first) and each involved filing's live entries.
 */
export function sweepOverlaps(db: Db, today: string): { pairs: [number, number][]; entries: Map<number, StoredEntry[]> } {
  const rows = db
    .prepare(
      `SELECT a.filing_id AS filingId, a.entry AS text, a.family, a.start_hex AS start, a.end_hex AS end
       FROM ip_filing_addresses a CROSS JOIN ip_filings f ON f.id = a.filing_id
       WHERE ${LIVE_SQL} ORDER BY a.family, a.start_hex, a.end_hex`,
    )
    .all(today) as FoundEntry[];
  const pairs = new Map<string, [number, number]>();
  let active: FoundEntry[] = [];
  let family: IpFamily | null = null;
  for (const row of rows) {
    if (row.family !== family) {
      active = [];
      family = row.family;
    }
    active = active.filter((x) => x.end >= row.start);
    for (const x of active) {
      if (x.filingId === row.filingId) continue;
      const pair: [number, number] = x.filingId < row.filingId ? [x.filingId, row.filingId] : [row.filingId, x.filingId];
      pairs.set(`${pair[0]}:${pair[1]}`, pair);
    }
    active.push(row);
  }
  const involved = new Set([...pairs.values()].flat());
  const entries = new Map<number, StoredEntry[]>();
  for (const row of rows) {
    if (!involved.has(row.filingId)) continue;
    const list = entries.get(row.filingId) ?? [];
    list.push({ family: row.family, text: row.text, start: row.start, end: row.end });
    entries.set(row.filingId, list);
  }
  return { pairs: [...pairs.values()], entries };
}
