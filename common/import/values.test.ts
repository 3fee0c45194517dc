import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../contracts/civil-date';
import { cellText, fromExcelSerial, parseAmountFen, parseDate, parseYesNo, toExcelSerial, type Cell } from './values';

const valueOf = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(`expected a value, got: ${r.message}`);
  return r.value;
};
const messageOf = (r: { ok: boolean; message?: string }): string => {
  if (r.ok) throw new Error('expected a refusal');
  return r.message!;
};

/** Any real date 1901-01-01 … 2099-12-31 as its parts. */
const civilDate = fc
  .integer({ min: toDayNumber('1901-01-01'), max: toDayNumber('2099-12-31') })
  .map((d) => fromDayNumber(d));
const partsOf = (date: string) => date.split('-').map(Number) as [number, number, number];

describe('parseDate', () => {
  it.each<[Cell, string]>([
    ['2024年5月20日', '2024-05-20'],
    ['2024 年 05 月 20 日', '2024-05-20'],
    ['2024.5.20', '2024-05-20'],
    ['2024/05/20', '2024-05-20'],
    ['2024-5-20', '2024-05-20'],
    ['20240520', '2024-05-20'],
    ['２０２４－５－２０', '2024-05-20'],
    ['2024-05-20 09:30', '2024-05-20'],
    ['2024-05-20T09:30:00.000Z', '2024-05-20'],
    [45432, '2024-05-20'],
    ['45432', '2024-05-20'],
    [45432.75, '2024-05-20'],
    [1, '1900-01-01'],
    [61, '1900-03-01'],
  ])('reads %j as %s', (cell, date) => {
    expect(valueOf(parseDate(cell))).toBe(date);
  });

  it('reads an empty cell as no date', () => {
    expect(valueOf(parseDate(''))).toBeNull();
    expect(valueOf(parseDate(null))).toBeNull();
    expect(valueOf(parseDate('  '))).toBeNull();
  });

  it('refuses dates that do not exist, saying which part is wrong', () => {
    expect(messageOf(parseDate('2023年2月29日', '启用日期'))).toBe('启用日期“2023年2月29日”中的日期不存在（2023 年 2 月没有 29 日），请核对');
    expect(messageOf(parseDate('2024.13.1'))).toContain('月份 13 不存在');
    expect(messageOf(parseDate('下周一', '申请日期'))).toContain('申请日期“下周一”无法识别为日期');
    expect(messageOf(parseDate(-3))).toContain('不是日期');
    expect(messageOf(parseDate('2024-5/20'))).toContain('无法识别');
  });

  it('reads every real date the same in each written form (property)', () => {
    fc.assert(
      fc.property(civilDate, (date) => {
        const [y, m, d] = partsOf(date);
        for (const form of [`${y}年${m}月${d}日`, `${y}.${m}.${d}`, `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`, `${y}-${m}-${d}`, date]) {
          expect(valueOf(parseDate(form))).toBe(date);
        }
      }),
    );
  });

  it('reads Excel serial days back to the date they were made from (property)', () => {
    fc.assert(
      fc.property(civilDate, (date) => {
        expect(fromExcelSerial(toExcelSerial(date))).toBe(date);
        expect(valueOf(parseDate(toExcelSerial(date)))).toBe(date);
      }),
    );
  });

  it('never throws on any text and answers a real date or a message (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseDate(text);
        if (r.ok && r.value !== null) expect(r.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      }),
    );
  });
});

describe('parseAmountFen', () => {
  it.each<[Cell, number]>([
    ['¥674,720.00', 67_472_000],
    ['674720', 67_472_000],
    ['67.472万元', 67_472_000],
    ['70000.00元', 7_000_000],
    [674720.5, 67_472_050],
    [0.1 + 0.2, 30],
    [0, 0],
  ])('reads %j as %d fen', (cell, fen) => {
    expect(valueOf(parseAmountFen(cell))).toBe(fen);
  });

  it('refuses negative, over-precise and non-numeric amounts with the column named', () => {
    expect(messageOf(parseAmountFen(-5, '合同金额'))).toContain('合同金额');
    expect(messageOf(parseAmountFen(1.234))).toContain('两位小数');
    expect(messageOf(parseAmountFen('约十万', '合同金额'))).toContain('合同金额：“约十万”不是有效的金额');
  });

  it('reads every amount the same written with ¥, commas, 元 or as 万元 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (fen) => {
        const yuan = Math.floor(fen / 100);
        const cents = String(fen % 100).padStart(2, '0');
        const grouped = yuan.toLocaleString('en-US');
        for (const form of [`${yuan}.${cents}`, `¥${grouped}.${cents}`, `${grouped}.${cents}元`]) {
          expect(valueOf(parseAmountFen(form))).toBe(fen);
        }
        const wan = `${Math.floor(fen / 1_000_000)}.${String(fen % 1_000_000).padStart(6, '0')}万元`;
        expect(valueOf(parseAmountFen(wan))).toBe(fen);
        expect(valueOf(parseAmountFen(fen / 100))).toBe(fen);
      }),
    );
  });
});

describe('parseYesNo', () => {
  it.each<[Cell, boolean]>([
    ['是', true],
    ['√', true],
    ['Y', true],
    ['yes', true],
    [1, true],
    [true, true],
    ['否', false],
    ['×', false],
    ['N', false],
    ['0', false],
    [false, false],
  ])('reads %j as %s', (cell, value) => {
    expect(valueOf(parseYesNo(cell))).toBe(value);
  });

  it('refuses other words naming the column', () => {
    expect(messageOf(parseYesNo('也许', '是否加密'))).toBe('是否加密“也许”应填“是”或“否”（也可用 √/×、Y/N、1/0）');
  });
});

describe('cellText', () => {
  it('trims, folds full-width and repeated spaces, keeps line breaks, drops float noise', () => {
    expect(cellText('\u3000 北京  某某 公司\u00a0')).toBe('北京 某某 公司');
    expect(cellText('第一行 \r\n 第二行')).toBe('第一行\n第二行');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(123456)).toBe('123456');
    expect(cellText(null)).toBe('');
  });

  it('is idempotent on any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(cellText(cellText(s))).toBe(cellText(s));
      }),
    );
  });
});
