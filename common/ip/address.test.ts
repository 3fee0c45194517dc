import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAddress, toAddress, toEntry } from './address';
import { formatIpv6 } from './ipv6';
import { IpAddressError, type IpEntry } from './types';

const ok = (text: string): IpEntry => {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${r.message}`);
  return r.value;
};
const refused = (text: string): string => {
  const r = parseAddress(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${r.value.text}`);
  return r.message;
};

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const hex4 = (n: number) => n.toString(16).padStart(4, '0');
/** The WHATWG URL serializer compresses IPv6 like RFC 5952 (mapped addresses aside). */
const urlForm = (text: string) => new URL(`http://[${text}]/`).hostname.slice(1, -1);

const octet = fc.nat(255);
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 0xffff }));
const groups8 = fc.array(group, { minLength: 8, maxLength: 8 });
const isMappedGroups = (g: number[]) => g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
const v6Value = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
const MAPPED = 0xffffn << 32n;

describe('parseAddress: entry shape', () => {
  it('gives family, kind, canonical text and fixed-width hex bounds', () => {
    expect(ok('192.168.1.10')).toEqual({ family: 4, kind: 'single', text: '192.168.1.10', start: 'c0a8010a', end: 'c0a8010a', notes: [] });
    expect(ok('10.0.0.0/8')).toEqual({ family: 4, kind: 'cidr', text: '10.0.0.0/8', start: '0a000000', end: '0affffff', prefix: 8, notes: [] });
    expect(ok('10.0.0.1-10.0.0.9')).toEqual({ family: 4, kind: 'range', text: '10.0.0.1-10.0.0.9', start: '0a000001', end: '0a000009', notes: [] });
    expect(ok('2001:db8::/32')).toEqual({
      family: 6,
      kind: 'cidr',
      text: '2001:db8::/32',
      start: '20010db8000000000000000000000000',
      end: '20010db8ffffffffffffffffffffffff',
      prefix: 32,
      notes: [],
    });
    expect(ok('::/0')).toMatchObject({ start: '0'.repeat(32), end: 'f'.repeat(32), prefix: 0 });
    expect(ok('0.0.0.0/0')).toMatchObject({ start: '00000000', end: 'ffffffff', prefix: 0 });
  });

  it('reads ranges with spaces and the accepted dashes', () => {
    for (const text of ['10.0.0.1 - 10.0.0.9', '10.0.0.1 -10.0.0.9', '10.0.0.1–10.0.0.9', '10.0.0.1—10.0.0.9', '10.0.0.1~10.0.0.9', '10.0.0.1 至 10.0.0.9']) {
      expect(ok(text)).toMatchObject({ kind: 'range', text: '10.0.0.1-10.0.0.9', notes: [] });
    }
    expect(ok('2001:db8::1 - 2001:db8::ff')).toMatchObject({ family: 6, kind: 'range', text: '2001:db8::1-2001:db8::ff' });
    expect(ok('10.0.0.0 / 8')).toMatchObject({ kind: 'cidr', text: '10.0.0.0/8' });
  });
});

