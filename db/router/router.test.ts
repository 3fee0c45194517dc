import fc from 'fast-check';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channel, CHANNELS } from '../../common/api';
import { DomainError, ERROR_CODES, type Result } from '../../common/api/result';
import type { Session } from '../../common/security/roles';
import { createOrg } from '../registers/org/repo';
import {
  auditRows,
  AUDITOR,
  countRows,
  OFFICER,
  openTestCore,
  SYSADMIN,
  valueOf,
  VIEWER,
  type TestCore,
} from '../testing/fixtures';
import { tx, effect } from './handlers';
import { createRouter } from './router';
import type { Org } from '../../common/api/org';

const NOW = new Date('2025-06-02T01:30:00.000Z');
const REAL_USCC = '9111010857121431XA';
const INTERNAL_MESSAGE = '操作未完成：程序内部错误，数据未作改动。请重试，如仍失败请联系系统管理员。';

let core: TestCore;
beforeEach(async () => {
  core = await openTestCore({ now: () => NOW });
});
afterEach(() => core.cleanup());

const invoke = (name: unknown, session: Session | null, payload: unknown) => core.router.invoke(name, session, payload);
const written = () => ({ orgs: countRows(core.db, 'organisations'), audit: countRows(core.db, 'audit_log') });
const zhengzhou = { name: '郑州大学', kind: 'client', uscc: REAL_USCC };

function expectError(result: Result<unknown>, code: string, field?: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return { code: '', message: '' };
  expect(result.error.code).toBe(code);
  expect(result.error.field).toBe(field);
  expect(result.error.message).toMatch(/\p{Script=Han}/u);
  return result.error;
}

describe('router: who may call what', () => {
  it('answers UNKNOWN_CHANNEL for names outside the contract, including Object.prototype keys', async () => {
    for (const name of ['org:delete', 'org', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const error = expectError(await invoke(name, OFFICER, {}), 'UNKNOWN_CHANNEL');
      expect(error.message).toBe(`未知的操作：${name}`);
    }
  });

  it('answers UNKNOWN_CHANNEL (and never throws) for a channel that is not a string', async () => {
    for (const name of [undefined, null, 42, Symbol('org:list'), ['org:list'], { toString: () => 'org:list' }, Object.create(null)]) {
      expectError(await invoke(name, OFFICER, {}), 'UNKNOWN_CHANNEL');
    }
  });

  it('refuses every channel without a session', async () => {
    for (const name of CHANNELS) {
      expect(expectError(await invoke(name, null, {}), 'UNAUTHENTICATED').message).toBe('请先登录');
    }
    expect(await invoke('org:create', null, zhengzhou)).toMatchObject({ ok: false });
    expect(written()).toEqual({ orgs: 0, audit: 0 });
  });

  it('refuses a viewer writing, naming the role and the missing permission; only the refusal is recorded', async () => {
    const error = expectError(await invoke('org:create', VIEWER, zhengzhou), 'FORBIDDEN');
    expect(error.message).toBe('当前账户（查阅）没有“登记和修改台账”权限，不能执行此操作');
    expect(written()).toEqual({ orgs: 0, audit: 1 });
    expect(core.db.prepare('SELECT action, result, actor_roles AS roles FROM audit_log').get()).toEqual({ action: 'org.create', result: 'denied', roles: 'viewer' });
  });

  it('checks the permission before the input, so a refused caller learns nothing about the payload', async () => {
    expectError(await invoke('org:create', VIEWER, { nonsense: true }), 'FORBIDDEN');
  });

  it('keeps the three administrators out of register data (三员分立)', async () => {
    for (const session of [AUDITOR, SYSADMIN]) {
      expectError(await invoke('org:list', session, {}), 'FORBIDDEN');
      expectError(await invoke('org:create', session, zhengzhou), 'FORBIDDEN');
    }
    // but any logged-in account may ask who it is
    expect(valueOf<{ user: { username: string } }>(await invoke('app:info', AUDITOR, {})).user.username).toBe('auditor');
  });

  it('lets a viewer read and print but not export', async () => {
    expect((await invoke('org:list', VIEWER, {})).ok).toBe(true);
    const selection = { register: 'organisations', filter: {} };
    const options = { marking: '内部', unitName: '郑州大学' };
    expect((await invoke('report:print', VIEWER, { selection, options })).ok).toBe(true);
    expectError(await invoke('report:xlsx', VIEWER, { selection, options }), 'FORBIDDEN');
    expect(core.shell.calls.map((c) => c.method)).toEqual(['printHtml']);
  });
});

describe('router: input validation', () => {
  it('refuses a credit code with a wrong check character with field uscc, writing nothing', async () => {
    const error = expectError(await invoke('org:create', OFFICER, { ...zhengzhou, uscc: '9111010857121431XB' }), 'INVALID_INPUT', 'uscc');
    expect(error.message).toContain('第 18 位应为 A');
    expect(written()).toEqual({ orgs: 0, audit: 0 });
  });

  it('names the first invalid field with its Chinese message', async () => {
    expect(expectError(await invoke('org:create', OFFICER, { kind: 'client', name: ' ' }), 'INVALID_INPUT', 'name').message).toBe(
      '请填写单位名称',
    );
    expectError(await invoke('org:list', OFFICER, { pageSize: 1000 }), 'INVALID_INPUT', 'pageSize');
    expectError(await invoke('org:get', OFFICER, { id: -1 }), 'INVALID_INPUT', 'id');
  });

  it('refuses a payload that is not an object without a field', async () => {
    expectError(await invoke('org:create', OFFICER, 'not an object'), 'INVALID_INPUT', undefined);
    expectError(await invoke('org:get', OFFICER, null), 'INVALID_INPUT', undefined);
  });

  it('takes the actor from the session, never from the payload', async () => {
    const org = valueOf<Org>(await invoke('org:create', OFFICER, { ...zhengzhou, createdBy: 'intruder', actorId: 'intruder' }));
    const row = core.db.prepare('SELECT created_by, updated_by FROM organisations WHERE id = ?').get(org.id);
    expect(row).toEqual({ created_by: OFFICER.accountId, updated_by: OFFICER.accountId });
    expect(auditRows(core.db)[0]!.actor_id).toBe(OFFICER.accountId);
  });
});

describe('router: audit records', () => {
  it('records exactly one audit row for a write, with actor, action and before/after', async () => {
    const org = valueOf<Org>(await invoke('org:create', OFFICER, zhengzhou));
    const rows = auditRows(core.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      at: NOW.toISOString(),
      actor_id: OFFICER.accountId,
      actor_name: OFFICER.displayName,
      action: 'org.create',
      channel: 'org:create',
      target_type: 'organisation',
      target_id: org.uuid,
      summary: '登记单位“郑州大学”',
      before_json: null,
    });
    expect(JSON.parse(rows[0]!.after_json!)).toEqual(org);
    expect(org.createdAt).toBe(NOW.toISOString());

    const updated = valueOf<Org>(await invoke('org:update', OFFICER, { ...zhengzhou, id: org.id, rev: org.rev, shortName: '郑大' }));
    const after = auditRows(core.db);
    expect(after).toHaveLength(2);
    expect(after[1]!.action).toBe('org.update');
    expect(JSON.parse(after[1]!.before_json!)).toEqual(org);
    expect(JSON.parse(after[1]!.after_json!)).toEqual(updated);
  });

  it('leaves no audit row for reads', async () => {
    const org = valueOf<Org>(await invoke('org:create', OFFICER, zhengzhou));
    await invoke('org:list', OFFICER, {});
    await invoke('org:get', OFFICER, { id: org.id });
    await invoke('app:info', OFFICER, {});
    expect(countRows(core.db, 'audit_log')).toBe(1);
  });

  it('returns a refused rule (DomainError) without writing an audit row', async () => {
    const error = expectError(await invoke('org:get', OFFICER, { id: 999 }), 'NOT_FOUND');
    expect(error.message).toContain('999');
    expectError(await invoke('org:update', OFFICER, { ...zhengzhou, id: 999, rev: 0 }), 'NOT_FOUND');
    expect(written()).toEqual({ orgs: 0, audit: 0 });
  });
});

