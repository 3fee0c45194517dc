import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediumDetail } from '../../../common/api/media';
import { auditRows } from '../../testing/fixtures';
import { errorOf, exportedSheet, printedHtml } from '../people/testing';
import { EVENTS, openMediaWorld, type MediaWorld } from './testing';

/** 介质交接单 (one hand-over event) and 介质履历卡 (one medium) through `report:print`. */

let w: MediaWorld;
let m: MediumDetail;
const at = (day: string, time = '10:00') => `${day}T${time}:00+08:00`;
const OPTIONS = { marking: '内部', unitName: '北京市卫生健康监督所' };
const receipt = (seq: number, mediumId = m.id) => ({ register: 'mediaReceipt', filter: { mediumId, seq } });
const card = (id = m.id) => ({ register: 'mediaCard', filter: { id } });
/** A label/value line of a fields section, its value spanning `span` pairs. */
const field = (label: string, value: string, span = 1) => `<th class="label">${label}</th><td colspan="${span * 2 - 1}">${value}</td>`;
const signature = (label: string) => `<span class="sig">${label}：<span class="line"></span></span>`;

beforeEach(async () => {
  vi.stubEnv('TZ', 'Asia/Shanghai');
  w = await openMediaWorld('2026-03-02');
  m = await w.medium({ registeredAt: at('2026-03-01', '09:00'), serial: 'KS-0001' });
  w.at('2026-03-20');
  // 2 借出 → 3 归还 → 4 外出 (张三) → 5 外出返回 → 6 送外维修 → 7 更正 of 6 → 8 销毁
  await w.record(m.id, { type: '借出', holderId: w.zhang.id, purpose: '数据交换', dueBack: '2026-03-10', occurredAt: at('2026-03-02', '09:30'), acknowledged: ['借用人'] });
  await w.record(m.id, { type: '归还', checkedBy: '王保密', condition: '完好', occurredAt: at('2026-03-05') });
  await w.record(m.id, { ...EVENTS.takeOut, carrierId: w.li.id, dueBack: '2026-03-08', occurredAt: at('2026-03-06') });
  await w.record(m.id, { type: '外出返回', checkResult: '封条完好', occurredAt: at('2026-03-07') });
  await w.record(m.id, { ...EVENTS.repair, occurredAt: at('2026-03-09') });
  await w.record(m.id, { type: '更正', corrects: 6, reason: '维修未成行', occurredAt: at('2026-03-09', '11:00') });
  await w.record(m.id, { ...EVENTS.destroy, witnesses: ['刘处长', '陈监督'], occurredAt: at('2026-03-15') });
});
afterEach(() => {
  w.core.cleanup();
  vi.unstubAllEnvs();
});

