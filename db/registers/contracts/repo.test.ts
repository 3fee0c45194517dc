import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contract, ContractFields } from '../../../common/api/contract';
import type { Org } from '../../../common/api/org';
import type { Result } from '../../../common/api/result';
import { auditRows, exportJob, OFFICER, openTestCore, valueOf, VIEWER, type TestCore } from '../../testing/fixtures';
import { readWorkbook } from '../../testing/workbook';

let core: TestCore;
let clock: Date;
/** 12:00 in China, the same calendar day in UTC and in Asia/Shanghai. */
const at = (day: string) => {
  clock = new Date(`${day}T04:00:00.000Z`);
};

beforeEach(async () => {
  at('2024-06-01');
  core = await openTestCore({ now: () => clock });
});
afterEach(() => core.cleanup());

const call = (channel: string, payload: unknown, session = OFFICER) => core.router.invoke(channel, session, payload);
function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}
async function org(name: string, kind: 'client' | 'vendor', extra: Record<string, unknown> = {}): Promise<Org> {
  return valueOf<Org>(await call('org:create', { name, kind, ...extra }));
}

interface Parties {
  [name: string]: number;
}

/** The organisations of the five reference contracts, created through org:create. */
async function createParties(): Promise<Parties> {
  const ids: Parties = {};
  const add = async (name: string, kind: 'client' | 'vendor', extra: Record<string, unknown> = {}) => {
    ids[name] = (await org(name, kind, extra)).id;
  };
  await add('郑州大学', 'client');
  await add('北京强尼科技有限公司', 'vendor');
  await add('常州市政务服务管理办公室', 'client');
  await add('江苏瑞新信息技术股份有限公司', 'vendor');
  await add('北京市人民政府国有资产监督管理委员会', 'client', { shortName: '市国资委' });
  await add('首信云技术有限公司', 'vendor');
  await add('某区教育局', 'client');
  await add('某信息技术服务有限公司', 'vendor');
  await add('北京市卫生健康监督所', 'client');
  await add('北京金山云网络技术有限公司', 'vendor', { uscc: '9111010857121431XA' });
  return ids;
}

/**
 * The five reference contracts (/work/shared/reference/contracts/). 000 and 003 carry no number
 * in their text (000 is a pair of agreements, 003 a template): they get a registration number.
 */
