import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Person } from '../../../common/api/person';
import { auditRows, exportJob, OFFICER, valueOf } from '../../testing/fixtures';
import { readWorkbook } from '../../testing/workbook';
import { ipFilingRegister } from './register';
import { formatLocalInstant } from './whitelist';
import { openIpWorld, type IpWorld } from './testing';

let w: IpWorld;
let zhang: Person;
let li: Person;
let out: string;
beforeEach(async () => {
  vi.stubEnv('TZ', 'Asia/Shanghai');
  w = await openIpWorld('2026-03-02');
  out = join(w.core.dir, 'exports');
  mkdirSync(out);
  zhang = await w.signed({ name: '张三' });
  li = await w.signed({ name: '李四', orgId: w.huawei.id });
  // IP-2026-0001: in force, a range and a block; IP-2026-0002: in force, IPv6 and an address, out of scope;
  // IP-2026-0003: pending; IP-2026-0004: revoked; IP-2026-0005: in force, duplicates part of 0001.
  await w.approve((await w.file({ userIds: [zhang.id], addresses: '10.0.0.1-10.0.0.6, 192.168.1.0/24', contact: '13812345678', macs: '00-1B-63-84-45-E6' })).filing);
  await w.approve(
    (
      await w.file({
        userIds: [li.id],
        orgId: w.huawei.id,
        addresses: '2001:db8::/32 203.0.113.7',
        accessMethod: '其他',
        accessNote: '4G 无线专网',
        scope: '超出合同范围',
        approvalRef: '卫监信〔2026〕12号',
        validTo: '2026-03-20',
      })
    ).filing,
  );
  await w.file({ userIds: [zhang.id], addresses: '172.16.0.1' });
  const revoked = await w.approve((await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '172.16.0.2' })).filing);
  valueOf(await w.call('ipfiling:revoke', { id: revoked.id, rev: revoked.rev, reason: '项目结束' }));
  await w.approve((await w.file({ userIds: [li.id], orgId: w.huawei.id, addresses: '10.0.0.4-10.0.0.9' })).filing);
});
afterEach(() => {
  w.core.cleanup();
  vi.unstubAllEnvs();
});

const options = { marking: '内部', unitName: '北京市卫生健康监督所' };
const reportInput = (filter: Record<string, unknown> = {}) => ({ selection: { register: 'ipFilings', filter: { sort: 'number', dir: 'asc', ...filter } }, options });
const report = (channel: string, filter: Record<string, unknown> = {}) => w.call(channel, reportInput(filter));
/** The whitelist written by its background job; the job's last status. */
const whitelist = (format: 'text' | 'csv', filter: Record<string, unknown> = {}) => exportJob(w.core.router, OFFICER, 'ipfiling:whitelist', { format, filter });
const lines = (path: string, eol = '\n') => readFileSync(path, 'utf8').split(eol);

