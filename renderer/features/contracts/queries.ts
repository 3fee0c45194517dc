import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contract, ContractFields, ContractFilter } from '../../../common/api/contract';
import { api, unwrap } from '../../lib/api';

export interface ContractListParams extends Required<Pick<ContractFilter, 'q' | 'status' | 'orgId' | 'voided' | 'sort' | 'dir'>> {
  /** Service period overlapping [from, to], YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  page: number;
  pageSize: number;
}

export function useContractList(params: ContractListParams) {
  return useQuery({
    queryKey: ['contract:list', params],
    queryFn: () => unwrap(api().contract.list(params)),
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: number | null) {
  return useQuery({
    queryKey: ['contract:get', id],
    queryFn: () => unwrap(api().contract.get({ id: id! })),
    enabled: id !== null,
  });
}

/** Who recorded, changed, terminated or voided the contract. */
export function useContractHistory(id: number | null, rev: number | undefined) {
  return useQuery({
    queryKey: ['contract:history', id, rev],
    queryFn: () => unwrap(api().contract.history({ id: id! })),
    enabled: id !== null,
  });
}

/** Contracts not voided matching `q` (number, project, party), most recently signed first: for pickers and filters. */
export function useContractOptions(q: string) {
  return useQuery({
    queryKey: ['contract:list', 'options', q],
    queryFn: () =>
      unwrap(api().contract.list({ q, status: null, orgId: null, from: null, to: null, voided: 'exclude', sort: 'signedDate', dir: 'desc', page: 1, pageSize: 50 })),
    placeholderData: keepPreviousData,
  });
}

export function useContractMutations() {
  const qc = useQueryClient();
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['contract:list'] });
    await qc.invalidateQueries({ queryKey: ['contract:get'] });
  };
  return {
    create: useMutation({ mutationFn: (fields: ContractFields) => unwrap(api().contract.create(fields)), onSuccess: refresh }),
    update: useMutation({
      mutationFn: (input: ContractFields & { id: number; rev: number }) => unwrap(api().contract.update(input)),
      onSuccess: refresh,
    }),
    void: useMutation({
      mutationFn: (input: { contract: Contract; reason: string }) =>
        unwrap(api().contract.void({ id: input.contract.id, rev: input.contract.rev, reason: input.reason })),
      onSuccess: refresh,
    }),
    terminate: useMutation({
      mutationFn: (input: { contract: Contract; terminatedOn: string; reason: string }) =>
        unwrap(
          api().contract.terminate({ id: input.contract.id, rev: input.contract.rev, terminatedOn: input.terminatedOn, reason: input.reason }),
        ),
      onSuccess: refresh,
    }),
  };
}
