import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediumDetail } from '../../common/api/media';
import type { Person } from '../../common/api/person';
import { auditRows, countRows, valueOf, VIEWER } from '../testing/fixtures';
import { readWorkbook } from '../testing/workbook';
import { openMediaWorld, type MediaWorld } from '../registers/media/testing';
import { errorOf, idNumber, SAMPLE_ID } from '../registers/people/testing';
import { openImport, preview, sheetInput, tableCounts, xlsxOf, type Opened } from './testing';

let w: MediaWorld;
afterEach(() => w?.core.cleanup());

const TITLE = [['人员名册'], ['填报单位：北京市卫生健康监督所']];
const PEOPLE_HEADER = ['序号', '姓名', '单位', '职务', '身份证号', '联系电话', '进场日期'];

describe('import of 人员', () => {
  it('previews every row with the rules of manual entry and writes nothing', async () => {
    w = await openMediaWorld();
    await w.person({ name: '赵六', idNumber: idNumber('11010519850101001') });
    const bytes = await xlsxOf({
      人员: [
        ...TITLE,
        PEOPLE_HEADER,
        [1, '孙七', '金山云', '运维工程师', idNumber('11010519900307002'), '13800138001', '2024年5月20日'],
        [2, '周八', '北京金山云网络技术有限公司', '', '110105199003070021', '', '2024.5.20'],
        [3, '吴九', '不存在的公司', '', idNumber('11010519900307003'), '', ''],
        [4, '赵六', '金山云', '', idNumber('11010519850101001'), '', ''],
        [5, '郑十', '金山云', '', 110105199003070030, '', '2024-02-30'],
        [],
      ],
    });
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'people', '人员名册.xlsx', bytes));
    expect(opened.sheets[0]!.headerRow).toBe(2);
    expect(opened.sheets[0]!.suggested).toMatchObject({ name: 1, org: 2, post: 3, idNumber: 4, phone: 5, enteredOn: 6 });
    expect(opened.sm3).toMatch(/^[0-9a-f]{64}$/);

    const before = tableCounts(w.core);
    const p = await preview(w.call, sheetInput(opened, 'people'));
    expect(tableCounts(w.core)).toEqual(before);
    expect(p).toMatchObject({ total: 5, ok: 1, errors: 3, duplicates: 1, unitsToCreate: ['不存在的公司'], missingColumns: [] });
    const [sun, zhou, wu, zhao, zheng] = p.rows;
    expect(sun).toMatchObject({ line: 4, status: 'ok', errors: [] });
    expect(zhou!.errors).toEqual([{ field: 'idNumber', column: 4, message: expect.stringContaining('校验码') }]);
    expect(wu!.errors).toEqual([{ field: 'org', column: 2, message: expect.stringContaining('单位名录中没有“不存在的公司”') }]);
    expect(zhao).toMatchObject({ status: 'duplicate', errors: [{ field: 'idNumber', message: expect.stringContaining('赵六') }] });
    expect(zheng!.errors.map((e) => e.field).sort()).toEqual(['enteredOn', 'idNumber']);
    expect(zheng!.errors.find((e) => e.field === 'idNumber')!.message).toContain('被存成了数字');
    expect(zheng!.errors.find((e) => e.field === 'enteredOn')!.message).toContain('2 月没有 30 日');
  });

  it('commits all rows or nothing; with onlyValid the good rows, audited with counts and the SM3', async () => {
    w = await openMediaWorld();
    const bytes = await xlsxOf({
      人员: [PEOPLE_HEADER, [1, '孙七', '金山云', '运维', idNumber('11010519900307002'), '', ''], [2, '周八', '金山云', '', '123', '', '']],
    });
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'people', '人员.xlsx', bytes));
    const before = tableCounts(w.core);
    const refused = errorOf(await w.call('import:commit', sheetInput(opened, 'people')));
    expect(refused.message).toContain('有 1 行有误（如第 3 行');
    expect(refused.message).toContain('未导入任何记录');
    expect({ ...tableCounts(w.core), audit_log: before.audit_log }).toEqual(before);

    const done = valueOf<{ imported: number; skipped: number; sm3: string }>(await w.call('import:commit', sheetInput(opened, 'people', { onlyValid: true })));
    expect(done).toMatchObject({ imported: 1, skipped: 1, sm3: opened.sm3 });
    expect(countRows(w.core.db, 'people') - before.people!).toBe(1);
    const people = valueOf<{ rows: Person[] }>(await w.call('person:list', { q: '孙七' })).rows;
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ orgId: w.vendor.id, post: '运维' });
    const trail = auditRows(w.core.db).slice(-2);
    expect(trail.map((r) => r.action)).toEqual(['person.create', 'import.commit']);
    expect(trail[1]!.summary).toContain(`SM3 ${opened.sm3}`);
    expect(trail[1]!.summary).toContain('导入 1 条，跳过有误的 1 行（第 3 行）');
    // The staged file is gone once committed: the same file is not imported twice by accident.
    expect(errorOf(await w.call('import:commit', sheetInput(opened, 'people', { onlyValid: true }))).code).toBe('NOT_FOUND');
  });

  it('creates the units rows name when the officer allows it, once per name', async () => {
    w = await openMediaWorld();
    const bytes = await xlsxOf({ 人员: [PEOPLE_HEADER, [1, '甲', '新华三技术有限公司', '', idNumber('11010519900307011'), '', ''], [2, '乙', '新华三技术有限公司', '', idNumber('11010519900307012'), '', '']] });
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'people', 'p.xlsx', bytes));
    const p = await preview(w.call, sheetInput(opened, 'people', { createUnits: true }));
    expect(p).toMatchObject({ ok: 2, unitsToCreate: ['新华三技术有限公司'] });
    const done = valueOf<{ unitsCreated: string[] }>(await w.call('import:commit', sheetInput(opened, 'people', { createUnits: true })));
    expect(done.unitsCreated).toEqual(['新华三技术有限公司']);
    expect(countRows(w.core.db, 'organisations', "WHERE name = '新华三技术有限公司' AND kind = 'vendor'")).toBe(1);
    expect(countRows(w.core.db, 'people', "WHERE name IN ('甲', '乙')")).toBe(2);
  });

  it('refuses a viewer and a mapping without its required columns', async () => {
    w = await openMediaWorld();
    const bytes = await xlsxOf({ 人员: [['姓名', '身份证号码'], ['孙七', SAMPLE_ID]] });
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'people', 'p.xlsx', bytes));
    const p = await preview(w.call, sheetInput(opened, 'people'));
    expect(p.missingColumns).toEqual(['所属单位']);
    expect(errorOf(await w.call('import:commit', sheetInput(opened, 'people', { onlyValid: true }))).message).toContain('“所属单位”尚未对应');
    // Import writes registers: a viewer may not even open a file, and the refusal is in the trail.
    w.core.shell.openFiles.push({ name: 'p.xlsx', bytes });
    expect(errorOf(await w.call('import:open', { register: 'people' }, VIEWER)).code).toBe('FORBIDDEN');
    expect(w.core.shell.openFiles).toHaveLength(1);
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ channel: 'import:open', actor_id: VIEWER.accountId });
  });
});

