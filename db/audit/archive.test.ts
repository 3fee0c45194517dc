import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDITOR, OFFICER, openTestCore, valueOf, type TestCore } from '../testing/fixtures';

let core: TestCore;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2025-01-10T10:00:00+08:00');
  core = await openTestCore({ now: () => clock });
});
afterEach(() => core.cleanup());

async function verifyAll() {
  const { jobId } = valueOf<{ jobId: string }>(await core.router.invoke('audit:verifyStart', AUDITOR, {}));
  for (;;) {
    const s = valueOf<{ state: string; result: { ok: boolean; checked: number } }>(await core.router.invoke('job:status', AUDITOR, { jobId }));
    if (s.state !== 'running') return s.result;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('archiving audit records older than 180 days', () => {
  it('moves old records to a sealed file, keeps the chain verifiable from the anchor, and never touches younger ones', async () => {
    for (let i = 0; i < 5; i++) valueOf(await core.router.invoke('org:create', OFFICER, { name: `旧单位${i}`, kind: 'other' }));
    clock = new Date('2025-09-01T10:00:00+08:00');
    for (let i = 0; i < 3; i++) valueOf(await core.router.invoke('org:create', OFFICER, { name: `新单位${i}`, kind: 'other' }));
    clock = new Date('2025-10-01T10:00:00+08:00');

    // Younger than 180 days: refused, nothing removed.
    const tooYoung = await core.router.invoke('audit:archive', AUDITOR, { before: '2025-06-01' });
    expect(tooYoung).toMatchObject({ ok: false, error: { code: 'RULE', field: 'before' } });
    expect(tooYoung.ok ? '' : tooYoung.error.message).toContain('2025-04-04');

    const path = join(core.dir, 'archive.baomi-audit');
    core.shell.savePath = path;
    const done = valueOf<{ archived: boolean; fromSeq: number; toSeq: number; count: number }>(
      await core.router.invoke('audit:archive', AUDITOR, { before: '2025-03-01' }),
    );
    expect(done).toMatchObject({ archived: true, fromSeq: 1, toSeq: 5, count: 5 });
    expect(existsSync(path)).toBe(true);
    // The file is sealed: no plaintext of the records in it.
    expect(readFileSync(path).includes(Buffer.from('旧单位0'))).toBe(false);
    const left = core.db.prepare('SELECT seq, action FROM audit_log ORDER BY seq').all() as { seq: number; action: string }[];
    expect(left[0]!.seq).toBe(6);
    expect(left.at(-1)!.action).toBe('audit.archive');
    expect(await verifyAll()).toMatchObject({ ok: true });
    // The archive opens with this installation's key and its chain ends where the database's begins.
    const opened = JSON.parse(new TextDecoder().decode(core.trail.openArchive(new Uint8Array(readFileSync(path)))!));
    expect(opened.rows.map((r: { seq: number }) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(core.trail.anchor()).toMatchObject({ seq: 5, mac: opened.head.mac });
    expect(core.trail.verifyRows(opened.rows, opened.prevMac)).toEqual({ ok: true });
  });

  it('a moved anchor is found by verification', async () => {
    for (let i = 0; i < 3; i++) valueOf(await core.router.invoke('org:create', OFFICER, { name: `旧单位${i}`, kind: 'other' }));
    clock = new Date('2025-12-01T10:00:00+08:00');
    core.shell.savePath = join(core.dir, 'a.baomi-audit');
    valueOf(await core.router.invoke('audit:archive', AUDITOR, { before: '2025-02-01' }));
    core.db.prepare('UPDATE audit_anchor SET seq = seq - 1').run();
    expect(await verifyAll()).toMatchObject({ ok: false });
  });

  it('cancelling the save dialog removes nothing and records nothing', async () => {
    valueOf(await core.router.invoke('org:create', OFFICER, { name: '旧单位', kind: 'other' }));
    valueOf(await core.router.invoke('org:create', OFFICER, { name: '旧单位2', kind: 'other' }));
    clock = new Date('2025-12-01T10:00:00+08:00');
    core.shell.savePath = null;
    expect(valueOf(await core.router.invoke('audit:archive', AUDITOR, { before: '2025-02-01' }))).toMatchObject({ archived: false });
    expect(core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(2);
    expect(await core.router.invoke('audit:archive', OFFICER, { before: '2025-02-01' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
