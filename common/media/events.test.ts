import { describe, expect, it } from 'vitest';
import { describeEvent, type MediaEvent } from './events';

const AT = { seq: 5, occurredAt: '2026-03-31T15:00:00+08:00', recordedAt: '2026-03-31T15:01:00+08:00' };
const stocktake = (stocktake: string, note: string): MediaEvent => ({ ...AT, type: '清查结果', result: '缺失', stocktake, note });

describe('describeEvent: 清查结果', () => {
  it('puts the session in brackets right after the result, then the note', () => {
    expect(describeEvent(stocktake('QC-2026-001 2026年一季度介质清查', '未在保密柜中找到'))).toBe(
      '清查结果：缺失（QC-2026-001 2026年一季度介质清查），说明：未在保密柜中找到',
    );
  });

  it('leaves out the brackets when recorded outside a session, and the note when there is none', () => {
    expect(describeEvent(stocktake('', '未在保密柜中找到'))).toBe('清查结果：缺失，说明：未在保密柜中找到');
    expect(describeEvent(stocktake('  ', ''))).toBe('清查结果：缺失');
    expect(describeEvent(stocktake(' QC-2026-002 ', ' '))).toBe('清查结果：缺失（QC-2026-002）');
  });
});
