import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcknowledgeInput, FindingFilter } from '../../../common/api/findings';
import { api, unwrap } from '../../lib/api';

/** Findings are computed from every register: read afresh whenever the home screen shows. */
export function useFindings(filter: FindingFilter) {
  return useQuery({
    queryKey: ['findings:list', filter],
    queryFn: () => unwrap(api().findings.list(filter)),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AcknowledgeInput) => unwrap(api().findings.acknowledge(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['findings:list'] }),
  });
}
