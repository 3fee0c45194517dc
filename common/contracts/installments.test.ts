import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkInstallments,
  type Installment,
  installmentTotals,
  parsePercent,
  resolveInstallments,
} from './installments';
import { AmountError, MAX_FEN } from './money';

const pct = (...ps: number[]): Installment[] => ps.map((percent) => ({ percent }));

describe('the reference contracts’ payment splits', () => {
  it('001: 50% / 50% of ¥140,000.00 → ¥70,000.00 each', () => {
    expect(resolveInstallments(14_000_000, pct(50, 50))).toEqual([7_000_000, 7_000_000]);
    expect(checkInstallments(14_000_000, pct(50, 50))).toEqual([]);
  });

  it('002: 70% / 30% of ¥3,887,026.00 → ¥2,720,918.20 / ¥1,166,107.80', () => {
    expect(resolveInstallments(388_702_600, pct(70, 30))).toEqual([272_091_820, 116_610_780]);
  });

  it('004: 50% / 20% / 30% of ¥674,720.00 → ¥337,360.00 / ¥134,944.00 / ¥202,416.00', () => {
    expect(resolveInstallments(67_472_000, pct(50, 20, 30))).toEqual([33_736_000, 13_494_400, 20_241_600]);
  });

  it('004 entered as the fixed amounts the contract prints adds up too', () => {
    const items = [{ fen: 33_736_000 }, { fen: 13_494_400 }, { fen: 20_241_600 }];
    expect(checkInstallments(67_472_000, items)).toEqual([]);
  });
});

describe('resolveInstallments', () => {
  it('gives the rounding remainder to the last share', () => {
    expect(resolveInstallments(100, pct(33.33, 33.33, 33.34))).toEqual([33, 33, 34]);
    expect(resolveInstallments(1_000, pct(33.33, 33.33, 33.34))).toEqual([333, 333, 334]);
    // 1/3 each of ¥100.00: 33.33 + 33.33 + the rest.
    expect(resolveInstallments(10_000, pct(33.33, 33.33, 33.34))).toEqual([3_333, 3_333, 3_334]);
    // Half-up rounding: 50% of 1 分 rounds to 1, the last half gets 0.
    expect(resolveInstallments(1, pct(50, 50))).toEqual([1, 0]);
    expect(resolveInstallments(12_345, pct(12.5, 87.5))).toEqual([1_543, 10_802]);
  });

  it('passes fixed amounts through and puts the remainder on the last share, wherever it is', () => {
    expect(resolveInstallments(100_000, [{ percent: 50 }, { fen: 20_000 }, { percent: 30 }])).toEqual([50_000, 20_000, 30_000]);
    expect(resolveInstallments(101, [{ percent: 50 }, { percent: 50 }, { fen: 7 }])).toEqual([51, 50, 7]);
  });

  it('never gives a negative amount, even for a few 分 split many ways', () => {
    expect(resolveInstallments(3, pct(16.67, 16.67, 16.67, 16.67, 16.67, 16.65))).toEqual([1, 0, 1, 0, 1, 0]);
    // ¥100.31 with a 0.01% last share: rounding each share up leaves −1 分 for the last one, so
    // the running sum is rounded instead: 0.01%, 1.63%, 1.64%, 20.99% … of the total, each half up,
    // less the previous (1, 164 − 1, 165 − 164, 2106 − 165 …).
    const tiny = resolveInstallments(10_031, pct(0.01, 1.62, 0.01, 19.35, 8.07, 17.75, 11.3, 41.88, 0.01));
    expect(tiny).toEqual([1, 163, 1, 1941, 809, 1781, 1133, 4201, 1]);
    expect(tiny.reduce((a, b) => a + b, 0)).toBe(10_031);
  });

  it('refuses plans it cannot resolve, with the installment number', () => {
    expect(() => resolveInstallments(100, pct(50, 33.333))).toThrow(AmountError);
    expect(() => resolveInstallments(100, pct(50, 33.333))).toThrow('第 2 期：比例最多两位小数，当前为 33.333%');
    expect(() => resolveInstallments(-1, pct(100))).toThrow('金额不能为负数');
  });

  const partition = (n: number) =>
    fc
      .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: n - 1, maxLength: n - 1 })
      .map((cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
        return points.slice(1).map((p, i) => (p - points[i]!) / 100);
      });
  const plan = fc.integer({ min: 1, max: 12 }).chain(partition);
  const total = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: MAX_FEN }));

  it('property: shares adding to 100% resolve to exactly the total, each amount ≥ 0', () => {
    fc.assert(
      fc.property(total, plan, (t, shares) => {
        const amounts = resolveInstallments(t, pct(...shares));
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(t);
        for (const a of amounts) {
          expect(Number.isSafeInteger(a)).toBe(true);
          expect(a).toBeGreaterThanOrEqual(0);
        }
        expect(checkInstallments(t, pct(...shares))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: every share but the last is the exact share rounded half up (large totals)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: MAX_FEN }), plan, (t, shares) => {
        const amounts = resolveInstallments(t, pct(...shares));
        const exact = shares.map((s) => Number((BigInt(t) * BigInt(Math.round(s * 100)) * 2n + 10_000n) / 20_000n));
        const rest = t - exact.slice(0, -1).reduce((a, b) => a + b, 0);
        // When the rounded-up shares leave less than nothing for a tiny last share, the running
        // sum is rounded instead (see the next test); otherwise each share is exact.
        fc.pre(rest >= 0);
        shares.slice(0, -1).forEach((_, i) => expect(amounts[i]).toBe(exact[i]));
        // The last one is off its exact share by at most half a 分 per installment.
        const lastExact = (t * shares[shares.length - 1]!) / 100;
        expect(Math.abs(amounts[amounts.length - 1]! - lastExact)).toBeLessThanOrEqual(shares.length / 2 + 1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkInstallments', () => {
  it('names the shares missing or in excess', () => {
    expect(checkInstallments(67_472_000, pct(50, 20, 20))).toEqual([
      { index: null, message: '各期比例合计 90%，应为 100%（少 10%）' },
    ]);
    expect(checkInstallments(67_472_000, pct(50, 20, 30.5))).toEqual([
      { index: null, message: '各期比例合计 100.5%，应为 100%（多 0.5%）' },
    ]);
    expect(checkInstallments(100, pct(33.33, 33.33, 33.33))).toEqual([
      { index: null, message: '各期比例合计 99.99%，应为 100%（少 0.01%）' },
    ]);
  });

  it('says by how much the amounts miss the contract amount', () => {
    const items = [{ fen: 33_736_000 }, { fen: 13_494_400 }, { fen: 20_241_599 }];
    expect(checkInstallments(67_472_000, items)).toEqual([
      { index: null, message: '分期金额合计 ¥674,719.99，比合同金额少 ¥0.01' },
    ]);
    expect(checkInstallments(14_000_000, [{ percent: 50 }, { fen: 7_000_100 }])).toEqual([
      { index: null, message: '分期金额合计 ¥140,001.00，比合同金额多 ¥1.00' },
    ]);
  });

  it('points at the offending installment (0-based index, 1-based in the message)', () => {
    expect(
      checkInstallments(100_000, [
        { percent: 50 },
        { percent: 0 },
        { percent: 33.333 },
        { fen: 0 },
        { fen: 1.5 },
        { fen: -100 },
        { percent: 150 },
        {} as Installment,
        { percent: 10, fen: 10 } as unknown as Installment,
      ]),
    ).toEqual([
      { index: 1, message: '第 2 期：比例应大于 0% 且不超过 100%，当前为 0%' },
      { index: 2, message: '第 3 期：比例最多两位小数，当前为 33.333%' },
      { index: 3, message: '第 4 期：金额应大于 0' },
      { index: 4, message: '第 5 期：金额必须是整数分，收到 1.5' },
      { index: 5, message: '第 6 期：金额不能为负数，收到 -100 分' },
      { index: 6, message: '第 7 期：比例应大于 0% 且不超过 100%，当前为 150%' },
      { index: 7, message: '第 8 期：比例和金额请填写其中一项' },
      { index: 8, message: '第 9 期：比例和金额请填写其中一项' },
    ]);
  });

  it('accepts an empty plan and refuses an invalid contract amount', () => {
    expect(checkInstallments(100, [])).toEqual([]);
    expect(checkInstallments(Number.NaN, pct(100))).toEqual([
      { index: null, message: '合同金额无效：金额必须是有限的数值，收到 NaN' },
    ]);
  });

  it('property: shares off 100% are always reported, with the right difference', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 }), (hs) => {
        const sum = hs.reduce((a, b) => a + b, 0);
        const problems = checkInstallments(1_000_000, pct(...hs.map((h) => h / 100)));
        if (sum === 10_000) expect(problems).toEqual([]);
        else expect(problems).toEqual([{ index: null, message: expect.stringContaining(sum < 10_000 ? '（少' : '（多') }]);
      }),
    );
  });
});

