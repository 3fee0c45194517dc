import { describe, expect, it } from 'vitest';
import { registerSelection } from '../../../../common/api/report';
import { logSelection } from './MediaPrintMenu';

describe('the media logs printed from the list', () => {
  const listFilter = { q: 'JZ-2026', kind: 'U盘', status: '借出', classification: '内部', holderId: 3, orgId: 2, contractId: 7, sort: 'kind', dir: 'desc' } as const;

  it('take the list’s kind, 密级, unit, contract and search with the period, and are accepted by the report channels', () => {
    const selection = logSelection('mediaLoans', listFilter, { from: '2026-03-01', to: '2026-03-31' }, true);
    expect(selection).toEqual({
      register: 'mediaLoans',
      filter: { q: 'JZ-2026', kind: 'U盘', classification: '内部', orgId: 2, contractId: 7, from: '2026-03-01', to: '2026-03-31', openOnly: true },
    });
    expect(registerSelection.parse(selection)).toMatchObject({ register: 'mediaLoans', filter: { mediumId: null, openOnly: true } });
  });

  it('never ask the 销毁登记表 for open items, and leave the period open when none is given', () => {
    expect(logSelection('mediaDestructions', {}, { from: null, to: null }, true).filter).toEqual({
      q: '', kind: null, classification: null, orgId: null, contractId: null, from: null, to: null, openOnly: false,
    });
  });

  it('are refused by the contract when the period ends before it starts', () => {
    const result = registerSelection.safeParse(logSelection('mediaRepairs', {}, { from: '2026-03-10', to: '2026-03-01' }, false));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['filter', 'to'], message: '截止日期 2026-03-01 早于起始日期 2026-03-10' });
  });
});
