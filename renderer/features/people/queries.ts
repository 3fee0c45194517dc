import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { DepartureKind, Person, PersonFields, PersonFilter } from '../../../common/api/person';
import { api, unwrap } from '../../lib/api';

export interface PersonListParams
  extends Required<Pick<PersonFilter, 'q' | 'orgId' | 'contractId' | 'status' | 'departing' | 'signOffStatus' | 'voided' | 'sort' | 'dir'>> {
  page: number;
  pageSize: number;
}

export function usePersonList(params: PersonListParams) {
  return useQuery({
    queryKey: ['person:list', params],
    queryFn: () => unwrap(api().person.list(params)),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: number | null) {
  return useQuery({
    queryKey: ['person:get', id],
    queryFn: () => unwrap(api().person.get({ id: id! })),
    enabled: id !== null,
  });
}

/** “Sign before access” for the person as of today, not tied to a contract. */
export function useMayAccess(person: Pick<Person, 'id' | 'rev'>) {
  return useQuery({
    queryKey: ['person:mayAccess', person.id, person.rev],
    queryFn: () => unwrap(api().person.mayAccess({ personId: person.id, contractId: null })),
  });
}

/** The checklist of the pending departure; only asked while one is pending. */
export function useDepartureChecklist(person: Pick<Person, 'id' | 'rev' | 'departure'>) {
  return useQuery({
    queryKey: ['person:departureChecklist', person.id, person.rev],
    queryFn: () => unwrap(api().person.departureChecklist({ id: person.id })),
    enabled: person.departure !== null,
  });
}

/**
 * Everything read about people (list, detail, access check, checklist) is stale after a change to
 * a person or to anything a person's derived state rests on (sign-offs, trainings, media, filings):
 * the other registers call this after their own saves.
 */
export function invalidatePeople(qc: QueryClient) {
  return qc.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('person:') });
}

type Ref = Pick<Person, 'id' | 'rev'>;

export function usePersonMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidatePeople(qc);
  const ref = (p: Ref) => ({ id: p.id, rev: p.rev });
  return {
    create: useMutation({ mutationFn: (fields: PersonFields) => unwrap(api().person.create(fields)), onSuccess: refresh }),
    update: useMutation({ mutationFn: (input: PersonFields & Ref) => unwrap(api().person.update(input)), onSuccess: refresh }),
    void: useMutation({
      mutationFn: ({ person, reason }: { person: Ref; reason: string }) => unwrap(api().person.void({ ...ref(person), reason })),
      onSuccess: refresh,
    }),
    startDeparture: useMutation({
      mutationFn: ({ person, kind, date }: { person: Ref; kind: DepartureKind; date: string }) =>
        unwrap(api().person.startDeparture({ ...ref(person), kind, date })),
      onSuccess: refresh,
    }),
    completeDeparture: useMutation({
      mutationFn: ({ person, exception }: { person: Ref; exception: string | null }) =>
        unwrap(api().person.completeDeparture({ ...ref(person), exception })),
      onSuccess: refresh,
    }),
    cancelDeparture: useMutation({
      mutationFn: ({ person, reason }: { person: Ref; reason: string }) => unwrap(api().person.cancelDeparture({ ...ref(person), reason })),
      onSuccess: refresh,
    }),
    reinstate: useMutation({
      mutationFn: ({ person, enteredOn }: { person: Ref; enteredOn: string }) => unwrap(api().person.reinstate({ ...ref(person), enteredOn })),
      onSuccess: refresh,
    }),
  };
}

/** The full ID number and phone, for the edit form of an account holding `personal.reveal` (each read is audited). */
export function usePersonalData(person: Pick<Person, 'id' | 'rev' | 'phoneMasked'>) {
  return useQuery({
    // Not under a `person:` key: invalidating people must not read (and audit) the values again.
    queryKey: ['revealForEdit', person.id, person.rev],
    queryFn: async () => {
      const idNumber = await unwrap(api().person.reveal({ id: person.id, field: 'idNumber' }));
      const phone = person.phoneMasked ? await unwrap(api().person.reveal({ id: person.id, field: 'phone' })) : { value: '' };
      return { idNumber: idNumber.value, phone: phone.value };
    },
    // Full values are never cached beyond the form that asked for them.
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}
