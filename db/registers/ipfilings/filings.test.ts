import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipFilingChannels, type IpFiling, type SavedFiling } from '../../../common/api/ipfiling';
import type { Person } from '../../../common/api/person';
import { actionLabel, targetLabel } from '../../audit/register';
import { auditRows, valueOf, VIEWER } from '../../testing/fixtures';
import { errorOf } from '../people/testing';
import { openIpWorld, type IpWorld } from './testing';

let w: IpWorld;
let zhang: Person;
beforeEach(async () => {
  w = await openIpWorld('2026-03-02');
  zhang = await w.signed({ name: '张三' });
});
afterEach(() => w.core.cleanup());

const lastAudit = () => auditRows(w.core.db).at(-1)!;
const list = async (filter: Record<string, unknown> = {}) => valueOf<{ rows: IpFiling[]; total: number }>(await w.call('ipfiling:list', filter));
const numbers = async (filter: Record<string, unknown> = {}) => (await list({ sort: 'number', dir: 'asc', ...filter })).rows.map((f) => f.number);
const create = (fields: Record<string, unknown>) =>
  w.call('ipfiling:create', {
    orgId: w.vendor.id,
    userIds: [zhang.id],
    contact: '13800138000',
    addresses: '10.1.2.0/24',
    accessMethod: 'VPN',
    systems: '政务云管理平台',
    purpose: '远程运维',
    validFrom: '2026-03-02',
    validTo: '2026-12-31',
    appliedOn: '2026-03-02',
    ...fields,
  });

