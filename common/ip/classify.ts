/**
 * Which special-purpose address space an entry lies in, as a Chinese label for the register
 * (IANA special-purpose registries, RFC 6890 and its updates).
 *
 * | Label     | IPv4                                                          | IPv6                                              |
 * |-----------|---------------------------------------------------------------|---------------------------------------------------|
 * | 私有地址  | 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918)          | fc00::/7 (unique local, RFC 4193)                 |
 * | CGNAT     | 100.64.0.0/10 (shared address space, RFC 6598)                | —                                                 |
 * | 回环      | 127.0.0.0/8                                                   | ::1/128                                           |
 * | 链路本地  | 169.254.0.0/16                                                | fe80::/10                                         |
 * | 组播      | 224.0.0.0/4                                                   | ff00::/8                                          |
 * | 保留/文档 | 0.0.0.0/8, 192.0.0.0/24, 192.0.2.0/24, 198.18.0.0/15,         | ::/128, 2001:db8::/32, 2001:2::/48, 3fff::/20,    |
 * |           | 198.51.100.0/24, 203.0.113.0/24, 240.0.0.0/4 (incl. broadcast) | everything outside 2000::/3 not listed here       |
 * | 公网      | everything else                                               | 2000::/3 not listed above; 64:ff9b::/96 (NAT64,   |
 * |           |                                                               | stands for public IPv4 addresses, RFC 6052)       |
 *
 * A block or range lying in more than one of these spaces is 混合 (`classify`); `classesOf`
 * lists the labels it touches, in address order.
 */
import { parseAddress } from './address';
import { boundsOf } from './ranges';
import type { IpEntry, IpFamily } from './types';

export type IpClass = '私有地址' | 'CGNAT' | '回环' | '链路本地' | '组播' | '保留/文档' | '公网';
export type IpClassification = IpClass | '混合';

/** First match wins, so a block may sit inside a wider one listed after it. */
const RULES: Record<IpFamily, Array<[string, IpClass]>> = {
  4: [
    ['0.0.0.0/8', '保留/文档'],
    ['10.0.0.0/8', '私有地址'],
    ['100.64.0.0/10', 'CGNAT'],
    ['127.0.0.0/8', '回环'],
    ['169.254.0.0/16', '链路本地'],
    ['172.16.0.0/12', '私有地址'],
    ['192.0.0.0/24', '保留/文档'],
    ['192.0.2.0/24', '保留/文档'],
    ['192.168.0.0/16', '私有地址'],
    ['198.18.0.0/15', '保留/文档'],
    ['198.51.100.0/24', '保留/文档'],
    ['203.0.113.0/24', '保留/文档'],
    ['224.0.0.0/4', '组播'],
    ['240.0.0.0/4', '保留/文档'],
    ['0.0.0.0/0', '公网'],
  ],
  6: [
    ['::/128', '保留/文档'],
    ['::1/128', '回环'],
    ['64:ff9b::/96', '公网'],
    ['fc00::/7', '私有地址'],
    ['fe80::/10', '链路本地'],
    ['ff00::/8', '组播'],
    ['2001:db8::/32', '保留/文档'],
    ['2001:2::/48', '保留/文档'],
    ['3fff::/20', '保留/文档'],
    ['2000::/3', '公网'],
    ['::/0', '保留/文档'],
  ],
};

interface Rule {
  start: bigint;
  end: bigint;
  label: IpClass;
}

const COMPILED: Record<IpFamily, Rule[]> = { 4: compile(RULES[4]), 6: compile(RULES[6]) };

function compile(rules: Array<[string, IpClass]>): Rule[] {
  return rules.map(([text, label]) => {
    const parsed = parseAddress(text);
    if (!parsed.ok) throw new Error(`classify: bad rule ${text}`);
    const { start, end } = boundsOf(parsed.value);
    return { start, end, label };
  });
}

function labelAt(family: IpFamily, address: bigint): IpClass {
  // The last rule of each family is the whole space, so a rule always matches.
  return (COMPILED[family].find((r) => r.start <= address && address <= r.end) as Rule).label;
}

/** The labels of the spaces an entry touches, each once, in address order. */
export function classesOf(entry: IpEntry): IpClass[] {
  const { family, start, end } = boundsOf(entry);
  // Between consecutive rule edges every address has the same label.
  const cuts = new Set<bigint>([start]);
  for (const r of COMPILED[family]) {
    if (start < r.start && r.start <= end) cuts.add(r.start);
    if (start <= r.end && r.end < end) cuts.add(r.end + 1n);
  }
  const labels: IpClass[] = [];
  for (const at of [...cuts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))) {
    const label = labelAt(family, at);
    if (!labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** The label of the space an entry lies in, or 混合 when it spans more than one. */
export function classify(entry: IpEntry): IpClassification {
  const labels = classesOf(entry);
  return labels.length === 1 ? (labels[0] as IpClass) : '混合';
}
