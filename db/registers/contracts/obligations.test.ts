import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contract } from '../../../common/api/contract';
import type { Completion, Obligation } from '../../../common/api/obligation';
import type { Org } from '../../../common/api/org';
import type { Result } from '../../../common/api/result';
import { AUDITOR, auditRows, countRows, OFFICER, openTestCore, valueOf, VIEWER, type TestCore } from '../../testing/fixtures';

let core: TestCore;
let clock: Date;
/** 12:00 in China, the same calendar day in UTC and in Asia/Shanghai. */
const at = (day: string) => {
  clock = new Date(`${day}T04:00:00.000Z`);
};

const call = (channel: string, payload: unknown, session = OFFICER) => core.router.invoke(channel, session, payload);
function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

let contract: Contract;

beforeEach(async () => {
  at('2024-06-01');
  core = await openTestCore({ now: () => clock });
  const client = valueOf<Org>(await call('org:create', { name: '北京市卫生健康监督所', kind: 'client' }));
  const vendor = valueOf<Org>(await call('org:create', { name: '北京金山云网络技术有限公司', kind: 'vendor' }));
  contract = valueOf<Contract>(
    await call('contract:create', {
      numbers: [{ number: 'KSY 2024 0516 0003', scheme: '合同编号', isMain: true }],
      projectName: '政务云扩展服务',
      clientOrgId: client.id,
      vendorOrgId: vendor.id,
      signedDate: '2024-05-20',
      serviceStart: '2024-06-01',
      serviceEnd: '2025-05-31',
      amountFen: 67_472_000,
    }),
  );
});
afterEach(() => core.cleanup());

const scan = { title: '漏洞扫描', clause: '第五条', kind: 'quarterly' };
const create = async (fields: Record<string, unknown> = scan) =>
  valueOf<Obligation>(await call('obligation:create', { contractId: contract.id, ...fields }));
const list = async (includeVoided = false) =>
  valueOf<Obligation[]>(await call('obligation:list', { contractId: contract.id, includeVoided }));
const getContract = async () => valueOf<Contract>(await call('contract:get', { id: contract.id }));