describe('import of 存储介质', () => {
  it('registers media with their responsible person and records the current holder as 发放/领用', async () => {
    w = await openMediaWorld();
    const unsigned = await w.person({ name: '钱未签' });
    const bytes = await xlsxOf({
      说明: [['本表为导出说明']],
      介质: [
        ['保密编号', '类型', '品牌型号', 'SN', '容量', '密级', '保管人', '所属单位', '启用时间', '领用人', '备注'],
        ['BM-U-001', '优盘', '金士顿', 'SN001', '64GB', '内部', '王保密', '金山云', 45432, '张三', ''],
        ['BM-U-002', 'U盘', '金士顿', 'SN002', '64GB', '内部', '王保密', '金山云', '', '', ''],
        ['BM-U-003', '软盘', '', 'SN003', '', '绝密', '王保密', '金山云', '', '钱未签', ''],
        ['BM-U-001', 'U盘', '', 'SN004', '', '内部', '王保密', '金山云', '', '', '同号'],
      ],
    }, ['说明']);
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'media', '介质.xlsx', bytes));
    expect(opened.sheet).toBe('介质');
    expect(opened.sheets.map((s) => [s.name, s.hidden])).toEqual([['说明', true], ['介质', false]]);
    const p = await preview(w.call, sheetInput(opened, 'media'));
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'ok', 'error', 'duplicate']);
    const bad = p.rows[2]!;
    // 软盘 is no kind of the register: refused at its cell, naming what was written.
    expect(bad.errors).toEqual([{ field: 'kind', column: 1, message: expect.stringContaining('介质类别“软盘”不在可选范围内') }]);
    expect(p.rows[3]!.errors[0]!.message).toContain('BM-U-001');

    const fixed = await xlsxOf({
      介质: [
        ['保密编号', '类型', 'SN', '密级', '保管人', '所属单位', '启用时间', '领用人'],
        ['BM-U-001', '优盘', 'SN001', '内部', '王保密', '金山云', 45432, '张三'],
        ['BM-U-002', 'U盘', 'SN002', '内部', '王保密', '金山云', '', ''],
        ['BM-U-003', 'U盘', 'SN003', '内部', '王保密', '金山云', '', unsigned.name],
      ],
    });
    const again = valueOf<Opened>(await openImport(w.core, w.call, 'media', '介质.xlsx', fixed));
    const check = await preview(w.call, sheetInput(again, 'media'));
    expect(check.rows[2]).toMatchObject({ status: 'error', errors: [{ field: 'holder' }] });
    const done = valueOf<{ imported: number }>(await w.call('import:commit', sheetInput(again, 'media', { onlyValid: true })));
    expect(done.imported).toBe(2);
    const list = valueOf<{ rows: MediumDetail[] }>(await w.call('media:list', { q: 'BM-U-001' })).rows;
    expect(list[0]).toMatchObject({ number: 'BM-U-001', kind: 'U盘', status: '已发放', holderName: '张三', responsibleName: '王保密', enabledOn: '2024-05-20' });
    expect(countRows(w.core.db, 'media', "WHERE number = 'BM-U-003'")).toBe(0);
  });
});

