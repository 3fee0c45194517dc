import { daysBetween } from '../../../common/contracts/civil-date';
import { renewalsDue } from '../../registers/people/signoffs';
import { signOffStatusSql } from '../../registers/people/repo';
import { contractLabel, MAIN_NUMBER_SQL, sqlRule, type Rule } from '../rule';

/** Rules over the people register (人员与保密承诺): sign-offs, yearly commitments, departures. */

const target = (id: number) => ({ page: 'people', id });

/**
 * People assigned to a contract in force today (the assignment not ended, the person on post)
 * whose access commitment for that contract is missing or has expired — the rule “sign before
 * access” broken after the fact.
 */
const noSignOff = sqlRule<{ personId: number; name: string; orgName: string; contractId: number; projectName: string; mainNumber: string; status: string; role: string }>({
  id: 'people.noSignOff',
  register: 'people',
  severity: '严重',
  title: '在岗人员无有效保密承诺',
  description: '分派到履行中合同的在岗人员，没有适用于该合同的有效上岗保密承诺书或保密协议（未签或已过期）。',
  sql: `SELECT * FROM (
          SELECT p.id AS personId, p.name, o.name AS orgName, c.id AS contractId, c.project_name AS projectName,
            ${MAIN_NUMBER_SQL('c')} AS mainNumber, a.role, ${signOffStatusSql('p.id', '@today', 'c.id')} AS status
          FROM person_assignments a
          JOIN people p ON p.id = a.person_id
          JOIN organisations o ON o.id = p.org_id
          JOIN contracts c ON c.id = a.contract_id
          WHERE a.voided_at IS NULL AND (a.from_date IS NULL OR a.from_date <= @today) AND (a.to_date IS NULL OR a.to_date >= @today)
            AND p.voided_at IS NULL AND p.status = '在岗'
            AND c.voided_at IS NULL AND (c.terminated_on IS NULL OR c.terminated_on > @today) AND (c.service_end IS NULL OR c.service_end >= @today))
        WHERE status IN ('未签', '已过期')
        ORDER BY personId, contractId`,
  row: (r) => ({
    key: `person:${r.personId}:contract:${r.contractId}`,
    subject: `${r.name}（${r.orgName}）`,
    message: `${r.name} 作为${r.role}分派在合同${contractLabel(r.projectName, r.mainNumber)}，但${r.status === '未签' ? '未签署适用于该合同的上岗保密承诺书或保密协议' : '保密承诺已过期'}。请立即补签并登记，补签前不应接触保密信息。`,
    due: null,
    target: target(r.personId),
  }),
});

const annual: Rule = {
  id: 'people.annualCommitment',
  register: 'people',
  severity: '提示',
  title: '在岗年度承诺待续签',
  description: '在岗人员的在岗年度承诺临近一年期满或已过期。',
  leads: [{ key: 'people.renewalDays', label: '年度承诺提前提醒天数', hint: '在岗年度承诺期满前多少天开始提醒续签', unit: '天', defaultValue: 30, min: 0, max: 180 }],
  find: (ctx) =>
    renewalsDue(ctx.db, ctx.today, ctx.lead('people.renewalDays')).map((r) => ({
      key: `person:${r.person.id}:annual:${r.signOff.id}`,
      subject: `${r.person.name}（${r.person.orgName}）`,
      message: r.message,
      due: r.validUntil,
      target: target(r.person.id),
      severity: r.overdue ? '警告' : '提示',
    })),
};

/**
 * People recorded as 离岗 without a 离岗保密承诺书 that counts for it: none live, or only one older
 * than their latest other live sign-off (it belongs to an earlier spell on post) — the same rule
 * as `departureCommitment` (common/people/signoff.ts).
 */
const leftWithoutExit = sqlRule<{ id: number; name: string; orgName: string; leftOn: string }>({
  id: 'people.leftWithoutExit',
  register: 'people',
  severity: '警告',
  title: '离岗未签离岗保密承诺书',
  description: '已离岗人员没有签署本次离岗的离岗保密承诺书（脱密期无从约定）。',
  sql: `SELECT p.id, p.name, o.name AS orgName, p.left_on AS leftOn
        FROM people p JOIN organisations o ON o.id = p.org_id
        WHERE p.status = '离岗' AND p.voided_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM person_signoffs x
            WHERE x.person_id = p.id AND x.kind = '离岗保密承诺书' AND x.voided_at IS NULL
              AND x.signed_date >= coalesce((SELECT max(y.signed_date) FROM person_signoffs y
                WHERE y.person_id = p.id AND y.kind <> '离岗保密承诺书' AND y.voided_at IS NULL), ''))
        ORDER BY p.left_on, p.id`,
  row: (r) => ({
    key: `person:${r.id}:exit:${r.leftOn}`,
    subject: `${r.name}（${r.orgName}）`,
    message: `${r.name} 已于 ${r.leftOn} 离岗，未登记本次离岗的离岗保密承诺书。请补签并约定脱密期。`,
    due: r.leftOn,
    target: target(r.id),
  }),
});

const departureOpen = sqlRule<{ id: number; name: string; orgName: string; kind: string; date: string; startedAt: string }>({
  id: 'people.departureOpen',
  register: 'people',
  severity: '提示',
  title: '调岗/离岗交接未办结',
  description: '正在办理调岗或离岗，交接清单尚未办结；调岗/离岗日期已过的升为警告。',
  sql: `SELECT p.id, p.name, o.name AS orgName, d.kind, d.date, d.started_at AS startedAt
        FROM person_departures d JOIN people p ON p.id = d.person_id JOIN organisations o ON o.id = p.org_id
        WHERE d.state = 'pending' AND p.voided_at IS NULL
        ORDER BY d.date, p.id`,
  row: (r, ctx) => {
    const late = r.date < ctx.today;
    return {
      key: `person:${r.id}:departure:${r.date}`,
      subject: `${r.name}（${r.orgName}）`,
      message: late
        ? `${r.kind}日期 ${r.date} 已过 ${daysBetween(r.date, ctx.today)} 天，交接清单仍未办结。请收回介质、撤销访问IP报备、签署离岗保密承诺书后办结。`
        : `正在办理${r.kind}（${r.date}），交接清单尚未办结。请在${r.kind}前收回介质、撤销访问IP报备、签署离岗保密承诺书。`,
      due: r.date,
      target: target(r.id),
      severity: late ? '警告' : '提示',
    };
  },
});

export const peopleRules: readonly Rule[] = [noSignOff, annual, leftWithoutExit, departureOpen];
