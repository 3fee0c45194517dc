import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, countRows, openTestCore, type TestCore } from '../testing/fixtures';
import { AuditTrail, auditKeyFrom } from './log';

let core: TestCore;
beforeEach(async () => {
  core = await openTestCore();
});
afterEach(() => core.cleanup());

const record = {
  at: '2025-06-01T08:00:00.000Z',
  actorId: 'acct-officer',
  actorName: '王保密',
  actorRoles: 'officer',
  workstation: 'BM-PC-01',
  action: 'org.create',
  channel: 'org:create',
  targetType: 'organisation',
  targetId: 7,
  summary: '登记单位“郑州大学”',
  before: undefined,
  after: { name: '郑州大学', nested: { a: [1, 2] } },
};

describe('audit_log', () => {
  it('appends a record with before/after as JSON, role, workstation and a MAC', () => {
    const { seq, mac } = core.trail.append(record);
    const [row] = auditRows(core.db);
    expect(row).toMatchObject({
      seq,
      at: record.at,
      actor_id: 'acct-officer',
      actor_name: '王保密',
      action: 'org.create',
      channel: 'org:create',
      target_type: 'organisation',
      target_id: '7',
      summary: '登记单位“郑州大学”',
      before_json: null,
    });
    const full = core.db.prepare('SELECT actor_roles, workstation, result, mac FROM audit_log WHERE seq = ?').get(seq);
    expect(full).toEqual({ actor_roles: 'officer', workstation: 'BM-PC-01', result: 'ok', mac });
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(row!.after_json!)).toEqual(record.after);
    expect(row!.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('numbers records in the order they were appended and chains them', () => {
    const a = core.trail.append(record);
    const b = core.trail.append({ ...record, action: 'org.update' });
    expect(b.seq).toBe(a.seq + 1);
    expect(b.mac).not.toBe(a.mac);
    expect(auditRows(core.db).map((r) => r.action)).toEqual(['org.create', 'org.update']);
    expect(core.trail.verify()).toEqual({ ok: true, checked: 2, total: 2 });
  });

  it('a different key does not verify the chain', () => {
    core.trail.append(record);
    const other = new AuditTrail(core.db, auditKeyFrom(new Uint8Array(32).fill(9)));
    expect(other.verify()).toMatchObject({ ok: false, broken: { seq: 1 } });
  });

  it('refuses UPDATE and DELETE (append-only)', () => {
    core.trail.append(record);
    expect(() => core.db.prepare("UPDATE audit_log SET summary = 'changed'").run()).toThrow('audit_log is append-only');
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    expect(auditRows(core.db)[0]!.summary).toBe(record.summary);
    expect(countRows(core.db, 'audit_log')).toBe(1);
  });
});
