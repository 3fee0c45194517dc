import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testing/fixtures';
import { AuditTrail, auditKeyFrom, canonicalRecord, type AuditHead } from './log';
import { HmacSm3, fromHex, toHex } from '../../common/crypto/sm3';

// An attacker who can open the database file (e.g. holds the key) removes the triggers and edits rows.
// Verification with the real chain key and the head kept outside the database must find every change.

let core: TestCore;
beforeAll(async () => {
  core = await openTestCore();
});
afterAll(() => core.cleanup());

const TRIGGERS = `
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`;

function reset(): void {
  core.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log;' + TRIGGERS);
}

function writeLog(trail: AuditTrail, summaries: string[]): AuditHead & { tag: string } {
  let head: AuditHead = { seq: 0, mac: '' };
  core.db.transaction(() => {
    summaries.forEach((summary, i) => {
      head = trail.append({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), actorId: 'a', actorName: '保密员', action: 'org.update', channel: 'org:update', summary });
    });
  })();
  return { ...head, tag: trail.headTag(head) };
}

function tamper(sql: string, ...params: unknown[]): void {
  core.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  core.db.prepare(sql).run(...params);
  core.db.exec(TRIGGERS);
}

/** Recomputes every MAC with another key, as someone rebuilding the chain would. */
function rebuild(key: Uint8Array): AuditHead {
  const hmac = new HmacSm3(key);
  const rows = core.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Parameters<typeof canonicalRecord>[0][];
  let prev: Uint8Array = new Uint8Array(32);
  let head: AuditHead = { seq: 0, mac: '' };
  core.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  for (const row of rows) {
    const mac = hmac.macParts([prev, canonicalRecord(row)]);
    core.db.prepare('UPDATE audit_log SET mac = ? WHERE seq = ?').run(toHex(mac), row.seq);
    prev = mac;
    head = { seq: row.seq, mac: toHex(mac) };
  }
  core.db.exec(TRIGGERS);
  return head;
}

const TAMPERS = ['edit', 'delete', 'swap', 'insert', 'truncate', 'rebuild', 'rebuildWithHead'] as const;

describe('audit chain tampering (property)', () => {
  it('finds every kind of change and names the record', () => {
    const trail = new AuditTrail(core.db, auditKeyFrom(new Uint8Array(32).fill(7)));
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 3, maxLength: 25 }),
        fc.constantFrom(...TAMPERS),
        fc.nat(),
        fc.nat(),
        (summaries, kind, a, b) => {
          reset();
          const n = summaries.length;
          const head = writeLog(trail, summaries);
          expect(trail.verify({ expectedHead: head })).toMatchObject({ ok: true, checked: n });
          const i = (a % n) + 1;
          let expectedSeq: number;
          switch (kind) {
            case 'edit':
              tamper("UPDATE audit_log SET summary = summary || '（改）' WHERE seq = ?", i);
              expectedSeq = i;
              break;
            case 'delete':
              tamper('DELETE FROM audit_log WHERE seq = ?', i);
              expectedSeq = i;
              break;
            case 'swap': {
              const j = ((i - 1 + 1 + (b % (n - 1))) % n) + 1; // a different record
              const [lo, hi] = i < j ? [i, j] : [j, i];
              tamper('UPDATE audit_log SET seq = -1 WHERE seq = ?', lo);
              tamper('UPDATE audit_log SET seq = ? WHERE seq = ?', lo, hi);
              tamper('UPDATE audit_log SET seq = ? WHERE seq = -1', hi);
              expectedSeq = lo;
              break;
            }
            case 'insert':
              tamper('UPDATE audit_log SET seq = seq + 1000 WHERE seq >= ?', i);
              tamper('UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000');
              tamper(
                `INSERT INTO audit_log (seq, uuid, at, actor_id, actor_name, action, channel, summary, mac)
                 VALUES (?, 'forged', '2026-01-01T00:00:00.000Z', 'x', '伪造', 'org.update', 'org:update', '伪造记录', ?)`,
                i,
                '0'.repeat(64),
              );
              expectedSeq = i;
              break;
            case 'truncate':
              tamper('DELETE FROM audit_log WHERE seq >= ?', i);
              expectedSeq = i;
              break;
            case 'rebuild':
              rebuild(new Uint8Array(32).fill(b % 256 === 7 ? 8 : b % 256));
              expectedSeq = 1;
              break;
            case 'rebuildWithHead': {
              // The forger also replaces the head outside the database, but cannot make its tag.
              const forgedKey = new Uint8Array(32).fill(1);
              const forged = rebuild(forgedKey);
              const forgedTrail = new AuditTrail(core.db, forgedKey);
              const result = trail.verify({ expectedHead: { ...forged, tag: forgedTrail.headTag(forged) } });
              expect(result.ok).toBe(false);
              return;
            }
          }
          const result = trail.verify({ expectedHead: head });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.broken.seq).toBe(expectedSeq);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('a record appended by the app after the head was saved still verifies (crash between commit and head write)', () => {
    reset();
    const trail = new AuditTrail(core.db, auditKeyFrom(new Uint8Array(32).fill(3)));
    const head = writeLog(trail, ['一', '二']);
    writeLog(trail, ['三']);
    expect(trail.verify({ expectedHead: head })).toMatchObject({ ok: true, checked: 3 });
    expect(fromHex(head.mac)).toHaveLength(32);
  });
});
