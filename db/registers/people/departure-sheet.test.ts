import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DepartureRecord, Person } from '../../../common/api/person';
import { auditRows, valueOf, VIEWER } from '../../testing/fixtures';
import { registerDepartureProvider } from './departure';
import { errorOf, openPeopleWorld, printedHtml, type PeopleWorld } from './testing';

let w: PeopleWorld;
let person: Person;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
  person = await w.person({ name: '张三', post: '运维工程师' });
  await w.signOff(person.id);
});
afterEach(() => w.core.cleanup());

const OPTIONS = { marking: '内部', unitName: '北京市卫生健康监督所' };
const sheet = (departureId: number | null = null) => ({ register: 'departureSheet', filter: { personId: person.id, departureId } });
const current = async () => valueOf<Person>(await w.call('person:get', { id: person.id }));
const start = async (kind: string, date: string) => {
  const p = await current();
  return valueOf<{ person: Person }>(await w.call('person:startDeparture', { id: p.id, rev: p.rev, kind, date })).person;
};
const complete = async (exception: string | null = null) => {
  const p = await current();
  return valueOf<Person>(await w.call('person:completeDeparture', { id: p.id, rev: p.rev, exception }));
};
const history = async () => valueOf<DepartureRecord[]>(await w.call('person:departures', { id: person.id }));
/** A label/value line of a fields section, its value spanning `span` pairs. */
const field = (label: string, value: string, span = 1) => `<th class="label">${label}</th><td colspan="${span * 2 - 1}">${value}</td>`;
const fullId = () => w.core.db.prepare('SELECT id_number FROM people WHERE id = ?').pluck().get(person.id) as string;

