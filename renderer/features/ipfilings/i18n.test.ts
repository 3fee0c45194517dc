// Every text of the IP filing screens comes from i18n: each key they use exists in Chinese and in
// English, and every value of the core they label (statuses, access methods, scopes, conflict kinds)
// has its label. A missing key would otherwise show as the bare key on screen.
import { describe, expect, it } from 'vitest';
import { ACCESS_METHODS, ACCESS_SCOPES, CONFLICT_KINDS, IP_FILING_STATUS_FILTERS, IP_FILING_STATUSES } from '../../../common/ipfilings';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';

const sources: Record<string, string> = import.meta.glob(['./*.{ts,tsx}', '!./*.test.ts'], { query: '?raw', import: 'default', eager: true });

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

const literalKeys = [...new Set(Object.values(sources).flatMap((text) => [...text.matchAll(/'(ipfilings\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1]!)))];

describe('IP filing screens i18n', () => {
  it('reads the screens and finds the keys they use', () => {
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['./IpFilingListPage.tsx', './FilingFormModal.tsx', './LookupPanel.tsx']));
    expect(literalKeys).toEqual(expect.arrayContaining(['ipfilings.new', 'ipfilings.lookup.none', 'ipfilings.revoke.irreversible']));
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('every key used and every value of the core has a %s text', (_lang, messages) => {
    const keys = [
      ...literalKeys,
      'nav.ipfilings',
      ...IP_FILING_STATUSES.map((s) => `ipfilings.status.${s}`),
      ...IP_FILING_STATUS_FILTERS.map((s) => `ipfilings.statusFilter.${s}`),
      ...ACCESS_METHODS.map((m) => `ipfilings.accessMethod.${m}`),
      ...ACCESS_SCOPES.map((s) => `ipfilings.scope.${s}`),
      ...CONFLICT_KINDS.map((k) => `ipfilings.conflicts.kind.${k}`),
    ];
    expect(keys.filter((key) => typeof lookup(messages, key) !== 'string')).toEqual([]);
  });
});
