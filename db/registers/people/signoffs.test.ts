import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../common/api/person';
import { DomainError } from '../../../common/api/result';
import type { SignOffRecord } from '../../../common/api/signoff';
import { auditRows, countRows, valueOf, VIEWER } from '../../testing/fixtures';
import { requireAccess } from './access';
import { errorOf, openPeopleWorld, type PeopleWorld } from './testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
});
afterEach(() => w.core.cleanup());

const get = async (id: number) => valueOf<Person>(await w.call('person:get', { id }));
const mayAccess = async (personId: number, contractId: number | null = null) => valueOf(await w.call('person:mayAccess', { personId, contractId }));

describe('sign-offs (保密承诺)', () => {
  it('records a commitment with witness, copies and where kept, audited with the person named', async () => {
    const p = await w.person({ name: '张三' });
    const s = await w.signOff(p.id, { validUntil: '2025-05-19', contractId: w.contract.id, templateVersion: 1 });
    expect(s).toMatchObject({
      personId: p.id,
      personName: '张三',
      kind: '上岗保密承诺书',
      contractId: w.contract.id,
      contractProjectName: '政务云扩展服务',
      contractMainNumber: 'KSY 2024 0516 0003',
      signedDate: '2024-05-20',
      validUntil: '2025-05-19',
      end: '2025-05-19',
      witness: '王保密',
      copies: 2,
      keptAt: '保密办',
      templateVersion: 1,
      rev: 0,
    });
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'signoff.create',
      target_type: 'signoff',
      target_id: s.uuid,
      summary: '登记保密承诺：张三 的上岗保密承诺书（2024-05-20 签署），适用于合同“政务云扩展服务”',
    });
  });

  it('an indefinite yearly commitment ends a year after signing', async () => {
    const p = await w.person();
    const s = await w.signOff(p.id, { kind: '在岗年度承诺', signedDate: '2024-02-29' });
    expect(s).toMatchObject({ validUntil: null, end: '2025-02-28' });
    expect((await w.signOff(p.id, { kind: '保密协议' })).end).toBeNull();
  });

  it('refuses inconsistent dates at their fields, storing nothing', async () => {
    const p = await w.person();
    const create = async (fields: Record<string, unknown>) =>
      errorOf(await w.call('signoff:create', { personId: p.id, kind: '上岗保密承诺书', signedDate: '2024-05-20', ...fields }));
    expect(await create({ validUntil: '2024-05-19' })).toEqual({
      code: 'INVALID_INPUT',
      field: 'validUntil',
      message: '有效期至 2024-05-19 早于签署日期 2024-05-20',
    });
    expect(await create({ declassifyFrom: '2024-06-01', declassifyTo: '2025-06-01' })).toMatchObject({
      field: 'declassifyFrom',
      message: '只有离岗保密承诺书需要填写脱密期',
    });
    expect(await create({ kind: '离岗保密承诺书', declassifyFrom: '2024-06-01' })).toMatchObject({ field: 'declassifyTo', message: '请填写脱密期结束日' });
    expect(await create({ signedDate: '2024-02-30' })).toMatchObject({ field: 'signedDate' });
    expect(await create({ kind: '口头承诺' })).toMatchObject({ field: 'kind', message: '请选择承诺类型' });
    expect(await create({ copies: 0 })).toMatchObject({ field: 'copies', message: '份数至少为 1' });
    expect(countRows(w.core.db, 'person_signoffs')).toBe(0);
  });

  it('derives the person’s status with a fixed clock: 有效 → 即将到期 → 已过期, and 有效 again after re-signing', async () => {
    const p = await w.person({ name: '张三' });
    expect((await get(p.id)).signOff).toEqual({ status: '未签', kind: null, validUntil: null, signedDate: null, reason: '未签署上岗保密承诺书或保密协议。' });
    await w.signOff(p.id, { validUntil: '2024-12-31' });
    expect((await get(p.id)).signOff).toEqual({
      status: '有效',
      kind: '上岗保密承诺书',
      validUntil: '2024-12-31',
      signedDate: '2024-05-20',
      reason: '上岗保密承诺书（2024-05-20 签署）有效至 2024-12-31。',
    });
    w.at('2024-12-01');
    expect((await get(p.id)).signOff).toMatchObject({ status: '即将到期', reason: '上岗保密承诺书（2024-05-20 签署）将于 2024-12-31 到期，还剩 30 天，请安排续签。' });
    w.at('2024-12-31');
    expect((await get(p.id)).signOff.status).toBe('即将到期');
    w.at('2025-01-01');
    expect((await get(p.id)).signOff).toMatchObject({ status: '已过期', reason: '上岗保密承诺书（2024-05-20 签署）已于 2024-12-31 到期，请重新签署。' });
    await w.signOff(p.id, { kind: '保密协议', signedDate: '2025-01-01' });
    expect((await get(p.id)).signOff).toMatchObject({ status: '有效', kind: '保密协议', validUntil: null, signedDate: '2025-01-01' });
  });

  it('a voided sign-off no longer counts, stays listed when asked, and cannot be edited or deleted', async () => {
    const p = await w.person();
    const s = await w.signOff(p.id);
    expect((await get(p.id)).signOff.status).toBe('有效');
    const voided = valueOf<SignOffRecord>(await w.call('signoff:void', { id: s.id, rev: s.rev, reason: '签署人有误' }));
    expect(voided).toMatchObject({ voidReason: '签署人有误', rev: 1 });
    expect((await get(p.id)).signOff).toMatchObject({ status: '未签', reason: '未签署上岗保密承诺书或保密协议（已登记的均已作废）。' });
    expect(valueOf<SignOffRecord[]>(await w.call('signoff:list', { personId: p.id }))).toEqual([]);
    expect(valueOf<SignOffRecord[]>(await w.call('signoff:list', { personId: p.id, includeVoided: true })).map((x) => x.id)).toEqual([s.id]);
    expect(errorOf(await w.call('signoff:update', { id: s.id, rev: 1, kind: '保密协议', signedDate: '2024-05-20' }))).toMatchObject({
      code: 'RULE',
      message: '张三 的上岗保密承诺书（2024-05-20 签署）已于 2024-06-01 作废，不能再修改',
    });
    expect(() => w.core.db.prepare('DELETE FROM person_signoffs').run()).toThrow(/never deleted/);
  });

  it('edits with the current revision, audited before and after', async () => {
    const p = await w.person();
    const s = await w.signOff(p.id);
    const edited = valueOf<SignOffRecord>(
      await w.call('signoff:update', { id: s.id, rev: 0, kind: '上岗保密承诺书', signedDate: '2024-05-20', copies: 3, keptAt: '保密办、人事处、本人各一份' }),
    );
    expect(edited).toMatchObject({ rev: 1, copies: 3, keptAt: '保密办、人事处、本人各一份', witness: '' });
    expect(errorOf(await w.call('signoff:update', { id: s.id, rev: 0, kind: '上岗保密承诺书', signedDate: '2024-05-20' }))).toMatchObject({ code: 'CONFLICT' });
    const audit = auditRows(w.core.db).at(-1)!;
    expect(audit.action).toBe('signoff.update');
    expect(JSON.parse(audit.before_json!).copies).toBe(2);
  });

  it('takes the signed scan as an attachment; a voided sign-off or person takes no more', async () => {
    const p = await w.person({ name: '张三' });
    const s = await w.signOff(p.id);
    const pdf = () => w.core.shell.openFiles.push({ name: '上岗保密承诺书.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
    pdf();
    expect(valueOf<{ added: boolean }>(await w.call('attachment:add', { ownerType: 'signoff', ownerUuid: s.uuid })).added).toBe(true);
    expect(auditRows(w.core.db).at(-1)!.summary).toMatch(/^为张三 的上岗保密承诺书（2024-05-20 签署）添加附件“上岗保密承诺书.pdf”/);
    valueOf(await w.call('signoff:void', { id: s.id, rev: s.rev, reason: '扫描件与记录不符' }));
    pdf();
    expect(errorOf(await w.call('attachment:add', { ownerType: 'signoff', ownerUuid: s.uuid }))).toEqual({
      code: 'RULE',
      message: '张三 的上岗保密承诺书（2024-05-20 签署）已作废，不能再添加附件',
    });
  });

  it('a viewer reads sign-offs but records none', async () => {
    const p = await w.person();
    await w.signOff(p.id);
    expect(valueOf<SignOffRecord[]>(await w.call('signoff:list', { personId: p.id }, VIEWER))).toHaveLength(1);
    expect(errorOf(await w.call('signoff:create', { personId: p.id, kind: '保密协议', signedDate: '2024-05-20' }, VIEWER))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lists yearly commitments to re-sign for people on post, earliest first', async () => {
    const a = await w.person({ name: '张三' });
    await w.signOff(a.id, { kind: '在岗年度承诺', signedDate: '2023-06-20' });
    const b = await w.person({ name: '李四' });
    await w.signOff(b.id, { kind: '在岗年度承诺', signedDate: '2023-06-10' });
    const c = await w.person({ name: '王五' });
    await w.signOff(c.id, { kind: '在岗年度承诺', signedDate: '2024-05-01' });
    const due = valueOf<{ person: Person; validUntil: string; daysLeft: number; overdue: boolean; message: string }[]>(
      await w.call('signoff:renewals', {}),
    );
    expect(due.map((d) => [d.person.name, d.validUntil, d.daysLeft, d.overdue])).toEqual([
      ['李四', '2024-06-09', 8, false],
      ['张三', '2024-06-19', 18, false],
    ]);
    expect(due[0]!.message).toBe('在岗年度承诺（2023-06-10 签署）将于 2024-06-09 到期，还剩 8 天，请安排重新签署。');
  });
});

describe('sign before access', () => {
  it('refuses a person without a sign-off with the reason, through the channel and the core function', async () => {
    const p = await w.person({ name: '张三' });
    expect(await mayAccess(p.id)).toEqual({
      allowed: false,
      reason: '张三 未签署上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。',
    });
    expect(() => requireAccess(w.core.db, p.id, null, '2024-06-01', 'holderId')).toThrow(
      expect.objectContaining({ code: 'RULE', field: 'holderId', message: '张三 未签署上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。' }),
    );
    await w.signOff(p.id, { validUntil: '2024-06-15' });
    expect(await mayAccess(p.id)).toEqual({ allowed: true, warning: '张三 的上岗保密承诺书将于 2024-06-15 到期，请安排续签。' });
    expect(requireAccess(w.core.db, p.id, null, '2024-06-01')).toEqual({ warning: '张三 的上岗保密承诺书将于 2024-06-15 到期，请安排续签。' });
    expect(() => requireAccess(w.core.db, p.id, null, '2024-05-01')).toThrow('张三 的上岗保密承诺书签署日期为 2024-05-20，在今天之后，尚未生效，不能授予访问权限。请核对签署日期。');
    w.at('2024-06-16');
    expect(await mayAccess(p.id)).toMatchObject({ allowed: false, reason: expect.stringContaining('已于 2024-06-15 到期') });
  });

  it('scopes to the contract asked about: another contract’s commitment does not count', async () => {
    const other = valueOf<{ id: number }>(
      await w.call('contract:create', {
        numbers: [{ number: 'ZW-2024-002', isMain: true }],
        projectName: '电子政务外网运维',
        clientOrgId: w.client.id,
        vendorOrgId: w.vendor.id,
        signedDate: '2024-05-01',
        amountFen: 100,
      }),
    );
    const p = await w.person({ name: '张三' });
    await w.signOff(p.id, { kind: '保密协议', contractId: other.id });
    expect(await mayAccess(p.id, other.id)).toEqual({ allowed: true });
    expect(await mayAccess(p.id)).toEqual({ allowed: true });
    expect(await mayAccess(p.id, w.contract.id)).toEqual({
      allowed: false,
      reason: '张三 未签署适用于该合同的上岗保密承诺书或保密协议（已登记的保密协议只适用于其他合同），不能授予访问权限。请先登记保密承诺。',
    });
    // The list filtered by a contract derives the status for that contract.
    valueOf(await w.call('assignment:create', { personId: p.id, contractId: w.contract.id, role: '驻场运维' }));
    const rows = valueOf<{ rows: Person[] }>(await w.call('person:list', { contractId: w.contract.id })).rows;
    expect(rows.map((r) => r.signOff.status)).toEqual(['未签']);
    expect(valueOf<{ rows: Person[] }>(await w.call('person:list', { contractId: w.contract.id, signOffStatus: '未签' })).rows).toHaveLength(1);
    expect(valueOf<{ rows: Person[] }>(await w.call('person:list', { signOffStatus: '未签' })).rows).toHaveLength(0);
  });

  it('refuses a voided person and an unknown one', async () => {
    const p = await w.person({ name: '张三' });
    await w.signOff(p.id);
    valueOf(await w.call('person:void', { id: p.id, rev: p.rev, reason: '重复录入' }));
    expect(await mayAccess(p.id)).toEqual({ allowed: false, reason: '张三 的人员记录已作废（重复录入），不能授予访问权限。' });
    expect(errorOf(await w.call('person:mayAccess', { personId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(() => requireAccess(w.core.db, 999, null, '2024-06-01')).toThrow(DomainError);
  });

  it('is a read: a viewer may ask, nothing is audited', async () => {
    const p = await w.person();
    const before = auditRows(w.core.db).length;
    expect(valueOf(await w.call('person:mayAccess', { personId: p.id }, VIEWER))).toMatchObject({ allowed: false });
    expect(auditRows(w.core.db)).toHaveLength(before);
  });
});
