/**
 * An address field holding several entries: `10.0.0.1, 10.0.0.0/8；192.168.1.1 - 192.168.1.9`.
 *
 * Entries are separated by `,` `，` `、` `;` `；`, spaces (including the full-width space) or line
 * breaks. Spaces next to a range dash (`- － – — ~ ～ 至`) or a `/` (`／`) join instead of
 * separating, so `10.0.0.1 - 10.0.0.9` and `10.0.0.0 / 8` are one entry each; a line break never
 * joins. Each entry is read by `parseAddress`, and each result keeps its position so that a form
 * can mark exactly which entry is wrong.
 */
import { isBlank, parseAddress } from './address';
import type { IpEntry } from './types';

export type AddressListItem = {
  /** 0-based position among the entries. */
  index: number;
  /** The entry as typed. */
  text: string;
  /** Where the entry starts in the field's text (UTF-16 code units), for highlighting. */
  offset: number;
} & ({ ok: true; value: IpEntry } | { ok: false; message: string });

export interface AddressList {
  /** True when every entry was read; an empty field is ok with no entries (a required field checks that itself). */
  ok: boolean;
  items: AddressListItem[];
  /** The entries read, in order. */
  entries: IpEntry[];
  /** One line per refused entry: “第 2 项：010.1.1.1 含前导零，…”. */
  problems: string[];
}

const JOIN = '\\-－–—~～至/／';
/** Spaces that may join (not line breaks). */
const HSPACE = '[^\\S\\n\\r\\v\\f\\u2028\\u2029]';
const ENTRY = new RegExp(`(?:[^,，、;；\\s]+|(?<=[${JOIN}])${HSPACE}+|${HSPACE}+(?=[${JOIN}]))+`, 'g');

export function parseAddressList(text: string): AddressList {
  const items: AddressListItem[] = [];
  if (typeof text === 'string') {
    for (const m of text.matchAll(ENTRY)) {
      const lead = m[0].length - m[0].trimStart().length;
      const entryText = m[0].trim();
      if (isBlank(entryText)) continue;
      const index = items.length;
      const offset = (m.index ?? 0) + lead;
      const parsed = parseAddress(entryText);
      items.push(parsed.ok ? { index, text: entryText, offset, ok: true, value: parsed.value } : { index, text: entryText, offset, ok: false, message: parsed.message });
    }
  }
  const entries: IpEntry[] = [];
  const problems: string[] = [];
  for (const item of items) {
    if (item.ok) entries.push(item.value);
    else problems.push(`第 ${item.index + 1} 项：${item.message}`);
  }
  return { ok: problems.length === 0, items, entries, problems };
}
