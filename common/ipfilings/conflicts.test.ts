import { describe, expect, it } from 'vitest';
import { toEntry } from '../ip';
import { boundsText, entryOverlap, filingConflict, type FilingSide } from './conflicts';

const e = (text: string) => toEntry(text);
const side = (id: number, orgId: number, orgName: string, users: [number, string][]): FilingSide => ({
  id,
  number: `IP-2026-000${id}`,
  orgId,
  orgName,
  users: users.map((u) => u[1]),
  userIds: users.map((u) => u[0]),
});

describe('boundsText', () => {
  it('writes one address, one block or a range', () => {
    const b = (t: string) => {
      const x = e(t);
      return boundsText(x.family, x.start, x.end);
    };
    expect(b('10.0.0.5')).toBe('10.0.0.5');
    expect(b('10.0.0.0-10.0.0.255')).toBe('10.0.0.0/24');
    expect(b('10.0.0.1-10.0.0.6')).toBe('10.0.0.1-10.0.0.6');
    expect(b('2001:db8::/32')).toBe('2001:db8::/32');
  });
});

describe('entryOverlap', () => {
  it('tells the same addresses, containment either way and partial overlap, with the shared part and its space', () => {
    expect(entryOverlap(e('10.0.0.0/24'), e('10.0.0.0-10.0.0.255'))).toEqual({
      a: '10.0.0.0/24',
      b: '10.0.0.0-10.0.0.255',
      kind: '同一地址',
      outer: null,
      shared: '10.0.0.0/24',
      space: '私有地址',
    });
    expect(entryOverlap(e('10.0.5.7'), e('10.0.0.0/16'))).toMatchObject({ kind: '包含', outer: 'b', shared: '10.0.5.7' });
    expect(entryOverlap(e('8.8.0.0/16'), e('8.8.8.8'))).toMatchObject({ kind: '包含', outer: 'a', space: '公网' });
    expect(entryOverlap(e('10.0.0.0/24'), e('10.0.0.128-10.0.1.10'))).toMatchObject({ kind: '重叠', shared: '10.0.0.128/25' });
    expect(entryOverlap(e('172.31.255.0/24'), e('172.31.255.128-172.32.0.10'))).toMatchObject({ kind: '重叠', shared: '172.31.255.128/25', space: '私有地址' });
    expect(entryOverlap(e('172.31.255.200-172.32.0.10'), e('172.31.0.0-172.33.0.0'))).toMatchObject({ kind: '包含', space: '混合' });
  });

  it('finds nothing between neighbours or across families (IPv4-mapped text is IPv4)', () => {
    expect(entryOverlap(e('10.0.0.0/24'), e('10.0.1.0/24'))).toBeNull();
    expect(entryOverlap(e('::ffff:10.0.0.1'), e('10.0.0.1'))).toMatchObject({ kind: '同一地址' });
    expect(entryOverlap(e('::a00:1'), e('10.0.0.1'))).toBeNull();
  });

  it('works for IPv6 with documentation and public space labelled', () => {
    expect(entryOverlap(e('2001:db8::/32'), e('2001:db8:1::1'))).toMatchObject({ kind: '包含', space: '保留/文档' });
    expect(entryOverlap(e('2400:3200::/32'), e('2400:3200::1-2400:3201::1'))).toMatchObject({ kind: '重叠', shared: '2400:3200::1-2400:3200:ffff:ffff:ffff:ffff:ffff:ffff', space: '公网' });
  });
});

describe('filingConflict', () => {
  const ksy = side(1, 10, '北京金山云网络技术有限公司', [[100, '张三']]);
  const hw = side(2, 20, '华为技术有限公司', [[200, '李四']]);

  it('names both filings, the strongest kind, each overlap and who is involved', () => {
    const c = filingConflict(ksy, [e('10.0.0.5'), e('10.1.0.0/16')], hw, [e('10.0.0.5'), e('10.1.2.0/24')]);
    expect(c).toMatchObject({ kind: '同一地址', differentUnit: true, differentPeople: true, sharedUsers: [] });
    expect(c?.overlaps.map((o) => o.kind)).toEqual(['同一地址', '包含']);
    expect(c?.message).toBe(
      'IP-2026-0001（北京金山云网络技术有限公司，张三）与IP-2026-0002（华为技术有限公司，李四）的地址冲突：同一地址 10.0.0.5（私有地址）；IP-2026-0001 的 10.1.0.0/16 包含 IP-2026-0002 的 10.1.2.0/24（私有地址）。报备单位不同，使用人不同，请核实地址是否填写有误或被他人占用。',
    );
  });

  it('says when the same unit and people filed twice, and when people are shared in part', () => {
    const again = side(3, 10, '北京金山云网络技术有限公司', [[100, '张三']]);
    expect(filingConflict(ksy, [e('1.2.3.0/24')], again, [e('1.2.3.4-1.2.4.4')])?.message).toBe(
      'IP-2026-0001（北京金山云网络技术有限公司，张三）与IP-2026-0003（北京金山云网络技术有限公司，张三）的地址冲突：IP-2026-0001 的 1.2.3.0/24 与 IP-2026-0003 的 1.2.3.4-1.2.4.4 部分重叠，重叠部分 1.2.3.4-1.2.3.255（公网）。属同一单位、同一使用人重复报备，请核实是否应合并或撤销其一。',
    );
    const team = side(4, 10, '北京金山云网络技术有限公司', [[100, '张三'], [101, '王五']]);
    const c = filingConflict(team, [e('1.2.3.4')], ksy, [e('1.2.3.4')]);
    expect(c).toMatchObject({ differentUnit: false, differentPeople: true, sharedUsers: ['张三'] });
    expect(c?.message).toContain('报备单位相同，使用人不完全相同（共同使用人：张三）');
  });

  it('spells out three overlaps and counts the rest; none when nothing is shared', () => {
    const many = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map(e);
    expect(filingConflict(ksy, many, hw, [e('10.0.0.0/29')])?.message).toContain('IP-2026-0002 的 10.0.0.0/29 包含 IP-2026-0001 的 10.0.0.3（私有地址）等 4 处。');
    expect(filingConflict(ksy, [e('10.0.0.1')], hw, [e('2001:db8::1')])).toBeNull();
  });
});
