import { addDays, daysBetween } from '../../../common/contracts/civil-date';
import { formatYuan } from '../../../common/contracts/money';
import { obligationsDueWithin } from '../../registers/contracts/obligations';
import { contractLabel, MAIN_NUMBER_SQL, sqlRule, type Rule } from '../rule';

/** Rules over the contracts register (合同): renewal, end, payments, bond, obligations, agreements. */

const target = (id: number) => ({ page: 'contracts', id });

/** “还剩 5 天” / “今天” / “已逾期 3 天”, from today to `due`. */
export function daysPhrase(today: string, due: string): string {
  const left = daysBetween(today, due);
  return left > 0 ? `还剩 ${left} 天` : left === 0 ? '今天到期' : `已逾期 ${-left} 天`;
}

/** A contract in force: signed, not voided, not terminated on or before today. */
const IN_FORCE = `c.voided_at IS NULL AND c.signed_date IS NOT NULL AND (c.terminated_on IS NULL OR c.terminated_on > @today)`;

interface ContractRow {
  id: number;
  projectName: string;
  mainNumber: string;
}

const renewal = sqlRule<ContractRow & { serviceEnd: string; leadDays: number }>({
  id: 'contract.renewalDecision',
  register: 'contracts',
  severity: '警告',
  title: '合同续签待决定',
  description: '合同服务期满前（按合同登记的续签提前天数，默认 30 天）须确认是否续签。',
  sql: `SELECT c.id, c.project_name AS projectName, ${MAIN_NUMBER_SQL('c')} AS mainNumber, c.service_end AS serviceEnd,
          c.renewal_lead_days AS leadDays
        FROM contracts c
        WHERE ${IN_FORCE} AND c.service_end >= @today AND c.service_end <= date(@today, '+' || c.renewal_lead_days || ' days')
        ORDER BY c.service_end, c.id`,
  row: (r, ctx) => {
    const decide = addDays(r.serviceEnd, -r.leadDays);
    const when = decide < ctx.today ? `续签决定日 ${decide} 已过，请尽快确认是否续签` : `请在 ${decide} 前确认是否续签`;
    return {
      key: `contract:${r.id}:${r.serviceEnd}`,
      subject: contractLabel(r.projectName, r.mainNumber),
      message: `服务期将于 ${r.serviceEnd} 届满（${daysPhrase(ctx.today, r.serviceEnd)}），${when}：续签的请登记新合同，不续签的请安排结项。`,
      due: decide < ctx.today ? r.serviceEnd : decide,
      target: target(r.id),
    };
  },
});

/**
 * A contract whose service period has ended (or that was terminated) while people are still
 * assigned to it without an end date past it, its access filings are still in force or its media
 * are still out: the close-out is not done.
 */
const endedOpen = sqlRule<ContractRow & { endedOn: string; people: number; filings: number; media: number }>({
  id: 'contract.endedOpen',
  register: 'contracts',
  severity: '警告',
  title: '合同已结束，结项未办完',
  description: '合同服务期届满或终止后，仍有人员在岗分派、访问IP报备仍有效或介质未收回。',
  sql: `SELECT * FROM (
          SELECT c.id, c.project_name AS projectName, ${MAIN_NUMBER_SQL('c')} AS mainNumber,
            CASE WHEN c.terminated_on IS NOT NULL AND c.terminated_on <= @today THEN c.terminated_on ELSE c.service_end END AS endedOn,
            (SELECT count(*) FROM person_assignments a JOIN people p ON p.id = a.person_id
              WHERE a.contract_id = c.id AND a.voided_at IS NULL AND p.voided_at IS NULL AND p.status = '在岗'
                AND (a.to_date IS NULL OR a.to_date >= @today)) AS people,
            (SELECT count(*) FROM ip_filings f WHERE f.contract_id = c.id AND f.voided_at IS NULL
              AND (f.state = '待审批' OR (f.state = '有效' AND f.valid_to >= @today))) AS filings,
            (SELECT count(*) FROM media m WHERE m.contract_id = c.id AND m.voided_at IS NULL
              AND m.status IN ('已发放', '借出', '外出', '维修中')) AS media
          FROM contracts c
          WHERE c.voided_at IS NULL AND c.signed_date IS NOT NULL
            AND ((c.terminated_on IS NOT NULL AND c.terminated_on <= @today) OR c.service_end < @today))
        WHERE people + filings + media > 0
        ORDER BY endedOn, id`,
  row: (r) => {
    const open = [
      r.people > 0 ? `${r.people} 名人员仍在岗分派` : '',
      r.filings > 0 ? `${r.filings} 份访问IP报备仍有效或待审批` : '',
      r.media > 0 ? `${r.media} 件介质未收回` : '',
    ].filter(Boolean);
    return {
      key: `contract:${r.id}`,
      subject: contractLabel(r.projectName, r.mainNumber),
      message: `合同已于 ${r.endedOn} 结束，但${open.join('，')}。请结束人员分派、撤销访问IP报备、收回介质。`,
      due: r.endedOn,
      target: target(r.id),
    };
  },
});

