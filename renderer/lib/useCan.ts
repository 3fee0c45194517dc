import { rolesGrant, type Permission } from '../../common/security/roles';
import { useAuthStatus } from '../features/auth/queries';

/** Whether the logged-in account may do something; the router enforces it regardless. */
export function useCan(): (permission: Permission) => boolean {
  const roles = useAuthStatus().data?.user?.roles ?? [];
  return (permission) => rolesGrant(roles, permission);
}