describe('import of 访问IP报备', () => {
  it('reads users by name within the unit, the validity period in one cell, and refuses bad addresses at their cell', async () => {
    w = await openMediaWorld();
    const bytes = await xlsxOf({
      报备: [
        ['报备单位', '使用人', '联系方式', 'IP地址/地址段', '接入方式', '访问系统', '用途', '有效期', '申请日期'],
        ['金山云', '张三、李四', '13800138000', '10.1.2.0/24', 'vpn', '政务云管理平台', '运维', '2026-03-01 至 2026-12-31', '2026年3月1日'],
        ['金山云', '张三', '13800138000', '10.1.2.300', '堡垒机', '政务云管理平台', '运维', '2026-03-01至2026-12-31', '2026-03-01'],
      ],
    });
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'ipFilings', 'ip.xlsx', bytes));
    const p = await preview(w.call, sheetInput(opened, 'ipFilings'));
    expect(p.rows[0]).toMatchObject({ status: 'ok' });
    expect(p.rows[1]!.errors).toEqual([{ field: 'addresses', column: 3, message: expect.stringContaining('10.1.2.300') }]);
    valueOf(await w.call('import:commit', sheetInput(opened, 'ipFilings', { onlyValid: true })));
    const row = w.core.db.prepare(`SELECT valid_from AS f, valid_to AS t, access_method AS m FROM ip_filings`).get() as { f: string; t: string; m: string };
    expect(row).toEqual({ f: '2026-03-01', t: '2026-12-31', m: 'VPN' });
    expect(countRows(w.core.db, 'ip_filing_users')).toBe(2);
  });
});

