import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MediaEventInput, MediaFilter, MediaSettings, MediumFields } from '../../../common/api/media';
import { api, unwrap } from '../../lib/api';
import { invalidatePeople } from '../people/queries';

export interface MediaListParams
  extends Required<Pick<MediaFilter, 'q' | 'kind' | 'status' | 'classification' | 'orgId' | 'voided' | 'sort' | 'dir'>> {
  page: number;
  pageSize: number;
}

export function useMediaList(params: MediaListParams) {
  return useQuery({
    queryKey: ['media:list', params],
    queryFn: () => unwrap(api().media.list({ ...params, holderId: null, responsibleId: null, contractId: null })),
    placeholderData: keepPreviousData,
  });
}

export function useMedium(id: number | null) {
  return useQuery({
    queryKey: ['media:get', id],
    queryFn: () => unwrap(api().media.get({ id: id! })),
    enabled: id !== null,
  });
}

/** Open items of every medium (past due back, repairs out, incidents to report, stocktake findings). */
export function useMediaOverdue() {
  return useQuery({ queryKey: ['media:overdue'], queryFn: () => unwrap(api().media.overdue({})) });
}

export function useMediaSettings() {
  return useQuery({ queryKey: ['media:settings'], queryFn: () => unwrap(api().media.settings({})) });
}

/**
 * Everything read about media is stale after a change to one; so are the people views (a holder's
 * departure checklist lists the media they hold).
 */
export function invalidateMedia(qc: QueryClient) {
  return Promise.all([
    qc.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('media:') }),
    invalidatePeople(qc),
  ]);
}

type Ref = { id: number; rev: number };

export function useMediaMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidateMedia(qc);
  return {
    create: useMutation({
      mutationFn: (fields: MediumFields & { registeredAt?: string | null }) => unwrap(api().media.create(fields)),
      onSuccess: refresh,
    }),
    update: useMutation({ mutationFn: (input: MediumFields & Ref) => unwrap(api().media.update(input)), onSuccess: refresh }),
    void: useMutation({
      mutationFn: ({ medium, reason }: { medium: Ref; reason: string }) => unwrap(api().media.void({ id: medium.id, rev: medium.rev, reason })),
      onSuccess: refresh,
    }),
    event: useMutation({ mutationFn: (input: MediaEventInput) => unwrap(api().media.event(input)), onSuccess: refresh }),
    updateSettings: useMutation({ mutationFn: (input: MediaSettings) => unwrap(api().media.updateSettings(input)), onSuccess: refresh }),
  };
}