const ended = sqlRule<ContractRow & { serviceEnd: string }>({
  id: 'contract.ended',
  register: 'contracts',
  severity: '提示',
  title: '合同服务期已届满',
  description: '合同服务期届满后的一段时间内提示确认是否已续签或结项。',
  leads: [{ key: 'contracts.endedDays', label: '合同届满后提示天数', hint: '服务期届满后多少天内在工作台提示确认续签或结项', unit: '天', defaultValue: 30, min: 1, max: 365 }],
  params: (ctx) => ({ days: ctx.lead('contracts.endedDays') }),
  sql: `SELECT c.id, c.project_name AS projectName, ${MAIN_NUMBER_SQL('c')} AS mainNumber, c.service_end AS serviceEnd
        FROM contracts c
        WHERE ${IN_FORCE} AND c.service_end < @today AND c.service_end >= date(@today, '-' || @days || ' days')
        ORDER BY c.service_end, c.id`,
  row: (r, ctx) => ({
    key: `contract:${r.id}:${r.serviceEnd}`,
    subject: contractLabel(r.projectName, r.mainNumber),
    message: `服务期已于 ${r.serviceEnd} 届满（${daysBetween(r.serviceEnd, ctx.today)} 天前）。如已续签请登记新合同；不再续签的请办理结项、退还履约保函。`,
    due: r.serviceEnd,
    target: target(r.id),
  }),
});

const installments = sqlRule<ContractRow & { seq: number; dueDate: string; fen: number | null; percentH: number | null; condition: string }>({
  id: 'contract.installmentDue',
  register: 'contracts',
  severity: '提示',
  title: '付款节点到期',
  description: '付款节点的约定日期临近或已过而尚未登记付款。',
  leads: [{ key: 'contracts.installmentDays', label: '付款节点提前提醒天数', hint: '约定付款日前多少天开始提醒', unit: '天', defaultValue: 15, min: 0, max: 180 }],
  params: (ctx) => ({ days: ctx.lead('contracts.installmentDays') }),
  sql: `SELECT c.id, c.project_name AS projectName, ${MAIN_NUMBER_SQL('c')} AS mainNumber, i.seq, i.due_date AS dueDate, i.fen,
          i.percent_h AS percentH, i.condition
        FROM contract_installments i JOIN contracts c ON c.id = i.contract_id
        WHERE c.voided_at IS NULL AND i.paid_date IS NULL AND i.due_date IS NOT NULL
          AND i.due_date <= date(@today, '+' || @days || ' days')
        ORDER BY i.due_date, c.id, i.seq`,
  row: (r, ctx) => {
    const amount = r.fen !== null ? formatYuan(r.fen) : `合同金额的 ${(r.percentH ?? 0) / 100}%`;
    const overdue = r.dueDate < ctx.today;
    return {
      key: `installment:${r.id}:${r.seq}:${r.dueDate}`,
      subject: contractLabel(r.projectName, r.mainNumber),
      message: `第 ${r.seq} 期付款 ${amount}${r.condition ? `（${r.condition}）` : ''}约定于 ${r.dueDate} 支付，${daysPhrase(ctx.today, r.dueDate)}，尚未登记付款日期。已付款的请在合同中登记付款日期。`,
      due: r.dueDate,
      target: target(r.id),
      severity: overdue ? '警告' : '提示',
    };
  },
});

