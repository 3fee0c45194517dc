import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AssignmentFields } from '../../../../common/api/assignment';
import type { PersonFilter } from '../../../../common/api/person';
import type { SignOffFields } from '../../../../common/api/signoff';
import { api, unwrap } from '../../../lib/api';

/**
 * Query keys are the channel names, so that every screen showing a person (the people list, the
 * person's drawer, a contract's people) refreshes when a sign-off, an assignment or a training
 * changes what it shows (status, contracts, last training).
 */
const PERSON_VIEWS = ['person:list', 'person:get', 'person:mayAccess', 'person:departureChecklist'];

export async function refreshKeys(qc: QueryClient, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => qc.invalidateQueries({ queryKey: [key] })));
}

export function useSignOffs(personId: number, includeVoided: boolean) {
  return useQuery({
    queryKey: ['signoff:list', personId, includeVoided],
    queryFn: () => unwrap(api().signoff.list({ personId, includeVoided })),
  });
}

/** 在岗年度承诺 to re-sign, earliest end (overdue) first. */
export function useRenewals() {
  return useQuery({ queryKey: ['signoff:renewals'], queryFn: () => unwrap(api().signoff.renewals({})) });
}

export function useSignOffMutations() {
  const qc = useQueryClient();
  const refresh = () => refreshKeys(qc, ['signoff:list', 'signoff:renewals', 'assignment:listByContract', ...PERSON_VIEWS]);
  return {
    create: useMutation({
      mutationFn: (input: SignOffFields & { personId: number }) => unwrap(api().signoff.create(input)),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: (input: SignOffFields & { id: number; rev: number }) => unwrap(api().signoff.update(input)),
      onSuccess: refresh,
    }),
    void: useMutation({
      mutationFn: (input: { id: number; rev: number; reason: string }) => unwrap(api().signoff.void(input)),
      onSuccess: refresh,
    }),
  };
}

export function useAssignmentsOfPerson(personId: number, includeVoided: boolean, enabled = true) {
  return useQuery({
    queryKey: ['assignment:listByPerson', personId, includeVoided],
    queryFn: () => unwrap(api().assignment.listByPerson({ personId, includeVoided })),
    enabled,
  });
}

export function useContractPeople(contractId: number, includeVoided: boolean) {
  return useQuery({
    queryKey: ['assignment:listByContract', contractId, includeVoided],
    queryFn: () => unwrap(api().assignment.listByContract({ contractId, includeVoided })),
  });
}

export function useAssignmentMutations() {
  const qc = useQueryClient();
  const refresh = () => refreshKeys(qc, ['assignment:listByPerson', 'assignment:listByContract', ...PERSON_VIEWS]);
  return {
    create: useMutation({
      mutationFn: (input: AssignmentFields & { personId: number; contractId: number }) => unwrap(api().assignment.create(input)),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: (input: AssignmentFields & { id: number; rev: number }) => unwrap(api().assignment.update(input)),
      onSuccess: refresh,
    }),
    void: useMutation({
      mutationFn: (input: { id: number; rev: number; reason: string }) => unwrap(api().assignment.void(input)),
      onSuccess: refresh,
    }),
  };
}

/** One page of people for a picker, searched in the core (name, post or unit). */
export function usePersonOptions(filter: Pick<PersonFilter, 'q' | 'orgId' | 'contractId' | 'status'>, enabled = true) {
  return useQuery({
    queryKey: ['person:list', 'picker', filter],
    queryFn: () => unwrap(api().person.list({ ...filter, voided: 'exclude', sort: 'name', dir: 'asc', page: 1, pageSize: 50 })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Contracts for a picker (not voided), searched in the core by number or project name. */
export function useContractOptions(q: string) {
  return useQuery({
    queryKey: ['contract:list', 'picker', q],
    queryFn: () => unwrap(api().contract.list({ q, voided: 'exclude', sort: 'signedDate', dir: 'desc', page: 1, pageSize: 50 })),
    placeholderData: keepPreviousData,
  });
}
