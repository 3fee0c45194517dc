/**
 * Timing and memory of benchmark operations: warm-up, repeated runs, p50/p95, the longest time the
 * event loop was blocked (Node's event-loop delay histogram: a block of X ms delays its timer by X),
 * and peak resident memory sampled while the operation runs.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Measured {
  operation: string;
  /** The budget for p95, in ms; null for figures that have none (ratios, context). */
  budgetMs: number | null;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  /** Longest single block of the main thread seen during the runs, ms. */
  longestBlockMs: number;
  /** Peak resident memory of the Node process during the runs, MB. */
  peakRssMb: number;
  note?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let peakRss = 0;
/** The peak resident memory of the whole run so far, MB. */
export const overallPeakRssMb = () => Math.round(peakRss / 2 ** 20);

export async function measure(
  operation: string,
  budgetMs: number | null,
  fn: (i: number) => unknown,
  options: { runs?: number; warmup?: number; note?: string } = {},
): Promise<Measured> {
  const runs = options.runs ?? 30;
  const warmup = options.warmup ?? 3;
  for (let i = 0; i < warmup; i++) {
    await fn(-1 - i);
    await nextTurn();
  }
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await fn(i);
      times.push(performance.now() - start);
      peak = Math.max(peak, process.memoryUsage().rss);
      await nextTurn();
    }
  } finally {
    delay.disable();
    clearInterval(sampler);
  }
  peakRss = Math.max(peakRss, peak);
  times.sort((a, b) => a - b);
  return {
    operation,
    budgetMs,
    runs,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    max: round(times.at(-1)!),
    longestBlockMs: round(Math.max(0, delay.max / 1e6 - 2)),
    peakRssMb: Math.round(peak / 2 ** 20),
    ...(options.note ? { note: options.note } : {}),
  };
}

export const round = (x: number): number => (x >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

/** The figures as a Markdown table, budget beside each, ✓ when the p95 is within it. */
export function table(rows: readonly Measured[]): string {
  const head = '| operation | p50 ms | p95 ms | budget (p95) | longest block ms | peak RSS MB | |\n|---|---:|---:|---:|---:|---:|---|';
  const lines = rows.map((r) => {
    const verdict = r.budgetMs === null ? '' : r.p95 <= r.budgetMs ? '✓' : '✗ over budget';
    return `| ${r.operation} | ${r.p50} | ${r.p95} | ${r.budgetMs === null ? '—' : r.budgetMs} | ${r.longestBlockMs} | ${r.peakRssMb} | ${verdict}${r.note ? ` ${r.note}` : ''} |`;
  });
  return [head, ...lines].join('\n');
}
