import type { IpFiling, LookupHit } from '../../../common/api/ipfiling';
import type { IpEntry } from '../../../common/ip';
import { EXPIRY_WARN_DAYS, type AccessMethod } from '../../../common/ipfilings/status';
import type { Db } from '../../core/open';
import { entriesHolding } from './addresses';
import { getFiling } from './repo';

/**
 * “Who may connect from this address?”: every filing in force today with an entry holding the
 * address (or the whole block or range), by number. One indexed window query (addresses.ts),
 * then the few filings found.
 */
export function lookupAddress(db: Db, entry: Pick<IpEntry, 'family' | 'start' | 'end'>, today: string): LookupHit[] {
  const matched = new Map<number, string[]>();
  for (const hit of entriesHolding(db, entry, today)) {
    const list = matched.get(hit.filingId) ?? [];
    list.push(hit.text);
    matched.set(hit.filingId, list);
  }
  const filing = db.prepare(
    `SELECT f.id, f.number, o.name AS orgName, f.access_method AS accessMethod, f.access_note AS accessNote, f.systems,
       f.valid_from AS validFrom, f.valid_to AS validTo
     FROM ip_filings f JOIN organisations o ON o.id = f.org_id WHERE f.id = ?`,
  );
  const users = db.prepare('SELECT p.name FROM ip_filing_users u JOIN people p ON p.id = u.person_id WHERE u.filing_id = ? ORDER BY u.seq').pluck();
  return [...matched]
    .map(([id, texts]) => {
      const f = filing.get(id) as Omit<LookupHit, 'users' | 'matched'> & { accessMethod: AccessMethod };
      return { ...f, users: users.all(id) as string[], matched: texts };
    })
    .sort((a, b) => a.number.localeCompare(b.number));
}

export interface Expiring {
  filing: IpFiling;
  daysLeft: number;
  expired: boolean;
  message: string;
}

function expiryMessage(f: IpFiling): string {
  const who = `${f.number}（${f.orgName}${f.users.length ? `，${f.users.map((u) => u.name).join('、')}` : ''}）`;
  const days = f.daysLeft ?? 0;
  const when =
    days > 0 ? `将于 ${f.validTo} 到期，还剩 ${days} 天` : days === 0 ? `今天（${f.validTo}）到期` : `已于 ${f.validTo} 到期（${-days} 天前）`;
  const next = f.renewedBy ? `已续期：${f.renewedBy.number}（${f.renewedBy.status}）` : days >= 0 ? '请及时办理续期，或到期后不再放行' : '如仍需访问，请办理续期';
  return `${who}${when}；${next}。`;
}

/**
 * For the dashboard: approved filings (not voided) ending within `aheadDays` days (default
 * `EXPIRY_WARN_DAYS`) and those that ended in the last `behindDays` days, earliest end first.
 */
export function expiringFilings(db: Db, today: string, aheadDays = EXPIRY_WARN_DAYS, behindDays = EXPIRY_WARN_DAYS): Expiring[] {
  const ids = db
    .prepare(
      `SELECT f.id FROM ip_filings f
       WHERE f.state = '有效' AND f.voided_at IS NULL AND f.valid_from <= ?
         AND f.valid_to BETWEEN date(?, '-' || ? || ' days') AND date(?, '+' || ? || ' days')
       ORDER BY f.valid_to, f.year, f.seq`,
    )
    .pluck()
    .all(today, today, behindDays, today, aheadDays) as number[];
  return ids.map((id) => {
    const filing = getFiling(db, id, today);
    const daysLeft = filing.daysLeft ?? 0;
    return { filing, daysLeft, expired: daysLeft < 0, message: expiryMessage(filing) };
  });
}
