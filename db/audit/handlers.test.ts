import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDITOR, OFFICER, openTestCore, valueOf, type TestCore } from '../testing/fixtures';

let core: TestCore;
beforeEach(async () => {
  core = await openTestCore();
});
afterEach(() => core.cleanup());

async function waitForJob(jobId: string, who = AUDITOR) {
  for (;;) {
    const status = valueOf<{ state: string; done: number; total: number; result: unknown }>(await core.router.invoke('job:status', who, { jobId }));
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('audit trail channels', () => {
  it('the auditor lists and filters records; viewing is itself recorded', async () => {
    valueOf(await core.router.invoke('org:create', OFFICER, { name: '郑州大学', kind: 'client' }));
    valueOf(await core.router.invoke('org:create', OFFICER, { name: '北京强尼科技有限公司', kind: 'vendor' }));
    const page = valueOf<{ rows: { action: string; summary: string; targetType: string; targetName: string }[]; total: number; actions: string[] }>(
      await core.router.invoke('audit:list', AUDITOR, { action: 'org.create', q: '郑州' }),
    );
    expect(page.total).toBe(1);
    expect(page.rows[0]!.summary).toContain('郑州大学');
    // The object is named, not only identified.
    expect(page.rows[0]).toMatchObject({ targetType: 'organisation', targetName: '郑州大学' });
    expect(page.actions).toContain('org.create');
    const views = core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.view'").pluck().get();
    expect(views).toBe(1);
    expect(await core.router.invoke('audit:list', OFFICER, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('full verification runs as a job with progress, finds a changed record, and records its result', async () => {
    for (let i = 0; i < 30; i++) valueOf(await core.router.invoke('org:create', OFFICER, { name: `单位${i}`, kind: 'other' }));
    const { jobId } = valueOf<{ jobId: string }>(await core.router.invoke('audit:verifyStart', AUDITOR, {}));
    const ok = await waitForJob(jobId);
    expect(ok).toMatchObject({ state: 'done', result: { ok: true, checked: 31 }, total: 31, done: 31 });
    const order = core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'audit.verify%' ORDER BY seq").pluck().all();
    expect(order).toEqual(['audit.verify', 'audit.verifyResult']);
    // Someone else cannot read the auditor's job.
    expect(await core.router.invoke('job:status', OFFICER, { jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    core.db.exec('DROP TRIGGER audit_log_no_update');
    core.db.prepare("UPDATE audit_log SET summary = '改过的摘要' WHERE seq = 7").run();
    const second = valueOf<{ jobId: string }>(await core.router.invoke('audit:verifyStart', AUDITOR, {}));
    const bad = await waitForJob(second.jobId);
    expect(bad).toMatchObject({ state: 'done', result: { ok: false, broken: { seq: 7 } } });
    const results = core.db.prepare("SELECT result FROM audit_log WHERE action = 'audit.verifyResult' ORDER BY seq").pluck().all();
    expect(results).toEqual(['ok', 'failed']);
  });
});
