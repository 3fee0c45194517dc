import type { Finding, FindingCounts, FindingList, findingFilterSchema } from '../../common/api/findings';
import type { z } from 'zod';
import type { CivilDate } from '../../common/contracts/civil-date';
import { endOfMonth, endOfWeek, FINDING_REGISTERS, FINDING_SEVERITIES, inWindow, SEVERITY_RANK } from '../../common/findings';
import type { Session } from '../../common/security/roles';
import type { Db } from '../core/open';
import { acknowledgementsInForce, findingId } from './acknowledgements';
import { readLeads } from './leads';
import { RULES } from './registry';
import type { Rule, RuleContext } from './rule';

type Filter = z.output<typeof findingFilterSchema>;

export function ruleContext(db: Db, session: Session, now: Date, today: CivilDate, rules: readonly Rule[] = RULES): RuleContext {
  const leads = new Map(readLeads(db, rules).map((l) => [l.key, l.value]));
  const memo = new Map<string, unknown>();
  return {
    db,
    today,
    now,
    session,
    lead(key) {
      const v = leads.get(key);
      if (v === undefined) throw new Error(`lead time ${key} is not declared by any rule`);
      return v;
    },
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
}

/** Every finding of every rule, with the acknowledgement in force on each (if any). */
export function evaluate(db: Db, session: Session, now: Date, today: CivilDate, rules: readonly Rule[] = RULES): Finding[] {
  const ctx = ruleContext(db, session, now, today, rules);
  const acks = acknowledgementsInForce(db, today);
  return rules.flatMap((rule) =>
    rule.find(ctx).map(({ severity, ...f }) => ({
      ruleId: rule.id,
      register: rule.register,
      severity: severity ?? rule.severity,
      title: rule.title,
      ...f,
      acknowledged: acks.get(findingId(rule.id, f.key)) ?? null,
    })),
  );
}

export function countFindings(findings: readonly Finding[], today: CivilDate): FindingCounts {
  const open = findings.filter((f) => !f.acknowledged);
  const bySeverity = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length])) as FindingCounts['bySeverity'];
  const byRegister = Object.fromEntries(FINDING_REGISTERS.map((r) => [r, open.filter((f) => f.register === r).length])) as FindingCounts['byRegister'];
  return {
    total: open.length,
    bySeverity,
    byRegister,
    week: open.filter((f) => inWindow(f.due, 'week', today)).length,
    month: open.filter((f) => inWindow(f.due, 'month', today)).length,
    acknowledged: findings.length - open.length,
  };
}

const REGISTER_RANK = Object.fromEntries(FINDING_REGISTERS.map((r, i) => [r, i])) as Record<Finding['register'], number>;
/** Undated findings after dated ones. */
const dueKey = (f: Finding) => f.due ?? '9999-99-99';

const COMPARE: Record<Filter['sort'], (a: Finding, b: Finding) => number> = {
  severity: (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || dueKey(a).localeCompare(dueKey(b)),
  due: (a, b) => dueKey(a).localeCompare(dueKey(b)) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  register: (a, b) => REGISTER_RANK[a.register] - REGISTER_RANK[b.register] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || dueKey(a).localeCompare(dueKey(b)),
};

/** The findings list of the home screen: counts of all, then those the filter asks for, sorted. */
export function listFindings(db: Db, session: Session, now: Date, today: CivilDate, filter: Filter): FindingList {
  const all = evaluate(db, session, now, today);
  const shown = all
    .filter((f) => filter.showAcknowledged || !f.acknowledged)
    .filter((f) => filter.severity === null || f.severity === filter.severity)
    .filter((f) => filter.register === null || f.register === filter.register)
    .filter((f) => inWindow(f.due, filter.window, today))
    .sort((a, b) => COMPARE[filter.sort](a, b) || a.ruleId.localeCompare(b.ruleId) || a.key.localeCompare(b.key));
  return { today, endOfWeek: endOfWeek(today), endOfMonth: endOfMonth(today), counts: countFindings(all, today), findings: shown };
}