describe('obligations of a contract', () => {
  it('records a quarterly scan with its next due date, audited with the contract named', async () => {
    const o = await create();
    expect(o).toMatchObject({
      contractId: contract.id,
      title: '漏洞扫描',
      clause: '第五条',
      kind: 'quarterly',
      scheduleText: '每季度',
      completions: [],
      next: { state: 'due', due: '2024-09-01', periodIndex: 1, overdue: false, daysLeft: 92 },
      rev: 0,
    });
    const audit = auditRows(core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'obligation.create', target_type: 'obligation', target_id: o.uuid });
    expect(audit.summary).toBe('登记履行义务“漏洞扫描”（合同“政务云扩展服务”，KSY 2024 0516 0003），每季度');
  });

  it('keeps only the fields of the chosen kind', async () => {
    const o = await create({ title: '故障响应', kind: 'service-level', within: 1, unit: 'hour', action: '响应', times: 4, due: '2024-07-01' });
    expect(o).toMatchObject({ times: null, due: null, atLeast: null, within: 1, unit: 'hour', scheduleText: '1 小时内响应', next: { state: 'limit' } });
  });

  it('refuses incomplete schedules at the field, storing nothing', async () => {
    expect(errorOf(await call('obligation:create', { contractId: contract.id, title: '培训', kind: 'times-per-year' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'times',
      message: '请填写每年次数',
    });
    expect(errorOf(await call('obligation:create', { contractId: contract.id, title: '报告', kind: 'once', due: '2024-02-30' }))).toMatchObject({
      field: 'due',
    });
    expect(errorOf(await call('obligation:create', { contractId: contract.id, title: '扫', kind: 'monthly' }))).toMatchObject({
      field: 'title',
      message: '请填写履行事项（至少 2 个字）',
    });
    expect(countRows(core.db, 'contract_obligations')).toBe(0);
  });

  it('an uncovered quarter becomes overdue, shows on the contract and in the overdue list, until a completion covers it', async () => {
    const o = await create();
    at('2024-09-05');
    expect((await getContract()).overdueObligations).toBe(1);
    const overdue = valueOf<(Obligation & { contractProjectName: string })[]>(await call('obligation:overdue', {}));
    expect(overdue.map((x) => [x.title, x.contractProjectName, x.next.state === 'due' && x.next.daysLeft])).toEqual([
      ['漏洞扫描', '政务云扩展服务', -4],
    ]);

    const done = valueOf<{ obligation: Obligation; completion: Completion }>(
      await call('obligation:complete', { obligationId: o.id, doneOn: '2024-08-28', description: '完成第一季度漏洞扫描，报告已提交' }),
    );
    expect(done.completion).toMatchObject({ doneOn: '2024-08-28', createdByName: OFFICER.displayName, voidedAt: null });
    expect(done.obligation.next).toMatchObject({ state: 'due', due: '2024-12-01', overdue: false });
    expect((await getContract()).overdueObligations).toBe(0);
    expect(valueOf<unknown[]>(await call('obligation:overdue', {}))).toEqual([]);
    expect(auditRows(core.db).at(-1)!.summary).toBe(
      '登记履行义务“漏洞扫描”（合同“政务云扩展服务”，KSY 2024 0516 0003）于 2024-08-28 完成：完成第一季度漏洞扫描，报告已提交',
    );
  });

  it('refuses a completion dated in the future or before the contract, naming the dates', async () => {
    const o = await create();
    expect(errorOf(await call('obligation:complete', { obligationId: o.id, doneOn: '2024-06-02', description: '提前登记' }))).toMatchObject({
      code: 'RULE',
      field: 'doneOn',
      message: '完成日期 2024-06-02 晚于今天（2024-06-01），只能登记已经完成的工作',
    });
    expect(errorOf(await call('obligation:complete', { obligationId: o.id, doneOn: '2024-05-01', description: '很早以前' }))).toMatchObject({
      field: 'doneOn',
      message: '完成日期 2024-05-01 早于合同的签订日期和服务开始日（2024-05-20），请核对',
    });
    expect(errorOf(await call('obligation:complete', { obligationId: o.id, doneOn: '2024-06-01', description: '' }))).toMatchObject({
      field: 'description',
    });
    expect(countRows(core.db, 'obligation_completions')).toBe(0);
  });

  it('a voided completion no longer counts, stays visible, and cannot be changed or deleted', async () => {
    const o = await create();
    at('2024-08-30');
    const { completion } = valueOf<{ completion: Completion }>(
      await call('obligation:complete', { obligationId: o.id, doneOn: '2024-08-28', description: '完成漏洞扫描' }),
    );
    at('2024-09-03');
    const after = valueOf<Obligation>(await call('obligation:voidCompletion', { id: completion.id, reason: '登记错了合同' }));
    expect(after.completions).toEqual([expect.objectContaining({ id: completion.id, voidReason: '登记错了合同' })]);
    expect(after.next).toMatchObject({ due: '2024-09-01', overdue: true });
    expect(errorOf(await call('obligation:voidCompletion', { id: completion.id, reason: '再作废一次' }))).toMatchObject({
      code: 'RULE',
      message: '该完成记录已于 2024-09-03 作废',
    });
    expect(() => core.db.prepare('DELETE FROM obligation_completions').run()).toThrow(/never deleted/);
    expect(() => core.db.prepare("UPDATE obligation_completions SET done_on = '2024-08-01'").run()).toThrow(/never change/);
    expect(() => core.db.prepare('UPDATE obligation_completions SET voided_at = NULL, void_reason = NULL').run()).toThrow(/stays voided/);
  });

  it('edits with the current revision only, and voids with a reason', async () => {
    const o = await create();
    const edited = valueOf<Obligation>(await call('obligation:update', { id: o.id, rev: 0, ...scan, kind: 'yearly', atLeast: 2 }));
    expect(edited).toMatchObject({ rev: 1, scheduleText: '每年至少 2 次', next: { due: '2025-05-31', required: 2 } });
    expect(errorOf(await call('obligation:update', { id: o.id, rev: 0, ...scan }))).toMatchObject({ code: 'CONFLICT' });
    const voided = valueOf<Obligation>(await call('obligation:void', { id: o.id, rev: 1, reason: '合同变更取消该项' }));
    expect(voided.next).toEqual({ state: 'unscheduled', reason: '该义务已作废' });
    expect(await list()).toEqual([]);
    expect((await list(true)).map((x) => x.voidReason)).toEqual(['合同变更取消该项']);
    expect(errorOf(await call('obligation:complete', { obligationId: o.id, doneOn: '2024-06-01', description: '完成扫描' }))).toMatchObject({
      code: 'RULE',
      message: '履行义务“漏洞扫描”已作废，不能再登记完成情况',
    });
    expect(() => core.db.prepare('DELETE FROM contract_obligations').run()).toThrow(/never deleted/);
  });

  it('a voided contract takes no new obligations or completions and has none overdue', async () => {
    const o = await create();
    valueOf(await call('contract:void', { id: contract.id, rev: contract.rev, reason: '重复登记' }));
    expect(errorOf(await call('obligation:create', { contractId: contract.id, ...scan }))).toMatchObject({
      code: 'RULE',
      message: '合同“政务云扩展服务”已作废，不能再登记履行义务',
    });
    expect(errorOf(await call('obligation:complete', { obligationId: o.id, doneOn: '2024-06-01', description: '完成扫描' }))).toMatchObject({
      code: 'RULE',
    });
    at('2025-01-01');
    expect((await getContract()).overdueObligations).toBe(0);
    expect(valueOf<unknown[]>(await call('obligation:overdue', {}))).toEqual([]);
  });

  it('a viewer reads obligations but cannot record them', async () => {
    await create();
    expect(valueOf<Obligation[]>(await call('obligation:list', { contractId: contract.id }, VIEWER))).toHaveLength(1);
    expect(errorOf(await call('obligation:create', { contractId: contract.id, ...scan }, VIEWER))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a completion record takes the report as an attachment, named in the audit record', async () => {
    const o = await create();
    const { completion } = valueOf<{ completion: Completion }>(
      await call('obligation:complete', { obligationId: o.id, doneOn: '2024-06-01', description: '完成首次漏洞扫描' }),
    );
    core.shell.openFiles.push({ name: '扫描报告.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
    const added = valueOf<{ added: boolean }>(await call('attachment:add', { ownerType: 'completion', ownerUuid: completion.uuid }));
    expect(added.added).toBe(true);
    expect(auditRows(core.db).at(-1)!.summary).toMatch(/^为履行义务“漏洞扫描” 2024-06-01 的完成记录添加附件“扫描报告.pdf”/);
  });
});

describe('annexed agreements keep their identity across edits', () => {
  it('an edit that keeps an agreement keeps its UUID; dropping one with a live scan is refused', async () => {
    const withAgreement = valueOf<Contract>(
      await call('contract:update', {
        ...editable(contract),
        agreements: [{ kind: '安全保密协议书', signedDate: '2024-05-20', term: { kind: 'permanent' } }],
      }),
    );
    const uuid = withAgreement.agreements[0]!.uuid;
    const again = valueOf<Contract>(
      await call('contract:update', { ...editable(withAgreement), note: '补充备注' }),
    );
    expect(again.agreements[0]!.uuid).toBe(uuid);

    core.shell.openFiles.push({ name: '安全保密协议书.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
    valueOf(await call('attachment:add', { ownerType: 'agreement', ownerUuid: uuid }));
    expect(errorOf(await call('contract:update', { ...editable(again), agreements: [] }))).toMatchObject({
      code: 'RULE',
      field: 'agreements',
      message: '附属协议“安全保密协议书”有 1 个附件，不能直接删除。请先在合同详情中作废这些附件（写明原因），再删除该协议',
    });
    expect((await getContract()).agreements.map((a) => a.uuid)).toEqual([uuid]);
  });
});

/** The stored contract as contract:update takes it. */
function editable(c: Contract): Record<string, unknown> {
  return {
    id: c.id,
    rev: c.rev,
    numbers: c.numbers,
    procurementNumber: c.procurementNumber,
    projectName: c.projectName,
    clientOrgId: c.clientOrgId,
    vendorOrgId: c.vendorOrgId,
    contacts: c.contacts,
    signedDate: c.signedDate,
    signedPlace: c.signedPlace,
    serviceStart: c.serviceStart,
    serviceEnd: c.serviceEnd,
    amountFen: c.amountFen,
    taxRatePercent: c.taxRatePercent,
    amountExclTaxFen: c.amountExclTaxFen,
    originals: c.originals,
    protectionLevel: c.protectionLevel,
    renewalLeadDays: c.renewalLeadDays,
    note: c.note,
    installments: c.installments.map((i) => ({ percent: i.percent, fen: i.fen, condition: i.condition, dueDate: i.dueDate, invoiceNumber: i.invoiceNumber, paidDate: i.paidDate })),
    bond: c.bond && { percent: c.bond.percent, fen: c.bond.fen, bank: c.bond.bank, validUntil: c.bond.validUntil, returnedOn: c.bond.returnedOn },
    agreements: c.agreements,
  };
}

describe('合同概要表 (one-contract summary sheet)', () => {
  const sheetInput = { selection: { register: 'contractSheet', filter: { id: 0 } }, options: { marking: '内部', unitName: '北京市卫生健康监督所' } };
  const htmlOf = () => {
    const call = core.shell.calls.find((c) => c.method === 'printHtml' || c.method === 'htmlToPdf');
    if (!call || !('html' in call)) throw new Error('nothing printed');
    return call.html;
  };

  it('prints the contract with its payments, agreements and obligations, portrait, audited on the contract', async () => {
    const o = await create();
    await create({ title: '故障响应', kind: 'service-level', within: 1, unit: 'hour', action: '响应' });
    at('2024-09-05');
    valueOf(await call('obligation:complete', { obligationId: o.id, doneOn: '2024-08-28', description: '完成漏洞扫描' }));
    at('2024-12-10');
    const input = { ...sheetInput, selection: { register: 'contractSheet', filter: { id: contract.id } } };
    expect(valueOf(await call('report:print', input))).toEqual({ printed: true, rows: 1 });
    const html = htmlOf();
    expect(core.shell.calls.at(-1)).toMatchObject({ method: 'printHtml', options: { landscape: false } });
    for (const text of [
      '<title>合同概要表</title>',
      'KSY 2024 0516 0003　政务云扩展服务',
      '北京金山云网络技术有限公司',
      '陆拾柒万肆仟柒佰贰拾元整',
      '未登记附属协议（无保密协议）',
      '五、履行义务（截至 2024-12-10）',
      '漏洞扫描',
      '2024-12-01（已逾期 9 天）',
      '共 1 次，最近：2024-08-28',
      '1 小时内响应',
      '经办人',
    ]) {
      expect(html).toContain(text);
    }
    const audit = auditRows(core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'report.print', target_type: 'contract', target_id: contract.uuid });
    expect(audit.summary).toBe('打印“合同概要表”（KSY 2024 0516 0003　政务云扩展服务）');
  });

  it('is not exported to Excel, and the auditor may not print it', async () => {
    const input = { ...sheetInput, selection: { register: 'contractSheet', filter: { id: contract.id } } };
    core.shell.savePath = '/tmp/never.xlsx';
    expect(errorOf(await call('report:xlsx', input))).toMatchObject({ code: 'RULE', message: '“合同概要表”只能打印或导出 PDF，不能导出 Excel' });
    expect(core.shell.calls).toEqual([]);
    expect(errorOf(await call('report:print', input, AUDITOR))).toMatchObject({ code: 'FORBIDDEN' });
    expect(valueOf(await call('report:print', input, VIEWER))).toEqual({ printed: true, rows: 1 });
  });
});

describe('contact phones are personal data', () => {
  it('are masked when a contract is read; the full numbers need personal.reveal and are audited', async () => {
    const withContact = valueOf<Contract>(
      await call('contract:update', {
        ...editable(contract),
        contacts: [{ side: 'vendor', name: '杨米分', phone: '0519-81236533 15851967128', role: '委托代理人' }],
      }),
    );
    expect(withContact.contacts[0]!.phone).toBe('051*-****6533 158****7128');
    expect((await getContract()).contacts[0]!.phone).toBe('051*-****6533 158****7128');
    expect(errorOf(await call('contract:contacts', { id: contract.id }, VIEWER))).toMatchObject({ code: 'FORBIDDEN' });
    const full = valueOf<Contract['contacts']>(await call('contract:contacts', { id: contract.id }));
    expect(full).toEqual([{ side: 'vendor', name: '杨米分', phone: '0519-81236533 15851967128', email: '', role: '委托代理人' }]);
    const audit = auditRows(core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'contract.revealContacts', target_id: contract.uuid });
    expect(audit.summary).toBe('查看合同“政务云扩展服务”（KSY 2024 0516 0003）联系人的完整电话（杨米分）');
    // A masked number sent back is refused, never stored over the real one.
    expect(errorOf(await call('contract:update', { ...editable(withContact) }))).toMatchObject({ code: 'INVALID_INPUT', field: 'contacts.0.phone' });
  });
});
