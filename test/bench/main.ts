/**
 * `npm run bench`: times the app's operations on a generated database at office scale and prints
 * them beside their budgets; `npm run bench -- --growth` repeats them at scales 0.25, 0.5, 1 and 2.
 *
 *   --scale <x>     scale of the generated database (default 1: a large office)
 *   --growth        the growth table over 0.25, 0.5, 1, 2 (or --scales a,b,c)
 *   --out <file>    the JSON results (default bench-results.json)
 *   --regenerate    generate the database again even when a cached one exists (.bench/)
 *   --generate-only make (or reuse) the database of --scale and stop
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchKey, generate, GENERATOR_VERSION, MANIFEST, type Generated } from './generate';
import { overallPeakRssMb, round, table, type Measured } from './measure';
import { AUDIT_REGISTER, auditVerify, backup, findings, checklists, listPages, login, lookups, openBench, pdf, ratios, searches, timelines, xlsx, type BenchContext } from './operations';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    growth: { type: 'boolean', default: false },
    scales: { type: 'string' },
    out: { type: 'string', default: 'bench-results.json' },
    regenerate: { type: 'boolean', default: false },
    seed: { type: 'string', default: '20261121' },
    'generate-only': { type: 'boolean', default: false },
  },
});

const log = (line: string) => process.stdout.write(`${line}\n`);
const seed = Number(values.seed);

async function database(scale: number): Promise<{ dir: string; generated: Generated & { recoveryCode: string } }> {
  const dir = resolve('.bench', `scale-${scale}-seed-${seed}-v${GENERATOR_VERSION}`);
  if (values.regenerate || !existsSync(join(dir, MANIFEST))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`生成基准数据库（规模 ${scale}）→ ${dir}`);
    const started = performance.now();
    await generate({ dir, scale, seed, onProgress: (phase, done, total) => log(`  ${((performance.now() - started) / 1000).toFixed(0)}s ${phase} ${done}/${total}`) });
  }
  return { dir, generated: JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) };
}

/** The first screen after login: what the UI asks for before it is interactive. */
const FIRST_SCREEN = [
  { channel: 'auth:status', payload: {} },
  { channel: 'findings:list', payload: {} },
];

async function runAll(scale: number, full: boolean): Promise<{ scale: number; counts: Record<string, number>; generatedSeconds: number; rows: Measured[]; ratios?: { encryptedVsPlain: number; routerVsSql: number } }> {
  const { dir, generated } = await database(scale);
  const c = generated.counts;
  const ctx: BenchContext = await openBench(dir);
  const rows: Measured[] = [];
  const step = async (name: string, fn: () => Promise<Measured | Measured[]>) => {
    log(`  测量：${name}`);
    const got = await fn();
    rows.push(...(Array.isArray(got) ? got : [got]));
  };
  let ratio: { encryptedVsPlain: number; routerVsSql: number } | undefined;
  try {
    await ctx.loginAs('officer');
    await step('登录', () => login(ctx, FIRST_SCREEN));
    await step('列表', () => listPages(ctx));
    await step('搜索', () => searches(ctx));
    await step('IP 查询', () => lookups(ctx, c.ipFilings ?? 0));
    await step('离岗清单', () => checklists(ctx));
    await step('介质履历', () => timelines(ctx));
    await step('工作台', () => findings(ctx));
    if (full) {
      await step('PDF', () => pdf(ctx));
      await step('xlsx', () => xlsx(ctx));
      const key = await benchKey(dir, generated.recoveryCode);
      log('  测量：加密/未加密、路由/裸 SQL');
      const r = await ratios(ctx, key);
      rows.push(...r.rows);
      ratio = { encryptedVsPlain: r.encryptedVsPlain, routerVsSql: r.routerVsSql };
      ctx.gate.logout();
      await ctx.loginAs('auditor');
      await step('审计日志列表与搜索', async () => [...(await listPages(ctx, [AUDIT_REGISTER])), ...(await searches(ctx, [AUDIT_REGISTER]))]);
      await step('审计校验', () => auditVerify(ctx, c.audit ?? 0));
      ctx.gate.logout();
      await ctx.loginAs('sysadmin');
      await step('备份', () => backup(ctx));
    }
  } finally {
    ctx.gate.close();
    await ctx.shell.close();
  }
  return { scale, counts: c, generatedSeconds: generated.seconds, rows, ...(ratio ? { ratios: ratio } : {}) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const info = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: (await import('node:os')).cpus().length, at: new Date().toISOString() };
  if (values['generate-only']) {
    const { generated } = await database(Number(values.scale));
    log(JSON.stringify(generated.counts));
    return;
  }
  if (values.growth || values.scales) {
    const scales = (values.scales ?? '0.25,0.5,1,2').split(',').map(Number);
    const runs: Awaited<ReturnType<typeof runAll>>[] = [];
    for (const scale of scales) {
      log(`规模 ${scale}`);
      runs.push(await runAll(scale, false));
    }
    const ops = runs[0]!.rows.map((r) => r.operation);
    const head = `| operation | ${scales.map((s) => `p50 @${s}`).join(' | ')} | growth per doubling |\n|---|${scales.map(() => '---:').join('|')}|---:|`;
    const lines = ops.map((op) => {
      const p50 = runs.map((run) => run.rows.find((r) => r.operation === op)?.p50 ?? Number.NaN);
      const doublings = Math.log2(scales.at(-1)! / scales[0]!);
      const perDoubling = round((p50.at(-1)! / p50[0]!) ** (1 / doublings));
      return `| ${op} | ${p50.join(' | ')} | ${perDoubling}× |`;
    });
    log(`\n${head}\n${lines.join('\n')}\n`);
    log('每翻一倍的增长：≈1× 为对数级或常数级；≈2× 为线性增长。');
    writeFileSync(values.out!, JSON.stringify({ ...info, growth: runs, seconds: (performance.now() - started) / 1000 }, null, 2));
  } else {
    const scale = Number(values.scale);
    const run = await runAll(scale, true);
    log(`\n规模 ${scale}：${Object.entries(run.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join('，')}（生成用时 ${Math.round(run.generatedSeconds)} 秒）\n`);
    log(table(run.rows));
    const block = Math.max(...run.rows.map((r) => r.longestBlockMs));
    log(`\n主线程最长阻塞 ${block} ms（预算 50 ms）；Node 峰值内存 ${overallPeakRssMb()} MB（预算 500 MB）`);
    if (run.ratios) log(`加密/未加密 ${run.ratios.encryptedVsPlain}×（目标 ≤ 1.3×）；路由/裸 SQL ${run.ratios.routerVsSql}×（目标 ≤ 2×）`);
    writeFileSync(values.out!, JSON.stringify({ ...info, ...run, longestBlockMs: block, peakRssMb: overallPeakRssMb(), seconds: (performance.now() - started) / 1000 }, null, 2));
  }
  log(`\n用时 ${Math.round((performance.now() - started) / 1000)} 秒；结果写入 ${values.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
