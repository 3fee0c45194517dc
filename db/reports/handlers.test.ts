import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Org } from '../../common/api/org';
import type { Result } from '../../common/api/result';
import { auditRows, countRows, exportJob, OFFICER, openTestCore, valueOf, VIEWER, type TestCore } from '../testing/fixtures';
import { readWorkbook } from '../testing/workbook';

// 14:05 local time on 2 June 2025, whatever the machine's zone.
const NOW = new Date(2025, 5, 2, 14, 5);

let core: TestCore;
let out: string;
beforeEach(async () => {
  core = await openTestCore({ now: () => NOW });
  out = join(core.dir, 'exports');
  mkdirSync(out);
  for (const [name, kind] of [
    ['北京市卫生健康监督所', 'client'],
    ['郑州大学', 'client'],
    ['常州市政务服务管理办公室', 'agency'],
    ['华为技术有限公司', 'vendor'],
  ] as const) {
    valueOf<Org>(await core.router.invoke('org:create', OFFICER, { name, kind }));
  }
});
afterEach(() => {
  vi.unstubAllEnvs();
  core.cleanup();
});

const input = (filter: Record<string, unknown> = {}, options: Record<string, unknown> = { marking: '内部', unitName: '郑州市某某局' }) => ({
  selection: { register: 'organisations', filter },
  options,
});
const reportAudit = () => auditRows(core.db).filter((r) => r.action.startsWith('report.'));
const shellMethods = () => core.shell.calls.map((c) => c.method);
function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('report:pdf', () => {
  it('does nothing and records nothing when the save dialog is cancelled', async () => {
    core.shell.savePath = null;
    const result = await core.router.invoke('report:pdf', OFFICER, input());
    expect(valueOf(result)).toEqual({ saved: false, path: null, rows: 4 });
    expect(shellMethods()).toEqual(['chooseSavePath']);
    expect(reportAudit()).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('offers a dated file name and a PDF filter', async () => {
    await core.router.invoke('report:pdf', OFFICER, input());
    expect(core.shell.calls[0]).toEqual({
      method: 'chooseSavePath',
      options: { title: '导出 PDF', defaultName: '单位名录-2025-06-02.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] },
    });
  });

  it('names the file by the local date that is also printed on the page', async () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    const early = new Date('2025-06-01T23:30:00Z'); // 07:30 on 2 June in Beijing
    const local = await openTestCore({ now: () => early });
    try {
      local.shell.savePath = join(out, 'early.pdf');
      valueOf(await local.router.invoke('report:pdf', OFFICER, input()));
      const dialog = local.shell.calls.find((c) => c.method === 'chooseSavePath');
      const render = local.shell.calls.find((c) => c.method === 'htmlToPdf');
      expect(render && 'html' in render && render.html).toContain('打印日期：2025年6月2日');
      expect(dialog && 'options' in dialog && 'defaultName' in dialog.options && dialog.options.defaultName).toBe('单位名录-2025-06-02.pdf');
    } finally {
      local.cleanup();
    }
  });

  it('saves the bytes the shell rendered and records exactly one audit row', async () => {
    const path = join(out, '单位名录.pdf');
    core.shell.savePath = path;
    const result = valueOf(await core.router.invoke('report:pdf', OFFICER, input()));
    expect(result).toEqual({ saved: true, path, rows: 4 });
    expect(readFileSync(path).equals(Buffer.from(core.shell.pdfBytes))).toBe(true);
    expect(readdirSync(out)).toEqual(['单位名录.pdf']);

    const render = core.shell.calls[1]!;
    expect(render.method).toBe('htmlToPdf');
    if (render.method === 'htmlToPdf') {
      expect(render.options).toEqual({ landscape: true });
      for (const name of ['北京市卫生健康监督所', '郑州大学', '常州市政务服务管理办公室', '华为技术有限公司']) expect(render.html).toContain(name);
      expect(render.html).toContain('填报单位：郑州市某某局');
      expect(render.html).toContain('content: "内部"');
      expect(render.html).toContain('打印：王保密');
    }

    const audit = reportAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'report.pdf',
      channel: 'report:pdf',
      actor_id: OFFICER.accountId,
      target_type: 'register',
      target_id: 'organisations',
      summary: `导出 PDF“单位名录”，共 4 条，保存为 ${path}`,
    });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ path, rows: 4, marking: '内部' });
  });

  it('prints only the selected rows and says how they were selected', async () => {
    core.shell.savePath = join(out, 'clients.pdf');
    const result = valueOf(await core.router.invoke('report:pdf', OFFICER, input({ kind: 'client', q: '州' })));
    expect(result).toMatchObject({ saved: true, rows: 1 });
    const render = core.shell.calls.find((c) => c.method === 'htmlToPdf');
    const html = render && 'html' in render ? render.html : '';
    expect(html).toContain('郑州大学');
    expect(html).not.toContain('常州市政务服务管理办公室');
    expect(html).not.toContain('华为技术有限公司');
    expect(html).toContain('筛选条件：类型：甲方；检索：州');
    expect(html).toContain('共 1 条');
  });

  it('refuses an unwritable location with a Chinese message, leaving no file and no audit row', async () => {
    const path = join(out, 'missing-folder', 'x.pdf');
    core.shell.savePath = path;
    const error = errorOf(await core.router.invoke('report:pdf', OFFICER, input()));
    expect(error).toEqual({ code: 'RULE', message: `文件未能保存到 ${path}：位置已不存在（可移动介质是否已拔出？）。请选择其他位置后重试。` });
    expect(existsSync(path)).toBe(false);
    expect(reportAudit()).toEqual([]);
  });

  it('leaves no partial file behind when the final rename fails', async () => {
    const path = join(out, 'a-folder.pdf');
    mkdirSync(path);
    core.shell.savePath = path;
    expect(errorOf(await core.router.invoke('report:pdf', OFFICER, input())).code).toBe('RULE');
    expect(readdirSync(out)).toEqual(['a-folder.pdf']);
    expect(readdirSync(path)).toEqual([]);
    expect(reportAudit()).toEqual([]);
  });
});