const bond = sqlRule<ContractRow & { validUntil: string | null; serviceEnd: string | null; endedOn: string | null }>({
  id: 'contract.bond',
  register: 'contracts',
  severity: '提示',
  title: '履约保函到期或未退还',
  description: '履约保函在服务期内临近到期或已过期，或合同结束后保函尚未退还。',
  leads: [{ key: 'contracts.bondDays', label: '履约保函到期提前提醒天数', hint: '保函有效期届满前多少天开始提醒', unit: '天', defaultValue: 30, min: 0, max: 365 }],
  params: (ctx) => ({ days: ctx.lead('contracts.bondDays') }),
  sql: `SELECT * FROM (
          SELECT c.id, c.project_name AS projectName, ${MAIN_NUMBER_SQL('c')} AS mainNumber, c.bond_valid_until AS validUntil,
            c.service_end AS serviceEnd,
            CASE WHEN c.terminated_on IS NOT NULL AND c.terminated_on <= @today THEN c.terminated_on
                 WHEN c.service_end < @today THEN c.service_end END AS endedOn
          FROM contracts c
          WHERE c.voided_at IS NULL AND c.signed_date IS NOT NULL AND c.bond_returned_on IS NULL
            AND (c.bond_fen IS NOT NULL OR c.bond_percent_h IS NOT NULL OR c.bond_valid_until IS NOT NULL))
        WHERE endedOn IS NOT NULL OR validUntil <= date(@today, '+' || @days || ' days')
        ORDER BY coalesce(endedOn, validUntil), id`,
  row: (r, ctx) => {
    const subject = contractLabel(r.projectName, r.mainNumber);
    if (r.endedOn) {
      return {
        key: `bond:${r.id}:returned`,
        subject,
        message: `合同已于 ${r.endedOn} 结束，履约保函尚未登记退还。请核实质保期届满后办理退还，并在合同中登记退还日期。`,
        due: r.endedOn,
        target: target(r.id),
        severity: '警告',
      };
    }
    const until = r.validUntil!;
    const expired = until < ctx.today;
    return {
      key: `bond:${r.id}:${until}`,
      subject,
      message: expired
        ? `履约保函已于 ${until} 到期，而合同服务期${r.serviceEnd ? `至 ${r.serviceEnd}` : '尚未结束'}。请督促乙方续开保函并登记新的有效期。`
        : `履约保函将于 ${until} 到期（${daysPhrase(ctx.today, until)}），合同服务期${r.serviceEnd ? `至 ${r.serviceEnd}` : '尚未结束'}。如需延期请督促乙方续开。`,
      due: until,
      target: target(r.id),
      severity: expired ? '警告' : '提示',
    };
  },
});

const obligations: Rule = {
  id: 'contract.obligationDue',
  register: 'contracts',
  severity: '提示',
  title: '履行义务到期',
  description: '合同约定的周期性或一次性义务（巡检、漏洞扫描、报告等）临近到期或已逾期未登记完成。',
  leads: [{ key: 'contracts.obligationDays', label: '履行义务提前提醒天数', hint: '义务到期前多少天开始提醒', unit: '天', defaultValue: 7, min: 0, max: 90 }],
  find: (ctx) =>
    obligationsDueWithin(ctx.db, ctx.today, ctx.lead('contracts.obligationDays')).flatMap((o) => {
      if (o.next.state !== 'due') return [];
      const n = o.next;
      return [
        {
          key: `obligation:${o.id}:${n.due}`,
          subject: contractLabel(o.contractProjectName, o.contractMainNumber),
          message: `“${o.title}”（${o.scheduleText}）本期应于 ${n.due} 前完成，已完成 ${n.done}/${n.required} 次，${daysPhrase(ctx.today, n.due)}。完成后请登记完成记录并附报告。`,
          due: n.due,
          target: target(o.contractId),
          severity: n.overdue ? ('警告' as const) : ('提示' as const),
        },
      ];
    }),
};

const CONFIDENTIALITY_KINDS = `('保密协议', '安全保密协议书', '信息保护协议', '网络安全责任协议')`;

const agreement = sqlRule<ContractRow & { agreements: number; scanned: number }>({
  id: 'contract.noAgreement',
  register: 'contracts',
  severity: '警告',
  title: '合同未附保密协议',
  description: '履行中的合同没有登记保密协议（保密协议、安全保密协议书、信息保护协议或网络安全责任协议），或已登记的协议没有扫描件。',
  sql: `SELECT * FROM (
          SELECT c.id, c.project_name AS projectName, ${MAIN_NUMBER_SQL('c')} AS mainNumber,
            (SELECT count(*) FROM contract_agreements a WHERE a.contract_id = c.id AND a.kind IN ${CONFIDENTIALITY_KINDS}) AS agreements,
            (SELECT count(*) FROM contract_agreements a
              WHERE a.contract_id = c.id AND a.kind IN ${CONFIDENTIALITY_KINDS}
                AND EXISTS (SELECT 1 FROM attachments x WHERE x.owner_type = 'agreement' AND x.owner_uuid = a.uuid AND x.voided_at IS NULL)) AS scanned
          FROM contracts c
          WHERE ${IN_FORCE} AND (c.service_end IS NULL OR c.service_end >= @today))
        WHERE agreements = 0 OR scanned = 0
        ORDER BY id`,
  row: (r) => ({
    key: `contract:${r.id}`,
    subject: contractLabel(r.projectName, r.mainNumber),
    message:
      r.agreements === 0
        ? '合同履行中，但没有登记保密协议或安全保密协议书。请补签并在合同的附属协议中登记，附上扫描件。'
        : '已登记保密协议，但没有附扫描件。请在合同的附属协议中添加签字盖章页的扫描件。',
    due: null,
    target: target(r.id),
    severity: r.agreements === 0 ? '警告' : '提示',
  }),
});

export const contractRules: readonly Rule[] = [renewal, endedOpen, ended, installments, bond, obligations, agreement];
