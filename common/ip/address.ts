/**
 * Address fields of the access-IP filings register (访问IP报备): one field may hold several
 * entries, each a single address, a CIDR block or a range, in IPv4 or IPv6.
 *
 * Entries are separated by commas (`,` `，` `、`), semicolons (`;` `；`), spaces or line breaks;
 * spaces next to the `-` of a range or the `/` of a block belong to the entry
 * (`10.0.0.1 - 10.0.0.9`, `10.0.0.0 / 8`). A range is `start-end`; `－ – — ~ ～ 至` are read as
 * its dash. Both ends are single addresses of the same family, start ≤ end.
 *
 * Policy for text programs read differently or people mistype (each case is tested):
 *
 * | Typed                               | Decision                                                                                  |
 * |-------------------------------------|-------------------------------------------------------------------------------------------|
 * | ` 10.1.1.1 `, zero-width characters | trimmed / removed silently                                                                |
 * | `2001:DB8::1`, `2001:0db8::0001`    | accepted, written `2001:db8::1` (RFC 5952)                                                |
 * | `１０．１．１．１`, `10。1。1。1`   | NFKC (and 。→ .) applied; note “已将全角字符转为半角，按 10.1.1.1 登记”                   |
 * | other non-ASCII (`①.1.1.1`)         | refused, naming the character                                                             |
 * | `010.001.1.1`                       | refused: “010.001.1.1 含前导零，可能被误读为八进制；如指 10.1.1.1 请直接填写 10.1.1.1”     |
 * | `0x0a.1.1.1`                        | refused: hexadecimal part; suggests `10.1.1.1`                                            |
 * | `10.1`, `10.1.1`, `1.2.3.4.5`       | refused: “10.1 只有 2 段，IPv4 地址应为 4 段…”                                            |
 * | `167772161`                         | refused: not dotted decimal; suggests `10.0.0.1` (the inet_aton reading)                  |
 * | `1.2.3.256`                         | refused: “第 4 段 256 超出 0–255”                                                         |
 * | `::ffff:1.2.3.4`, `::ffff:102:304`  | registered as IPv4 `1.2.3.4`; note “已按 IPv4 地址 1.2.3.4 登记” (also for /96+ blocks    |
 * |                                     | and ranges with both ends mapped or one end IPv4)                                         |
 * | `::1.2.3.4` (deprecated compatible) | accepted as IPv6, written `::102:304`                                                     |
 * | `64:ff9b::1.2.3.4`                  | accepted as IPv6, written `64:ff9b::102:304` (RFC 5952 §5: only mapped keeps dots)        |
 * | `1::2::3`, `:::`, 9 groups, `1:2:3` | refused, saying which rule is broken                                                      |
 * | `fe80::1%eth0`                      | refused: a zone is local to one host; “…请填写 fe80::1”                                   |
 * | `[2001:db8::1]`, `[::1]:443`        | refused: “不需要方括号…请填写 2001:db8::1”                                                |
 * | `1.2.3.4:8080`                      | refused: port number; “请填写 1.2.3.4”                                                    |
 * | `http://10.0.0.1:8080/`             | refused: a URL; “请填写 10.0.0.1”                                                         |
 * | `10.1.2.3/24`                       | refused: “10.1.2.3/24 的主机位不为零，网段应写作 10.1.2.0/24”                             |
 * | `10.0.0.0/33`, `/129`, `/-1`, `/`   | refused: prefix must be 0–32 (IPv4) or 0–128 (IPv6)                                       |
 * | `10.0.0.0/08`                       | refused: leading zero in the prefix; “请填写 10.0.0.0/8”                                  |
 * | `10.0.0.0/255.0.0.0`                | accepted as `10.0.0.0/8`; note “已将子网掩码 255.0.0.0 换算为前缀长度 /8”                 |
 * | `10.0.0.0/0.255.255.255`            | refused: wildcard (inverse) mask; names the netmask and prefix it stands for              |
 * | `1.2.3.4/32`, `::1/128`             | kept as a block of one address (kind 'cidr'), not turned into a single address           |
 * | `192.168.1.1-100`                   | refused: “…如指 192.168.1.1-192.168.1.100 请直接填写 …”                                   |
 * | `10.0.0.9-10.0.0.1`                 | refused: start after end; suggests the swapped range                                      |
 * | `10.0.0.5-10.0.0.5`                 | accepted as a range of one address                                                        |
 * | `10.0.0.1-::1`, `10.0.0.0/8-…`      | refused: ends of different families / ends that are not single addresses                 |
 * | more than 200 characters            | refused without being quoted back                                                         |
 *
 * Messages start with the entry as typed and, where the intended value is clear, end with what
 * to write instead. Nothing here throws on user text: parse functions return results, and
 * `toEntry` throws only IpAddressError.
 */
