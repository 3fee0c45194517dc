/**
 * Test support: registers media from a worker thread through its own connection to the database
 * file, to prove that concurrent creation never gives one number twice. Bundled and started by
 * numbering-concurrency.test.ts; never imported by production code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCore } from '../../core';
import { fakeShell, fixedKeySource, OFFICER } from '../../testing/fixtures';

interface Job {
  dir: string;
  count: number;
  fields: Record<string, unknown>;
}

const job = workerData as Job;
const core = await openCore({ dataDir: job.dir, keySource: fixedKeySource(), shell: fakeShell(), appVersion: '0.0.0-test', workstation: 'worker' });
// Both workers start creating at the same moment.
const go = new Promise((resolve) => parentPort!.once('message', resolve));
parentPort!.postMessage({ ready: true });
await go;
const numbers: string[] = [];
const errors: string[] = [];
for (let i = 0; i < job.count; i++) {
  const result = await core.router.invoke('media:create', OFFICER, job.fields);
  if (result.ok) numbers.push((result.value as { medium: { number: string } }).medium.number);
  else errors.push(`${result.error.code}: ${result.error.message}`);
}
core.close();
parentPort!.postMessage({ numbers, errors });
