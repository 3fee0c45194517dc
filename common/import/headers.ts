import { cellText, type Cell } from './values';
import { IMPORT_FIELDS, type ImportRegister } from './registers';

/** field key → 0-based column index, or null when the field is not taken from the sheet. */
export type ImportMapping = Record<string, number | null>;

/** How far down a sheet the header row is looked for (titles and the unit's name come first). */
export const HEADER_SEARCH_ROWS = 30;

/** A header as compared: NFKC, lower-case, without spaces, marks of required columns and a trailing colon. */
export function normalizeHeader(header: Cell): string {
  return cellText(header)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^[*★※]+|[*★※]+$/g, '')
    .replace(/[:：]$/, '');
}

/** The header without a bracketed note: 序列号（SN） → 序列号, 保密编号(必填) → 保密编号. */
function withoutNote(h: string): string {
  return h.replace(/[(（[【][^)）\]】]*[)）\]】]/g, '');
}

/** How well a header names a field: 3 exact, 2 without its bracketed note, 1 one of its slash-separated parts; 0 not at all. */
function score(header: string, names: readonly string[]): number {
  if (!header) return 0;
  if (names.includes(header)) return 3;
  const bare = withoutNote(header);
  if (bare && names.includes(bare)) return 2;
  if (bare.includes('/') && bare.split('/').some((part) => part && names.includes(part))) return 1;
  return 0;
}

const namesOf = (register: ImportRegister) =>
  new Map(IMPORT_FIELDS[register].map((field) => [field.key, [field.label, ...field.aliases].map((n) => normalizeHeader(n))]));

/**
 * The suggested mapping of a header row: each field to the column that names it best (its label
 * before its aliases, the leftmost column on a tie), each column used once. Fields no column names
 * map to null.
 */
export function suggestMapping(register: ImportRegister, headers: readonly Cell[]): ImportMapping {
  const names = namesOf(register);
  const normalized = headers.map((h) => normalizeHeader(h));
  const candidates: { key: string; column: number; rank: number }[] = [];
  for (const [key, list] of names) {
    normalized.forEach((header, column) => {
      const s = score(header, list);
      // The printed label first, then aliases in their order: an exact label beats an exact alias.
      if (s > 0) candidates.push({ key, column, rank: s * 1000 - Math.max(0, list.indexOf(header)) });
    });
  }
  candidates.sort((a, b) => b.rank - a.rank || a.column - b.column);
  const mapping: ImportMapping = Object.fromEntries([...names.keys()].map((key) => [key, null]));
  const used = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.key] !== null || used.has(c.column)) continue;
    mapping[c.key] = c.column;
    used.add(c.column);
  }
  return mapping;
}

/** How many fields a row's cells name. */
export function recognisedCount(register: ImportRegister, row: readonly Cell[]): number {
  return Object.values(suggestMapping(register, row)).filter((c) => c !== null).length;
}

/**
 * The 0-based index of the header row: among the first rows, the one naming most fields (the
 * earliest on a tie); 0 when none names any.
 */
export function findHeaderRow(register: ImportRegister, rows: readonly (readonly Cell[])[]): number {
  let best = 0;
  let bestCount = 0;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, i) => {
    const n = recognisedCount(register, row);
    if (n > bestCount) {
      best = i;
      bestCount = n;
    }
  });
  return best;
}

/** The required fields a mapping leaves out, by their labels. */
export function missingRequired(register: ImportRegister, mapping: ImportMapping): string[] {
  return IMPORT_FIELDS[register]
    .filter((field) => field.required && (mapping[field.key] === null || mapping[field.key] === undefined))
    .map((field) => field.label);
}

/**
 * Rows below a printed register's table that are not records: the count line (“共 12 条”, “合计 …”)
 * ends the table; signature lines (“制表人：”, “审核人：”) are passed over.
 */
export function tableEndsAt(row: readonly Cell[]): boolean {
  const first = row.map((c) => cellText(c)).find((t) => t !== '');
  return first !== undefined && /^(共|合计|总计)\s*[:：]?\s*\d+\s*(条|项|件|人|个|份)?$/.test(first);
}
export function isSignatureRow(row: readonly Cell[]): boolean {
  const texts = row.map((c) => cellText(c)).filter((t) => t !== '');
  return texts.length > 0 && texts.every((t) => /[:：]$/.test(t));
}

/** A mapping kept for reuse: each field by the header of its column, so it fits files whose columns move. */
export type SavedMapping = { name: string; fields: Record<string, string> };

/** The saved mapping applied to a header row: fields whose header is not in the row map to null. */
export function applySavedMapping(register: ImportRegister, saved: SavedMapping, headers: readonly Cell[]): ImportMapping {
  const normalized = headers.map((h) => normalizeHeader(h));
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS[register]) {
    const wanted = saved.fields[field.key];
    const column = wanted === undefined ? -1 : normalized.findIndex((h, i) => !used.has(i) && h !== '' && h === normalizeHeader(wanted));
    mapping[field.key] = column >= 0 ? column : null;
    if (column >= 0) used.add(column);
  }
  return mapping;
}

/** A mapping as saved: the header of each mapped column. */
export function toSavedFields(register: ImportRegister, mapping: ImportMapping, headers: readonly Cell[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of IMPORT_FIELDS[register]) {
    const column = mapping[field.key];
    const header = column === null || column === undefined ? '' : cellText(headers[column] ?? null);
    if (header) fields[field.key] = header;
  }
  return fields;
}

/** The indexes of a sheet's record rows: below the header, above the count line, neither empty nor signatures. */
export function dataRowIndexes(rows: readonly (readonly Cell[])[], headerRow: number): number[] {
  const indexes: number[] = [];
  for (let i = headerRow + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (tableEndsAt(row)) break;
    if (row.some((c) => cellText(c) !== '') && !isSignatureRow(row)) indexes.push(i);
  }
  return indexes;
}