describe('parseAddress: RFC 4291 / RFC 5952 text', () => {
  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8::0001', '2001:db8::1'],
    ['2001:DB8::ABCD', '2001:db8::abcd'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
    ['2001:0:0:1:0:0:1:0', '2001::1:0:0:1:0'], // equal runs: the first is compressed
    ['0:0:0:0:0:0:0:0', '::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
    ['::1.2.3.4', '::102:304'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('%s → %s', (input, canonical) => {
    expect(ok(input)).toMatchObject({ family: 6, kind: 'single', text: canonical, notes: [] });
  });

  it('registers IPv4-mapped addresses (dotted or hex) as IPv4 with a note', () => {
    for (const text of ['::ffff:1.2.3.4', '::FFFF:102:304', '0:0:0:0:0:ffff:1.2.3.4']) {
      expect(ok(text)).toEqual({ family: 4, kind: 'single', text: '1.2.3.4', start: '01020304', end: '01020304', notes: ['已按 IPv4 地址 1.2.3.4 登记'] });
    }
    expect(formatIpv6(MAPPED | 0x01020304n)).toBe('::ffff:1.2.3.4');
    expect(ok('::ffff:10.0.0.0/104')).toMatchObject({ family: 4, kind: 'cidr', text: '10.0.0.0/8', prefix: 8, notes: ['已按 IPv4 网段 10.0.0.0/8 登记'] });
    expect(ok('::ffff:0:0/96')).toMatchObject({ family: 4, text: '0.0.0.0/0' });
    expect(ok('::ffff:1.2.3.4-::ffff:1.2.3.9')).toMatchObject({ family: 4, kind: 'range', text: '1.2.3.4-1.2.3.9', notes: ['已按 IPv4 范围 1.2.3.4-1.2.3.9 登记'] });
    expect(ok('::ffff:1.2.3.4-1.2.3.9')).toMatchObject({ family: 4, text: '1.2.3.4-1.2.3.9' });
    // A range reaching out of the mapped block stays IPv6, its mapped end in dotted form.
    expect(ok('::-::ffff:1.2.3.4')).toMatchObject({ family: 6, text: '::-::ffff:1.2.3.4', notes: [] });
  });

  it.each([
    ['1::2::3', '1::2::3 中“::”出现了不止一次，只能用一处 :: 省略连续的零组'],
    [':::', '::: 冒号过多（:::），不是有效的 IPv6 地址'],
    ['1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8:9 有 9 组，IPv6 地址最多 8 组'],
    ['1:2:3:4:5:6:7', '1:2:3:4:5:6:7 只有 7 组，IPv6 地址应为 8 组（连续的零组可用 :: 省略）'],
    ['1:2:3:4:5:6:7:8::', '1:2:3:4:5:6:7:8:: 含 :: 时最多写 7 组，此处有 8 组'],
    ['1:2:3:4::5:6:7:8', '1:2:3:4::5:6:7:8 含 :: 时最多写 7 组，此处有 8 组'],
    ['12345::', '12345:: 第 1 组 12345 超过 4 位十六进制数'],
    [':1:2:3:4:5:6:7', ':1:2:3:4:5:6:7 以单个冒号开头，不是有效的 IPv6 地址'],
    ['1:2:3:4:5:6:7:', '1:2:3:4:5:6:7: 以单个冒号结尾，不是有效的 IPv6 地址'],
    ['2001:db8::g', '2001:db8::g 含有字符“g”，不是有效的 IPv6 地址'],
    ['1.2.3.4::', '1.2.3.4:: 中的点分 IPv4 写法只能出现在最后两组的位置'],
    ['::1.2.3.4:1', '::1.2.3.4:1 中的点分 IPv4 写法只能出现在最后两组的位置'],
    ['1:2:3:4:5:6:7:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4 有 9 组，IPv6 地址最多 8 组'],
    ['::1.2.3', '::1.2.3 末尾的 IPv4 部分 1.2.3 只有 3 段，IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10'],
  ])('refuses %s', (input, message) => {
    expect(refused(input)).toBe(message);
  });
});

describe('parseAddress: the policy table', () => {
  it('trims surrounding spaces and removes zero-width characters silently', () => {
    expect(ok(' \t10.1.1.1\u3000\n')).toEqual(ok('10.1.1.1'));
    expect(ok('\u200b10.1.1.1\ufeff')).toEqual(ok('10.1.1.1'));
    expect(ok('10.1\u200b.1.1')).toEqual(ok('10.1.1.1'));
  });

  it('folds full-width digits and punctuation (NFKC) and the ideographic full stop, with a note', () => {
    const note = ['已将全角字符转为半角，按 10.1.1.1 登记'];
    expect(ok('１０．１．１．１')).toMatchObject({ text: '10.1.1.1', notes: note });
    expect(ok('10。1。1。1')).toMatchObject({ text: '10.1.1.1', notes: note });
    expect(ok('１０.1.1.1／３２')).toMatchObject({ text: '10.1.1.1/32', notes: ['已将全角字符转为半角，按 10.1.1.1/32 登记'] });
    expect(ok('２００１：ＤＢ８：：１')).toMatchObject({ family: 6, text: '2001:db8::1', notes: ['已将全角字符转为半角，按 2001:db8::1 登记'] });
    expect(ok('10.0.0.1～10.0.0.3')).toMatchObject({ text: '10.0.0.1-10.0.0.3', notes: ['已将全角字符转为半角，按 10.0.0.1-10.0.0.3 登记'] });
    expect(ok('10.0.0.1－10.0.0.3').text).toBe('10.0.0.1-10.0.0.3');
    expect(ok('：：ｆｆｆｆ：１．２．３．４').notes).toEqual(['已将全角字符转为半角，按 1.2.3.4 登记', '已按 IPv4 地址 1.2.3.4 登记']);
  });

  it('refuses other non-ASCII characters instead of folding look-alikes', () => {
    expect(refused('①.1.1.1')).toBe('①.1.1.1 含有字符“①”，IP 地址只能由数字、字母 a–f 和 . : / - 组成');
    expect(refused('10.1.1.1²')).toContain('含有字符“²”');
    expect(refused('ﬀ02::1')).toContain('含有字符“ﬀ”');
    expect(refused('10.0.0.😀')).toContain('含有字符“😀”');
  });

  it('refuses leading zeros in IPv4 parts, naming the decimal reading', () => {
    expect(refused('010.001.1.1')).toBe('010.001.1.1 含前导零，可能被误读为八进制；如指 10.1.1.1 请直接填写 10.1.1.1');
    expect(refused('10.0.0.09')).toBe('10.0.0.09 含前导零，可能被误读为八进制；如指 10.0.0.9 请直接填写 10.0.0.9');
    expect(refused('010.0.0.0/8')).toBe('010.0.0.0/8 含前导零，可能被误读为八进制；如指 10.0.0.0/8 请直接填写 10.0.0.0/8');
    expect(refused('010.0.0.1-10.0.0.5')).toBe(
      '010.0.0.1-10.0.0.5 的起始地址含前导零，可能被误读为八进制；如指 10.0.0.1-10.0.0.5 请直接填写 10.0.0.1-10.0.0.5',
    );
    expect(refused('10.0.0.1-10.0.0.05')).toBe(
      '10.0.0.1-10.0.0.05 的结束地址含前导零，可能被误读为八进制；如指 10.0.0.1-10.0.0.5 请直接填写 10.0.0.1-10.0.0.5',
    );
    expect(refused('::ffff:01.2.3.4')).toBe('::ffff:01.2.3.4 末尾的 IPv4 部分 01.2.3.4 含前导零，可能被误读为八进制；如指 ::ffff:1.2.3.4 请直接填写 ::ffff:1.2.3.4');
    // 0 alone is not a leading zero.
    expect(ok('0.0.0.0').start).toBe('00000000');
  });

  it('refuses hexadecimal IPv4 parts', () => {
    expect(refused('0x0a.1.1.1')).toBe('0x0a.1.1.1 含十六进制写法（0x…），IPv4 地址应写作点分十进制；如指 10.1.1.1 请直接填写 10.1.1.1');
    expect(refused('0XC0.0xA8.1.1')).toContain('如指 192.168.1.1 请直接填写 192.168.1.1');
    expect(refused('0x0a000001')).toBe('0x0a000001 含十六进制写法（0x…），IPv4 地址应写作点分十进制');
  });

  it('refuses fewer or more than four parts', () => {
    expect(refused('10.1')).toBe('10.1 只有 2 段，IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10');
    expect(refused('10.1.1')).toBe('10.1.1 只有 3 段，IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10');
    expect(refused('1.2.3.4.5')).toBe('1.2.3.4.5 有 5 段，IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10');
    expect(refused('167772161')).toBe('167772161 不是点分十进制的 IPv4 地址；如指 10.0.0.1 请直接填写 10.0.0.1');
    expect(refused('99999999999')).toBe('99999999999 不是有效的 IPv4 地址，IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10');
    expect(refused('8')).toBe('8 不是有效的 IPv4 地址，IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10');
    expect(refused('1.2.3.4.')).toBe('1.2.3.4. 有空的段（多余的点或点之间缺少数字），IPv4 地址应为 4 段 0–255 的十进制数，如 192.168.1.10');
    expect(refused('1..3.4')).toContain('有空的段');
  });

  it('refuses parts above 255', () => {
    expect(refused('1.2.3.256')).toBe('1.2.3.256 第 4 段 256 超出 0–255');
    expect(refused('300.1.1.1/8')).toBe('300.1.1.1/8 第 1 段 300 超出 0–255');
  });

  it('refuses zone ids, naming the address without them', () => {
    expect(refused('fe80::1%eth0')).toBe('fe80::1%eth0 带有区域标识 %eth0（区域标识只在本机有效，不能登记），请填写 fe80::1');
    expect(refused('fe80::1%以太网')).toBe('fe80::1%以太网 带有区域标识 %以太网（区域标识只在本机有效，不能登记），请填写 fe80::1');
    expect(refused('fe80::1%br-lan')).toContain('带有区域标识 %br-lan');
    expect(refused('fe80::%12/64')).toBe('fe80::%12/64 带有区域标识 %12（区域标识只在本机有效，不能登记），请填写 fe80::/64');
    expect(refused('fe80::1%')).toBe('fe80::1% 带有区域标识 %（区域标识只在本机有效，不能登记），请填写 fe80::1');
  });

  it('refuses brackets and ports, naming the address alone', () => {
    expect(refused('[2001:db8::1]')).toBe('[2001:db8::1] 不需要方括号，此处只填写地址，请填写 2001:db8::1');
    expect(refused('[::1]:443')).toBe('[::1]:443 不需要方括号和端口号 443，此处只填写地址，请填写 ::1');
    expect(refused('1.2.3.4:8080')).toBe('1.2.3.4:8080 含端口号 8080，此处只填写地址，请填写 1.2.3.4');
  });

  it('refuses host bits in a block, naming the network', () => {
    expect(refused('10.1.2.3/24')).toBe('10.1.2.3/24 的主机位不为零，网段应写作 10.1.2.0/24');
    expect(refused('2001:db8::1/32')).toBe('2001:db8::1/32 的主机位不为零，网段应写作 2001:db8::/32');
    expect(refused('10.0.0.1/0')).toBe('10.0.0.1/0 的主机位不为零，网段应写作 0.0.0.0/0');
  });

  it('refuses prefixes outside 0–32 and 0–128, negative, missing or with a leading zero', () => {
    expect(refused('10.0.0.0/33')).toBe('10.0.0.0/33 的前缀长度 33 超出范围，IPv4 网段的前缀长度应为 0–32');
    expect(refused('::/129')).toBe('::/129 的前缀长度 129 超出范围，IPv6 网段的前缀长度应为 0–128');
    expect(refused('10.0.0.0/-1')).toBe('10.0.0.0/-1 的前缀长度 -1 无效，IPv4 网段的前缀长度应为 0–32');
    expect(refused('10.0.0.0/')).toBe('10.0.0.0/ 的“/”后缺少前缀长度，IPv4 网段的前缀长度应为 0–32');
    expect(refused('10.0.0.0/8/8')).toBe('10.0.0.0/8/8 中有多个“/”，网段应写作 地址/前缀长度，如 10.0.0.0/8');
    expect(refused('10.0.0.0/08')).toBe('10.0.0.0/08 的前缀长度 08 含前导零，请填写 10.0.0.0/8');
    expect(refused('2001:db8::/ffff::')).toContain('前缀长度 ffff:: 无效');
  });

  it('accepts a contiguous IPv4 netmask with a note, and names the netmask for a wildcard mask', () => {
    expect(ok('10.0.0.0/255.0.0.0')).toMatchObject({ text: '10.0.0.0/8', prefix: 8, notes: ['已将子网掩码 255.0.0.0 换算为前缀长度 /8'] });
    expect(ok('192.168.1.0/255.255.255.0').text).toBe('192.168.1.0/24');
    expect(ok('1.2.3.4/255.255.255.255').text).toBe('1.2.3.4/32');
    expect(ok('0.0.0.0/0.0.0.0').text).toBe('0.0.0.0/0');
    expect(refused('10.1.1.0/0.0.0.255')).toBe(
      '10.1.1.0/0.0.0.255 中的 0.0.0.255 像是反掩码（通配符掩码），对应的子网掩码为 255.255.255.0，即前缀长度 /24；如指 10.1.1.0/24 请直接填写 10.1.1.0/24',
    );
    expect(refused('10.0.0.0/255.0.255.0')).toBe('10.0.0.0/255.0.255.0 的子网掩码 255.0.255.0 不连续（应为左侧连续的 1，如 255.255.255.0）');
    expect(refused('10.0.0.0/255.0.0')).toContain('的子网掩码 255.0.0 只有 3 段');
  });

  it('keeps a /32 or /128 block as a block', () => {
    expect(ok('1.2.3.4/32')).toMatchObject({ kind: 'cidr', text: '1.2.3.4/32', start: '01020304', end: '01020304' });
    expect(ok('::1/128')).toMatchObject({ kind: 'cidr', text: '::1/128' });
  });

  it('refuses the last-part shorthand of a range, naming the full range', () => {
    expect(refused('192.168.1.1-100')).toBe(
      '192.168.1.1-100 的结束地址不完整；如指 192.168.1.1-192.168.1.100 请直接填写 192.168.1.1-192.168.1.100',
    );
    expect(refused('192.168.1.1-300')).toBe('192.168.1.1-300 的结束地址不完整，范围两端都应写完整的地址');
    expect(refused('192.168.1.1-010')).toBe('192.168.1.1-010 的结束地址不完整，范围两端都应写完整的地址');
    expect(refused('192.168.1.1 - 9')).toBe('192.168.1.1 - 9 的结束地址不完整；如指 192.168.1.1-192.168.1.9 请直接填写 192.168.1.1-192.168.1.9');
  });

  it('refuses a range whose start is after its end, naming the swapped range', () => {
    expect(refused('10.0.0.9-10.0.0.1')).toBe('10.0.0.9-10.0.0.1 的起始地址大于结束地址；如指 10.0.0.1-10.0.0.9 请直接填写 10.0.0.1-10.0.0.9');
    expect(refused('2001:db8::9 - 2001:db8::1')).toContain('如指 2001:db8::1-2001:db8::9');
  });

  it('accepts a range of one address as a range', () => {
    expect(ok('10.0.0.5-10.0.0.5')).toMatchObject({ kind: 'range', text: '10.0.0.5-10.0.0.5', start: '0a000005', end: '0a000005' });
  });

  it('refuses ranges of mixed families, of blocks, or with a missing or extra end', () => {
    expect(refused('10.0.0.1-::1')).toBe('10.0.0.1-::1 的两端应同为 IPv4 地址或同为 IPv6 地址');
    expect(refused('10.0.0.0/8-10.0.0.1')).toBe('10.0.0.0/8-10.0.0.1 的两端应为单个地址，不能是网段；网段与范围请分别填写');
    expect(refused('10.0.0.1-')).toBe('10.0.0.1- 缺少范围的结束地址，范围应写作 起始地址-结束地址');
    expect(refused('-10.0.0.1')).toBe('-10.0.0.1 缺少范围的起始地址，范围应写作 起始地址-结束地址');
    expect(refused('10.0.0.1-10.0.0.2-10.0.0.3')).toBe('10.0.0.1-10.0.0.2-10.0.0.3 中有多个“-”，范围应写作 起始地址-结束地址');
    expect(refused('abc-10.0.0.1')).toBe('abc-10.0.0.1 的起始地址不是有效的 IP 地址，应为 IPv4（如 192.168.1.10）或 IPv6（如 2001:db8::1）地址');
  });

  it('refuses empty, spaced, over-long and unrelated text', () => {
    expect(refused('')).toBe('请填写 IP 地址');
    expect(refused(' \u200b ')).toBe('请填写 IP 地址');
    expect(refused('10.0.0.1 10.0.0.2')).toBe('10.0.0.1 10.0.0.2 中间有空格，不是一个有效的 IP 地址；多个地址请用逗号或换行分开');
    expect(refused('1'.repeat(201))).toBe('内容过长（201 个字符），不是有效的 IP 地址');
    expect(refused('localhost')).toBe('localhost 不是有效的 IP 地址，应为 IPv4（如 192.168.1.10）或 IPv6（如 2001:db8::1）地址');
    expect(refused('http://10.0.0.1/')).toBe('http://10.0.0.1/ 是网址，此处只填写 IP 地址，请填写 10.0.0.1');
    expect(refused('https://user@[2001:DB8::1]:8443/x')).toBe('https://user@[2001:DB8::1]:8443/x 是网址，此处只填写 IP 地址，请填写 2001:db8::1');
    expect(refused('https://example.com/')).toBe('https://example.com/ 是网址，此处只填写 IP 地址');
    expect(parseAddress(undefined as unknown as string)).toEqual({ ok: false, message: '请填写 IP 地址' });
  });
});

describe('toEntry / toAddress', () => {
  it('throw IpAddressError with the message', () => {
    expect(toEntry('10.0.0.0/8').text).toBe('10.0.0.0/8');
    expect(() => toEntry('010.1.1.1')).toThrow(IpAddressError);
    expect(() => toEntry('010.1.1.1')).toThrow('010.1.1.1 含前导零');
    expect(toAddress('::1').text).toBe('::1');
    expect(() => toAddress('10.0.0.0/8')).toThrow(new IpAddressError('10.0.0.0/8 不是单个地址'));
  });
});

describe('parseAddress: properties', () => {
  it('reads every dotted-decimal IPv4 address to its value', () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (parts) => {
        const text = parts.join('.');
        const hex = parts.map(hex2).join('');
        expect(ok(text)).toEqual({ family: 4, kind: 'single', text, start: hex, end: hex, notes: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('reads every IPv6 address in full form, any case and zero padding, and writes it as the URL serializer does', () => {
    fc.assert(
      fc.property(groups8, fc.boolean(), fc.boolean(), (g, upper, pad) => {
        fc.pre(!isMappedGroups(g));
        let full = g.map((x) => (pad ? hex4(x) : x.toString(16))).join(':');
        if (upper) full = full.toUpperCase();
        const hex = g.map(hex4).join('');
        const e = ok(full);
        expect(e).toMatchObject({ family: 6, kind: 'single', start: hex, end: hex, notes: [] });
        expect(e.text).toBe(urlForm(full));
        expect(ok(e.text)).toEqual(e);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads any zero run compressed with ::, not only the one RFC 5952 picks', () => {
    fc.assert(
      fc.property(groups8, fc.nat(7), fc.nat(8), (g, from, length) => {
        const to = Math.min(8, from + length);
        for (let i = from; i < to; i++) g[i] = 0;
        fc.pre(to > from && !isMappedGroups(g));
        const h = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
        const text = `${h(g.slice(0, from))}::${h(g.slice(to))}`;
        expect(ok(text).start).toBe(g.map(hex4).join(''));
      }),
      { numRuns: 500 },
    );
  });

  it('parse(format(x)) = x for IPv6 values, mapped ones becoming IPv4', () => {
    fc.assert(
      fc.property(fc.oneof(v6Value, v6Value.map((v) => MAPPED | (v & 0xffffffffn))), (v) => {
        const e = ok(formatIpv6(v));
        if (v >> 32n === 0xffffn) {
          expect(e).toMatchObject({ family: 4, start: (v & 0xffffffffn).toString(16).padStart(8, '0') });
        } else {
          expect(e).toMatchObject({ family: 6, start: v.toString(16).padStart(32, '0'), end: v.toString(16).padStart(32, '0') });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parse(format(block)) = block for IPv4 and IPv6 prefixes', () => {
    const block = (bits: number) =>
      fc.tuple(fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }), fc.integer({ min: 0, max: bits })).map(([v, prefix]) => {
        const host = (1n << BigInt(bits - prefix)) - 1n;
        return { network: v & ~host, last: (v & ~host) | host, prefix };
      });
    fc.assert(
      fc.property(block(32), ({ network, last, prefix }) => {
        const n = Number(network);
        const text = `${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')}/${prefix}`;
        expect(ok(text)).toEqual({
          family: 4,
          kind: 'cidr',
          text,
          start: network.toString(16).padStart(8, '0'),
          end: last.toString(16).padStart(8, '0'),
          prefix,
          notes: [],
        });
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(block(128), ({ network, last, prefix }) => {
        fc.pre(!(prefix >= 96 && network >> 32n === 0xffffn));
        const text = `${formatIpv6(network)}/${prefix}`;
        expect(ok(text)).toEqual({
          family: 6,
          kind: 'cidr',
          text,
          start: network.toString(16).padStart(32, '0'),
          end: last.toString(16).padStart(32, '0'),
          prefix,
          notes: [],
        });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every prefix outside 0–32 / 0–128 and every block with host bits', () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), fc.integer({ min: 33, max: 100_000 }), (parts, prefix) => {
        expect(refused(`${parts.join('.')}/${prefix}`)).toContain(`的前缀长度 ${prefix} 超出范围`);
      }),
    );
    fc.assert(
      fc.property(v6Value, fc.integer({ min: 129, max: 100_000 }), (v, prefix) => {
        expect(refused(`${formatIpv6(v)}/${prefix}`)).toContain(`的前缀长度 ${prefix} 超出范围`);
      }),
    );
    fc.assert(
      fc.property(v6Value, fc.integer({ min: 0, max: 127 }), (v, prefix) => {
        const host = (1n << BigInt(128 - prefix)) - 1n;
        fc.pre((v & host) !== 0n);
        const text = `${formatIpv6(v)}/${prefix}`;
        expect(refused(text)).toBe(`${text} 的主机位不为零，网段应写作 ${formatIpv6(v & ~host)}/${prefix}`);
      }),
    );
  });

  const addressish = fc.string({
    unit: fc.constantFrom(...'0123456789abcdefABCDEFxX:.%/-[] ，,、；0．：％～至\u3000\u200b'.split('')),
    maxLength: 40,
  });

  it('never throws on arbitrary text, and whatever it accepts is well-formed and stable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), addressish), (text) => {
        const r = parseAddress(text);
        if (!r.ok) {
          expect(typeof r.message).toBe('string');
          expect(r.message.length).toBeGreaterThan(0);
          expect(() => toEntry(text)).toThrow(IpAddressError);
          return;
        }
        const e = r.value;
        expect(e.start).toMatch(e.family === 4 ? /^[0-9a-f]{8}$/ : /^[0-9a-f]{32}$/);
        expect(e.end).toMatch(e.family === 4 ? /^[0-9a-f]{8}$/ : /^[0-9a-f]{32}$/);
        expect(e.start <= e.end).toBe(true);
        // The canonical text reads back to the same entry, with nothing to note.
        expect(ok(e.text)).toEqual({ ...e, notes: [] });
      }),
      { numRuns: 3000 },
    );
  });
});
