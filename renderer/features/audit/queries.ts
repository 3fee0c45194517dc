import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { auditVerificationSchema, type AuditFilter } from '../../../common/api/audit';
import { api, unwrap } from '../../lib/api';
import { waitForJob } from '../../lib/jobs';

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
      return auditVerificationSchema.parse(await waitForJob(jobId, setProgress, '校验未能完成'));
    },
    onSettled: async () => {
      setProgress(null);
      await qc.invalidateQueries({ queryKey: ['audit:list'] });
      await qc.invalidateQueries({ queryKey: ['audit:get'] });
    },
  });
  return Object.assign(mutation, { progress });
}