describe('saved mappings and the annotated errors', () => {
  it('keeps a mapping per register by name, replaced by name, audited', async () => {
    w = await openMediaWorld();
    const saved = valueOf<unknown[]>(await w.call('import:saveMapping', { register: 'media', name: '信息中心', fields: { kind: '设备类型', org: '单位' } }));
    expect(saved).toEqual([{ name: '信息中心', fields: { kind: '设备类型', org: '单位' } }]);
    valueOf(await w.call('import:saveMapping', { register: 'media', name: '信息中心', fields: { kind: '类型' } }));
    expect(valueOf(await w.call('import:mappings', { register: 'media' }))).toEqual([{ name: '信息中心', fields: { kind: '类型' } }]);
    expect(valueOf(await w.call('import:mappings', { register: 'people' }))).toEqual([]);
    expect(valueOf(await w.call('import:deleteMapping', { register: 'media', name: '信息中心' }))).toEqual([]);
    expect(auditRows(w.core.db).slice(-3).map((r) => r.action)).toEqual(['import.saveMapping', 'import.saveMapping', 'import.deleteMapping']);
  });

  it('saves the sheet with each row’s result and its wrong cells shaded with the message as a note', async () => {
    w = await openMediaWorld();
    const bytes = await xlsxOf({ 人员: [PEOPLE_HEADER, [1, '孙七', '金山云', '', idNumber('11010519900307002'), '', ''], [2, '=cmd', '无此单位', '', '', '', ''], [3, '周八', '金山云', '', '123', '', '']] });
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'people', 'p.xlsx', bytes));
    const path = join(w.core.dir, 'errors.xlsx');
    w.core.shell.savePath = path;
    const before = tableCounts(w.core);
    expect(valueOf(await w.call('import:errors', sheetInput(opened, 'people')))).toEqual({ saved: true, path, rows: 2 });
    expect({ ...tableCounts(w.core), audit_log: before.audit_log }).toEqual(before);
    const ws = (await readWorkbook(new Uint8Array(readFileSync(path)))).worksheets[0]!;
    expect(ws.getRow(1).getCell(8).value).toBe('导入检查结果');
    expect(ws.getRow(2).getCell(8).value).toBe('可导入');
    expect(String(ws.getRow(3).getCell(8).value)).toContain('单位名录中没有“无此单位”');
    expect(ws.getRow(3).getCell(2).value).toBe("'=cmd");
    expect(ws.getRow(3).getCell(3).note).toContain('无此单位');
    expect(ws.getRow(4).getCell(5).note).toContain('身份证号码应为 18 位');
    expect(ws.getRow(4).getCell(3).note).toBeUndefined();
    expect(auditRows(w.core.db).at(-1)!.action).toBe('import.errors');
  });
});

describe('import of 保密承诺', () => {
  it('finds the signer by name in the unit or by ID number, reads the kind in short words and the 脱密期 in one cell', async () => {
    w = await openMediaWorld();
    const sun = await w.person({ name: '孙七', idNumber: idNumber('11010519900307002') });
    const bytes = await xlsxOf({
      承诺: [
        ['序号', '姓名', '所属单位', '身份证号', '承诺类型', '签订日期', '脱密期', '见证人', '份数', '存放位置'],
        [1, '孙七', '金山云', '', '上岗', '2024年5月20日', '', '王保密', '2份', '保密办'],
        [2, '', '', idNumber('11010519900307002'), '离岗', '2024.6.1', '2024-06-01 至 2025-05-31', '王保密', 2, '保密办'],
        [3, '无名氏', '金山云', '', '上岗', '2024-05-20', '', '', '', ''],
        [4, '孙七', '金山云', '', '口头承诺', '2024-05-20', '', '', '', ''],
      ],
    });
    const opened = valueOf<Opened>(await openImport(w.core, w.call, 'signoffs', '承诺.xlsx', bytes));
    const p = await preview(w.call, sheetInput(opened, 'signoffs'));
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'ok', 'error', 'error']);
    expect(p.rows[2]!.errors).toEqual([{ field: 'name', column: 1, message: expect.stringContaining('人员名册中没有“无名氏”') }]);
    expect(p.rows[3]!.errors).toEqual([{ field: 'kind', column: 4, message: expect.stringContaining('承诺类型“口头承诺”不正确') }]);
    valueOf(await w.call('import:commit', sheetInput(opened, 'signoffs', { onlyValid: true })));
    const rows = w.core.db
      .prepare(`SELECT kind, signed_date AS signed, declassify_from AS f, declassify_to AS t, copies FROM person_signoffs WHERE person_id = ? ORDER BY signed_date`)
      .all(sun.id);
    expect(rows).toEqual([
      { kind: '上岗保密承诺书', signed: '2024-05-20', f: null, t: null, copies: 2 },
      { kind: '离岗保密承诺书', signed: '2024-06-01', f: '2024-06-01', t: '2025-05-31', copies: 2 },
    ]);
  });
});
