/**
 * The operations `npm run bench` times on a generated database, each through the login gate and
 * the router exactly as the UI's calls arrive (the transports add only the wire encoding, measured
 * separately through the browser harness's bridge).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../common/api/result';
import { AuditTrail, auditKeyFrom } from '../../db/audit/log';
import { contract } from '../../common/api';
import { handlers } from '../../db/core';
import { openDatabase } from '../../db/core/open';
import { createRouter } from '../../db/router/router';
import { AuthGate } from '../../db/security/gate';
import { Jobs } from '../../db/jobs/jobs';
import { HarnessShell } from '../harness/harness';
import { ADMINS, OFFICER } from '../harness/accounts';
import { rng } from './data';
import { renewed } from './generate';
import { measure, round, type Measured } from './measure';

export const BUDGETS = {
  login: 1_500,
  listPage: 50,
  search: 100,
  lookup: 10,
  checklist: 50,
  findings: 300,
  timeline: 20,
  pdf5000: 5_000,
  xlsx100k: 15_000,
  import10k: 5_000,
  auditVerify: 20_000,
  backup: 60_000,
  block: 50,
} as const;

export interface BenchContext {
  dir: string;
  gate: AuthGate;
  shell: HarnessShell;
  /** Calls a channel as the logged-in account; throws on a refusal. */
  call<T>(channel: string, payload: unknown): Promise<T>;
  loginAs(who: 'officer' | 'auditor' | 'sysadmin'): Promise<void>;
}

const ACCOUNTS = { officer: OFFICER, auditor: ADMINS.auditor, sysadmin: ADMINS.sysadmin } as const;

export async function openBench(dir: string): Promise<BenchContext> {
  process.env.TZ = 'Asia/Shanghai';
  const shell = new HarnessShell(join(dir, 'exports'));
  const gate = new AuthGate({ dataDir: dir, shell, appVersion: 'bench', workstation: 'BENCH-PC', workerScript: join(__dirname, 'export-worker.cjs') });
  const ctx: BenchContext = {
    dir,
    gate,
    shell,
    async call<T>(channel: string, payload: unknown): Promise<T> {
      const result = (await gate.invoke(channel, payload)) as Result<T>;
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    },
    async loginAs(who) {
      const account = ACCOUNTS[who];
      await ctx.call('auth:login', { username: account.username, password: renewed(account.password) });
    },
  };
  return ctx;
}

/** The audit trail, which only the auditor reads. */
export const AUDIT_REGISTER: Register = {
  name: '审计日志',
  channel: 'audit:list',
  sorts: [],
  filters: [{}, { dir: 'asc' }, { action: 'report.print' }, { from: '2024-01-01', to: '2024-03-31' }],
  searches: ['王', '打印', '人员承诺书'],
};

type Register = { name: string; channel: string; sorts: readonly string[]; filters: Record<string, unknown>[]; searches: [string, string, string] };

/** Every register's list with its sorts and the filters an officer uses; searches of 1, 2 and 4+ characters. */
export const REGISTERS: Register[] = [
  { name: '单位', channel: 'org:list', sorts: ['name', 'kind', 'createdAt', 'updatedAt'], filters: [{}, { kind: 'vendor' }], searches: ['北', '科技', '网络技术'] },
  {
    name: '合同',
    channel: 'contract:list',
    sorts: ['projectName', 'signedDate', 'serviceEnd', 'amount'],
    filters: [{}, { status: 'active' }, { from: '2024-01-01', to: '2024-12-31' }],
    searches: ['云', '运维', '政务云扩展'],
  },
  {
    name: '人员',
    channel: 'person:list',
    sorts: ['name', 'org', 'enteredOn', 'updatedAt'],
    filters: [{}, { signOffStatus: '有效' }, { status: '在岗' }],
    searches: ['王', '张伟', '运维工程师'],
  },
  {
    name: '介质',
    channel: 'media:list',
    sorts: ['number', 'kind', 'status', 'enabledOn', 'updatedAt'],
    filters: [{}, { status: '借出' }, { kind: 'U盘', classification: '秘密' }],
    searches: ['王', '金士', '金士顿 DTX'],
  },
  {
    name: 'IP报备',
    channel: 'ipfiling:list',
    sorts: ['number', 'validTo', 'appliedOn', 'org', 'updatedAt'],
    filters: [{}, { status: '有效' }, { accessMethod: '堡垒机' }],
    searches: ['云', '政务', '政务云管理'],
  },
];

