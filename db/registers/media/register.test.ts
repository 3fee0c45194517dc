import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediumDetail } from '../../../common/api/media';
import { AUDITOR, auditRows, valueOf } from '../../testing/fixtures';
import { columnMm, textMm } from '../../testing/print-widths';
import type { RegisterDefinition } from '../../reports/definition';
import { errorOf, exportedSheet, printedHtml, tableRows } from '../people/testing';
import { mediaRegister } from './register';
import { destructionRegister, destructionTotals, LOG_FOOTNOTE, loanRegister, repairRegister, takeOutRegister } from './register-logs';
import { EVENTS, openMediaWorld, type MediaWorld } from './testing';

/**
 * The media register's printed registers (REGISTER-FORMATS.md §1–§5) through `report:*`, on real
 * chains recorded through the router:
 *
 * - JZ-2026-0001 U盘: lent to 李四 (03-02, returned 03-05), then to 张三 (03-06, due 03-08, not back).
 * - JZ-2026-0002 移动硬盘 秘密: taken out by 张三 (03-03, back 03-04), repaired (03-06 → 03-10),
 *   destroyed 03-15.
 * - JZ-2026-0003 U盘: lent to 李四 03-04 and the lend corrected, then destroyed 03-16 with two witnesses.
 * - JZ-2026-0004 SD卡: at the repairer since 03-11, not back.
 * - JZ-2026-0005 U盘: taken out by 李四 03-12 and reported lost 03-13.
 */

let w: MediaWorld;
const media: MediumDetail[] = [];
const at = (day: string, time = '10:00') => `${day}T${time}:00+08:00`;

beforeEach(async () => {
  vi.stubEnv('TZ', 'Asia/Shanghai');
  w = await openMediaWorld('2026-03-02');
  media.length = 0;
  const registeredAt = at('2026-03-01', '09:00');
  media.push(await w.medium({ registeredAt, serial: 'KS-0001', purpose: '数据交换' }));
  media.push(await w.medium({ registeredAt, kind: '移动硬盘', model: '西部数据 1TB', capacity: '1TB', classification: '秘密', serial: 'WD-7788' }));
  media.push(await w.medium({ registeredAt, serial: 'KS-0003' }));
  media.push(await w.medium({ registeredAt, kind: 'SD卡', model: '闪迪 32G', capacity: '32GB', serial: 'SD-32' }));
  media.push(await w.medium({ registeredAt, serial: 'KS-0005', note: '备用' }));
  w.at('2026-03-20');
  const [m1, m2, m3, m4, m5] = media.map((m) => m.id) as [number, number, number, number, number];

  await w.record(m1, { type: '借出', holderId: w.li.id, purpose: '数据交换', dueBack: '2026-03-10', occurredAt: at('2026-03-02') });
  await w.record(m1, { type: '归还', checkedBy: '王保密', condition: '完好', occurredAt: at('2026-03-05') });
  await w.record(m1, { type: '借出', holderId: w.zhang.id, purpose: '驻场运维', dueBack: '2026-03-08', occurredAt: at('2026-03-06') });

  await w.record(m2, { ...EVENTS.takeOut, carrierId: w.zhang.id, occurredAt: at('2026-03-03') });
  await w.record(m2, { type: '外出返回', checkResult: '封条完好', occurredAt: at('2026-03-04') });
  await w.record(m2, { ...EVENTS.repair, occurredAt: at('2026-03-06') });
  await w.record(m2, { type: '修回', result: '已修复，检测无异常', occurredAt: at('2026-03-10') });
  await w.record(m2, { ...EVENTS.destroy, occurredAt: at('2026-03-15') });

  await w.record(m3, { type: '借出', holderId: w.li.id, purpose: '误登', dueBack: '2026-03-06', occurredAt: at('2026-03-04') });
  await w.record(m3, { type: '更正', corrects: 2, reason: '借出登记错了介质', occurredAt: at('2026-03-04', '11:00') });
  await w.record(m3, { ...EVENTS.destroy, reason: '损坏', witnesses: ['刘处长', '陈监督'], occurredAt: at('2026-03-16') });

  await w.record(m4, { ...EVENTS.repair, occurredAt: at('2026-03-11') });

  await w.record(m5, { ...EVENTS.takeOut, carrierId: w.li.id, dueBack: '2026-03-14', occurredAt: at('2026-03-12') });
  await w.record(m5, { ...EVENTS.loss, discoveredAt: at('2026-03-13', '08:00'), occurredAt: at('2026-03-13', '09:00') });
});
afterEach(() => {
  w.core.cleanup();
  vi.unstubAllEnvs();
});

