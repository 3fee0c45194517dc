import type { z } from 'zod';
import type { auditChannels, auditFilterSchema, AuditRecordView } from '../../common/api/audit';
import { DomainError } from '../../common/api/result';
import type { Db } from '../core/open';
import { isTrigramQuery, likeContains, textSearch } from '../core/search';
import { localDate } from '../registers/contracts/repo';
import { yieldToEventLoop } from '../jobs/jobs';
import { archiveHandler } from './archive';
import { tx, type Handlers } from '../router/handlers';

type Filter = z.output<typeof auditFilterSchema>;

/** The object's current name, so the trail reads 单位 北京金山云… rather than a bare identifier. */
const TARGET_NAME = `CASE audit_log.target_type
    WHEN 'organisation' THEN (SELECT o.name FROM organisations o WHERE o.uuid = audit_log.target_id)
    WHEN 'contract' THEN (SELECT c.project_name FROM contracts c WHERE c.uuid = audit_log.target_id)
    WHEN 'account' THEN (SELECT a.display_name || '（' || a.username || '）' FROM accounts a WHERE a.uuid = audit_log.target_id)
    WHEN 'person' THEN (SELECT p.name FROM people p WHERE p.uuid = audit_log.target_id)
    WHEN 'assignment' THEN (SELECT p.name || ' ' || a.role FROM person_assignments a JOIN people p ON p.id = a.person_id WHERE a.uuid = audit_log.target_id)
    WHEN 'signoff' THEN (SELECT p.name || ' ' || s.kind FROM person_signoffs s JOIN people p ON p.id = s.person_id WHERE s.uuid = audit_log.target_id)
    WHEN 'training' THEN (SELECT t.topic FROM trainings t WHERE t.uuid = audit_log.target_id)
    WHEN 'commitment_template' THEN (SELECT t.kind || ' 第 ' || t.version || ' 版' FROM commitment_templates t WHERE t.uuid = audit_log.target_id)
    WHEN 'ipfiling' THEN (SELECT f.number || ' ' || o.name FROM ip_filings f JOIN organisations o ON o.id = f.org_id WHERE f.uuid = audit_log.target_id)
    WHEN 'stocktake' THEN (SELECT s.number || ' ' || s.title FROM stocktakes s WHERE s.uuid = audit_log.target_id)
    WHEN 'attachment' THEN (SELECT f.file_name FROM attachments f WHERE f.uuid = audit_log.target_id)
  END`;

const COLUMNS = `seq, at, actor_id AS actorId, actor_name AS actorName, actor_roles AS actorRoles, action, channel,
  target_type AS targetType, target_id AS targetId, ${TARGET_NAME} AS targetName, result, workstation, summary`;
const SELECT = `SELECT ${COLUMNS} FROM audit_log`;

