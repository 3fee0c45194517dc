import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { backupReportSchema, backupResultSchema, type BackupConfig, type BackupReport, type RestoreResult } from '../../../common/api/backup';
import { api, unwrap } from '../../lib/api';
import { awaitJob, type JobProgress } from '../../lib/jobs';
import { applyAuthStatus } from '../auth/queries';
import { useRestoreNotice } from './store';

export const BACKUP_STATUS = ['backup:status'] as const;
const CONFIG = ['backup:getConfig'] as const;
const LIST = ['backup:list'] as const;

export function useBackupStatus() {
  return useQuery({ queryKey: BACKUP_STATUS, queryFn: () => unwrap(api().backup.status({})) });
}

export function useBackupConfig() {
  return useQuery({ queryKey: CONFIG, queryFn: () => unwrap(api().backup.getConfig({})) });
}

export function useBackupList() {
  return useQuery({ queryKey: LIST, queryFn: () => unwrap(api().backup.list({})) });
}

/** Status, settings and the folder's list after anything that may change them. */
function useRefresh() {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([qc.invalidateQueries({ queryKey: BACKUP_STATUS }), qc.invalidateQueries({ queryKey: CONFIG }), qc.invalidateQueries({ queryKey: LIST })]);
  };
}

export function useSaveBackupConfig() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (config: BackupConfig) => unwrap(api().backup.setConfig(config)), onSuccess: refresh });
}

export function useChooseFolder() {
  return useMutation({ mutationFn: () => unwrap(api().backup.chooseFolder({})) });
}

/** A mutation running a job in the data core, with its progress while it runs. */
function useJob<I, T>(start: (input: I) => Promise<string | null>, finish: (jobId: string, onProgress: (p: JobProgress) => void) => Promise<T>) {
  const refresh = useRefresh();
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async (input: I): Promise<T | null> => {
      setProgress({ done: 0, total: 0 });
      const jobId = await start(input);
      return jobId ? finish(jobId, setProgress) : null;
    },
    onSettled: async () => {
      setProgress(null);
      await refresh();
    },
  });
  return Object.assign(mutation, { progress });
}

/** 立即备份: the backup runs as a job; its progress is shown until it is written, read back and renamed. */
export function useBackupRun(unfinished: string) {
  return useJob(
    async (_: void) => (await unwrap(api().backup.start({}))).jobId,
    (jobId, onProgress) => awaitJob(jobId, backupResultSchema, onProgress, unfinished),
  );
}

/** The restore drill on a file in the folder (`file`) or one chosen in a dialog (`null`); null when the dialog was cancelled. */
export function useBackupVerify(unfinished: string) {
  return useJob(
    async (file: string | null) => (await unwrap(api().backup.verifyStart({ file }))).jobId,
    (jobId, onProgress): Promise<BackupReport> => awaitJob(jobId, backupReportSchema, onProgress, unfinished),
  );
}

/**
 * Restores a verified backup. The data core ends the session: the renderer forgets everything it
 * holds, and the login screen says what was restored.
 */
export function useRestore() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; confirmCreatedAt: string }) => unwrap(api().backup.restore(input)),
    onSuccess: async (result: RestoreResult) => {
      applyAuthStatus(qc, await unwrap(api().auth.status({})));
      useRestoreNotice.getState().show(result);
    },
  });
}

/** From the login screen, with the recovery code: choose a file and verify it (null when the dialog was cancelled). */
export function useInspectWithRecovery() {
  return useMutation({ mutationFn: (recoveryCode: string) => unwrap(api().auth.inspectBackup({ recoveryCode })) });
}

export function useRestoreWithRecovery() {
  return useMutation({
    mutationFn: (input: { token: string; confirmCreatedAt: string; recoveryCode: string }) => unwrap(api().auth.restoreBackup(input)),
    onSuccess: (result) => useRestoreNotice.getState().show(result),
  });
}
