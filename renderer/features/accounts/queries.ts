import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountView } from '../../../common/api/account';
import type { Role } from '../../../common/security/roles';
import { api, unwrap } from '../../lib/api';

export const ACCOUNT_LIST = ['account:list'] as const;

export function useAccountList() {
  return useQuery({ queryKey: ACCOUNT_LIST, queryFn: () => unwrap(api().account.list({})) });
}

const ref = (a: AccountView) => ({ id: a.id, rev: a.rev });

/** Every account change answers with the changed account; the list is read again afterwards. */
export function useAccountMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ACCOUNT_LIST });
  return {
    create: useMutation({
      mutationFn: (input: { username: string; displayName: string }) => unwrap(api().account.create(input)),
      onSuccess: refresh,
    }),
    resetPassword: useMutation({ mutationFn: (a: AccountView) => unwrap(api().account.resetPassword(ref(a))), onSuccess: refresh }),
    disable: useMutation({ mutationFn: (a: AccountView) => unwrap(api().account.disable(ref(a))), onSuccess: refresh }),
    enable: useMutation({ mutationFn: (a: AccountView) => unwrap(api().account.enable(ref(a))), onSuccess: refresh }),
    setRoles: useMutation({
      mutationFn: (input: { account: AccountView; roles: Role[] }) => unwrap(api().account.setRoles({ ...ref(input.account), roles: input.roles })),
      onSuccess: refresh,
    }),
    unlock: useMutation({ mutationFn: (a: AccountView) => unwrap(api().account.unlock(ref(a))), onSuccess: refresh }),
  };
}
