import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment, ContractPerson } from '../../../common/api/assignment';
import type { Person } from '../../../common/api/person';
import type { Training } from '../../../common/api/training';
import { actionLabel, targetLabel } from '../../audit/register';
import { AUDITOR, auditRows, countRows, valueOf, VIEWER } from '../../testing/fixtures';
import { errorOf, openPeopleWorld, type PeopleWorld } from './testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
});
afterEach(() => w.core.cleanup());

const assign = async (personId: number, fields: Record<string, unknown>) =>
  valueOf<Assignment>(await w.call('assignment:create', { personId, contractId: w.contract.id, ...fields }));
const ofContract = async (includeVoided = false) =>
  valueOf<{ people: ContractPerson[]; remoteSupport: ContractPerson[] }>(
    await w.call('assignment:listByContract', { contractId: w.contract.id, includeVoided }),
  );

describe('assignments to contracts', () => {
  it('lists a contract’s people by role with the status for that contract, and the remote support staff on their own', async () => {
    const lead = await w.person({ name: '赵六' });
    const remote = await w.person({ name: '钱七' });
    const dev = await w.person({ name: '孙八' });
    await w.signOff(remote.id, { contractId: w.contract.id });
    await assign(remote.id, { role: '后备（远程）技术支持', from: '2024-06-01', to: '2025-05-31' });
    await assign(dev.id, { role: '开发' });
    const a = await assign(lead.id, { role: '项目负责人', from: '2024-06-01' });
    expect(a).toMatchObject({ personName: '赵六', contractProjectName: '政务云扩展服务', contractMainNumber: 'KSY 2024 0516 0003', role: '项目负责人', from: '2024-06-01', to: null });
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'assignment.create',
      target_type: 'assignment',
      summary: '登记人员分派：赵六 在合同“政务云扩展服务”（KSY 2024 0516 0003）担任项目负责人，2024-06-01至',
    });

    const list = await ofContract();
    expect(list.people.map((p) => [p.role, p.person.name, p.person.signOff.status])).toEqual([
      ['项目负责人', '赵六', '未签'],
      ['开发', '孙八', '未签'],
      ['后备（远程）技术支持', '钱七', '有效'],
    ]);
    expect(list.remoteSupport.map((p) => p.person.name)).toEqual(['钱七']);
    expect(list.people[0]!.person.idNumberMasked).toMatch(/\*{13}/);
    expect(valueOf<Assignment[]>(await w.call('assignment:listByPerson', { personId: remote.id }, VIEWER)).map((x) => x.role)).toEqual([
      '后备（远程）技术支持',
    ]);
  });

  it('refuses the same role twice over overlapping periods, a role 其他 without words, and a voided contract', async () => {
    const p = await w.person({ name: '赵六' });
    await assign(p.id, { role: '开发', from: '2024-06-01', to: '2024-12-31' });
    expect(errorOf(await w.call('assignment:create', { personId: p.id, contractId: w.contract.id, role: '开发', from: '2024-12-01' }))).toEqual({
      code: 'DUPLICATE',
      field: 'role',
      message: '已登记赵六 在合同“政务云扩展服务”（KSY 2024 0516 0003）担任开发（2024-06-01 至 2024-12-31），期间重叠，不能重复分派',
    });
    await assign(p.id, { role: '开发', from: '2025-01-01' });
    await assign(p.id, { role: '驻场运维', from: '2024-12-01' });
    expect(errorOf(await w.call('assignment:create', { personId: p.id, contractId: w.contract.id, role: '其他' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'roleNote',
      message: '角色为“其他”时，请填写角色说明，如“测试”',
    });
    expect(errorOf(await w.call('assignment:create', { personId: p.id, contractId: w.contract.id, role: '开发', from: '2024-06-01', to: '2024-05-01' }))).toMatchObject({
      field: 'to',
      message: '截止日期 2024-05-01 早于起始日期 2024-06-01',
    });
    valueOf(await w.call('contract:void', { id: w.contract.id, rev: w.contract.rev, reason: '重复登记' }));
    expect(errorOf(await w.call('assignment:create', { personId: p.id, contractId: w.contract.id, role: '安全保密协调责任人' }))).toEqual({
      code: 'RULE',
      field: 'contractId',
      message: '合同“政务云扩展服务”已作废，不能再分派人员',
    });
  });

  it('edits and voids with the revision; voided assignments and voided people leave the contract’s list', async () => {
    const a = await w.person({ name: '赵六' });
    const b = await w.person({ name: '钱七' });
    const x = await assign(a.id, { role: '开发' });
    await assign(b.id, { role: '驻场运维' });
    const edited = valueOf<Assignment>(await w.call('assignment:update', { id: x.id, rev: 0, role: '其他', roleNote: '测试' }));
    expect(edited).toMatchObject({ rev: 1, role: '其他', roleNote: '测试' });
    expect(auditRows(w.core.db).at(-1)!.summary).toBe('修改人员分派：赵六 在合同“政务云扩展服务”（KSY 2024 0516 0003）担任测试');
    valueOf(await w.call('assignment:void', { id: x.id, rev: 1, reason: '未实际进场' }));
    valueOf(await w.call('person:void', { id: b.id, rev: b.rev, reason: '重复录入' }));
    expect((await ofContract()).people).toEqual([]);
    expect((await ofContract(true)).people.map((p) => [p.person.name, p.voidReason])).toEqual([
      ['钱七', null],
      ['赵六', '未实际进场'],
    ]);
    expect(() => w.core.db.prepare('DELETE FROM person_assignments').run()).toThrow(/never deleted/);
  });
});

