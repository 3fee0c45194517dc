import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../common/api/person';
import { auditRows, valueOf, VIEWER } from '../../testing/fixtures';
import { columnMm, textMm } from '../../testing/print-widths';
import { signOffRegister } from './signoff-register';
import { errorOf, exportedSheet, openPeopleWorld, printedHtml, sheetText, tableRows, type PeopleWorld } from './testing';

let w: PeopleWorld;
let zhang: Person;
let li: Person;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
  zhang = await w.person({ name: '张三', post: '运维工程师', phone: '13912345678' });
  li = await w.person({ name: '李四', orgId: w.client.id, post: '信息科科员', phone: '010-62345678' });
  valueOf(await w.call('assignment:create', { personId: zhang.id, contractId: w.contract.id, role: '驻场运维' }));
  await w.signOff(zhang.id, { kind: '上岗保密承诺书', signedDate: '2024-05-20', witness: '王保密', copies: 2, keptAt: '保密办、本人各一份' });
  await w.signOff(zhang.id, { kind: '保密协议', contractId: w.contract.id, signedDate: '2024-05-25', validUntil: '2025-05-24', copies: 3, keptAt: '' });
  await w.signOff(zhang.id, { kind: '在岗年度承诺', signedDate: '2024-05-30', note: '年度重签' });
  const voided = await w.signOff(zhang.id, { kind: '专项保密承诺', signedDate: '2024-05-31' });
  valueOf(await w.call('signoff:void', { id: voided.id, rev: voided.rev, reason: '录入错误' }));
  await w.signOff(li.id, { kind: '上岗保密承诺书', signedDate: '2024-05-21', witness: '赵见证', copies: 1, keptAt: '人事处' });
  valueOf(await w.call('training:create', { heldOn: '2024-05-28', topic: '保密法规培训', hours: 2, attendeeIds: [zhang.id] }));
});
afterEach(() => w.core.cleanup());

const selection = (filter: Record<string, unknown> = {}) => ({ register: 'signoffs', filter });
const personal = () => w.core.db.prepare('SELECT id_number AS id, phone FROM people').all() as { id: string; phone: string }[];

