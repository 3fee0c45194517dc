import { describe, expect, it } from 'vitest';
import { clientContract } from '../../../common/api';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';

/** What a message tree holds at a dotted path, or undefined. */
function at(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

describe('audit viewer labels', () => {
  const audited = [...new Set(Object.values(clientContract).flatMap((c) => (c.audit ? [c.audit] : [])))];

  it('covers every audited channel', () => {
    expect(audited.length).toBeGreaterThan(40);
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('names every action a channel audits in %s', (_lang, messages) => {
    const missing = audited.filter((action) => typeof at(messages, `audit.actions.${action}`) !== 'string');
    expect(missing).toEqual([]);
  });
});
