/**
 * Removed content must not stay readable in the files (secure_delete, journal_size_limit): the
 * database is encrypted, so the files are decrypted page by page with the key — what someone
 * holding the key could read, including free pages, freed cells and stale -wal frames that no SQL
 * query reaches. A canary that is still stored proves the decryption sees the content at all.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../core';
import { AUDITOR, OFFICER, openTestCore, valueOf, type TestCore } from '../testing/fixtures';
import { decryptedFileContents } from '../testing/pages';

const GONE = 'REMOVED-CANARY-3b9d2e71';
const KEPT = 'KEPT-CANARY-c81f0a55';

let core: TestCore;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2025-01-10T10:00:00+08:00');
  core = await openTestCore({ now: () => clock });
});
afterEach(() => core.cleanup());

const found = (text: string) => decryptedFileContents(join(core.dir, DB_FILE)).includes(Buffer.from(text, 'utf8'));

describe('residual data', () => {
  it('secure_delete is on for every connection', () => {
    expect(core.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(core.db.pragma('journal_size_limit', { simple: true })).toBe(0);
  });

  it('an old value overwritten and its audit records archived leave no trace in the database or -wal file', async () => {
    // The canary is written as a note, then overwritten; the audit trail keeps the old value in
    // its records until they are archived (moved to a sealed file and deleted from the database).
    // Younger records written after it share its page, so the deletion frees cells inside a page
    // that stays in use — where, without secure_delete, the old bytes would remain.
    for (let i = 0; i < 10; i++) valueOf(await core.router.invoke('org:create', OFFICER, { name: `旧单位${i}`, kind: 'other', note: '旧'.repeat(50) }));
    const org = valueOf<{ id: number; rev: number }>(await core.router.invoke('org:create', OFFICER, { name: '北京某某科技有限公司', kind: 'vendor', note: GONE }));
    valueOf(await core.router.invoke('org:update', OFFICER, { id: org.id, rev: org.rev, name: '北京某某科技有限公司', kind: 'vendor', note: KEPT }));
    clock = new Date('2025-09-01T10:00:00+08:00');
    for (let i = 0; i < 10; i++) valueOf(await core.router.invoke('org:create', OFFICER, { name: `新单位${i}`, kind: 'other', note: '新'.repeat(50) }));
    expect(found(GONE)).toBe(true);

    core.shell.savePath = join(core.dir, 'archive.baomi-audit');
    valueOf(await core.router.invoke('audit:archive', AUDITOR, { before: '2025-03-01' }));
    expect(core.db.prepare('SELECT count(*) FROM audit_log WHERE before_json LIKE ? OR after_json LIKE ?').pluck().get(`%${GONE}%`, `%${GONE}%`)).toBe(0);
    // What the app does in normal use: an automatic checkpoint, then the next write restarts the log.
    core.db.pragma('wal_checkpoint(PASSIVE)');
    valueOf(await core.router.invoke('org:create', OFFICER, { name: '新单位', kind: 'vendor' }));

    expect(found(KEPT)).toBe(true);
    expect(found(GONE)).toBe(false);
  });
});