describe('保密承诺书签订台账', () => {
  it('prints one row per sign-off not voided, by unit, name and signed date, with every column', async () => {
    const html = await printedHtml(w, selection());
    expect(html).toContain('<title>保密承诺书签订台账</title>');
    expect(html).toContain('<h1>保密承诺书签订台账</h1>');
    expect(html).not.toContain('筛选条件');
    for (const column of signOffRegister.columns) expect(html).toContain(`<th>${column.header}</th>`);
    const rows = tableRows(html);
    // 北京金山云… sorts before 北京市卫生… (jin < shi); 张三's by signed date; the voided 专项 left out.
    expect(rows.map((r) => [r[0], r[1], r[5]])).toEqual([
      ['1', '张三', '上岗保密承诺书'],
      ['2', '张三', '保密协议'],
      ['3', '张三', '在岗年度承诺'],
      ['4', '李四', '上岗保密承诺书'],
    ]);
    expect(rows[0]).toEqual([
      '1',
      '张三',
      '北京金山云网络技术有限公司',
      '运维工程师',
      '全部合同（本单位）',
      '上岗保密承诺书',
      '2024-05-20',
      '长期',
      '',
      '2024-05-28',
      '王保密',
      '2 份\n保密办、本人各一份',
      zhang.idNumberMasked,
      '139****5678',
      '',
    ]);
    // Bound to the contract: its project and number, and the role on it after the post.
    expect(rows[1]!.slice(3, 8)).toEqual(['运维工程师\n驻场运维', '政务云扩展服务\nKSY 2024 0516 0003', '保密协议', '2024-05-25', '2025-05-24']);
    expect(rows[1]![11]).toBe('3 份');
    // A yearly commitment without its end date: one year from signing.
    expect(rows[2]!.slice(6, 8)).toEqual(['2024-05-30', '2025-05-29']);
    expect(rows[2]![14]).toBe('年度重签');
    // No training attended: a dash.
    expect(rows[3]!.slice(2, 4)).toEqual(['北京市卫生健康监督所', '信息科科员']);
    expect(rows[3]![9]).toBe('—');
    expect(rows[3]![13]).toBe('010-****5678');
    expect(html).toContain('共 4 条');
  });

  it('prints the 脱密期 of a 离岗 commitment, and says when it was not agreed', async () => {
    await w.signOff(zhang.id, { kind: '离岗保密承诺书', signedDate: '2024-05-31', declassifyFrom: '2024-06-01', declassifyTo: '2025-05-31' });
    await w.signOff(li.id, { kind: '离岗保密承诺书', signedDate: '2024-05-31' });
    const rows = tableRows(await printedHtml(w, selection({ kind: '离岗保密承诺书' })));
    expect(rows.map((r) => [r[1], r[8]])).toEqual([
      ['张三', '2024-06-01\n至2025-05-31'],
      ['李四', '未约定'],
    ]);
  });

  it('never prints a full ID number or phone, in HTML or in Excel', async () => {
    const html = await printedHtml(w, selection());
    const ws = await exportedSheet(w, selection());
    const cells = sheetText(ws);
    for (const { id, phone } of personal()) {
      expect(html).not.toContain(id);
      expect(html).not.toContain(phone);
      expect(cells).not.toContain(id);
      expect(cells).not.toContain(phone);
    }
    expect(cells).toContain(zhang.idNumberMasked);
  });

  it('exports the rows to Excel under the frame, and names the register in the audit record', async () => {
    const ws = await exportedSheet(w, selection({ orgId: w.vendor.id }));
    expect(ws.getCell('A1').value).toBe('保密承诺书签订台账');
    expect(ws.getCell('A3').value).toBe('标识：内部\u3000筛选条件：单位：北京金山云网络技术有限公司');
    expect(ws.getCell(4, 2).value).toBe('姓名');
    expect([5, 6, 7].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 6).value])).toEqual([
      [1, '张三', '上岗保密承诺书'],
      [2, '张三', '保密协议'],
      [3, '张三', '在岗年度承诺'],
    ]);
    expect(ws.getCell(8, 1).value).toBe('共 3 条');
    const audit = auditRows(w.core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'report.xlsx', target_type: 'register', target_id: 'signoffs' });
    expect(audit.summary).toMatch(/^导出 Excel“保密承诺书签订台账”（单位：北京金山云网络技术有限公司），共 3 条，保存为 .*\.xlsx$/);
  });

  it('selects by person, unit text, contract, kind and signed dates, stating the filter in words', async () => {
    const names = async (filter: Record<string, unknown>) => {
      const html = await printedHtml(w, selection(filter));
      return { rows: tableRows(html).map((r) => `${r[1]}:${r[5]}`), line: /筛选条件：([^<]*)</.exec(html)?.[1] ?? '' };
    };
    expect(await names({ personId: li.id })).toEqual({ rows: ['李四:上岗保密承诺书'], line: '人员：李四（北京市卫生健康监督所）' });
    // Three characters and more search the unit's names through the index, shorter text by LIKE.
    expect((await names({ q: '金山云' })).rows).toEqual(['张三:上岗保密承诺书', '张三:保密协议', '张三:在岗年度承诺']);
    expect((await names({ q: '李四' })).rows).toEqual(['李四:上岗保密承诺书']);
    // The post is not searched.
    expect((await names({ q: '运维工程师' })).rows).toEqual([]);
    // The contract's own sign-offs and the contract-free ones of its people; 李四 is not on it.
    expect(await names({ contractId: w.contract.id })).toEqual({
      rows: ['张三:上岗保密承诺书', '张三:保密协议', '张三:在岗年度承诺'],
      line: '合同：政务云扩展服务（KSY 2024 0516 0003），含其人员适用于全部合同的承诺',
    });
    expect(await names({ kind: '上岗保密承诺书', from: '2024-05-21', to: '2024-05-31' })).toEqual({
      rows: ['李四:上岗保密承诺书'],
      line: '类型：上岗保密承诺书；签订日期：2024-05-21至2024-05-31',
    });
    expect((await names({ from: '2024-05-25' })).rows).toEqual(['张三:保密协议', '张三:在岗年度承诺']);
    const audit = auditRows(w.core.db).at(-1)!;
    expect(audit.summary).toBe('打印“保密承诺书签订台账”（签订日期：2024-05-25至），共 2 条');
  });

  it('refuses a date range ending before it starts, at the field', async () => {
    const error = errorOf(
      await w.call('report:print', { selection: selection({ from: '2024-06-01', to: '2024-05-01' }), options: { marking: '内部', unitName: '某局' } }),
    );
    expect(error).toEqual({ code: 'INVALID_INPUT', field: 'selection.filter.to', message: '截止日期 2024-05-01 早于起始日期 2024-06-01' });
    expect(w.core.shell.calls).toEqual([]);
  });

  it('leaves out the sign-offs of a person voided', async () => {
    const current = valueOf<Person>(await w.call('person:get', { id: li.id }));
    valueOf(await w.call('person:void', { id: li.id, rev: current.rev, reason: '重复登记' }));
    expect(tableRows(await printedHtml(w, selection())).map((r) => r[1])).toEqual(['张三', '张三', '张三']);
  });

  it('a viewer may print it, with the numbers masked, but may neither export it nor reveal a number', async () => {
    const html = await printedHtml(w, selection(), VIEWER);
    expect(html).toContain(zhang.idNumberMasked);
    for (const { id } of personal()) expect(html).not.toContain(id);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'report.print', actor_id: VIEWER.accountId, summary: '打印“保密承诺书签订台账”，共 4 条' });
    w.core.shell.savePath = `${w.core.dir}/v.xlsx`;
    const options = { marking: '内部', unitName: '某局' };
    expect(errorOf(await w.call('report:xlsx', { selection: selection(), options }, VIEWER))).toMatchObject({
      code: 'FORBIDDEN',
      message: '当前账户（查阅）没有“导出台账”权限，不能导出“保密承诺书签订台账”',
    });
    expect(errorOf(await w.call('person:reveal', { id: zhang.id, field: 'idNumber' }, VIEWER))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('保密承诺书签订台账 columns', () => {
  it.each([
    ['签订日期', '2024-05-20'],
    ['有效期至', '2025-05-29'],
    ['脱密期起止', '至2025-05-31'],
    ['保密教育日期', '2024-05-28'],
    ['身份证号\n（脱敏）', '110*************2X'],
    ['联系方式\n（脱敏）', '0519-****6533'],
  ])('keep %s’s %s on one line', (header, text) => {
    expect(textMm(signOffRegister, text)).toBeLessThanOrEqual(columnMm(signOffRegister, header));
  });
});

