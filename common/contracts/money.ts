/**
 * Money is exact (DESIGN.md §2): amounts are integer 分 (fen), never floating yuan.
 *
 * `parseAmount` reads what officers type or paste from contract text (full-width digits, ¥/￥,
 * thousands commas, 元 / 万元 suffixes) and refuses anything it cannot read exactly, with a
 * message in Chinese that quotes what was typed. Arithmetic is done on decimal strings and BigInt,
 * so no binary rounding ever touches an amount.
 */

/**
 * Largest amount: ¥999,999,999,999.99 (just under 1万亿元). Stays a safe integer in fen with a
 * wide margin, and its 大写 needs no unit above 亿 (see daxie.ts).
 */
export const MAX_FEN = 99_999_999_999_999;
const MAX_FEN_BIG = BigInt(MAX_FEN);

/** Thrown for values that are not a valid amount in fen; the message is user-facing Chinese. */
export class AmountError extends RangeError {
  override name = 'AmountError';
}

export type AmountParse = { ok: true; fen: number } | { ok: false; message: string };

/** Throws AmountError unless `fen` is an integer amount of 分 in [0, MAX_FEN]. */
export function assertFen(fen: number): void {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) {
    throw new AmountError(`金额必须是有限的数值，收到 ${String(fen)}`);
  }
  if (!Number.isInteger(fen)) throw new AmountError(`金额必须是整数分，收到 ${fen}`);
  if (fen < 0) throw new AmountError(`金额不能为负数，收到 ${fen} 分`);
  if (fen > MAX_FEN) throw new AmountError(`金额超过上限 ${formatYuan(MAX_FEN)}，收到 ${fen} 分`);
}

/** `674,720.00`; negatives (differences) as `-0.01`. Throws AmountError for non-integer fen. */
export function formatAmount(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new AmountError(`金额必须是整数分，收到 ${String(fen)}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** `¥674,720.00`; negatives as `-¥0.01`. */
export function formatYuan(fen: number): string {
  const text = formatAmount(fen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** Prefixes copied along with amounts from contract text: 人民币, 小写, RMB, ¥, colons, brackets. */
const PREFIX = /^(?:人民币|小写|rmb|cny|¥|[:(（)）])+/i;
/** Suffixes: 元, 元整, 圆, 万, 万元. */
const SUFFIX = /(万元|万|元整|元|圆)$/;

/**
 * Reads an amount in 元 (or 万元 with a 万 suffix) into fen. Accepted: `674720`, `674,720.00`,
 * `¥674,720.00`, `￥674720.00`, `674720.5`, full-width digits and punctuation (，．。),
 * spaces anywhere, `67.472万`, `67.472万元`, `70000.00元`, `人民币：¥140000.00元`.
 * Decimals beyond 分 are accepted only when they are zeros (`12.340` = ¥12.34).
 */
export function parseAmount(text: string): AmountParse {
  const typed = text.trim();
  const quoted = `“${typed}”`;
  if (typed === '') return { ok: false, message: '请填写金额' };

  // NFKC folds full-width digits, ，．：￥ and the ideographic space to their ASCII forms.
  let s = typed.normalize('NFKC').replace(/\s+/g, '').replace(/[。｡]/g, '.');
  s = s.replace(PREFIX, '').replace(/[)）]+$/, '');
  let scale = 2; // decimal places from the typed unit down to 分
  const suffix = SUFFIX.exec(s);
  if (suffix) {
    if (suffix[1]!.startsWith('万')) scale = 6;
    s = s.slice(0, suffix.index);
  }
  if (/^[-−]/.test(s)) return { ok: false, message: `金额不能为负数：${quoted}` };

  const m = /^([\d,]*)(?:\.(\d*))?$/.exec(s);
  if (!m || !/\d/.test(s)) {
    return { ok: false, message: `${quoted}不是有效的金额，请填写数字，如 674720.00 或 67.472万` };
  }
  const intText = m[1]!;
  let frac = m[2] ?? '';
  if (intText.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(intText)) {
    return { ok: false, message: `${quoted}中千分位逗号的位置不对，应每三位一个逗号，如 674,720.00` };
  }
  frac = frac.replace(/0+$/, '');
  if (frac.length > scale) {
    const message =
      scale === 2
        ? `金额最多两位小数（到分）：${quoted}`
        : `以万元为单位时最多六位小数（到分）：${quoted}`;
    return { ok: false, message };
  }
  const digits = intText.replace(/,/g, '') || '0';
  const fen = BigInt(digits) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0'));
  if (fen > MAX_FEN_BIG) {
    return { ok: false, message: `金额超过上限 ${formatYuan(MAX_FEN)}：${quoted}` };
  }
  return { ok: true, fen: Number(fen) };
}
