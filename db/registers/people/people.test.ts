import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../common/api/person';
import { upgradeIdNumber15 } from '../../../common/people/id-number';
import { AUDITOR, auditRows, countRows, valueOf, VIEWER } from '../../testing/fixtures';
import { errorOf, idNumber, openPeopleWorld, SAMPLE_ID, type PeopleWorld } from './testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
});
afterEach(() => w.core.cleanup());

const list = async (filter: Record<string, unknown> = {}) => valueOf<{ rows: Person[]; total: number }>(await w.call('person:list', filter));
const names = async (filter: Record<string, unknown> = {}) => (await list(filter)).rows.map((p) => p.name);

describe('recording a person', () => {
  it('stores the canonical number, returns it masked with the phone, and audits without the full values', async () => {
    const p = await w.person({ name: '张三', idNumber: ' 11010519491231002x ', phone: '13800138000' });
    expect(p).toMatchObject({
      name: '张三',
      orgName: '北京金山云网络技术有限公司',
      post: '运维工程师',
      idNumberMasked: '110*************2X',
      phoneMasked: '138****8000',
      status: '在岗',
      enteredOn: '2024-05-01',
      leftOn: null,
      departure: null,
      signOff: { status: '未签', kind: null, validUntil: null },
      lastTrainingOn: null,
      rev: 0,
    });
    expect(p).not.toHaveProperty('idNumber');
    expect(p).not.toHaveProperty('phone');
    expect(w.core.db.prepare('SELECT id_number FROM people WHERE id = ?').pluck().get(p.id)).toBe(SAMPLE_ID);
    const audit = auditRows(w.core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'person.create', target_type: 'person', target_id: p.uuid, summary: '登记人员 张三（北京金山云网络技术有限公司）' });
    expect(audit.after_json).not.toContain(SAMPLE_ID);
    expect(audit.after_json).not.toContain('13800138000');
  });

  it('refuses a bad ID number at the field with the calculator’s message, storing nothing', async () => {
    const bad = async (raw: string) => errorOf(await w.call('person:create', { name: '李四', orgId: w.vendor.id, idNumber: raw }));
    expect(await bad('110105194912310021')).toEqual({ code: 'INVALID_INPUT', field: 'idNumber', message: '校验码不符：第 18 位应为 X，现为 1，请核对号码是否抄错' });
    expect(await bad('11010519491231002')).toMatchObject({ field: 'idNumber', message: '身份证号码应为 18 位（或 15 位旧号码），现为 17 位' });
    expect(await bad('1101051949123100O2')).toMatchObject({ field: 'idNumber', message: '身份证号码第 17 位“O”不是数字（是否应为数字 0？），请核对' });
    // Born after the (fixed) today.
    expect(await bad(idNumber('11010520240602001'))).toMatchObject({
      field: 'idNumber',
      message: '身份证号码中的出生日期 2024-06-02 晚于今天（2024-06-01），请核对第 7–14 位',
    });
    expect(errorOf(await w.call('person:create', { name: '李四', orgId: w.vendor.id, idNumber: '' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'idNumber',
      message: '请填写身份证号码',
    });
    expect(countRows(w.core.db, 'people')).toBe(0);
  });

  it('stores an old 15-digit number upgraded to 18, so the same person entered both ways is one', async () => {
    const p = await w.person({ name: '王五', idNumber: '110105491231002' });
    // 19 inserted before the year, the check character computed: the published sample.
    expect(upgradeIdNumber15('110105491231002')).toBe(SAMPLE_ID);
    expect(w.core.db.prepare('SELECT id_number FROM people WHERE id = ?').pluck().get(p.id)).toBe(SAMPLE_ID);
    expect(p.idNumberMasked).toBe('110*************2X');
    expect(errorOf(await w.call('person:create', { name: '王五', orgId: w.client.id, idNumber: SAMPLE_ID }))).toMatchObject({
      code: 'DUPLICATE',
      field: 'idNumber',
      message: expect.stringContaining('已登记为 王五（北京金山云网络技术有限公司）'),
    });
  });

  it('refuses the same ID number twice, naming the holder and the unit; a voided holder frees it', async () => {
    const holder = await w.person({ name: '张三', idNumber: SAMPLE_ID });
    const again = { name: '张叁', orgId: w.client.id, idNumber: SAMPLE_ID.toLowerCase() };
    expect(errorOf(await w.call('person:create', again))).toEqual({
      code: 'DUPLICATE',
      field: 'idNumber',
      message: '身份证号码 110*************2X 已登记为 张三（北京金山云网络技术有限公司），同一人不能重复登记。如需修改，请在人员列表中打开该人员',
    });
    const other = await w.person({ name: '李四' });
    expect(errorOf(await w.call('person:update', { id: other.id, rev: other.rev, ...again, name: '李四' }))).toMatchObject({
      code: 'DUPLICATE',
      message: expect.stringContaining('已登记为 张三（北京金山云网络技术有限公司）'),
    });
    valueOf(await w.call('person:void', { id: holder.id, rev: holder.rev, reason: '重复录入' }));
    expect(valueOf<Person>(await w.call('person:create', again)).name).toBe('张叁');
  });

  it('edits with the current revision only, keeps 状态 out of the form, and never deletes', async () => {
    const p = await w.person();
    const edited = valueOf<Person>(
      await w.call('person:update', { id: p.id, rev: 0, name: '张三', orgId: w.vendor.id, post: '驻场运维', idNumber: SAMPLE_ID, status: '离岗' }),
    );
    expect(edited).toMatchObject({ rev: 1, post: '驻场运维', status: '在岗', phoneMasked: '', enteredOn: null });
    expect(errorOf(await w.call('person:update', { id: p.id, rev: 0, name: '张三', orgId: w.vendor.id, idNumber: SAMPLE_ID }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(() => w.core.db.prepare('DELETE FROM people').run()).toThrow(/never deleted/);
  });

  it('refuses a voided unit and a phone that is not one, at their fields', async () => {
    const org = valueOf<{ id: number; rev: number }>(await w.call('org:create', { name: '已撤销的公司', kind: 'vendor' }));
    valueOf(await w.call('org:void', { id: org.id, rev: org.rev, reason: '单位注销' }));
    expect(errorOf(await w.call('person:create', { name: '李四', orgId: org.id, idNumber: SAMPLE_ID }))).toEqual({
      code: 'RULE',
      field: 'orgId',
      message: '单位“已撤销的公司”已作废，不能选用',
    });
    expect(errorOf(await w.call('person:create', { name: '李四', orgId: w.vendor.id, idNumber: SAMPLE_ID, phone: '电话号码' }))).toMatchObject({
      field: 'phone',
    });
  });
});

describe('revealing the masked values', () => {
  it('returns the full value to an officer and audits whose and which, never the value', async () => {
    const p = await w.person({ name: '张三', idNumber: SAMPLE_ID, phone: '010-12345678' });
    expect(valueOf(await w.call('person:reveal', { id: p.id, field: 'idNumber' }))).toEqual({ field: 'idNumber', value: SAMPLE_ID });
    let audit = auditRows(w.core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'person.reveal', target_type: 'person', target_id: p.uuid, summary: '查看 张三 的身份证号码' });
    expect(`${audit.before_json}${audit.after_json}`).not.toContain(SAMPLE_ID);

    expect(valueOf(await w.call('person:reveal', { id: p.id, field: 'phone' }))).toEqual({ field: 'phone', value: '010-12345678' });
    audit = auditRows(w.core.db).at(-1)!;
    expect(audit.summary).toBe('查看 张三 的手机/电话');
  });

  it('is refused to a viewer and to the auditor, and the refusal is recorded', async () => {
    const p = await w.person();
    for (const session of [VIEWER, AUDITOR]) {
      expect(errorOf(await w.call('person:reveal', { id: p.id, field: 'idNumber' }, session))).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('查看完整个人信息'),
      });
    }
    const denied = w.core.db.prepare("SELECT action, actor_name AS actor FROM audit_log WHERE result = 'denied'").all();
    expect(denied).toEqual([
      { action: 'person.reveal', actor: VIEWER.displayName },
      { action: 'person.reveal', actor: AUDITOR.displayName },
    ]);
    // A viewer reads the register, masked.
    expect(valueOf<Person>(await w.call('person:get', { id: p.id }, VIEWER)).idNumberMasked).toMatch(/^110\*{13}\d[\dX]$/);
  });
});

describe('the list', () => {
  it('searches a 2-character name (LIKE) and a 3+-character unit substring (trigram), pages and sorts in SQL', async () => {
    const org = valueOf<{ id: number }>(await w.call('org:create', { name: '中国电信股份有限公司北京分公司', kind: 'vendor' }));
    await w.person({ name: '张三丰' });
    await w.person({ name: '李四', orgId: org.id, post: '安全工程师' });
    await w.person({ name: '王五' });
    await w.person({ name: '三毛', orgId: org.id });

    expect(await names({ q: '张三' })).toEqual(['张三丰']);
    expect(await names({ q: '三' })).toEqual(['三毛', '张三丰']);
    expect(await names({ q: '电信股份' })).toEqual(['李四', '三毛']);
    expect(await names({ q: '金山云' })).toEqual(['王五', '张三丰']);
    expect(await names({ q: '安全工程' })).toEqual(['李四']);
    expect(await names({ q: '100%' })).toEqual([]);

    const page = await list({ page: 2, pageSize: 3 });
    expect(page.total).toBe(4);
    expect(page.rows.map((p) => p.name)).toEqual(['张三丰']);
    expect(await names({ sort: 'name', dir: 'desc' })).toEqual(['张三丰', '王五', '三毛', '李四']);
    expect(await names({ orgId: org.id })).toEqual(['李四', '三毛']);
  });

  it('follows a renamed unit in the search', async () => {
    await w.person({ name: '王五' });
    valueOf(await w.call('org:update', { ...w.vendor, name: '金山云科技有限公司', shortName: '' }));
    expect(await names({ q: '云科技' })).toEqual(['王五']);
    expect(await names({ q: '网络技术' })).toEqual([]);
  });

  it('leaves voided people out unless asked, and filters by contract through assignments', async () => {
    const a = await w.person({ name: '张三' });
    const b = await w.person({ name: '李四' });
    valueOf(await w.call('assignment:create', { personId: b.id, contractId: w.contract.id, role: '开发' }));
    valueOf(await w.call('person:void', { id: a.id, rev: a.rev, reason: '录入错误' }));
    expect(await names()).toEqual(['李四']);
    expect(await names({ voided: 'only' })).toEqual(['张三']);
    expect(await names({ voided: 'include' })).toEqual(['李四', '张三']);
    expect(await names({ contractId: w.contract.id })).toEqual(['李四']);
    expect(errorOf(await w.call('person:update', { id: a.id, rev: a.rev + 1, name: '张三', orgId: w.vendor.id, idNumber: SAMPLE_ID }))).toMatchObject({
      code: 'RULE',
      message: expect.stringContaining('已于 2024-06-01 作废，不能再修改'),
    });
  });

  it('filters by the derived sign-off status in SQL, agreeing with the calculator on every person as days pass', async () => {
    const none = await w.person({ name: '未签人' });
    const forever = await w.person({ name: '长期人' });
    await w.signOff(forever.id, { kind: '保密协议' });
    const soon = await w.person({ name: '将到期' });
    await w.signOff(soon.id, { validUntil: '2024-06-20' });
    const past = await w.person({ name: '已过期' });
    await w.signOff(past.id, { validUntil: '2024-05-31' });
    const voided = await w.person({ name: '作废人' });
    const s = await w.signOff(voided.id);
    valueOf(await w.call('signoff:void', { id: s.id, rev: s.rev, reason: '签错人' }));
    const future = await w.person({ name: '未生效' });
    await w.signOff(future.id, { signedDate: '2024-06-10' });
    const yearly = await w.person({ name: '仅年度' });
    await w.signOff(yearly.id, { kind: '在岗年度承诺' });
    const otherContract = await w.person({ name: '他合同' });
    await w.signOff(otherContract.id, { contractId: w.contract.id, validUntil: '2024-12-31' });

    // By pinyin: jin, wei qian, wei sheng, zuo.
    expect(await names({ signOffStatus: '未签' })).toEqual(['仅年度', '未签人', '未生效', '作废人']);
    expect(await names({ signOffStatus: '有效' })).toEqual(['长期人', '他合同']);
    expect(await names({ signOffStatus: '即将到期' })).toEqual(['将到期']);
    expect(await names({ signOffStatus: '已过期' })).toEqual(['已过期']);
    expect(none.signOff.status).toBe('未签');

    for (const day of ['2024-06-01', '2024-06-10', '2024-06-20', '2024-06-21', '2024-12-01', '2025-01-01']) {
      w.at(day);
      const everyone = (await list({ pageSize: 200 })).rows;
      for (const status of ['有效', '即将到期', '已过期', '未签'] as const) {
        const filtered = await names({ signOffStatus: status, pageSize: 200 });
        expect(filtered, `${status} on ${day}`).toEqual(everyone.filter((p) => p.signOff.status === status).map((p) => p.name));
      }
    }
  });
});
