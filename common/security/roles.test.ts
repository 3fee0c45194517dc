import { describe, expect, it } from 'vitest';
import { PERMISSION_LABELS, ROLE_LABELS } from './labels';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, rolesGrant } from './roles';

const registerPermissions = PERMISSIONS.filter((p) => p.startsWith('registers.') || p === 'personal.reveal');

describe('permission matrix (DESIGN.md §1)', () => {
  it('keeps the three administrators away from register data', () => {
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
      for (const p of registerPermissions) expect(rolesGrant([role], p), `${role} ${p}`).toBe(false);
    }
  });

  it('lets only the auditor read the audit trail, and the auditor nothing else', () => {
    for (const role of ROLES) expect(rolesGrant([role], 'audit.read'), role).toBe(role === 'auditor');
    expect(ROLE_PERMISSIONS.auditor).toEqual(['audit.read']);
  });

  it('lets the viewer read and print, but not write, export or import', () => {
    expect(rolesGrant(['viewer'], 'registers.read')).toBe(true);
    expect(rolesGrant(['viewer'], 'registers.print')).toBe(true);
    for (const p of ['registers.write', 'registers.export', 'registers.import', 'personal.reveal'] as const) {
      expect(rolesGrant(['viewer'], p), p).toBe(false);
    }
  });

  it('gives the officer every register permission', () => {
    for (const p of registerPermissions) expect(rolesGrant(['officer'], p), p).toBe(true);
  });

  it('grants by the union of roles and nothing to no roles', () => {
    expect(rolesGrant(['sysadmin', 'secadmin'], 'policy.manage')).toBe(true);
    expect(rolesGrant(['sysadmin', 'secadmin'], 'accounts.manage')).toBe(true);
    for (const p of PERMISSIONS) expect(rolesGrant([], p)).toBe(false);
  });

  it('has a Chinese label for every role and permission', () => {
    for (const role of ROLES) expect(ROLE_LABELS[role]).toMatch(/\p{Script=Han}/u);
    for (const p of PERMISSIONS) expect(PERMISSION_LABELS[p]).toMatch(/\p{Script=Han}/u);
  });
});