async function total(ctx: BenchContext, channel: string, filter: Record<string, unknown>): Promise<number> {
  return (await ctx.call<{ total: number }>(channel, { ...filter, page: 1, pageSize: 50 })).total;
}

/** List pages: every sort both ways and every filter, on the first, a middle and the last page. */
export async function listPages(ctx: BenchContext, registers: readonly Register[] = REGISTERS): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const reg of registers) {
    const variants: Record<string, unknown>[] = [];
    for (const filter of reg.filters) {
      if (reg.sorts.length === 0) variants.push(filter);
      for (const sort of reg.sorts) for (const dir of ['asc', 'desc']) variants.push({ ...filter, sort, dir });
    }
    const pages: Record<string, unknown>[] = [];
    for (const v of variants) {
      const last = Math.max(1, Math.ceil((await total(ctx, reg.channel, v)) / 50));
      for (const page of new Set([1, Math.ceil(last / 2), last])) pages.push({ ...v, page, pageSize: 50 });
    }
    out.push(await measure(`列表一页（50 行）：${reg.name}（${variants.length} 种排序/筛选 × 首/中/末页）`, BUDGETS.listPage, (i) => ctx.call(reg.channel, pages[Math.abs(i) % pages.length]), { runs: Math.max(30, pages.length * 2) }));
  }
  return out;
}

export async function searches(ctx: BenchContext, registers: readonly Register[] = REGISTERS): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const reg of registers) {
    for (const q of reg.searches) {
      out.push(await measure(`搜索 ${reg.name}“${q}”（${[...q.replace(/\s/g, '')].length} 字）`, BUDGETS.search, () => ctx.call(reg.channel, { q, page: 1, pageSize: 50 }), { runs: 20 }));
    }
  }
  return out;
}

export async function lookups(ctx: BenchContext, filings: number): Promise<Measured> {
  const r = rng(7);
  const probes = Array.from({ length: 500 }, () => (r() < 0.5 ? `10.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}` : `${1 + Math.floor(r() * 223)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`));
  return measure(`“谁可以从此地址接入”（${filings.toLocaleString('en')} 份报备）`, BUDGETS.lookup, (i) => ctx.call('ipfiling:lookup', { address: probes[Math.abs(i) % probes.length] }), { runs: 200 });
}

/** People holding the most media and named on filings, each given a departure that is then withdrawn. */
export async function checklists(ctx: BenchContext): Promise<Measured> {
  const core = ctx.gate.core!;
  const ids = core.db
    .prepare(`SELECT holder_id FROM media WHERE holder_id IS NOT NULL GROUP BY holder_id ORDER BY count(*) DESC LIMIT 10`)
    .pluck()
    .all() as number[];
  const started: { id: number; rev: number }[] = [];
  for (const id of ids) {
    const p = await ctx.call<{ id: number; rev: number }>('person:get', { id });
    const s = await ctx.call<{ person: { id: number; rev: number } }>('person:startDeparture', { id, rev: p.rev, kind: '离岗', date: '2026-12-31' });
    started.push(s.person);
  }
  try {
    return await measure('人员离岗交接清单（持有介质最多的人）', BUDGETS.checklist, (i) => ctx.call('person:departureChecklist', { id: started[Math.abs(i) % started.length]!.id }), { runs: 50 });
  } finally {
    for (const p of started) {
      const now = await ctx.call<{ rev: number }>('person:get', { id: p.id });
      await ctx.call('person:cancelDeparture', { id: p.id, rev: now.rev, reason: '基准测试结束，撤销办理' });
    }
  }
}