describe('人员离岗交接单', () => {
  it('is refused for a person with no 调岗/离岗, saying to start one first', async () => {
    const error = errorOf(await w.call('report:print', { selection: sheet(), options: OPTIONS }));
    expect(error).toEqual({
      code: 'RULE',
      message: '张三（北京金山云网络技术有限公司） 没有正在办理或已办结的调岗/离岗，无法打印离岗交接单。请先在人员详情中开始办理调岗/离岗',
    });
    expect(w.core.shell.calls).toEqual([]);
  });

  it('prints a pending departure: the person masked, 无 for registers holding nothing of theirs, the commitment not yet signed', async () => {
    await start('离岗', '2024-07-01');
    const html = await printedHtml(w, sheet());
    expect(w.core.shell.calls.at(-1)).toMatchObject({ method: 'printHtml', options: { landscape: false } });
    expect(html).toContain('<title>人员离岗交接单</title>');
    expect(html).toContain('<div class="subtitle">张三（北京金山云网络技术有限公司）\u3000离岗 2024-07-01</div>');
    for (const line of [
      field('姓名', '张三'),
      field('所属单位', '北京金山云网络技术有限公司'),
      field('岗位', '运维工程师'),
      field('身份证号', person.idNumberMasked),
      field('类别', '离岗'),
      field('离岗日期', '2024-07-01'),
      field('办理状态', '办理中（2024-06-01 由 王保密 开始办理，尚有 2 项未办结）', 2),
      field('系统账号', '□ 已全部注销\u3000\u3000□ 无系统账号'),
      field('签订日期', '未签署'),
      field('脱密期起止', ''),
    ]) {
      expect(html).toContain(line);
    }
    expect(html).not.toContain(fullId());
    // The media and IP registers hold nothing of theirs: 无 under each heading.
    expect(html).toMatch(/<h2>二、持有介质清退<\/h2><table>.*?<tr><td class="center empty" colspan="3">无<\/td><\/tr>/);
    expect(html).toMatch(/<h2>三、访问权限终止<\/h2><table>.*?<tr><td class="center empty" colspan="3">无<\/td><\/tr>/);
    expect(html).toContain('<h2>四、账号注销</h2>');
    expect(html).toContain('<h2>五、离岗保密承诺书</h2>');
    expect(html).not.toContain('例外');
    for (const label of ['经办人', '审批人', '本人', '日期']) expect(html).toContain(`<span class="sig">${label}：<span class="line"></span></span>`);
    const audit = auditRows(w.core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'report.print', target_type: 'person', target_id: person.uuid });
    expect(audit.summary).toBe('打印“人员离岗交接单”（张三（北京金山云网络技术有限公司）\u3000离岗 2024-07-01）');
  });

  it('prints a completed departure with its 离岗 commitment and 脱密期, and who closed it', async () => {
    await start('离岗', '2024-07-01');
    await w.signOff(person.id, { kind: '离岗保密承诺书', signedDate: '2024-06-28', declassifyFrom: '2024-07-01', declassifyTo: '2025-06-30' });
    w.at('2024-07-01');
    await complete();
    w.at('2024-07-10');
    const html = await printedHtml(w, sheet());
    expect(html).toContain(field('办理状态', '已办结（2024-07-01，王保密）', 2));
    expect(html).toContain(field('签订日期', '2024-06-28'));
    expect(html).toContain(field('脱密期起止', '2024-07-01 至 2025-06-30'));
    expect(html).not.toContain('例外');
  });

  it('prints a departure completed by exception with the reason and the items left open', async () => {
    await start('调岗', '2024-06-15');
    await complete('本人已调往外地，承诺书寄送中');
    const html = await printedHtml(w, sheet());
    expect(html).toContain(field('类别', '调岗'));
    expect(html).toContain(field('调岗日期', '2024-06-15'));
    expect(html).toContain(field('办理状态', '例外办结（2024-06-01，王保密）', 2));
    expect(html).toContain(field('例外原因', '本人已调往外地，承诺书寄送中', 2));
    expect(html).toContain(field('未办结事项', '保密承诺：签署离岗保密承诺书、设定脱密期', 2));
    expect(html).toContain(field('签订日期', '未签署'));
  });

  it('prints the items of a registered provider, 无 for one with nothing, and a section for any other register', async () => {
    const removers = [
      registerDepartureProvider({
        id: 'keys',
        label: '机房钥匙',
        items: () => [{ key: 'keys:A-07', label: '交回机房钥匙 A-07', done: false, detail: '机房钥匙 A-07 尚未交回。' }],
      }),
      registerDepartureProvider({
        id: 'badge',
        label: '门禁卡',
        items: () => [{ key: 'badge:0012', label: '交回门禁卡 0012', done: true, detail: '已于 2024-06-01 交回。' }],
      }),
    ];
    try {
      await start('离岗', '2024-07-01');
      const html = await printedHtml(w, sheet());
      expect(html).toMatch(/<h2>二、持有介质清退<\/h2><table>.*?<th>事项<\/th><th>办理情况<\/th><th>核验人<\/th><\/tr><\/thead>.*?<td class="center empty" colspan="3">无<\/td>/);
      expect(html).toContain('<h2>六、机房钥匙</h2>');
      expect(html).toContain('<tr><td class="left">交回机房钥匙 A-07</td><td class="left">未办结：机房钥匙 A-07 尚未交回。</td><td class="center"></td></tr>');
      expect(html).toMatch(/<h2>三、访问权限终止<\/h2><table>.*?<tr><td class="center empty" colspan="3">无<\/td><\/tr>/);
      expect(html).toContain('<h2>七、门禁卡</h2>');
      expect(html).toContain('<td class="left">已办结：已于 2024-06-01 交回。</td>');
      expect(html).toContain(field('办理状态', '办理中（2024-06-01 由 王保密 开始办理，尚有 3 项未办结）', 2));

      // Closed by exception: what was left open is what the sheet prints, as stored.
      await complete('介质已报失，另案处理');
      const closed = await printedHtml(w, sheet());
      expect(closed).toContain('<tr><td class="left">交回机房钥匙 A-07</td><td class="left">未办结：机房钥匙 A-07 尚未交回。</td><td class="center"></td></tr>');
      expect(closed).toMatch(/<h2>三、访问权限终止<\/h2><table>.*?<tr><td class="center empty" colspan="3">无未办结事项<\/td><\/tr>/);
      expect(closed).toMatch(/<h2>七、门禁卡<\/h2><table>.*?无未办结事项/);
      expect(closed).toContain(field('未办结事项', '保密承诺：签署离岗保密承诺书、设定脱密期\n机房钥匙：交回机房钥匙 A-07', 2));
    } finally {
      for (const remove of removers) remove();
    }
    // Their providers removed, those registers' sections are gone again; the fixed ones stay.
    const after = await printedHtml(w, sheet());
    expect(after).not.toContain('<h2>六、机房钥匙</h2>');
    expect(after).toContain('<h2>三、访问权限终止</h2>');
  });

  it('prints the departure asked for: an earlier one keeps its own commitment; a cancelled one is refused', async () => {
    await start('离岗', '2024-06-10');
    const cancelled = await current();
    valueOf(await w.call('person:cancelDeparture', { id: person.id, rev: cancelled.rev, reason: '本人留任' }));
    await start('离岗', '2024-07-01');
    await w.signOff(person.id, { kind: '离岗保密承诺书', signedDate: '2024-06-28', declassifyFrom: '2024-07-01', declassifyTo: '2024-12-31' });
    w.at('2024-07-01');
    await complete();
    // Back on post with a new commitment, then moved again, signing a second 离岗 commitment.
    w.at('2025-01-02');
    const left = await current();
    valueOf(await w.call('person:reinstate', { id: person.id, rev: left.rev, enteredOn: '2025-01-02' }));
    await w.signOff(person.id, { kind: '上岗保密承诺书', signedDate: '2025-01-02' });
    await w.signOff(person.id, { kind: '离岗保密承诺书', signedDate: '2025-02-25', declassifyFrom: '2025-03-01', declassifyTo: '2025-08-31' });
    w.at('2025-02-26');
    await start('调岗', '2025-03-01');

    const [latest, earlier, first] = await history();
    expect([latest, earlier, first].map((d) => [d?.kind, d?.date, d?.state])).toEqual([
      ['调岗', '2025-03-01', 'pending'],
      ['离岗', '2024-07-01', 'completed'],
      ['离岗', '2024-06-10', 'cancelled'],
    ]);

    // Without a departure named, the pending one.
    expect(await printedHtml(w, sheet())).toContain(field('签订日期', '2025-02-25'));
    const old = await printedHtml(w, sheet(earlier!.id));
    expect(old).toContain(field('离岗日期', '2024-07-01'));
    expect(old).toContain(field('签订日期', '2024-06-28'));
    expect(old).toContain(field('脱密期起止', '2024-07-01 至 2024-12-31'));

    expect(errorOf(await w.call('report:print', { selection: sheet(first!.id), options: OPTIONS }))).toEqual({
      code: 'RULE',
      message: '张三（北京金山云网络技术有限公司） 的离岗（2024-06-10）已于 2024-06-01 撤销办理（原因：本人留任），没有交接单可打印',
    });
    expect(errorOf(await w.call('report:print', { selection: sheet(9999), options: OPTIONS }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prints to PDF and for a viewer, but is not exported to Excel', async () => {
    await start('离岗', '2024-07-01');
    w.core.shell.savePath = `${w.core.dir}/never.xlsx`;
    expect(errorOf(await w.call('report:xlsx', { selection: sheet(), options: OPTIONS }))).toEqual({
      code: 'RULE',
      message: '“人员离岗交接单”只能打印或导出 PDF，不能导出 Excel',
    });
    expect(w.core.shell.calls).toEqual([]);
    expect(await printedHtml(w, sheet(), VIEWER)).toContain('<h1>人员离岗交接单</h1>');
    w.core.shell.savePath = `${w.core.dir}/sheet.pdf`;
    expect(valueOf(await w.call('report:pdf', { selection: sheet(), options: OPTIONS }))).toEqual({ saved: true, path: `${w.core.dir}/sheet.pdf`, rows: 1 });
    expect(w.core.shell.calls.find((c) => c.method === 'chooseSavePath')).toMatchObject({
      options: { defaultName: '离岗交接单-张三-2024-06-01.pdf' },
    });
  });
});

describe('person:departures', () => {
  it('lists a person’s departures newest first, with who started and closed them and what was left open', async () => {
    expect(await history()).toEqual([]);
    await start('调岗', '2024-06-15');
    await complete('本人已调往外地，承诺书寄送中');
    w.at('2024-07-01');
    const moved = await current();
    valueOf(await w.call('person:reinstate', { id: person.id, rev: moved.rev, enteredOn: '2024-07-01' }));
    await start('离岗', '2024-08-01');
    const list = await history();
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      kind: '离岗',
      date: '2024-08-01',
      state: 'pending',
      startedByName: '王保密',
      closedAt: null,
      closedByName: null,
      exceptionReason: null,
      openItems: [],
      cancelReason: null,
    });
    expect(list[1]).toMatchObject({
      kind: '调岗',
      date: '2024-06-15',
      state: 'completed',
      closedByName: '王保密',
      exceptionReason: '本人已调往外地，承诺书寄送中',
      cancelReason: null,
    });
    expect(list[1]!.closedAt?.slice(0, 10)).toBe('2024-06-01');
    expect(list[1]!.openItems.map((i) => [i.providerLabel, i.label, i.done])).toEqual([
      ['保密承诺', '签署离岗保密承诺书', false],
      ['保密承诺', '设定脱密期', false],
    ]);
    // Reading is not audited, and a viewer may read it.
    const audited = auditRows(w.core.db).length;
    expect(valueOf<DepartureRecord[]>(await w.call('person:departures', { id: person.id }, VIEWER))).toHaveLength(2);
    expect(auditRows(w.core.db)).toHaveLength(audited);
    expect(errorOf(await w.call('person:departures', { id: 9999 }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