import { formatIpv4, parseIpv4 } from './ipv4';
import { formatIpv6, IPV6_MAX, isMapped, parseIpv6 } from './ipv6';
import { type IpEntry, IpAddressError, type IpFamily, type IpParse, type PartParse, type PartProblem } from './types';

export const MAX_ENTRY_LENGTH = 200;

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** True for text with nothing but spaces and invisible characters (zero-width space, BOM…). */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '').trim() === '';
}

/** Characters outside ASCII that may be typed by a Chinese IME and are folded or understood. */
const ALLOWED_NON_ASCII = /^[\u3000\u3002\uff01-\uff5e\uff61\u2013\u2014至]$/u;
const RANGE_DASH = /\s*[-–—~至]\s*/g;

/** Bit width of a family. */
export const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

export function maxOf(family: IpFamily): bigint {
  return family === 4 ? 0xffffffffn : IPV6_MAX;
}

/** Fixed-width lowercase hex of an address: 8 digits for IPv4, 32 for IPv6. */
export function toHex(family: IpFamily, value: bigint): string {
  return value.toString(16).padStart(family === 4 ? 8 : 32, '0');
}

/** Canonical text of an address value (RFC 5952 for IPv6). */
export function formatAddress(family: IpFamily, value: bigint): string {
  return family === 4 ? formatIpv4(Number(value)) : formatIpv6(value);
}

/** A single address read from text: IPv4-mapped IPv6 addresses are still family 6 here. */
interface Addr {
  family: IpFamily;
  value: bigint;
}

/** A problem with the fix phrased as certain (`sure`: “请填写 X”) or as a guess. */
interface Problem extends PartProblem {
  sure?: boolean;
}

const problem = (text: string, fix?: string, sure?: boolean): { ok: false; error: Problem } => ({
  ok: false,
  error: { problem: text, ...(fix === undefined ? {} : { fix }), ...(sure ? { sure } : {}) },
});

function readPlain(s: string): PartParse<Addr> {
  if (s.includes(':')) {
    const v6 = parseIpv6(s);
    return v6.ok ? { ok: true, value: { family: 6, value: v6.value } } : v6;
  }
  if (/^[0-9a-z.]+$/i.test(s) && /^(\d|0x)/i.test(s)) {
    const v4 = parseIpv4(s);
    return v4.ok ? { ok: true, value: { family: 4, value: BigInt(v4.value) } } : v4;
  }
  return problem('不是有效的 IP 地址，应为 IPv4（如 192.168.1.10）或 IPv6（如 2001:db8::1）地址');
}

/** One address, with brackets and ports recognised so that the refusal can name them. */
function readAddress(s: string): PartParse<Addr> {
  const canonical = (a: PartParse<Addr>) => (a.ok ? formatAddress(a.value.family, a.value.value) : undefined);
  const bracket = /^\[([^\]]*)\](?::(\d+))?$/.exec(s);
  if (bracket) {
    const fix = canonical(readPlain(bracket[1] as string));
    const port = bracket[2] === undefined ? '' : `和端口号 ${bracket[2]}`;
    return problem(`不需要方括号${port}，此处只填写地址`, fix, true);
  }
  const port = /^([\d.]+):(\d+)$/.exec(s);
  if (port) {
    const v4 = parseIpv4(port[1] as string);
    if (v4.ok) return problem(`含端口号 ${port[2]}，此处只填写地址`, formatIpv4(v4.value), true);
  }
  return readPlain(s);
}

