import { CONFLICT_KINDS, filingConflict, type ConflictKind, type FilingConflict, type FilingSide, type StoredEntry } from '../../../common/ipfilings/conflicts';
import type { Db } from '../../core/open';
import { entriesTouching, LIVE_SQL, readAddresses, sweepOverlaps } from './addresses';

/**
 * Conflicts between live filings (common/ipfilings/conflicts.ts for what they are). A renewal and
 * the filing it renews are expected to share their addresses while both are live, so such a pair
 * is not a conflict.
 */

const CHUNK = 500;

/** Number, unit and users of filings, by id. */
function sides(db: Db, ids: readonly number[]): Map<number, FilingSide> {
  const out = new Map<number, FilingSide>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const marks = chunk.map(() => '?').join(', ');
    const rows = db
      .prepare(`SELECT f.id, f.number, f.org_id AS orgId, o.name AS orgName FROM ip_filings f JOIN organisations o ON o.id = f.org_id WHERE f.id IN (${marks})`)
      .all(...chunk) as Omit<FilingSide, 'users' | 'userIds'>[];
    for (const r of rows) out.set(r.id, { ...r, users: [], userIds: [] });
    const users = db
      .prepare(
        `SELECT u.filing_id AS filingId, p.id, p.name FROM ip_filing_users u JOIN people p ON p.id = u.person_id
         WHERE u.filing_id IN (${marks}) ORDER BY u.filing_id, u.seq`,
      )
      .all(...chunk) as { filingId: number; id: number; name: string }[];
    for (const u of users) {
      const s = out.get(u.filingId) as FilingSide;
      s.users.push(u.name);
      s.userIds.push(u.id);
    }
  }
  return out;
}

/** Pairs of ids where one renews the other. */
function renewalLinks(db: Db, ids: readonly number[]): Set<string> {
  const links = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = db
      .prepare(`SELECT id, renews_id AS renewsId FROM ip_filings WHERE renews_id IS NOT NULL AND id IN (${chunk.map(() => '?').join(', ')})`)
      .all(...chunk) as { id: number; renewsId: number }[];
    for (const r of rows) links.add(`${Math.min(r.id, r.renewsId)}:${Math.max(r.id, r.renewsId)}`);
  }
  return links;
}

const RANK = new Map(CONFLICT_KINDS.map((k, i) => [k, i]));

function byStrength(x: FilingConflict, y: FilingConflict): number {
  return (RANK.get(x.kind) ?? 0) - (RANK.get(y.kind) ?? 0) || x.a.number.localeCompare(y.a.number) || x.b.number.localeCompare(y.b.number);
}

function isLive(db: Db, id: number, today: string): boolean {
  return db.prepare(`SELECT 1 FROM ip_filings f WHERE f.id = ? AND ${LIVE_SQL}`).get(id, today) !== undefined;
}

/**
 * The conflicts of one filing with the other live filings, the filing as `a`, by the indexed
 * window queries of its entries (no sweep of the register). Nothing when it is not live itself.
 */
export function conflictsOf(db: Db, filingId: number, today: string): FilingConflict[] {
  if (!isLive(db, filingId, today)) return [];
  const own: StoredEntry[] = readAddresses(db, filingId);
  const others = new Set<number>();
  for (const e of own) for (const hit of entriesTouching(db, e, today, filingId)) others.add(hit.filingId);
  const ids = [filingId, ...others];
  const links = renewalLinks(db, ids);
  const who = sides(db, ids);
  const me = who.get(filingId) as FilingSide;
  const out: FilingConflict[] = [];
  for (const otherId of others) {
    if (links.has(`${Math.min(filingId, otherId)}:${Math.max(filingId, otherId)}`)) continue;
    const c = filingConflict(me, own, who.get(otherId) as FilingSide, readAddresses(db, otherId));
    if (c) out.push(c);
  }
  return out.sort(byStrength);
}

export interface ConflictQuery {
  filingId: number | null;
  kind: ConflictKind | null;
  differentUnitOnly: boolean;
}

/** Every conflict of the register (or of one filing), strongest first, then by number. */
export function listConflicts(db: Db, query: ConflictQuery, today: string, page: { page: number; pageSize: number }): { rows: FilingConflict[]; total: number } {
  let all: FilingConflict[];
  if (query.filingId !== null) {
    all = conflictsOf(db, query.filingId, today);
  } else {
    const { pairs, entries } = sweepOverlaps(db, today);
    const ids = [...entries.keys()];
    const links = renewalLinks(db, ids);
    const who = sides(db, ids);
    all = pairs
      .filter(([a, b]) => !links.has(`${a}:${b}`))
      .map(([a, b]) => filingConflict(who.get(a) as FilingSide, entries.get(a) ?? [], who.get(b) as FilingSide, entries.get(b) ?? []))
      .filter((c): c is FilingConflict => c !== null)
      .sort(byStrength);
  }
  const rows = all.filter((c) => (query.kind === null || c.kind === query.kind) && (!query.differentUnitOnly || c.differentUnit));
  const from = (page.page - 1) * page.pageSize;
  return { rows: rows.slice(from, from + page.pageSize), total: rows.length };
}
