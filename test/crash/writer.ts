/**
 * The child process of the kill test (kill.test.ts): logs in through the real login gate (which
 * runs the start-up checks), then writes through the real router as fast as it can, printing
 * each write only after it has been committed. The parent kills it with SIGKILL at random moments.
 *
 *   node writer.cjs <dataDir> <username> <password>
 * prints `ready <health JSON>`, then `create <uuid>` / `update <uuid> <rev>` per acknowledged write.
 */
import { writeSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import type { Result } from '../../common/api/result';
import { AuthGate } from '../../db/security/gate';
import { fakeShell } from '../../db/testing/fixtures';

const say = (line: string) => writeSync(1, `${line}\n`);

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function main(): Promise<void> {
  const [dataDir, username, password] = process.argv.slice(2) as [string, string, string];
  const gate = new AuthGate({ dataDir, shell: fakeShell(), appVersion: 'kill-test', workstation: 'kill-test' });
  value(await gate.invoke('auth:login', { username, password }));
  say(`ready ${JSON.stringify(value(await gate.invoke('app:health', {})))}`);
  const db = gate.core!.db;
  for (let n = 0; ; n++) {
    const existing = db.prepare('SELECT count(*) FROM organisations').pluck().get() as number;
    if (existing > 0 && randomInt(3) === 0) {
      const org = db.prepare('SELECT id, uuid, rev, name FROM organisations ORDER BY random() LIMIT 1').get() as { id: number; uuid: string; rev: number; name: string };
      const updated = value<{ uuid: string; rev: number }>(
        await gate.invoke('org:update', { id: org.id, rev: org.rev, name: org.name, kind: 'vendor', note: `第 ${org.rev + 1} 次修改 ${'改'.repeat(randomInt(200))}` }),
      );
      say(`update ${updated.uuid} ${updated.rev}`);
    } else {
      const created = value<{ uuid: string }>(
        await gate.invoke('org:create', { name: `进程${process.pid}单位${n}`, kind: 'vendor', note: '备注'.repeat(randomInt(1, 250)) }),
      );
      say(`create ${created.uuid}`);
    }
  }
}

main().catch((error: unknown) => {
  say(`error ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
