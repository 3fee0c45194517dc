import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId as mainThreadId } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Org } from '../../common/api/org';
import { registerSelection } from '../../common/api/report';
import { auditRows, exportJob, finishedJob, FIXED_KEY, OFFICER, openTestCore, valueOf, type TestCore } from '../testing/fixtures';
import { readWorkbook } from '../testing/workbook';
import { createWorkerHost } from './host';

// 14:05 local time on 2 June 2025.
const NOW = new Date(2025, 5, 2, 14, 5);
const ORGS = 1200;

let core: TestCore;
let out: string;
beforeEach(async () => {
  core = await openTestCore({ now: () => NOW });
  out = join(core.dir, 'exports');
  mkdirSync(out);
  valueOf<Org>(await core.router.invoke('org:create', OFFICER, { name: '北京市卫生健康监督所', kind: 'client' }));
  // Enough rows that the workbook is written in several progress steps.
  const insert = core.db.prepare(
    `INSERT INTO organisations (uuid, name, name_key, kind, created_at, created_by, updated_at, updated_by)
     SELECT lower(hex(randomblob(16))), name || ' 第' || ? || '分所', name_key || ?, kind, created_at, created_by, updated_at, updated_by
     FROM organisations WHERE id = 1`,
  );
  core.db.transaction(() => {
    for (let i = 1; i < ORGS; i++) insert.run(String(i).padStart(4, '0'), String(i).padStart(4, '0'));
  })();
});
afterEach(() => core.cleanup());

const input = (filter: Record<string, unknown> = {}) => ({ selection: { register: 'organisations', filter }, options: { marking: '内部', unitName: '郑州市某某局' } });
const exportAudit = () => auditRows(core.db).filter((r) => r.action === 'report.xlsx' || r.action === 'ipfiling.whitelist');

describe('an Excel export in the background', () => {
  it('returns a job at once, reports progress and writes every row; the audit record comes with the file', async () => {
    const path = join(out, '单位名录.xlsx');
    core.shell.savePath = path;
    const started = valueOf<{ path: string; jobId: string }>(await core.router.invoke('report:xlsx', OFFICER, input({ sort: 'name', dir: 'asc' })));
    expect(started).toEqual({ path, jobId: expect.any(String) });
    // The call's own record is not written: the export is recorded once, when the file exists.
    const job = await finishedJob(core.router, OFFICER, started.jobId);
    expect(job).toMatchObject({ kind: 'report.xlsx', state: 'done', error: null, done: ORGS, total: ORGS, result: { path, rows: ORGS } });
    const ws = (await readWorkbook(new Uint8Array(readFileSync(path)))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('单位名录');
    expect(ws.getCell(5, 2).value).toBe('北京市卫生健康监督所');
    expect(ws.getCell(4 + ORGS, 1).value).toBe(ORGS);
    expect(ws.getCell(5 + ORGS, 1).value).toBe(`共 ${ORGS} 条`);
    expect(exportAudit().map((r) => [r.action, r.channel, r.actor_id, r.summary])).toEqual([
      ['report.xlsx', 'report:xlsx', OFFICER.accountId, `导出 Excel“单位名录”，共 ${ORGS} 条，保存为 ${path}`],
    ]);
    expect(readdirSync(out)).toEqual(['单位名录.xlsx']);
  });

  it('fails the job with the reason in Chinese when the file cannot be written, leaving no file and no record', async () => {
    const path = join(out, '已拔出的U盘', '单位名录.xlsx');
    core.shell.savePath = path;
    const job = await exportJob(core.router, OFFICER, 'report:xlsx', input());
    expect(job).toMatchObject({ state: 'failed', result: null });
    expect(job.error).toBe(`文件未能保存到 ${path}：位置已不存在（可移动介质是否已拔出？）。请选择其他位置后重试。`);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
    expect(exportAudit()).toEqual([]);
  });

  it('is only visible to the account that started it', async () => {
    core.shell.savePath = join(out, 'a.xlsx');
    const { jobId } = valueOf<{ jobId: string }>(await core.router.invoke('report:xlsx', OFFICER, input()));
    const other = await core.router.invoke('job:status', { ...OFFICER, accountId: 'someone-else' }, { jobId });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await finishedJob(core.router, OFFICER, jobId)).state).toBe('done');
  });
});

// Written lists (text and CSV, through the job) are tested in db/registers/ipfilings/register.test.ts.
describe('the IP whitelist in the background', () => {
  it('fails its job with the reason when no filing is in force, writing nothing', async () => {
    const path = join(out, 'whitelist.txt');
    core.shell.savePath = path;
    const job = await exportJob(core.router, OFFICER, 'ipfiling:whitelist', { format: 'text', filter: {} });
    expect(job).toMatchObject({ kind: 'ipfiling.whitelist', state: 'failed', result: null });
    expect(job.error).toBe('截至 2025-06-02，当前有效的 IP 报备为 0 项，白名单为空，未导出。请检查筛选条件。');
    expect(existsSync(path)).toBe(false);
    expect(exportAudit()).toEqual([]);
  });
});

describe('the worker thread', () => {
  it('does the work in another thread, on its own connection, and the key it was given is wiped', async () => {
    const handedOut: Uint8Array[] = [];
    const host = createWorkerHost({
      dbPath: core.dbPath,
      keySource: {
        kind: 'account',
        getKey: () => {
          const key = Uint8Array.from(FIXED_KEY);
          handedOut.push(key);
          return Promise.resolve(key);
        },
      },
    });
    const path = join(out, 'thread.xlsx');
    const progress: number[] = [];
    // The main thread keeps serving calls while the worker writes.
    let served = 0;
    const serving = setInterval(() => {
      void core.router.invoke('org:list', OFFICER, { page: 1, pageSize: 10 }).then((r) => r.ok && (served += 1));
    }, 1);
    const { result, threadId } = await host
      .run(
        {
          kind: 'report.xlsx',
          selection: registerSelection.parse({ register: 'organisations', filter: {} }),
          options: { marking: '内部', unitName: '郑州市某某局' },
          path,
          session: OFFICER,
          now: NOW.toISOString(),
        },
        (done) => progress.push(done),
      )
      .finally(() => clearInterval(serving));
    expect(threadId).not.toBe(mainThreadId);
    expect(threadId).toBeGreaterThan(0);
    expect(served).toBeGreaterThan(0);
    expect(result).toMatchObject({ rows: ORGS });
    expect(progress.at(-1)).toBe(ORGS);
    expect(progress.length).toBeGreaterThan(2);
    expect(handedOut).toHaveLength(1);
    expect([...handedOut[0]!].every((b) => b === 0)).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('fails with the data core’s message when the key does not open the database', async () => {
    const host = createWorkerHost({ dbPath: core.dbPath, keySource: { kind: 'account', getKey: () => Promise.resolve(new Uint8Array(32).fill(9)) } });
    const task = { kind: 'ipfiling.whitelist', format: 'text', filter: {}, path: join(out, 'x.txt'), session: OFFICER, now: NOW.toISOString() } as const;
    await expect(host.run(task, () => undefined)).rejects.toMatchObject({ code: 'RULE', message: expect.stringContaining('无法打开数据库') });
    expect(readdirSync(out)).toEqual([]);
  });
});
