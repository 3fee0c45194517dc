import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Obligation, ObligationFields } from '../../../../common/api/obligation';
import { api, unwrap } from '../../../lib/api';

export function useObligations(contractId: number, includeVoided: boolean) {
  return useQuery({
    queryKey: ['obligation:list', contractId, includeVoided],
    queryFn: () => unwrap(api().obligation.list({ contractId, includeVoided })),
  });
}

/** Every change refreshes the obligations, the contract (overdue count, history) and the list. */
export function useObligationMutations() {
  const qc = useQueryClient();
  const refresh = async () => {
    await Promise.all(
      ['obligation:list', 'obligation:overdue', 'contract:get', 'contract:list', 'contract:history'].map((key) =>
        qc.invalidateQueries({ queryKey: [key] }),
      ),
    );
  };
  return {
    create: useMutation({
      mutationFn: (input: ObligationFields & { contractId: number }) => unwrap(api().obligation.create(input)),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: (input: ObligationFields & { id: number; rev: number }) => unwrap(api().obligation.update(input)),
      onSuccess: refresh,
    }),
    void: useMutation({
      mutationFn: (input: { obligation: Obligation; reason: string }) =>
        unwrap(api().obligation.void({ id: input.obligation.id, rev: input.obligation.rev, reason: input.reason })),
      onSuccess: refresh,
    }),
    complete: useMutation({
      mutationFn: (input: { obligationId: number; doneOn: string; description: string }) => unwrap(api().obligation.complete(input)),
      onSuccess: refresh,
    }),
    voidCompletion: useMutation({
      mutationFn: (input: { id: number; reason: string }) => unwrap(api().obligation.voidCompletion(input)),
      onSuccess: refresh,
    }),
  };
}