describe('report:xlsx', () => {
  it('writes a real workbook with the selected rows and records one audit row', async () => {
    const path = join(out, '单位名录.xlsx');
    core.shell.savePath = path;
    const job = await exportJob(core.router, OFFICER, 'report:xlsx', input({ sort: 'name', dir: 'desc' }));
    expect(job).toMatchObject({ kind: 'report.xlsx', state: 'done', error: null, result: { path, rows: 4 }, done: 4, total: 4 });
    expect(core.shell.calls[0]).toMatchObject({ method: 'chooseSavePath', options: { defaultName: '单位名录-2025-06-02.xlsx' } });
    const ws = (await readWorkbook(new Uint8Array(readFileSync(path)))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('单位名录');
    expect(ws.getCell('A2').value).toBe('填报单位：郑州市某某局');
    expect(ws.getCell(4, 2).value).toBe('单位名称');
    const listed = [5, 6, 7, 8].map((r) => ws.getCell(r, 2).value);
    // Descending by pinyin: Zhengzhou, Huawei, Changzhou, Beijing.
    expect(listed).toEqual(['郑州大学', '华为技术有限公司', '常州市政务服务管理办公室', '北京市卫生健康监督所']);
    expect(ws.getCell(9, 1).value).toBe('共 4 条');
    expect(reportAudit().map((r) => [r.action, r.summary])).toEqual([['report.xlsx', `导出 Excel“单位名录”，共 4 条，保存为 ${path}`]]);
  });

  it('is an export, which a viewer may not do', async () => {
    core.shell.savePath = join(out, 'v.xlsx');
    expect(errorOf(await core.router.invoke('report:xlsx', VIEWER, input())).code).toBe('FORBIDDEN');
    expect(core.shell.calls).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('records nothing when cancelled', async () => {
    expect(valueOf(await core.router.invoke('report:xlsx', OFFICER, input()))).toEqual({ path: null, jobId: null });
    expect(reportAudit()).toEqual([]);
  });
});

describe('report:print', () => {
  it('records a print, and nothing when the print dialog is cancelled', async () => {
    core.shell.printResult = false;
    expect(valueOf(await core.router.invoke('report:print', VIEWER, input()))).toEqual({ printed: false, rows: 4 });
    expect(reportAudit()).toEqual([]);
    core.shell.printResult = true;
    expect(valueOf(await core.router.invoke('report:print', VIEWER, input()))).toEqual({ printed: true, rows: 4 });
    expect(reportAudit().map((r) => [r.action, r.actor_id, r.summary])).toEqual([['report.print', VIEWER.accountId, '打印“单位名录”，共 4 条']]);
    expect(countRows(core.db, 'organisations')).toBe(4);
  });
});