describe('访问IP报备登记表', () => {
  it('prints the §9 columns for the selected filings, contacts masked', async () => {
    w.core.shell.savePath = join(out, 'register.pdf');
    expect(valueOf(await report('report:pdf', { orgId: w.huawei.id }))).toEqual({ saved: true, path: join(out, 'register.pdf'), rows: 3 });
    const render = w.core.shell.calls.find((c) => c.method === 'htmlToPdf');
    const html = render && 'html' in render ? render.html : '';
    for (const header of ipFilingRegister.columns.map((c) => c.header)) expect(html).toContain(`>${header}<`);
    expect(ipFilingRegister.columns.map((c) => c.header)).toEqual([
      '报备编号', '报备单位', '使用人', '联系方式', 'IP地址/地址段', 'MAC地址', '接入方式', '访问系统', '用途', '有效期起止', '申请日期', '审批人', '审批日期', '状态', '备注',
    ]);
    expect(html).toContain('IP-2026-0002');
    expect(html).not.toContain('IP-2026-0001');
    expect(html).toContain('筛选条件：单位：华为技术有限公司');
    expect(html).toContain('138****8000');
    expect(html).not.toContain('13800138000');
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'report.pdf', target_id: 'ipFilings', summary: `导出 PDF“访问IP报备登记表”，共 3 条，保存为 ${join(out, 'register.pdf')}` });
  });

  it('exports the rows to Excel with status, remarks and one entry a line', async () => {
    const path = join(out, 'register.xlsx');
    w.core.shell.savePath = path;
    expect(await exportJob(w.core.router, OFFICER, 'report:xlsx', reportInput())).toMatchObject({ state: 'done', result: { path, rows: 5 } });
    const ws = (await readWorkbook(new Uint8Array(readFileSync(path)))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('访问IP报备登记表');
    const row = (r: number) => Array.from({ length: 16 }, (_, i) => ws.getCell(r, i + 1).value);
    expect(row(5)).toEqual([
      1,
      'IP-2026-0001',
      '北京金山云网络技术有限公司',
      '张三',
      '138****5678',
      '10.0.0.1-10.0.0.6\n192.168.1.0/24',
      '00-1B-63-84-45-E6',
      'VPN',
      '政务云管理平台',
      '远程运维',
      '2026-03-02\n至2026-12-31',
      '2026-03-02',
      '李处长',
      '2026-03-02',
      '有效',
      '',
    ]);
    expect(row(6).slice(7, 8).concat(row(6).slice(14))).toEqual(['其他\n4G 无线专网', '有效（还剩 18 天）', '超出合同范围（审批文号：卫监信〔2026〕12号）']);
    expect(row(7)[14]).toBe('待审批');
    expect(row(8).slice(14)).toEqual(['已撤销（2026-03-02）', '撤销原因：项目结束']);
    expect(ws.getCell(10, 1).value).toBe('共 5 条');
  });

  it('keeps a date, a period’s end and a number on one line at the register’s size', () => {
    // A4 landscape, 12 mm side margins, a 序号 column of width 4, 1.2 mm padding a side.
    const total = 4 + ipFilingRegister.columns.reduce((s, c) => s + c.width, 0);
    const usable = (header: string) => (ipFilingRegister.columns.find((c) => c.header === header)!.width / total) * (297 - 24) - 2.4;
    // Digits 0.55 em, hyphens 0.35 em, asterisks 0.5 em, capitals 0.7 em, CJK 1 em, at 7.5 pt.
    const em = (ch: string) => (/[0-9]/.test(ch) ? 0.55 : ch === '-' ? 0.35 : ch === '*' ? 0.5 : /[A-Z]/.test(ch) ? 0.7 : 1);
    const width = (text: string) => [...text].reduce((s, ch) => s + em(ch), 0) * 7.5 * (25.4 / 72);
    for (const [header, text] of [
      ['报备编号', 'IP-2026-0001'],
      ['申请日期', '2026-03-02'],
      ['审批日期', '2026-03-02'],
      ['有效期起止', '至2026-12-31'],
      ['联系方式', '138****5678'],
      ['MAC地址', '00-1B-63-84-45-E6'],
    ] as const) {
      expect(width(text), header).toBeLessThanOrEqual(usable(header));
    }
  });
});