export async function timelines(ctx: BenchContext): Promise<Measured> {
  const core = ctx.gate.core!;
  const ids = core.db
    .prepare(`SELECT medium_id FROM media_events GROUP BY medium_id ORDER BY count(*) DESC LIMIT 50`)
    .pluck()
    .all() as number[];
  return measure('介质完整履历（事件最多的介质）', BUDGETS.timeline, (i) => ctx.call('media:get', { id: ids[Math.abs(i) % ids.length] }), { runs: 100 });
}

const PRINT = { marking: '内部', unitName: '北京市卫生健康监督所' };

export async function pdf(ctx: BenchContext): Promise<Measured> {
  const rows = Math.min(5_000, await total(ctx, 'contract:list', {}));
  return measure(
    `合同台账 ${rows.toLocaleString('en')} 行 → PDF（Chromium 打印）`,
    BUDGETS.pdf5000,
    async () => {
      const saved = await ctx.call<{ rows: number }>('report:pdf', { selection: { register: 'contracts', filter: {} }, options: PRINT });
      if (saved.rows !== rows) throw new Error(`printed ${saved.rows} rows, expected ${rows}`);
    },
    { runs: 3, warmup: 1 },
  );
}

export async function xlsx(ctx: BenchContext): Promise<Measured> {
  const rows = await total(ctx, 'ipfiling:list', {});
  return measure(
    `访问IP报备登记表 ${rows.toLocaleString('en')} 行 → xlsx`,
    BUDGETS.xlsx100k,
    async () => {
      const { jobId } = await ctx.call<{ jobId: string }>('report:xlsx', { selection: { register: 'ipFilings', filter: {} }, options: PRINT });
      const saved = await untilDone<{ rows: number }>(ctx, jobId);
      if (saved.rows !== rows) throw new Error(`exported ${saved.rows} rows, expected ${rows}`);
    },
    { runs: 2, warmup: 0 },
  );
}

export async function findings(ctx: BenchContext): Promise<Measured> {
  return measure('工作台：全部检查规则的发现', BUDGETS.findings, () => ctx.call('findings:list', {}), { runs: 20 });
}

