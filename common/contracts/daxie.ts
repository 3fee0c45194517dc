/**
 * 大写 amounts (Chinese capital numerals) per 会计基础工作规范 第五十二条:
 * - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分; no simplified characters (一二十百千…);
 * - an amount that stops at 元 or 角 ends with 整; an amount with 分 has no 整 after 分;
 * - a 0 between digits is written 零, a run of 0s as a single 零 (also across 万 and 亿);
 * - when the 元 digit is 0 and 角 is not, the 零 before 角 may be written or left out; likewise
 *   when the 万 (亿) digit is 0 and the 仟 (仟万) digit is not (壹拾万柒仟 or 壹拾万零柒仟) — the
 *   examples of 支付结算办法's 正确填写票据和结算凭证的基本规定, which 第五十二条 restates.
 *
 * `toDaxie` writes one canonical form, the way Chinese numbers are read section by section (亿, 万,
 * units of four digits): 0s at the end of a section are silent, 0s at the start of a section or in
 * its middle, and whole 0 sections, give one 零 — 贰拾万贰仟肆佰壹拾陆元整 (as contract 004 writes
 * it), 贰佰柒拾贰万零玖佰壹拾捌元贰角整, 壹亿零伍佰万元整. Also 壹 before every 拾 (壹拾万元整),
 * 整 (not 正), 元 (not 圆), no 零元 before an amount under one yuan, no 零 between 元 and 角.
 * `parseDaxie` reads the canonical form and the variants the norm allows (正, 圆, the optional
 * 零, 零元…, 人民币 prefix, spaces), and refuses what the norm forbids or what is ambiguous.
 */
import { assertFen, formatYuan, MAX_FEN } from './money';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'] as const;

/**
 * Writes an amount in fen as 大写, e.g. 272091820 → 贰佰柒拾贰万零玖佰壹拾捌元贰角整. Throws
 * AmountError (a RangeError, Chinese message) for negative, non-integer, non-finite amounts and
 * amounts above MAX_FEN.
 */
export function toDaxie(fen: number): string {
  assertFen(fen);
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  let out = yuan > 0 ? `${integerDaxie(yuan)}元` : '';
  if (jiao === 0 && cent === 0) return `${out}整`;
  if (jiao > 0) {
    out += `${DIGITS[jiao]}角`;
    return cent === 0 ? `${out}整` : `${out}${DIGITS[cent]}分`;
  }
  // 角 is 0 between a yuan amount and 分: a 0 in the middle, so 零 is required (壹元零伍分).
  return `${out}${yuan > 0 ? '零' : ''}${DIGITS[cent]}分`;
}

/** Positive integer below 1万亿 → 大写 without 元. */
function integerDaxie(n: number): string {
  const digits = String(n);
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < digits.length; i++) {
    const place = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) {
      zeroPending = true;
    } else {
      if (zeroPending) out += '零';
      zeroPending = false;
      out += `${DIGITS[d]}${SMALL_UNITS[place % 4]}`;
    }
    if (place === 8 || place === 4) {
      const sectionStart = Math.max(0, i - 3);
      if (/[1-9]/.test(digits.slice(sectionStart, i + 1))) {
        out += place === 8 ? '亿' : '万';
        zeroPending = false; // 0s at the end of a section are silent (贰拾万贰仟)
      }
    }
  }
  return out;
}

export type DaxieParse = { ok: true; fen: number } | { ok: false; message: string };

/** Simplified characters the norm forbids, with the capital each stands for. */
const SIMPLIFIED: Record<string, string> = {
  '〇': '零', 一: '壹', 二: '贰', 两: '贰', 三: '叁', 四: '肆', 五: '伍', 六: '陆', 七: '柒',
  八: '捌', 九: '玖', 十: '拾', 百: '佰', 千: '仟',
};

type Item =
  | { kind: 'digit'; d: number; place: number; text: string }
  | { kind: 'zero' };

const fail = (message: string): DaxieParse => ({ ok: false, message: `大写金额有误：${message}` });

/**
 * Reads 大写 into fen. Places are counted in 分: 分 0, 角 1, 元 2, 拾 3 … 仟亿 13.
 * Refuses: simplified digits, unknown characters, units out of order, a digit without its unit,
 * a missing 零 where the norm requires one, a 零 where no digit is 0, a missing 整 after 元/角,
 * 整 after 分, amounts of 1万亿元 or more.
 */