describe('router: one transaction per call', () => {
  const testContract = {
    'test:write': channel({
      input: z.object({ mode: z.enum(['domain', 'crash', 'noAudit', 'badOutput', 'ok']) }),
      output: z.object({ id: z.number() }),
      permission: 'registers.write',
      audit: 'test.write',
    }),
    'test:effect': channel({
      input: z.object({}),
      output: z.object({ done: z.boolean() }),
      permission: 'registers.write',
      audit: 'test.effect',
    }),
  };
  function testRouter(logError = vi.fn()) {
    const router = createRouter({
      db: core.db,
      trail: core.trail,
      contract: testContract,
      env: { appVersion: 't', workstation: 'test-host' },
      shell: core.shell,
      now: () => NOW,
      logError,
      handlers: {
        'test:write': tx((ctx, { mode }) => {
          const org = createOrg(ctx.db, { name: '常州市政务服务管理办公室', shortName: '', kind: 'agency', uscc: '', address: '', contact: '', phone: '', email: '', note: '' }, 'a', 't');
          if (mode !== 'noAudit') ctx.audit({ summary: '测试写入', after: org });
          if (mode === 'domain') throw new DomainError('RULE', '按规则不能这样做');
          if (mode === 'crash') throw new TypeError('boom');
          if (mode === 'badOutput') return { id: 'not a number' } as unknown as { id: number };
          return { id: org.id };
        }),
        'test:effect': effect(async (ctx) => {
          await Promise.resolve();
          ctx.audit({ summary: '外部操作' });
          return { done: 'yes' } as unknown as { done: boolean };
        }),
      },
    });
    return { router, logError };
  }

  it('rolls back the change and its audit row when the handler refuses', async () => {
    const { router } = testRouter();
    const result = await router.invoke('test:write', OFFICER, { mode: 'domain' });
    expect(result).toEqual({ ok: false, error: { code: 'RULE', message: '按规则不能这样做' } });
    expect(written()).toEqual({ orgs: 0, audit: 0 });
  });

  it('rolls back on an unexpected error and answers INTERNAL without the stack', async () => {
    const { router, logError } = testRouter();
    const result = await router.invoke('test:write', OFFICER, { mode: 'crash' });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
    expect(logError).toHaveBeenCalledWith(expect.any(TypeError), 'test:write');
    expect(written()).toEqual({ orgs: 0, audit: 0 });
  });

  it('does not keep a write that forgot its audit record', async () => {
    const { router, logError } = testRouter();
    expectError(await router.invoke('test:write', OFFICER, { mode: 'noAudit' }), 'INTERNAL');
    expect(logError).toHaveBeenCalledOnce();
    expect(written()).toEqual({ orgs: 0, audit: 0 });
  });

  it('does not keep a write whose result cannot be returned ("数据未作改动" must be true)', async () => {
    const { router } = testRouter();
    expect(await router.invoke('test:write', OFFICER, { mode: 'badOutput' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: INTERNAL_MESSAGE },
    });
    expect(written()).toEqual({ orgs: 0, audit: 0 });
  });

  it('commits a successful write with its audit row', async () => {
    const { router } = testRouter();
    expect((await router.invoke('test:write', OFFICER, { mode: 'ok' })).ok).toBe(true);
    expect(written()).toEqual({ orgs: 1, audit: 1 });
    expect(auditRows(core.db)[0]).toMatchObject({ action: 'test.write', channel: 'test:write', summary: '测试写入' });
  });

  it('records what an effect did even when its value is refused', async () => {
    const { router } = testRouter();
    expectError(await router.invoke('test:effect', OFFICER, {}), 'INTERNAL');
    expect(auditRows(core.db).map((r) => r.action)).toEqual(['test.effect']);
  });

  it('refuses a contract with a channel that is not domain:verb or has no handler', () => {
    const base = { db: core.db, trail: core.trail, env: { appVersion: 't', workstation: 'test-host' }, shell: core.shell };
    const def = testContract['test:effect'];
    expect(() => createRouter({ ...base, contract: { badname: def }, handlers: { badname: effect(async () => ({ done: true })) } })).toThrow(
      /domain:verb/,
    );
    expect(() => createRouter({ ...base, contract: { 'test:x': def }, handlers: {} as never })).toThrow(/no handler/);
  });
});