describe('介质交接单', () => {
  it('prints a 借出 on one portrait page: the medium, the borrower, the due date, both parties’ signature lines and where the scan goes', async () => {
    const html = await printedHtml(w, receipt(2));
    expect(w.core.shell.calls.at(-1)).toMatchObject({ method: 'printHtml', options: { landscape: false } });
    expect(html).toContain('<h1>介质交接单</h1>');
    expect(html).toContain('<div class="subtitle">JZ-2026-0001（U盘）\u3000第 2 条 借出\u30002026-03-02</div>');
    for (const line of [
      field('保密编号', 'JZ-2026-0001'),
      field('序列号', 'KS-0001'),
      field('密级', '内部'),
      field('责任人', '王保密'),
      field('交接类型', '借出'),
      field('交接时间', '2026-03-02 09:30'),
      field('借用人', '张三'),
      field('所属单位', '北京金山云网络技术有限公司'),
      field('用途', '数据交换'),
      field('应还日期', '2026-03-10'),
      field('经办人', '王保密'),
    ]) {
      expect(html).toContain(line);
    }
    expect(html).toContain('<h2>二、借出</h2>');
    expect(html).toContain('接收方承诺按保密规定使用和保管');
    expect(html).toContain('请扫描并作为附件上传到该介质履历第 2 条记录（借出）');
    for (const label of ['交出方（保管人 王保密）', '接收方（借用人 张三）', '日期']) expect(html).toContain(signature(label));
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'report.print',
      target_type: 'medium',
      target_id: m.uuid,
      summary: '打印“介质交接单”（JZ-2026-0001（U盘）\u3000第 2 条 借出\u30002026-03-02）',
    });
  });

  it('prints a 归还 handed over by the borrower to the checker', async () => {
    const html = await printedHtml(w, receipt(3));
    expect(html).toContain(field('归还人', '张三'));
    expect(html).toContain(field('核验情况', '完好', 2));
    for (const label of ['交出方（归还人 张三）', '接收方（核验人 王保密）']) expect(html).toContain(signature(label));
    expect(html).not.toContain('接收方承诺');
  });

  it('prints a 携带外出 with its approver, encryption and return date, and the approver’s line', async () => {
    const html = await printedHtml(w, receipt(4));
    expect(html).toContain(field('是否加密', '是（SM4 全盘加密）'));
    expect(html).toContain(field('外出地点', '市政务云机房'));
    expect(html).toContain(field('预计返回日期', '2026-03-08'));
    for (const label of ['接收方（携带人 李四）', '审批人 刘处长']) expect(html).toContain(signature(label));
  });

  it('prints a 销毁 with the destroyer receiving it and a line for each witness and the approver', async () => {
    const html = await printedHtml(w, receipt(8));
    expect(html).toContain(field('销毁方式', '物理粉碎'));
    expect(html).toContain(field('监销人', '刘处长、陈监督'));
    for (const label of ['交出方（保管人 王保密）', '接收方（销毁人 王保密）', '监销人 刘处长', '监销人 陈监督', '审批人 刘处长']) {
      expect(html).toContain(signature(label));
    }
  });

  it('refuses an event that is not a hand-over, one voided by a correction, and one that does not exist', async () => {
    expect(errorOf(await w.call('report:print', { selection: receipt(5), options: OPTIONS }))).toEqual({
      code: 'RULE',
      message: '介质 JZ-2026-0001（U盘）第 5 条记录（外出返回）不是交接，没有交接单可打印；交接单只用于发放/领用、借出、归还、携带外出、送外维修、交回甲方、销毁',
    });
    expect(errorOf(await w.call('report:print', { selection: receipt(1), options: OPTIONS }))).toMatchObject({ code: 'RULE', message: expect.stringContaining('第 1 条记录（登记入库）不是交接') });
    expect(errorOf(await w.call('report:print', { selection: receipt(6), options: OPTIONS }))).toEqual({
      code: 'RULE',
      message: '介质 JZ-2026-0001（U盘）第 6 条记录（送外维修）已被第 7 条更正，不再有效，不能打印交接单',
    });
    expect(errorOf(await w.call('report:pdf', { selection: receipt(9), options: OPTIONS }))).toEqual({
      code: 'NOT_FOUND',
      message: '介质 JZ-2026-0001（U盘）没有第 9 条记录，请刷新后重新选择',
    });
    expect(w.core.shell.calls).toEqual([]);
  });

  it('prints a 送外维修 with both parties, the escort and the approver', async () => {
    const other = await w.medium({ serial: 'KS-0002' });
    await w.record(other.id, { ...EVENTS.repair });
    const html = await printedHtml(w, receipt(2, other.id));
    expect(html).toContain(field('技术处理', '是（数据已清除（低级格式化））'));
    expect(html).toContain(field('保密协议', '是（BM-2026-03）'));
    for (const label of ['交出方（送修人 王保密）', '接收方（维修单位 某某数据恢复有限公司 经手人）', '陪同人 赵陪同', '审批人 刘处长']) {
      expect(html).toContain(signature(label));
    }
  });

  it('cannot be exported to Excel', async () => {
    w.core.shell.savePath = '/tmp/never.xlsx';
    expect(errorOf(await w.call('report:xlsx', { selection: receipt(2), options: OPTIONS }))).toEqual({ code: 'RULE', message: '“介质交接单”只能打印或导出 PDF，不能导出 Excel' });
  });
});

