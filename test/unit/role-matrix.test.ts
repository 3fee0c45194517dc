// The permission matrix of common/security/roles.ts, enforced by the router, for every channel × every role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ChannelDef } from '../../common/api';
import { ADMIN_ROLES, ROLES, rolesGrant, roleSetProblem, type Role, type Session } from '../../common/security/roles';
import { openTestCore, type TestCore } from '../../db/testing/fixtures';

let core: TestCore;
beforeAll(async () => {
  core = await openTestCore();
});
afterAll(() => core.cleanup());

const session = (role: Role): Session => ({ accountId: `acct-${role}`, username: role, displayName: role, roles: [role] });
const channels = Object.entries(contract) as [string, ChannelDef][];

describe('role matrix', () => {
  const cases = channels.flatMap(([name, def]) => ROLES.map((role) => [name, role, def.permission] as const));

  it.each(cases)('%s as %s (%s)', async (name, role, permission) => {
    const allowed = permission === 'authenticated' || (permission !== 'public' && rolesGrant([role], permission));
    // An empty payload: a refused call stops at the permission check, an allowed one at validation or runs harmlessly.
    const result = await core.router.invoke(name, session(role), {});
    if (allowed) expect(result.ok ? 'ok' : result.error.code).not.toBe('FORBIDDEN');
    else expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the administrators never touch register data; the auditor changes nothing', () => {
    for (const role of ['sysadmin', 'secadmin'] as const) {
      for (const [name, def] of channels) {
        if (def.permission.startsWith('registers.') || def.permission === 'audit.read' || def.permission === 'personal.reveal') {
          expect(rolesGrant([role], def.permission as never), `${role} on ${name}`).toBe(false);
        }
      }
    }
    const auditorWrites = channels.filter(([, def]) => def.audit !== null && !def.audit.startsWith('audit.') && !def.audit.startsWith('report.'));
    for (const [name, def] of auditorWrites) {
      const granted = def.permission === 'authenticated' || (def.permission !== 'public' && rolesGrant(['auditor'], def.permission));
      expect(granted, `auditor on ${name}`).toBe(false);
    }
  });

  it('no account may hold two of the three administrator roles in 三员 mode, nor mix them with register roles', () => {
    for (const a of ADMIN_ROLES) {
      for (const b of ADMIN_ROLES) if (a !== b) expect(roleSetProblem([a, b], 'separated')).not.toBeNull();
      expect(roleSetProblem([a, 'officer'], 'combined')).not.toBeNull();
      expect(roleSetProblem([a, 'viewer'], 'separated')).not.toBeNull();
    }
    expect(roleSetProblem(['sysadmin', 'secadmin'], 'combined')).toBeNull();
    expect(roleSetProblem(['sysadmin', 'auditor'], 'combined')).not.toBeNull();
    expect(roleSetProblem(['officer'], 'separated')).toBeNull();
  });
});