describe('router: never throws (property)', () => {
  it('answers every channel name and payload with a well-formed result', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const channelName = fc.oneof(
        fc.constantFrom(...CHANNELS),
        fc.constantFrom('__proto__', 'toString', 'constructor', 'org:', ':list', 'org:list '),
        fc.string({ maxLength: 20 }),
        fc.anything({ withNullPrototype: true, maxDepth: 2 }),
      );
      const payload = fc.anything({
        withNullPrototype: true,
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withDate: true,
        withTypedArray: true,
        withBigInt: true,
        withSparseArray: true,
        maxDepth: 3,
      });
      const session = fc.constantFrom<Session | null>(null, OFFICER, VIEWER, AUDITOR);
      await fc.assert(
        fc.asyncProperty(channelName, session, payload, async (name, who, body) => {
          const result = await core.router.invoke(name, who, body);
          if (result.ok) {
            expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
          } else {
            expect(ERROR_CODES).toContain(result.error.code);
            expect(typeof result.error.message).toBe('string');
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(result.error.code).not.toBe('INTERNAL');
          }
        }),
        { numRuns: 400 },
      );
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('answers real channels with real-looking but wrong payloads the same way', async () => {
    const fieldValue = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null), fc.boolean(), fc.constantFrom(REAL_USCC, 'client', '', ' '));
    const payload = fc.record(
      {
        id: fc.oneof(fc.integer({ min: -2, max: 5 }), fieldValue),
        rev: fc.oneof(fc.integer({ min: -1, max: 3 }), fieldValue),
        name: fieldValue,
        kind: fc.oneof(fc.constantFrom('client', 'vendor', 'agency', 'other'), fieldValue),
        uscc: fieldValue,
        reason: fieldValue,
        q: fieldValue,
        page: fc.oneof(fc.integer({ min: 0, max: 3 }), fieldValue),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), payload, async (name, body) => {
        const result = await core.router.invoke(name, OFFICER, body);
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.error.code);
          expect(result.error.code).not.toBe('INTERNAL');
          expect(result.error.message).toMatch(/\S/);
        }
      }),
      { numRuns: 300 },
    );
    // every successful write left exactly one audit row
    const writes = auditRows(core.db).filter((r) => r.action.startsWith('org.')).length;
    const revs = core.db.prepare('SELECT coalesce(sum(rev + 1), 0) FROM organisations').pluck().get() as number;
    expect(writes).toBe(revs);
  });
});