describe('trainings (保密教育)', () => {
  const session = (attendeeIds: number[], fields: Record<string, unknown> = {}) => ({
    heldOn: '2024-05-28',
    topic: '保密法律法规与外包人员保密义务',
    hours: 1.5,
    trainer: '王保密',
    attendeeIds,
    ...fields,
  });

  it('records a session with many attendees at once; each person shows their last training', async () => {
    const a = await w.person({ name: '赵六' });
    const b = await w.person({ name: '钱七' });
    const t = valueOf<Training>(await w.call('training:create', session([b.id, a.id])));
    expect(t).toMatchObject({
      heldOn: '2024-05-28',
      hours: 1.5,
      attendees: [
        { personId: b.id, name: '钱七', orgName: '北京金山云网络技术有限公司' },
        { personId: a.id, name: '赵六', orgName: '北京金山云网络技术有限公司' },
      ],
    });
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'training.create',
      target_type: 'training',
      summary: '登记保密教育“保密法律法规与外包人员保密义务”（2024-05-28），1.5 学时，参加 2 人',
    });
    expect(valueOf<Person>(await w.call('person:get', { id: a.id })).lastTrainingOn).toBe('2024-05-28');
    const mine = valueOf<{ rows: Training[]; total: number }>(await w.call('training:list', { personId: a.id }));
    expect(mine.rows.map((x) => x.id)).toEqual([t.id]);
  });

  it('refuses a session in the future, no attendees, duplicates and a voided person, at the fields', async () => {
    const a = await w.person({ name: '赵六' });
    expect(errorOf(await w.call('training:create', session([a.id], { heldOn: '2024-06-02' })))).toEqual({
      code: 'RULE',
      field: 'heldOn',
      message: '培训日期 2024-06-02 晚于今天（2024-06-01），只能登记已经举行的培训',
    });
    expect(errorOf(await w.call('training:create', session([])))).toMatchObject({ field: 'attendeeIds', message: '请至少选择一名参加人员' });
    expect(errorOf(await w.call('training:create', session([a.id, a.id])))).toMatchObject({ field: 'attendeeIds', message: '参加人员有重复，请检查' });
    expect(errorOf(await w.call('training:create', session([a.id], { hours: 1.25 })))).toMatchObject({ field: 'hours', message: '学时最多一位小数，如 1.5' });
    const b = await w.person({ name: '钱七' });
    valueOf(await w.call('person:void', { id: b.id, rev: b.rev, reason: '重复录入' }));
    expect(errorOf(await w.call('training:create', session([a.id, b.id])))).toEqual({
      code: 'RULE',
      field: 'attendeeIds.1',
      message: '参加人员 钱七 的人员记录已作废，不能登记为参加人员',
    });
    expect(countRows(w.core.db, 'trainings')).toBe(0);
  });

  it('edits the attendees with the revision, searches the topic, and a voided session no longer counts', async () => {
    const a = await w.person({ name: '赵六' });
    const b = await w.person({ name: '钱七' });
    const t = valueOf<Training>(await w.call('training:create', session([a.id])));
    valueOf(await w.call('training:create', session([b.id], { heldOn: '2024-04-10', topic: '介质管理规定' })));
    const edited = valueOf<Training>(await w.call('training:update', { id: t.id, rev: 0, ...session([a.id, b.id]) }));
    expect(edited.attendees.map((x) => x.name)).toEqual(['钱七', '赵六']);
    expect(errorOf(await w.call('training:update', { id: t.id, rev: 0, ...session([a.id]) }))).toMatchObject({ code: 'CONFLICT' });

    const topics = async (filter: Record<string, unknown>) =>
      valueOf<{ rows: Training[] }>(await w.call('training:list', filter)).rows.map((x) => x.topic);
    expect(await topics({ q: '介质' })).toEqual(['介质管理规定']);
    expect(await topics({ q: '外包人员' })).toEqual(['保密法律法规与外包人员保密义务']);
    expect(await topics({ from: '2024-05-01', to: '2024-05-31' })).toEqual(['保密法律法规与外包人员保密义务']);
    expect(await topics({ dir: 'asc' })).toEqual(['介质管理规定', '保密法律法规与外包人员保密义务']);

    valueOf(await w.call('training:void', { id: t.id, rev: 1, reason: '日期登记错误' }));
    expect(valueOf<Person>(await w.call('person:get', { id: b.id })).lastTrainingOn).toBe('2024-04-10');
    expect(valueOf<Person>(await w.call('person:get', { id: a.id })).lastTrainingOn).toBeNull();
    expect(await topics({})).toEqual(['介质管理规定']);
    expect(await topics({ voided: 'only' })).toEqual(['保密法律法规与外包人员保密义务']);
    expect(() => w.core.db.prepare('DELETE FROM trainings').run()).toThrow(/never deleted/);
  });

  it('takes the training material as an attachment while the session is not voided', async () => {
    const a = await w.person({ name: '赵六' });
    const t = valueOf<Training>(await w.call('training:create', session([a.id])));
    w.core.shell.openFiles.push({ name: '培训课件.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
    expect(valueOf<{ added: boolean }>(await w.call('attachment:add', { ownerType: 'training', ownerUuid: t.uuid })).added).toBe(true);
    expect(auditRows(w.core.db).at(-1)!.summary).toMatch(/^为保密教育“保密法律法规与外包人员保密义务”（2024-05-28）添加附件“培训课件.pdf”/);
    valueOf(await w.call('training:void', { id: t.id, rev: t.rev, reason: '重复登记' }));
    expect(errorOf(await w.call('attachment:add', { ownerType: 'training', ownerUuid: t.uuid }))).toMatchObject({
      code: 'RULE',
      message: '保密教育“保密法律法规与外包人员保密义务”（2024-05-28）已作废，不能再添加附件',
    });
  });
});

describe('the audit trail names people-register objects', () => {
  it('shows the person’s name as the target and labels the actions', async () => {
    const p = await w.person({ name: '赵六' });
    valueOf(await w.call('person:reveal', { id: p.id, field: 'phone' }));
    const page = valueOf<{ rows: { action: string; targetName: string | null }[] }>(
      await w.call('audit:list', { targetType: 'person', dir: 'asc' }, AUDITOR),
    );
    expect(page.rows.map((r) => [r.action, r.targetName])).toEqual([
      ['person.create', '赵六'],
      ['person.reveal', '赵六'],
    ]);
    expect(actionLabel('person.reveal')).toBe('查看个人信息');
    expect(actionLabel('person.completeDeparture')).toBe('调岗/离岗办结');
    expect(targetLabel('signoff', null, '赵六 上岗保密承诺书')).toBe('保密承诺 赵六 上岗保密承诺书');
  });
});
