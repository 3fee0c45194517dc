import type { OverdueItem } from '../../../common/api/media';
import { daysBetween } from '../../../common/contracts/civil-date';
import { localInstant } from '../../registers/media/chain';
import { formatPrintedAt } from '../../reports/definition';
import { overdueItems } from '../../registers/media/overdue';
import { signOffStatusSql } from '../../registers/people/repo';
import { sqlRule, type Found, type Rule, type RuleContext } from '../rule';

/** Rules over the storage-media register (存储介质): holders, returns, repairs, incidents, stocktakes. */

const target = (id: number) => ({ page: 'media', id });

/** The media register's own list of open items (media:overdue), read once per evaluation. */
const openItems = (ctx: RuleContext): OverdueItem[] => ctx.memo('media.overdue', () => overdueItems(ctx.db, localInstant(ctx.now), ctx.today));

const subject = (i: Pick<OverdueItem, 'number' | 'mediumKind' | 'model'>) => `${i.number}（${i.mediumKind}${i.model ? `，${i.model}` : ''}）`;

/** Media still out with someone (issued, lent, taken out). */
const OUT = `('已发放', '借出', '外出')`;
/** Media the office still keeps track of. */
const KEPT = `('在库', '已发放', '借出', '外出', '维修中')`;

const heldWithoutAccess = sqlRule<{
  id: number;
  number: string;
  kind: string;
  status: string;
  holderId: number;
  holderName: string;
  holderStatus: string;
  leftOn: string | null;
  holderVoided: string | null;
  signOff: string;
}>({
  id: 'media.heldWithoutAccess',
  register: 'media',
  severity: '严重',
  title: '介质由无有效保密承诺或已离岗人员持有',
  description: '已发放、借出或携带外出的介质，持有人已调岗/离岗、记录已作废，或没有有效的保密承诺。',
  sql: `SELECT * FROM (
          SELECT m.id, m.number, m.kind, m.status, h.id AS holderId, h.name AS holderName, h.status AS holderStatus,
            h.left_on AS leftOn, h.voided_at AS holderVoided, ${signOffStatusSql('h.id', '@today', 'm.contract_id')} AS signOff
          FROM media m JOIN people h ON h.id = m.holder_id
          WHERE m.status IN ${OUT} AND m.voided_at IS NULL)
        WHERE holderStatus <> '在岗' OR holderVoided IS NOT NULL OR signOff IN ('未签', '已过期')
        ORDER BY number`,
  row: (r) => {
    const why =
      r.holderVoided !== null
        ? '人员记录已作废'
        : r.holderStatus !== '在岗'
          ? `已于 ${r.leftOn ?? ''} ${r.holderStatus}`
          : r.signOff === '未签'
            ? '没有有效的上岗保密承诺书或保密协议'
            : '保密承诺已过期';
    return {
      key: `medium:${r.id}:holder:${r.holderId}`,
      subject: `${r.number}（${r.kind}）`,
      message: `介质${r.status}给 ${r.holderName}，但其${why}。请立即收回介质${r.holderStatus === '在岗' && r.holderVoided === null ? '，或先补签保密承诺' : ''}。`,
      due: null,
      target: target(r.id),
    };
  },
});

const responsibleLeft = sqlRule<{ id: number; number: string; kind: string; name: string; status: string; leftOn: string | null }>({
  id: 'media.responsibleLeft',
  register: 'media',
  severity: '警告',
  title: '介质责任人已离岗',
  description: '在用介质的责任人已调岗、离岗或记录已作废，介质无人负责。',
  sql: `SELECT m.id, m.number, m.kind, r.name, r.status, r.left_on AS leftOn
        FROM media m JOIN people r ON r.id = m.responsible_id
        WHERE m.status IN ${KEPT} AND m.voided_at IS NULL AND (r.status <> '在岗' OR r.voided_at IS NOT NULL)
        ORDER BY m.number`,
  row: (r) => ({
    key: `medium:${r.id}:responsible:${r.name}`,
    subject: `${r.number}（${r.kind}）`,
    message: `责任人 ${r.name} ${r.status === '在岗' ? '的人员记录已作废' : `已于 ${r.leftOn ?? ''} ${r.status}`}，请变更介质责任人。`,
    due: null,
    target: target(r.id),
  }),
});

const fromItem = (i: OverdueItem, severity?: Found['severity']): Found => ({
  key: `medium:${i.mediumId}:${i.kind}:${i.seq}`,
  subject: subject(i),
  message: `${i.message}。`,
  // Incidents are due at an instant: their local day.
  due: i.due ? (i.due.length > 10 ? formatPrintedAt(new Date(i.due)).slice(0, 10) : i.due) : null,
  target: target(i.mediumId),
  ...(severity ? { severity } : {}),
});

