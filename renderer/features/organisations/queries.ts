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