describe('recording a filing', () => {
  it('numbers filings IP-<year>-<seq> within the year of recording, never reusing a voided one', async () => {
    const a = (await w.file({ userIds: [zhang.id] })).filing;
    const b = (await w.file({ userIds: [zhang.id], addresses: '10.9.0.1' })).filing;
    expect([a.number, b.number]).toEqual(['IP-2026-0001', 'IP-2026-0002']);
    valueOf(await w.call('ipfiling:void', { id: b.id, rev: b.rev, reason: '重复登记' }));
    expect((await w.file({ userIds: [zhang.id], addresses: '10.9.0.2' })).filing.number).toBe('IP-2026-0003');
    w.at('2027-01-04');
    expect((await w.file({ userIds: [zhang.id], addresses: '10.9.0.3' })).filing.number).toBe('IP-2027-0001');
    expect(() => w.core.db.prepare("UPDATE ip_filings SET number = 'IP-2026-0009' WHERE id = ?").run(a.id)).toThrow(/keeps its number/);
    expect(() => w.core.db.prepare('DELETE FROM ip_filings').run()).toThrow(/never deleted/);
  });

  it('stores the entries canonical, masks the contact, notes what was corrected, and audits in words', async () => {
    const saved = await w.file({
      userIds: [zhang.id],
      addresses: '１０．１．２．３，2001:DB8::/32\n192.168.1.1 - 192.168.1.20',
      macs: '0:1b:63:84:45:e6',
      contact: '13812345678',
    });
    expect(saved.filing).toMatchObject({
      number: 'IP-2026-0001',
      orgName: '北京金山云网络技术有限公司',
      users: [{ id: zhang.id, name: '张三', status: '在岗', voided: false }],
      contactMasked: '138****5678',
      macs: ['00-1B-63-84-45-E6'],
      state: '待审批',
      status: '待审批',
      statusText: '待审批',
      renews: null,
      renewedBy: null,
    });
    expect(saved.filing.addresses).toEqual([
      { text: '10.1.2.3', family: 4, kind: 'single', start: '0a010203', end: '0a010203', space: '私有地址' },
      { text: '2001:db8::/32', family: 6, kind: 'cidr', start: '20010db8000000000000000000000000', end: '20010db8ffffffffffffffffffffffff', space: '保留/文档' },
      { text: '192.168.1.1-192.168.1.20', family: 4, kind: 'range', start: 'c0a80101', end: 'c0a80114', space: '私有地址' },
    ]);
    expect(saved.notes).toEqual(['第 1 项：已将全角字符转为半角，按 10.1.2.3 登记']);
    expect(saved.conflicts).toEqual([]);
    expect(lastAudit()).toMatchObject({
      action: 'ipfiling.create',
      target_type: 'ipfiling',
      target_id: saved.filing.uuid,
      summary: '登记 IP 报备 IP-2026-0001（北京金山云网络技术有限公司；使用人 张三；10.1.2.3、2001:db8::/32、192.168.1.1-192.168.1.20）',
    });
    expect(lastAudit().after_json).not.toContain('13812345678');

    expect(valueOf(await w.call('ipfiling:contact', { id: saved.filing.id }))).toEqual({ contact: '13812345678' });
    expect(lastAudit()).toMatchObject({ action: 'ipfiling.revealContact', summary: '查看 IP 报备 IP-2026-0001（北京金山云网络技术有限公司） 的联系方式' });
    expect(errorOf(await w.call('ipfiling:contact', { id: saved.filing.id }, VIEWER))).toMatchObject({ code: 'FORBIDDEN' });
    expect(actionLabel('ipfiling.revealContact')).toBe('查看报备联系方式');
    for (const def of Object.values(ipFilingChannels)) if (def.audit) expect(actionLabel(def.audit), def.audit).toMatch(/^[^a-z]+$/);
    expect(targetLabel('ipfiling', saved.filing.uuid, 'IP-2026-0001 北京金山云网络技术有限公司')).toBe('IP 报备 IP-2026-0001 北京金山云网络技术有限公司');
    const view = valueOf<{ rows: { targetName: string }[] }>(await w.call('audit:list', { targetType: 'ipfiling' }, { ...VIEWER, roles: ['auditor'] }));
    expect(view.rows[0]?.targetName).toBe('IP-2026-0001 北京金山云网络技术有限公司');
  });

  it('refuses a mistyped address at the field with the parser’s message and the corrected value', async () => {
    expect(errorOf(await create({ addresses: '10.1.2.3, 010.001.1.1' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'addresses',
      message: '第 2 项：010.001.1.1 含前导零，可能被误读为八进制；如指 10.1.1.1 请直接填写 10.1.1.1',
    });
    expect(errorOf(await create({ addresses: '10.1.2.3/24' }))).toMatchObject({ field: 'addresses', message: '第 1 项：10.1.2.3/24 的主机位不为零，网段应写作 10.1.2.0/24' });
    expect(errorOf(await create({ addresses: '10.1.2.0/24 10.1.2.9' }))).toMatchObject({ field: 'addresses', message: '第 2 项：10.1.2.9 已包含在第 1 项 10.1.2.0/24 中，请删去' });
    expect(errorOf(await create({ addresses: '  ' }))).toMatchObject({ field: 'addresses', message: '请填写 IP 地址' });
    expect(errorOf(await create({ macs: '01-00-5E-00-00-01' }))).toMatchObject({ field: 'macs', message: expect.stringContaining('第 1 个：MAC 地址 01-00-5E-00-00-01 是组播地址') });
  });

  it('refuses out-of-scope access without its approval reference, 其他 without a note, and dates out of order', async () => {
    expect(errorOf(await create({ scope: '超出合同范围' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'approvalRef',
      message: '超出合同范围的访问须经审批，请填写审批文号',
    });
    const out = valueOf<SavedFiling>(await create({ scope: '超出合同范围', approvalRef: '卫监信〔2026〕12号' })).filing;
    expect(out).toMatchObject({ scope: '超出合同范围', approvalRef: '卫监信〔2026〕12号' });
    expect(errorOf(await create({ accessMethod: '其他' }))).toMatchObject({ field: 'accessNote', message: '接入方式为“其他”时，请说明具体的接入方式' });
    expect(errorOf(await create({ validFrom: '2026-06-01', validTo: '2026-05-31' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'validTo',
      message: '有效期结束日 2026-05-31 早于开始日 2026-06-01，请核对',
    });
    expect(errorOf(await create({ appliedOn: '2026-03-03' }))).toEqual({ code: 'RULE', field: 'appliedOn', message: '申请日期 2026-03-03 晚于今天（2026-03-02），请核对' });
    expect(errorOf(await create({ userIds: [zhang.id, zhang.id] }))).toMatchObject({ field: 'userIds.1', message: '与第 1 位使用人重复' });
    expect(errorOf(await create({ userIds: [] }))).toMatchObject({ field: 'userIds', message: '请至少选择一名使用人' });
  });

  it('refuses a voided person or unit, and notes users of another unit and users without a sign-off', async () => {
    const gone = await w.person({ name: '赵六' });
    valueOf(await w.call('person:void', { id: gone.id, rev: gone.rev, reason: '录入错误' }));
    expect(errorOf(await create({ userIds: [zhang.id, gone.id] }))).toEqual({ code: 'RULE', field: 'userIds.1', message: '使用人“赵六”已作废，不能选用' });
    const unsigned = await w.person({ name: '李四', orgId: w.huawei.id });
    const saved = valueOf<SavedFiling>(await create({ userIds: [zhang.id, unsigned.id], contractId: w.contract.id }));
    expect(saved.notes).toEqual([
      '使用人 李四 属于“华为技术有限公司”，不是报备单位“北京金山云网络技术有限公司”的人员，请核对',
      '审批时将核查“先签后用”：李四 未签署适用于该合同的上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。',
    ]);
    expect(saved.filing).toMatchObject({ contractId: w.contract.id, contractName: '政务云扩展服务', contractNumber: 'KSY 2024 0516 0003' });
  });

  it('lets a viewer read but not write', async () => {
    const f = (await w.file({ userIds: [zhang.id] })).filing;
    expect((await w.call('ipfiling:get', { number: 'ip-2026-0001' }, VIEWER)).ok).toBe(true);
    for (const [channel, payload] of [
      ['ipfiling:create', { userIds: [zhang.id] }],
      ['ipfiling:update', { id: f.id, rev: f.rev }],
      ['ipfiling:approve', { id: f.id, rev: f.rev, approver: '李处长', approvedOn: '2026-03-02' }],
      ['ipfiling:reject', { id: f.id, rev: f.rev, reason: '不需要' }],
      ['ipfiling:revoke', { id: f.id, rev: f.rev, reason: '不需要' }],
      ['ipfiling:renew', { id: f.id, rev: f.rev, validFrom: '2027-01-01', validTo: '2027-12-31' }],
      ['ipfiling:void', { id: f.id, rev: f.rev, reason: '不需要' }],
      ['ipfiling:whitelist', {}],
    ] as const) {
      expect(errorOf(await w.call(channel, payload, VIEWER)), channel).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await w.get(f.id)).rev).toBe(f.rev);
  });
});

describe('the approval workflow', () => {
  it('refuses to approve while a user has no sign-off, naming the person at the field, and approves once one is registered', async () => {
    const li = await w.person({ name: '李四' });
    const f = (await w.file({ userIds: [zhang.id, li.id], contractId: w.contract.id })).filing;
    expect(errorOf(await w.call('ipfiling:approve', { id: f.id, rev: f.rev, approver: '李处长', approvedOn: '2026-03-02' }))).toEqual({
      code: 'RULE',
      field: 'userIds.1',
      message: '李四 未签署适用于该合同的上岗保密承诺书或保密协议，不能授予访问权限。请先登记保密承诺。',
    });
    expect((await w.get(f.id)).state).toBe('待审批');
    await w.signOff(li.id, { signedDate: '2026-03-01' });
    const approved = await w.approve(f);
    expect(approved).toMatchObject({ state: '有效', status: '有效', approver: '李处长', approvedOn: '2026-03-02', expiring: false, daysLeft: 304, rev: f.rev + 1 });
    expect(lastAudit()).toMatchObject({
      action: 'ipfiling.approve',
      summary: '批准 IP 报备 IP-2026-0001（北京金山云网络技术有限公司；使用人 张三、李四；10.1.2.0/24），审批人 李处长，审批日期 2026-03-02，有效期 2026-03-02 至 2026-12-31',
    });
  });

  it('refuses a person whose departure is under way, and approval dates out of order', async () => {
    const f = (await w.file({ userIds: [zhang.id] })).filing;
    expect(errorOf(await w.call('ipfiling:approve', { id: f.id, rev: f.rev, approver: '李处长', approvedOn: '2026-03-01' }))).toEqual({
      code: 'RULE',
      field: 'approvedOn',
      message: '审批日期 2026-03-01 早于申请日期 2026-03-02，请核对',
    });
    expect(errorOf(await w.call('ipfiling:approve', { id: f.id, rev: f.rev, approver: '', approvedOn: '2026-03-02' }))).toMatchObject({ field: 'approver', message: '请填写审批人' });
    const p = valueOf<Person>(await w.call('person:get', { id: zhang.id }));
    valueOf(await w.call('person:startDeparture', { id: p.id, rev: p.rev, kind: '离岗', date: '2026-03-31' }));
    expect(errorOf(await w.call('ipfiling:approve', { id: f.id, rev: f.rev, approver: '李处长', approvedOn: '2026-03-02' }))).toMatchObject({
      field: 'userIds.0',
      message: expect.stringContaining('张三 正在办理离岗（2026-03-31），不能授予新的访问权限'),
    });
  });

  it('allows edits only while pending; an approved filing is revoked with a reason', async () => {
    const f = (await w.file({ userIds: [zhang.id] })).filing;
    const edit = (x: IpFiling, fields: Record<string, unknown> = {}) =>
      w.call('ipfiling:update', {
        id: x.id,
        rev: x.rev,
        orgId: x.orgId,
        userIds: x.users.map((u) => u.id),
        contact: '13800138000',
        addresses: '10.1.3.0/24',
        accessMethod: '堡垒机',
        systems: x.systems,
        purpose: x.purpose,
        validFrom: x.validFrom,
        validTo: x.validTo,
        appliedOn: x.appliedOn,
        ...fields,
      });
    const edited = valueOf<SavedFiling>(await edit(f)).filing;
    expect(edited).toMatchObject({ accessMethod: '堡垒机', addresses: [{ text: '10.1.3.0/24' }], rev: 1 });
    expect(errorOf(await edit(f))).toMatchObject({ code: 'CONFLICT' });
    const approved = await w.approve(edited);
    expect(errorOf(await edit(approved))).toEqual({
      code: 'RULE',
      message: 'IP 报备 IP-2026-0001（北京金山云网络技术有限公司） 已审批，不能再修改。如需变更，请撤销后重新报备，或办理续期',
    });
    expect(errorOf(await w.call('ipfiling:reject', { id: approved.id, rev: approved.rev, reason: '不需要' }))).toMatchObject({ code: 'RULE' });
    expect(errorOf(await w.call('ipfiling:revoke', { id: approved.id, rev: approved.rev, reason: '' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'reason',
      message: '请填写撤销原因（至少 2 个字）',
    });
    expect(errorOf(await w.call('ipfiling:revoke', { id: approved.id, rev: approved.rev, reason: '项目结束', revokedOn: '2026-03-03' }))).toMatchObject({
      field: 'revokedOn',
      message: '撤销日期 2026-03-03 晚于今天（2026-03-02），请核对',
    });
    const revoked = valueOf<IpFiling>(await w.call('ipfiling:revoke', { id: approved.id, rev: approved.rev, reason: '项目结束' }));
    expect(revoked).toMatchObject({ state: '已撤销', status: '已撤销', revokedOn: '2026-03-02', revokeReason: '项目结束', statusText: '已撤销（2026-03-02）' });
    expect(lastAudit().summary).toBe('撤销 IP 报备 IP-2026-0001（北京金山云网络技术有限公司；使用人 张三；10.1.3.0/24），撤销日期 2026-03-02，原因：项目结束');
    expect(errorOf(await w.call('ipfiling:revoke', { id: revoked.id, rev: revoked.rev, reason: '项目结束' }))).toMatchObject({
      message: 'IP 报备 IP-2026-0001（北京金山云网络技术有限公司） 已于 2026-03-02 撤销，无需撤销',
    });
    expect(errorOf(await w.call('ipfiling:renew', { id: revoked.id, rev: revoked.rev, validFrom: '2027-01-01', validTo: '2027-12-31' }))).toMatchObject({
      message: 'IP 报备 IP-2026-0001（北京金山云网络技术有限公司） 已撤销，只有已审批的报备可以续期；请直接重新报备',
    });
  });

  it('rejects a pending filing with a reason, after which it cannot be approved or edited', async () => {
    const f = (await w.file({ userIds: [zhang.id] })).filing;
    const rejected = valueOf<IpFiling>(await w.call('ipfiling:reject', { id: f.id, rev: f.rev, reason: '地址不属于该单位' }));
    expect(rejected).toMatchObject({ state: '已驳回', rejectedOn: '2026-03-02', rejectReason: '地址不属于该单位' });
    expect(lastAudit()).toMatchObject({ action: 'ipfiling.reject', summary: expect.stringMatching(/^驳回 IP 报备 IP-2026-0001.*原因：地址不属于该单位$/) });
    expect(errorOf(await w.call('ipfiling:approve', { id: f.id, rev: rejected.rev, approver: '李处长', approvedOn: '2026-03-02' }))).toMatchObject({
      message: 'IP 报备 IP-2026-0001（北京金山云网络技术有限公司） 已于 2026-03-02 驳回，不能再审批。如仍需访问，请重新报备',
    });
  });

  it('renews an approved filing as a new pending one linked to it, one live renewal at a time', async () => {
    const old = await w.approve((await w.file({ userIds: [zhang.id], addresses: '10.1.2.0/24 10.8.8.8', macs: 'AABB.CCDD.EEFF', note: '驻场' })).filing);
    const renewal = valueOf<SavedFiling>(await w.call('ipfiling:renew', { id: old.id, rev: old.rev, validFrom: '2027-01-01', validTo: '2027-12-31' }));
    expect(renewal.filing).toMatchObject({
      number: 'IP-2026-0002',
      state: '待审批',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      appliedOn: '2026-03-02',
      addresses: [{ text: '10.1.2.0/24' }, { text: '10.8.8.8' }],
      macs: ['AA-BB-CC-DD-EE-FF'],
      note: '驻场',
      renews: { id: old.id, number: 'IP-2026-0001', status: '有效' },
    });
    expect(renewal.conflicts).toEqual([]);
    expect(valueOf(await w.call('ipfiling:contact', { id: renewal.filing.id }))).toEqual({ contact: '13800138000' });
    expect(auditRows(w.core.db).filter((r) => r.action === 'ipfiling.renew').map((r) => r.summary)).toEqual([
      '续期 IP 报备 IP-2026-0001（北京金山云网络技术有限公司）（有效期至 2026-12-31）：登记新报备 IP-2026-0002（北京金山云网络技术有限公司；使用人 张三；10.1.2.0/24、10.8.8.8），有效期 2027-01-01 至 2027-12-31，待审批',
    ]);
    const again = await w.get(old.id);
    expect(again).toMatchObject({ state: '有效', renewedBy: { number: 'IP-2026-0002', status: '待审批' } });
    expect(errorOf(await w.call('ipfiling:renew', { id: again.id, rev: again.rev, validFrom: '2027-01-01', validTo: '2027-12-31' }))).toMatchObject({
      message: 'IP 报备 IP-2026-0001（北京金山云网络技术有限公司） 已续期为 IP-2026-0002（待审批），请在该报备中继续办理',
    });
    expect(errorOf(await w.call('ipfiling:renew', { id: again.id, rev: again.rev, validFrom: '2027-01-01', validTo: '2026-12-31' }))).toMatchObject({ field: 'validTo' });
  });
});

describe('expiry, derived from the dates with a fixed clock', () => {
  it('moves 有效 → 即将到期 → 已过期 as the days pass, in the list filters and the dashboard', async () => {
    const short = await w.approve((await w.file({ userIds: [zhang.id], addresses: '10.7.0.1', validTo: '2026-03-31' })).filing);
    await w.approve((await w.file({ userIds: [zhang.id], addresses: '10.7.0.2', validTo: '2026-12-31' })).filing);
    await w.file({ userIds: [zhang.id], addresses: '10.7.0.3', validFrom: '2026-03-02', validTo: '2026-03-20' });
    expect(await numbers({ status: '有效' })).toEqual(['IP-2026-0001', 'IP-2026-0002']);
    expect(await numbers({ status: '即将到期' })).toEqual(['IP-2026-0001']);
    expect(short).toMatchObject({ expiring: true, daysLeft: 29, statusText: '有效（还剩 29 天）' });
    const dashboard = valueOf<{ message: string; expired: boolean }[]>(await w.call('ipfiling:expiring', {}));
    expect(dashboard).toEqual([
      expect.objectContaining({
        expired: false,
        daysLeft: 29,
        message: 'IP-2026-0001（北京金山云网络技术有限公司，张三）将于 2026-03-31 到期，还剩 29 天；请及时办理续期，或到期后不再放行。',
      }),
    ]);

    w.at('2026-04-01');
    expect(await numbers({ status: '已过期' })).toEqual(['IP-2026-0001']);
    expect(await numbers({ status: '有效' })).toEqual(['IP-2026-0002']);
    expect(await numbers({ status: '待审批' })).toEqual(['IP-2026-0003']);
    expect((await w.get(short.id)).statusText).toBe('已过期（2026-03-31）');
    expect(valueOf<{ message: string }[]>(await w.call('ipfiling:expiring', {})).map((e) => e.message)).toEqual([
      'IP-2026-0001（北京金山云网络技术有限公司，张三）已于 2026-03-31 到期（1 天前）；如仍需访问，请办理续期。',
    ]);
    expect(errorOf(await w.call('ipfiling:revoke', { id: short.id, rev: short.rev, reason: '项目结束' }))).toMatchObject({
      message: 'IP 报备 IP-2026-0001（北京金山云网络技术有限公司） 已于 2026-03-31 到期，无需撤销',
    });
    const pending = (await list({ status: '待审批' })).rows[0]!;
    expect(errorOf(await w.call('ipfiling:approve', { id: pending.id, rev: pending.rev, approver: '李处长', approvedOn: '2026-04-01' }))).toMatchObject({
      message: 'IP 报备 IP-2026-0003（北京金山云网络技术有限公司） 的有效期已于 2026-03-20 结束，不能批准。请修改有效期后再审批，或予以驳回',
    });
    const renewed = valueOf<SavedFiling>(await w.call('ipfiling:renew', { id: short.id, rev: short.rev, validFrom: '2026-04-01', validTo: '2026-06-30' }));
    expect(renewed.filing.renews).toEqual({ id: short.id, number: 'IP-2026-0001', status: '已过期' });
    expect(valueOf<{ message: string }[]>(await w.call('ipfiling:expiring', {}))[0]?.message).toContain('已续期：IP-2026-0004（待审批）');

    w.at('2026-05-02');
    expect(valueOf<unknown[]>(await w.call('ipfiling:expiring', {}))).toEqual([]);
  });

  it('an approved filing starting later is 未生效 until its first day', async () => {
    const later = await w.approve((await w.file({ userIds: [zhang.id], validFrom: '2026-04-01' })).filing);
    expect(later).toMatchObject({ status: '未生效', statusText: '未生效（2026-04-01 起）' });
    expect(await numbers({ status: '未生效' })).toEqual(['IP-2026-0001']);
    w.at('2026-04-01');
    expect((await w.get(later.id)).status).toBe('有效');
  });
});

describe('lists', () => {
  it('filter by unit, person, contract, method and text, page and sort in SQL, and leave voided filings out', async () => {
    const li = await w.signed({ name: '李四', orgId: w.huawei.id });
    await w.file({ userIds: [zhang.id], contractId: w.contract.id, systems: '卫生监督执法系统' });
    await w.file({ userIds: [li.id], orgId: w.huawei.id, accessMethod: '专线', addresses: '2400:3200::/32', appliedOn: '2026-03-01' });
    const third = (await w.file({ userIds: [zhang.id, li.id], accessMethod: '堡垒机', addresses: '10.5.0.1' })).filing;
    expect(await numbers({ orgId: w.huawei.id })).toEqual(['IP-2026-0002']);
    expect(await numbers({ personId: li.id })).toEqual(['IP-2026-0002', 'IP-2026-0003']);
    expect(await numbers({ contractId: w.contract.id })).toEqual(['IP-2026-0001']);
    expect(await numbers({ accessMethod: '专线' })).toEqual(['IP-2026-0002']);
    expect(await numbers({ q: '执法' })).toEqual(['IP-2026-0001']);
    expect(await numbers({ q: '李四' })).toEqual(['IP-2026-0002', 'IP-2026-0003']);
    expect(await numbers({ q: '2400:3200' })).toEqual(['IP-2026-0002']);
    expect(await numbers({ q: '华为' })).toEqual(['IP-2026-0002']);
    expect((await list({ sort: 'appliedOn', dir: 'asc', page: 1, pageSize: 2 })).rows.map((f) => f.number)).toEqual(['IP-2026-0002', 'IP-2026-0001']);
    expect((await list({ page: 2, pageSize: 2 })).total).toBe(3);
    valueOf(await w.call('ipfiling:void', { id: third.id, rev: third.rev, reason: '重复登记' }));
    expect(lastAudit().summary).toBe('作废 IP 报备 IP-2026-0003（北京金山云网络技术有限公司；使用人 张三、李四；10.5.0.1）（原为待审批），原因：重复登记');
    expect(await numbers()).toEqual(['IP-2026-0001', 'IP-2026-0002']);
    expect(await numbers({ voided: 'only' })).toEqual(['IP-2026-0003']);
    valueOf(await w.call('person:update', { id: li.id, rev: li.rev, name: '李思', orgId: w.huawei.id, idNumber: valueOf<{ value: string }>(await w.call('person:reveal', { id: li.id, field: 'idNumber' })).value }));
    expect(await numbers({ q: '李思' })).toEqual(['IP-2026-0002']);
  });
});

describe('attachments', () => {
  it('files the signed filing form under the filing, and refuses more once it is voided', async () => {
    const f = (await w.file({ userIds: [zhang.id] })).filing;
    w.core.shell.openFiles.push({ name: '报备表.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n') });
    valueOf(await w.call('attachment:add', { ownerType: 'ipFiling', ownerUuid: f.uuid }));
    expect(lastAudit().summary).toContain('IP 报备 IP-2026-0001（北京金山云网络技术有限公司）');
    valueOf(await w.call('ipfiling:void', { id: f.id, rev: f.rev, reason: '录入错误' }));
    w.core.shell.openFiles.push({ name: '报备表.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
    expect(errorOf(await w.call('attachment:add', { ownerType: 'ipFiling', ownerUuid: f.uuid }))).toMatchObject({
      code: 'RULE',
      message: 'IP 报备 IP-2026-0001（北京金山云网络技术有限公司）已作废，不能再添加附件',
    });
  });
});
