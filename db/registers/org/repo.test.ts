import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chineseSortKey } from '../../core/sortkey';
import { ORG_SORTS, type Org, type OrgFields } from '../../../common/api/org';
import type { Result } from '../../../common/api/result';
import { auditRows, countRows, OFFICER, openTestCore, valueOf, type TestCore } from '../../testing/fixtures';

const REAL_USCC = '9111010857121431XA';
const OTHER_USCC = '91410100MA44AXW67P';
/** A valid code distinct from the others, for tests that need a third one. */
const THIRD_USCC = '12100000400000624D';

let core: TestCore;
let clock: Date;
const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
};

beforeEach(async () => {
  clock = new Date('2025-06-02T01:30:00.000Z');
  core = await openTestCore({ now: () => clock });
});
afterEach(() => core.cleanup());

const call = (channel: string, payload: unknown) => core.router.invoke(channel, OFFICER, payload);
async function create(fields: Partial<OrgFields> & { name: string }): Promise<Org> {
  tick();
  return valueOf<Org>(await call('org:create', { kind: 'client', ...fields }));
}
async function list(filter: Record<string, unknown> = {}): Promise<{ rows: Org[]; total: number }> {
  return valueOf(await call('org:list', filter));
}
const names = async (filter: Record<string, unknown> = {}) => (await list({ pageSize: 200, ...filter })).rows.map((o) => o.name);
function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}
const fieldsOf = (o: Org) => ({
  name: o.name,
  shortName: o.shortName,
  kind: o.kind,
  uscc: o.uscc,
  address: o.address,
  contact: o.contact,
  phone: o.phone,
  email: o.email,
  note: o.note,
});

