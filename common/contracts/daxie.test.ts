import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDaxie, parseDaxie, toDaxie } from './daxie';
import { AmountError, MAX_FEN, parseAmount } from './money';

const fenOfDaxie = (text: string) => {
  const r = parseDaxie(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return r.fen;
};
const refusal = (text: string) => {
  const r = parseDaxie(text);
  if (r.ok) throw new Error(`expected ${text} to be refused, got ${r.fen}`);
  return r.message;
};
const fenOfFigures = (text: string) => {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(r.message);
  return r.fen;
};

/** Every amount the reference contracts write in both figures and 大写, exactly as printed. */
const CONTRACT_AMOUNTS: [source: string, figures: string, daxie: string][] = [
  ['001 一、总则', '¥140000.00', '壹拾肆万元整'],
  ['001 三、付款方式 预付款', '70000.00元', '柒万元整'],
  ['001 三、付款方式 尾款', '70000.00元', '柒万元整'],
  ['002 第三条 一', '¥3,887,026.00', '人民币：叁佰捌拾捌万柒仟零贰拾陆 元整'],
  ['002 第三条 二 70%', '¥2,720,918.20', '人民币：贰佰柒拾贰万零玖佰壹拾捌元贰角整'],
  ['002 第三条 二 30%', '¥1,166,107.80', '人民币：壹佰壹拾陆万陆仟壹佰零柒元捌角整'],
  ['004 3、合同总价', '¥674720.00', '人民币（大写）陆拾柒万肆仟柒佰贰拾元整'],
  ['004 4、付款方式 50%', '¥337360.00', '叁拾叁万柒仟叁佰陆拾元整'],
  ['004 4、付款方式 20%', '¥134944.00', '壹拾叁万肆仟玖佰肆拾肆元整'],
  ['004 4、付款方式 30%', '¥202416.00', '贰拾万贰仟肆佰壹拾陆元整'],
  ['004 附件1 中标金额', '¥674,720.00', '大写：陆拾柒万肆仟柒佰贰拾元整'],
];

/** Strips what the contracts print around the amount itself: 人民币, （大写）, colons, spaces. */
const bare = (daxie: string) => daxie.replace(/^(人民币|（大写）|大写|：)+/, '').replace(/\s/g, '');

describe('toDaxie / parseDaxie on the reference contracts', () => {
  it.each(CONTRACT_AMOUNTS)('%s: %s = %s', (_source, figures, daxie) => {
    const fen = fenOfFigures(figures);
    expect(toDaxie(fen)).toBe(bare(daxie));
    expect(fenOfDaxie(daxie)).toBe(fen);
    expect(checkDaxie(daxie, fen)).toBeNull();
  });

  it('writes the figures-only amounts of the contracts too', () => {
    expect(toDaxie(fenOfFigures('¥ 3,667,005.66'))).toBe('叁佰陆拾陆万柒仟零伍元陆角陆分'); // 002 不含税金额
    expect(toDaxie(fenOfFigures('¥240,000.00'))).toBe('贰拾肆万元整'); // 004 附件2
    expect(toDaxie(fenOfFigures('¥2,880.00'))).toBe('贰仟捌佰捌拾元整');
    expect(toDaxie(fenOfFigures('500 万元'))).toBe('伍佰万元整'); // 004 附件3
  });
});

describe('toDaxie', () => {
  it.each([
    [0, '零元整'],
    [1, '壹分'],
    [5, '伍分'],
    [10, '壹角整'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [150, '壹元伍角整'],
    [530, '伍元叁角整'],
    [1000, '壹拾元整'],
    [1005, '壹拾元零伍分'],
    [1050, '壹拾元伍角整'],
    [2000, '贰拾元整'],
    [1_100, '壹拾壹元整'],
    [10_100, '壹佰零壹元整'],
    [100_000, '壹仟元整'],
    [168_032, '壹仟陆佰捌拾元叁角贰分'],
    [1_000_500, '壹万零伍元整'],
    [1_001_000, '壹万零壹拾元整'],
    [1_010_000, '壹万零壹佰元整'],
    [1_100_000, '壹万壹仟元整'],
    [10_000_000, '壹拾万元整'],
    [10_030_000, '壹拾万零叁佰元整'],
    [10_700_053, '壹拾万柒仟元伍角叁分'],
    [10_000_050, '壹拾万元伍角整'],
    [11_000_000, '壹拾壹万元整'],
    [100_100_000, '壹佰万壹仟元整'],
    [101_000_000, '壹佰零壹万元整'],
    [1_000_000_000, '壹仟万元整'],
    [10_000_000_000, '壹亿元整'],
    [10_000_000_500, '壹亿零伍元整'],
    [10_005_000_000, '壹亿零伍万元整'],
    [10_500_000_000, '壹亿零伍佰万元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [100_000_000_000, '壹拾亿元整'],
    [100_010_000_000, '壹拾亿零壹拾万元整'],
    [100_100_000_000, '壹拾亿零壹佰万元整'],
    [20_241_600, '贰拾万贰仟肆佰壹拾陆元整'],
    [20_041_600, '贰拾万零肆佰壹拾陆元整'],
    [20_000_016, '贰拾万元壹角陆分'],
    [10_000_200_000, '壹亿零贰仟元整'],
    [12_300_004_500, '壹亿贰仟叁佰万零肆拾伍元整'],
    [1_000_000_000_001, '壹佰亿元零壹分'],
    [10_000_100_000_000, '壹仟亿零壹佰万元整'],
    [10_001_000_000_000, '壹仟亿壹仟万元整'],
    [MAX_FEN, '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('%i fen → %s', (fen, daxie) => {
    expect(toDaxie(fen)).toBe(daxie);
    expect(fenOfDaxie(daxie)).toBe(fen);
  });

  it.each([
    [-1, '金额不能为负数'],
    [0.5, '金额必须是整数分'],
    [Number.NaN, '有限'],
    [Number.POSITIVE_INFINITY, '有限'],
    [MAX_FEN + 1, '金额超过上限 ¥999,999,999,999.99'],
    [Number.MAX_SAFE_INTEGER, '金额超过上限'],
  ])('refuses %d with an AmountError (a RangeError) in Chinese', (fen, message) => {
    expect(() => toDaxie(fen)).toThrow(AmountError);
    expect(() => toDaxie(fen)).toThrow(RangeError);
    expect(() => toDaxie(fen)).toThrow(message);
  });

  it('round-trips through parseDaxie over the whole range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(fenOfDaxie(toDaxie(fen))).toBe(fen);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips amounts with many zeros (sparse digits stress 零 across 万 and 亿)', () => {
    const sparse = fc
      .array(fc.constantFrom(0, 0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 16 })
      .map((ds) => Number(ds.join('')))
      .filter((n) => n <= MAX_FEN);
    fc.assert(
      fc.property(sparse, (fen) => {
        const text = toDaxie(fen);
        expect(fenOfDaxie(text)).toBe(fen);
        if (fen > 0) expect(text).not.toMatch(/零零|零[拾佰仟万亿元角分]|^零/);
        expect(text).toMatch(/[元角]整$|分$/);
        expect(text).not.toMatch(/^拾|[^壹贰叁肆伍陆柒捌玖]拾/);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: the 零 the norm leaves optional may be written, and is read the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: MAX_FEN }), (fen) => {
        const text = toDaxie(fen);
        // 元 digit 0 and 角 not: 壹拾元伍角整 or 壹拾元零伍角整.
        const afterYuan = text.replace(/([拾佰仟万亿])元(?=[壹贰叁肆伍陆柒捌玖]角)/, '$1元零');
        // 万 (亿) digit 0 and 仟 (仟万) not: 贰拾万贰仟 or 贰拾万零贰仟.
        const afterSection = text.replace(/([拾佰仟])([万亿])(?=[壹贰叁肆伍陆柒捌玖]仟)/g, '$1$2零');
        expect(fenOfDaxie(afterYuan)).toBe(fen);
        expect(fenOfDaxie(afterSection)).toBe(fen);
        // And a 零 where no digit is 0 is refused: 壹万贰仟 → 壹万零贰仟.
        const wrong = text.replace(/([壹贰叁肆伍陆柒捌玖])([万亿])(?=[壹贰叁肆伍陆柒捌玖]仟)/, '$1$2零');
        if (wrong !== text) expect(refusal(wrong)).toContain('不应写“零”');
      }),
      { numRuns: 3000 },
    );
  });

  it('uses only the characters of 第五十二条', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(toDaxie(fen)).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
      }),
    );
  });
});