const log = (register: string, filter: Record<string, unknown> = {}) => ({ register, filter });
const headers = <Row,>(def: RegisterDefinition<Row>) => def.columns.map((c) => c.header);

describe('存储介质登记台账 (§1)', () => {
  it('prints every column of §1, one row per medium, the status derived from the chain', async () => {
    expect(headers(mediaRegister)).toEqual([
      '保密编号', '介质类别', '品牌型号', '序列号', '容量', '密级', '保密\n期限', '知悉/\n使用范围', '责任人', '所属单位/\n部门',
      '存放地点', '用途', '启用日期', '报备日期', '状态', '备注',
    ]);
    const html = await printedHtml(w, log('media', {}));
    expect(w.core.shell.calls.at(-1)).toMatchObject({ method: 'printHtml', options: { landscape: true } });
    for (const header of headers(mediaRegister)) expect(html).toContain(`<th>${header}</th>`);
    const rows = tableRows(html);
    expect(rows.map((r) => [r[1], r[15]])).toEqual([
      ['JZ-2026-0001', '借出\n张三\n应还 2026-03-08'],
      ['JZ-2026-0002', '已销毁'],
      ['JZ-2026-0003', '已销毁'],
      ['JZ-2026-0004', '维修中'],
      ['JZ-2026-0005', '丢失'],
    ]);
    expect(rows[1]).toEqual([
      '2', 'JZ-2026-0002', '移动硬盘', '西部数据 1TB', 'WD-7788', '1TB', '秘密', '', '', '王保密', '北京金山云网络技术有限公司',
      '保密室 2 号柜', '', '', '', '已销毁', '',
    ]);
    expect(rows[4]![16]).toBe('备用');
    expect(html).toContain('共 5 条');
  });

  it('prints what the list filter selects, with the filter in words, and audits the print', async () => {
    const html = await printedHtml(w, log('media', { kind: 'U盘', status: '已销毁' }));
    expect(tableRows(html).map((r) => r[1])).toEqual(['JZ-2026-0003']);
    expect(html).toContain('筛选条件：类别：U盘；状态：已销毁');
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'report.print', target_id: 'media', summary: '打印“存储介质登记台账”，共 1 条' });
  });

  it('prints a computer’s hard disk by its 资产编号 and serial', async () => {
    await w.medium({ kind: '硬盘', assetNumber: 'ZC-2020-118', serial: 'S3Z9NB0K' });
    const rows = tableRows(await printedHtml(w, log('media', { kind: '硬盘' })));
    expect(rows[0]![4]).toBe('资产编号 ZC-2020-118\nS3Z9NB0K');
  });
});