function references(p: Parties): Record<string, ContractFields> {
  return {
    '000': {
      numbers: [{ number: 'ZZU-XNFZ-2', scheme: '登记编号', isMain: true }],
      projectName: '郑州大学第一临床学院神经系统检查虚拟仿真实验二期',
      clientOrgId: p['郑州大学']!,
      vendorOrgId: p['北京强尼科技有限公司']!,
      signedDate: null,
      amountFen: 0,
      originals: { total: 3, client: 1, vendor: 1 },
      agreements: [
        { kind: '网络安全责任协议', parties: '郑州大学；北京强尼科技有限公司', term: { kind: 'permanent' } },
        { kind: '保密协议', parties: '郑州大学；北京强尼科技有限公司', term: { kind: 'permanent' } },
      ],
    },
    '001': {
      numbers: [{ number: '常采公[2022]0049号', scheme: '采购项目编号', isMain: true }],
      procurementNumber: '常采公[2022]0049号',
      projectName: '常州市一体化政务服务平台软件运维网络安全运维服务项目',
      clientOrgId: p['常州市政务服务管理办公室']!,
      vendorOrgId: p['江苏瑞新信息技术股份有限公司']!,
      signedDate: '2022-05-30',
      signedPlace: '常州市政务服务中心锦绣路2号',
      serviceStart: '2022-05-30',
      serviceEnd: '2023-05-29',
      amountFen: 14_000_000,
      originals: { total: 4, client: 2, vendor: 2 },
      installments: [
        { percent: 50, condition: '合同签订后支付预付款', paidDate: '2022-06-15' },
        { percent: 50, condition: '2022年12月底前一次性支付剩余尾款', dueDate: '2022-12-31' },
      ],
      agreements: [{ kind: '保密协议', signedDate: '2022-05-30', term: { kind: 'years', years: 5 } }],
    },
    '002': {
      numbers: [{ number: 'SXYSR 202506162', scheme: '合同号', isMain: true }],
      procurementNumber: '0686-2511BE080986Z',
      projectName: '市国资委政务云资源租用服务项目',
      clientOrgId: p['北京市人民政府国有资产监督管理委员会']!,
      vendorOrgId: p['首信云技术有限公司']!,
      contacts: [
        { side: 'client', name: '贺印', role: '授权代表' },
        { side: 'vendor', name: '廖伟', role: '授权代表' },
      ],
      signedDate: '2025-07-29',
      serviceStart: '2025-07-29',
      serviceEnd: '2025-12-31',
      amountFen: 388_702_600,
      taxRatePercent: 6,
      amountExclTaxFen: 366_700_566,
      renewalLeadDays: 30,
      installments: [
        { percent: 70, condition: '合同签订生效后，收到 70% 发票后 15 个工作日内' },
        { percent: 30, condition: '完成项目验收后' },
      ],
      agreements: [{ kind: '信息保护协议', signedDate: '2025-07-29', term: { kind: 'permanent' } }],
    },
    '003': {
      numbers: [{ number: 'JY-AQBM-001', scheme: '登记编号', isMain: true }],
      projectName: 'XXX项目安全保密协议（教育局范本）',
      clientOrgId: p['某区教育局']!,
      vendorOrgId: p['某信息技术服务有限公司']!,
      amountFen: 0,
      agreements: [
        { kind: '安全保密协议书', term: { kind: 'permanent' }, coordinators: { client: '张协调', vendor: '李协调' } },
      ],
    },
    '004': {
      numbers: [
        { number: 'KSY 2024 0516 0003', scheme: '合同编号', isMain: true },
        { number: 'JDSHT2024014', scheme: '采购合同号', isMain: false },
      ],
      procurementNumber: '11000024210200081439-XM001',
      projectName: '卫生监督信息化运维项目硬件运维服务采购项目政务云扩展服务',
      clientOrgId: p['北京市卫生健康监督所']!,
      vendorOrgId: p['北京金山云网络技术有限公司']!,
      signedDate: '2024-05-20',
      signedPlace: '北京市',
      serviceStart: '2024-05-24',
      serviceEnd: '2025-05-23',
      amountFen: 67_472_000,
      installments: [
        { percent: 50, condition: '自合同签订之日起 20 日内首付款', dueDate: '2024-06-09', paidDate: '2024-06-05' },
        { percent: 20, condition: '2024 年第三季度末前中期款', dueDate: '2024-09-30' },
        { percent: 30, condition: '2025 年财政资金预算批复后 30 个工作日内' },
      ],
      bond: { percent: 5, bank: '乙方开户行', validUntil: '2025-05-23' },
      agreements: [
        { kind: '廉政协议', signedDate: '2024-05-20', term: { kind: 'permanent' } },
        { kind: '安全保密协议书', signedDate: '2024-05-20', term: { kind: 'untilPublic' } },
      ],
    },
  };
}

async function createAll(): Promise<{ parties: Parties; c: Record<string, Contract> }> {
  const parties = await createParties();
  const c: Record<string, Contract> = {};
  for (const [key, fields] of Object.entries(references(parties))) {
    c[key] = valueOf<Contract>(await call('contract:create', fields));
  }
  return { parties, c };
}

async function list(filter: Record<string, unknown> = {}): Promise<{ rows: Contract[]; total: number }> {
  return valueOf(await call('contract:list', { pageSize: 200, ...filter }));
}
const mains = async (filter: Record<string, unknown> = {}) => (await list(filter)).rows.map((r) => r.mainNumber);

