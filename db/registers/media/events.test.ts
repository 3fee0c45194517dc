import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentAddResult } from '../../../common/api/attachment';
import type { Medium, MediumDetail, OverdueItem } from '../../../common/api/media';
import { samplePdf } from '../../attachments/samples';
import { auditRows, valueOf } from '../../testing/fixtures';
import { errorOf } from '../people/testing';
import { EVENTS, openMediaWorld, type MediaWorld } from './testing';

let w: MediaWorld;
let m: MediumDetail;
beforeEach(async () => {
  w = await openMediaWorld('2026-03-02');
  m = await w.medium();
});
afterEach(() => w.core.cleanup());

const lastAudit = () => auditRows(w.core.db).at(-1)!;
const overdue = async () => valueOf<OverdueItem[]>(await w.call('media:overdue', {}));
const cachedStatus = async (id: number) => valueOf<{ rows: Medium[] }>(await w.call('media:list', { voided: 'include' })).rows.find((r) => r.id === id)!;

describe('custody events through the router', () => {
  it('a destroyed medium cannot be lent: the refusal names the medium, its state and what to do', async () => {
    const destroyed = await w.record(m.id, { ...EVENTS.destroy });
    expect(destroyed.status).toBe('已销毁');
    expect(destroyed.timeline.at(-1)).toMatchObject({
      type: '销毁',
      summary: '销毁（物理粉碎，保密室），原因：项目结束，销毁人 王保密，监销人 刘处长，审批人 刘处长',
      participants: [
        { role: '销毁人', name: '王保密', personId: null, acknowledged: false },
        { role: '监销人', name: '刘处长', personId: null, acknowledged: false },
        { role: '审批人', name: '刘处长', personId: null, acknowledged: false },
      ],
    });
    expect(errorOf(await w.event(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' }))).toEqual({
      code: 'RULE',
      message: '介质 JZ-2026-0001（U盘）已销毁，不能再借出。如第 2 条销毁记录有误，请登记更正。',
    });
  });

  it('issuing to a person without a valid sign-off is refused with the reason at the holder field; with one it is issued', async () => {
    const unsigned = await w.person({ name: '赵六' });
    const refused = errorOf(await w.event(m.id, { type: '发放/领用', holderId: unsigned.id, purpose: '驻场运维' }));
    expect(refused).toMatchObject({ code: 'RULE', field: 'holderId' });
    expect(refused.message).toContain('赵六');
    expect(refused.message).toContain('保密承诺');
    expect((await w.get(m.id)).status).toBe('在库');

    const issued = await w.record(m.id, { type: '发放/领用', holderId: w.zhang.id, purpose: '驻场运维', acknowledged: ['领用人'] });
    expect(issued).toMatchObject({ status: '已发放', holderId: w.zhang.id, holderName: '张三', inUse: true });
    expect(issued.timeline.at(-1)).toMatchObject({
      seq: 2,
      type: '发放/领用',
      summary: '发放给 张三，用途：驻场运维',
      participants: [{ role: '领用人', name: '张三', personId: w.zhang.id, acknowledged: true }],
      data: { holder: { id: w.zhang.id, name: '张三' }, purpose: '驻场运维' },
    });
    expect(lastAudit()).toMatchObject({
      action: 'media.event',
      target_id: m.uuid,
      summary: '介质 JZ-2026-0001（U盘）第 2 条记录 发放/领用：发放给 张三，用途：驻场运维',
    });
  });

  it('warns when the holder’s commitment is about to expire', async () => {
    const soon = await w.person({ name: '孙七' });
    await w.signOff(soon.id, { signedDate: '2025-03-20', validUntil: '2026-03-20' });
    const result = valueOf<{ warning: string | null }>(await w.event(m.id, { type: '借出', holderId: soon.id, dueBack: '2026-03-10' }));
    expect(result.warning).toContain('2026-03-20');
  });

  it('lends and takes back, the borrower and the checker on the timeline, with their acknowledgements', async () => {
    await w.record(m.id, { type: '借出', holderId: w.li.id, purpose: '数据交换', dueBack: '2026-03-10', acknowledged: ['借用人'] });
    expect(errorOf(await w.event(m.id, { type: '归还', checkedBy: '王保密', acknowledged: ['监销人'] }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'acknowledged',
      message: '本条归还记录没有“监销人”，不能登记其签字确认（可选：归还人、核验人）',
    });
    expect(errorOf(await w.event(m.id, { type: '归还', checkedBy: ' ' }))).toEqual({
      code: 'RULE',
      field: 'checkedBy',
      message: '介质 JZ-2026-0001（U盘）当前由 李四 借用（应还 2026-03-10），登记归还前还须：填写归还核验人。',
    });
    const back = await w.record(m.id, { type: '归还', checkedBy: '王保密', condition: '完好', acknowledged: ['归还人', '核验人'] });
    expect(back).toMatchObject({ status: '在库', holderId: null, dueBack: null });
    expect(back.timeline.map((e) => e.summary)).toEqual(['登记入库，存放于 保密室 2 号柜', '借给 李四，用途：数据交换，应还 2026-03-10', '李四 归还，核验人 王保密，核验情况：完好']);
    expect(back.timeline[2]!.participants).toEqual([
      { role: '归还人', name: '李四', personId: w.li.id, acknowledged: true },
      { role: '核验人', name: '王保密', personId: null, acknowledged: true },
    ]);
  });

  it('takes a medium out only with approval and encryption, by its holder, and brings it back to the holder', async () => {
    await w.record(m.id, { type: '发放/领用', holderId: w.zhang.id });
    expect(errorOf(await w.event(m.id, { ...EVENTS.takeOut, carrierId: w.li.id }))).toMatchObject({ field: 'carrierId' });
    expect(errorOf(await w.event(m.id, { ...EVENTS.takeOut, carrierId: w.zhang.id, approver: '', encrypted: false }))).toEqual({
      code: 'RULE',
      field: 'approver',
      message: '介质 JZ-2026-0001（U盘）当前已发放给 张三，携带外出前还须：经书面审批并填写审批人；对介质加密并确认已加密。',
    });
    const out = await w.record(m.id, { ...EVENTS.takeOut, carrierId: w.zhang.id });
    expect(out).toMatchObject({ status: '外出', holderName: '张三', dueBack: '2026-03-05' });
    const back = await w.record(m.id, { type: '外出返回', checkResult: '封条完好' });
    expect(back).toMatchObject({ status: '已发放', holderName: '张三', dueBack: null });
  });

  it('repair without sanitisation is refused with the reason; with it the medium goes to the repairer and comes back', async () => {
    expect(errorOf(await w.event(m.id, { ...EVENTS.repair, sanitised: false, sanitisation: '' }))).toEqual({
      code: 'RULE',
      field: 'sanitised',
      message: '介质 JZ-2026-0001（U盘）当前在库，送外维修前还须：对介质作技术处理（清除数据或拆除存储部件）并确认已处理；填写技术处理方式。',
    });
    const away = await w.record(m.id, { ...EVENTS.repair });
    expect(away).toMatchObject({ status: '维修中', needsAttention: true });
    expect(away.openItems).toEqual([
      { kind: '维修未修回', seq: 2, message: '2026-03-02 送“某某数据恢复有限公司”维修，已 0 天未修回，预计 2026-03-20 修回', level: '', due: '2026-03-20' },
    ]);
    const back = await w.record(m.id, { type: '修回', result: '已修复，检测无异常' });
    expect(back).toMatchObject({ status: '在库', openItems: [] });
  });

  it('destruction without a witness, or witnessed by the destroyer, is refused; with a witness it is recorded', async () => {
    expect(errorOf(await w.event(m.id, { ...EVENTS.destroy, witnesses: [] }))).toEqual({
      code: 'RULE',
      field: 'witnesses',
      message: '介质 JZ-2026-0001（U盘）当前在库，销毁前还须：至少一名监销人（不能是销毁人本人）。',
    });
    expect(errorOf(await w.event(m.id, { ...EVENTS.destroy, witnesses: ['王保密'] }))).toEqual({
      code: 'RULE',
      field: 'witnesses',
      message: '介质 JZ-2026-0001（U盘）当前在库，销毁前还须：由销毁人以外的人监销（监销人 王保密 就是销毁人）。',
    });
    expect((await w.get(m.id)).timeline).toHaveLength(1);
    expect((await w.record(m.id, { ...EVENTS.destroy, witnesses: ['刘处长', '陈监督'] })).status).toBe('已销毁');
  });

  it('a correction voids the last effective event, never edits it, and the cached status follows', async () => {
    const lent = await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
    expect(errorOf(await w.event(m.id, { type: '更正', corrects: 1, reason: '登记有误' }))).toMatchObject({ field: 'corrects' });
    const fixed = await w.record(m.id, { type: '更正', corrects: 2, reason: '借用人登记错误' });
    expect(fixed).toMatchObject({ status: '在库', holderId: null, dueBack: null, rev: lent.rev + 1 });
    expect(fixed.timeline.map((e) => [e.seq, e.type, e.corrects, e.correctedBy])).toEqual([
      [1, '登记入库', null, null],
      [2, '借出', null, 3],
      [3, '更正', 2, null],
    ]);
    expect(fixed.timeline[2]!.summary).toBe('更正第 2 条（借出），原因：借用人登记错误');
    expect(await cachedStatus(m.id)).toMatchObject({ status: '在库', holderId: null, dueBack: null });
    const relent = await w.record(m.id, { type: '借出', holderId: w.li.id, dueBack: '2026-03-12' });
    expect(relent).toMatchObject({ status: '借出', holderName: '李四' });
    expect(w.core.db.prepare('SELECT count(*) FROM media_events WHERE medium_id = ?').pluck().get(m.id)).toBe(4);
  });

  it('refuses an event dated after it was recorded, and a stale revision', async () => {
    expect(errorOf(await w.event(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10', occurredAt: '2026-03-09T10:00:00+08:00' }))).toMatchObject({
      code: 'RULE',
      field: 'occurredAt',
      message: '介质 JZ-2026-0001（U盘）的借出时间不能晚于登记时间，请核对。',
    });
    const stale = await w.get(m.id);
    await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
    expect(errorOf(await w.call('media:event', { id: m.id, rev: stale.rev, type: '归还', checkedBy: '王保密' }))).toMatchObject({
      code: 'CONFLICT',
      message: '介质 JZ-2026-0001（U盘）已被其他操作更改，请关闭后重新打开再登记归还',
    });
  });

  it('takes the signed receipt of an event as an attachment, until the medium is voided', async () => {
    const lent = await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
    const event = lent.timeline.at(-1)!;
    w.core.shell.openFiles.push({ name: '交接单.pdf', bytes: samplePdf('receipt') });
    const added = valueOf<AttachmentAddResult>(await w.call('attachment:add', { ownerType: 'mediaEvent', ownerUuid: event.uuid }));
    expect(added.added).toBe(true);
    expect(lastAudit().summary).toContain('介质 JZ-2026-0001（U盘）第 2 条记录（借出，2026-03-02）');
    expect((await w.get(m.id)).timeline.at(-1)!.attachments).toBe(1);
    const back = await w.record(m.id, { type: '归还', checkedBy: '王保密' });
    valueOf(await w.call('media:void', { id: m.id, rev: back.rev, reason: '登记错误' }));
    w.core.shell.openFiles.push({ name: '交接单2.pdf', bytes: samplePdf('late') });
    expect(errorOf(await w.call('attachment:add', { ownerType: 'mediaEvent', ownerUuid: event.uuid }))).toEqual({
      code: 'RULE',
      message: '介质 JZ-2026-0001（U盘）已作废，不能再添加附件',
    });
  });
});

describe('overdue and open items', () => {
  it('lists a loss report near and then past its 48-hour deadline, until its report is recorded', async () => {
    await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
    const lost = await w.record(m.id, { ...EVENTS.loss, discoveredAt: '2026-03-02T10:00:00+08:00' });
    expect(lost).toMatchObject({ status: '丢失', holderName: '张三', dueBack: null, needsAttention: true });
    expect((await overdue()).map((i) => [i.kind, i.level, i.message])).toEqual([
      ['丢失/泄露待报告', '待报告', '丢失事件（发现于 2026-03-02 10:00）尚未向甲方书面报告，须在 2026-03-04 10:00 前报告，还剩 46 小时'],
    ]);
    w.at('2026-03-03');
    expect(await overdue()).toEqual([
      {
        kind: '丢失/泄露待报告',
        seq: 3,
        message: '丢失事件（发现于 2026-03-02 10:00）尚未向甲方书面报告，须在 2026-03-04 10:00 前报告，还剩 22 小时',
        level: '即将超时',
        due: '2026-03-04T02:00:00.000Z',
        mediumId: m.id,
        number: 'JZ-2026-0001',
        mediumKind: 'U盘',
        model: '金士顿 DTX 64G',
        status: '丢失',
        holderName: '张三',
        responsibleName: '王保密',
      },
    ]);
    w.at('2026-03-04');
    expect((await overdue())[0]).toMatchObject({
      level: '已超时',
      message: '丢失事件（发现于 2026-03-02 10:00）尚未向甲方书面报告，已超过 48 小时报告时限（2026-03-04 10:00），请立即报告并登记补报',
    });
    const reported = await w.record(m.id, { type: '丢失/泄露报告', reportOf: 3, reportedTo: '甲方保密办 陈工', reportedAt: '2026-03-04T11:30:00+08:00' });
    expect(reported.timeline.at(-1)!.summary).toBe('补报第 3 条丢失事件：已于 2026-03-04 11:30 向 甲方保密办 陈工 报告');
    expect(reported).toMatchObject({ status: '丢失', openItems: [], needsAttention: false });
    expect(await overdue()).toEqual([]);
  });

  it('lists media past due back and repairs not returned, the most urgent first', async () => {
    const other = await w.medium({ kind: '移动硬盘', model: '' });
    await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-05' });
    await w.record(other.id, { ...EVENTS.repair, expectedBack: '2026-03-04' });
    w.at('2026-03-05');
    expect(await overdue()).toMatchObject([{ kind: '维修未修回', number: 'JZ-2026-0002', level: '已逾期' }]);
    w.at('2026-03-08');
    expect((await overdue()).map((i) => [i.number, i.kind, i.message])).toEqual([
      ['JZ-2026-0001', '逾期未还', '张三 借用，应于 2026-03-05 归还，已逾期 3 天'],
      ['JZ-2026-0002', '维修未修回', '2026-03-02 送“某某数据恢复有限公司”维修，已 6 天未修回，已超过预计修回日期 2026-03-04'],
    ]);
    expect((await cachedStatus(m.id)).needsAttention).toBe(true);
  });
});

describe('the cached status', () => {
  it('always equals the replay of the chain, whatever events the router accepts', async () => {
    const ids = [w.zhang.id, w.li.id];
    const input = fc.oneof(
      fc.record({ type: fc.constant('发放/领用'), holderId: fc.constantFrom(...ids) }),
      fc.record({ type: fc.constant('借出'), holderId: fc.constantFrom(...ids), dueBack: fc.constantFrom('2026-03-01', '2026-03-10') }),
      fc.record({ type: fc.constant('归还'), checkedBy: fc.constantFrom('王保密', '') }),
      fc.record({ type: fc.constant('携带外出'), carrierId: fc.constantFrom(...ids), encrypted: fc.boolean() }).map((e) => ({ ...EVENTS.takeOut, ...e })),
      fc.constant({ type: '外出返回', checkResult: '完好' }),
      fc.boolean().map((sanitised) => ({ ...EVENTS.repair, sanitised })),
      fc.constant({ type: '修回', result: '已修复' }),
      fc.constant({ ...EVENTS.loss, discoveredAt: '2026-03-02T08:00:00+08:00' }),
      fc.constantFrom('在位', '缺失').map((result) => ({ type: '清查结果', result, note: '柜中未见' })),
      fc.integer({ min: 1, max: 8 }).map((corrects) => ({ type: '更正', corrects, reason: '登记错误' })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 4, maxLength: 10 }), async (inputs) => {
        const medium = await w.medium();
        for (const event of inputs) {
          const result = await w.event(medium.id, event as { type: '归还' });
          const replayed = await w.get(medium.id);
          const cached = await cachedStatus(medium.id);
          expect({ status: cached.status, holderId: cached.holderId, dueBack: cached.dueBack }).toEqual({
            status: replayed.status,
            holderId: replayed.holderId,
            dueBack: replayed.dueBack,
          });
          if (!result.ok) expect(result.error.code).toBe('RULE');
        }
      }),
      { numRuns: 12 },
    );
  });
});