describe('介质履历卡', () => {
  it('prints the medium’s fields, its responsible people and its whole chain with the correction marked', async () => {
    const html = await printedHtml(w, card());
    expect(html).toContain('<h1>介质履历卡</h1>');
    expect(html).toContain('<div class="subtitle">JZ-2026-0001（U盘，金士顿 DTX 64G）</div>');
    expect(html).toContain(field('当前状态', '已销毁', 2));
    expect(html).toContain(field('存放地点', '保密室 2 号柜'));
    expect(html).toContain('<tr><td class="center">王保密</td><td class="center">2026-03-02</td><td class="center">至今</td><td class="center">王保密</td></tr>');
    const chain = html.slice(html.indexOf('<h2>三、流转履历</h2>'));
    const rows = [...chain.matchAll(/<tr><td class="center">(\d+)<\/td><td class="center">(.*?)<\/td><td class="center">(.*?)<\/td><td class="left">(.*?)<\/td><td class="left">(.*?)<\/td>/gs)].map((r) => [
      r[1],
      r[2],
      r[3],
      r[4],
      r[5],
    ]);
    expect(rows.map((r) => r[2])).toEqual(['登记入库', '借出', '归还', '携带外出', '外出返回', '送外维修', '更正', '销毁']);
    expect(rows[1]).toEqual(['2', '2026-03-02\n09:30', '借出', '借给 张三，用途：数据交换，应还 2026-03-10', '借用人 张三（已签字）']);
    expect(rows[5]![3]).toContain('【已被第 7 条更正，不再有效】');
    expect(rows[6]![3]).toBe('更正第 6 条（送外维修），原因：维修未成行');
    for (const label of ['保管责任人', '保密员', '审核人', '日期']) expect(html).toContain(signature(label));
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ target_type: 'medium', target_id: m.uuid, summary: '打印“介质履历卡”（JZ-2026-0001（U盘，金士顿 DTX 64G））' });
  });

  it('lists what is still open about a medium', async () => {
    const lent = await w.medium();
    await w.record(lent.id, { type: '借出', holderId: w.li.id, dueBack: '2026-03-20' });
    w.at('2026-03-25');
    const html = await printedHtml(w, card(lent.id));
    expect(html).toContain(field('当前状态', '借出（借用人 李四，应还 2026-03-20）', 2));
    expect(html).toContain('<h2>四、待处理事项</h2><div class="text">逾期未还：李四 借用，应于 2026-03-20 归还，已逾期 5 天</div>');
  });

  it('exports to Excel with the chain as rows, the medium’s fields above and the responsible people below', async () => {
    const ws = await exportedSheet(w, card());
    expect(ws.getCell('A1').value).toBe('介质履历卡');
    expect(ws.getCell('A2').value).toBe('JZ-2026-0001（U盘，金士顿 DTX 64G）');
    const facts = String(ws.getCell('A5').value);
    expect(facts).toContain('保密编号：JZ-2026-0001');
    expect(facts).toContain('存放地点：保密室 2 号柜');
    expect(facts).toContain('当前状态：已销毁');
    expect(facts).not.toContain('报备日期：');
    const row = (r: number) => Array.from({ length: 6 }, (_, i) => ws.getCell(r, i + 1).value);
    expect(row(6)).toEqual(['序号', '时间', '记录', '内容', '相关人员', '经办人']);
    expect(Array.from({ length: 8 }, (_, i) => ws.getCell(7 + i, 3).value)).toEqual(['登记入库', '借出', '归还', '携带外出', '外出返回', '送外维修', '更正', '销毁']);
    expect(row(8)).toEqual(['2', '2026-03-02 09:30', '借出', '借给 张三，用途：数据交换，应还 2026-03-10', '借用人 张三（已签字）', '王保密']);
    expect(String(ws.getCell(12, 4).value)).toContain('【已被第 7 条更正，不再有效】');
    expect(ws.getCell(15, 1).value).toBe('共 8 条');
    expect(ws.getCell(16, 1).value).toBe('责任人：王保密（2026-03-02 起至今，经办人 王保密）');
    expect(row(18)).toEqual(['保管责任人：', '', '保密员：', '', '审核人：', '']);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'report.xlsx', target_type: 'medium', target_id: m.uuid });
  });

  it('exports what is still open about a medium under its chain', async () => {
    const lent = await w.medium();
    await w.record(lent.id, { type: '借出', holderId: w.li.id, dueBack: '2026-03-20' });
    w.at('2026-03-25');
    const ws = await exportedSheet(w, card(lent.id));
    expect(ws.getCell(9, 1).value).toBe('共 2 条');
    expect(ws.getCell(11, 1).value).toBe('待处理事项：逾期未还：李四 借用，应于 2026-03-20 归还，已逾期 5 天');
  });
});