describe('contracts: the five reference contracts', () => {
  it('are registered with derived amounts, 大写, installments, bond and agreements', async () => {
    const { c } = await createAll();
    expect(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.amountDaxie]))).toEqual({
      '000': '零元整',
      '001': '壹拾肆万元整',
      '002': '叁佰捌拾捌万柒仟零贰拾陆元整',
      '003': '零元整',
      '004': '陆拾柒万肆仟柒佰贰拾元整',
    });
    const k = c['004']!;
    expect(k).toMatchObject({
      mainNumber: 'KSY 2024 0516 0003',
      clientName: '北京市卫生健康监督所',
      vendorName: '北京金山云网络技术有限公司',
      rev: 0,
      paidFen: 33_736_000,
      unpaidFen: 33_736_000,
      bond: { percent: 5, fen: null, validUntil: '2025-05-23', amountFen: 3_373_600 },
      hasConfidentialityAgreement: true,
      status: 'active',
    });
    expect(k.installments.map((i) => [i.seq, i.amountFen, i.paid])).toEqual([
      [1, 33_736_000, true],
      [2, 13_494_400, false],
      [3, 20_241_600, false],
    ]);
    expect(c['002']!.installments.map((i) => i.amountFen)).toEqual([272_091_820, 116_610_780]);
    expect(c['002']!).toMatchObject({ taxRatePercent: 6, amountExclTaxFen: 366_700_566 });
    expect(c['001']!.agreements[0]).toMatchObject({ kind: '保密协议', term: { kind: 'years', years: 5 } });
    expect(c['000']!).toMatchObject({ status: 'draft', hasConfidentialityAgreement: true, originals: { total: 3, client: 1, vendor: 1 } });
    expect(c['003']!.agreements[0]!.coordinators).toEqual({ client: '张协调', vendor: '李协调' });
    expect(valueOf<Contract>(await call('contract:get', { id: k.id }))).toEqual(k);
    const audit = auditRows(core.db).filter((r) => r.action === 'contract.create');
    expect(audit).toHaveLength(5);
    expect(audit[4]!.summary).toBe('登记合同“卫生监督信息化运维项目硬件运维服务采购项目政务云扩展服务”（KSY 2024 0516 0003）');
  });

  it('are found by any number, project name or party, with 2-, 3- and 4-character queries', async () => {
    await createAll();
    expect(await mains({ q: 'KSY' })).toEqual(['KSY 2024 0516 0003']);
    expect(await mains({ q: 'JDSHT2024014' })).toEqual(['KSY 2024 0516 0003']);
    expect(await mains({ q: 'ksy202405160003' })).toEqual(['KSY 2024 0516 0003']);
    expect(await mains({ q: '国资' })).toEqual(['SXYSR 202506162']);
    expect(await mains({ q: '政务服务' })).toEqual(['常采公[2022]0049号']);
    expect(await mains({ q: '金山云' })).toEqual(['KSY 2024 0516 0003']);
    expect(await mains({ q: '市国资委' })).toEqual(['SXYSR 202506162']);
    expect(await mains({ q: '0686-2511' })).toEqual([]); // the procurement number is not a contract number
    expect((await list({ q: '政务', sort: 'projectName', dir: 'asc' })).total).toBe(3);
  });

  it('lists by party, period, sort and page', async () => {
    const { parties } = await createAll();
    expect(await mains({ orgId: parties['北京金山云网络技术有限公司'] })).toEqual(['KSY 2024 0516 0003']);
    expect(await mains({ from: '2025-01-01', to: '2025-03-31' })).toEqual(['KSY 2024 0516 0003', 'ZZU-XNFZ-2', 'JY-AQBM-001']);
    expect(await mains({ sort: 'amount', dir: 'desc' })).toEqual([
      'SXYSR 202506162',
      'KSY 2024 0516 0003',
      '常采公[2022]0049号',
      'ZZU-XNFZ-2',
      'JY-AQBM-001',
    ]);
    // By the pinyin of the project name: chang, shi, wei, xxx, zheng.
    expect(await mains({ sort: 'projectName', dir: 'asc' })).toEqual([
      '常采公[2022]0049号',
      'SXYSR 202506162',
      'KSY 2024 0516 0003',
      'JY-AQBM-001',
      'ZZU-XNFZ-2',
    ]);
    const page = await list({ sort: 'signedDate', dir: 'desc', page: 2, pageSize: 2 });
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.mainNumber)).toEqual(['常采公[2022]0049号', 'ZZU-XNFZ-2']);
  });

  it('derive their status from the dates and today, in the record and in the list filter', async () => {
    await createAll();
    const statuses = async () => Object.fromEntries((await list()).rows.map((r) => [r.mainNumber, r.status]));
    const filtered = async (status: string) => (await mains({ status, sort: 'projectName', dir: 'asc' }));
    expect(await statuses()).toEqual({
      'ZZU-XNFZ-2': 'draft',
      'JY-AQBM-001': 'draft',
      '常采公[2022]0049号': 'expired',
      'KSY 2024 0516 0003': 'active',
      'SXYSR 202506162': 'active',
    });
    at('2025-04-23'); // 30 days before 004's end, both ends included
    expect((await statuses())['KSY 2024 0516 0003']).toBe('expiring');
    expect(await filtered('expiring')).toEqual(['KSY 2024 0516 0003']);
    at('2025-04-22');
    expect(await filtered('expiring')).toEqual([]);
    at('2025-05-24');
    expect(await filtered('expired')).toEqual(['常采公[2022]0049号', 'KSY 2024 0516 0003']);
    at('2025-12-01');
    expect(await filtered('expiring')).toEqual(['SXYSR 202506162']);
    expect(await filtered('draft')).toEqual(['JY-AQBM-001', 'ZZU-XNFZ-2']);
    expect(await filtered('active')).toEqual([]);
  });
});