describe('installmentTotals', () => {
  it('adds up paid and unpaid installments', () => {
    const items: Installment[] = [{ percent: 50, paid: true }, { percent: 20, paid: true }, { percent: 30 }];
    expect(installmentTotals(67_472_000, items)).toEqual({
      amounts: [33_736_000, 13_494_400, 20_241_600],
      sumFen: 67_472_000,
      paidFen: 47_230_400,
      unpaidFen: 20_241_600,
    });
  });

  it('property: paid + unpaid = sum of the amounts, whatever is paid', () => {
    const items = fc.array(
      fc.record({ fen: fc.integer({ min: 1, max: 1_000_000_000 }), paid: fc.boolean() }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), items, fc.boolean(), (t, plan, asShare) => {
        // The first installment as a share too, now and then, so shares and amounts mix.
        const mixed: Installment[] = asShare ? [{ percent: 10, paid: plan[0]!.paid }, ...plan.slice(1)] : plan;
        const totals = installmentTotals(t, mixed);
        expect(totals.sumFen).toBe(totals.amounts.reduce((a, b) => a + b, 0));
        expect(totals.paidFen + totals.unpaidFen).toBe(totals.sumFen);
        expect(totals.paidFen).toBe(totals.amounts.filter((_, i) => mixed[i]!.paid).reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('parsePercent', () => {
  it.each([
    ['50', 50],
    ['50%', 50],
    ['33.33', 33.33],
    ['３３．３３％', 33.33],
    [' 12.5 % ', 12.5],
    ['100', 100],
    ['0.01', 0.01],
    ['33.330', 33.33],
  ])('reads %j as %d', (text, percent) => {
    expect(parsePercent(text)).toEqual({ ok: true, percent });
  });

  it.each([
    ['', '请填写比例'],
    ['33.333', '比例最多两位小数：“33.333”'],
    ['0', '比例应大于 0% 且不超过 100%：“0”'],
    ['100.01', '比例应大于 0% 且不超过 100%：“100.01”'],
    ['-5', '“-5”不是有效的比例，请填写如 50 或 33.33'],
    ['五十', '“五十”不是有效的比例，请填写如 50 或 33.33'],
  ])('refuses %j', (text, message) => {
    expect(parsePercent(text)).toEqual({ ok: false, message });
  });
});
