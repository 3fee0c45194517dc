// Every text of the sign-off, assignment and training screens comes from i18n: each key they use
// exists in Chinese and in English, and every value of the core they label (kinds, roles, statuses)
// has its label. A missing key would otherwise show as the bare key on screen.
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_ROLES } from '../../../../common/api/assignment';
import { SIGNOFF_KINDS, SIGNOFF_STATUSES } from '../../../../common/people/signoff';
import en from '../../../i18n/en';
import zhCN from '../../../i18n/zh-CN';
import type { RecordStatus } from './status';

/** The sources of these screens, as text (the bundler reads them; no file system here). */
const sources: Record<string, string> = import.meta.glob(
  ['./*.{ts,tsx}', '!./*.test.ts', '../../trainings/*.{ts,tsx}', '!../../trainings/*.test.ts', '../../contracts/ContractDetailDrawer.tsx'],
  { query: '?raw', import: 'default', eager: true },
);

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

/** Keys written out whole: 'peopleRecords.signoffs.new' (not the ones built from a value). */
const literalKeys = [...new Set(Object.values(sources).flatMap((text) => [...text.matchAll(/'(peopleRecords\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1]!)))];

describe('people records i18n', () => {
  it('reads the screens and finds the keys they use', () => {
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['./SignOffFormModal.tsx', '../../trainings/TrainingListPage.tsx', '../../contracts/ContractDetailDrawer.tsx']));
    expect(literalKeys).toEqual(expect.arrayContaining(['peopleRecords.signoffs.new', 'peopleRecords.contractPeople.heading', 'peopleRecords.trainings.title']));
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('every key used has a %s text', (_lang, messages) => {
    const missing = literalKeys.filter((key) => typeof lookup(messages, key) !== 'string');
    expect(missing).toEqual([]);
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('every kind, role and status of the core has a %s label', (_lang, messages) => {
    const records: RecordStatus[] = ['有效', '即将到期', '已过期', '未生效', '已作废'];
    const keys = [
      ...SIGNOFF_KINDS.flatMap((k) => [`peopleRecords.kind.${k}`, `peopleRecords.kindHint.${k}`]),
      ...ASSIGNMENT_ROLES.map((r) => `peopleRecords.role.${r}`),
      ...SIGNOFF_STATUSES.map((s) => `peopleRecords.status.${s}`),
      ...records.map((s) => `peopleRecords.recordStatus.${s}`),
      ...['exclude', 'only', 'include'].map((v) => `peopleRecords.trainings.voidedFilter.${v}`),
    ];
    expect(keys.filter((key) => typeof lookup(messages, key) !== 'string')).toEqual([]);
  });
});
