/** Roles and the permission matrix (DESIGN.md §1). This table is the single source of truth. */
export const ROLES = ['sysadmin', 'secadmin', 'auditor', 'officer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'registers.read',
  'registers.write',
  'registers.print',
  'registers.export',
  'registers.import',
  'personal.reveal',
  'accounts.manage',
  'roles.assign',
  'policy.manage',
  'backup.manage',
  'settings.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  sysadmin: ['accounts.manage', 'backup.manage', 'settings.manage'],
  secadmin: ['roles.assign', 'policy.manage'],
  auditor: ['audit.read'],
  officer: [
    'registers.read',
    'registers.write',
    'registers.print',
    'registers.export',
    'registers.import',
    'personal.reveal',
  ],
  viewer: ['registers.read', 'registers.print'],
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/** Who is calling. Lives in the main process; the renderer never sends it. */
export interface Session {
  accountId: string;
  username: string;
  displayName: string;
  roles: Role[];
}
