/**
 * Crash safety: a child process (writer.ts) logs in and writes through the real gate and router
 * into a real encrypted database; it is killed with SIGKILL at random moments, again and again.
 * After every kill the database must pass integrity_check and foreign_key_check, hold every write
 * the child acknowledged (printed after commit), hold no half-written one (each organisation has
 * exactly its create record and one update record per revision in the audit trail, in the same
 * transaction), and its audit chain must verify against the head kept outside the database.
 * The next child's start-up (after the marker of the unclean exit) runs the full integrity_check.
 *
 * 200 kills by default; BAOMI_KILL_CYCLES=2000 for more.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartupHealth } from '../../common/api/app';
import { AuditTrail, auditKeyFrom } from '../../db/audit/log';
import { openDatabase } from '../../db/core/open';
import { AuthGate } from '../../db/security/gate';
import { deriveKek } from '../../db/security/kdf';
import { readSlotFile } from '../../db/security/slotfile';
import { unwrapKey } from '../../db/security/wrap';
import { fakeShell } from '../../db/testing/fixtures';
import { OFFICER, provisionUser, setupOffice } from '../harness/accounts';

const ROOT = resolve(__dirname, '../..');
const CYCLES = Number(process.env.BAOMI_KILL_CYCLES ?? 200);
const TEST_KDF = { alg: 'scrypt' as const, N: 1 << 10, r: 8, p: 1 };

let work: string;
let dataDir: string;
let writer: string;
let key: Uint8Array;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'baomi-kill-'));
  dataDir = join(work, 'data');
  writer = join(work, 'writer.cjs');
  await build({
    entryPoints: [join(ROOT, 'test/crash/writer.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3-multiple-ciphers'],
    // Smaller to parse: each of the hundreds of children loads it.
    minify: true,
    logLevel: 'warning',
  });
  const gate = new AuthGate({ dataDir, shell: fakeShell(), appVersion: 't', kdf: TEST_KDF, workstation: 'kill-test' });
  await setupOffice(gate);
  await provisionUser(gate, OFFICER);
  gate.close();
  const slot = readSlotFile(gate.slotPath)!.slots.find((s) => s.username === OFFICER.username)!;
  key = unwrapKey(await deriveKek(OFFICER.password, slot.kdf), slot.sealed, slot.id)!;
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  health: StartupHealth | null;
  created: string[];
  updated: Map<string, number>;
  errors: string[];
}

/** Runs one child and kills it after `delayMs` (counted from its `ready`, or from the spawn when `early`). */
function runAndKill(delayMs: number, early: boolean): Promise<Run> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [writer, dataDir, OFFICER.username, OFFICER.password], {
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { health: null, created: [], updated: new Map(), errors: [] };
    let buffered = '';
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    if (early) timer = setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const [kind, a, b] = line.split(' ');
        if (kind === 'ready') {
          run.health = JSON.parse(line.slice(6)) as StartupHealth;
          if (!early) timer = setTimeout(kill, delayMs);
        } else if (kind === 'create') run.created.push(a!);
        else if (kind === 'update') run.updated.set(a!, Math.max(run.updated.get(a!) ?? 0, Number(b)));
        else if (kind === 'error') run.errors.push(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => run.errors.push(chunk));
    child.on('error', failed);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') run.errors.push(`writer exited on its own (code ${code})`);
      done(run);
    });
  });
}

describe('killed while writing', () => {
  it(`survives ${CYCLES} SIGKILLs: integrity ok, no dangling keys, every acknowledged write present, none half-written, chain verifies`, async () => {
    const acked = new Set<string>();
    const ackedRev = new Map<string, number>();
    let writes = 0;
    let fullChecks = 0;
    let started = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Mostly while writing; every tenth during start-up (loading, login, checks, the login's own record).
      const early = cycle % 10 === 9;
      const run = await runAndKill(Math.floor(Math.random() * (early ? 800 : 400)), early);
      if (run.health) started++;
      const where = `cycle ${cycle}`;
      expect(run.errors, where).toEqual([]);
      if (run.health) {
        // Every start after a kill finds the marker and runs the full check, which passes.
        expect(run.health, where).toMatchObject({ readOnly: false, findings: [] });
        if (cycle > 0) expect(run.health, where).toMatchObject({ uncleanExit: true, integrity: 'full' });
        if (run.health.integrity === 'full') fullChecks++;
      }
      run.created.forEach((uuid) => acked.add(uuid));
      run.updated.forEach((rev, uuid) => ackedRev.set(uuid, Math.max(ackedRev.get(uuid) ?? 0, rev)));
      writes += run.created.length + run.updated.size;

      const db = openDatabase(join(dataDir, 'baomi.db'), key);
      try {
        expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
        expect(db.pragma('foreign_key_check'), where).toEqual([]);
        const orgs = db.prepare('SELECT uuid, rev FROM organisations').all() as { uuid: string; rev: number }[];
        const byUuid = new Map(orgs.map((o) => [o.uuid, o.rev]));
        const missing = [...acked].filter((uuid) => !byUuid.has(uuid));
        expect(missing, `${where}: acknowledged but missing`).toEqual([]);
        const behind = [...ackedRev].filter(([uuid, rev]) => (byUuid.get(uuid) ?? -1) < rev);
        expect(behind, `${where}: acknowledged update lost`).toEqual([]);
        // All or nothing: the record and its audit records were written in one transaction.
        const audits = db
          .prepare(
            `SELECT target_id AS uuid, sum(action = 'org.create') AS creates, sum(action = 'org.update') AS updates
             FROM audit_log WHERE target_type = 'organisation' GROUP BY target_id`,
          )
          .all() as { uuid: string; creates: number; updates: number }[];
        const auditBy = new Map(audits.map((a) => [a.uuid, a]));
        const halfWritten = orgs.filter((o) => auditBy.get(o.uuid)?.creates !== 1 || auditBy.get(o.uuid)?.updates !== o.rev);
        expect(halfWritten, `${where}: record and audit trail disagree`).toEqual([]);
        expect(audits.filter((a) => !byUuid.has(a.uuid)), `${where}: audit record without its change`).toEqual([]);
        const trail = new AuditTrail(db, auditKeyFrom(key));
        expect(trail.verify({ expectedHead: readSlotFile(join(dataDir, 'keyslots.json'))!.auditHead }), where).toMatchObject({ ok: true });
      } finally {
        db.close();
      }
    }
    console.log(`[kill test] ${CYCLES} kills (${started} after start-up), ${writes} acknowledged writes, ${acked.size} organisations, ${fullChecks} full integrity checks at start-up`);
    // The kills did land among writes, not only during start-up.
    expect(started).toBeGreaterThan(CYCLES * 0.8);
    expect(writes).toBeGreaterThan(CYCLES / 2);
  }, 1_800_000);
});
