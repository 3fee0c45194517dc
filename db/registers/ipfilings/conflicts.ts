import { filingConflict, type ConflictKind, type FilingConflict, type FilingSide } from '../../../common/ipfilings/conflicts';
import type { Db } from '../../core/open';
import { pageLimit } from '../../core/search';
import { liveSql, readAddresses } from './addresses';

/**
 * Conflicts between live filings (common/ipfilings/conflicts.ts for what they are), read from the
 * overlapping pairs the core keeps (`ip_filing_overlaps`, addresses.ts): filtered, sorted and paged
 * in SQL, then only the page is described in words. A renewal and the filing it renews are expected
 * to share their addresses while both are live, so such a pair is not a conflict.
 */

export interface ConflictQuery {
  filingId: number | null;
  kind: ConflictKind | null;
  differentUnitOnly: boolean;
}

/** Number, unit and users of a filing. */
function side(db: Db, id: number): FilingSide {
  const row = db
    .prepare('SELECT f.id, f.number, f.org_id AS orgId, o.name AS orgName FROM ip_filings f JOIN organisations o ON o.id = f.org_id WHERE f.id = ?')
    .get(id) as Omit<FilingSide, 'users' | 'userIds'>;
  const users = db
    .prepare('SELECT p.id, p.name FROM ip_filing_users u JOIN people p ON p.id = u.person_id WHERE u.filing_id = ? ORDER BY u.seq')
    .all(id) as { id: number; name: string }[];
  return { ...row, users: users.map((u) => u.name), userIds: users.map((u) => u.id) };
}

/** The pairs of one filing come from the two indexes of the pairs (an OR would scan them all). */
const PAIRS = `(SELECT low_id, high_id, kind FROM ip_filing_overlaps WHERE @filingId IS NULL
  UNION ALL SELECT low_id, high_id, kind FROM ip_filing_overlaps WHERE low_id = @filingId
  UNION ALL SELECT low_id, high_id, kind FROM ip_filing_overlaps WHERE high_id = @filingId)`;

const FROM = `FROM ${PAIRS} o
  JOIN ip_filings a ON a.id = o.low_id
  JOIN ip_filings b ON b.id = o.high_id
  WHERE ${liveSql('a', '@today')} AND ${liveSql('b', '@today')}
    AND (b.renews_id IS NULL OR b.renews_id <> a.id) AND (a.renews_id IS NULL OR a.renews_id <> b.id)
    AND (@kind IS NULL OR o.kind = @kind)
    AND (@differentUnit = 0 OR a.org_id <> b.org_id)`;

const ORDER = `ORDER BY CASE o.kind WHEN '同一地址' THEN 0 WHEN '包含' THEN 1 ELSE 2 END, a.year, a.seq, b.year, b.seq`;

/**
 * Live conflicts, strongest first (同一地址, 包含, 重叠), then by the numbers; those of one filing
 * with that filing as `a`. Without a page: all of them.
 */
export function listConflicts(db: Db, query: ConflictQuery, today: string, page?: { page: number; pageSize: number }): { rows: FilingConflict[]; total: number } {
  const params = { today, kind: query.kind, differentUnit: query.differentUnitOnly ? 1 : 0, filingId: query.filingId };
  // One pass: the count rides along with each row of the page.
  const pairs = db
    .prepare(`SELECT o.low_id AS low, o.high_id AS high, count(*) OVER () AS total ${FROM} ${ORDER}${pageLimit(page)}`)
    .all(params) as { low: number; high: number; total: number }[];
  const total =
    pairs[0]?.total ?? (page && page.page > 1 ? (db.prepare(`SELECT count(*) ${FROM}`).pluck().get(params) as number) : 0);
  const rows = pairs.map(({ low, high }) => {
    const [a, b] = query.filingId === high ? [high, low] : [low, high];
    return filingConflict(side(db, a), readAddresses(db, a), side(db, b), readAddresses(db, b)) as FilingConflict;
  });
  return { rows, total };
}

/** The conflicts of one filing with the other live filings, the filing as `a`. */
export function conflictsOf(db: Db, filingId: number, today: string): FilingConflict[] {
  return listConflicts(db, { filingId, kind: null, differentUnitOnly: false }, today).rows;
}
