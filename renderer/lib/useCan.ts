import { useQuery } from '@tanstack/react-query';
import { rolesGrant, type Permission } from '../../common/security/roles';
import { api, unwrap } from './api';

/** Whether the logged-in account may do something; the router enforces it regardless. */
export function useCan(): (permission: Permission) => boolean {
  const info = useQuery({ queryKey: ['app:info'], queryFn: () => unwrap(api().app.info({})) });
  const roles = info.data?.user.roles ?? [];
  return (permission) => rolesGrant(roles, permission);
}