const overdueReturn: Rule = {
  id: 'media.overdueReturn',
  register: 'media',
  severity: '警告',
  title: '介质逾期未还',
  description: '借出或携带外出的介质过了应还（应返回）日期仍未归还。',
  find: (ctx) => openItems(ctx).filter((i) => i.kind === '逾期未还' || i.kind === '逾期未返回').map((i) => fromItem(i)),
};

const repairOut: Rule = {
  id: 'media.repairOut',
  register: 'media',
  severity: '警告',
  title: '送修介质未修回',
  description: '送外维修的介质过了预计修回日期，或送修时间超过设定天数仍未修回。',
  leads: [{ key: 'media.repairDays', label: '送修未修回提醒天数', hint: '未填预计修回日期的送修介质，送修多少天后提醒', unit: '天', defaultValue: 30, min: 1, max: 365 }],
  find: (ctx) => {
    const sentOn = ctx.db.prepare("SELECT substr(occurred_at, 1, 10) FROM media_events WHERE medium_id = ? AND seq = ?").pluck();
    const days = ctx.lead('media.repairDays');
    return openItems(ctx)
      .filter((i) => i.kind === '维修未修回')
      .filter((i) => i.level === '已逾期' || daysBetween(sentOn.get(i.mediumId, i.seq) as string, ctx.today) > days)
      .map((i) => fromItem(i));
  },
};

const incident: Rule = {
  id: 'media.incidentReport',
  register: 'media',
  severity: '严重',
  title: '介质丢失/泄露待报告',
  description: '介质丢失或泄露事件须在发现后 48 小时内向甲方书面报告；尚未报告的，临近或超过时限都列出。',
  find: (ctx) => openItems(ctx).filter((i) => i.kind === '丢失/泄露待报告').map((i) => fromItem(i)),
};

const stocktakeFlag: Rule = {
  id: 'media.stocktakeFlag',
  register: 'media',
  severity: '警告',
  title: '介质清查异常',
  description: '最近一次清查结果为缺失或状态不符，尚未核实处理。',
  find: (ctx) => openItems(ctx).filter((i) => i.kind === '清查异常').map((i) => fromItem(i)),
};

/**
 * Media kept by the office that no stocktake has seen for longer than the set period: the last
 * 清查结果 of the chain (one later corrected does not count), or the registration when there was
 * none yet.
 */
const notStocktaken = sqlRule<{ id: number; number: string; kind: string; lastSeen: string | null; registeredOn: string }>({
  id: 'media.notStocktaken',
  register: 'media',
  severity: '提示',
  title: '介质长期未清查',
  description: '在用介质超过设定期限没有清查结果（从未清查的按登记入库日期计）。',
  leads: [{ key: 'media.stocktakeDays', label: '介质清查周期', hint: '介质多少天内应至少清查一次', unit: '天', defaultValue: 365, min: 30, max: 1095 }],
  params: (ctx) => ({ days: ctx.lead('media.stocktakeDays') }),
  sql: `SELECT * FROM (
          SELECT m.id, m.number, m.kind,
            (SELECT substr(max(e.occurred_at), 1, 10) FROM media_events e
              WHERE e.medium_id = m.id AND e.type = '清查结果'
                AND NOT EXISTS (SELECT 1 FROM media_events c WHERE c.medium_id = m.id AND c.type = '更正' AND c.corrects_seq = e.seq)) AS lastSeen,
            (SELECT substr(e.occurred_at, 1, 10) FROM media_events e WHERE e.medium_id = m.id AND e.seq = 1) AS registeredOn
          FROM media m
          WHERE m.status IN ${KEPT} AND m.voided_at IS NULL)
        WHERE coalesce(lastSeen, registeredOn) < date(@today, '-' || @days || ' days')
        ORDER BY coalesce(lastSeen, registeredOn), number`,
  row: (r, ctx) => {
    const since = r.lastSeen ?? r.registeredOn;
    return {
      key: `medium:${r.id}:stocktake:${since}`,
      subject: `${r.number}（${r.kind}）`,
      message: r.lastSeen
        ? `最近一次清查是 ${r.lastSeen}，已 ${daysBetween(r.lastSeen, ctx.today)} 天未清查。请在下次清查中核对。`
        : `${r.registeredOn} 登记入库后从未清查（已 ${daysBetween(r.registeredOn, ctx.today)} 天）。请在下次清查中核对。`,
      due: null,
      target: target(r.id),
    };
  },
});

export const mediaRules: readonly Rule[] = [heldWithoutAccess, responsibleLeft, overdueReturn, repairOut, incident, stocktakeFlag, notStocktaken];
