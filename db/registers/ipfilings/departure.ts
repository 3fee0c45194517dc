import type { Db } from '../../core/open';
import { registerDepartureProvider, type ChecklistItem, type DepartureProvider } from '../people/departure';
import { pendingDeparture } from '../people/repo';
import { liveSql } from './addresses';
import { addressesPhrase, getFiling } from './repo';

/**
 * The IP register's part of a departure checklist (“Departure closes everything”, DESIGN.md §2):
 * each filing naming the departing person that still claims its addresses (待审批 or 有效, not
 * ended, not voided) is an open item “撤销 IP 报备 IP-2026-0001（10.0.0.1、…）”; it is done once
 * the filing is revoked (`ipfiling:revoke`, the item's action: the key carries the 报备编号, which
 * `ipfiling:get` takes) or no longer names the person. Filings revoked since the departure began
 * stay on the list as done items, so the list shows what was closed.
 */
export const ipDepartureProvider: DepartureProvider = {
  id: 'ip',
  label: 'IP 报备',
  items(db: Db, personId: number, today: string): ChecklistItem[] {
    const departure = pendingDeparture(db, personId);
    if (!departure) return [];
    const naming = `FROM ip_filings f JOIN ip_filing_users u ON u.filing_id = f.id AND u.person_id = ?`;
    const open = db.prepare(`SELECT f.id ${naming} WHERE ${liveSql()} ORDER BY f.year, f.seq`).pluck().all(personId, today) as number[];
    const closed = db
      .prepare(`SELECT f.id ${naming} WHERE f.voided_at IS NULL AND f.state = '已撤销' AND f.closed_at >= ? ORDER BY f.year, f.seq`)
      .pluck()
      .all(personId, departure.startedAt) as number[];
    const name = db.prepare('SELECT name FROM people WHERE id = ?').pluck().get(personId) as string;
    const item = (id: number, done: boolean): ChecklistItem => {
      const f = getFiling(db, id, today);
      const what = `${f.number}（${f.orgName}，${f.accessMethod}，访问系统：${f.systems}）`;
      let detail: string;
      if (done) detail = `${what}已于 ${f.revokedOn ?? ''} 撤销，原因：${f.revokeReason ?? ''}。`;
      else if (f.state === '待审批') detail = `${what}待审批，${name} 为使用人之一；请撤回该申请，或在审批前将其从使用人中移除。`;
      else {
        const others = f.users.filter((u) => u.id !== personId).map((u) => u.name);
        const rest = others.length ? `其他使用人（${others.join('、')}）如仍需访问，请撤销后为其重新报备。` : '';
        detail = `${what}${f.statusText}，${name} 为使用人；请撤销该报备。${rest}`;
      }
      return { key: `ip:${f.number}`, label: `撤销 IP 报备 ${f.number}（${addressesPhrase(f)}）`, done, detail };
    };
    return [...open.map((id) => item(id, false)), ...closed.map((id) => item(id, true))];
  },
};

registerDepartureProvider(ipDepartureProvider);
