import type { z } from 'zod';
import type { whitelistFilterSchema } from '../../../common/api/ipfiling';
import { DomainError } from '../../../common/api/result';
import type { StoredEntry } from '../../../common/ipfilings/conflicts';
import { mergedCidrs, whitelistCsv, whitelistCsvRows, whitelistText, type WhitelistFormat } from '../../../common/ipfilings/whitelist';
import type { AuditDetails } from '../../audit/log';
import { saveFile } from '../../core/files';
import type { Db } from '../../core/open';
import { IN_FORCE_SQL } from './addresses';
import { describeSelection } from './register';
import { selectionWhere } from './repo';

type Selection = z.output<typeof whitelistFilterSchema>;

interface InForce {
  number: string;
  orgName: string;
  /** The users' names, joined by 、 (one item). */
  users: string[];
  validTo: string;
  entries: StoredEntry[];
}

/** The conditions of filings in force on `today` that the selection picks. */
function inForceWhere(selection: Selection, today: string): { sql: string; params: unknown[] } {
  const where = selectionWhere(selection);
  return { sql: [IN_FORCE_SQL, ...where.parts].join(' AND '), params: [today, today, ...where.params] };
}

/** The entries of the filings picked, and how many filings they come from (for the text format). */
function inForceEntries(db: Db, selection: Selection, today: string): { filings: number; entries: StoredEntry[] } {
  const where = inForceWhere(selection, today);
  const rows = db
    .prepare(
      `SELECT a.filing_id AS filingId, a.entry AS text, a.family, a.start_hex AS start, a.end_hex AS end
       FROM ip_filings f JOIN ip_filing_addresses a ON a.filing_id = f.id WHERE ${where.sql}`,
    )
    .all(...where.params) as (StoredEntry & { filingId: number })[];
  return { filings: new Set(rows.map((r) => r.filingId)).size, entries: rows };
}

/** The filings picked with their number, unit, users and entries, by number (for the CSV format). */
function inForce(db: Db, selection: Selection, today: string): InForce[] {
  const where = inForceWhere(selection, today);
  const rows = db
    .prepare(
      `SELECT f.id, f.number, o.name AS orgName, f.valid_to AS validTo,
         (SELECT group_concat(name, '、') FROM (SELECT p.name FROM ip_filing_users u JOIN people p ON p.id = u.person_id
            WHERE u.filing_id = f.id ORDER BY u.seq)) AS users,
         a.entry AS text, a.family, a.start_hex AS start, a.end_hex AS end
       FROM ip_filings f JOIN organisations o ON o.id = f.org_id JOIN ip_filing_addresses a ON a.filing_id = f.id
       WHERE ${where.sql} ORDER BY f.year, f.seq, a.seq`,
    )
    .all(...where.params) as ({ id: number; number: string; orgName: string; validTo: string; users: string | null } & StoredEntry)[];
  const filings = new Map<number, InForce>();
  for (const r of rows) {
    let f = filings.get(r.id);
    if (!f) filings.set(r.id, (f = { number: r.number, orgName: r.orgName, validTo: r.validTo, users: r.users ? [r.users] : [], entries: [] }));
    f.entries.push({ family: r.family, text: r.text, start: r.start, end: r.end });
  }
  return [...filings.values()];
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
  const chosen = describeSelection(db, selection).join('；');
  let filings: number;
  let data: string[];
  if (format === 'text') {
    const found = inForceEntries(db, selection, today);
    filings = found.filings;
    data = mergedCidrs(found.entries);
  } else {
    const found = inForce(db, selection, today);
    filings = found.length;
    data = whitelistCsvRows(found.flatMap((f) => f.entries.map((entry) => ({ entry, number: f.number, orgName: f.orgName, users: f.users, validTo: f.validTo }))));
  }
  if (filings === 0) {
    throw new DomainError('RULE', `截至 ${today}，${chosen ? `符合条件（${chosen}）的` : ''}当前有效的 IP 报备为 0 项，白名单为空，未导出。请检查筛选条件。`);
  }
  const header = [
    format === 'text'
      ? '访问IP白名单：当前有效的访问IP报备地址，每行一个 CIDR 地址块，重复、重叠和相邻的地址块已合并'
      : '访问IP白名单：当前有效的访问IP报备地址，每行一个 CIDR 地址块及允许它的报备；列：cidr,报备编号,单位,使用人,有效期至',
    `生成时间：${formatLocalInstant(by.at)}`,
    `生成账户：${by.name}（${by.username}）`,
    `筛选条件：${chosen || '无（全部当前有效的报备）'}`,
    `有效日期：${today}；报备 ${filings} 项；${format === 'text' ? '地址块' : '数据行'} ${data.length} 条`,
  ];
  const content = format === 'text' ? whitelistText(header, data) : whitelistCsv(header, data);
  return { content, filings, lines: data.length, selection: chosen };
}

export interface WhitelistExported {
  filings: number;
  lines: number;
  audit: AuditDetails;
}

/**
 * The work of ipfiling:whitelist, run in a worker on its own connection: builds the list as of
 * `today`, writes it to `path` (atomically) and returns the audit record for the main thread.
 */
export async function exportWhitelist(
  db: Db,
  format: WhitelistFormat,
  filter: Selection,
  today: string,
  by: { at: Date; name: string; username: string },
  path: string,
): Promise<WhitelistExported> {
  const list = buildWhitelist(db, format, filter, today, by);
  await saveFile(path, new TextEncoder().encode(list.content));
  const counts = { filings: list.filings, lines: list.lines };
  const what = format === 'text' ? `文本格式，地址块 ${list.lines} 条` : `CSV 格式，数据行 ${list.lines} 条`;
  return {
    ...counts,
    audit: {
      targetType: 'register',
      targetId: 'ipWhitelist',
      summary: `导出访问IP白名单（${what}，当前有效报备 ${list.filings} 项；筛选条件：${list.selection || '无'}），保存为 ${path}`,
      after: { format, filter, path, ...counts },
    },
  };
}
