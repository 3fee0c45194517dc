import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Medium, MediumDetail } from '../../../common/api/media';
import { auditRows, countRows, SYSADMIN, valueOf, VIEWER } from '../../testing/fixtures';
import { errorOf } from '../people/testing';
import { openMediaWorld, type MediaWorld } from './testing';

let w: MediaWorld;
beforeEach(async () => {
  w = await openMediaWorld('2026-03-02');
});
afterEach(() => w.core.cleanup());

const list = async (filter: Record<string, unknown> = {}) => valueOf<{ rows: Medium[]; total: number }>(await w.call('media:list', filter));
const numbers = async (filter: Record<string, unknown> = {}) => (await list(filter)).rows.map((m) => m.number);
const update = (m: MediumDetail, fields: Record<string, unknown>) =>
  w.call('media:update', {
    id: m.id,
    rev: m.rev,
    number: m.number,
    kind: m.kind,
    model: m.model,
    serial: m.serial,
    classification: m.classification,
    responsibleId: m.responsibleId,
    orgId: m.orgId,
    contractId: m.contractId,
    location: m.location,
    ...fields,
  });
const lastAudit = () => auditRows(w.core.db).at(-1)!;

describe('registering media', () => {
  it('numbers a new medium by the pattern, registers it 在库 with its 登记入库 event and its 责任人, audited', async () => {
    const m = await w.medium({ serial: 'SN-001', contractId: w.contract.id });
    expect(m).toMatchObject({
      number: 'JZ-2026-0001',
      kind: 'U盘',
      model: '金士顿 DTX 64G',
      classification: '内部',
      responsibleName: '王保密',
      orgName: '北京金山云网络技术有限公司',
      contractLabel: '政务云扩展服务（KSY 2024 0516 0003）',
      status: '在库',
      holderId: null,
      dueBack: null,
      inUse: false,
      needsAttention: false,
      rev: 0,
      openItems: [],
    });
    expect(m.timeline).toMatchObject([
      { seq: 1, type: '登记入库', summary: '登记入库，存放于 保密室 2 号柜', recordedByName: '王保密', participants: [], correctedBy: null },
    ]);
    expect(m.responsibles).toMatchObject([{ personId: w.keeper.id, name: '王保密', to: null, setByName: '王保密' }]);
    expect(lastAudit()).toMatchObject({
      action: 'media.create',
      target_type: 'medium',
      target_id: m.uuid,
      summary: '登记介质 JZ-2026-0001（U盘），密级 内部，责任人 王保密',
    });
    expect((await w.medium()).number).toBe('JZ-2026-0002');
  });

  it('runs the sequence per year of registration, and a registration dated last year takes last year’s number', async () => {
    await w.medium();
    w.at('2027-01-04');
    expect((await w.medium()).number).toBe('JZ-2027-0001');
    expect((await w.medium({ registeredAt: '2026-12-30T10:00:00+08:00' })).number).toBe('JZ-2026-0002');
    expect(errorOf(await w.call('media:create', { kind: 'U盘', classification: '内部', responsibleId: w.keeper.id, orgId: w.vendor.id, registeredAt: '2027-02-01T10:00:00+08:00' }))).toMatchObject({
      code: 'RULE',
      field: 'registeredAt',
      message: expect.stringContaining('登记入库时间不能晚于登记时间'),
    });
  });

  it('takes a typed number, refuses one given before, and skips typed numbers when numbering', async () => {
    const typed = await w.medium({ number: 'JZ-2026-0002' });
    expect(typed.number).toBe('JZ-2026-0002');
    expect((await w.medium()).number).toBe('JZ-2026-0001');
    expect((await w.medium()).number).toBe('JZ-2026-0003');
    expect(errorOf(await w.call('media:create', { number: 'jz-2026-０００２', kind: '移动硬盘', classification: '内部', responsibleId: w.keeper.id, orgId: w.vendor.id }))).toEqual({
      code: 'DUPLICATE',
      field: 'number',
      message: '保密编号 jz-2026-０００２ 已被使用过（U盘 JZ-2026-0002），保密编号不能重复使用，作废后也不能再用',
    });
  });

  it('never gives a number twice: not after voiding, not after it was replaced while unused', async () => {
    const first = await w.medium();
    valueOf(await w.call('media:void', { id: first.id, rev: first.rev, reason: '重复登记' }));
    expect(lastAudit().summary).toBe('作废介质 JZ-2026-0001（U盘），原因：重复登记；保密编号 JZ-2026-0001 不再使用');
    expect((await w.medium()).number).toBe('JZ-2026-0002');
    expect(errorOf(await w.call('media:create', { number: 'JZ-2026-0001', kind: 'U盘', classification: '内部', responsibleId: w.keeper.id, orgId: w.vendor.id }))).toMatchObject({
      code: 'DUPLICATE',
      message: expect.stringContaining('已被使用过（U盘 JZ-2026-0001（已作废））'),
    });
    const third = await w.medium();
    const renamed = valueOf<{ medium: MediumDetail }>(await update(third, { number: 'BM-U-7' })).medium;
    expect(renamed.number).toBe('BM-U-7');
    expect(lastAudit().summary).toBe('修改介质 BM-U-7（U盘）（原编号 JZ-2026-0003）');
    expect((await w.medium()).number).toBe('JZ-2026-0004');
    expect(errorOf(await w.call('media:create', { number: 'JZ-2026-0003', kind: 'U盘', classification: '内部', responsibleId: w.keeper.id, orgId: w.vendor.id }))).toMatchObject({
      code: 'DUPLICATE',
      message: expect.stringContaining('U盘 BM-U-7 曾用的编号'),
    });
    expect(countRows(w.core.db, 'media_numbers')).toBe(5);
  });

  it('keeps the number once the medium is in use; other fields stay editable', async () => {
    const m = await w.medium();
    const issued = await w.record(m.id, { type: '发放/领用', holderId: w.zhang.id });
    expect(issued.inUse).toBe(true);
    expect(errorOf(await update(issued, { number: 'JZ-2026-0099' }))).toEqual({
      code: 'RULE',
      field: 'number',
      message: '介质 JZ-2026-0001（U盘）已有发放、借出等流转记录，保密编号不能再修改',
    });
    const moved = valueOf<{ medium: MediumDetail }>(await update(issued, { location: '保密室 3 号柜', note: '换柜' })).medium;
    expect(moved).toMatchObject({ number: 'JZ-2026-0001', location: '保密室 3 号柜', note: '换柜', status: '已发放', holderName: '张三' });
    expect(() => w.core.db.prepare(`UPDATE media SET number = 'X-1', number_norm = 'X-1' WHERE id = ?`).run(m.id)).toThrow(/keeps its number/);
  });

  it('refuses a serial already registered for the same kind; another kind, or a voided medium, frees it', async () => {
    const first = await w.medium({ serial: 'AA11' });
    expect(errorOf(await w.call('media:create', { kind: 'U盘', serial: 'aa11', classification: '内部', responsibleId: w.keeper.id, orgId: w.vendor.id }))).toEqual({
      code: 'DUPLICATE',
      field: 'serial',
      message: '序列号 aa11 已登记为U盘 JZ-2026-0001，同一类别的序列号不能重复',
    });
    expect((await w.medium({ kind: '移动硬盘', serial: 'AA11' })).serial).toBe('AA11');
    valueOf(await w.call('media:void', { id: first.id, rev: first.rev, reason: '登记错误' }));
    expect((await w.medium({ serial: 'AA11' })).number).toBe('JZ-2026-0003');
  });

  it('checks 密级 against the configured list and the 责任人 against sign before access, at their fields', async () => {
    expect(errorOf(await w.call('media:create', { kind: 'U盘', classification: '绝密', responsibleId: w.keeper.id, orgId: w.vendor.id }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'classification',
      message: '密级“绝密”不在密级列表（公开、内部、秘密、机密）中，请选择；如需增加，请在介质设置中修改密级列表',
    });
    const unsigned = await w.person({ name: '赵六' });
    expect(errorOf(await w.call('media:create', { kind: 'U盘', classification: '内部', responsibleId: unsigned.id, orgId: w.vendor.id }))).toMatchObject({
      code: 'RULE',
      field: 'responsibleId',
      message: expect.stringContaining('赵六'),
    });
    expect(countRows(w.core.db, 'media')).toBe(0);
    expect(countRows(w.core.db, 'media_sequences')).toBe(0);
  });

  it('hands the responsibility over on edit, keeping who was responsible when', async () => {
    const m = await w.medium();
    const changed = valueOf<{ medium: MediumDetail }>(await update(m, { responsibleId: w.li.id })).medium;
    expect(changed.responsibles.map((r) => [r.name, r.to === null])).toEqual([
      ['李四', true],
      ['王保密', false],
    ]);
    expect(await numbers({ responsibleId: w.li.id })).toEqual(['JZ-2026-0001']);
  });

  it('voids only what nobody holds, and a voided medium takes no events', async () => {
    const m = await w.medium();
    const lent = await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' });
    expect(errorOf(await w.call('media:void', { id: m.id, rev: lent.rev, reason: '登记错误' }))).toEqual({
      code: 'RULE',
      message: '介质 JZ-2026-0001（U盘）当前由 张三 借用（应还 2026-03-10），不能作废：请先登记归还、外出返回或修回；如这些记录是误登，请先逐条更正',
    });
    const back = await w.record(m.id, { type: '归还', checkedBy: '王保密' });
    const voided = valueOf<MediumDetail>(await w.call('media:void', { id: m.id, rev: back.rev, reason: '登记错误' }));
    expect(voided).toMatchObject({ voidReason: '登记错误', status: '在库' });
    expect(errorOf(await w.call('media:event', { id: m.id, rev: voided.rev, type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' }))).toMatchObject({
      code: 'RULE',
      message: '介质 JZ-2026-0001（U盘）已于 2026-03-02 作废，不能再登记借出',
    });
    expect(await numbers()).toEqual([]);
    expect(await numbers({ voided: 'only' })).toEqual(['JZ-2026-0001']);
  });
});

describe('the list', () => {
  it('searches by 保密编号, 序列号 and holder, filters by kind, status, 密级 and holder, and pages in SQL', async () => {
    const a = await w.medium({ serial: 'KD-778899' });
    const b = await w.medium({ kind: '移动硬盘', model: '西部数据 1TB', classification: '秘密' });
    await w.medium({ kind: '光盘' });
    await w.record(a.id, { type: '借出', holderId: w.li.id, dueBack: '2026-03-10' });
    await w.record(b.id, { type: '发放/领用', holderId: w.zhang.id });
    expect(await numbers({ q: 'JZ-2026-0002' })).toEqual(['JZ-2026-0002']);
    expect(await numbers({ q: '0003' })).toEqual(['JZ-2026-0003']);
    expect(await numbers({ q: '778899' })).toEqual(['JZ-2026-0001']);
    expect(await numbers({ q: '李四' })).toEqual(['JZ-2026-0001']);
    expect(await numbers({ q: '张三' })).toEqual(['JZ-2026-0002']);
    expect(await numbers({ q: '王保密' })).toEqual(['JZ-2026-0001', 'JZ-2026-0002', 'JZ-2026-0003']);
    expect(await numbers({ kind: '移动硬盘' })).toEqual(['JZ-2026-0002']);
    expect(await numbers({ status: '借出' })).toEqual(['JZ-2026-0001']);
    expect(await numbers({ status: '在库' })).toEqual(['JZ-2026-0003']);
    expect(await numbers({ classification: '秘密' })).toEqual(['JZ-2026-0002']);
    expect(await numbers({ holderId: w.zhang.id })).toEqual(['JZ-2026-0002']);
    const page = await list({ page: 2, pageSize: 2, sort: 'number', dir: 'desc' });
    expect({ total: page.total, rows: page.rows.map((m) => m.number) }).toEqual({ total: 3, rows: ['JZ-2026-0001'] });
    expect(page.rows[0]).toMatchObject({ status: '借出', holderName: '李四', dueBack: '2026-03-10', needsAttention: false });
  });

  it('finds a holder by their new name after the person is renamed', async () => {
    const m = await w.medium();
    await w.record(m.id, { type: '发放/领用', holderId: w.zhang.id });
    w.core.db.prepare(`UPDATE people SET name = '张三丰' WHERE id = ?`).run(w.zhang.id);
    expect(await numbers({ q: '张三丰' })).toEqual(['JZ-2026-0001']);
  });
});

describe('media settings', () => {
  it('are read by the register’s readers, changed by its writers, audited, and used for the next number', async () => {
    expect(valueOf(await w.call('media:settings', {}, VIEWER))).toEqual({
      numberPattern: 'JZ-{YYYY}-{0000}',
      classifications: ['公开', '内部', '秘密', '机密'],
      nextNumber: 'JZ-2026-0001',
    });
    expect(errorOf(await w.call('media:updateSettings', { numberPattern: 'BM-{YYYY}-{000}', classifications: ['内部'] }, VIEWER)).code).toBe('FORBIDDEN');
    expect(errorOf(await w.call('media:settings', {}, SYSADMIN)).code).toBe('FORBIDDEN');
    const saved = valueOf(await w.call('media:updateSettings', { numberPattern: ' BM-{YY}/{000} ', classifications: ['内部', '工作秘密', '秘密'] }));
    expect(saved).toEqual({ numberPattern: 'BM-{YY}/{000}', classifications: ['内部', '工作秘密', '秘密'], nextNumber: 'BM-26/001' });
    expect(lastAudit()).toMatchObject({ action: 'media.updateSettings', summary: '修改介质设置：编号规则 BM-{YY}/{000}，密级 内部、工作秘密、秘密' });
    expect((await w.medium({ classification: '工作秘密' })).number).toBe('BM-26/001');
  });

  it('refuse a pattern that cannot number media and the removal of a 密级 still in use, at their fields', async () => {
    expect(errorOf(await w.call('media:updateSettings', { numberPattern: 'JZ-{YYYY}', classifications: ['内部'] }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'numberPattern',
      message: '编号规则须含一个序号占位符，如 {0000}',
    });
    expect(errorOf(await w.call('media:updateSettings', { numberPattern: 'JZ-{YYYY}-{0000}', classifications: ['内部', '内部'] }))).toMatchObject({
      field: 'classifications',
      message: '密级“内部”重复',
    });
    await w.medium({ classification: '机密' });
    expect(errorOf(await w.call('media:updateSettings', { numberPattern: 'JZ-{YYYY}-{0000}', classifications: ['内部', '秘密'] }))).toEqual({
      code: 'RULE',
      field: 'classifications',
      message: '密级“机密”仍有 1 件介质在用，不能从列表中删除；请先修改这些介质的密级',
    });
  });
});

describe('who may do what', () => {
  it('a viewer reads the register but cannot register media or record events', async () => {
    const m = await w.medium();
    expect(valueOf<{ total: number }>(await w.call('media:list', {}, VIEWER)).total).toBe(1);
    expect(valueOf<MediumDetail>(await w.call('media:get', { id: m.id }, VIEWER)).number).toBe('JZ-2026-0001');
    expect(valueOf(await w.call('media:overdue', {}, VIEWER))).toEqual([]);
    const create = errorOf(await w.call('media:create', { kind: 'U盘', classification: '内部', responsibleId: w.keeper.id, orgId: w.vendor.id }, VIEWER));
    expect(create).toEqual({ code: 'FORBIDDEN', message: '当前账户（查阅）没有“登记和修改台账”权限，不能执行此操作' });
    expect(errorOf(await w.call('media:event', { id: m.id, rev: m.rev, type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10' }, VIEWER)).code).toBe('FORBIDDEN');
    expect(errorOf(await w.call('media:void', { id: m.id, rev: m.rev, reason: '测试作废' }, VIEWER)).code).toBe('FORBIDDEN');
    expect(countRows(w.core.db, 'media_events')).toBe(1);
  });
});

describe('the store', () => {
  it('keeps custody events, their people, given numbers and counters append-only', async () => {
    const m = await w.medium();
    await w.record(m.id, { type: '借出', holderId: w.zhang.id, dueBack: '2026-03-10', acknowledged: ['借用人'] });
    const db = w.core.db;
    expect(() => db.prepare(`UPDATE media_events SET occurred_at = '2026-01-01T00:00:00Z' WHERE medium_id = ?`).run(m.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM media_events WHERE medium_id = ?').run(m.id)).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE media_event_people SET acknowledged = 0').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM media_event_people').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO media_events (uuid, medium_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_by_name, data_json)
           VALUES ('x', ?, 5, '归还', '2026-03-02T12:00:00+08:00', '2026-03-02T12:00:00+08:00', 'a', 'b', '{}')`,
        )
        .run(m.id),
    ).toThrow(/appended in order/);
    expect(() => db.prepare('DELETE FROM media_numbers').run()).toThrow(/never given again/);
    expect(() => db.prepare('UPDATE media_sequences SET last = 0').run()).toThrow(/never goes back/);
    expect(() => db.prepare('DELETE FROM media WHERE id = ?').run(m.id)).toThrow(/never deleted/);
    expect(countRows(db, 'media_events')).toBe(2);
  });
});