/** Calendar dates are the workstation's local days. */
function dayStart(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

function where(filter: Filter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  // Records are appended in time order, so a period is also a range of sequence numbers: the bound
  // found through the index of times lets a page walk the records in order within the period. It
  // is exact even if the clock once went back: min(seq) of the records at or after a time can
  // exclude none of them.
  if (filter.from) {
    parts.push('at >= ? AND seq >= (SELECT min(seq) FROM audit_log WHERE at >= ?)');
    params.push(dayStart(filter.from), dayStart(filter.from));
  }
  if (filter.to) {
    const next = new Date(`${filter.to}T00:00:00`);
    next.setDate(next.getDate() + 1);
    parts.push('at < ? AND seq <= (SELECT max(seq) FROM audit_log WHERE at < ?)');
    params.push(next.toISOString(), next.toISOString());
  }
  if (filter.actor) {
    parts.push("(actor_name LIKE ? ESCAPE '\\' OR actor_id = ?)");
    params.push(likeContains(filter.actor), filter.actor);
  }
  if (filter.action) {
    parts.push('action = ?');
    params.push(filter.action);
  }
  if (filter.targetType) {
    parts.push('target_type = ?');
    params.push(filter.targetType);
  }
  if (filter.q) {
    // The summaries name the records in words: three characters or more through the trigram index.
    const search = textSearch(filter.q, { rowid: 'seq', fts: 'audit_log_fts', likeColumns: ['summary'] });
    parts.push(search.sql);
    params.push(...search.params);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** How far back a search of one or two characters looks when no start date is given. */
export const SHORT_SEARCH_DAYS = 90;

/**
 * A search of fewer than three characters cannot use the trigram index of the summaries; without a
 * start date it covers the last SHORT_SEARCH_DAYS days (the index of times), which the list says.
 */
export function searchWindow(filter: Filter, now: Date): { filter: Filter; searchFrom: string | null } {
  if (!filter.q || isTrigramQuery(filter.q) || filter.from) return { filter, searchFrom: null };
  const from = localDate(new Date(now.getTime() - SHORT_SEARCH_DAYS * 86_400_000));
  return { filter: { ...filter, from }, searchFrom: from };
}

export function listAudit(db: Db, filter: Filter, page: { page: number; pageSize: number }): { rows: AuditRecordView[]; total: number } {
  const w = where(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
  const rows = db
    .prepare(`${SELECT} ${w.sql} ORDER BY seq ${filter.dir === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`)
    .all(...w.params, page.pageSize, (page.page - 1) * page.pageSize) as AuditRecordView[];
  return { rows, total };
}

export const auditHandlers: Handlers<typeof auditChannels> = {
  'audit:list': tx((ctx, input) => {
    const { filter, searchFrom } = searchWindow(input, ctx.now());
    const { rows, total } = listAudit(ctx.db, filter, input);
    // The distinct actions by skipping through the action index (not a read of every record).
    const actions = ctx.db
      .prepare(
        `WITH RECURSIVE a(action) AS (SELECT min(action) FROM audit_log
           UNION ALL SELECT (SELECT min(action) FROM audit_log WHERE action > a.action) FROM a WHERE a.action IS NOT NULL)
         SELECT action FROM a WHERE action IS NOT NULL`,
      )
      .pluck()
      .all() as string[];
    ctx.audit({ targetType: 'audit', summary: `查阅审计记录（${total} 条符合条件）`, after: { filter: { ...input } } });
    return { rows, total, actions, searchFrom };
  }),
  'audit:get': tx((ctx, { seq }) => {
    const row = ctx.db.prepare(`SELECT ${COLUMNS}, before_json, after_json, mac FROM audit_log WHERE seq = ?`).get(seq) as
      | (AuditRecordView & { before_json: string | null; after_json: string | null; mac: string })
      | undefined;
    if (!row) throw new DomainError('NOT_FOUND', `没有第 ${seq} 条审计记录`);
    const { before_json, after_json, ...rest } = row;
    ctx.audit({ targetType: 'audit', targetId: seq, summary: `查看第 ${seq} 条审计记录的详情` });
    return { ...rest, before: before_json ? JSON.parse(before_json) : null, after: after_json ? JSON.parse(after_json) : null };
  }),
  'audit:verifyStart': tx((ctx) => {
    const expectedHead = ctx.security?.auditHead() ?? null;
    const { session, trail } = ctx;
    const jobId = ctx.jobs.start('audit.verify', session.accountId, ctx.now(), async (progress) => {
      const verifier = trail.verifier({ expectedHead, onProgress: progress });
      // ~20,000 records per slice keeps each turn of the main process short.
      while (!verifier.step(20_000)) await yieldToEventLoop();
      const result = verifier.result()!;
      const verifiedAt = new Date().toISOString();
      ctx.recordAudit({
        at: verifiedAt,
        actorId: session.accountId,
        actorName: session.displayName,
        actorRoles: session.roles.join(','),
        action: 'audit.verifyResult',
        channel: 'audit:verifyStart',
        result: result.ok ? 'ok' : 'failed',
        targetType: 'audit',
        summary: result.ok ? `完整校验审计链：${result.checked} 条记录全部通过` : `完整校验审计链：未通过，${result.broken.reason}`,
        after: result,
      });
      return { ok: result.ok, checked: result.checked, total: result.total, broken: result.ok ? null : result.broken, verifiedAt };
    });
    ctx.audit({ targetType: 'audit', summary: '开始完整校验审计链' });
    return { jobId };
  }),
  'job:status': tx((ctx, { jobId }) => {
    const status = ctx.jobs.status(jobId, ctx.session.accountId);
    if (!status) throw new DomainError('NOT_FOUND', '找不到该任务，可能已随退出登录结束');
    return status;
  }),
  'audit:archive': archiveHandler,
  'audit:verify': tx((ctx) => {
    const expectedHead = ctx.security?.auditHead() ?? null;
    const result = ctx.trail.verify({ expectedHead });
    const verifiedAt = ctx.now().toISOString();
    ctx.audit({
      targetType: 'audit',
      summary: result.ok ? `完整校验审计链：${result.checked} 条记录全部通过` : `完整校验审计链：未通过，${result.broken.reason}`,
      after: result,
    });
    return { ok: result.ok, checked: result.checked, total: result.total, broken: result.ok ? null : result.broken, verifiedAt };
  }),
};
