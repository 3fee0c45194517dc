/**
 * Shared support of the findings tests: the findings a rule reports through findings:list, on the
 * world's fixed clock. Never imported by production code.
 */
import type { Finding, FindingList } from '../../common/api/findings';
import type { Contract } from '../../common/api/contract';
import { DEFAULT_BACKUP_CONFIG } from '../../common/api/backup';
import { setSetting } from '../core/settings';
import { valueOf } from '../testing/fixtures';
import type { PeopleWorld } from '../registers/people/testing';

/** Every finding of `ruleId` (acknowledged ones included). */
export async function findingsOf(w: Pick<PeopleWorld, 'call'>, ruleId: string): Promise<Finding[]> {
  const list = valueOf<FindingList>(await w.call('findings:list', { showAcknowledged: true }));
  return list.findings.filter((f) => f.ruleId === ruleId);
}

/** A signed contract of the world's parties, with the fields given. */
export async function contractWith(w: PeopleWorld, fields: Record<string, unknown>): Promise<Contract> {
  return valueOf<Contract>(
    await w.call('contract:create', {
      numbers: [{ number: `HT-${Math.random().toString(36).slice(2, 8).toUpperCase()}`, scheme: '合同编号', isMain: true }],
      projectName: '运维服务',
      clientOrgId: w.client.id,
      vendorOrgId: w.vendor.id,
      signedDate: '2024-05-20',
      serviceStart: '2024-06-01',
      serviceEnd: '2025-05-31',
      amountFen: 10_000_000,
      ...fields,
    }),
  );
}

export const AGREEMENT = { kind: '保密协议', signedDate: '2024-05-20', parties: '甲乙双方' };

/**
 * The backup rule quiet for a test about other rules: a folder that exists (the test's own) and a
 * backup made at `at`, counting as recent for a year.
 */
export function backedUp(w: Pick<PeopleWorld, 'core'>, at: string): void {
  setSetting(w.core.db, 'backup.config', { ...DEFAULT_BACKUP_CONFIG, folder: w.core.dir, maxAgeDays: 365 });
  setSetting(w.core.db, 'backup.last', { at, file: '保密台账-备份.bmbak', folder: w.core.dir, kind: 'manual', counts: {} });
}
