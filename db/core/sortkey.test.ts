import { describe, expect, it } from 'vitest';
import { chineseSortKey } from './sortkey';

describe('chineseSortKey', () => {
  it('orders organisation names by pinyin, as a Chinese reader expects', () => {
    const names = ['郑州大学', '北京市卫生健康监督所', '常州市政务服务管理办公室', '北京金山云网络技术有限公司', '安徽省某某局', '首信云技术有限公司'];
    const sorted = [...names].sort((a, b) => (chineseSortKey(a) < chineseSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['安徽省某某局', '北京金山云网络技术有限公司', '北京市卫生健康监督所', '常州市政务服务管理办公室', '首信云技术有限公司', '郑州大学']);
    expect(sorted).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
  });

  it('reads common words with more than one pronunciation right and keeps Latin text', () => {
    expect(chineseSortKey('重庆市大数据局')).toMatch(/^chong qing/);
    expect(chineseSortKey('长沙银行')).toMatch(/^chang sha/);
    expect(chineseSortKey('Huawei 华为')).toBe('huawei hua wei');
  });
});
