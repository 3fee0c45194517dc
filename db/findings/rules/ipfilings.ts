import { daysBetween } from '../../../common/contracts/civil-date';
import { listConflicts } from '../../registers/ipfilings/conflicts';
import { expiringFilings } from '../../registers/ipfilings/queries';
import { signOffStatusSql } from '../../registers/people/repo';
import { sqlRule, type Rule } from '../rule';

/** Rules over the access-IP filings register (访问IP报备): expiry, users, overlaps. */

const target = (id: number) => ({ page: 'ipfilings', id });

const expiring: Rule = {
  id: 'ipfiling.expiring',
  register: 'ipfilings',
  severity: '提示',
  title: 'IP报备即将到期',
  description: '有效的访问IP报备临近有效期届满，且没有办理续期。',
  leads: [{ key: 'ipfilings.expiringDays', label: 'IP报备到期提前提醒天数', hint: '有效期届满前多少天开始提醒续期', unit: '天', defaultValue: 30, min: 0, max: 180 }],
  find: (ctx) =>
    expiringFilings(ctx.db, ctx.today, ctx.lead('ipfilings.expiringDays'), 0)
      .filter((e) => !e.filing.renewedBy)
      .map((e) => ({
        key: `ipfiling:${e.filing.id}:${e.filing.validTo}`,
        subject: `${e.filing.number}（${e.filing.orgName}）`,
        message: e.message,
        due: e.filing.validTo,
        target: target(e.filing.id),
        severity: e.daysLeft <= 7 ? ('警告' as const) : ('提示' as const),
      })),
};

/**
 * “Expired but still used”: an approved filing whose validity ended in the last days set, not
 * renewed, while a user named on it is still on post (assigned to the filing's contract when it
 * has one). Access through it must have ended: the address must leave the firewall and bastion
 * whitelists — or the filing must be renewed if the access is still needed.
 */
const expiredInUse = sqlRule<{ id: number; number: string; orgName: string; validTo: string; users: string }>({
  id: 'ipfiling.expiredInUse',
  register: 'ipfilings',
  severity: '警告',
  title: 'IP报备已过期，使用人仍在岗',
  description: '访问IP报备有效期已届满且未续期，而报备的使用人仍在岗（仍分派在该合同）；应确认访问已终止、地址已移出白名单，或办理续期。',
  leads: [{ key: 'ipfilings.expiredDays', label: 'IP报备过期后跟踪天数', hint: '有效期届满后多少天内核查访问是否已终止', unit: '天', defaultValue: 30, min: 1, max: 365 }],
  params: (ctx) => ({ days: ctx.lead('ipfilings.expiredDays') }),
  sql: `SELECT * FROM (
          SELECT f.id, f.number, o.name AS orgName, f.valid_to AS validTo,
            (SELECT group_concat(p.name, '、') FROM ip_filing_users u JOIN people p ON p.id = u.person_id
              WHERE u.filing_id = f.id AND p.voided_at IS NULL AND p.status = '在岗'
                AND (f.contract_id IS NULL OR EXISTS (SELECT 1 FROM person_assignments a WHERE a.person_id = p.id
                  AND a.contract_id = f.contract_id AND a.voided_at IS NULL AND (a.to_date IS NULL OR a.to_date >= @today)))) AS users
          FROM ip_filings f JOIN organisations o ON o.id = f.org_id
          WHERE f.state = '有效' AND f.valid_to < @today AND f.valid_to >= date(@today, '-' || @days || ' days') AND f.voided_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM ip_filings n WHERE n.renews_id = f.id AND n.voided_at IS NULL AND n.state IN ('待审批', '有效')))
        WHERE users IS NOT NULL
        ORDER BY validTo, number`,
  row: (r, ctx) => ({
    key: `ipfiling:${r.id}:expired`,
    subject: `${r.number}（${r.orgName}）`,
    message: `已于 ${r.validTo} 到期（${daysBetween(r.validTo, ctx.today)} 天前）且未续期，使用人 ${r.users} 仍在岗。请确认其远程访问已终止、地址已从防火墙/堡垒机白名单删除；仍需访问的请办理续期。`,
    due: r.validTo,
    target: target(r.id),
  }),
});

const userWithoutAccess = sqlRule<{ id: number; number: string; orgName: string; personId: number; name: string; status: string; leftOn: string | null; voided: string | null; signOff: string }>({
  id: 'ipfiling.userWithoutAccess',
  register: 'ipfilings',
  severity: '严重',
  title: 'IP报备使用人无有效保密承诺或已离岗',
  description: '有效期内的访问IP报备，其使用人已调岗/离岗、记录已作废或没有有效的保密承诺。',
  sql: `SELECT * FROM (
          SELECT f.id, f.number, o.name AS orgName, p.id AS personId, p.name, p.status, p.left_on AS leftOn, p.voided_at AS voided,
            ${signOffStatusSql('p.id', '@today', 'f.contract_id')} AS signOff
          FROM ip_filings f
          JOIN organisations o ON o.id = f.org_id
          JOIN ip_filing_users u ON u.filing_id = f.id
          JOIN people p ON p.id = u.person_id
          WHERE f.state = '有效' AND f.valid_to >= @today AND f.valid_from <= @today AND f.voided_at IS NULL)
        WHERE status <> '在岗' OR voided IS NOT NULL OR signOff IN ('未签', '已过期')
        ORDER BY number, personId`,
  row: (r) => {
    const why =
      r.voided !== null
        ? '人员记录已作废'
        : r.status !== '在岗'
          ? `已于 ${r.leftOn ?? ''} ${r.status}`
          : r.signOff === '未签'
            ? '没有有效的上岗保密承诺书或保密协议'
            : '保密承诺已过期';
    return {
      key: `ipfiling:${r.id}:user:${r.personId}`,
      subject: `${r.number}（${r.orgName}）`,
      message: `使用人 ${r.name} ${why}，但该报备仍在有效期内。请撤销报备（或重新报备去掉该使用人）${r.status === '在岗' && r.voided === null ? '，或先补签保密承诺' : ''}。`,
      due: null,
      target: target(r.id),
    };
  },
});

const overlap: Rule = {
  id: 'ipfiling.overlap',
  register: 'ipfilings',
  severity: '警告',
  title: '不同单位的IP报备地址重叠',
  description: '两个不同单位的有效或待审批报备登记了相同、包含或重叠的地址，访问无法区分到单位。',
  find: (ctx) =>
    listConflicts(ctx.db, { filingId: null, kind: null, differentUnitOnly: true }, ctx.today).rows.map((c) => ({
      key: `ipfilings:${c.a.id}:${c.b.id}`,
      subject: `${c.a.number} 与 ${c.b.number}`,
      message: `${c.message} 请核实地址，更正或撤销其中一份报备。`,
      due: null,
      target: target(c.a.id),
    })),
};

export const ipFilingRules: readonly Rule[] = [expiring, expiredInUse, userWithoutAccess, overlap];