async function untilDone<T = unknown>(ctx: BenchContext, jobId: string): Promise<T> {
  for (;;) {
    const s = await ctx.call<{ state: string; error: string | null; result: unknown }>('job:status', { jobId });
    if (s.state === 'failed') throw new Error(`job failed: ${s.error}`);
    if (s.state === 'done') return s.result as T;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A backup of the whole database into a folder of the benchmark's own (as the sysadmin). */
export async function backup(ctx: BenchContext): Promise<Measured> {
  const folder = join(ctx.dir, 'backups');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  const config = await ctx.call<Record<string, unknown>>('backup:getConfig', {});
  await ctx.call('backup:setConfig', { ...config, folder, keep: 1 });
  try {
    return await measure(
      '数据备份（整个数据库，含校验）',
      BUDGETS.backup,
      async () => {
        await untilDone(ctx, (await ctx.call<{ jobId: string }>('backup:start', {})).jobId);
      },
      { runs: 2, warmup: 0 },
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function auditVerify(ctx: BenchContext, records: number): Promise<Measured> {
  return measure(
    `审计日志完整校验（${records.toLocaleString('en')} 条）`,
    BUDGETS.auditVerify,
    async () => {
      await untilDone(ctx, (await ctx.call<{ jobId: string }>('audit:verifyStart', {})).jobId);
    },
    { runs: 2, warmup: 0 },
  );
}

export async function login(ctx: BenchContext, firstScreen: { channel: string; payload: unknown }[]): Promise<Measured> {
  return measure(
    '登录 → 首屏数据（含口令派生）',
    BUDGETS.login,
    async () => {
      ctx.gate.logout();
      await ctx.loginAs('officer');
      await Promise.all(firstScreen.map((s) => ctx.call(s.channel, s.payload)));
    },
    { runs: 5, warmup: 1 },
  );
}

/**
 * The same list and search workload on the encrypted database and on a decrypted copy of it, and a
 * list page through the router against its bare SQL: ratios measured side by side in one run.
 */
export async function ratios(ctx: BenchContext, key: Uint8Array): Promise<{ rows: Measured[]; encryptedVsPlain: number; routerVsSql: number }> {
  const core = ctx.gate.core!;
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const plainDir = join(ctx.dir, 'plain');
  rmSync(plainDir, { recursive: true, force: true });
  mkdirSync(plainDir);
  const plainPath = join(plainDir, 'plain.db');
  copyFileSync(core.dbPath, plainPath);
  const copy = openDatabase(plainPath, key);
  copy.pragma('journal_mode = DELETE');
  copy.pragma(`rekey = ''`);
  copy.close();
  const Database = (await import('better-sqlite3-multiple-ciphers')).default;
  const plain = new Database(plainPath);
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = FULL');
  plain.pragma('foreign_keys = ON');
  plain.pragma('cache_size = -131072');
  const { cacheStatements } = await import('../../db/core/statements');
  cacheStatements(plain);
  const session = { ...ctx.gate.status().user! };
  const plainRouter = createRouter({
    db: plain,
    trail: new AuditTrail(plain, auditKeyFrom(key)),
    contract,
    handlers,
    shell: ctx.shell,
    env: { appVersion: 'bench', workstation: 'BENCH-PC' },
    security: null,
    jobs: new Jobs(),
  } as Parameters<typeof createRouter>[0]);
  const sessionOf = { accountId: session.accountId, username: session.username, displayName: session.displayName, roles: session.roles };
  const workload: [string, unknown][] = [];
  for (const reg of REGISTERS) {
    workload.push([reg.channel, { page: 1, pageSize: 50 }], [reg.channel, { page: 3, pageSize: 50, ...(reg.sorts[1] ? { sort: reg.sorts[1] } : {}) }], [reg.channel, { q: reg.searches[1], page: 1, pageSize: 50 }]);
  }
  const run = (invoke: (c: string, p: unknown) => Promise<unknown>) => async () => {
    for (const [c, p] of workload) await invoke(c, p);
  };
  const encrypted = await measure('同一负载：加密数据库', null, run((c, p) => ctx.call(c, p)), { runs: 15 });
  const plainRun = await measure('同一负载：未加密副本', null, run((c, p) => plainRouter.invoke(c, sessionOf, p)), { runs: 15 });
  // The rows of the page and the count, as the people list's repository asks for them, without the
  // per-row derivations (sign-off status, departure) and the contract's validation on the way out.
  const count = core.db.prepare('SELECT count(*) FROM people p JOIN organisations o ON o.id = p.org_id WHERE p.voided_at IS NULL').pluck();
  const page = core.db.prepare(
    'SELECT p.*, o.name AS org_name FROM people p JOIN organisations o ON o.id = p.org_id WHERE p.voided_at IS NULL ORDER BY p.name_key, p.name, p.id LIMIT 50 OFFSET 100',
  );
  const sql = { all: () => [count.get(), page.all()] };
  const viaRouter = await measure('人员列表第 3 页：经路由', null, () => ctx.call('person:list', { page: 3, pageSize: 50 }), { runs: 100 });
  const bare = await measure('人员列表第 3 页：裸 SQL', null, () => sql.all(), { runs: 100 });
  plain.close();
  rmSync(plainDir, { recursive: true, force: true });
  return {
    rows: [encrypted, plainRun, viaRouter, bare],
    encryptedVsPlain: round(encrypted.p50 / plainRun.p50),
    routerVsSql: round(viaRouter.p50 / bare.p50),
  };
}