describe('organisations: create, get, update', () => {
  it('creates a record with a stable UUID, rev 0, timestamps and the normalised credit code', async () => {
    const org = await create({ name: '郑州大学', shortName: '郑大', uscc: '9111 0108 5712 1431 xa', phone: '0371-67781234' });
    expect(org).toMatchObject({
      name: '郑州大学',
      shortName: '郑大',
      kind: 'client',
      uscc: REAL_USCC,
      phone: '0371-67781234',
      rev: 0,
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
      voidedAt: null,
      voidReason: null,
    });
    expect(org.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(valueOf<Org>(await call('org:get', { id: org.id }))).toEqual(org);
  });

  it('increments rev on every update and keeps the creation time', async () => {
    const org = await create({ name: '郑州大学' });
    tick();
    const first = valueOf<Org>(await call('org:update', { ...fieldsOf(org), id: org.id, rev: 0, address: '河南省郑州市高新区科学大道100号' }));
    expect(first.rev).toBe(1);
    expect(first.address).toBe('河南省郑州市高新区科学大道100号');
    expect(first.createdAt).toBe(org.createdAt);
    expect(first.updatedAt).toBe(clock.toISOString());
    expect(first.uuid).toBe(org.uuid);
    const second = valueOf<Org>(await call('org:update', { ...fieldsOf(first), id: org.id, rev: 1, contact: '张老师' }));
    expect(second.rev).toBe(2);
  });

  it('refuses an update based on a stale rev with CONFLICT and changes nothing', async () => {
    const org = await create({ name: '郑州大学' });
    valueOf(await call('org:update', { ...fieldsOf(org), id: org.id, rev: 0, note: '第一次修改' }));
    const error = errorOf(await call('org:update', { ...fieldsOf(org), id: org.id, rev: 0, note: '过时的修改' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('单位“郑州大学”已被其他操作修改，请关闭后重新打开再编辑');
    expect(valueOf<Org>(await call('org:get', { id: org.id })).note).toBe('第一次修改');
    expect(countRows(core.db, 'audit_log')).toBe(2);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const error = errorOf(await call('org:get', { id: 4242 }));
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(error.message).toContain('4242');
  });
});

describe('organisations: void instead of delete', () => {
  it('requires a reason of at least two characters', async () => {
    const org = await create({ name: '郑州大学' });
    const error = errorOf(await call('org:void', { id: org.id, rev: 0, reason: ' 错 ' }));
    expect(error).toEqual({ code: 'INVALID_INPUT', field: 'reason', message: '请填写作废原因（至少 2 个字）' });
    expect(valueOf<Org>(await call('org:get', { id: org.id })).voidedAt).toBeNull();
  });

  it('voids with the reason, audits it, and the record stays readable', async () => {
    const org = await create({ name: '郑州大学' });
    tick();
    const voided = valueOf<Org>(await call('org:void', { id: org.id, rev: 0, reason: '重复登记' }));
    expect(voided).toMatchObject({ voidedAt: clock.toISOString(), voidReason: '重复登记', rev: 1 });
    const audit = auditRows(core.db).at(-1)!;
    expect(audit).toMatchObject({ action: 'org.void', summary: '作废单位“郑州大学”，原因：重复登记' });
    expect(JSON.parse(audit.before_json!).voidedAt).toBeNull();
    expect(valueOf<Org>(await call('org:get', { id: org.id }))).toEqual(voided);
  });

  it('refuses to edit or void again a voided record', async () => {
    const org = await create({ name: '郑州大学' });
    const voided = valueOf<Org>(await call('org:void', { id: org.id, rev: 0, reason: '重复登记' }));
    const edit = errorOf(await call('org:update', { ...fieldsOf(voided), id: org.id, rev: voided.rev, note: 'x' }));
    expect(edit).toEqual({ code: 'RULE', message: '单位“郑州大学”（已作废）已作废，不能再修改' });
    const again = errorOf(await call('org:void', { id: org.id, rev: voided.rev, reason: '再次作废' }));
    expect(again).toEqual({ code: 'RULE', message: '单位“郑州大学”（已作废）已于 2025-06-02 作废' });
    expect(valueOf<Org>(await call('org:get', { id: org.id }))).toEqual(voided);
    expect(countRows(core.db, 'audit_log')).toBe(2);
  });

  it('refuses DELETE on organisations at the database level', async () => {
    await create({ name: '郑州大学' });
    expect(() => core.db.prepare('DELETE FROM organisations').run()).toThrow('registers are voided, never deleted');
    expect(countRows(core.db, 'organisations')).toBe(1);
  });
});

describe('organisations: one credit code, one active organisation', () => {
  it('refuses a duplicate code, however typed, naming the organisation that has it', async () => {
    await create({ name: '郑州大学', uscc: REAL_USCC });
    const error = errorOf(await call('org:create', { name: '郑州大学（重复）', kind: 'vendor', uscc: '9111010857121431xa' }));
    expect(error).toEqual({
      code: 'DUPLICATE',
      field: 'uscc',
      message: `统一社会信用代码 ${REAL_USCC} 已登记在单位“郑州大学”名下，同一代码不能重复登记`,
    });
    expect(countRows(core.db, 'organisations')).toBe(1);
    expect(countRows(core.db, 'audit_log')).toBe(1);
  });

  it('refuses changing another organisation to a code in use, but keeping one’s own code is fine', async () => {
    const a = await create({ name: '郑州大学', uscc: REAL_USCC });
    const b = await create({ name: '北京市卫生健康监督所', uscc: OTHER_USCC });
    const error = errorOf(await call('org:update', { ...fieldsOf(b), id: b.id, rev: b.rev, uscc: REAL_USCC }));
    expect(error.code).toBe('DUPLICATE');
    expect(error.field).toBe('uscc');
    expect(error.message).toContain('“郑州大学”');
    expect(valueOf<Org>(await call('org:update', { ...fieldsOf(a), id: a.id, rev: a.rev, note: '同码保存' })).uscc).toBe(REAL_USCC);
  });

  it('lets a voided organisation’s code be registered again', async () => {
    const old = await create({ name: '郑州大学', uscc: REAL_USCC });
    valueOf(await call('org:void', { id: old.id, rev: 0, reason: '单位更名' }));
    const renamed = await create({ name: '郑州大学（新）', uscc: REAL_USCC });
    expect(renamed.uscc).toBe(REAL_USCC);
    // and the voided one cannot come back into conflict: it cannot be edited at all
    expect(await names({ status: 'all', q: REAL_USCC })).toEqual(['郑州大学', '郑州大学（新）']);
  });

  it('allows any number of organisations without a code', async () => {
    await create({ name: '甲' });
    await create({ name: '乙' });
    expect((await list()).total).toBe(2);
    expect(core.db.prepare('SELECT count(*) FROM organisations WHERE uscc IS NULL').pluck().get()).toBe(2);
  });
});

describe('organisations: list', () => {
  async function seed(): Promise<Org[]> {
    const orgs: Org[] = [];
    const data: (Partial<OrgFields> & { name: string })[] = [
      { name: '郑州大学', kind: 'client', uscc: REAL_USCC },
      { name: '北京市卫生健康监督所', kind: 'client', uscc: OTHER_USCC },
      { name: '常州市政务服务管理办公室', kind: 'agency' },
      { name: '华为技术有限公司', kind: 'vendor', uscc: THIRD_USCC },
      { name: 'Acme 信息', kind: 'vendor' },
      { name: '中国移动', kind: 'other' },
      { name: '阿里云计算', kind: 'vendor' },
    ];
    for (const d of data) orgs.push(await create(d));
    // shuffle updatedAt relative to createdAt
    tick();
    const z = orgs[0]!;
    orgs[0] = valueOf<Org>(await call('org:update', { ...fieldsOf(z), id: z.id, rev: z.rev, note: '更新过' }));
    return orgs;
  }

  it('pages in SQL with the total of the whole selection', async () => {
    const orgs = await seed();
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await list({ page, pageSize: 3 }));
    expect(pages.map((p) => p.rows.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    const ids = pages.flatMap((p) => p.rows.map((o) => o.id));
    expect(new Set(ids).size).toBe(7);
    expect([...ids].sort()).toEqual(orgs.map((o) => o.id).sort());
    expect(await list({ page: 4, pageSize: 3 })).toEqual({ rows: [], total: 7 });
    expect((await list()).rows).toHaveLength(7);
  });

  it.each(ORG_SORTS)('sorts by %s ascending and descending, ties by id', async (sort) => {
    const orgs = await seed();
    // Names sort by pinyin (as a Chinese reader expects), the other keys by their text.
    const key = (o: Org): string => (sort === 'name' ? chineseSortKey(o.name) : o[sort]);
    const expected = [...orgs]
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id))
      .map((o) => o.id);
    const asc = (await list({ sort, dir: 'asc' })).rows.map((o) => o.id);
    const desc = (await list({ sort, dir: 'desc' })).rows.map((o) => o.id);
    expect(asc).toEqual(expected);
    expect(desc).toEqual([...expected].reverse());
  });

  it('filters by kind and status', async () => {
    const orgs = await seed();
    expect(await names({ kind: 'vendor', sort: 'createdAt' })).toEqual(['华为技术有限公司', 'Acme 信息', '阿里云计算']);
    const hw = orgs[3]!;
    valueOf(await call('org:void', { id: hw.id, rev: hw.rev, reason: '不再合作' }));
    expect(await names({ kind: 'vendor', sort: 'createdAt' })).toEqual(['Acme 信息', '阿里云计算']);
    expect(await names({ kind: 'vendor', status: 'voided' })).toEqual(['华为技术有限公司']);
    expect((await list({ status: 'all' })).total).toBe(7);
    expect((await list({ status: 'active' })).total).toBe(6);
    expect((await list({ status: 'voided' })).total).toBe(1);
  });

  it('finds Chinese substrings of one, two and three or more characters anywhere in the name', async () => {
    await seed();
    expect(await names({ q: '州' })).toEqual(['常州市政务服务管理办公室', '郑州大学']);
    expect(await names({ q: '监督' })).toEqual(['北京市卫生健康监督所']);
    expect(await names({ q: '政务' })).toEqual(['常州市政务服务管理办公室']);
    expect(await names({ q: '卫生健康' })).toEqual(['北京市卫生健康监督所']);
    expect(await names({ q: '服务管理办' })).toEqual(['常州市政务服务管理办公室']);
    expect(await names({ q: '州大学' })).toEqual(['郑州大学']);
    expect(await names({ q: '北京大学' })).toEqual([]);
  });

  it('finds short names and credit codes too, case-insensitively', async () => {
    await create({ name: '郑州大学', shortName: '郑大', uscc: REAL_USCC });
    await create({ name: '常州市政务服务管理办公室', shortName: '常州政务办' });
    expect(await names({ q: '郑大' })).toEqual(['郑州大学']);
    expect(await names({ q: '常州政务办' })).toEqual(['常州市政务服务管理办公室']);
    expect(await names({ q: '57121431' })).toEqual(['郑州大学']);
    expect(await names({ q: 'xa' })).toEqual(['郑州大学']);
    expect(await names({ q: '431xa' })).toEqual(['郑州大学']);
  });

  it('follows renames in the search index', async () => {
    const org = await create({ name: '郑州大学', shortName: '郑大' });
    valueOf(await call('org:update', { ...fieldsOf(org), id: org.id, rev: 0, name: '河南财经政法大学', shortName: '河南财大' }));
    expect(await names({ q: '郑州大学' })).toEqual([]);
    expect(await names({ q: '郑大' })).toEqual([]);
    expect(await names({ q: '财经政法' })).toEqual(['河南财经政法大学']);
    expect(await names({ q: '财大' })).toEqual(['河南财经政法大学']);
  });

  it('searches voided records only when asked', async () => {
    const org = await create({ name: '郑州大学' });
    valueOf(await call('org:void', { id: org.id, rev: 0, reason: '重复登记' }));
    expect(await names({ q: '郑州大学' })).toEqual([]);
    expect(await names({ q: '郑州大学', status: 'all' })).toEqual(['郑州大学']);
    expect(await names({ q: '郑州', status: 'voided' })).toEqual(['郑州大学']);
  });

  it('treats %, _, \\, quotes and FTS operators in the search text literally', async () => {
    const all = ['100%合格公司', 'A_B 工作室', '“引号”与"quote"科技', 'NEAR AND OR NOT 公司', 'x*y公司', 'C:\\temp 公司', '(括号)^-+ 公司'];
    for (const name of all) await create({ name });
    const cases: [string, string[]][] = [
      ['%', ['100%合格公司']],
      ['_', ['A_B 工作室']],
      ['\\', ['C:\\temp 公司']],
      ['"', ['“引号”与"quote"科技']],
      ['*', ['x*y公司']],
      ['%合', ['100%合格公司']],
      ['0%合格', ['100%合格公司']],
      ['"quote"', ['“引号”与"quote"科技']],
      ['AND', ['NEAR AND OR NOT 公司']],
      ['OR NOT', ['NEAR AND OR NOT 公司']],
      ['NEAR(', []],
      ['x*y', ['x*y公司']],
      ['a"b', []],
      ['C:\\t', ['C:\\temp 公司']],
      ['^-+', ['(括号)^-+ 公司']],
      ['(括号)', ['(括号)^-+ 公司']],
      ['"""', []],
      ['_B', ['A_B 工作室']],
    ];
    for (const [q, expected] of cases) expect(await names({ q }), `q=${q}`).toEqual(expected);
  });

  it('matches exactly the records whose name, short name or code contains the text (property)', async () => {
    const alphabet = ['郑', '州', '大', '学', '市', '政', '务', 'A', 'b', '1', ' ', '%', '_', '"', '*', '\\', '-'];
    const text = (max: number) => fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: max }).map((a) => a.join(''));
    const records = fc.sample(fc.record({ name: text(8), shortName: text(4) }), { numRuns: 25, seed: 42 });
    const created: Org[] = [];
    for (const r of records) {
      if (r.name.trim() === '') continue;
      created.push(await create({ name: r.name, shortName: r.shortName }));
    }
    const fold = (s: string) => s.toLowerCase();
    const query = fc.oneof(
      text(5),
      fc.constantFrom(...created).chain((o) =>
        fc.tuple(fc.nat(o.name.length), fc.integer({ min: 1, max: 4 })).map(([i, n]) => o.name.slice(i, i + n)),
      ),
    );
    await fc.assert(
      fc.asyncProperty(query, async (raw) => {
        const q = raw.trim();
        const expected = created
          .filter((o) => !q || [o.name, o.shortName, o.uscc].some((f) => fold(f).includes(fold(q))))
          .map((o) => o.id)
          .sort((a, b) => a - b);
        const got = (await list({ q: raw, pageSize: 200, sort: 'createdAt' })).rows.map((o) => o.id);
        expect(got).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a search text over 100 characters', async () => {
    expect(errorOf(await call('org:list', { q: '查'.repeat(101) }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'q',
      message: '搜索内容不能超过 100 个字符',
    });
  });
});
