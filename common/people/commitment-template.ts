/**
 * Commitment templates (承诺书模板): the wording of each kind of confidentiality commitment, with
 * placeholders such as {{姓名}} that are filled from the person, the contract and the print options
 * when a commitment is printed for signing.
 *
 * Syntax: a placeholder is `{{` + one of the names of PLACEHOLDERS + `}}`, on one line; spaces
 * around the name are allowed (`{{ 姓名 }}`). Anything else between `{{` and `}}` is an unknown
 * placeholder; a `{{` without its `}}` on the same line is unclosed; a `}}` with no `{{` before it
 * is stray. All three are refused by `checkTemplate`, so a stored template always fills cleanly.
 * Single braces are ordinary text.
 *
 * Filling: every placeholder is replaced by its value, or by a blank line to write on by hand
 * (BLANK) when the value is missing or empty. Braces inside values print full-width (｛｝), so a
 * filled text never contains `{{` or `}}` — nothing printed can be mistaken for a placeholder.
 */
import { isCivilDate, type CivilDate } from '../contracts/civil-date';

export const PLACEHOLDERS = [
  { name: '姓名', description: '承诺人的姓名' },
  { name: '身份证号', description: '承诺人的身份证号码；默认打印为脱敏形式，有“查看个人信息”权限的账户可选择打印完整号码' },
  { name: '所属单位', description: '承诺人所属单位的名称' },
  { name: '岗位', description: '承诺人的岗位' },
  { name: '合同名称', description: '所选合同的项目名称；打印时未选合同则留空待填' },
  { name: '合同编号', description: '所选合同的主编号' },
  { name: '甲方', description: '所选合同的甲方' },
  { name: '乙方', description: '所选合同的乙方' },
  { name: '签署日期', description: '打印时填写的签署日期，如 2025年3月1日；未填写则留空待手写' },
  { name: '有效期至', description: '承诺的有效期至；在岗年度承诺为签署日期起一年' },
  { name: '脱密期开始', description: '离岗保密承诺书的脱密期开始日；默认为正在办理或已办结的调岗/离岗日期' },
  { name: '脱密期结束', description: '离岗保密承诺书的脱密期结束日' },
  { name: '填报单位', description: '本单位名称（打印时填写的填报单位）' },
] as const;

export type PlaceholderName = (typeof PLACEHOLDERS)[number]['name'];
export const PLACEHOLDER_NAMES: readonly PlaceholderName[] = PLACEHOLDERS.map((p) => p.name);
export type TemplateValues = Partial<Record<PlaceholderName, string | null>>;

/** `{{姓名}}` */
export const placeholderToken = (name: string): string => `{{${name}}}`;

/** What a missing value prints as: a line to write on by hand. */
export const BLANK = '＿＿＿＿＿＿';

/** The allowed placeholders, as the messages list them. */
export const ALLOWED_PLACEHOLDERS_TEXT = PLACEHOLDER_NAMES.map(placeholderToken).join('、');

type Token = { kind: 'text'; text: string } | { kind: 'placeholder'; name: PlaceholderName };

export type TemplateCheck = { ok: true; used: PlaceholderName[] } | { ok: false; message: string };

const isPlaceholderName = (s: string): s is PlaceholderName => (PLACEHOLDER_NAMES as readonly string[]).includes(s);

/** A short excerpt for messages: the text from `at`, cut at the line's end or after 12 characters. */
function excerpt(text: string, at: number): string {
  const line = text.slice(at).split('\n', 1)[0] ?? '';
  return line.length > 12 ? `${line.slice(0, 12)}…` : line;
}

type Parsed = { ok: true; tokens: Token[] } | { ok: false; message: string };