export function parseDaxie(text: string): DaxieParse {
  const s = text
    .replace(/\s+/g, '')
    .replace(/^(?:人民币|[（(]?大写[)）]?|[:：])+/, '')
    .replace(/圆/g, '元')
    .replace(/正$/, '整');
  if (s === '') return fail('未填写');
  for (const ch of s) {
    if (DIGITS.includes(ch) || '拾佰仟万亿元角分整'.includes(ch)) continue;
    const capital = SIMPLIFIED[ch];
    if (capital) return fail(`不得用“${ch}”代替“${capital}”（会计基础工作规范第五十二条）`);
    return fail(`无法识别的字“${ch}”`);
  }
  if (s.indexOf('整') >= 0 && s.indexOf('整') !== s.length - 1) return fail('“整”字只能写在末尾');
  const body = s.endsWith('整') ? s.slice(0, -1) : s;
  const yuanAt = body.indexOf('元');
  if (yuanAt !== body.lastIndexOf('元')) return fail('“元”字出现了不止一次');
  if (yuanAt < 0 && /[拾佰仟万亿]/.test(body)) return fail('缺少“元”字');
  if (body.includes('零零')) return fail('连续写了多个“零”，数字中间连续有几个 0 时只写一个“零”');
  // Every 零 stands before the digit that follows the zeros (壹拾万零叁佰), never before a unit.
  if (/零(?![壹贰叁肆伍陆柒捌玖])/.test(body.replace(/^零元/, ''))) {
    return fail('“零”后面应直接写数字（如“壹拾万零叁佰元整”），不能写在位名或“元”之前');
  }

  const items: Item[] = [];
  const intText = yuanAt < 0 ? '' : body.slice(0, yuanAt);
  if (yuanAt >= 0 && intText === '') return fail('“元”前缺少数字');
  if (intText !== '零') {
    const error = parseInteger(intText, items);
    if (error) return fail(error);
  }
  const error = parseFraction(body.slice(yuanAt + 1), items);
  if (error) return fail(error);
  return finish(items, s.endsWith('整'), intText === '零');
}

/** The part before 元: sections separated by 亿 and 万, each with 仟佰拾 and a ones digit. */
function parseInteger(text: string, items: Item[]): string | null {
  let pending: number | null = null;
  let lastUnit = 4; // local unit of the previous digit in this section (仟 = 3 … ones = 0)
  let lastBase = 12; // base place (in yuan) of the previous section: 亿 8, 万 4, ones 0
  let sectionStart = items.length;
  const push = (d: number, local: number, unit: string) => {
    if (local >= lastUnit) return `“${unit}”的位置不对（同一节内应按仟、佰、拾的顺序）`;
    items.push({ kind: 'digit', d, place: local, text: `${DIGITS[d]}${unit}` });
    lastUnit = local;
    return null;
  };
  const closeSection = (base: number, unit: string): string | null => {
    if (pending !== null) {
      const error = push(pending, 0, '');
      if (error) return error;
      pending = null;
    }
    if (base > 0 && !items.slice(sectionStart).some((i) => i.kind === 'digit')) {
      return base === 8 && lastBase === 4
        ? `金额超过上限 ${formatYuan(MAX_FEN)}`
        : `“${unit}”前缺少数字`;
    }
    if (base >= lastBase) {
      return base === 8 ? `金额超过上限 ${formatYuan(MAX_FEN)}` : `“${unit}”的位置不对`;
    }
    let last: Extract<Item, { kind: 'digit' }> | null = null;
    for (const item of items.slice(sectionStart)) {
      if (item.kind === 'digit') {
        item.place += base + 2;
        last = item;
      }
    }
    if (last) last.text += unit; // messages quote 壹万, 贰拾亿
    sectionStart = items.length;
    lastBase = base;
    lastUnit = 4;
    return null;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const d = DIGITS.indexOf(ch);
    if (d > 0) {
      if (pending !== null) return `“${DIGITS[pending]}${ch}”连写了两个数字，中间缺少拾、佰、仟等位名`;
      pending = d;
    } else if (d === 0) {
      if (pending !== null) return `“${DIGITS[pending]}零”中缺少位名`;
      items.push({ kind: 'zero' });
    } else if ('拾佰仟'.includes(ch)) {
      let digit: number | null = pending;
      // 拾 alone at the very start (拾万元) is read as 壹拾; toDaxie always writes 壹拾.
      if (digit === null && ch === '拾' && i === 0) digit = 1;
      if (digit === null) return `“${ch}”前缺少数字`;
      pending = null;
      const error = push(digit, '拾佰仟'.indexOf(ch) + 1, ch);
      if (error) return error;
    } else if (ch === '万' || ch === '亿') {
      const error = closeSection(ch === '万' ? 4 : 8, ch);
      if (error) return error;
    } else {
      return `“元”之前不能有“${ch}”`;
    }
  }
  return closeSection(0, '');
}

