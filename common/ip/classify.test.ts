import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAddress, toEntry } from './address';
import { classesOf, classify, type IpClass } from './classify';

describe('classify', () => {
  it.each<[string, IpClass]>([
    ['10.1.2.3', '私有地址'],
    ['172.16.0.0/12', '私有地址'],
    ['172.31.255.255', '私有地址'],
    ['192.168.0.0/16', '私有地址'],
    ['fc00::1', '私有地址'],
    ['fd12:3456::/48', '私有地址'],
    ['100.64.0.0/10', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['127.0.0.1', '回环'],
    ['::1', '回环'],
    ['169.254.1.1', '链路本地'],
    ['fe80::1', '链路本地'],
    ['febf:ffff::', '链路本地'],
    ['224.0.0.1', '组播'],
    ['239.255.255.255', '组播'],
    ['ff02::1', '组播'],
    ['192.0.2.0/24', '保留/文档'],
    ['198.51.100.7', '保留/文档'],
    ['203.0.113.0/24', '保留/文档'],
    ['2001:db8::/32', '保留/文档'],
    ['3fff::1', '保留/文档'],
    ['0.0.0.0', '保留/文档'],
    ['255.255.255.255', '保留/文档'],
    ['240.0.0.1', '保留/文档'],
    ['198.18.0.1', '保留/文档'],
    ['::', '保留/文档'],
    ['fec0::1', '保留/文档'],
    ['::1.2.3.4', '保留/文档'],
    ['8.8.8.8', '公网'],
    ['1.1.1.0/24', '公网'],
    ['100.63.255.255', '公网'],
    ['100.128.0.0', '公网'],
    ['172.32.0.0', '公网'],
    ['192.169.0.0', '公网'],
    ['2400:da00::6666', '公网'],
    ['2001:db9::1', '公网'],
    ['64:ff9b::8.8.8.8', '公网'],
    ['::ffff:192.168.1.1', '私有地址'],
  ])('%s is %s', (text, label) => {
    expect(classify(toEntry(text))).toBe(label);
    expect(classesOf(toEntry(text))).toEqual([label]);
  });

  it('calls a block or range spanning several spaces 混合, listing them in address order', () => {
    expect(classify(toEntry('0.0.0.0/0'))).toBe('混合');
    expect(classesOf(toEntry('9.255.255.255-10.0.0.1'))).toEqual(['公网', '私有地址']);
    expect(classesOf(toEntry('192.0.1.255-192.0.2.0'))).toEqual(['公网', '保留/文档']);
    expect(classesOf(toEntry('10.255.255.255-100.64.0.0'))).toEqual(['私有地址', '公网', 'CGNAT']);
    expect(classesOf(toEntry('8.0.0.0/7'))).toEqual(['公网']);
    expect(classesOf(toEntry('fe00::/7'))).toEqual(['保留/文档', '链路本地', '组播']);
    expect(classesOf(toEntry('::/127'))).toEqual(['保留/文档', '回环']);
    expect(classify(toEntry('::/2'))).toBe('混合');
    expect(classesOf(toEntry('::/2'))).toEqual(['保留/文档', '回环', '公网']);
  });

  it('agrees with labelling every address of small ranges near the edges of the spaces', () => {
    const edges = [0, 0x0a000000, 0x0b000000, 0x64400000, 0x64800000, 0x7f000000, 0xa9fe0000, 0xac100000, 0xac200000, 0xc0000000, 0xc0000200, 0xc0000300, 0xc0a80000, 0xe0000000, 0xf0000000, 0xffffffff];
    const near = fc
      .tuple(fc.constantFrom(...edges), fc.integer({ min: -6, max: 6 }), fc.nat(12))
      .map(([edge, off, len]) => {
        const start = Math.min(0xffffffff, Math.max(0, edge + off));
        return [start, Math.min(0xffffffff, start + len)] as const;
      });
    fc.assert(
      fc.property(near, ([start, end]) => {
        const expected: IpClass[] = [];
        for (let v = start; v <= end; v++) {
          const label = classify(toEntry(formatAddress(4, BigInt(v))));
          expect(label).not.toBe('混合');
          if (!expected.includes(label as IpClass)) expected.push(label as IpClass);
        }
        const entry = toEntry(`${formatAddress(4, BigInt(start))}-${formatAddress(4, BigInt(end))}`);
        expect(classesOf(entry)).toEqual(expected);
        expect(classify(entry)).toBe(expected.length === 1 ? expected[0] : '混合');
      }),
      { numRuns: 500 },
    );
  });
});
