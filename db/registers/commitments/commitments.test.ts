import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitmentKind, CommitmentTemplate } from '../../../common/api/commitment';
import { checkTemplate } from '../../../common/people/commitment-template';
import { SIGNOFF_KINDS } from '../../../common/people/signoff';
import { INITIAL_TEMPLATES } from '../../migrations/0011_commitment_templates';
import { auditRows, countRows, OFFICER, valueOf, VIEWER } from '../../testing/fixtures';
import { errorOf, openPeopleWorld, SAMPLE_ID, type PeopleWorld } from '../people/testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2025-03-01');
});
afterEach(() => w.core.cleanup());

const list = async () => valueOf<CommitmentKind[]>(await w.call('commitment:list', {}));
const save = (fields: Record<string, unknown>, session = OFFICER) =>
  w.call('commitment:save', { kind: '上岗保密承诺书', baseVersion: 1, title: '上岗保密承诺书', body: '本人{{姓名}}承诺保守秘密。', ...fields }, session);

describe('initial templates', () => {
  it('every kind starts at version 1 with a numbered Chinese text that passes the placeholder check', async () => {
    const kinds = await list();
    expect(kinds.map((k) => [k.kind, k.current.version, k.history.length])).toEqual(SIGNOFF_KINDS.map((k) => [k, 1, 1]));
    for (const k of kinds) {
      expect(checkTemplate(k.current.body)).toMatchObject({ ok: true });
      expect(checkTemplate(k.current.title)).toMatchObject({ ok: true });
      expect(k.current.body).toContain('{{姓名}}');
      expect(k.current.body).toMatch(/\n一、[\s\S]*\n二、[\s\S]*\n三、[\s\S]*\n四、/);
      expect(k.current.createdByName).toBe('系统');
    }
    expect(INITIAL_TEMPLATES.map((t) => t.kind)).toEqual([...SIGNOFF_KINDS]);
    const exit = kinds.find((k) => k.kind === '离岗保密承诺书')!.current.body;
    expect(exit).toContain('{{脱密期开始}}');
    expect(exit).toContain('{{脱密期结束}}');
  });
});

