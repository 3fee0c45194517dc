import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediumDetail } from '../../../common/api/media';
import { openCore, type Core } from '../../core';
import { fakeShell, fixedKeySource, OFFICER, valueOf } from '../../testing/fixtures';
import { openMediaWorld, type MediaWorld } from './testing';

let w: MediaWorld;
const others: Core[] = [];
beforeEach(async () => {
  w = await openMediaWorld('2026-03-02');
});
afterEach(() => {
  for (const core of others.splice(0)) core.close();
  w.core.cleanup();
});

const fields = () => ({ kind: 'U盘', classification: '内部', responsibleId: w.keeper.id, orgId: w.vendor.id });
const seqOf = (number: string) => Number(number.split('-').at(-1));

describe('numbers under concurrent creation', () => {
  it('two connections on one file, creating in turn, continue one sequence', async () => {
    const second = await openCore({ dataDir: w.core.dir, keySource: fixedKeySource(), shell: fakeShell(), appVersion: '0.0.0-test', now: () => new Date('2026-03-02T04:00:00Z') });
    others.push(second);
    const numbers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const router = i % 2 === 0 ? w.core.router : second.router;
      numbers.push(valueOf<{ medium: MediumDetail }>(await router.invoke('media:create', OFFICER, fields())).medium.number);
    }
    expect(numbers).toEqual(['JZ-2026-0001', 'JZ-2026-0002', 'JZ-2026-0003', 'JZ-2026-0004', 'JZ-2026-0005', 'JZ-2026-0006']);
    // Interleaved calls on both connections at once.
    const both = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 ? second : w.core).router.invoke('media:create', OFFICER, fields())));
    const more = both.map((r) => valueOf<{ medium: MediumDetail }>(r).medium.number);
    expect(new Set([...numbers, ...more]).size).toBe(10);
  });

  it('two worker threads creating at the same moment never give one number twice', async () => {
    const out = join(process.cwd(), '.tmp', 'media-create-worker.mjs');
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
    buildSync({
      entryPoints: [join(import.meta.dirname, 'create-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: out,
      logLevel: 'silent',
    });
    const perWorker = 15;
    const workers = [0, 1].map(() => new Worker(out, { workerData: { dir: w.core.dir, count: perWorker, fields: fields() } }));
    const results = await new Promise<{ numbers: string[]; errors: string[] }[]>((resolve, reject) => {
      let ready = 0;
      const done: { numbers: string[]; errors: string[] }[] = [];
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (message: { ready?: boolean; numbers?: string[]; errors?: string[] }) => {
          if (message.ready) {
            ready += 1;
            if (ready === workers.length) for (const each of workers) each.postMessage('go');
            return;
          }
          done.push(message as { numbers: string[]; errors: string[] });
          if (done.length === workers.length) resolve(done);
        });
      }
    });
    await Promise.all(workers.map((worker) => worker.terminate()));
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const numbers = results.flatMap((r) => r.numbers);
    expect(numbers).toHaveLength(2 * perWorker);
    expect(new Set(numbers).size).toBe(2 * perWorker);
    // One sequence, no gaps: the counter advanced once per medium, whichever thread took it.
    expect(numbers.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 2 * perWorker }, (_, i) => i + 1));
    expect(w.core.db.prepare('SELECT count(DISTINCT number_norm) FROM media').pluck().get()).toBe(2 * perWorker);
  });
});
