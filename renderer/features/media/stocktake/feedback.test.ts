import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanFeedback } from '../../../../common/api/stocktake';
import en from '../../../i18n/en';
import zhCN from '../../../i18n/zh-CN';
import { feedbackLine } from './feedback';

const base: ScanFeedback = { outcome: 'marked', code: 'JZ-2026-0003', number: 'JZ-2026-0003', kind: 'U盘', result: '在位', status: '在库', bySerial: false, itemId: 3, findingId: null };

beforeAll(async () => {
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
});

describe('the line a scan answers with', () => {
  it('says what was marked, green for 在位 and orange otherwise', () => {
    expect(feedbackLine(i18n.t, base)).toEqual({ text: 'JZ-2026-0003 U盘 在位 ✓', color: 'green' });
    expect(feedbackLine(i18n.t, { ...base, result: '状态不符', code: 'sn-1', bySerial: true })).toEqual({
      text: 'JZ-2026-0003 U盘 状态不符 ✓（按序列号 sn-1）',
      color: 'orange',
    });
  });

  it('warns in red of a code outside the list or of no medium, both recorded as 账外', () => {
    expect(feedbackLine(i18n.t, { ...base, outcome: 'outOfScope', result: null, status: '已销毁' })).toEqual({
      text: 'JZ-2026-0003 U盘 不在本次清查范围（账面状态：已销毁）：已记为账外介质',
      color: 'red',
    });
    expect(feedbackLine(i18n.t, { ...base, outcome: 'unknown', code: 'XYZ', number: null, kind: null, result: null, status: null })).toEqual({
      text: '未找到该编号“XYZ”：已记为账外介质；如系输入错误，请在账外介质中撤销',
      color: 'red',
    });
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    expect(feedbackLine(i18n.t, { ...base, outcome: 'already' }).text).toBe('JZ-2026-0003 U盘 is already marked Present');
    await i18n.changeLanguage('zh-CN');
  });
});
