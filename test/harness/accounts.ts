/**
 * Provisioning through the app's own channels (the same gate and router the UI uses), for
 * journeys that start after first-run setup.
 */
import type { Result } from '../../common/api/result';
import type { AuthGate } from '../../db/security/gate';

export const ADMINS = {
  sysadmin: { username: 'li.xt', displayName: '李系统', password: 'Xitong#2026ab' },
  secadmin: { username: 'wang.aq', displayName: '王安全', password: 'Anquan#2026cd' },
  auditor: { username: 'zhao.sj', displayName: '赵审计', password: 'Shenji#2026ef' },
} as const;
export const UNIT = '北京市卫生健康监督所';

export function value<T>(r: Result<T> | Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

export async function setupOffice(gate: AuthGate): Promise<string> {
  const { recoveryCode } = value<{ recoveryCode: string }>(
    await gate.invoke('auth:setup', {
      unitName: UNIT,
      marking: '内部',
      mode: 'separated',
      accounts: [ADMINS.sysadmin, ADMINS.secadmin, ADMINS.auditor],
    }),
  );
  return recoveryCode;
}

export async function loginAs(gate: AuthGate, who: { username: string; password: string }): Promise<void> {
  value(await gate.invoke('auth:login', { username: who.username, password: who.password }));
}

/** sysadmin creates the account, secadmin gives it the roles, the user replaces the one-time password. */
export async function provisionUser(
  gate: AuthGate,
  user: { username: string; displayName: string; password: string; roles: ('officer' | 'viewer')[] },
): Promise<void> {
  await loginAs(gate, ADMINS.sysadmin);
  const created = value<{ oneTimePassword: string; account: { id: number } }>(
    await gate.invoke('account:create', { username: user.username, displayName: user.displayName }),
  );
  value(await gate.invoke('auth:logout', {}));
  await loginAs(gate, ADMINS.secadmin);
  const list = value<{ accounts: { id: number; rev: number }[] }>(await gate.invoke('account:list', {}));
  const account = list.accounts.find((a) => a.id === created.account.id)!;
  value(await gate.invoke('account:setRoles', { id: account.id, rev: account.rev, roles: user.roles }));
  value(await gate.invoke('auth:logout', {}));
  await loginAs(gate, { username: user.username, password: created.oneTimePassword });
  value(await gate.invoke('auth:changePassword', { currentPassword: created.oneTimePassword, newPassword: user.password }));
  value(await gate.invoke('auth:logout', {}));
}

export const OFFICER = { username: 'zhang.bm', displayName: '张保密', password: 'Baomi#Officer26', roles: ['officer' as const] };
export const VIEWER = { username: 'chen.cy', displayName: '陈查阅', password: 'Chayue#Viewer26', roles: ['viewer' as const] };
