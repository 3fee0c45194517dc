import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingList } from '../../common/api/findings';
import { OFFICER, VIEWER, auditRows, valueOf } from '../testing/fixtures';
import { errorOf, openPeopleWorld, type PeopleWorld } from '../registers/people/testing';
import { ruleContext } from './evaluate';
import { RULES } from './registry';
import { backedUp, contractWith, findingsOf } from './testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2024-06-01');
  backedUp(w, '2024-06-01T04:00:00.000Z');
});
afterEach(() => w.core.cleanup());

const list = async (filter: Record<string, unknown> = {}) => valueOf<FindingList>(await w.call('findings:list', filter));

/** A person on post assigned to the world's contract without a commitment: one 严重 finding. */
async function unsignedOnContract() {
  const p = await w.person({ name: '赵六' });
  valueOf(await w.call('assignment:create', { personId: p.id, contractId: w.contract.id, role: '驻场运维' }));
  return p;
}

describe('acknowledgements', () => {
  it('set a finding aside with a reason until a day, audited; it shows on demand and comes back after that day', async () => {
    const p = await unsignedOnContract();
    const key = `person:${p.id}:contract:${w.contract.id}`;
    expect((await list()).counts.bySeverity.严重).toBe(1);

    expect(errorOf(await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key, reason: '补签中', until: '2024-06-10' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'reason',
    });
    expect(errorOf(await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key, reason: '本人出差，回京后补签', until: '2024-05-31' }))).toMatchObject({
      field: 'until',
    });
    expect(errorOf(await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key: 'person:999', reason: '本人出差，回京后补签', until: '2024-06-10' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(errorOf(await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key, reason: '本人出差，回京后补签', until: '2024-06-10' }, VIEWER))).toMatchObject({
      code: 'FORBIDDEN',
    });

    const ack = valueOf(await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key, reason: '本人出差，回京后补签', until: '2024-06-10' }));
    expect(ack).toMatchObject({ reason: '本人出差，回京后补签', until: '2024-06-10', byName: OFFICER.displayName });
    const record = auditRows(w.core.db).at(-1)!;
    expect(record).toMatchObject({ action: 'finding.acknowledge', target_type: 'finding' });
    expect(record.summary).toBe('确认提醒“在岗人员无有效保密承诺”（赵六（北京金山云网络技术有限公司）），暂缓至 2024-06-10，理由：本人出差，回京后补签');

    const hidden = await list();
    expect(hidden.findings.filter((f) => f.ruleId === 'people.noSignOff')).toEqual([]);
    expect(hidden.counts).toMatchObject({ acknowledged: 1 });
    expect(hidden.counts.bySeverity.严重).toBe(0);
    const shown = (await list({ showAcknowledged: true })).findings.find((f) => f.key === key);
    expect(shown?.acknowledged).toMatchObject({ reason: '本人出差，回京后补签', until: '2024-06-10' });

    w.at('2024-06-10');
    expect((await list()).counts.bySeverity.严重).toBe(0);
    w.at('2024-06-11');
    expect((await list()).findings.find((f) => f.key === key)?.acknowledged).toBeNull();
  });

  it('are refused past a year ahead', async () => {
    const p = await unsignedOnContract();
    const key = `person:${p.id}:contract:${w.contract.id}`;
    expect(errorOf(await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key, reason: '本人出差，回京后补签', until: '2025-06-03' }))).toMatchObject({
      field: 'until',
      message: expect.stringContaining('2025-06-02'),
    });
  });

  it('cannot be changed or deleted once recorded', async () => {
    const p = await unsignedOnContract();
    valueOf(await w.call('findings:acknowledge', { ruleId: 'people.noSignOff', key: `person:${p.id}:contract:${w.contract.id}`, reason: '本人出差，回京后补签', until: '2024-06-10' }));
    expect(() => w.core.db.prepare("UPDATE finding_acknowledgements SET until = '2099-01-01'").run()).toThrow(/kept as recorded/);
    expect(() => w.core.db.prepare('DELETE FROM finding_acknowledgements').run()).toThrow(/kept as recorded/);
  });
});

describe('findings:list', () => {
  it('counts by severity and register, filters by register and severity, and by this week / month', async () => {
    await unsignedOnContract();
    const c = await contractWith(w, { installments: [{ fen: 5_000_000, dueDate: '2025-04-30' }, { fen: 5_000_000, dueDate: '2025-05-03' }] });
    // Today 2025-04-29, a Tuesday: this week runs to Sunday 2025-05-04, this month to 2025-04-30.
    w.at('2025-04-29');
    const all = await list();
    expect(all.endOfWeek).toBe('2025-05-04');
    expect(all.endOfMonth).toBe('2025-04-30');
    expect(all.counts.byRegister.people).toBe(1);
    expect(all.counts.byRegister.contracts).toBeGreaterThanOrEqual(1);
    expect((await list({ register: 'people' })).findings.map((f) => f.ruleId)).toEqual(['people.noSignOff']);
    expect((await list({ severity: '严重' })).findings.every((f) => f.severity === '严重')).toBe(true);
    const week = (await list({ window: 'week' })).findings.map((f) => f.key);
    const month = (await list({ window: 'month' })).findings.map((f) => f.key);
    expect(week).toEqual(expect.arrayContaining([`installment:${c.id}:1:2025-04-30`, `installment:${c.id}:2:2025-05-03`]));
    expect(month).toContain(`installment:${c.id}:1:2025-04-30`);
    expect(month).not.toContain(`installment:${c.id}:2:2025-05-03`);
    // Undated findings (the missing commitment) are in neither window.
    expect(week.some((k) => k.startsWith('person:'))).toBe(false);
    expect(all.counts.week).toBe(week.length);
    const bySeverity = (await list({ sort: 'severity' })).findings;
    expect(bySeverity[0]!.severity).toBe('严重');
  });
});

