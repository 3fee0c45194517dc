import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Org } from '../../common/api/org';
import type { Result } from '../../common/api/result';
import { AUDITOR, auditRows, exportJob, OFFICER, openTestCore, SYSADMIN, valueOf, VIEWER, type TestCore } from '../testing/fixtures';
import { readWorkbook } from '../testing/workbook';
import { formatAuditTime, rolesLabel, selectAuditRegister, targetLabel } from './register';

// 14:05 local time on 2 June 2025, whatever the machine's zone.
const NOW = new Date(2025, 5, 2, 14, 5, 9);

let core: TestCore;
let out: string;
beforeEach(async () => {
  core = await openTestCore({ now: () => NOW });
  out = join(core.dir, 'exports');
  mkdirSync(out);
  valueOf<Org>(await core.router.invoke('org:create', OFFICER, { name: '郑州大学', kind: 'client' }));
  valueOf<Org>(await core.router.invoke('org:create', OFFICER, { name: '华为技术有限公司', kind: 'vendor' }));
});
afterEach(() => core.cleanup());

const options = { marking: '内部', unitName: '郑州市某某局' };
const auditInput = (filter: Record<string, unknown> = {}) => ({ selection: { register: 'audit', filter }, options });
const orgInput = { selection: { register: 'organisations', filter: {} }, options };
const reportAudit = () => auditRows(core.db).filter((r) => r.action.startsWith('report.'));
function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}
function renderedHtml(): string {
  const render = core.shell.calls.find((c) => c.method === 'htmlToPdf' || c.method === 'printHtml');
  return render && 'html' in render ? render.html : '';
}

describe('the printed audit register', () => {
  it('is exported to PDF by the auditor with the frame, the columns and the records, and the export is audited', async () => {
    const path = join(out, 'audit.pdf');
    core.shell.savePath = path;
    const result = valueOf(await core.router.invoke('report:pdf', AUDITOR, auditInput({ dir: 'asc' })));
    expect(result).toEqual({ saved: true, path, rows: 2 });
    expect(core.shell.calls[0]).toMatchObject({ method: 'chooseSavePath', options: { defaultName: '安全审计记录-2025-06-02.pdf' } });
    expect(core.shell.calls[1]).toMatchObject({ method: 'htmlToPdf', options: { landscape: true } });

    const html = renderedHtml();
    expect(html).toContain('<h1>安全审计记录</h1>');
    const headers = [...html.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['序号', '时间', '账户', '角色', '事件', '对象', '结果', '终端', '摘要']);
    expect(html).toContain('<td class="center">2025-06-02 14:05:09</td>');
    expect(html).toContain('<td class="left">王保密</td><td class="left">保密员</td><td class="left">单位登记</td>');
    expect(html).toContain('登记单位“郑州大学”');
    expect(html).toContain('登记单位“华为技术有限公司”');
    expect(html).toContain('<td class="center">成功</td>');
    for (const sig of ['审计员', '审核人', '日期']) expect(html).toContain(`<span class="sig">${sig}：`);
    expect(html).not.toContain('制表人');
    expect(html).toContain('打印：赵审计');
    expect(html).toContain('筛选条件：排序：按时间先后');

    expect(readFileSync(path).equals(Buffer.from(core.shell.pdfBytes))).toBe(true);
    const audit = reportAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'report.pdf',
      channel: 'report:pdf',
      actor_id: AUDITOR.accountId,
      target_type: 'register',
      target_id: 'audit',
      summary: `导出 PDF“安全审计记录”，共 2 条，保存为 ${path}`,
    });
  });

  it('is exported to Excel by the auditor, filtered, and the export is audited', async () => {
    // Something the auditor did before: a verification, which is itself a record.
    valueOf(await core.router.invoke('audit:verify', AUDITOR, {}));
    const path = join(out, 'audit.xlsx');
    core.shell.savePath = path;
    const job = await exportJob(core.router, AUDITOR, 'report:xlsx', auditInput({ action: 'org.create', q: '华为', from: '2025-06-02', to: '2025-06-02' }));
    expect(job).toMatchObject({ state: 'done', result: { path, rows: 1 } });
    const ws = (await readWorkbook(new Uint8Array(readFileSync(path)))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('安全审计记录');
    expect(ws.getRow(4).values).toEqual([undefined, '序号', '时间', '账户', '角色', '事件', '对象', '结果', '终端', '摘要']);
    expect(ws.getCell(5, 2).value).toBe('2025-06-02 14:05:09');
    expect(ws.getCell(5, 3).value).toBe('王保密');
    expect(ws.getCell(5, 4).value).toBe('保密员');
    expect(ws.getCell(5, 5).value).toBe('单位登记');
    expect(ws.getCell(5, 7).value).toBe('成功');
    expect(ws.getCell(5, 9).value).toBe('登记单位“华为技术有限公司”');
    expect(ws.getCell(6, 1).value).toBe('共 1 条');
    const texts = (ws.getSheetValues() as unknown[][]).flat().map(String);
    expect(texts.some((t) => t.includes('筛选条件：日期：2025-06-02 至 2025-06-02；事件：单位登记；检索：华为；排序：按时间由近及远'))).toBe(true);
    expect(reportAudit().map((r) => [r.action, r.actor_id, r.target_id, r.summary])).toEqual([
      ['report.xlsx', AUDITOR.accountId, 'audit', `导出 Excel“安全审计记录”，共 1 条，保存为 ${path}`],
    ]);
  });

  it('is printed by the auditor, and a cancelled print records nothing', async () => {
    core.shell.printResult = false;
    expect(valueOf(await core.router.invoke('report:print', AUDITOR, auditInput()))).toEqual({ printed: false, rows: 2 });
    expect(reportAudit()).toEqual([]);
    core.shell.printResult = true;
    expect(valueOf(await core.router.invoke('report:print', AUDITOR, auditInput()))).toEqual({ printed: true, rows: 2 });
    expect(reportAudit().map((r) => [r.action, r.summary])).toEqual([['report.print', '打印“安全审计记录”，共 2 条']]);
  });

  it('is refused to the officer, the viewer and the system administrator, naming the missing permission', async () => {
    core.shell.savePath = join(out, 'x.pdf');
    for (const session of [OFFICER, VIEWER, SYSADMIN]) {
      for (const channel of ['report:pdf', 'report:print', 'report:xlsx']) {
        const error = errorOf(await core.router.invoke(channel, session, auditInput()));
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toContain('没有“查阅审计记录”权限');
        expect(error.message).toContain('“安全审计记录”');
      }
    }
    expect(errorOf(await core.router.invoke('report:pdf', OFFICER, auditInput())).message).toBe(
      '当前账户（保密员）没有“查阅审计记录”权限，不能导出“安全审计记录”',
    );
    expect(core.shell.calls).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
    expect(reportAudit()).toEqual([]);
  });
});

