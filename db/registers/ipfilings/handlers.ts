import type { ipFilingChannels, SavedFiling } from '../../../common/api/ipfiling';
import { toEntry, classify } from '../../../common/ip';
import type { Db } from '../../core/open';
import { effect, tx, type HandlerContext, type Handlers } from '../../router/handlers';
import { localDate } from '../contracts/repo';
import { conflictsOf, listConflicts } from './conflicts';
import { expiringFilings, lookupAddress } from './queries';
import {
  addressesPhrase,
  approveFiling,
  createFiling,
  describeFiling,
  getFiling,
  getFilingByNumber,
  listFilings,
  readContact,
  rejectFiling,
  renewFiling,
  revokeFiling,
  updateFiling,
  voidFiling,
  type Saved,
} from './repo';
import { startWorkerJob } from '../../workers/host';
import type { WhitelistExported } from './whitelist';

const TARGET = 'ipfiling';

/** IP-2026-0001（华为技术有限公司；使用人 张三、李四；10.0.0.1、10.0.0.0/24） */
function summary(f: SavedFiling['filing']): string {
  return `${f.number}（${f.orgName}；使用人 ${f.users.map((u) => u.name).join('、')}；${addressesPhrase(f)}）`;
}

function withConflicts(db: Db, saved: Saved, today: string): SavedFiling {
  return { filing: saved.filing, conflicts: conflictsOf(db, saved.filing.id, today), notes: saved.notes };
}

/** “，与 2 份报备的地址冲突” for an audit summary. */
const conflictText = (s: SavedFiling) => (s.conflicts.length ? `，与 ${s.conflicts.length} 份报备的地址冲突（${s.conflicts.map((c) => c.b.number).join('、')}）` : '');

const clock = (ctx: HandlerContext) => {
  const now = ctx.now();
  return { at: now.toISOString(), today: localDate(now), actor: ctx.session.accountId };
};