describe('parseDaxie', () => {
  it.each([
    ['壹拾肆万圆整', 14_000_000],
    ['壹拾肆万元正', 14_000_000],
    ['拾肆万元整', 14_000_000],
    ['人民币壹拾元零伍角整', 1050],
    ['壹仟陆佰捌拾元零叁角贰分', 168_032],
    // 支付结算办法's own examples: ¥107,000.53 either way, one 零 or the other.
    ['壹拾万柒仟元零伍角叁分', 10_700_053],
    ['壹拾万零柒仟元伍角叁分', 10_700_053],
    ['贰拾万零贰仟肆佰壹拾陆元整', 20_241_600],
    ['壹仟亿零壹仟万元整', 10_001_000_000_000],
    ['零元伍角整', 50],
    ['零元伍分', 5],
    ['零元整', 0],
    [' 壹 万 零 伍 元 整 ', 1_000_500],
    ['(大写)壹元整', 100],
  ])('accepts the allowed variant %s', (text, fen) => {
    expect(fenOfDaxie(text)).toBe(fen);
  });

  it.each([
    ['', '未填写'],
    ['壹拾二万元整', '不得用“二”代替“贰”'],
    ['一万元整', '不得用“一”代替“壹”'],
    ['壹万元整。', '无法识别的字“。”'],
    ['壹万零伍元', '末尾应写“整”字'],
    ['壹元伍角', '末尾应写“整”字'],
    ['壹元伍角伍分整', '“分”字后面不写“整”字'],
    ['壹万伍元整', '“壹万”与“伍”之间有数位为 0，应写“零”'],
    ['壹元伍分', '“壹”与“伍分”之间有数位为 0，应写“零”'],
    ['贰佰柒拾贰万玖佰壹拾捌元贰角整', '应写“零”'],
    ['壹万零伍仟元整', '不应写“零”'],
    ['壹元零伍角整', '不应写“零”'],
    ['壹万零零伍元整', '连续写了多个“零”'],
    ['壹拾零万元整', '“零”后面应直接写数字'],
    ['壹佰零元整', '“零”后面应直接写数字'],
    ['零壹元整', '开头多写了“零”'],
    ['壹佰拾元整', '“拾”前缺少数字'],
    ['壹拾佰元整', '“佰”前缺少数字'],
    ['壹亿贰仟元整', '“壹亿”与“贰仟”之间有数位为 0，应写“零”'],
    ['壹拾元伍分', '应写“零”'],
    ['壹佰壹仟元整', '位置不对'],
    ['壹佰壹佰元整', '位置不对'],
    ['壹万壹亿元整', '金额超过上限'],
    ['壹万亿元整', '金额超过上限'],
    ['壹万万元整', '“万”前缺少数字'],
    ['贰叁元整', '连写了两个数字'],
    ['壹拾万', '缺少“元”字'],
    ['壹元壹元整', '“元”字出现了不止一次'],
    ['元整', '“元”前缺少数字'],
    ['壹元整伍角', '“整”字只能写在末尾'],
    ['壹元伍分伍角', '位置不对'],
    ['壹元伍', '缺少“角”或“分”'],
    ['整', '没有数字'],
  ])('refuses %j: %s', (text, message) => {
    expect(refusal(text)).toContain(message);
  });

  it('starts every refusal with the same lead so forms can show it as is', () => {
    expect(refusal('壹元伍')).toMatch(/^大写金额有误：/);
  });

  it('never throws on arbitrary strings of 大写 characters, and what it accepts is canonical up to variants', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'零壹贰伍玖拾佰仟万亿元角分整'.split('')), maxLength: 20 }), (text) => {
        const r = parseDaxie(text);
        if (r.ok) {
          expect(r.fen).toBeGreaterThanOrEqual(0);
          expect(r.fen).toBeLessThanOrEqual(MAX_FEN);
          // What is accepted differs from the canonical form only by optional 零 / leading 壹 / 零元.
          const loose = (t: string) => t.replace(/^零元(?!整)/, '').replace(/零/g, '').replace(/^壹拾/, '拾');
          expect(loose(text)).toBe(loose(toDaxie(r.fen)));
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('checkDaxie', () => {
  it('says nothing when 大写 and figures agree', () => {
    expect(checkDaxie('陆拾柒万肆仟柒佰贰拾元整', 67_472_000)).toBeNull();
  });

  it('names both amounts and the expected 大写 when they differ', () => {
    expect(checkDaxie('陆拾柒万肆仟柒佰贰拾元整', 67_472_001)).toBe(
      '大写金额“陆拾柒万肆仟柒佰贰拾元整”为 ¥674,720.00，与小写金额 ¥674,720.01 不符（应为“陆拾柒万肆仟柒佰贰拾元零壹分”）',
    );
  });

  it('passes on the parser refusal', () => {
    expect(checkDaxie('陆拾柒万肆仟柒佰贰拾元', 67_472_000)).toContain('末尾应写“整”字');
  });
});
