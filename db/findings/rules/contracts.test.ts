import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../testing/fixtures';
import { openPeopleWorld, type PeopleWorld } from '../../registers/people/testing';
import { AGREEMENT, contractWith, findingsOf } from '../testing';

let w: PeopleWorld;
beforeEach(async () => {
  w = await openPeopleWorld('2025-04-01');
});
afterEach(() => w.core.cleanup());

const keysOf = async (rule: string) => (await findingsOf(w, rule)).map((f) => f.key);

describe('contract.renewalDecision', () => {
  it('appears on the day the renewal decision falls due (30 days before the end) and not the day before', async () => {
    const c = await contractWith(w, { serviceEnd: '2025-05-31', agreements: [AGREEMENT] });
    w.at('2025-04-30');
    expect(await keysOf('contract.renewalDecision')).not.toContain(`contract:${c.id}:2025-05-31`);
    w.at('2025-05-01');
    const [f] = (await findingsOf(w, 'contract.renewalDecision')).filter((x) => x.key === `contract:${c.id}:2025-05-31`);
    expect(f).toMatchObject({ severity: '警告', due: '2025-05-01', target: { page: 'contracts', id: c.id } });
    expect(f!.message).toContain('2025-05-31');
    w.at('2025-05-31');
    expect(await keysOf('contract.renewalDecision')).toContain(`contract:${c.id}:2025-05-31`);
    w.at('2025-06-01');
    expect(await keysOf('contract.renewalDecision')).not.toContain(`contract:${c.id}:2025-05-31`);
  });

  it('follows the lead days recorded on the contract', async () => {
    const c = await contractWith(w, { serviceEnd: '2025-05-31', renewalLeadDays: 60, agreements: [AGREEMENT] });
    w.at('2025-04-01');
    expect(await keysOf('contract.renewalDecision')).toContain(`contract:${c.id}:2025-05-31`);
    w.at('2025-03-31');
    expect(await keysOf('contract.renewalDecision')).not.toContain(`contract:${c.id}:2025-05-31`);
  });
});

describe('contract.ended and contract.endedOpen', () => {
  it('reminds for the set days after the end, then stops', async () => {
    const c = await contractWith(w, { serviceEnd: '2025-05-31', agreements: [AGREEMENT] });
    w.at('2025-06-30');
    expect(await keysOf('contract.ended')).toContain(`contract:${c.id}:2025-05-31`);
    w.at('2025-07-01');
    expect(await keysOf('contract.ended')).not.toContain(`contract:${c.id}:2025-05-31`);
  });

  it('warns of an ended contract while a person is still assigned on post, until the assignment ends', async () => {
    const c = await contractWith(w, { serviceEnd: '2025-05-31', agreements: [AGREEMENT] });
    const p = await w.person({ name: '赵六' });
    const a = valueOf<{ id: number; rev: number }>(await w.call('assignment:create', { personId: p.id, contractId: c.id, role: '驻场运维' }));
    w.at('2025-05-31');
    expect(await keysOf('contract.endedOpen')).not.toContain(`contract:${c.id}`);
    w.at('2025-06-01');
    const [f] = (await findingsOf(w, 'contract.endedOpen')).filter((x) => x.key === `contract:${c.id}`);
    expect(f!.message).toContain('1 名人员仍在岗分派');
    valueOf(await w.call('assignment:update', { id: a.id, rev: a.rev, personId: p.id, contractId: c.id, role: '驻场运维', to: '2025-05-31' }));
    expect(await keysOf('contract.endedOpen')).not.toContain(`contract:${c.id}`);
  });
});

