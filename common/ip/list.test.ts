import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAddressList } from './list';

const texts = (field: string) => parseAddressList(field).items.map((i) => i.text);

describe('parseAddressList', () => {
  it('splits on commas, Chinese commas, semicolons, spaces and line breaks', () => {
    expect(texts('10.0.0.1,10.0.0.2，10.0.0.3、10.0.0.4;10.0.0.5；10.0.0.6 10.0.0.7\u300010.0.0.8\n10.0.0.9\r\n::1\t::2')).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.0.3',
      '10.0.0.4',
      '10.0.0.5',
      '10.0.0.6',
      '10.0.0.7',
      '10.0.0.8',
      '10.0.0.9',
      '::1',
      '::2',
    ]);
  });

  it('keeps spaces around a range dash or a slash within the entry, but never a line break', () => {
    expect(texts('10.0.0.1 - 10.0.0.9, 10.0.0.0 / 8；10.1.0.1 至 10.1.0.9  2001:db8::1 ～ 2001:db8::9')).toEqual([
      '10.0.0.1 - 10.0.0.9',
      '10.0.0.0 / 8',
      '10.1.0.1 至 10.1.0.9',
      '2001:db8::1 ～ 2001:db8::9',
    ]);
    const list = parseAddressList('10.0.0.1 -\n10.0.0.9');
    expect(list.items.map((i) => i.text)).toEqual(['10.0.0.1 -', '10.0.0.9']);
    expect(list.problems).toEqual(['第 1 项：10.0.0.1 - 缺少范围的结束地址，范围应写作 起始地址-结束地址']);
  });

  it('ignores empty entries and blank text', () => {
    expect(parseAddressList('')).toEqual({ ok: true, items: [], entries: [], problems: [] });
    expect(parseAddressList(' ,， ;\n\u200b\n')).toEqual({ ok: true, items: [], entries: [], problems: [] });
    expect(texts(',,10.0.0.1,,\n\n10.0.0.2,')).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('reports each entry with its index, text and offset, and which ones are wrong', () => {
    const field = '10.0.0.1，010.1.1.1\n  10.1.2.3/24; 2001:db8::/32';
    const list = parseAddressList(field);
    expect(list.ok).toBe(false);
    expect(list.items.map(({ index, text, offset, ok }) => ({ index, text, offset, ok }))).toEqual([
      { index: 0, text: '10.0.0.1', offset: 0, ok: true },
      { index: 1, text: '010.1.1.1', offset: 9, ok: false },
      { index: 2, text: '10.1.2.3/24', offset: 21, ok: false },
      { index: 3, text: '2001:db8::/32', offset: 34, ok: true },
    ]);
    expect(list.entries.map((e) => e.text)).toEqual(['10.0.0.1', '2001:db8::/32']);
    expect(list.problems).toEqual([
      '第 2 项：010.1.1.1 含前导零，可能被误读为八进制；如指 10.1.1.1 请直接填写 10.1.1.1',
      '第 3 项：10.1.2.3/24 的主机位不为零，网段应写作 10.1.2.0/24',
    ]);
    const item = list.items[1];
    expect(item?.ok === false && item.message).toBe('010.1.1.1 含前导零，可能被误读为八进制；如指 10.1.1.1 请直接填写 10.1.1.1');
  });

  it('carries the notes of each entry', () => {
    const list = parseAddressList('１０．１．１．１、::ffff:1.2.3.4');
    expect(list.ok).toBe(true);
    expect(list.entries.map((e) => [e.text, e.notes])).toEqual([
      ['10.1.1.1', ['已将全角字符转为半角，按 10.1.1.1 登记']],
      ['1.2.3.4', ['已按 IPv4 地址 1.2.3.4 登记']],
    ]);
  });

  it('gives back entries joined in any accepted way, each at its offset', () => {
    const entry = fc.oneof(
      fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.${a}.${b}.1`),
      fc.nat(0xffff).map((g) => `2001:db8::${g.toString(16)}`),
      fc.integer({ min: 8, max: 32 }).map((p) => `10.0.0.0/${p}`),
      fc.constant('10.0.0.1 - 10.0.0.9'),
    );
    const sep = fc.constantFrom(',', '，', '、', ';', '；', ' ', '\n', '\r\n', ' , ', '\u3000', '\t');
    fc.assert(
      fc.property(fc.array(fc.tuple(entry, sep), { minLength: 1, maxLength: 8 }), (pairs) => {
        const field = pairs.map(([e, s]) => e + s).join('');
        const list = parseAddressList(field);
        expect(list.ok).toBe(true);
        expect(list.items.map((i) => i.text)).toEqual(pairs.map(([e]) => e));
        for (const item of list.items) expect(field.slice(item.offset, item.offset + item.text.length)).toBe(item.text);
      }),
    );
  });

  it('never throws on arbitrary text, and offsets always point at the entry', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'10.:/- ，,\n至~'.split('')) })), (field) => {
        const list = parseAddressList(field);
        expect(list.ok).toBe(list.problems.length === 0);
        expect(list.entries.length + list.problems.length).toBe(list.items.length);
        for (const item of list.items) expect(field.slice(item.offset, item.offset + item.text.length)).toBe(item.text);
      }),
      { numRuns: 1000 },
    );
  });
});
