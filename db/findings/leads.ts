import type { LeadSetting } from '../../common/api/findings';
import { DomainError } from '../../common/api/result';
import type { Db } from '../core/open';
import { getSetting, setSetting } from '../core/settings';
import type { LeadDef, Rule } from './rule';

/** The lead times the rules declare, each once, in the rules' order. */
export function leadDefs(rules: readonly Rule[]): LeadDef[] {
  const seen = new Map<string, LeadDef>();
  for (const rule of rules) {
    for (const lead of rule.leads ?? []) {
      if (seen.has(lead.key)) throw new Error(`lead time ${lead.key} is declared twice (rule ${rule.id})`);
      seen.set(lead.key, lead);
    }
  }
  return [...seen.values()];
}

/** The value of each lead time: as set, or its default (also when a stored value is out of bounds). */
export function readLeads(db: Db, rules: readonly Rule[]): LeadSetting[] {
  const stored = getSetting(db, 'findings.leads');
  return leadDefs(rules).map((d) => {
    const v = stored[d.key];
    const value = typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max ? v : d.defaultValue;
    return { key: d.key, label: d.label, hint: d.hint, unit: d.unit, value, defaultValue: d.defaultValue, min: d.min, max: d.max };
  });
}

/**
 * Sets the lead times given (others keep their values); refuses an unknown key or a value out of
 * its bounds, naming the setting. Returns the values before and after.
 */
export function writeLeads(db: Db, rules: readonly Rule[], values: Record<string, number>): { before: Record<string, number>; after: Record<string, number> } {
  const defs = new Map(leadDefs(rules).map((d) => [d.key, d]));
  const before = Object.fromEntries(readLeads(db, rules).map((l) => [l.key, l.value]));
  for (const [key, value] of Object.entries(values)) {
    const d = defs.get(key);
    if (!d) throw new DomainError('INVALID_INPUT', `没有名为“${key}”的提醒设置，请刷新后重试`, `values.${key}`);
    if (!Number.isInteger(value) || value < d.min || value > d.max) {
      throw new DomainError('INVALID_INPUT', `“${d.label}”应为 ${d.min} 至 ${d.max} 之间的整数（${d.unit}），收到 ${value}`, `values.${key}`);
    }
  }
  const after = { ...before, ...values };
  setSetting(db, 'findings.leads', after);
  return { before, after };
}
