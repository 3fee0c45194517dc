import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';

export const HEALTH = ['app:health'] as const;

/** The start-up checks of the open database; they do not change during a session. */
export function useStartupHealth() {
  return useQuery({ queryKey: HEALTH, queryFn: () => unwrap(api().app.health({})), staleTime: Infinity });
}
