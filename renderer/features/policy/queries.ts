import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SecurityPolicy } from '../../../common/security/policy';
import { api, unwrap } from '../../lib/api';
import { AUTH_STATUS } from '../auth/queries';

export const POLICY = ['policy:get'] as const;

export function usePolicy() {
  return useQuery({ queryKey: POLICY, queryFn: () => unwrap(api().policy.get({})) });
}

export function useUpdatePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (policy: SecurityPolicy) => unwrap(api().policy.update(policy)),
    onSuccess: (saved) => {
      qc.setQueryData(POLICY, saved);
      // The idle lock the shell runs comes with the login status.
      return qc.invalidateQueries({ queryKey: AUTH_STATUS });
    },
  });
}
