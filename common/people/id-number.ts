/**
 * 居民身份证号码 (citizen identity number), GB 11643-1999.
 *
 * 18 characters: 6-digit area code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd = male,
 * even = female) and a check character by ISO 7064 MOD 11-2 over the first 17 digits.
 *
 * Rules applied by {@link checkIdNumber}:
 * - Input is normalised first (silently, as the same number): NFKC, so full-width digits and
 *   letters become ASCII; all white space removed, anywhere; a lowercase `x` becomes `X` — people
 *   type it that way, the card prints X. Character positions in messages count in this
 *   normalised text.
 * - `X` is only a check character: it may stand in position 18 only.
 * - Province (first two digits) must be one of GB/T 2260's province-level codes 11–15, 21–23,
 *   31–37, 41–46, 50–54, 61–65, 71, or 81/82/83. 81 (Hong Kong), 82 (Macao) and 83 (Taiwan) are
 *   the area codes of the 港澳台居民居住证 (residence permits, issued since 2018 in this same
 *   18-character format with the same check character); holders may work for an outsourced vendor,
 *   so they are accepted, with a note naming the permit. The remaining four area digits are not
 *   checked against a code list: codes are renamed and merged over the years and old numbers keep
 *   their old codes.
 * - Birth date: a real date, not before 1900-01-01 and not after `today` (a parameter, never the
 *   clock, so results are reproducible).
 * - Old 15-digit numbers (issued before 1999: area, YYMMDD read as 19YY, sequence; no check
 *   character) are accepted and upgraded to 18 digits — `19` inserted before the year, the check
 *   character computed — with a note saying so. The value to store is therefore always 18
 *   characters, and a duplicate check catches the same person entered both ways. 15-digit
 *   numbers never start with 81–83 (permits only exist in the 18-digit form) and never hold an X.
 */
import { type CivilDate, compareDates, isCivilDate } from '../contracts/civil-date';

export type Sex = 'male' | 'female';

export type IdNumberCheck =
  | { ok: true; value: string; birthDate: CivilDate; sex: Sex; notes: string[] }
  | { ok: false; message: string };

/** Province-level codes (GB/T 2260) accepted as the first two digits, with their names. */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '台湾地区',
};

/** Area codes of the 港澳台居民居住证 and whose permit they are. */
const PERMIT_HOLDERS: Readonly<Record<string, string>> = { '81': '香港居民', '82': '澳门居民', '83': '台湾居民' };

/** Weights 2^(18−i) mod 11 for positions i = 1…17. */
export const ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by remainder of the weighted sum mod 11. */
const CHECK_CHARS = '10X98765432';

export const EARLIEST_BIRTH_DATE: CivilDate = '1900-01-01';

const isDigits = (s: string) => /^[0-9]*$/.test(s);

/**
 * The same number as the card prints it: NFKC (full-width → ASCII), white space removed,
 * lowercase x upper-cased. Nothing else is changed.
 */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').replace(/x/g, 'X');
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  if (first17.length !== 17 || !isDigits(first17)) throw new RangeError('idCheckDigit expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] as number);
  return CHECK_CHARS.charAt(sum % 11);
}

/** The 18-digit form of an old 15-digit number: `19` inserted before the year, check character appended. */
export function upgradeIdNumber15(old: string): string {
  if (old.length !== 15 || !isDigits(old)) throw new RangeError('upgradeIdNumber15 expects 15 digits');
  const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
  return first17 + idCheckDigit(first17);
}

/** A character as a message can show it: invisible ones by code point. */
function shown(ch: string): string {
  return /^[\p{C}\p{Z}]$/u.test(ch)
    ? `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}（不可见字符）`
    : `“${ch}”`;
}

const LOOKALIKE_HINTS: Readonly<Record<string, string>> = {
  O: '（是否应为数字 0？）',
  o: '（是否应为数字 0？）',
  I: '（是否应为数字 1？）',
  l: '（是否应为数字 1？）',
};

const failure = (message: string): IdNumberCheck => ({ ok: false, message });

/**
 * Checks and canonicalises an ID number (rules in the module comment). `today` is `YYYY-MM-DD`;
 * an invalid `today` is a programming error and throws. Any `raw` text returns a result, never throws.
 */
export function checkIdNumber(raw: string, today: CivilDate): IdNumberCheck {
  if (!isCivilDate(today)) throw new RangeError(`today “${today}” is not a YYYY-MM-DD date`);
  const chars = [...normalizeIdNumber(raw)];

  const bad = chars.findIndex((ch) => !/^[0-9X]$/.test(ch));
  if (bad >= 0) {
    const ch = chars[bad] as string;
    return failure(`身份证号码第 ${bad + 1} 位${shown(ch)}不是数字${LOOKALIKE_HINTS[ch] ?? ''}，请核对`);
  }
  if (chars.length !== 18 && chars.length !== 15) {
    return failure(`身份证号码应为 18 位（或 15 位旧号码），现为 ${chars.length} 位`);
  }
  const value = chars.join('');
  const old = value.length === 15;
  const x = value.indexOf('X');
  if (old && x >= 0) {
    return failure(`15 位旧号码没有校验码，不应含字母 X（第 ${x + 1} 位），请核对`);
  }
  if (!old && x >= 0 && x < 17) {
    return failure(`身份证号码第 ${x + 1} 位“X”有误：字母 X 只能出现在第 18 位（校验码）`);
  }

  const province = value.slice(0, 2);
  if (!Object.hasOwn(PROVINCE_CODES, province)) {
    return failure(`身份证号码前两位“${province}”不是有效的省级行政区划代码，请核对第 1–2 位`);
  }
  const permitHolder = PERMIT_HOLDERS[province];
  if (old && permitHolder) {
    return failure(`以 ${province} 开头的港澳台居民居住证号码均为 18 位，现为 15 位，请核对是否漏录`);
  }

  const digits = old ? `19${value.slice(6, 12)}` : value.slice(6, 14);
  const where = old ? '第 7–12 位' : '第 7–14 位';
  const birthDate = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  if (!isCivilDate(birthDate)) {
    return failure(`身份证号码中的出生日期“${birthDate}”不是真实日期（${where}），请核对`);
  }
  if (compareDates(birthDate, EARLIEST_BIRTH_DATE) < 0) {
    return failure(`身份证号码中的出生日期 ${birthDate} 早于 ${EARLIEST_BIRTH_DATE}，请核对${where}`);
  }
  if (compareDates(birthDate, today) > 0) {
    return failure(`身份证号码中的出生日期 ${birthDate} 晚于今天（${today}），请核对${where}`);
  }

  const notes: string[] = [];
  let canonical = value;
  if (old) {
    canonical = upgradeIdNumber15(value);
    notes.push(`已按 15 位旧号码升位为 18 位：${canonical}`);
  } else {
    const expected = idCheckDigit(value.slice(0, 17));
    const actual = value.charAt(17);
    if (expected !== actual) {
      return failure(`校验码不符：第 18 位应为 ${expected}，现为 ${actual}，请核对号码是否抄错`);
    }
  }
  if (permitHolder) notes.push(`以 ${province} 开头，为${permitHolder}的港澳台居民居住证号码`);

  const sequenceLast = Number(canonical.charAt(16));
  return { ok: true, value: canonical, birthDate, sex: sequenceLast % 2 === 1 ? 'male' : 'female', notes };
}
