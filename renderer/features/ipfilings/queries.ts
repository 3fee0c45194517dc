import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { whitelistJobResultSchema, type IpFiling, type IpFilingFields, type IpFilingFilter, type WhitelistJobResult } from '../../../common/api/ipfiling';
import type { ConflictKind, WhitelistFormat } from '../../../common/ipfilings';
import { api, unwrap } from '../../lib/api';
import { waitForJob } from '../../lib/jobs';
import { invalidatePeople } from '../people/queries';

export interface IpFilingListParams
  extends Required<Pick<IpFilingFilter, 'q' | 'orgId' | 'accessMethod' | 'status' | 'voided' | 'sort' | 'dir'>> {
  page: number;
  pageSize: number;
}

/** Query keys are the channel names: a change to a filing refreshes every view of filings. */
const FILING_VIEWS = ['ipfiling:list', 'ipfiling:get', 'ipfiling:conflicts', 'ipfiling:lookup', 'ipfiling:expiring'];

/**
 * Everything read about filings is stale after any change to one; so is what the people screens
 * show (a person's departure checklist names their filings).
 */
export async function invalidateFilings(qc: QueryClient): Promise<void> {
  await Promise.all([...FILING_VIEWS.map((key) => qc.invalidateQueries({ queryKey: [key] })), invalidatePeople(qc)]);
}

export function useFilingList(params: IpFilingListParams) {
  return useQuery({
    queryKey: ['ipfiling:list', params],
    queryFn: () => unwrap(api().ipfiling.list({ ...params, personId: null, contractId: null })),
    placeholderData: keepPreviousData,
  });
}

export function useFiling(id: number | null) {
  return useQuery({
    queryKey: ['ipfiling:get', id],
    queryFn: () => unwrap(api().ipfiling.get({ id: id! })),
    enabled: id !== null,
  });
}

export interface ConflictParams {
  filingId: number | null;
  kind: ConflictKind | null;
  differentUnitOnly: boolean;
  page: number;
  pageSize: number;
}

export function useConflicts(params: ConflictParams, enabled = true) {
  return useQuery({
    queryKey: ['ipfiling:conflicts', params],
    queryFn: () => unwrap(api().ipfiling.conflicts(params)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** “Who may connect from this address?”; nothing is asked for an empty box. */
export function useLookup(address: string) {
  return useQuery({
    queryKey: ['ipfiling:lookup', address],
    queryFn: () => unwrap(api().ipfiling.lookup({ address })),
    enabled: address !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useExpiring() {
  return useQuery({ queryKey: ['ipfiling:expiring'], queryFn: () => unwrap(api().ipfiling.expiring({})) });
}

type Ref = Pick<IpFiling, 'id' | 'rev'>;
const ref = (f: Ref) => ({ id: f.id, rev: f.rev });

export function useFilingMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidateFilings(qc);
  return {
    create: useMutation({ mutationFn: (fields: IpFilingFields) => unwrap(api().ipfiling.create(fields)), onSuccess: refresh }),
    update: useMutation({ mutationFn: (input: IpFilingFields & Ref) => unwrap(api().ipfiling.update(input)), onSuccess: refresh }),
    approve: useMutation({
      mutationFn: ({ filing, approver, approvedOn }: { filing: Ref; approver: string; approvedOn: string }) =>
        unwrap(api().ipfiling.approve({ ...ref(filing), approver, approvedOn })),
      onSuccess: refresh,
    }),
    reject: useMutation({
      mutationFn: ({ filing, reason }: { filing: Ref; reason: string }) => unwrap(api().ipfiling.reject({ ...ref(filing), reason })),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: ({ filing, reason, revokedOn }: { filing: Ref; reason: string; revokedOn: string | null }) =>
        unwrap(api().ipfiling.revoke({ ...ref(filing), reason, revokedOn })),
      onSuccess: refresh,
    }),
    renew: useMutation({
      mutationFn: ({ filing, validFrom, validTo, appliedOn }: { filing: Ref; validFrom: string; validTo: string; appliedOn: string | null }) =>
        unwrap(api().ipfiling.renew({ ...ref(filing), validFrom, validTo, appliedOn })),
      onSuccess: refresh,
    }),
    void: useMutation({
      mutationFn: ({ filing, reason }: { filing: Ref; reason: string }) => unwrap(api().ipfiling.void({ ...ref(filing), reason })),
      onSuccess: refresh,
    }),
    /**
     * Asks where to save, then follows the core's background job; null when the dialog was
     * cancelled. `onStarted` is told once the file is being written.
     */
    whitelist: useMutation({
      mutationFn: async (input: {
        format: WhitelistFormat;
        filter: { q: string; orgId: number | null; accessMethod: IpFilingFilter['accessMethod'] };
        onStarted(): void;
        failed: string;
      }): Promise<WhitelistJobResult | null> => {
        const started = await unwrap(api().ipfiling.whitelist({ format: input.format, filter: { ...input.filter, personId: null, contractId: null } }));
        if (!started.jobId) return null;
        input.onStarted();
        return whitelistJobResultSchema.parse(await waitForJob(started.jobId, () => undefined, input.failed));
      },
    }),
  };
}

/** The full 联系方式 for the edit form (personal.reveal, audited); never cached beyond the form. */
export function useFilingContact(filing: Ref) {
  return useQuery({
    queryKey: ['revealForEdit', 'ipfiling', filing.id, filing.rev],
    queryFn: () => unwrap(api().ipfiling.contact({ id: filing.id })),
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
}