/** The part after 元 (or the whole amount when it is under one yuan): 角 and 分. */
function parseFraction(text: string, items: Item[]): string | null {
  let pending: number | null = null;
  for (const ch of text) {
    const d = DIGITS.indexOf(ch);
    if (d > 0) {
      if (pending !== null) return `“${DIGITS[pending]}${ch}”连写了两个数字`;
      pending = d;
    } else if (d === 0) {
      if (pending !== null) return `“${DIGITS[pending]}零”中缺少“角”或“分”`;
      items.push({ kind: 'zero' });
    } else if (ch === '角' || ch === '分') {
      if (pending === null) return `“${ch}”前缺少数字`;
      items.push({ kind: 'digit', d: pending, place: ch === '角' ? 1 : 0, text: `${DIGITS[pending]}${ch}` });
      pending = null;
    } else {
      return `“元”之后只能写角、分，不能有“${ch}”`;
    }
  }
  if (pending !== null) return `“${DIGITS[pending]}”后缺少“角”或“分”`;
  return null;
}

/** Checks place order, 零 and 整 over the whole amount, then adds it up. */
function finish(items: Item[], hasZheng: boolean, zeroYuan: boolean): DaxieParse {
  const digits = items.filter((i): i is Extract<Item, { kind: 'digit' }> => i.kind === 'digit');
  for (let i = 1; i < digits.length; i++) {
    if (digits[i]!.place >= digits[i - 1]!.place) return fail(`“${digits[i]!.text}”的位置不对`);
  }
  let previous: Extract<Item, { kind: 'digit' }> | null = null;
  let zeros = 0;
  let fen = 0;
  for (const item of items) {
    if (item.kind === 'zero') {
      if (previous === null) return fail('开头多写了“零”');
      zeros++;
      continue;
    }
    if (previous !== null) {
      const gap = previous.place - item.place - 1;
      if (zeros > 0 && gap === 0) {
        return fail(`“${previous.text}”与“${item.text}”之间没有为 0 的数位，不应写“零”`);
      }
      if (zeros === 0 && gap > 0 && !zeroMayBeOmitted(previous.place, item.place)) {
        return fail(`“${previous.text}”与“${item.text}”之间有数位为 0，应写“零”`);
      }
    }
    fen += item.d * 10 ** item.place;
    previous = item;
    zeros = 0;
  }
  if (zeros > 0) return fail('末尾多写了“零”');
  if (previous === null && !zeroYuan) return fail('没有数字');
  if (previous?.place === 0 && hasZheng) return fail('有“分”的金额，“分”字后面不写“整”字');
  if (previous?.place !== 0 && !hasZheng) return fail('金额到“元”或“角”为止的，末尾应写“整”字');
  return { ok: true, fen };
}

/**
 * Whether the 0s between two consecutive digits (places in 分) may go without a 零:
 * - before 角 when the 元 digit is 0 (壹拾元伍角整);
 * - when they are only the trailing 0s of a section and the next digit heads the section below,
 *   i.e. the 万 (亿) digit is 0 and the 仟 (仟万) digit is not (贰拾万贰仟, 壹仟亿壹仟万).
 * Anything else — 0s in a section's middle or start, a whole 0 section, a 0 角 before 分 — needs 零.
 */
function zeroMayBeOmitted(from: number, to: number): boolean {
  if (to === 1) return from > 2;
  if (to === 0) return false;
  const [p, q] = [from - 2, to - 2]; // places in yuan
  return q % 4 === 3 && Math.floor(p / 4) - Math.floor(q / 4) === 1;
}

/**
 * Compares a 大写 text with the amount in figures, for contract entry and for checking pasted
 * contract text. Returns null when they agree, else a message naming both amounts.
 */
export function checkDaxie(text: string, fen: number): string | null {
  const parsed = parseDaxie(text);
  if (!parsed.ok) return parsed.message;
  if (parsed.fen === fen) return null;
  return `大写金额“${text.trim()}”为 ${formatYuan(parsed.fen)}，与小写金额 ${formatYuan(fen)} 不符（应为“${toDaxie(fen)}”）`;
}
