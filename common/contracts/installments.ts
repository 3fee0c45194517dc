/**
 * Payment installments (付款节点) of a contract. Each installment is either a share of the contract
 * amount in percent (up to two decimals: 50, 20, 30, 33.33) or a fixed amount in fen.
 *
 * Shares become amounts by rounding half up to the 分, and the last share takes whatever rounding
 * left over, so shares adding up to 100% always give exactly the contract amount — the way the
 * reference contracts split theirs (004: 50/20/30 of ¥674,720.00 → ¥337,360.00 / ¥134,944.00 /
 * ¥202,416.00). Percentages are handled as integer hundredths and amounts with BigInt, so nothing
 * is rounded twice.
 */
import { AmountError, assertFen, formatYuan } from './money';

export type Installment =
  | { percent: number; fen?: undefined; paid?: boolean }
  | { fen: number; percent?: undefined; paid?: boolean };

/** A problem with an installment plan; `index` is the 0-based installment, null for the whole plan. */
export interface InstallmentProblem {
  index: number | null;
  message: string;
}

export interface InstallmentTotals {
  /** Amount of each installment in fen, in the order given. */
  amounts: number[];
  sumFen: number;
  paidFen: number;
  unpaidFen: number;
}

const WHOLE = 10_000; // 100% in hundredths of a percent

/** Percent → integer hundredths (33.33 → 3333), or null if it has more than two decimals. */
function hundredths(percent: number): number | null {
  const scaled = Math.round(percent * 100);
  return Math.abs(percent * 100 - scaled) < 1e-6 ? scaled : null;
}

/** Hundredths → percent text without trailing zeros: 5000 → 50, 3330 → 33.3, -250 → -2.5. */
function percentText(h: number): string {
  const sign = h < 0 ? '-' : '';
  const abs = Math.abs(h);
  const frac = (abs % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 100)}${frac ? `.${frac}` : ''}`;
}

/** total × h / 10000, rounded half up to the 分. */
function share(totalFen: number, h: number): number {
  return Number((BigInt(totalFen) * BigInt(h) * 2n + BigInt(WHOLE)) / BigInt(2 * WHOLE));
}

/**
 * Problems that make a plan impossible to resolve (per installment), then, for a valid plan,
 * shares not adding up to 100% or amounts not adding up to the contract amount. An empty plan has
 * no problems: a contract need not record installments.
 */
export function checkInstallments(totalFen: number, items: readonly Installment[]): InstallmentProblem[] {
  try {
    assertFen(totalFen);
  } catch (e) {
    return [{ index: null, message: `合同金额无效：${(e as Error).message}` }];
  }
  const problems: InstallmentProblem[] = [];
  items.forEach((item, index) => {
    const message = itemProblem(item);
    if (message) problems.push({ index, message: `第 ${index + 1} 期：${message}` });
  });
  if (problems.length > 0 || items.length === 0) return problems;

  if (items.every((i) => i.percent !== undefined)) {
    const sum = items.reduce((s, i) => s + (hundredths(i.percent as number) as number), 0);
    if (sum !== WHOLE) {
      const diff = `${sum < WHOLE ? '少' : '多'} ${percentText(Math.abs(WHOLE - sum))}%`;
      return [{ index: null, message: `各期比例合计 ${percentText(sum)}%，应为 100%（${diff}）` }];
    }
    return [];
  }
  const sum = resolveInstallments(totalFen, items).reduce((s, a) => s + a, 0);
  if (sum !== totalFen) {
    const how = sum < totalFen ? '少' : '多';
    return [{
      index: null,
      message: `分期金额合计 ${formatYuan(sum)}，比合同金额${how} ${formatYuan(Math.abs(totalFen - sum))}`,
    }];
  }
  return [];
}

function itemProblem(item: Installment): string | null {
  const hasPercent = item.percent !== undefined;
  const hasFen = item.fen !== undefined;
  if (hasPercent === hasFen) return '比例和金额请填写其中一项';
  if (hasPercent) {
    const p = item.percent as number;
    if (!Number.isFinite(p) || p <= 0 || p > 100) return `比例应大于 0% 且不超过 100%，当前为 ${p}%`;
    if (hundredths(p) === null) return `比例最多两位小数，当前为 ${p}%`;
    return null;
  }
  const fen = item.fen as number;
  if (fen === 0) return '金额应大于 0';
  try {
    assertFen(fen);
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/**
 * The amount of each installment in fen. Throws AmountError (Chinese message) for a plan that
 * `checkInstallments` refuses item by item; sums that do not add up are not an error here.
 */
export function resolveInstallments(totalFen: number, items: readonly Installment[]): number[] {
  assertFen(totalFen);
  items.forEach((item, index) => {
    const message = itemProblem(item);
    if (message) throw new AmountError(`第 ${index + 1} 期：${message}`);
  });
  const amounts = items.map((i) => (i.fen !== undefined ? i.fen : 0));
  const shares = items.flatMap((i, index) =>
    i.percent !== undefined ? [{ index, h: hundredths(i.percent) as number }] : [],
  );
  if (shares.length === 0) return amounts;

  const target = share(totalFen, shares.reduce((s, x) => s + x.h, 0));
  let assigned = 0;
  for (const { index, h } of shares.slice(0, -1)) {
    amounts[index] = share(totalFen, h);
    assigned += amounts[index];
  }
  const last = shares[shares.length - 1]!;
  amounts[last.index] = target - assigned;
  if (amounts[last.index]! < 0) {
    // When shares rounded up leave less than nothing for a tiny last share (a few 分 split many
    // ways, or a 0.01% last share): round the running sum instead, which keeps every amount ≥ 0
    // and the sum exact.
    let cumulative = 0;
    let before = 0;
    for (const { index, h } of shares) {
      cumulative += h;
      const upTo = share(totalFen, cumulative);
      amounts[index] = upTo - before;
      before = upTo;
    }
  }
  return amounts;
}

/** Amounts of the plan with totals of what is paid and what is not, by the installments' paid flags. */
export function installmentTotals(totalFen: number, items: readonly Installment[]): InstallmentTotals {
  const amounts = resolveInstallments(totalFen, items);
  let paidFen = 0;
  let unpaidFen = 0;
  amounts.forEach((a, i) => {
    if (items[i]!.paid) paidFen += a;
    else unpaidFen += a;
  });
  return { amounts, sumFen: paidFen + unpaidFen, paidFen, unpaidFen };
}

export type PercentParse = { ok: true; percent: number } | { ok: false; message: string };

/** Reads a share as typed: `50`, `50%`, `33.33`, `３３．３３％`. */
export function parsePercent(text: string): PercentParse {
  const typed = text.trim();
  if (typed === '') return { ok: false, message: '请填写比例' };
  const s = typed.normalize('NFKC').replace(/\s+/g, '').replace(/%$/, '');
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(s)) return { ok: false, message: `“${typed}”不是有效的比例，请填写如 50 或 33.33` };
  const percent = Number(s);
  if (hundredths(percent) === null || /\.\d{3,}/.test(s.replace(/0+$/, ''))) {
    return { ok: false, message: `比例最多两位小数：“${typed}”` };
  }
  if (percent <= 0 || percent > 100) return { ok: false, message: `比例应大于 0% 且不超过 100%：“${typed}”` };
  return { ok: true, percent: hundredths(percent)! / 100 };
}
