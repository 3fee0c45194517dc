import type { z } from 'zod';
import { api, unwrap } from './api';

export interface JobProgress {
  done: number;
  /** 0 while the total is not known yet. */
  total: number;
}

const POLL_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls a job of the data core (audit verification, a backup, a restore drill, a large export)
 * until it finishes, reporting its progress: the job's result, or an Error with the core's message
 * (`fallback` when it gave none).
 */
export async function waitForJob(jobId: string, onProgress: (progress: JobProgress) => void, fallback: string): Promise<unknown> {
  for (;;) {
    const status = await unwrap(api().job.status({ jobId }));
    onProgress({ done: status.done, total: status.total });
    if (status.state === 'failed') throw new Error(status.error ?? fallback);
    if (status.state === 'done') return status.result;
    await sleep(POLL_MS);
  }
}

/** The same, with the result checked against `schema`. */
export async function awaitJob<T>(jobId: string, schema: z.ZodType<T>, onProgress: (p: JobProgress) => void, fallback: string): Promise<T> {
  return schema.parse(await waitForJob(jobId, onProgress, fallback));
}