describe('介质借用/归还登记簿 (§2)', () => {
  it('prints each lend with its return, the open one overdue, the corrected one left out, signatures blank', async () => {
    expect(headers(loanRegister)).toEqual([
      '保密编号', '介质类别', '密级', '借用人', '所属单位', '用途', '借出日期', '应还日期', '实还日期', '借用人\n签字', '经办人\n签字', '归还核验人\n签字', '备注',
    ]);
    const html = await printedHtml(w, log('mediaLoans'));
    expect(tableRows(html)).toEqual([
      ['1', 'JZ-2026-0001', 'U盘', '内部', '李四', '北京金山云网络技术有限公司', '数据交换', '2026-03-02', '2026-03-10', '2026-03-05', '', '', '', '核验人：王保密\n核验情况：完好'],
      ['2', 'JZ-2026-0001', 'U盘', '内部', '张三', '北京金山云网络技术有限公司', '驻场运维', '2026-03-06', '2026-03-08', '未归还\n逾期 12 天', '', '', '', ''],
    ]);
    expect(html).not.toContain('误登');
    expect(html).toContain(`<div class="footnote">${LOG_FOOTNOTE}</div>`);
  });

  it('narrows to a period and to what is still out, saying so', async () => {
    const html = await printedHtml(w, log('mediaLoans', { from: '2026-03-03', openOnly: true }));
    expect(tableRows(html).map((r) => [r[4], r[7]])).toEqual([['张三', '2026-03-06']]);
    expect(html).toContain('筛选条件：期间：2026-03-03 起；仅未归还');
    expect(tableRows(await printedHtml(w, log('mediaLoans', { to: '2026-03-05' }))).map((r) => r[4])).toEqual(['李四']);
  });

  it('refuses a period that ends before it starts', async () => {
    expect(errorOf(await w.call('report:print', { selection: log('mediaLoans', { from: '2026-03-10', to: '2026-03-01' }), options: { marking: '内部', unitName: '某单位' } }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('exports the same rows to Excel', async () => {
    const ws = await exportedSheet(w, log('mediaLoans'));
    expect(ws.getCell('A1').value).toBe('介质借用/归还登记簿');
    const row = (r: number) => Array.from({ length: 14 }, (_, i) => ws.getCell(r, i + 1).value);
    expect(row(5)).toEqual([1, 'JZ-2026-0001', 'U盘', '内部', '李四', '北京金山云网络技术有限公司', '数据交换', '2026-03-02', '2026-03-10', '2026-03-05', '', '', '', '核验人：王保密\n核验情况：完好']);
    expect(row(6)[9]).toBe('未归还\n逾期 12 天');
    expect(ws.getCell(7, 1).value).toBe('共 2 条');
    expect(ws.getCell(10, 1).value).toBe(LOG_FOOTNOTE);
  });
});

describe('介质携带外出审批登记 (§3)', () => {
  it('prints each take-out with approval, encryption, return and check; a lost one says so', async () => {
    const html = await printedHtml(w, log('mediaTakeOuts'));
    expect(headers(takeOutRegister)).toEqual([
      '申请日期', '保密编号', '密级', '携带人', '外出地点', '事由/用途', '是否加密\n及方式', '预计返回\n日期', '审批人\n意见', '实际返回\n日期', '返回检查情况', '签字',
    ]);
    expect(tableRows(html)).toEqual([
      ['1', '2026-03-03', 'JZ-2026-0002', '秘密', '张三', '市政务云机房', '系统巡检', '是\nSM4 全盘加密', '2026-03-05', '同意\n刘处长', '2026-03-04', '封条完好', ''],
      ['2', '2026-03-12', 'JZ-2026-0005', '内部', '李四', '市政务云机房', '系统巡检', '是\nSM4 全盘加密', '2026-03-14', '同意\n刘处长', '未返回\n已报告丢失', '第 3 条报告丢失（2026-03-13）', ''],
    ]);
  });

  it('prints one medium’s take-outs only when asked for it', async () => {
    const html = await printedHtml(w, log('mediaTakeOuts', { mediumId: media[1]!.id }));
    expect(tableRows(html).map((r) => r[2])).toEqual(['JZ-2026-0002']);
    expect(html).toContain('筛选条件：介质：JZ-2026-0002');
  });
});

describe('送外维修登记表 (§4)', () => {
  it('prints each repair with agreement, backup, sanitisation, escort and result; the open one expected back', async () => {
    expect(headers(repairRegister)).toHaveLength(16);
    const rows = tableRows(await printedHtml(w, log('mediaRepairs')));
    expect(rows).toEqual([
      [
        '1', '王保密', '王保密', 'JZ-2026-0002', '秘密', '无法识别', '某某数据恢复有限公司', '是\nBM-2026-03', '是', '是\n数据已清除（低级格式化）',
        '王保密', '赵陪同', '2026-03-06', '2026-03-10', '已修复，检测无异常', '同意\n刘处长', '',
      ],
      [
        '2', '王保密', '王保密', 'JZ-2026-0004', '内部', '无法识别', '某某数据恢复有限公司', '是\nBM-2026-03', '是', '是\n数据已清除（低级格式化）',
        '王保密', '赵陪同', '2026-03-11', '未修回\n预计 2026-03-20', '', '同意\n刘处长', '',
      ],
    ]);
  });

  it('names the 责任人 at the time of the repair, not today’s', async () => {
    const m2 = await w.get(media[1]!.id);
    const { number, kind, model, serial, assetNumber, capacity, classification, secrecyTerm, scope, orgId, contractId, location, purpose, enabledOn, reportedOn, note } = m2;
    const fields = { number, kind, model, serial, assetNumber, capacity, classification, secrecyTerm, scope, orgId, contractId, location, purpose, enabledOn, reportedOn, note };
    valueOf(await w.call('media:update', { ...fields, id: m2.id, rev: m2.rev, responsibleId: w.li.id }));
    expect((await w.get(m2.id)).responsibleName).toBe('李四');
    const rows = tableRows(await printedHtml(w, log('mediaRepairs', { mediumId: m2.id })));
    expect(rows.map((r) => r.slice(1, 4))).toEqual([['王保密', '王保密', 'JZ-2026-0002']]);
  });
});

describe('介质销毁登记表 (§5)', () => {
  it('prints each destruction with keeper, method, place, destroyer, witnesses and approver, and the totals', async () => {
    const html = await printedHtml(w, log('mediaDestructions'));
    expect(headers(destructionRegister)).toEqual([
      '保密编号', '介质类别', '序列号', '密级', '容量/数量', '保管人', '销毁原因', '销毁方式', '销毁日期', '销毁地点', '销毁人\n签字', '监销人\n签字', '审批人\n签字',
    ]);
    expect(tableRows(html)).toEqual([
      ['1', 'JZ-2026-0002', '移动硬盘', 'WD-7788', '秘密', '1TB\n1 件', '王保密', '项目结束', '物理粉碎', '2026-03-15', '保密室', '王保密', '刘处长', '刘处长'],
      ['2', 'JZ-2026-0003', 'U盘', 'KS-0003', '内部', '64GB\n1 件', '王保密', '损坏', '物理粉碎', '2026-03-16', '保密室', '王保密', '刘处长\n陈监督', '刘处长'],
    ]);
    expect(html).toContain('<div class="total">共 2 条</div>\n<div class="total">合计：U盘 1 件，移动硬盘 1 件；共 2 件</div>');
    for (const label of ['制表人', '审核人', '保密工作负责人', '日期']) expect(html).toContain(`<span class="sig">${label}：<span class="line"></span></span>`);
  });

  it('totals per kind in the order of the kinds, and none at all', () => {
    expect(destructionTotals([{ kind: '光盘' }, { kind: 'U盘' }, { kind: '光盘' }])).toEqual(['合计：U盘 1 件，光盘 2 件；共 3 件']);
    expect(destructionTotals([])).toEqual(['合计：共 0 件']);
  });

  it('leaves out a destruction voided by a correction, from the rows and the totals', async () => {
    const m3 = media[2]!.id;
    await w.record(m3, { type: '更正', corrects: 4, reason: '销毁尚未实施' });
    const html = await printedHtml(w, log('mediaDestructions'));
    expect(tableRows(html).map((r) => r[1])).toEqual(['JZ-2026-0002']);
    expect(html).toContain('合计：移动硬盘 1 件；共 1 件');
  });

  it('exports the totals under the rows in Excel', async () => {
    const ws = await exportedSheet(w, log('mediaDestructions', { kind: 'U盘' }));
    expect(ws.getCell(5, 2).value).toBe('JZ-2026-0003');
    expect(ws.getCell(6, 1).value).toBe('共 1 条');
    expect(ws.getCell(7, 1).value).toBe('合计：U盘 1 件；共 1 件');
  });

  it('is printed with registers.print only', async () => {
    const result = await w.call('report:print', { selection: log('mediaDestructions'), options: { marking: '内部', unitName: '某单位' } }, AUDITOR);
    expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(result).message).toContain('介质销毁登记表');
  });
});

describe('print widths', () => {
  // Values that must stay on one line of their column at the register's size on A4.
  const cases: [RegisterDefinition<never>, string, string][] = [
    [mediaRegister as RegisterDefinition<never>, '保密编号', 'JZ-2026-0001'],
    [mediaRegister as RegisterDefinition<never>, '启用日期', '2026-03-02'],
    [mediaRegister as RegisterDefinition<never>, '报备日期', '2026-03-02'],
    [mediaRegister as RegisterDefinition<never>, '状态', '应还 2026-03-08'],
    [loanRegister as RegisterDefinition<never>, '保密编号', 'JZ-2026-0001'],
    [loanRegister as RegisterDefinition<never>, '借出日期', '2026-03-02'],
    [loanRegister as RegisterDefinition<never>, '实还日期', '逾期 120 天'],
    [takeOutRegister as RegisterDefinition<never>, '申请日期', '2026-03-02'],
    [takeOutRegister as RegisterDefinition<never>, '保密编号', 'JZ-2026-0001'],
    [takeOutRegister as RegisterDefinition<never>, '实际返回\n日期', '已报告丢失'],
    [repairRegister as RegisterDefinition<never>, '保密编号', 'JZ-2026-0001'],
    [repairRegister as RegisterDefinition<never>, '送修日期', '2026-03-02'],
    [repairRegister as RegisterDefinition<never>, '修回日期', '预计 2026-03-20'],
    [destructionRegister as RegisterDefinition<never>, '保密编号', 'JZ-2026-0001'],
    [destructionRegister as RegisterDefinition<never>, '销毁日期', '2026-03-02'],
    [destructionRegister as RegisterDefinition<never>, '销毁方式', '送销毁机构'],
  ];
  it.each(cases)('%#: keeps the value on one line of its column', (def, header, text) => {
    expect(textMm(def, text), `${def.title} ${header}`).toBeLessThanOrEqual(columnMm(def, header));
  });
});
