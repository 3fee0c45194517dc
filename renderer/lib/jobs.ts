import type { z } from 'zod';
import { api, unwrap } from './api';

const POLL_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface JobProgress {
  done: number;
  total: number;
}

/**
 * Long work (verifying the audit chain, a backup, a restore drill) runs as a job in the data core;
 * this polls its progress until it finishes and returns its result, checked against `schema`.
 */
export async function awaitJob<T>(jobId: string, schema: z.ZodType<T>, onProgress: (p: JobProgress) => void, unfinished: string): Promise<T> {
  for (;;) {
    const status = await unwrap(api().job.status({ jobId }));
    onProgress({ done: status.done, total: status.total });
    if (status.state === 'failed') throw new Error(status.error ?? unfinished);
    if (status.state === 'done') return schema.parse(status.result);
    await sleep(POLL_MS);
  }
}