describe('contracts: refusals at the field', () => {
  let parties: Parties;
  let base: ContractFields;
  beforeEach(async () => {
    parties = await createParties();
    base = references(parties)['004']!;
  });

  it('refuses shares that do not add up, at installments', async () => {
    const e = errorOf(await call('contract:create', { ...base, installments: [{ percent: 50 }, { percent: 40 }] }));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'installments', message: '各期比例合计 90%，应为 100%（少 10%）' });
    const e2 = errorOf(await call('contract:create', { ...base, installments: [{ percent: 50, fen: 100 }] }));
    expect(e2).toMatchObject({ code: 'INVALID_INPUT', field: 'installments.0' });
  });

  it('refuses an end before the start, at serviceEnd', async () => {
    const e = errorOf(await call('contract:create', { ...base, serviceStart: '2025-05-24', serviceEnd: '2024-05-23' }));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'serviceEnd', message: '服务结束日 2024-05-23 早于开始日 2025-05-24' });
  });

  it('refuses a number another contract holds, naming it, until that contract is voided', async () => {
    const held = valueOf<Contract>(await call('contract:create', base));
    const other = { ...references(parties)['001']!, numbers: [{ number: 'X-1', isMain: true }, { number: 'ksy 20240516 0003' }] };
    const e = errorOf(await call('contract:create', other));
    expect(e.code).toBe('DUPLICATE');
    expect(e.field).toBe('numbers.1.number');
    expect(e.message).toContain('卫生监督信息化运维项目硬件运维服务采购项目政务云扩展服务');
    valueOf(await call('contract:void', { id: held.id, rev: held.rev, reason: '重复登记' }));
    expect(valueOf<Contract>(await call('contract:create', other)).numbers[1]!.scheme).toBe('合同编号');
  });

  it('refuses the same organisation on both sides, and a voided organisation', async () => {
    const same = errorOf(await call('contract:create', { ...base, vendorOrgId: base.clientOrgId }));
    expect(same).toMatchObject({ code: 'INVALID_INPUT', field: 'vendorOrgId', message: '甲方和乙方不能是同一单位' });
    const vendor = valueOf<Org>(await call('org:get', { id: base.vendorOrgId }));
    valueOf(await call('org:void', { id: vendor.id, rev: vendor.rev, reason: '已注销' }));
    const voided = errorOf(await call('contract:create', base));
    expect(voided).toMatchObject({ code: 'RULE', field: 'vendorOrgId' });
    expect(voided.message).toContain('北京金山云网络技术有限公司');
    expect(errorOf(await call('contract:create', { ...base, clientOrgId: 9999 }))).toMatchObject({ code: 'NOT_FOUND', field: 'clientOrgId' });
  });

  it('needs exactly one main number and originals that add up', async () => {
    const none = errorOf(await call('contract:create', { ...base, numbers: [{ number: 'A' }] }));
    expect(none).toMatchObject({ field: 'numbers', message: '请指定一个主合同编号' });
    const originals = errorOf(await call('contract:create', { ...base, originals: { total: 2, client: 2, vendor: 1 } }));
    expect(originals.field).toBe('originals.total');
  });
});