function parse(text: string): Parsed {
  const tokens: Token[] = [];
  const unknown: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const close = text.indexOf('}}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      const from = Math.max(i, close - 10);
      return { ok: false, message: `“}}”前缺少开头的“{{”（在“${text.slice(from, close + 2)}”处）。可用的占位符：${ALLOWED_PLACEHOLDERS_TEXT}` };
    }
    if (open === -1) {
      tokens.push({ kind: 'text', text: text.slice(i) });
      break;
    }
    if (open > i) tokens.push({ kind: 'text', text: text.slice(i, open) });
    const end = text.indexOf('}}', open + 2);
    const lineEnd = text.indexOf('\n', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (end === -1 || (lineEnd !== -1 && lineEnd < end) || (nextOpen !== -1 && nextOpen < end)) {
      return { ok: false, message: `占位符“${excerpt(text, open)}”缺少结尾的“}}”。可用的占位符：${ALLOWED_PLACEHOLDERS_TEXT}` };
    }
    const name = text.slice(open + 2, end).trim();
    if (isPlaceholderName(name)) tokens.push({ kind: 'placeholder', name });
    else if (!unknown.includes(name)) unknown.push(name);
    i = end + 2;
  }
  if (unknown.length > 0) {
    return { ok: false, message: `未知的占位符：${unknown.map(placeholderToken).join('、')}。可用的占位符：${ALLOWED_PLACEHOLDERS_TEXT}` };
  }
  return { ok: true, tokens };
}

/** Whether a template's text may be stored: every placeholder known and closed (syntax in the module comment). */
export function checkTemplate(text: string): TemplateCheck {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const used: PlaceholderName[] = [];
  for (const t of parsed.tokens) if (t.kind === 'placeholder' && !used.includes(t.name)) used.push(t.name);
  return { ok: true, used };
}

const neutralise = (value: string) => value.replace(/\{/g, '｛').replace(/\}/g, '｝');

/**
 * The text with every placeholder replaced by its value (BLANK when missing or empty). Throws a
 * RangeError for a text `checkTemplate` refuses: stored templates are checked before they are kept.
 */
export function fillTemplate(text: string, values: TemplateValues, blank: string = BLANK): string {
  const parsed = parse(text);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.tokens
    .map((t) => {
      if (t.kind === 'text') return t.text;
      const v = values[t.name];
      return v === undefined || v === null || v.trim() === '' ? blank : neutralise(v);
    })
    .join('');
}

/** Values that show each placeholder as 〔姓名〕, for previews of a template being edited. */
export function previewValues(): Record<PlaceholderName, string> {
  return Object.fromEntries(PLACEHOLDER_NAMES.map((n) => [n, `〔${n}〕`])) as Record<PlaceholderName, string>;
}

/** 2025-03-01 → 2025年3月1日; null (or not a date) → null. */
export function chineseDate(date: CivilDate | null | undefined): string | null {
  if (!date || !isCivilDate(date)) return null;
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** What a printed commitment is filled from. Dates are YYYY-MM-DD; the ID number as it is to print (masked or not). */
export interface CommitmentFacts {
  name: string;
  idNumber: string;
  orgName: string;
  post: string;
  contract: { projectName: string; mainNumber: string; clientName: string; vendorName: string } | null;
  signDate: CivilDate | null;
  validUntil: CivilDate | null;
  declassifyFrom: CivilDate | null;
  declassifyTo: CivilDate | null;
  unitName: string;
}

/** The placeholder values of a commitment printed for one person (dates written the Chinese way). */
export function commitmentValues(f: CommitmentFacts): Record<PlaceholderName, string | null> {
  return {
    姓名: f.name,
    身份证号: f.idNumber,
    所属单位: f.orgName,
    岗位: f.post,
    合同名称: f.contract?.projectName ?? null,
    合同编号: f.contract?.mainNumber ?? null,
    甲方: f.contract?.clientName ?? null,
    乙方: f.contract?.vendorName ?? null,
    签署日期: chineseDate(f.signDate),
    有效期至: chineseDate(f.validUntil),
    脱密期开始: chineseDate(f.declassifyFrom),
    脱密期结束: chineseDate(f.declassifyTo),
    填报单位: f.unitName,
  };
}