/** Prefix length after the `/`, or a netmask (IPv4 only). */
function readPrefix(family: IpFamily, text: string): PartParse<{ prefix: number; note?: string }> {
  const bits = BITS[family];
  const range = `IPv${family} 网段的前缀长度应为 0–${bits}`;
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > bits) return problem(`的前缀长度 ${text} 超出范围，${range}`);
    if (text.length > 1 && text.startsWith('0')) return problem(`的前缀长度 ${text} 含前导零`, String(n), true);
    return { ok: true, value: { prefix: n } };
  }
  if (family === 4 && /^[\d.]+$/.test(text) && text.includes('.')) {
    const mask = parseIpv4(text);
    if (!mask.ok) return problem(`的子网掩码 ${text} ${mask.error.problem}`);
    const m = mask.value;
    const inverse = ~m >>> 0;
    if ((inverse & (inverse + 1)) === 0) {
      const prefix = 32 - Math.log2(inverse + 1);
      return { ok: true, value: { prefix, note: `已将子网掩码 ${text} 换算为前缀长度 /${prefix}` } };
    }
    if ((m & (m + 1)) === 0) {
      const prefix = 32 - Math.log2(m + 1);
      const netmask = formatIpv4(~m >>> 0);
      return problem(`中的 ${text} 像是反掩码（通配符掩码），对应的子网掩码为 ${netmask}，即前缀长度 /${prefix}`, String(prefix));
    }
    return problem(`的子网掩码 ${text} 不连续（应为左侧连续的 1，如 255.255.255.0）`);
  }
  if (text === '') return problem(`的“/”后缺少前缀长度，${range}`);
  return problem(`的前缀长度 ${text} 无效，${range}`);
}

/** Chinese name of an entry kind, as used in notes. */
const KIND_NAME = { single: '地址', cidr: '网段', range: '范围' } as const;

interface Folded {
  /** What the person typed, trimmed, for messages. */
  typed: string;
  /** ASCII text to parse, spaces around `-` and `/` removed, dashes unified. */
  s: string;
  folded: boolean;
  /** `%eth0` when the text has a zone id; `s` is then the folded text as is. */
  zone?: string;
}

function fold(raw: string): { ok: true; value: Folded } | { ok: false; message: string } {
  const typed = raw.replace(INVISIBLE, '').trim();
  if (typed === '') return { ok: false, message: '请填写 IP 地址' };
  if (typed.length > MAX_ENTRY_LENGTH) {
    return { ok: false, message: `内容过长（${typed.length} 个字符），不是有效的 IP 地址` };
  }
  // A zone id may be any interface name (以太网, br-lan); it is refused as a whole below.
  for (const ch of typed.replace(/[%％][^/／]*/, '')) {
    if (ch > '\u007f' && !ALLOWED_NON_ASCII.test(ch)) {
      return { ok: false, message: `${typed} 含有字符“${ch}”，IP 地址只能由数字、字母 a–f 和 . : / - 组成` };
    }
  }
  const halfWidth = typed.normalize('NFKC').replace(/。/g, '.');
  const folded = /[\u3000\u3002\uff01-\uff5e\uff61]/.test(typed);
  const zone = /%[^/]*/.exec(halfWidth);
  if (zone) return { ok: true, value: { typed, s: halfWidth, folded, zone: zone[0] } };
  const s = halfWidth.replace(RANGE_DASH, '-').replace(/\s*\/\s*/g, '/');
  if (/\s/.test(s)) {
    return { ok: false, message: `${typed} 中间有空格，不是一个有效的 IP 地址；多个地址请用逗号或换行分开` };
  }
  return { ok: true, value: { typed, s, folded } };
}

