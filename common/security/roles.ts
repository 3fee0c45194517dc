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
  'accounts.read',
  'accounts.manage',
  'roles.assign',
  'policy.manage',
  'backup.manage',
  'settings.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  sysadmin: ['accounts.read', 'accounts.manage', 'backup.manage', 'settings.manage'],
  secadmin: ['accounts.read', 'roles.assign', 'policy.manage'],
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

/** 三员分立 (separated) or the small-office mode where one account holds sysadmin+secadmin. */
export const ADMIN_MODES = ['separated', 'combined'] as const;
export type AdminMode = (typeof ADMIN_MODES)[number];
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];

/** Why a set of roles may not be held by one account, or null when it may. */
export function roleSetProblem(roles: readonly Role[], mode: AdminMode): string | null {
  if (roles.length === 0) return '账户至少需要一个角色';
  const admin = roles.filter((r) => (ADMIN_ROLES as readonly Role[]).includes(r));
  const register = roles.filter((r) => r === 'officer' || r === 'viewer');
  if (admin.length > 0 && register.length > 0) return '管理员角色不能与保密员、查阅角色由同一账户兼任';
  if (roles.includes('auditor') && admin.length > 1) return '安全审计员必须由独立账户担任，不能兼任其他管理员角色';
  if (mode === 'separated' && admin.length > 1) return '三员分立模式下，系统管理员、安全保密管理员、安全审计员必须由三个不同账户担任';
  return null;
}
