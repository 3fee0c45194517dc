import { describe, expect, it } from 'vitest';
import { toEntry } from '../ip';
import { mergedCidrs, whitelistCsv, whitelistCsvRows, whitelistText } from './whitelist';

const entries = (...texts: string[]) => texts.map(toEntry);

describe('mergedCidrs', () => {
  it('splits ranges into blocks, drops repeats, joins overlapping and adjacent blocks, IPv4 before IPv6', () => {
    expect(mergedCidrs(entries('2001:db8::1', '10.0.0.1-10.0.0.6', '10.0.0.3', '192.168.1.0/25', '192.168.1.128/25', '10.0.0.1'))).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
      '192.168.1.0/24',
      '2001:db8::1/128',
    ]);
    expect(mergedCidrs(entries('10.0.0.0/8', '10.1.2.3'))).toEqual(['10.0.0.0/8']);
    expect(mergedCidrs([])).toEqual([]);
  });
});

describe('whitelistText', () => {
  it('puts every header line behind # and one block per line', () => {
    expect(whitelistText(['访问IP白名单', '筛选条件：单位：某\n公司'], ['10.0.0.0/8'])).toBe('# 访问IP白名单\n# 筛选条件：单位：某 公司\n10.0.0.0/8\n');
  });
});

describe('whitelistCsv', () => {
  it('writes the header, one row per block and filing, quoting and neutralising cells', () => {
    const [a, b] = entries('10.0.0.1-10.0.0.2', '10.0.0.1-10.0.0.2');
    const csv = whitelistCsv(['生成时间：2026-03-02 14:05:00'], whitelistCsvRows([
      { entry: a!, number: 'IP-2026-0001', orgName: '=HYPERLINK("x")', users: ['张三', '李四'], validTo: '2026-12-31' },
      { entry: b!, number: 'IP-2026-0001', orgName: '=HYPERLINK("x")', users: ['张三', '李四'], validTo: '2026-12-31' },
      { entry: toEntry('2001:db8::/32'), number: 'IP-2026-0002', orgName: '华为技术有限公司, 北京', users: ['王五'], validTo: '2026-06-30' },
    ]));
    expect(csv.split('\r\n')).toEqual([
      '# 生成时间：2026-03-02 14:05:00',
      'cidr,报备编号,单位,使用人,有效期至',
      '10.0.0.1/32,IP-2026-0001,"\'=HYPERLINK(""x"")",张三、李四,2026-12-31',
      '10.0.0.2/32,IP-2026-0001,"\'=HYPERLINK(""x"")",张三、李四,2026-12-31',
      '2001:db8::/32,IP-2026-0002,"华为技术有限公司, 北京",王五,2026-06-30',
      '',
    ]);
  });
});