/**
 * Reads one entry — a single address, a CIDR block or a range — into its canonical form and
 * bounds. Never throws; see the policy table above for what is refused and what is noted.
 */
export function parseAddress(raw: string): IpParse {
  if (typeof raw !== 'string') return { ok: false, message: '请填写 IP 地址' };
  const f = fold(raw);
  if (!f.ok) return f;
  const { typed, s, folded, zone } = f.value;
  const say = (where: string, p: Problem, fixWhole?: string): IpParse => {
    let message = `${typed} ${where}${p.problem}`;
    if (fixWhole !== undefined) message += p.sure ? `，请填写 ${fixWhole}` : `；如指 ${fixWhole} 请直接填写 ${fixWhole}`;
    return { ok: false, message };
  };
  if (zone !== undefined) {
    const without = parseAddress(s.replace(zone, ''));
    const fix = without.ok ? without.value.text : undefined;
    return say('', { problem: `带有区域标识 ${zone}（区域标识只在本机有效，不能登记）`, sure: true }, fix);
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(s);
  if (url) {
    const host = parseAddress((url[1] as string).replace(/^\[(.*)\]$/, '$1'));
    return say('', { problem: '是网址，此处只填写 IP 地址', sure: true }, host.ok && host.value.kind === 'single' ? host.value.text : undefined);
  }
  const parsed = s.includes('-') && !/\/-/.test(s) ? readRange(s, say) : s.includes('/') ? readCidr(s, say) : readSingle(s, say);
  if (!parsed.ok) return parsed;
  const entry = parsed.value;
  if (folded) entry.notes.unshift(`已将全角字符转为半角，按 ${entry.text} 登记`);
  return { ok: true, value: entry };
}

type Say = (where: string, p: Problem, fixWhole?: string) => IpParse;

function entry(family: IpFamily, kind: IpEntry['kind'], text: string, start: bigint, end: bigint, notes: string[], prefix?: number): IpParse {
  const value: IpEntry = { family, kind, text, start: toHex(family, start), end: toHex(family, end), notes };
  if (prefix !== undefined) value.prefix = prefix;
  return { ok: true, value };
}

const mappedNote = (kind: IpEntry['kind'], text: string) => `已按 IPv4 ${KIND_NAME[kind]} ${text} 登记`;

function readSingle(s: string, say: Say): IpParse {
  const a = readAddress(s);
  if (!a.ok) return say('', a.error, a.error.fix);
  let { family, value } = a.value;
  const notes: string[] = [];
  if (family === 6 && isMapped(value)) {
    family = 4;
    value &= 0xffffffffn;
    notes.push(mappedNote('single', formatIpv4(Number(value))));
  }
  return entry(family, 'single', formatAddress(family, value), value, value, notes);
}

function readCidr(s: string, say: Say): IpParse {
  const slash = s.indexOf('/');
  const addrText = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  if (prefixText.includes('/')) return say('', { problem: '中有多个“/”，网段应写作 地址/前缀长度，如 10.0.0.0/8' });
  const a = readAddress(addrText);
  if (!a.ok) return say('', a.error, a.error.fix === undefined ? undefined : `${a.error.fix}/${prefixText}`);
  let { family, value } = a.value;
  const p = readPrefix(family, prefixText);
  if (!p.ok) {
    // The suggested prefix comes with the network it makes, so that the suggestion is valid.
    const hostOf = (n: number) => (1n << BigInt(BITS[family] - n)) - 1n;
    const fix = p.error.fix === undefined ? undefined : `${formatAddress(family, value & ~hostOf(Number(p.error.fix)))}/${p.error.fix}`;
    return say('', p.error, fix);
  }
  let { prefix } = p.value;
  const notes = p.value.note === undefined ? [] : [p.value.note];
  const host = (1n << BigInt(BITS[family] - prefix)) - 1n;
  if ((value & host) !== 0n) {
    const network = `${formatAddress(family, value & ~host)}/${prefix}`;
    return say('', { problem: `的主机位不为零，网段应写作 ${network}` });
  }
  if (family === 6 && prefix >= 96 && isMapped(value)) {
    family = 4;
    value &= 0xffffffffn;
    prefix -= 96;
    notes.push(mappedNote('cidr', `${formatIpv4(Number(value))}/${prefix}`));
  }
  const end = value | ((1n << BigInt(BITS[family] - prefix)) - 1n);
  return entry(family, 'cidr', `${formatAddress(family, value)}/${prefix}`, value, end, notes, prefix);
}

function readRange(s: string, say: Say): IpParse {
  const parts = s.split('-');
  if (parts.length > 2) return say('', { problem: '中有多个“-”，范围应写作 起始地址-结束地址' });
  const [startText, endText] = parts as [string, string];
  if (startText === '') return say('', { problem: '缺少范围的起始地址，范围应写作 起始地址-结束地址' });
  if (endText === '') return say('', { problem: '缺少范围的结束地址，范围应写作 起始地址-结束地址' });
  if (startText.includes('/') || endText.includes('/')) {
    return say('', { problem: '的两端应为单个地址，不能是网段；网段与范围请分别填写' });
  }
  const a = readAddress(startText);
  if (!a.ok) return say('的起始地址', a.error, a.error.fix === undefined ? undefined : `${a.error.fix}-${endText}`);
  if (a.value.family === 4 && /^\d+$/.test(endText)) {
    // 192.168.1.1-100: the last part alone, as often written in notices.
    const head = formatAddress(4, a.value.value).replace(/\d+$/, '');
    const plain = Number(endText) <= 255 && !/^0\d/.test(endText);
    return plain
      ? say('', { problem: '的结束地址不完整' }, `${formatAddress(4, a.value.value)}-${head}${endText}`)
      : say('', { problem: '的结束地址不完整，范围两端都应写完整的地址' });
  }
  const b = readAddress(endText);
  if (!b.ok) return say('的结束地址', b.error, b.error.fix === undefined ? undefined : `${startText}-${b.error.fix}`);

  let start = a.value;
  let end = b.value;
  const notes: string[] = [];
  const toV4 = (x: Addr): Addr => (x.family === 6 && isMapped(x.value) ? { family: 4, value: x.value & 0xffffffffn } : x);
  const mappedOrV4 = (x: Addr) => x.family === 4 || isMapped(x.value);
  if (mappedOrV4(start) && mappedOrV4(end) && (start.family === 6 || end.family === 6)) {
    start = toV4(start);
    end = toV4(end);
    notes.push(mappedNote('range', `${formatIpv4(Number(start.value))}-${formatIpv4(Number(end.value))}`));
  }
  if (start.family !== end.family) {
    return say('', { problem: '的两端应同为 IPv4 地址或同为 IPv6 地址' });
  }
  const family = start.family;
  const startCanon = formatAddress(family, start.value);
  const endCanon = formatAddress(family, end.value);
  if (start.value > end.value) {
    return say('', { problem: '的起始地址大于结束地址' }, `${endCanon}-${startCanon}`);
  }
  return entry(family, 'range', `${startCanon}-${endCanon}`, start.value, end.value, notes);
}

/** Reads one entry or throws IpAddressError with the Chinese message. */
export function toEntry(text: string): IpEntry {
  const parsed = parseAddress(text);
  if (!parsed.ok) throw new IpAddressError(parsed.message);
  return parsed.value;
}

/** Reads one single address (not a block or range) or throws IpAddressError. */
export function toAddress(text: string): IpEntry {
  const e = toEntry(text);
  if (e.kind !== 'single') throw new IpAddressError(`${text.trim()} 不是单个地址`);
  return e;
}
