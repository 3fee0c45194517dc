import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment } from '../../../common/api/assignment';
import type { Person } from '../../../common/api/person';
import { auditRows, valueOf, VIEWER } from '../../testing/fixtures';
import { columnMm, textMm } from '../../testing/print-widths';
import { contractPeopleRegister } from './contract-people';
import { errorOf, exportedSheet, openPeopleWorld, printedHtml, sheetText, tableRows, type PeopleWorld } from './testing';

let w: PeopleWorld;
let zhang: Person;
let li: Person;
let wang: Person;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
  zhang = await w.person({ name: '张三', post: '运维工程师', phone: '13912345678' });
  li = await w.person({ name: '李四', post: '高级工程师', phone: '0519-81236533' });
  wang = await w.person({ name: '王五', post: '测试工程师' });
  const assign = async (personId: number, role: string, extra: Record<string, unknown> = {}) =>
    valueOf<Assignment>(await w.call('assignment:create', { personId, contractId: w.contract.id, role, ...extra }));
  await assign(zhang.id, '驻场运维', { from: '2024-06-01', to: '2025-05-31' });
  await assign(li.id, '后备（远程）技术支持');
  const dropped = await assign(wang.id, '开发');
  valueOf(await w.call('assignment:void', { id: dropped.id, rev: dropped.rev, reason: '未进场' }));
  // 张三: bound to the office for a year; 李四: nothing yet.
  await w.signOff(zhang.id, { kind: '保密协议', signedDate: '2024-05-20', validUntil: '2025-05-19' });
});
afterEach(() => w.core.cleanup());

const selection = (remoteOnly = false) => ({ register: 'contractPeople', filter: { contractId: w.contract.id, remoteOnly } });
const CONTRACT_LINE = '政务云扩展服务\u3000KSY 2024 0516 0003\u3000甲方：北京市卫生健康监督所\u3000乙方：北京金山云网络技术有限公司';

describe('合同人员名单', () => {
  it('lists the contract’s people by role, with the sign-off status for this contract as of the print date', async () => {
    const html = await printedHtml(w, selection());
    expect(html).toContain('<title>合同人员名单</title>');
    expect(html).toContain(`<h1>合同人员名单</h1>\n<div class="subtitle">${CONTRACT_LINE}</div>`);
    for (const column of contractPeopleRegister(w.contract, false).columns) expect(html).toContain(`<th>${column.header}</th>`);
    expect(tableRows(html)).toEqual([
      ['1', '张三', '北京金山云网络技术有限公司', '运维工程师', '驻场运维', '2024-06-01\n至2025-05-31', '有效\n至 2025-05-19', '2024-05-20', zhang.idNumberMasked, '139****5678'],
      ['2', '李四', '北京金山云网络技术有限公司', '高级工程师', '后备（远程）技术支持', '', '未签', '—', li.idNumberMasked, '051*-****6533'],
    ]);
    expect(html).not.toContain('王五');
    const audit = auditRows(w.core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'report.print', target_type: 'contract', target_id: w.contract.uuid });
    expect(audit.summary).toBe(`打印“合同人员名单”（${CONTRACT_LINE}），共 2 条`);
  });

  it('scopes the status to this contract and the print date', async () => {
    const other = valueOf<{ id: number }>(
      await w.call('contract:create', {
        numbers: [{ number: 'KSY 2024 0601 0001', scheme: '合同编号', isMain: true }],
        projectName: '数据中心运维',
        clientOrgId: w.client.id,
        vendorOrgId: w.vendor.id,
        amountFen: 1_000_000,
      }),
    );
    await w.signOff(li.id, { kind: '保密协议', contractId: other.id, signedDate: '2024-05-20' });
    expect(tableRows(await printedHtml(w, selection()))[1]!.slice(6, 8)).toEqual(['未签', '—']);
    await w.signOff(li.id, { kind: '保密协议', contractId: w.contract.id, signedDate: '2024-05-22' });
    expect(tableRows(await printedHtml(w, selection()))[1]!.slice(6, 8)).toEqual(['有效\n长期', '2024-05-22']);
    w.at('2025-05-01');
    expect(tableRows(await printedHtml(w, selection()))[0]![6]).toBe('即将到期\n至 2025-05-19');
    w.at('2025-05-20');
    expect(tableRows(await printedHtml(w, selection()))[0]![6]).toBe('已过期\n至 2025-05-19');
  });

  it('with remoteOnly lists the 后备（远程）技术支持 staff alone, under their own title', async () => {
    const html = await printedHtml(w, selection(true));
    expect(html).toContain('<h1>后备（远程）技术支持人员名单</h1>');
    expect(tableRows(html).map((r) => [r[1], r[4]])).toEqual([['李四', '后备（远程）技术支持']]);
    expect(html).not.toContain('张三');
    expect(auditRows(w.core.db).at(-1)!.summary).toBe(`打印“后备（远程）技术支持人员名单”（${CONTRACT_LINE}），共 1 条`);
  });

  it('marks who has left the post', async () => {
    const person = valueOf<Person>(await w.call('person:get', { id: zhang.id }));
    const started = valueOf<{ person: Person }>(await w.call('person:startDeparture', { id: zhang.id, rev: person.rev, kind: '调岗', date: '2024-06-01' }));
    valueOf(await w.call('person:completeDeparture', { id: zhang.id, rev: started.person.rev, exception: '调往本公司其他项目' }));
    expect(tableRows(await printedHtml(w, selection()))[0]![3]).toBe('运维工程师\n（已调岗 2024-06-01）');
  });

  it('exports to Excel with the contract under the title and the numbers masked', async () => {
    const ws = await exportedSheet(w, selection());
    expect(ws.getCell('A1').value).toBe('合同人员名单');
    expect(ws.getCell('A2').value).toBe(CONTRACT_LINE);
    expect(ws.getCell(5, 2).value).toBe('姓名');
    expect([6, 7].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 5).value])).toEqual([
      [1, '张三', '驻场运维'],
      [2, '李四', '后备（远程）技术支持'],
    ]);
    expect(ws.getCell(8, 1).value).toBe('共 2 条');
    const cells = sheetText(ws);
    const personal = w.core.db.prepare('SELECT id_number AS id, phone FROM people').all() as { id: string; phone: string }[];
    for (const { id, phone } of personal) {
      expect(cells).not.toContain(id);
      expect(cells).not.toContain(phone);
    }
    expect(cells).toContain('051*-****6533');
  });

  it('is printed by a viewer but not exported; an unknown contract is refused', async () => {
    expect(tableRows(await printedHtml(w, selection(), VIEWER))).toHaveLength(2);
    w.core.shell.savePath = `${w.core.dir}/v.xlsx`;
    const options = { marking: '内部', unitName: '某局' };
    expect(errorOf(await w.call('report:xlsx', { selection: selection(), options }, VIEWER))).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = { register: 'contractPeople', filter: { contractId: 999 } };
    expect(errorOf(await w.call('report:print', { selection: unknown, options }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('合同人员名单 columns', () => {
  const def = () => contractPeopleRegister(w.contract, false);
  it.each([
    ['所属单位', '北京金山云网络技术有限公司'],
    ['起止日期', '至2025-05-31'],
    ['保密承诺状态', '即将到期'],
    ['承诺签订日期', '2024-05-20'],
    ['身份证号\n（脱敏）', '110*************2X'],
    ['联系方式\n（脱敏）', '0519-****6533'],
  ])('keep %s’s %s on one line', (header, text) => {
    expect(textMm(def(), text)).toBeLessThanOrEqual(columnMm(def(), header));
  });
});