describe('contracts: update, void, terminate', () => {
  it('updates with rev, replaces child rows in the same transaction, records before/after', async () => {
    const parties = await createParties();
    const fields = references(parties)['004']!;
    const c = valueOf<Contract>(await call('contract:create', fields));
    const updated = valueOf<Contract>(
      await call('contract:update', {
        ...fields,
        id: c.id,
        rev: c.rev,
        installments: [{ fen: 67_472_000, paidDate: '2024-06-05' }],
        agreements: [],
      }),
    );
    expect(updated).toMatchObject({ rev: 1, paidFen: 67_472_000, unpaidFen: 0, hasConfidentialityAgreement: false });
    expect(core.db.prepare('SELECT count(*) FROM contract_installments WHERE contract_id = ?').pluck().get(c.id)).toBe(1);
    expect(errorOf(await call('contract:update', { ...fields, id: c.id, rev: 0 })).code).toBe('CONFLICT');
    const audit = auditRows(core.db).find((r) => r.action === 'contract.update')!;
    expect(JSON.parse(audit.before_json!).installments).toHaveLength(3);
    expect(JSON.parse(audit.after_json!).installments).toHaveLength(1);
  });

  it('terminates with a date and reason, and refuses a draft', async () => {
    const parties = await createParties();
    const all = references(parties);
    const c = valueOf<Contract>(await call('contract:create', all['004']!));
    const draft = valueOf<Contract>(await call('contract:create', all['000']!));
    expect(errorOf(await call('contract:terminate', { id: draft.id, rev: 0, terminatedOn: '2024-06-01', reason: '项目取消' }))).toMatchObject({
      code: 'RULE',
      field: 'terminatedOn',
    });
    const t = valueOf<Contract>(await call('contract:terminate', { id: c.id, rev: 0, terminatedOn: '2024-06-01', reason: '双方协商解除' }));
    expect(t).toMatchObject({ status: 'terminated', terminatedOn: '2024-06-01', terminationReason: '双方协商解除' });
    expect(await mains({ status: 'terminated' })).toEqual(['KSY 2024 0516 0003']);
  });

  it('is never deleted: the trigger refuses DELETE', async () => {
    const parties = await createParties();
    const c = valueOf<Contract>(await call('contract:create', references(parties)['001']!));
    expect(() => core.db.prepare('DELETE FROM contracts WHERE id = ?').run(c.id)).toThrow(/never deleted/);
    const v = valueOf<Contract>(await call('contract:void', { id: c.id, rev: 0, reason: '录入错误' }));
    expect(v.voidedAt).not.toBeNull();
    expect(await mains()).toEqual([]);
    expect(await mains({ voided: 'only' })).toEqual(['常采公[2022]0049号']);
    expect(errorOf(await call('contract:update', { ...references(parties)['001']!, id: c.id, rev: v.rev })).code).toBe('RULE');
  });

  it('is searchable by a party’s new name after the organisation is renamed', async () => {
    const parties = await createParties();
    valueOf(await call('contract:create', references(parties)['001']!));
    const o = valueOf<Org>(await call('org:get', { id: parties['江苏瑞新信息技术股份有限公司'] }));
    valueOf(await call('org:update', { ...o, name: '江苏瑞新数智科技股份有限公司' }));
    expect(await mains({ q: '瑞新数智' })).toEqual(['常采公[2022]0049号']);
    expect(await mains({ q: '瑞新信息' })).toEqual([]);
  });
});

