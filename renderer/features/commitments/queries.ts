import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommitmentFields } from '../../../common/api/commitment';
import type { SignOffKind } from '../../../common/people/signoff';
import { api, unwrap } from '../../lib/api';

/** The five kinds with their current version and history. */
export function useCommitmentList() {
  return useQuery({ queryKey: ['commitment:list'], queryFn: () => unwrap(api().commitment.list({})) });
}

/** One earlier version's text; nothing to fetch for the current one (null). */
export function useCommitmentVersion(kind: SignOffKind, version: number | null) {
  return useQuery({
    queryKey: ['commitment:get', kind, version],
    queryFn: () => unwrap(api().commitment.get({ kind, version: version! })),
    enabled: version !== null,
  });
}

export function useSaveCommitment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CommitmentFields & { kind: SignOffKind; baseVersion: number }) => unwrap(api().commitment.save(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['commitment:list'] }),
  });
}

/** People matching a search, for choosing whom to print a commitment for. */
export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['person:list', 'commitment-print', q],
    queryFn: () => unwrap(api().person.list({ q, page: 1, pageSize: 50 })),
    placeholderData: keepPreviousData,
  });
}

/** The contracts a person is assigned to (assignments not voided). */
export function usePersonContracts(personId: number | null) {
  return useQuery({
    queryKey: ['assignment:listByPerson', personId],
    queryFn: () => unwrap(api().assignment.listByPerson({ personId: personId! })),
    enabled: personId !== null,
  });
}
