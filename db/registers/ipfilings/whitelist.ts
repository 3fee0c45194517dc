import type { z } from 'zod';
import type { whitelistFilterSchema } from '../../../common/api/ipfiling';
import { DomainError } from '../../../common/api/result';
import type { StoredEntry } from '../../../common/ipfilings/conflicts';
import { mergedCidrs, whitelistCsv, whitelistCsvRows, whitelistText, type WhitelistFormat } from '../../../common/ipfilings/whitelist';
import type { Db } from '../../core/open';
import { IN_FORCE_SQL, readAddresses } from './addresses';
import { describeSelection } from './register';
import { selectionWhere } from './repo';

type Selection = z.output<typeof whitelistFilterSchema>;

interface InForce {
  number: string;
  orgName: string;
  users: string[];
  validTo: string;
  entries: StoredEntry[];
}

/** Filings in force on `today` that the selection picks, by number. */
function inForce(db: Db, selection: Selection, today: string): InForce[] {
  const where = selectionWhere(selection);
  const rows = db
    .prepare(
      `SELECT f.id, f.number, o.name AS orgName, f.valid_to AS validTo FROM ip_filings f JOIN organisations o ON o.id = f.org_id
       WHERE ${[IN_FORCE_SQL, ...where.parts].join(' AND ')} ORDER BY f.year, f.seq`,
    )
    .all(today, today, ...where.params) as { id: number; number: string; orgName: string; validTo: string }[];
  const users = db.prepare('SELECT p.name FROM ip_filing_users u JOIN people p ON p.id = u.person_id WHERE u.filing_id = ? ORDER BY u.seq').pluck();
  return rows.map((r) => ({ number: r.number, orgName: r.orgName, validTo: r.validTo, users: users.all(r.id) as string[], entries: readAddresses(db, r.id) }));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-06-02 14:05:00 +08:00: the workstation's wall-clock time with its offset from UTC. */
export function formatLocalInstant(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone}`;
}

export interface Whitelist {
  content: string;
  /** Filings in force that the selection picks. */
  filings: number;
  /** Data lines: CIDR blocks (text) or rows (CSV). */
  lines: number;
  /** The selection in words, for the audit record. */
  selection: string;
}

/**
 * The whitelist file (common/ipfilings/whitelist.ts for its format), with its `#` header: what it
 * is, when and by whom it was generated, the filter and the counts. Refused when empty: a firewall
 * given an empty list would either let nothing or everything through, depending on its rules.
 */
export function buildWhitelist(
  db: Db,
  format: WhitelistFormat,
  selection: Selection,
  today: string,
  by: { at: Date; name: string; username: string },
): Whitelist {
  const filings = inForce(db, selection, today);
  const chosen = describeSelection(db, selection).join('；');
  if (filings.length === 0) {
    throw new DomainError('RULE', `截至 ${today}${chosen ? `，符合条件（${chosen}）的` : ''}当前有效的 IP 报备为 0 项，白名单为空，未导出。请检查筛选条件。`);
  }
  const data =
    format === 'text'
      ? mergedCidrs(filings.flatMap((f) => f.entries))
      : whitelistCsvRows(filings.flatMap((f) => f.entries.map((entry) => ({ entry, number: f.number, orgName: f.orgName, users: f.users, validTo: f.validTo }))));
  const header = [
    format === 'text'
      ? '访问IP白名单：当前有效的访问IP报备地址，每行一个 CIDR 地址块，重复、重叠和相邻的地址块已合并'
      : '访问IP白名单：当前有效的访问IP报备地址，每行一个 CIDR 地址块及允许它的报备；列：cidr,报备编号,单位,使用人,有效期至',
    `生成时间：${formatLocalInstant(by.at)}`,
    `生成账户：${by.name}（${by.username}）`,
    `筛选条件：${chosen || '无（全部当前有效的报备）'}`,
    `有效日期：${today}；报备 ${filings.length} 项；${format === 'text' ? '地址块' : '数据行'} ${data.length} 条`,
  ];
  const content = format === 'text' ? whitelistText(header, data) : whitelistCsv(header, data);
  return { content, filings: filings.length, lines: data.length, selection: chosen };
}