describe('合同台账 printed through report:xlsx', () => {
  it('contains the five contracts with amounts in figures and 大写, paid/unpaid and the 保密协议', async () => {
    await createAll();
    const out = mkdtempSync(join(tmpdir(), 'contracts-xlsx-'));
    try {
      const path = join(out, '合同台账.xlsx');
      core.shell.savePath = path;
      const input = {
        selection: { register: 'contracts', filter: { sort: 'projectName', dir: 'asc' } },
        options: { marking: '内部', unitName: '北京市卫生健康监督所' },
      };
      expect(errorOf(await call('report:xlsx', input, VIEWER)).code).toBe('FORBIDDEN');
      expect(await exportJob(core.router, OFFICER, 'report:xlsx', input)).toMatchObject({ state: 'done', result: { path, rows: 5 } });
      const ws = (await readWorkbook(new Uint8Array(readFileSync(path)))).worksheets[0]!;
      expect(ws.getCell('A1').value).toBe('合同台账');
      const headers = Array.from({ length: 15 }, (_, i) => ws.getCell(4, i + 1).value);
      expect(headers).toEqual([
        '序号',
        '合同编号',
        '采购项目编号',
        '项目名称',
        '甲方',
        '乙方',
        '签订日期',
        '服务期限',
        '合同金额（小写/大写）',
        '已付/未付',
        '履约保函到期',
        '保密协议（签订日期/保密期限）',
        '联系人',
        '状态',
        '备注',
      ]);
      const rows = [5, 6, 7, 8, 9].map((r) => Array.from({ length: 15 }, (_, i) => String(ws.getCell(r, i + 1).value ?? '')));
      expect(rows.map((r) => r[3])).toEqual([
        '常州市一体化政务服务平台软件运维网络安全运维服务项目',
        '市国资委政务云资源租用服务项目',
        '卫生监督信息化运维项目硬件运维服务采购项目政务云扩展服务',
        'XXX项目安全保密协议（教育局范本）',
        '郑州大学第一临床学院神经系统检查虚拟仿真实验二期',
      ]);
      const k = rows[2]!;
      expect(k[1]).toBe('KSY 2024 0516 0003\n采购合同号：JDSHT2024014');
      expect(k[8]).toBe('¥674,720.00\n陆拾柒万肆仟柒佰贰拾元整');
      expect(k[9]).toBe('已付 337,360.00\n未付 337,360.00');
      expect(k[10]).toBe('2025-05-23');
      expect(k[11]).toBe('安全保密协议书：2024-05-20／至公开之日');
      expect(k[13]).toBe('履行中');
      expect(rows[0]![11]).toBe('保密协议：2022-05-30／5年');
      expect(rows[0]![13]).toBe('已到期');
      expect(ws.getCell(10, 1).value).toBe('共 5 条');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('contract history', () => {
  it('lists who recorded, changed and terminated the contract, newest first, for any reader', async () => {
    const { c } = await createAll();
    const k = c['004']!;
    valueOf(await call('contract:terminate', { id: k.id, rev: k.rev, terminatedOn: '2024-06-01', reason: '双方协商解除' }));
    // Another contract's records and refused calls are not part of this history.
    await call('contract:void', { id: k.id, rev: 0, reason: '测试' }, VIEWER);
    const history = valueOf<{ action: string; actorName: string; summary: string }[]>(await call('contract:history', { id: k.id }, VIEWER));
    expect(history.map((h) => h.action)).toEqual(['contract.terminate', 'contract.create']);
    expect(history[1]!.summary).toContain(k.projectName);
    expect(history[0]!.actorName).toBe(OFFICER.displayName);
  });
});
