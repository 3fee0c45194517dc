import { DomainError } from '../../common/api/result';
import { randomUUID } from 'node:crypto';

export interface JobStatus {
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result: unknown;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface Job extends JobStatus {
  owner: string;
}

/** Gives the event loop a turn, so other calls are served between slices of long work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Long work (full audit verification, later large exports and imports) runs in slices and reports
 * progress; the UI polls `job:status`. Only the account that started a job can see it.
 */
export class Jobs {
  private readonly jobs = new Map<string, Job>();

  start(kind: string, owner: string, now: Date, run: (progress: (done: number, total: number) => void) => Promise<unknown>): string {
    const id = randomUUID();
    const job: Job = { id, kind, owner, state: 'running', done: 0, total: 0, result: null, error: null, startedAt: now.toISOString(), finishedAt: null };
    this.jobs.set(id, job);
    // Starts after the current call (and its transaction) has finished.
    void yieldToEventLoop()
      .then(() =>
        run((done, total) => {
          job.done = done;
          job.total = total;
        }),
      )
      .then(
      (result) => {
        job.state = 'done';
        job.result = result;
        job.finishedAt = new Date().toISOString();
      },
      (error: unknown) => {
        job.state = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
        job.finishedAt = new Date().toISOString();
        // A refusal (an empty list, an unwritable folder) is the user's to read, not a fault to log.
        if (!(error instanceof DomainError)) console.error(`[job ${kind}]`, error);
      },
    );
    return id;
  }

  status(id: string, owner: string): JobStatus | null {
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) return null;
    const { owner: _o, ...status } = job;
    return status;
  }
}