describe('the whitelist', () => {
  it('writes the valid addresses as text, one CIDR per line, merged, under a # header', async () => {
    const path = join(out, 'whitelist.txt');
    w.core.shell.savePath = path;
    expect(await whitelist('text')).toMatchObject({ kind: 'ipfiling.whitelist', state: 'done', result: { path, filings: 3, lines: 7 } });
    expect(w.core.shell.calls.at(-1)).toMatchObject({ method: 'chooseSavePath', options: { defaultName: '访问IP白名单-2026-03-02.txt', filters: [{ name: '文本文件', extensions: ['txt'] }] } });
    expect(lines(path)).toEqual([
      '# 访问IP白名单：当前有效的访问IP报备地址，每行一个 CIDR 地址块，重复、重叠和相邻的地址块已合并',
      `# 生成时间：${formatLocalInstant(new Date('2026-03-02T04:00:00Z'))}`,
      '# 生成账户：王保密（officer）',
      '# 筛选条件：无（全部当前有效的报备）',
      '# 有效日期：2026-03-02；报备 3 项；地址块 7 条',
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/30',
      '10.0.0.8/31',
      '192.168.1.0/24',
      '203.0.113.7/32',
      '2001:db8::/32',
      '',
    ]);
    expect(formatLocalInstant(new Date('2026-03-02T04:00:00Z'))).toBe('2026-03-02 12:00:00 +08:00');
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'ipfiling.whitelist',
      target_type: 'register',
      target_id: 'ipWhitelist',
      summary: `导出访问IP白名单（文本格式，地址块 7 条，当前有效报备 3 项；筛选条件：无），保存为 ${path}`,
    });
  });

  it('writes CSV rows per block and filing, filtered, with the filter in the header', async () => {
    const path = join(out, 'whitelist.csv');
    w.core.shell.savePath = path;
    expect((await whitelist('csv', { orgId: w.vendor.id })).result).toEqual({ path, filings: 1, lines: 5 });
    expect(lines(path, '\r\n')).toEqual([
      '# 访问IP白名单：当前有效的访问IP报备地址，每行一个 CIDR 地址块及允许它的报备；列：cidr,报备编号,单位,使用人,有效期至',
      '# 生成时间：2026-03-02 12:00:00 +08:00',
      '# 生成账户：王保密（officer）',
      '# 筛选条件：单位：北京金山云网络技术有限公司',
      '# 有效日期：2026-03-02；报备 1 项；数据行 5 条',
      'cidr,报备编号,单位,使用人,有效期至',
      '10.0.0.1/32,IP-2026-0001,北京金山云网络技术有限公司,张三,2026-12-31',
      '10.0.0.2/31,IP-2026-0001,北京金山云网络技术有限公司,张三,2026-12-31',
      '10.0.0.4/31,IP-2026-0001,北京金山云网络技术有限公司,张三,2026-12-31',
      '10.0.0.6/32,IP-2026-0001,北京金山云网络技术有限公司,张三,2026-12-31',
      '192.168.1.0/24,IP-2026-0001,北京金山云网络技术有限公司,张三,2026-12-31',
      '',
    ]);
  });

  it('follows the clock: an expired filing leaves the list', async () => {
    w.at('2026-03-21');
    w.core.shell.savePath = join(out, 'later.txt');
    expect((await whitelist('text', { personId: li.id })).result).toMatchObject({ filings: 1, lines: 2 });
    expect(lines(join(out, 'later.txt')).slice(3)).toEqual(['# 筛选条件：使用人：李四', '# 有效日期：2026-03-21；报备 1 项；地址块 2 条', '10.0.0.4/30', '10.0.0.8/31', '']);
  });

  it('records nothing when cancelled, and refuses an empty list', async () => {
    w.core.shell.savePath = null;
    const before = auditRows(w.core.db).length;
    expect(valueOf(await w.call('ipfiling:whitelist', { format: 'csv', filter: {} }))).toEqual({ path: null, jobId: null });
    expect(auditRows(w.core.db)).toHaveLength(before);
    w.core.shell.savePath = join(out, 'empty.txt');
    expect(await whitelist('text', { accessMethod: '专线' })).toMatchObject({
      state: 'failed',
      result: null,
      error: '截至 2026-03-02，符合条件（接入方式：专线）的当前有效的 IP 报备为 0 项，白名单为空，未导出。请检查筛选条件。',
    });
    expect(readdirSync(out)).toEqual([]);
    expect(auditRows(w.core.db)).toHaveLength(before);
  });
});
