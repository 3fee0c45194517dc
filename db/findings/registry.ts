import { backupRules } from './rules/backup';
import type { Rule } from './rule';
import { contractRules } from './rules/contracts';
import { ipFilingRules } from './rules/ipfilings';
import { mediaRules } from './rules/media';
import { peopleRules } from './rules/people';
import { systemRules } from './rules/system';

/**
 * Every finding rule, in the order the home screen groups them. A new rule is written in a file
 * of rules/ and listed here — nothing else: its lead times become settings, its findings appear
 * in the list, the counts and the printed summary.
 */
export const RULES: readonly Rule[] = [...contractRules, ...peopleRules, ...mediaRules, ...ipFilingRules, ...systemRules, ...backupRules];
