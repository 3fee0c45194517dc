/**
 * 保密编号 patterns such as `JZ-{YYYY}-{0000}`: literal text with
 * - exactly one sequence token `{0…0}` (1–8 zeros: the minimum width, padded with zeros; a
 *   sequence that outgrows it simply gets longer), and
 * - at most one year token, `{YYYY}` (2026) or `{YY}` (26).
 * With a year token the sequence runs per year (JZ-2026-0001, JZ-2027-0001); without one it runs
 * for ever. Literal text may hold letters, digits, Chinese characters and `- _ / . # ( )`.
 *
 * Numbers are allocated by the core (db/registers/media/numbering.ts); this module only parses
 * patterns and formats and recognises numbers. Upper/lower case in literal text is kept as typed.
 */

export const DEFAULT_NUMBER_PATTERN = 'JZ-{YYYY}-{0000}';
export const MAX_PATTERN_LENGTH = 40;
/** Longest 保密编号 accepted anywhere (typed or formatted). */
export const MAX_NUMBER_LENGTH = 40;

type Part = { kind: 'literal'; text: string } | { kind: 'year'; digits: 2 | 4 } | { kind: 'seq'; width: number };

export interface NumberPattern {
  source: string;
  parts: readonly Part[];
  hasYear: boolean;
}

export type PatternParse = { ok: true; pattern: NumberPattern } | { ok: false; message: string };

const LITERAL = /^[\p{L}\p{N}\-_/.#()]+$/u;
const TOKEN = /\{([^{}]*)\}/g;

export function parseNumberPattern(source: string): PatternParse {
  const text = source.trim();
  const fail = (message: string): PatternParse => ({ ok: false, message });
  if (text.length === 0) return fail(`请填写编号规则，如 ${DEFAULT_NUMBER_PATTERN}`);
  if (text.length > MAX_PATTERN_LENGTH) return fail(`编号规则不能超过 ${MAX_PATTERN_LENGTH} 个字符`);
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) parts.push({ kind: 'literal', text: text.slice(last, m.index) });
    const token = m[1]!;
    if (token === 'YYYY' || token === 'YY') parts.push({ kind: 'year', digits: token === 'YYYY' ? 4 : 2 });
    else if (/^0+$/.test(token)) {
      if (token.length > 8) return fail(`序号位数 {${token}} 过长，最多 8 位`);
      parts.push({ kind: 'seq', width: token.length });
    } else return fail(`不认识的占位符 {${token}}：只能使用 {YYYY}（年份）、{YY}（两位年份）和 {0000}（序号，0 的个数为位数）`);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'literal', text: text.slice(last) });
  for (const p of parts) {
    if (p.kind !== 'literal') continue;
    if (/[{}]/.test(p.text)) return fail('编号规则中的花括号不成对，占位符应写成 {YYYY} 或 {0000}');
    if (!LITERAL.test(p.text)) {
      return fail(`编号规则中的“${p.text}”含有不能用于编号的字符：只能使用字母、数字、汉字和 - _ / . # ( )，不能有空格`);
    }
  }
  const seqs = parts.filter((p) => p.kind === 'seq').length;
  const years = parts.filter((p) => p.kind === 'year').length;
  if (seqs === 0) return fail('编号规则须含一个序号占位符，如 {0000}');
  if (seqs > 1) return fail('编号规则只能含一个序号占位符');
  if (years > 1) return fail('编号规则只能含一个年份占位符');
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]!.kind !== 'literal' && parts[i - 1]!.kind !== 'literal') {
      return fail('年份和序号之间须有分隔字符，如 {YYYY}-{0000}，否则编号无法区分年份和序号');
    }
  }
  const pattern: NumberPattern = { source: text, parts, hasYear: years === 1 };
  const sample = formatNumber(pattern, 2026, 10 ** 8 - 1);
  if (sample.length > MAX_NUMBER_LENGTH) return fail(`按此规则生成的编号可能超过 ${MAX_NUMBER_LENGTH} 个字符，请缩短`);
  return { ok: true, pattern };
}

function yearText(digits: 2 | 4, year: number): string {
  return digits === 4 ? String(year).padStart(4, '0') : String(year % 100).padStart(2, '0');
}

/** The number for `seq` (≥ 1) in `year`. */
export function formatNumber(pattern: NumberPattern, year: number, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`sequence ${seq} is not a positive integer`);
  return pattern.parts
    .map((p) => (p.kind === 'literal' ? p.text : p.kind === 'year' ? yearText(p.digits, year) : String(seq).padStart(p.width, '0')))
    .join('');
}

/**
 * The sequence's scope: numbers of one scope share one counter. The pattern with the year filled
 * in and the sequence left as its token: `JZ-2026-{0000}`; without a year token, the pattern.
 */
export function sequenceScope(pattern: NumberPattern, year: number): string {
  return pattern.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'year' ? yearText(p.digits, year) : `{${'0'.repeat(p.width)}}`)).join('');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The sequence of `number` if it belongs to the pattern's scope for `year`, else null. */
export function sequenceOf(pattern: NumberPattern, year: number, number: string): number | null {
  const source = pattern.parts
    .map((p) => (p.kind === 'literal' ? escape(p.text) : p.kind === 'year' ? escape(yearText(p.digits, year)) : `(\\d{${p.width},})`))
    .join('');
  const m = new RegExp(`^${source}$`).exec(number);
  if (!m) return null;
  const digits = m[1]!;
  // A number padded wider than the pattern's width (0001 for {000}) is not one this pattern makes.
  if (digits.length > (pattern.parts.find((p) => p.kind === 'seq') as { width: number }).width && digits.startsWith('0')) return null;
  const seq = Number(digits);
  return Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}

/**
 * The next number in the scope after `last` (the scope's counter, 0 when unused) that `taken`
 * does not refuse — numbers typed by hand or kept from an earlier pattern are skipped, never
 * reused.
 */
export function nextNumber(pattern: NumberPattern, year: number, last: number, taken: (number: string) => boolean): { number: string; seq: number } {
  for (let seq = last + 1; ; seq++) {
    const number = formatNumber(pattern, year, seq);
    if (!taken(number)) return { number, seq };
  }
}

/** Upper case without spaces, full-width folded: how 保密编号 are compared for uniqueness. */
export function normaliseMediaNumber(number: string): string {
  return number.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
