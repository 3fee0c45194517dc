/**
 * The whitelist of currently valid filings' addresses, for a firewall, VPN gateway or bastion host.
 *
 * Text: `#` comment lines (what it is, when and by whom it was generated, the filter), then one
 * CIDR block per line: every entry covered by CIDR blocks (`rangeToCidrs` for ranges), the blocks
 * of all filings merged — duplicates dropped, overlapping and adjacent blocks joined — and written
 * as the fewest blocks, IPv4 before IPv6, in address order.
 *
 * CSV: the same `#` comment lines, then the header row `cidr,报备编号,单位,使用人,有效期至` and one
 * row per block and filing (not merged, so that each line names the filing that allows it).
 * UTF-8 without a byte-order mark, CRLF line ends (RFC 4180), fields quoted when they hold a comma,
 * quote or line break, and text that a spreadsheet would read as a formula neutralised.
 */
import { coverRange, entryToCidrs, formatAddress, type IpFamily } from '../ip';
import { neutralizeCell } from '../validators/text';
import type { StoredEntry } from './conflicts';

export const WHITELIST_FORMATS = ['text', 'csv'] as const;
export type WhitelistFormat = (typeof WHITELIST_FORMATS)[number];

export const CSV_HEADER = ['cidr', '报备编号', '单位', '使用人', '有效期至'] as const;

/** The fewest CIDR blocks covering exactly the union of the entries: IPv4 first, in address order. */
export function mergedCidrs(entries: readonly Pick<StoredEntry, 'family' | 'start' | 'end'>[]): string[] {
  const out: string[] = [];
  for (const family of [4, 6] as IpFamily[]) {
    // Fixed-width hex sorts as the numbers do; numbers are made only where spans meet.
    const spans = entries.filter((e) => e.family === family).sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
    let lo: bigint | null = null;
    let hi = 0n;
    let hiHex = '';
    const flush = () => {
      if (lo !== null) for (const b of coverRange(family, lo, hi)) out.push(`${formatAddress(family, b.start)}/${b.prefix}`);
    };
    for (const span of spans) {
      if (lo !== null && (span.start <= hiHex || BigInt(`0x${span.start}`) === hi + 1n)) {
        if (span.end > hiHex) {
          hiHex = span.end;
          hi = BigInt(`0x${span.end}`);
        }
        continue;
      }
      flush();
      lo = BigInt(`0x${span.start}`);
      hiHex = span.end;
      hi = BigInt(`0x${span.end}`);
    }
    flush();
  }
  return out;
}

/** `# ` in front of each header line; line breaks inside a line are replaced so that no line escapes the comment. */
export function commentLines(lines: readonly string[]): string[] {
  return lines.map((l) => `# ${l.replace(/[\r\n\u2028\u2029]+/g, ' ')}`);
}

export function whitelistText(header: readonly string[], cidrs: readonly string[]): string {
  return [...commentLines(header), ...cidrs].join('\n') + '\n';
}

export interface WhitelistRow {
  entry: Pick<StoredEntry, 'family' | 'start' | 'end' | 'text'>;
  number: string;
  orgName: string;
  users: readonly string[];
  validTo: string;
}

function csvField(value: string): string {
  const v = neutralizeCell(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The CSV data rows: each entry split into CIDR blocks, one row per block and filing, repeats dropped. */
export function whitelistCsvRows(rows: readonly WhitelistRow[]): string[] {
  const lines = new Set<string>();
  for (const r of rows) {
    for (const cidr of entryToCidrs({ ...r.entry, kind: 'range', notes: [] })) {
      lines.add([cidr, r.number, r.orgName, r.users.join('、'), r.validTo].map(csvField).join(','));
    }
  }
  return [...lines];
}

/** The CSV file: the comment lines, the header row, then the data rows. */
export function whitelistCsv(header: readonly string[], dataRows: readonly string[]): string {
  return [...commentLines(header), CSV_HEADER.join(','), ...dataRows].join('\r\n') + '\r\n';
}
