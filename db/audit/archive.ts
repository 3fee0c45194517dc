import { readFile } from 'node:fs/promises';
import { DomainError } from '../../common/api/result';
import { saveFile } from '../core/files';
import { effect, type HandlerContext } from '../router/handlers';
import type { auditChannels } from '../../common/api/audit';
import type { Row } from './log';

/** 网络安全法 第二十一条: logs are kept at least six months; younger records are never removed. */
export const RETENTION_DAYS = 180;

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export interface ArchiveFile {
  format: 'baomi-audit-archive';
  version: 1;
  createdAt: string;
  createdBy: string;
  /** MAC of the record before the first one here (null: the chain's genesis). */
  prevMac: string | null;
  fromSeq: number;
  toSeq: number;
  /** The last archived record: the anchor the database's chain continues from. */
  head: { seq: number; mac: string };
  rows: Row[];
}

function latestAllowed(now: Date): Date {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - RETENTION_DAYS);
  return d;
}

/** Moves records older than the chosen date (and at least 180 days old) into a sealed archive file. */
export const archiveHandler = effect<(typeof auditChannels)['audit:archive']>(async (ctx: HandlerContext, { before }) => {
  const cutoff = new Date(`${before}T00:00:00`);
  const latest = latestAllowed(ctx.now());
  if (Number.isNaN(cutoff.getTime()) || cutoff.getTime() > latest.getTime()) {
    throw new DomainError('RULE', `只能归档 ${RETENTION_DAYS} 天以前的审计记录，归档截止日期最晚为 ${localDate(latest)}`, 'before');
  }
  const range = ctx.trail.archivableRange(cutoff.toISOString());
  if (!range) throw new DomainError('RULE', `${before} 之前没有可归档的审计记录`, 'before');
  const anchor = ctx.trail.anchor();
  const rows = ctx.trail.rows(range.fromSeq, range.toSeq);
  const checked = ctx.trail.verifyRows(rows, anchor?.mac ?? null);
  if (!checked.ok) throw new DomainError('RULE', `审计链校验未通过（${checked.reason}），不能归档。请先进行完整校验并查明原因。`);

  const path = await ctx.shell.chooseSavePath({
    title: '保存审计记录归档',
    defaultName: `审计记录归档-${range.fromSeq}-${range.toSeq}.baomi-audit`,
    filters: [{ name: '审计记录归档', extensions: ['baomi-audit'] }],
  });
  if (!path) {
    ctx.skipAudit();
    return { archived: false, path: null, fromSeq: range.fromSeq, toSeq: range.toSeq, count: rows.length };
  }
  const last = rows[rows.length - 1]!;
  const file: ArchiveFile = {
    format: 'baomi-audit-archive',
    version: 1,
    createdAt: ctx.now().toISOString(),
    createdBy: ctx.session.displayName,
    prevMac: anchor?.mac ?? null,
    fromSeq: range.fromSeq,
    toSeq: range.toSeq,
    head: { seq: last.seq, mac: last.mac },
    rows,
  };
  await saveFile(path, ctx.trail.sealArchive(new TextEncoder().encode(JSON.stringify(file))));
  // Read it back before removing anything: the records leave the database only once the file is proven.
  const reread = ctx.trail.openArchive(new Uint8Array(await readFile(path)));
  const parsed = reread ? (JSON.parse(new TextDecoder().decode(reread)) as ArchiveFile) : null;
  if (!parsed || parsed.rows.length !== rows.length || !ctx.trail.verifyRows(parsed.rows, parsed.prevMac).ok) {
    throw new DomainError('RULE', `归档文件写入后校验失败，审计记录未删除。请换一个位置（如本机硬盘）重试。`);
  }
  const at = ctx.now().toISOString();
  ctx.skipAudit();
  ctx.recordAudit(
    {
      at,
      actorId: ctx.session.accountId,
      actorName: ctx.session.displayName,
      actorRoles: ctx.session.roles.join(','),
      action: 'audit.archive',
      channel: 'audit:archive',
      targetType: 'audit',
      summary: `归档第 ${range.fromSeq}–${range.toSeq} 条审计记录（${before} 以前，共 ${rows.length} 条）到 ${path}`,
      after: { fromSeq: range.fromSeq, toSeq: range.toSeq, path, head: file.head },
    },
    () => ctx.trail.removeArchived(range.toSeq, path, at),
  );
  return { archived: true, path, fromSeq: range.fromSeq, toSeq: range.toSeq, count: rows.length };
});