describe('lead settings', () => {
  it('lists every lead time with its default, refuses a value out of bounds naming it, and audits a change', async () => {
    const settings = valueOf<{ leads: { key: string; value: number }[]; rules: { id: string }[] }>(await w.call('findings:settings', {}));
    expect(settings.leads.find((l) => l.key === 'media.stocktakeDays')?.value).toBe(365);
    expect(settings.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(errorOf(await w.call('findings:updateSettings', { values: { 'media.stocktakeDays': 5 } }))).toMatchObject({
      message: '“介质清查周期”应为 30 至 1095 之间的整数（天），收到 5',
    });
    valueOf(await w.call('findings:updateSettings', { values: { 'media.stocktakeDays': 180 } }));
    expect(auditRows(w.core.db).at(-1)).toMatchObject({ action: 'finding.updateSettings', summary: '修改工作台提醒设置：介质清查周期 365→180天' });
  });
});

describe('system rules', () => {
  it('raise a failed audit verification until a later one passes', async () => {
    const append = (action: string, result: 'ok' | 'failed') =>
      w.core.trail.append({ at: new Date().toISOString(), actorId: 'system', actorName: '系统', action, channel: 'audit:verifyStart', result, targetType: 'audit', summary: result === 'ok' ? '通过' : '第 3 条记录的校验码不符' });
    w.core.db.transaction(() => append('audit.startupCheck', 'failed'))();
    const [f] = await findingsOf(w, 'system.auditVerification');
    expect(f).toMatchObject({ severity: '严重', target: null });
    expect(f!.message).toContain('第 3 条记录的校验码不符');
    w.core.db.transaction(() => append('audit.verifyResult', 'ok'))();
    expect(await findingsOf(w, 'system.auditVerification')).toEqual([]);
  });

  it('remind the signed-in account 14 days before its password expires', async () => {
    const db = w.core.db;
    db.prepare(
      `INSERT INTO accounts (uuid, username, display_name, password_changed_at, created_at, created_by, updated_at, updated_by)
       VALUES (?, 'officer', '王保密', ?, ?, 'test', ?, 'test')`,
    ).run(OFFICER.accountId, '2024-03-18T04:00:00.000Z', '2024-03-18T04:00:00.000Z', '2024-03-18T04:00:00.000Z');
    // 90 days from 2024-03-18 12:00 is 2024-06-16 12:00: 15 days ahead on 2024-06-01.
    expect(await findingsOf(w, 'system.passwordExpiry')).toEqual([]);
    w.at('2024-06-02');
    const [f] = await findingsOf(w, 'system.passwordExpiry');
    expect(f).toMatchObject({ due: '2024-06-16', target: { page: 'password', id: null } });
    expect(f!.message).toContain('还剩 14 天');
  });
});

describe('query plans', () => {
  /** Tables that grow with the office: a rule may search them through an index, never read them whole. */
  const LARGE = new Set(['media', 'media_events', 'ip_filings', 'people', 'person_signoffs']);

  /** The table each alias of the query names (a table named without an alias is its own alias). */
  function aliases(sql: string): Map<string, string> {
    const map = new Map<string, string>();
    for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(?!WHERE|JOIN|ON|LEFT|CROSS|ORDER|GROUP)(\w+))?/gi)) {
      map.set(m[2] ?? m[1]!, m[1]!);
      map.set(m[1]!, m[1]!);
    }
    return map;
  }

  it.each(RULES.filter((r) => r.query).map((r) => [r.id, r] as const))('%s reads the large tables through indexes', (_id, rule) => {
    const ctx = ruleContext(w.core.db, OFFICER, new Date(), '2024-06-01');
    const { sql, params } = rule.query!(ctx);
    const plan = (w.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const tables = aliases(sql);
    const scans = plan.filter((d) => {
      const m = /^SCAN (\w+)/.exec(d);
      return m !== null && LARGE.has(tables.get(m[1]!) ?? m[1]!);
    });
    expect(plan.some((d) => d.startsWith('SEARCH'))).toBe(true);
    expect(scans, plan.join('\n')).toEqual([]);
  });

  it('would notice a rule reading a large table whole', () => {
    const sql = 'SELECT m.id FROM media m WHERE m.model = @model';
    const plan = (w.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ model: 'x' }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((d) => /^SCAN (\w+)/.test(d) && LARGE.has(aliases(sql).get(/^SCAN (\w+)/.exec(d)![1]!)!))).toHaveLength(1);
  });
});
