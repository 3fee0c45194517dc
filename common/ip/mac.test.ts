import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMac } from './mac';

const CANON = '00-1B-63-84-45-E6';

describe('parseMac', () => {
  it.each([
    '00-1b-63-84-45-e6',
    '00:1B:63:84:45:E6',
    '0:1b:63:84:45:e6',
    '001b.6384.45e6',
    '001B-6384-45E6',
    '001b638445e6',
    '  00-1B-63-84-45-E6\n',
    '\u200b00:1b:63:84:45:e6',
  ])('stores %j as AA-BB-CC-DD-EE-FF', (typed) => {
    expect(parseMac(typed)).toEqual({ ok: true, value: CANON, notes: [] });
  });

  it('folds full-width characters with a note', () => {
    expect(parseMac('００－１Ｂ－６３－８４－４５－Ｅ６')).toEqual({ ok: true, value: CANON, notes: ['已将全角字符转为半角，按 00-1B-63-84-45-E6 登记'] });
  });

  it('notes locally administered addresses, often randomised per network', () => {
    expect(parseMac('da:a1:19:00:00:01')).toEqual({
      ok: true,
      value: 'DA-A1-19-00-00-01',
      notes: ['MAC 地址 DA-A1-19-00-00-01 是本地管理地址，可能是系统随机生成的地址，设备更换网络后可能变化'],
    });
  });

  it.each([
    ['', '请填写 MAC 地址'],
    ['00-1B-63-84-45', 'MAC 地址 00-1B-63-84-45 应为 12 位十六进制数，当前为 10 位，如 AA-BB-CC-DD-EE-FF'],
    ['001b638445e6ff', 'MAC 地址 001b638445e6ff 应为 12 位十六进制数，当前为 14 位，如 AA-BB-CC-DD-EE-FF'],
    ['001-b63-8445-e6', 'MAC 地址 001-b63-8445-e6 分组不正确，如 AA-BB-CC-DD-EE-FF'],
    ['00-1B-63-84-45-G6', 'MAC 地址 00-1B-63-84-45-G6 含有字符“G”，只能由 0–9、A–F 及分隔符 - : . 组成'],
    ['00 1B 63 84 45 E6', 'MAC 地址 00 1B 63 84 45 E6 含有空格，只能由 0–9、A–F 及分隔符 - : . 组成'],
    ['00-1B:63-84-45-E6', 'MAC 地址 00-1B:63-84-45-E6 混用了多种分隔符，请统一写作 AA-BB-CC-DD-EE-FF'],
    ['001b.6384-45e6', 'MAC 地址 001b.6384-45e6 混用了多种分隔符，请统一写作 AA-BB-CC-DD-EE-FF'],
    ['00-00-00-00-00-00', 'MAC 地址 00-00-00-00-00-00 是全零地址，不是设备网卡的实际地址'],
    ['ff:ff:ff:ff:ff:ff', 'MAC 地址 FF-FF-FF-FF-FF-FF 是广播地址，不是设备网卡的实际地址'],
    ['01-00-5E-00-00-01', 'MAC 地址 01-00-5E-00-00-01 是组播地址（第一个字节为奇数），不是设备网卡的实际地址，请核对'],
    ['ⓐⓐ-bb-cc-dd-ee-ff', 'MAC 地址 ⓐⓐ-bb-cc-dd-ee-ff 含有字符“ⓐ”，只能由 0–9、A–F 及分隔符 - : . 组成'],
  ])('refuses %j', (typed, message) => {
    expect(parseMac(typed)).toEqual({ ok: false, message });
  });

  it('reads every unicast address in each accepted form to the same canonical value', () => {
    const bytes = fc.array(fc.nat(255), { minLength: 6, maxLength: 6 }).filter((b) => (b[0] as number) % 2 === 0 && b.some((x) => x !== 0));
    fc.assert(
      fc.property(bytes, fc.boolean(), (b, upper) => {
        const h = b.map((x) => x.toString(16).padStart(2, '0'));
        const canon = h.join('-').toUpperCase();
        const forms = [h.join('-'), h.join(':'), `${h[0]}${h[1]}.${h[2]}${h[3]}.${h[4]}${h[5]}`, `${h[0]}${h[1]}-${h[2]}${h[3]}-${h[4]}${h[5]}`, h.join('')];
        for (const form of forms) {
          const r = parseMac(upper ? form.toUpperCase() : form);
          expect(r.ok && r.value).toBe(canon);
          expect(r.ok && r.notes.length).toBe((b[0] as number) & 2 ? 1 : 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFG-:. ０Ａ'.split('')) })), (text) => {
        const r = parseMac(text);
        if (r.ok) expect(r.value).toMatch(/^[0-9A-F]{2}(-[0-9A-F]{2}){5}$/);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
