import { describe, expect, it } from 'vitest';
import { MAX_ADDRESS_ENTRIES, readFilingAddresses, readFilingMacs } from './fields';

describe('readFilingAddresses', () => {
  it('reads several entries with their corrections and refuses repeats and overlaps within one filing', () => {
    expect(readFilingAddresses('１０．０．０．１、10.0.1.0/24').notes).toEqual(['第 1 项：已将全角字符转为半角，按 10.0.0.1 登记']);
    expect(readFilingAddresses('10.0.0.0/24; 10.0.0.0-10.0.0.255').problems).toEqual(['第 2 项：10.0.0.0-10.0.0.255 与第 1 项 10.0.0.0/24 是同一地址，请删去其一']);
    expect(readFilingAddresses('10.0.0.7\n10.0.0.0/24').problems).toEqual(['第 2 项：10.0.0.0/24 包含第 1 项 10.0.0.7，请删去第 1 项 10.0.0.7']);
    expect(readFilingAddresses('10.0.0.0/25 10.0.0.100-10.0.0.200').problems).toEqual([
      '第 2 项：10.0.0.100-10.0.0.200 与第 1 项 10.0.0.0/25 部分重叠（10.0.0.100-10.0.0.127），请合并为一项',
    ]);
    expect(readFilingAddresses('10.0.0.1 ::ffff:10.0.0.1').problems).toEqual(['第 2 项：10.0.0.1 与第 1 项 10.0.0.1 是同一地址，请删去其一']);
    expect(readFilingAddresses('10.0.0.1, 2001:db8::1, 10.0.0.2').problems).toEqual([]);
  });

  it('refuses more than the maximum number of entries, suggesting blocks instead', () => {
    const many = Array.from({ length: MAX_ADDRESS_ENTRIES + 1 }, (_, i) => `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`).join(',');
    expect(readFilingAddresses(many).problems[0]).toBe(`一份报备最多填写 ${MAX_ADDRESS_ENTRIES} 项地址，当前 ${MAX_ADDRESS_ENTRIES + 1} 项；地址较多时请填写网段或范围，或分为多份报备`);
  });
});

describe('readFilingMacs', () => {
  it('reads MAC addresses in the usual notations, canonical, and refuses repeats naming both positions', () => {
    expect(readFilingMacs('')).toEqual({ values: [], problems: [], notes: [] });
    expect(readFilingMacs('00:1b:63:84:45:e6，001b.6384.45e7').values).toEqual(['00-1B-63-84-45-E6', '00-1B-63-84-45-E7']);
    expect(readFilingMacs('zz, 00-1B-63-84-45-E6 001b638445e6').problems).toEqual([
      expect.stringMatching(/^第 1 个：MAC 地址 zz 含有字符/),
      '第 3 个：00-1B-63-84-45-E6 与第 2 个重复，请删去其一',
    ]);
  });
});
