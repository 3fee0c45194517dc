import { describe, expect, it } from 'vitest';
import { clientContract } from '../../common/api';
import { AUDIT_ACTION_LABELS } from './register';

describe('printed audit register labels', () => {
  it('names in Chinese every action a channel audits', () => {
    const audited = [...new Set(Object.values(clientContract).flatMap((c) => (c.audit ? [c.audit] : [])))];
    expect(audited.filter((action) => !AUDIT_ACTION_LABELS[action])).toEqual([]);
  });
});
