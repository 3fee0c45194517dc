import type { AttachmentOwnerType } from '../../common/api/attachment';
import { DomainError } from '../../common/api/result';
import type { Db } from '../core/open';

/** What an attachment belongs to, in words, and why nothing more may be attached to it. */
export interface AttachmentOwner {
  /**
   * 合同“…”, 合同“…”的安全保密协议书, 履行义务“漏洞扫描” 2025-03-28 的完成记录,
   * 张三 的上岗保密承诺书（2024-05-20 签署）, 保密教育“…”（2024-06-01）, IP 报备 IP-2026-0001（…）.
   */
  label: string;
  /** Why the owner takes no more attachments (it, its contract or its person is voided), or null. */
  closed: string | null;
}

type Resolver = (db: Db, uuid: string) => AttachmentOwner | undefined;

const RESOLVERS: Readonly<Record<AttachmentOwnerType, Resolver>> = {
  contract: (db, uuid) => {
    const row = db.prepare('SELECT project_name AS name, voided_at AS voided FROM contracts WHERE uuid = ?').get(uuid) as
      | { name: string; voided: string | null }
      | undefined;
    if (!row) return undefined;
    const label = `合同“${row.name}”`;
    return { label, closed: row.voided ? `${label}已作废` : null };
  },
  agreement: (db, uuid) => {
    const row = db
      .prepare(
        `SELECT a.kind, c.project_name AS name, c.voided_at AS voided
         FROM contract_agreements a JOIN contracts c ON c.id = a.contract_id WHERE a.uuid = ?`,
      )
      .get(uuid) as { kind: string; name: string; voided: string | null } | undefined;
    if (!row) return undefined;
    return { label: `合同“${row.name}”的${row.kind}`, closed: row.voided ? `合同“${row.name}”已作废` : null };
  },
  completion: (db, uuid) => {
    const row = db
      .prepare(
        `SELECT o.title, x.done_on AS doneOn, x.voided_at AS completionVoided, o.voided_at AS obligationVoided,
           c.project_name AS name, c.voided_at AS contractVoided
         FROM obligation_completions x JOIN contract_obligations o ON o.id = x.obligation_id
         JOIN contracts c ON c.id = o.contract_id WHERE x.uuid = ?`,
      )
      .get(uuid) as
      | { title: string; doneOn: string; completionVoided: string | null; obligationVoided: string | null; name: string; contractVoided: string | null }
      | undefined;
    if (!row) return undefined;
    const label = `履行义务“${row.title}” ${row.doneOn} 的完成记录`;
    const closed = row.contractVoided
      ? `合同“${row.name}”已作废`
      : row.obligationVoided
        ? `履行义务“${row.title}”已作废`
        : row.completionVoided
          ? `${label}已作废`
          : null;
    return { label, closed };
  },
  signoff: (db, uuid) => {
    const row = db
      .prepare(
        `SELECT s.kind, s.signed_date AS signedDate, s.voided_at AS signOffVoided, p.name, p.voided_at AS personVoided
         FROM person_signoffs s JOIN people p ON p.id = s.person_id WHERE s.uuid = ?`,
      )
      .get(uuid) as { kind: string; signedDate: string; signOffVoided: string | null; name: string; personVoided: string | null } | undefined;
    if (!row) return undefined;
    const label = `${row.name} 的${row.kind}（${row.signedDate} 签署）`;
    const closed = row.personVoided ? `人员 ${row.name} 已作废` : row.signOffVoided ? `${label}已作废` : null;
    return { label, closed };
  },
  training: (db, uuid) => {
    const row = db.prepare('SELECT topic, held_on AS heldOn, voided_at AS voided FROM trainings WHERE uuid = ?').get(uuid) as
      | { topic: string; heldOn: string; voided: string | null }
      | undefined;
    if (!row) return undefined;
    const label = `保密教育“${row.topic}”（${row.heldOn}）`;
    return { label, closed: row.voided ? `${label}已作废` : null };
  },
  mediaEvent: (db, uuid) => {
    const row = db
      .prepare(
        `SELECT e.seq, e.type, e.occurred_at AS occurredAt, m.number, m.kind, m.voided_at AS voided
         FROM media_events e JOIN media m ON m.id = e.medium_id WHERE e.uuid = ?`,
      )
      .get(uuid) as { seq: number; type: string; occurredAt: string; number: string; kind: string; voided: string | null } | undefined;
    if (!row) return undefined;
    const medium = `介质 ${row.number}（${row.kind}）`;
    return { label: `${medium}第 ${row.seq} 条记录（${row.type}，${row.occurredAt.slice(0, 10)}）`, closed: row.voided ? `${medium}已作废` : null };
  },
  ipFiling: (db, uuid) => {
    const row = db
      .prepare('SELECT f.number, o.name, f.voided_at AS voided FROM ip_filings f JOIN organisations o ON o.id = f.org_id WHERE f.uuid = ?')
      .get(uuid) as { number: string; name: string; voided: string | null } | undefined;
    if (!row) return undefined;
    const label = `IP 报备 ${row.number}（${row.name}）`;
    return { label, closed: row.voided ? `${label}已作废` : null };
  },
};

/** The owner, or a refusal naming what is missing. */
export function resolveOwner(db: Db, type: AttachmentOwnerType, uuid: string): AttachmentOwner {
  const owner = RESOLVERS[type](db, uuid);
  if (!owner) throw new DomainError('NOT_FOUND', '附件所属的记录不存在，可能已被其他操作更改，请刷新后再试');
  return owner;
}

/** The owner, refusing one that takes no more attachments. */
export function requireOpenOwner(db: Db, type: AttachmentOwnerType, uuid: string): AttachmentOwner {
  const owner = resolveOwner(db, type, uuid);
  if (owner.closed) throw new DomainError('RULE', `${owner.closed}，不能再添加附件`);
  return owner;
}
