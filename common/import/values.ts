import { daysInMonth, fromDayNumber, isCivilDate, toDayNumber, type CivilDate } from '../contracts/civil-date';
import { MAX_FEN, parseAmount } from '../contracts/money';

/**
 * Reading the cells of registers kept in Excel or CSV. A cell arrives as the reader found it: text,
 * a number (Excel keeps dates as serial numbers when the cell is not formatted as a date), a
 * boolean, or nothing. Every parser answers either a value or a Chinese message saying what was
 * read and what is expected.
 */
export type Cell = string | number | boolean | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (message: string): Parsed<never> => ({ ok: false, message });

/** Text of a cell: full-width spaces and line breaks folded, trimmed; numbers without float noise. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    // 0.1 + 0.2 style noise from a spreadsheet's binary floats: 15 significant digits as Excel shows.
    return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(15)));
  }
  return cell
    .replace(/[\u3000\u00a0]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/** Days between Excel's day 0 (1899-12-30, counting its 1900-02-29) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;
/** Serial numbers read as dates: 1900-01-01 … 9999-12-31. */
const MIN_SERIAL = 1;
const MAX_SERIAL = 2958465;

/** An Excel serial day number (the 1900 date system) as a civil date. */
export function fromExcelSerial(serial: number): CivilDate | null {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial > MAX_SERIAL) return null;
  const whole = Math.floor(serial + 1e-9);
  // Excel's serial 60 is the 1900-02-29 that never was; before it the count is one day off.
  const day = whole < 61 ? whole + 1 : whole;
  return fromDayNumber(day - EXCEL_EPOCH_OFFSET);
}

/** The Excel serial of a civil date (the inverse of fromExcelSerial for dates after 1900-03-01). */
export function toExcelSerial(date: CivilDate): number {
  return toDayNumber(date) + EXCEL_EPOCH_OFFSET;
}

const DATE_FORMS: RegExp[] = [
  // 2024年5月20日, 2024 年 05 月 20 日
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/u,
  // 2024-5-20, 2024/05/20, 2024.5.20, 2024_5_20
  /^(\d{4})\s*([-/.．_])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/u,
  // 20240520
  /^(\d{4})(\d{2})(\d{2})$/u,
];

/**
 * A date as offices write it: `2024年5月20日`, `2024.5.20`, `2024/05/20`, `2024-5-20`, `20240520`,
 * an Excel serial day (45432), or the date part of a timestamp (`2024-05-20 09:30`).
 * Full-width digits are folded. An empty cell is `null` (the caller decides whether that is allowed).
 */
export function parseDate(cell: Cell, label = '日期'): Parsed<CivilDate | null> {
  if (typeof cell === 'number') {
    const date = fromExcelSerial(cell);
    return date ? ok(date) : no(`${label}“${cellText(cell)}”不是日期，请填写如 2024-05-20 或 2024年5月20日`);
  }
  const typed = cellText(cell);
  if (typed === '') return ok(null);
  const s = typed.normalize('NFKC').replace(/\s+(\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)$/, '').replace(/T\d{2}:\d{2}.*$/, '').trim();
  if (/^\d{5}(\.\d+)?$/.test(s)) return parseDate(Number(s), label);
  for (const form of DATE_FORMS) {
    const m = form.exec(s);
    if (!m) continue;
    const parts = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    const [y, mo, d] = parts.map((p) => Number(p)) as [number, number, number];
    if (mo < 1 || mo > 12) return no(`${label}“${typed}”中的月份 ${mo} 不存在，请核对`);
    if (d < 1 || d > daysInMonth(y, mo)) return no(`${label}“${typed}”中的日期不存在（${y} 年 ${mo} 月没有 ${d} 日），请核对`);
    const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return isCivilDate(date) ? ok(date) : no(`${label}“${typed}”不是有效日期，请核对`);
  }
  return no(`${label}“${typed}”无法识别为日期，请写成 2024-05-20、2024年5月20日、2024.5.20 或 2024/05/20`);
}

/**
 * An amount into fen: `¥674,720.00`, `674720`, `67.472万`, `67.472万元`, `70000.00元`, or a number
 * cell (in 元). An empty cell is `null`.
 */
export function parseAmountFen(cell: Cell, label = '金额'): Parsed<number | null> {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return no(`${label}“${cellText(cell)}”不是有效的金额，不能为负数`);
    const fen = Math.round(cell * 100);
    if (Math.abs(fen - cell * 100) > 1e-6 * Math.max(1, Math.abs(cell * 100))) return no(`${label}最多两位小数（到分）：“${cellText(cell)}”`);
    if (fen > MAX_FEN) return no(`${label}“${cellText(cell)}”超过上限`);
    return ok(fen);
  }
  const typed = cellText(cell);
  if (typed === '') return ok(null);
  const parsed = parseAmount(typed);
  return parsed.ok ? ok(parsed.fen) : no(`${label}：${parsed.message}`);
}

const YES = new Set(['是', '有', '已', 'y', 'yes', 'true', '1', '√', '✓', '✔', '已签', '已签订', '签订', '对', 'Y', '是的']);
const NO = new Set(['否', '无', '未', 'n', 'no', 'false', '0', '×', '✗', '✘', '未签', '未签订', '不', '没有', '不是']);

/** 是/否 in the usual words and marks (是 有 √ Y 1 / 否 无 × N 0). An empty cell is `null`. */
export function parseYesNo(cell: Cell, label = '该列'): Parsed<boolean | null> {
  if (typeof cell === 'boolean') return ok(cell);
  const typed = cellText(cell);
  if (typed === '') return ok(null);
  const key = typed.normalize('NFKC').toLowerCase();
  if (YES.has(key) || YES.has(typed)) return ok(true);
  if (NO.has(key) || NO.has(typed)) return ok(false);
  return no(`${label}“${typed}”应填“是”或“否”（也可用 √/×、Y/N、1/0）`);
}
