/**
 * The address and MAC fields of a filing as typed: several entries in one field, each read by the
 * parsers of common/ip, plus the rules of one filing — at most `MAX_ADDRESS_ENTRIES` entries, and
 * no entry repeating or overlapping another of the same filing (the filing's addresses are a set;
 * a block and an address inside it are one claim written twice).
 *
 * Problems read “第 2 项：010.1.1.1 含前导零…如指 10.1.1.1 请直接填写 10.1.1.1”; notes say what was
 * corrected while reading (“第 1 项：已将全角字符转为半角，按 10.1.1.1 登记”).
 */
import { parseAddressList, parseMac, type IpEntry } from '../ip';
import { entryOverlap } from './conflicts';

export const MAX_ADDRESS_ENTRIES = 100;
export const MAX_MACS = 20;

export interface FieldReading<T> {
  values: T[];
  problems: string[];
  notes: string[];
}

function sameFilingProblem(i: number, a: IpEntry, j: number, b: IpEntry): string | null {
  const o = entryOverlap(a, b);
  if (!o) return null;
  const first = `第 ${i + 1} 项 ${a.text}`;
  const head = `第 ${j + 1} 项：${b.text} `;
  if (o.kind === '同一地址') return `${head}与${first} 是同一地址，请删去其一`;
  if (o.outer === 'a') return `${head}已包含在${first} 中，请删去`;
  if (o.outer === 'b') return `${head}包含${first}，请删去${first}`;
  return `${head}与${first} 部分重叠（${o.shared}），请合并为一项`;
}

/** The address field of a filing: its entries in order, or the problems to show at the field. */
export function readFilingAddresses(text: string): FieldReading<IpEntry> {
  const list = parseAddressList(text);
  const problems = [...list.problems];
  const notes = list.items.flatMap((item) => (item.ok ? item.value.notes.map((n) => `第 ${item.index + 1} 项：${n}`) : []));
  if (list.items.length > MAX_ADDRESS_ENTRIES) {
    problems.unshift(`一份报备最多填写 ${MAX_ADDRESS_ENTRIES} 项地址，当前 ${list.items.length} 项；地址较多时请填写网段或范围，或分为多份报备`);
  }
  if (list.ok) {
    const items = list.items.filter((it): it is typeof it & { ok: true } => it.ok);
    for (let j = 1; j < items.length; j++) {
      for (let i = 0; i < j; i++) {
        const p = sameFilingProblem(i, items[i]!.value, j, items[j]!.value);
        if (p) {
          problems.push(p);
          break;
        }
      }
    }
  }
  return { values: list.entries, problems, notes };
}

const MAC_SEPARATORS = /[,，、;；\s\u3000]+/;

/** The MAC field of a filing (optional): canonical AA-BB-CC-DD-EE-FF values, repeats refused. */
export function readFilingMacs(text: string): FieldReading<string> {
  const typed = text.split(MAC_SEPARATORS).filter((t) => t.trim() !== '');
  const values: string[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const positions = new Map<string, number>();
  if (typed.length > MAX_MACS) problems.push(`一份报备最多填写 ${MAX_MACS} 个 MAC 地址，当前 ${typed.length} 个`);
  typed.forEach((t, i) => {
    const parsed = parseMac(t);
    if (!parsed.ok) {
      problems.push(`第 ${i + 1} 个：${parsed.message}`);
      return;
    }
    const first = positions.get(parsed.value);
    if (first !== undefined) {
      problems.push(`第 ${i + 1} 个：${parsed.value} 与第 ${first + 1} 个重复，请删去其一`);
      return;
    }
    positions.set(parsed.value, i);
    values.push(parsed.value);
    notes.push(...parsed.notes.map((n) => `第 ${i + 1} 个：${n}`));
  });
  return { values, problems, notes };
}