describe('registers and the auditor', () => {
  it('the auditor can neither print nor export a register', async () => {
    core.shell.savePath = join(out, 'orgs.pdf');
    expect(errorOf(await core.router.invoke('report:print', AUDITOR, orgInput))).toEqual({
      code: 'FORBIDDEN',
      message: '当前账户（安全审计员）没有“打印台账”权限，不能打印“单位名录”',
    });
    expect(errorOf(await core.router.invoke('report:pdf', AUDITOR, orgInput)).message).toBe(
      '当前账户（安全审计员）没有“打印台账”权限，不能导出“单位名录”',
    );
    expect(errorOf(await core.router.invoke('report:xlsx', AUDITOR, orgInput)).message).toBe(
      '当前账户（安全审计员）没有“导出台账”权限，不能导出“单位名录”',
    );
    expect(core.shell.calls).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
    expect(reportAudit()).toEqual([]);
  });

  it('the officer still prints and exports registers; the viewer prints but does not export', async () => {
    core.shell.savePath = join(out, 'orgs.pdf');
    expect(valueOf(await core.router.invoke('report:pdf', OFFICER, orgInput))).toMatchObject({ saved: true, rows: 2 });
    expect(valueOf(await core.router.invoke('report:print', VIEWER, orgInput))).toEqual({ printed: true, rows: 2 });
    expect(errorOf(await core.router.invoke('report:xlsx', VIEWER, orgInput)).message).toBe(
      '当前账户（查阅）没有“导出台账”权限，不能导出“单位名录”',
    );
  });
});

describe('audit register helpers', () => {
  it('says what a record is about and who held which roles', () => {
    expect(targetLabel('organisation', '1f0c2a7e-1111-4222-8333-944445555666')).toBe('单位 1f0c2a7e…');
    expect(targetLabel('account', 'zhang.bm')).toBe('账户 zhang.bm');
    expect(targetLabel('register', 'organisations')).toBe('台账 单位名录');
    expect(targetLabel('register', 'signoffs')).toBe('台账 保密承诺书签订台账');
    expect(targetLabel('audit', '12')).toBe('审计记录 第 12 条');
    expect(targetLabel('audit', null)).toBe('审计记录');
    expect(targetLabel(null, null)).toBe('');
    expect(targetLabel('widget', 'HT-1')).toBe('widget HT-1');
    expect(rolesLabel('sysadmin,secadmin')).toBe('系统管理员、安全保密管理员');
    expect(rolesLabel('')).toBe('');
    expect(formatAuditTime('not a time')).toBe('not a time');
  });

  it('names every filter in the selection line and refuses more rows than a printout can hold', () => {
    const { selection } = selectAuditRegister(core.db, {
      from: '2025-06-01',
      to: null,
      actor: '王',
      action: 'unknown.code',
      targetType: 'organisation',
      q: '',
      dir: 'desc',
    });
    expect(selection).toBe('日期：2025-06-01 起；账户：王；事件：unknown.code；对象：单位；排序：按时间由近及远');
    const all = { from: null, to: null, actor: '', action: '', targetType: '', q: '', dir: 'asc' as const };
    expect(selectAuditRegister(core.db, all, 2).rows.map((r) => r.summary)).toEqual(['登记单位“郑州大学”', '登记单位“华为技术有限公司”']);
    expect(() => selectAuditRegister(core.db, all, 1)).toThrow('符合条件的审计记录有 2 条，超过单次输出上限 1 条。请缩小日期范围或增加筛选条件后分次输出。');
  });
});
