import { randomBytes, randomUUID } from 'node:crypto';
import { IntegrityError, open, seal } from '../../common/crypto/sm4';
import { HmacSm3, equalBytes, fromHex, hmacSm3, toHex } from '../../common/crypto/sm3';
import type { Db } from '../core/open';

export interface AuditDetails {
  targetType?: string;
  targetId?: string | number;
  /** One line a reader of the trail understands, in Chinese. */
  summary: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends AuditDetails {
  at: string;
  actorId: string;
  actorName: string;
  /** Comma-separated roles the actor held. */
  actorRoles?: string;
  action: string;
  channel: string;
  result?: 'ok' | 'denied' | 'failed';
  workstation?: string;
}

export interface AuditHead {
  seq: number;
  mac: string;
}

const encoder = new TextEncoder();
const GENESIS = new Uint8Array(32);

/** The chain key: derived from the database key, never stored. */
export function auditKeyFrom(databaseKey: Uint8Array): Uint8Array {
  return hmacSm3(databaseKey, encoder.encode('baomi-ledger/audit-chain/v1'));
}

/** Row as stored; the MAC covers every column but itself, in this order. */
export interface Row {
  seq: number;
  uuid: string;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_roles: string;
  action: string;
  channel: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  workstation: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  mac: string;
}

/** The columns the MAC covers, in this order (every column but the MAC itself). */
const MAC_COLUMNS = [
  'seq',
  'uuid',
  'at',
  'actor_id',
  'actor_name',
  'actor_roles',
  'action',
  'channel',
  'target_type',
  'target_id',
  'result',
  'workstation',
  'summary',
  'before_json',
  'after_json',
] as const satisfies readonly (keyof Row)[];

export function canonicalRecord(row: Omit<Row, 'mac'>): Uint8Array {
  return encoder.encode(JSON.stringify(MAC_COLUMNS.map((c) => row[c])));
}

const COLUMNS = [...MAC_COLUMNS, 'mac'].join(', ');

/**
 * The append-only, chained audit trail: each record's MAC is HMAC-SM3(chain key, previous MAC ‖
 * canonical record). Triggers refuse UPDATE and DELETE; the head is also kept outside the database.
 */
export class AuditTrail {
  private readonly hmac: HmacSm3;

  constructor(
    private readonly db: Db,
    key: Uint8Array,
  ) {
    this.hmac = new HmacSm3(key);
  }

  head(): AuditHead | null {
    const row = this.db.prepare('SELECT seq, mac FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').get() as AuditHead | undefined;
    return row ?? null;
  }

  /** Appends one record; call inside the transaction of the change it records. */
  append(record: AuditRecord): AuditHead {
    const prev = this.head();
    const row: Omit<Row, 'mac'> = {
      seq: (prev?.seq ?? 0) + 1,
      uuid: randomUUID(),
      at: record.at,
      actor_id: record.actorId,
      actor_name: record.actorName,
      actor_roles: record.actorRoles ?? '',
      action: record.action,
      channel: record.channel,
      target_type: record.targetType ?? null,
      target_id: record.targetId === undefined ? null : String(record.targetId),
      result: record.result ?? 'ok',
      workstation: record.workstation ?? '',
      summary: record.summary,
      before_json: record.before === undefined ? null : JSON.stringify(record.before),
      after_json: record.after === undefined ? null : JSON.stringify(record.after),
    };
    const mac = toHex(this.hmac.macParts([prev ? fromHex(prev.mac) : GENESIS, canonicalRecord(row)]));
    this.db
      .prepare(`INSERT INTO audit_log (${COLUMNS}) VALUES (${[...MAC_COLUMNS, 'mac'].map(() => '?').join(', ')})`)
      .run(...MAC_COLUMNS.map((c) => row[c]), mac);
    return { seq: row.seq, mac };
  }

  anchor(): { seq: number; mac: string; tag: string; archivedAt: string; archiveFile: string } | null {
    const row = this.db
      .prepare('SELECT seq, mac, tag, archived_at AS archivedAt, archive_file AS archiveFile FROM audit_anchor WHERE id = 1')
      .get() as { seq: number; mac: string; tag: string; archivedAt: string; archiveFile: string } | undefined;
    return row ?? null;
  }

