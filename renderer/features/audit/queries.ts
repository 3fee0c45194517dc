import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { auditVerificationSchema, type AuditFilter } from '../../../common/api/audit';
import { api, unwrap } from '../../lib/api';

export type AuditListParams = Required<Pick<AuditFilter, 'from' | 'to' | 'actor' | 'action' | 'q' | 'dir'>> & { page: number; pageSize: number };
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export function useAuditList(params: AuditListParams) {
  return useQuery({
    queryKey: ['audit:list', params],
    queryFn: () => unwrap(api().audit.list(params)),
    placeholderData: keepPreviousData,
  });
}

export function useAuditRecord(seq: number | null) {
  return useQuery({
    queryKey: ['audit:get', seq],
    queryFn: () => unwrap(api().audit.get({ seq: seq! })),
    enabled: seq !== null,
    // Always read the record as stored now: an earlier copy could hide a change found by verification.
    staleTime: 0,
    gcTime: 0,
  });
}

const POLL_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Full verification runs as a job in the data core (in slices, so the app stays responsive);
 * this polls its progress until it finishes. Starting and finishing are both recorded, so the
 * list is refreshed afterwards.
 */
export function useAuditVerify() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const mutation = useMutation({
    mutationFn: async (): Promise<AuditVerification> => {
      setProgress({ done: 0, total: 0 });
      const { jobId } = await unwrap(api().audit.verifyStart({}));
      for (;;) {
        const status = await unwrap(api().job.status({ jobId }));
        setProgress({ done: status.done, total: status.total });
        if (status.state === 'failed') throw new Error(status.error ?? '校验未能完成');
        if (status.state === 'done') return auditVerificationSchema.parse(status.result);
        await sleep(POLL_MS);
      }
    },
    onSettled: async () => {
      setProgress(null);
      await qc.invalidateQueries({ queryKey: ['audit:list'] });
      await qc.invalidateQueries({ queryKey: ['audit:get'] });
    },
  });
  return Object.assign(mutation, { progress });
}
