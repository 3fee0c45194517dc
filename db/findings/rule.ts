import type { FindingTarget } from '../../common/api/findings';
import type { CivilDate } from '../../common/contracts/civil-date';
import type { FindingRegister, FindingSeverity } from '../../common/findings';
import type { Session } from '../../common/security/roles';
import type { Db } from '../core/open';

/**
 * A finding rule: one named check over the registers. It reads only the records concerned (an SQL
 * query, or an existing register query that is itself narrowed in SQL) and says, for each, what
 * is wrong in one Chinese sentence, when it is due and where the record is opened.
 *
 * Adding a rule: write it in a file of db/findings/rules/ and list it in db/findings/registry.ts.
 * Lead times it needs are declared with it (`leads`) and become settings of the home screen.
 */

/** A lead time: how many days before a date a finding appears, or how long before something is overdue. */
export interface LeadDef {
  /** Settings key, `register.name`, unique across the rules. */
  key: string;
  label: string;
  /** What the number means, shown under the field. */
  hint: string;
  unit: '天' | '小时';
  defaultValue: number;
  min: number;
  max: number;
}

export interface RuleContext {
  db: Db;
  /** The day findings are computed for (the local date, or the summary's date). */
  today: CivilDate;
  /** The instant, for hour-based deadlines. */
  now: Date;
  session: Session;
  /** The lead time set for `key` (its default when not set). */
  lead(key: string): number;
  /** Runs `compute` once per evaluation, for rules sharing one register query. */
  memo<T>(key: string, compute: () => T): T;
}

export interface Found {
  /** Identifies the record within the rule, stable across evaluations (e.g. `contract:12`). */
  key: string;
  subject: string;
  message: string;
  due: CivilDate | null;
  target: FindingTarget | null;
  /** When this finding is more (or less) serious than the rule's usual severity. */
  severity?: FindingSeverity;
}

export interface Rule {
  id: string;
  register: FindingRegister;
  severity: FindingSeverity;
  title: string;
  /** What the rule checks, in one sentence, for the settings page and the summary. */
  description: string;
  leads?: readonly LeadDef[];
  find(ctx: RuleContext): Found[];
  /** The rule's query and its parameters, for the query-plan tests; absent for rules built on a register query. */
  query?(ctx: RuleContext): { sql: string; params: Record<string, unknown> };
}

/**
 * A rule that is one SQL query: named parameters (`@today` and those of `params`), one row per
 * record concerned, turned into a finding by `row`.
 */
export function sqlRule<Row>(def: Omit<Rule, 'find' | 'query'> & {
  sql: string;
  params?(ctx: RuleContext): Record<string, unknown>;
  row(r: Row, ctx: RuleContext): Found;
}): Rule {
  const query = (ctx: RuleContext) => ({ sql: def.sql, params: { today: ctx.today, ...(def.params?.(ctx) ?? {}) } });
  return {
    id: def.id,
    register: def.register,
    severity: def.severity,
    title: def.title,
    description: def.description,
    leads: def.leads,
    query,
    find(ctx) {
      const { sql, params } = query(ctx);
      return (ctx.db.prepare(sql).all(params) as Row[]).map((r) => def.row(r, ctx));
    },
  };
}

/** `“政务云扩展服务”（KSY-2024-0003）` */
export const contractLabel = (projectName: string, mainNumber: string | null): string =>
  `“${projectName}”${mainNumber ? `（${mainNumber}）` : ''}`;

/** The main number of contract `c`, as a column. */
export const MAIN_NUMBER_SQL = (alias: string) =>
  `coalesce((SELECT number FROM contract_numbers WHERE contract_id = ${alias}.id AND is_main = 1), '')`;