  private anchorTag(seq: number, mac: string): string {
    return toHex(this.hmac.mac(encoder.encode(`anchor:${seq}:${mac}`)));
  }

  /** The oldest records that may be archived: a prefix of the chain, all older than `cutoff`. */
  archivableRange(cutoffIso: string): { fromSeq: number; toSeq: number } | null {
    const first = (this.db.prepare('SELECT min(seq) AS s FROM audit_log').get() as { s: number | null }).s;
    if (first === null) return null;
    const younger = (this.db.prepare('SELECT min(seq) AS s FROM audit_log WHERE at >= ?').get(cutoffIso) as { s: number | null }).s;
    const last = (this.db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
    const toSeq = younger === null ? last : younger - 1;
    // The newest record always stays, so the chain keeps a head in the database.
    const capped = Math.min(toSeq, last - 1);
    return capped >= first ? { fromSeq: first, toSeq: capped } : null;
  }

  /** Rows of a range with their MACs, for the archive file. */
  rows(fromSeq: number, toSeq: number): Row[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq`).all(fromSeq, toSeq) as Row[];
  }

  /**
   * Removes archived records and moves the anchor to the last of them. Call inside a transaction,
   * after the archive file was written and verified.
   */
  removeArchived(toSeq: number, archiveFile: string, at: string): void {
    const last = this.db.prepare('SELECT mac FROM audit_log WHERE seq = ?').get(toSeq) as { mac: string } | undefined;
    if (!last) throw new Error(`audit record ${toSeq} is missing`);
    this.db.exec('DROP TRIGGER audit_log_no_delete');
    this.db.prepare('DELETE FROM audit_log WHERE seq <= ?').run(toSeq);
    this.db.exec(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
    this.db
      .prepare(
        `INSERT INTO audit_anchor (id, seq, mac, tag, archived_at, archive_file) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac, tag = excluded.tag, archived_at = excluded.archived_at, archive_file = excluded.archive_file`,
      )
      .run(toSeq, last.mac, this.anchorTag(toSeq, last.mac), at, archiveFile);
  }

  /** Checks an archive's records against the chain key: contiguous, each MAC right, ending at `last`. */
  verifyRows(rows: readonly Row[], prevMacHex: string | null): { ok: true } | { ok: false; seq: number; reason: string } {
    let prev = prevMacHex ? fromHex(prevMacHex) : GENESIS;
    let expected = rows[0]?.seq ?? 1;
    for (const row of rows) {
      if (row.seq !== expected) return { ok: false, seq: expected, reason: `归档中缺少第 ${expected} 条记录` };
      const mac = this.hmac.macParts([prev, canonicalRecord(row)]);
      if (!/^[0-9a-f]{64}$/.test(row.mac) || !equalBytes(mac, fromHex(row.mac))) return { ok: false, seq: row.seq, reason: `归档中第 ${row.seq} 条记录被改动` };
      prev = mac;
      expected++;
    }
    return { ok: true };
  }

  /** Archive files are sealed (SM4 + HMAC-SM3) with a key derived from the chain key. */
  sealArchive(bytes: Uint8Array): Uint8Array {
    return seal(this.archiveKey(), bytes, (n) => new Uint8Array(randomBytes(n)), encoder.encode('baomi-audit-archive'));
  }

  /** The archive's content, or null when it was not sealed by this installation or was altered. */
  openArchive(sealed: Uint8Array): Uint8Array | null {
    try {
      return open(this.archiveKey(), sealed, encoder.encode('baomi-audit-archive'));
    } catch (error) {
      if (error instanceof IntegrityError) return null;
      throw error;
    }
  }

  private archiveKey(): Uint8Array {
    return this.hmac.mac(encoder.encode('baomi-ledger/audit-archive/v1'));
  }

  /** A tag over the head, so a head kept outside the database cannot be forged without the key. */
  headTag(head: AuditHead): string {
    return toHex(this.hmac.mac(encoder.encode(`head:${head.seq}:${head.mac}`)));
  }

  /**
   * Recomputes the chain from `fromSeq` (1 = everything) and compares it with the head kept
   * outside the database. Names the first broken record.
   */
  verify(options: VerifyOptions = {}): AuditVerification {
    const verifier = this.verifier(options);
    while (!verifier.step(50_000));
    return verifier.result()!;
  }

  /**
   * The same check in slices (`step(n)` checks up to n records), so a long verification can yield
   * between slices and report progress.
   */
  verifier(options: VerifyOptions = {}): ChainVerifier {
    const fromSeq = Math.max(1, options.fromSeq ?? 1);
    const total = (this.db.prepare('SELECT count(*) AS n FROM audit_log WHERE seq >= ?').get(fromSeq) as { n: number }).n;
    const slice = this.db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?`);
    const anchor = this.anchor();
    let prevMac: Uint8Array = GENESIS;
    let expectedSeq = fromSeq;
    let checked = 0;
    let outcome: AuditVerification | null = null;
    const fail = (seq: number, reason: string) => (outcome = { ok: false, checked, total, broken: { seq, reason } });
    if (anchor && fromSeq <= anchor.seq + 1) {
      // Older records were archived: the chain continues from the anchor.
      expectedSeq = anchor.seq + 1;
      if (this.anchorTag(anchor.seq, anchor.mac) !== anchor.tag) fail(anchor.seq, `归档锚点（第 ${anchor.seq} 条）无效，审计链的起点被改动`);
      else prevMac = fromHex(anchor.mac);
    } else if (fromSeq > 1) {
      const before = this.db.prepare('SELECT mac FROM audit_log WHERE seq = ?').get(fromSeq - 1) as { mac: string } | undefined;
      if (!before || !/^[0-9a-f]{64}$/.test(before.mac)) fail(fromSeq - 1, `第 ${fromSeq - 1} 条审计记录缺失`);
      else prevMac = fromHex(before.mac);
    }
    const finish = () => {
      const expected = options.expectedHead;
      const lastSeq = expectedSeq - 1;
      if (expected) {
        if (this.headTag(expected) !== expected.tag) return fail(expected.seq, '密钥槽文件中保存的审计链头无效，审计链可能被替换');
        if (lastSeq < expected.seq) return fail(lastSeq + 1, `审计记录在第 ${lastSeq} 条之后被截断（应至少有 ${expected.seq} 条）`);
        const atHead = this.db.prepare('SELECT mac FROM audit_log WHERE seq = ?').get(expected.seq) as { mac: string } | undefined;
        if (!atHead || atHead.mac !== expected.mac) return fail(expected.seq, `第 ${expected.seq} 条审计记录与库外保存的链头不符，审计链被重建`);
      }
      return (outcome = { ok: true, checked, total });
    };
    return {
      total,
      checked: () => checked,
      result: () => outcome,
      step: (maxRows) => {
        if (outcome) return true;
        const rows = slice.all(expectedSeq, maxRows) as Row[];
        for (const row of rows) {
          if (row.seq !== expectedSeq) {
            fail(expectedSeq, `第 ${expectedSeq} 条审计记录缺失（下一条为第 ${row.seq} 条）`);
            return true;
          }
          const mac = this.hmac.macParts([prevMac, canonicalRecord(row)]);
          if (!/^[0-9a-f]{64}$/.test(row.mac) || !equalBytes(mac, fromHex(row.mac))) {
            fail(row.seq, `第 ${row.seq} 条审计记录内容被改动，或链从此处被重建`);
            return true;
          }
          prevMac = mac;
          expectedSeq++;
          checked++;
        }
        options.onProgress?.(checked, total);
        if (rows.length < maxRows) {
          finish();
          return true;
        }
        return false;
      },
    };
  }
}

export interface VerifyOptions {
  expectedHead?: (AuditHead & { tag: string }) | null;
  fromSeq?: number;
  onProgress?(done: number, total: number): void;
}

export interface ChainVerifier {
  readonly total: number;
  checked(): number;
  /** Checks up to `maxRows` more records; true when the verification has finished. */
  step(maxRows: number): boolean;
  result(): AuditVerification | null;
}

export type AuditVerification =
  | { ok: true; checked: number; total: number }
  | { ok: false; checked: number; total: number; broken: { seq: number; reason: string } };