describe('contract.installmentDue', () => {
  it('reminds 15 days ahead, warns once overdue, and is gone once paid', async () => {
    const installments = [
      { fen: 4_000_000, condition: '验收后', dueDate: '2025-04-20' },
      { fen: 6_000_000, dueDate: '2025-12-31' },
    ];
    const c = await contractWith(w, { installments, agreements: [AGREEMENT] });
    const key = `installment:${c.id}:1:2025-04-20`;
    w.at('2025-04-04');
    expect(await keysOf('contract.installmentDue')).not.toContain(key);
    w.at('2025-04-05');
    const [due] = (await findingsOf(w, 'contract.installmentDue')).filter((f) => f.key === key);
    expect(due).toMatchObject({ severity: '提示', due: '2025-04-20' });
    expect(due!.message).toContain('¥40,000.00（验收后）');
    w.at('2025-04-21');
    const [late] = (await findingsOf(w, 'contract.installmentDue')).filter((f) => f.key === key);
    expect(late!.severity).toBe('警告');
    expect(late!.message).toContain('已逾期 1 天');
    const current = valueOf<Record<string, unknown> & { id: number; rev: number }>(await w.call('contract:get', { id: c.id }));
    const paid = [{ ...installments[0], paidDate: '2025-04-21' }, installments[1]];
    valueOf(await w.call('contract:update', { ...updatable(current), installments: paid }));
    expect(await keysOf('contract.installmentDue')).not.toContain(key);
  });

  it('takes its lead time from the settings', async () => {
    const c = await contractWith(w, { installments: [{ fen: 10_000_000, dueDate: '2025-05-01' }], agreements: [AGREEMENT] });
    w.at('2025-04-11');
    expect(await keysOf('contract.installmentDue')).not.toContain(`installment:${c.id}:1:2025-05-01`);
    valueOf(await w.call('findings:updateSettings', { values: { 'contracts.installmentDays': 20 } }));
    expect(await keysOf('contract.installmentDue')).toContain(`installment:${c.id}:1:2025-05-01`);
  });
});

describe('contract.bond', () => {
  it('reminds of a bond expiring within 30 days during the service period', async () => {
    const c = await contractWith(w, { serviceEnd: '2025-12-31', bond: { fen: 500_000, validUntil: '2025-06-30' }, agreements: [AGREEMENT] });
    w.at('2025-05-30');
    expect(await keysOf('contract.bond')).not.toContain(`bond:${c.id}:2025-06-30`);
    w.at('2025-05-31');
    expect(await keysOf('contract.bond')).toContain(`bond:${c.id}:2025-06-30`);
  });

  it('warns of a bond not returned once the contract has ended', async () => {
    const c = await contractWith(w, { serviceEnd: '2025-05-31', bond: { fen: 500_000, validUntil: '2026-05-31' }, agreements: [AGREEMENT] });
    w.at('2025-05-31');
    expect(await keysOf('contract.bond')).not.toContain(`bond:${c.id}:returned`);
    w.at('2025-06-01');
    const [f] = (await findingsOf(w, 'contract.bond')).filter((x) => x.key === `bond:${c.id}:returned`);
    expect(f!.severity).toBe('警告');
  });
});

describe('contract.obligationDue', () => {
  it('reminds 7 days before a one-off obligation is due and warns once it is overdue', async () => {
    const c = await contractWith(w, { serviceEnd: '2025-12-31', agreements: [AGREEMENT] });
    const o = valueOf<{ id: number }>(await w.call('obligation:create', { contractId: c.id, title: '漏洞扫描', kind: 'once', due: '2025-04-20' }));
    const key = `obligation:${o.id}:2025-04-20`;
    w.at('2025-04-12');
    expect(await keysOf('contract.obligationDue')).not.toContain(key);
    w.at('2025-04-13');
    expect((await findingsOf(w, 'contract.obligationDue')).find((f) => f.key === key)?.severity).toBe('提示');
    w.at('2025-04-21');
    expect((await findingsOf(w, 'contract.obligationDue')).find((f) => f.key === key)?.severity).toBe('警告');
  });
});

describe('contract.noAgreement', () => {
  it('warns of a contract in force without a confidentiality agreement, not of one that has ended', async () => {
    const bare = await contractWith(w, { serviceEnd: '2025-12-31' });
    const covered = await contractWith(w, { serviceEnd: '2025-12-31', agreements: [AGREEMENT] });
    const found = await findingsOf(w, 'contract.noAgreement');
    expect(found.find((f) => f.key === `contract:${bare.id}`)?.severity).toBe('警告');
    // Recorded but without its scan: a hint only.
    expect(found.find((f) => f.key === `contract:${covered.id}`)?.severity).toBe('提示');
    w.at('2026-01-01');
    expect(await keysOf('contract.noAgreement')).not.toContain(`contract:${bare.id}`);
  });
});

/** The fields contract:update takes, from a stored contract. */
function updatable(c: Record<string, unknown>): Record<string, unknown> {
  const { numbers, installments, bond, agreements, contacts } = c as Record<string, never>;
  return {
    id: c.id,
    rev: c.rev,
    numbers,
    projectName: c.projectName,
    clientOrgId: c.clientOrgId,
    vendorOrgId: c.vendorOrgId,
    signedDate: c.signedDate,
    serviceStart: c.serviceStart,
    serviceEnd: c.serviceEnd,
    amountFen: c.amountFen,
    installments,
    bond,
    agreements,
    contacts,
  };
}
