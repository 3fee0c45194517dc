import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Org, OrgFields, OrgFilter } from '../../../common/api/org';
import { api, unwrap } from '../../lib/api';

export interface OrgListParams extends Required<Pick<OrgFilter, 'q' | 'status' | 'sort' | 'dir'>> {
  kind: OrgFilter['kind'];
  page: number;
  pageSize: number;
}

export function useOrgList(params: OrgListParams) {
  return useQuery({
    queryKey: ['org:list', params],
    queryFn: () => unwrap(api().org.list(params)),
    placeholderData: keepPreviousData,
  });
}

/** Active organisations for selects and filters (contract parties, a person's unit), by name. */
export function useActiveOrgs() {
  return useQuery({
    queryKey: ['org:list', 'active'],
    queryFn: () => unwrap(api().org.list({ q: '', kind: null, status: 'active', sort: 'name', dir: 'asc', page: 1, pageSize: 200 })),
  });
}

export function useOrgMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['org:list'] });
  return {
    create: useMutation({ mutationFn: (fields: OrgFields) => unwrap(api().org.create(fields)), onSuccess: refresh }),
    update: useMutation({
      mutationFn: (input: OrgFields & { id: number; rev: number }) => unwrap(api().org.update(input)),
      onSuccess: refresh,
    }),
    void: useMutation({
      mutationFn: (input: { org: Org; reason: string }) =>
        unwrap(api().org.void({ id: input.org.id, rev: input.org.rev, reason: input.reason })),
      onSuccess: refresh,
    }),
  };
}
