import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AuthStatus } from '../../../common/api/auth';
import { api, unwrap } from '../../lib/api';
import { resetSessionState } from '../../lib/sessionReset';

export const AUTH_STATUS = ['auth:status'] as const;

export function useAuthStatus() {
  return useQuery({ queryKey: AUTH_STATUS, queryFn: () => unwrap(api().auth.status({})), staleTime: Infinity });
}

/**
 * Replaces the known status. Whenever the session ends or locks, every other cached answer
 * (register data) is dropped from the renderer.
 */
export function applyAuthStatus(qc: QueryClient, status: AuthStatus): void {
  if (status.phase !== 'open') {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== AUTH_STATUS[0] });
    resetSessionState();
  }
  qc.setQueryData(AUTH_STATUS, status);
}

/**
 * Runs an auth call and replaces the known status with its answer. Whenever the session ends or
 * locks, every other cached answer (register data) is dropped from the renderer.
 */
export function useAuthAction<I>(call: (input: I) => Promise<AuthStatus>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (status) => applyAuthStatus(qc, status),
  });
}

export const authCalls = {
  login: (input: { username: string; password: string }) => unwrap(api().auth.login(input)),
  recover: (input: { recoveryCode: string; username: string; newPassword: string }) => unwrap(api().auth.recover(input)),
  logout: () => unwrap(api().auth.logout({})),
  lock: () => unwrap(api().auth.lock({})),
  unlock: (input: { password: string }) => unwrap(api().auth.unlock(input)),
  changePassword: (input: { currentPassword: string; newPassword: string }) => unwrap(api().auth.changePassword(input)),
};