describe('commitment:save', () => {
  it('saves the next version, keeps the earlier one readable, and is audited', async () => {
    const saved = valueOf<CommitmentTemplate>(await save({ note: '按 2025 年保密工作要点修改' }));
    expect(saved).toMatchObject({ kind: '上岗保密承诺书', version: 2, body: '本人{{姓名}}承诺保守秘密。', createdByName: OFFICER.displayName });
    const k = (await list())[0]!;
    expect(k.current.version).toBe(2);
    expect(k.history.map((h) => [h.version, h.createdByName, h.note])).toEqual([
      [2, OFFICER.displayName, '按 2025 年保密工作要点修改'],
      [1, '系统', expect.any(String)],
    ]);
    const v1 = valueOf<CommitmentTemplate>(await w.call('commitment:get', { kind: '上岗保密承诺书', version: 1 }));
    expect(v1.body).toContain('上岗前，本人已接受保密教育');
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'commitment.save',
      target_type: 'commitment_template',
      target_id: saved.uuid,
      summary: '保存承诺书模板“上岗保密承诺书”第 2 版（此前为第 1 版），修改说明：按 2025 年保密工作要点修改',
    });
  });

  it('normalises line endings and trailing spaces before comparing and storing', async () => {
    const saved = valueOf<CommitmentTemplate>(await save({ body: '\r\n第一段  \r\n第二段{{岗位}}\r\n\r\n' }));
    expect(saved.body).toBe('第一段\n第二段{{岗位}}');
  });

  it('refuses an unchanged text, unknown or unclosed placeholders, at the field, storing nothing', async () => {
    const current = (await list())[0]!.current;
    expect(errorOf(await save({ title: current.title, body: `${current.body}\n` }))).toEqual({
      code: 'RULE',
      field: 'body',
      message: '标题和正文与当前的第 1 版相同，没有需要保存的修改',
    });
    const unknown = errorOf(await save({ body: '本人{{姓名}}，年龄{{年龄}}' }));
    expect(unknown).toMatchObject({ code: 'INVALID_INPUT', field: 'body' });
    expect(unknown.message).toMatch(/^正文：未知的占位符：\{\{年龄\}\}。可用的占位符：\{\{姓名\}\}、\{\{身份证号\}\}、/);
    expect(errorOf(await save({ title: '{{合同名称 保密协议' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'title' });
    expect(errorOf(await save({ body: '   ' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'body', message: '请填写正文' });
    expect(errorOf(await save({ title: '上岗\n保密承诺书' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'title', message: '标题只能有一行' });
    expect(countRows(w.core.db, 'commitment_templates')).toBe(5);
  });

  it('refuses a save based on a version that is no longer current', async () => {
    valueOf(await save({}));
    expect(errorOf(await save({ body: '另一位保密员的修改{{姓名}}' }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已由 王保密 于 2025-03-01 保存为第 2 版，您修改的是第 1 版'),
    });
  });

  it('a viewer may read but not save', async () => {
    expect((await list()).length).toBe(5);
    expect(valueOf<CommitmentKind[]>(await w.call('commitment:list', {}, VIEWER)).length).toBe(5);
    expect(errorOf(await save({}, VIEWER))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an unknown version with the versions there are', async () => {
    expect(errorOf(await w.call('commitment:get', { kind: '保密协议', version: 3 }))).toEqual({
      code: 'NOT_FOUND',
      field: 'version',
      message: '“保密协议”的承诺书模板没有第 3 版，现有第 1 版',
    });
  });
});

describe('template rows never change', () => {
  it('refuses UPDATE and DELETE, and versions out of sequence', () => {
    const db = w.core.db;
    expect(() => db.prepare("UPDATE commitment_templates SET body = '改' WHERE version = 1").run()).toThrow(/never change/);
    expect(() => db.prepare('DELETE FROM commitment_templates').run()).toThrow(/never deleted/);
    const insert = db.prepare(
      `INSERT INTO commitment_templates (uuid, kind, version, title, body, created_at, created_by, created_by_name)
       VALUES (?, '保密协议', ?, '保密协议', '正文', '2025-01-01T00:00:00Z', 'x', 'x')`,
    );
    expect(() => insert.run('u-3', 3)).toThrow(/numbered 1, 2, 3/);
    expect(() => insert.run('u-1', 1)).toThrow();
    expect(countRows(db, 'commitment_templates')).toBe(5);
  });
});

describe('sign-offs name an existing template version', () => {
  it('refuses on create a version the kind does not have, at templateVersion, and accepts an existing one', async () => {
    const p = await w.person();
    expect(errorOf(await w.call('signoff:create', { personId: p.id, kind: '保密协议', signedDate: '2025-02-01', templateVersion: 2 }))).toEqual({
      code: 'RULE',
      field: 'templateVersion',
      message: '“保密协议”的承诺书模板没有第 2 版，现有第 1 版；请选择签署时所用的版本，或不填写模板版本',
    });
    valueOf(await save({}));
    const s = await w.signOff(p.id, { templateVersion: 2 });
    expect(s.templateVersion).toBe(2);
    expect(countRows(w.core.db, 'person_signoffs')).toBe(1);
  });

  it('refuses on update a version the new kind does not have', async () => {
    valueOf(await save({}));
    const p = await w.person();
    const s = await w.signOff(p.id, { templateVersion: 2 });
    const { id, rev, kind: _k, personId: _p, ...rest } = s;
    const fields = {
      contractId: rest.contractId,
      signedDate: rest.signedDate,
      validUntil: rest.validUntil,
      witness: rest.witness,
      copies: rest.copies,
      keptAt: rest.keptAt,
      note: rest.note,
    };
    expect(errorOf(await w.call('signoff:update', { id, rev, ...fields, kind: '保密协议', templateVersion: 2 }))).toMatchObject({
      code: 'RULE',
      field: 'templateVersion',
    });
    const changed = valueOf<{ kind: string; templateVersion: number }>(
      await w.call('signoff:update', { id, rev, ...fields, kind: '保密协议', templateVersion: 1 }),
    );
    expect(changed).toMatchObject({ kind: '保密协议', templateVersion: 1 });
  });

  it('the database refuses a dangling version even past the register (trigger backstop)', async () => {
    const p = await w.person();
    const s = await w.signOff(p.id, { templateVersion: 1 });
    expect(() => w.core.db.prepare('UPDATE person_signoffs SET template_version = 7 WHERE id = ?').run(s.id)).toThrow(/names no version/);
    expect(() => w.core.db.prepare("UPDATE person_signoffs SET kind = '保密协议', template_version = 4 WHERE id = ?").run(s.id)).toThrow(/names no version/);
    expect(() =>
      w.core.db
        .prepare(
          `INSERT INTO person_signoffs (uuid, person_id, kind, signed_date, template_version, created_at, created_by, updated_at, updated_by)
           VALUES ('u', ?, '专项保密承诺', '2025-01-01', 2, 'x', 'x', 'x', 'x')`,
        )
        .run(p.id),
    ).toThrow(/names no version/);
  });
});

describe('the printed commitment (report selection `commitment`)', () => {
  const input = (filter: Record<string, unknown>) => ({
    selection: { register: 'commitment', filter: { kind: '上岗保密承诺书', contractId: null, version: null, signDate: null, fullIdNumber: false, ...filter } },
    options: { marking: '内部', unitName: '北京市卫生健康监督所' },
  });
  const htmlOf = () => {
    const call = w.core.shell.calls.find((c) => c.method === 'printHtml' || c.method === 'htmlToPdf');
    if (!call || !('html' in call)) throw new Error('nothing printed');
    return call.html;
  };

  it('fills name, unit, post and contract, masks the ID number, and names the template version in small print', async () => {
    const p = await w.person({ name: '刘运维', idNumber: SAMPLE_ID, post: '驻场运维工程师' });
    const result = valueOf(await w.call('report:print', input({ personId: p.id, contractId: w.contract.id, signDate: '2025-03-03' })));
    expect(result).toEqual({ printed: true, rows: 1 });
    const html = htmlOf();
    for (const text of [
      '<title>上岗保密承诺书</title>',
      '本人刘运维，身份证号码110*************2X，系北京金山云网络技术有限公司驻场运维工程师，因参与政务云扩展服务（合同编号：KSY 2024 0516 0003）的工作',
      '在北京市卫生健康监督所的工作场所',
      '<p>一、严格遵守',
      '承诺人（签字）：<span class="line"></span>',
      '见证人：<span class="line"></span>',
      '本承诺书一式＿＿份',
      '模板：上岗保密承诺书 第 1 版',
      '承诺人：刘运维（北京金山云网络技术有限公司） · 合同：KSY 2024 0516 0003',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain(SAMPLE_ID);
    expect(html).not.toContain('{{');
    expect(w.core.shell.calls.at(-1)).toMatchObject({ method: 'printHtml', options: { landscape: false } });
    expect(auditRows(w.core.db).at(-1)).toMatchObject({
      action: 'report.print',
      target_type: 'person',
      target_id: p.uuid,
      summary: '打印“上岗保密承诺书”（刘运维，北京金山云网络技术有限公司，模板第 1 版）',
    });
  });

  it('prints the full ID number only for an account with personal.reveal, and says so in the audit record', async () => {
    const p = await w.person({ idNumber: SAMPLE_ID });
    const forbidden = errorOf(await w.call('report:print', input({ personId: p.id, fullIdNumber: true }), VIEWER));
    expect(forbidden).toEqual({
      code: 'FORBIDDEN',
      field: 'fullIdNumber',
      message: '当前账户（查阅）没有“查看完整个人信息”权限，不能打印完整身份证号；请关闭“打印完整身份证号”后再打印',
    });
    expect(w.core.shell.calls).toEqual([]);
    valueOf(await w.call('report:print', input({ personId: p.id }), VIEWER));
    expect(htmlOf()).toContain('110*************2X');

    w.core.shell.calls.length = 0;
    w.core.shell.savePath = `${w.core.dir}/commitment.pdf`;
    valueOf(await w.call('report:pdf', input({ personId: p.id, fullIdNumber: true })));
    expect(htmlOf()).toContain(`身份证号码${SAMPLE_ID}`);
    const audit = auditRows(w.core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'report.pdf', actor_id: OFFICER.accountId, target_id: p.uuid });
    expect(audit.summary).toBe(`导出 PDF“上岗保密承诺书”（张三，北京金山云网络技术有限公司，模板第 1 版），打印了完整身份证号，保存为 ${w.core.dir}/commitment.pdf`);
    expect(audit.after_json).not.toContain(SAMPLE_ID);
  });

  it('prints a chosen earlier version, the current one by default, and refuses a version that does not exist', async () => {
    const p = await w.person();
    valueOf(await save({ title: '上岗保密承诺书（2025 版）', body: '本人{{姓名}}，新版正文。' }));
    valueOf(await w.call('report:print', input({ personId: p.id })));
    expect(htmlOf()).toContain('本人张三，新版正文。');
    expect(htmlOf()).toContain('模板：上岗保密承诺书 第 2 版');
    w.core.shell.calls.length = 0;
    valueOf(await w.call('report:print', input({ personId: p.id, version: 1 })));
    expect(htmlOf()).toContain('上岗前，本人已接受保密教育');
    expect(errorOf(await w.call('report:print', input({ personId: p.id, version: 5 })))).toEqual({
      code: 'NOT_FOUND',
      field: 'version',
      message: '“上岗保密承诺书”的承诺书模板没有第 5 版，现有第 1 版至第 2 版',
    });
  });

  it('leaves what is not known as lines to write on, and fills dates the Chinese way', async () => {
    const p = await w.person({ post: '' });
    valueOf(await w.call('report:print', input({ personId: p.id, kind: '在岗年度承诺', signDate: '2025-03-10' })));
    const html = htmlOf();
    expect(html).toContain('<title>在岗人员年度保密承诺书</title>');
    expect(html).toContain('系北京金山云网络技术有限公司＿＿＿＿＿＿，在＿＿＿＿＿＿（合同编号：＿＿＿＿＿＿）');
    expect(html).toContain('今后一年（至2026年3月9日）');
  });

  it('a departure commitment takes the 脱密期 of the recorded sign-off it is a copy of', async () => {
    const p = await w.person();
    await w.signOff(p.id, { kind: '离岗保密承诺书', signedDate: '2025-02-28', declassifyFrom: '2025-03-01', declassifyTo: '2025-08-31' });
    valueOf(await w.call('report:print', input({ personId: p.id, kind: '离岗保密承诺书', signDate: '2025-02-28' })));
    expect(htmlOf()).toContain('脱密期自2025年3月1日起至2025年8月31日止');
  });

  it('a 保密协议 is signed by both sides', async () => {
    const p = await w.person();
    valueOf(await w.call('report:print', input({ personId: p.id, kind: '保密协议' })));
    const html = htmlOf();
    expect(html).toContain('甲方：北京市卫生健康监督所');
    expect(html).toContain('乙方（签字）：');
    expect(html).toContain('甲方（盖章）：');
    expect(html).toContain('本协议一式＿＿份');
  });

  it('is not exported to Excel, refuses a voided person or contract, and the auditor may not print it', async () => {
    const p = await w.person();
    w.core.shell.savePath = '/tmp/never.xlsx';
    expect(errorOf(await w.call('report:xlsx', input({ personId: p.id })))).toEqual({
      code: 'RULE',
      message: '“上岗保密承诺书”只能打印或导出 PDF，不能导出 Excel',
    });
    expect(errorOf(await w.call('report:print', input({ personId: p.id }), { ...VIEWER, roles: ['auditor'] }))).toMatchObject({ code: 'FORBIDDEN' });
    valueOf(await w.call('contract:void', { id: w.contract.id, rev: w.contract.rev, reason: '重复登记' }));
    expect(errorOf(await w.call('report:print', input({ personId: p.id, contractId: w.contract.id })))).toMatchObject({
      code: 'RULE',
      field: 'contractId',
    });
    const voided = valueOf<{ id: number }>(await w.call('person:void', { id: p.id, rev: p.rev, reason: '重复登记' }));
    expect(errorOf(await w.call('report:print', input({ personId: voided.id })))).toMatchObject({
      code: 'RULE',
      field: 'personId',
      message: '人员 张三（北京金山云网络技术有限公司）已作废，不能为其打印承诺书',
    });
    expect(w.core.shell.calls).toEqual([]);
  });
});