export const ipFilingHandlers: Handlers<typeof ipFilingChannels> = {
  'ipfiling:list': tx((ctx, input) => listFilings(ctx.db, input, localDate(ctx.now()), input)),
  'ipfiling:get': tx((ctx, input) => {
    const today = localDate(ctx.now());
    return 'id' in input ? getFiling(ctx.db, input.id, today) : getFilingByNumber(ctx.db, input.number, today);
  }),
  'ipfiling:create': tx((ctx, input) => {
    const { at, today, actor } = clock(ctx);
    const saved = withConflicts(ctx.db, createFiling(ctx.db, input, actor, at, today), today);
    ctx.audit({ targetType: TARGET, targetId: saved.filing.uuid, summary: `登记 IP 报备 ${summary(saved.filing)}${conflictText(saved)}`, after: saved.filing });
    return saved;
  }),
  'ipfiling:update': tx((ctx, { id, rev, ...fields }) => {
    const { at, today, actor } = clock(ctx);
    const { before, ...result } = updateFiling(ctx.db, id, rev, fields, actor, at, today);
    const saved = withConflicts(ctx.db, result, today);
    ctx.audit({ targetType: TARGET, targetId: saved.filing.uuid, summary: `修改 IP 报备 ${summary(saved.filing)}${conflictText(saved)}`, before, after: saved.filing });
    return saved;
  }),
  'ipfiling:approve': tx((ctx, { id, rev, approver, approvedOn }) => {
    const { at, today, actor } = clock(ctx);
    const { before, after, notes } = approveFiling(ctx.db, id, rev, approver, approvedOn, actor, at, today);
    const saved = withConflicts(ctx.db, { filing: after, notes }, today);
    ctx.audit({
      targetType: TARGET,
      targetId: after.uuid,
      summary: `批准 IP 报备 ${summary(after)}，审批人 ${approver}，审批日期 ${approvedOn}，有效期 ${after.validFrom} 至 ${after.validTo}${conflictText(saved)}`,
      before,
      after,
    });
    return saved;
  }),
  'ipfiling:reject': tx((ctx, { id, rev, reason }) => {
    const { at, today, actor } = clock(ctx);
    const { before, after } = rejectFiling(ctx.db, id, rev, reason, actor, at, today);
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `驳回 IP 报备 ${summary(after)}，原因：${reason}`, before, after });
    return after;
  }),
  'ipfiling:revoke': tx((ctx, { id, rev, reason, revokedOn }) => {
    const { at, today, actor } = clock(ctx);
    const { before, after } = revokeFiling(ctx.db, id, rev, reason, revokedOn ?? today, actor, at, today);
    const what = before.state === '待审批' ? '撤回 IP 报备申请' : '撤销 IP 报备';
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `${what} ${summary(after)}，撤销日期 ${after.revokedOn ?? ''}，原因：${reason}`, before, after });
    return after;
  }),
  'ipfiling:renew': tx((ctx, { id, rev, validFrom, validTo, appliedOn }) => {
    const { at, today, actor } = clock(ctx);
    const { old, ...result } = renewFiling(ctx.db, id, rev, { validFrom, validTo, appliedOn: appliedOn ?? today }, actor, at, today);
    const saved = withConflicts(ctx.db, result, today);
    ctx.audit({
      targetType: TARGET,
      targetId: saved.filing.uuid,
      summary: `续期 IP 报备 ${describeFiling(old)}（有效期至 ${old.validTo}）：登记新报备 ${summary(saved.filing)}，有效期 ${validFrom} 至 ${validTo}，待审批${conflictText(saved)}`,
      after: saved.filing,
    });
    return saved;
  }),
  'ipfiling:void': tx((ctx, { id, rev, reason }) => {
    const { at, today, actor } = clock(ctx);
    const { before, after } = voidFiling(ctx.db, id, rev, reason, actor, at, today);
    ctx.audit({ targetType: TARGET, targetId: after.uuid, summary: `作废 IP 报备 ${summary(after)}（原为${before.status}），原因：${reason}`, before, after });
    return after;
  }),
  // The value itself never enters the audit trail: the record says whose.
  'ipfiling:contact': tx((ctx, { id }) => {
    const f = getFiling(ctx.db, id, localDate(ctx.now()));
    const contact = readContact(ctx.db, id);
    ctx.audit({ targetType: TARGET, targetId: f.uuid, summary: `查看 IP 报备 ${describeFiling(f)} 的联系方式` });
    return { contact };
  }),
  'ipfiling:conflicts': tx((ctx, { filingId, kind, differentUnitOnly, page, pageSize }) =>
    listConflicts(ctx.db, { filingId, kind, differentUnitOnly }, localDate(ctx.now()), { page, pageSize }),
  ),
  'ipfiling:lookup': tx((ctx, { address }) => {
    const entry = toEntry(address);
    return { address: entry.text, space: classify(entry), hits: lookupAddress(ctx.db, entry, localDate(ctx.now())) };
  }),
  'ipfiling:expiring': tx((ctx) => expiringFilings(ctx.db, localDate(ctx.now()))),
  /** The path is chosen here; a worker thread builds and writes the list (see report:xlsx). */
  'ipfiling:whitelist': effect(async (ctx, { format, filter }) => {
    const now = ctx.now();
    const today = localDate(now);
    const ext = format === 'text' ? 'txt' : 'csv';
    const path = await ctx.shell.chooseSavePath({
      title: '导出访问IP白名单',
      defaultName: `访问IP白名单-${today}.${ext}`,
      filters: [format === 'text' ? { name: '文本文件', extensions: ['txt'] } : { name: 'CSV 文件', extensions: ['csv'] }],
    });
    ctx.skipAudit();
    if (!path) return { path: null, jobId: null };
    const task = { kind: 'ipfiling.whitelist', format, filter, path, session: ctx.session, now: now.toISOString() } as const;
    const jobId = startWorkerJob<WhitelistExported>(ctx, 'ipfiling:whitelist', 'ipfiling.whitelist', task, ({ audit, filings, lines }) => ({
      audit,
      value: { path, filings, lines },
    }));
    return { path, jobId };
  }),
};
