import { DomainError } from '../../../common/api/result';
import type { CivilDate } from '../../../common/contracts/civil-date';
import { mayAccess, type MayAccess } from '../../../common/people/signoff';
import type { Db } from '../../core/open';
import { loadSignOffs, pendingDeparture } from './repo';

/**
 * “Sign before access” (DESIGN.md §2) as the other registers ask it: may this person be made
 * custodian or holder of a medium, or be named on an IP filing, today? The rules are `mayAccess`'s
 * (common/people/signoff.ts); on top of them, a voided person record and a departure being
 * processed refuse access too.
 */
export function accessCheck(db: Db, personId: number, contractId: number | null, today: CivilDate): MayAccess {
  const person = db
    .prepare('SELECT name, status, left_on AS leftOn, voided_at AS voidedAt, void_reason AS voidReason FROM people WHERE id = ?')
    .get(personId) as
    | { name: string; status: '在岗' | '调岗' | '离岗'; leftOn: string | null; voidedAt: string | null; voidReason: string | null }
    | undefined;
  if (!person) throw new DomainError('NOT_FOUND', `找不到编号为 ${personId} 的人员，可能已被其他操作更改，请刷新后重新选择`);
  if (contractId !== null) {
    const contract = db.prepare('SELECT project_name FROM contracts WHERE id = ?').pluck().get(contractId) as string | undefined;
    if (contract === undefined) throw new DomainError('NOT_FOUND', `找不到编号为 ${contractId} 的合同，可能已被其他操作更改，请刷新后重新选择`);
  }
  if (person.voidedAt) {
    return { allowed: false, reason: `${person.name} 的人员记录已作废（${person.voidReason ?? ''}），不能授予访问权限。` };
  }
  const departure = pendingDeparture(db, personId);
  if (departure) {
    return {
      allowed: false,
      reason: `${person.name} 正在办理${departure.kind}（${departure.date}），不能授予新的访问权限。如${departure.kind}已取消，请先撤销办理。`,
    };
  }
  return mayAccess({ name: person.name, status: person.status, leftOn: person.leftOn }, loadSignOffs(db, personId), { today, contractId });
}

/**
 * For the registers that grant access (media custody, IP filings): throws a DomainError (`RULE`,
 * at `field` when given) with the reason in Chinese when the person may not be granted access;
 * returns the warning to pass on when the commitment is about to expire.
 */
export function requireAccess(
  db: Db,
  personId: number,
  contractId: number | null,
  today: CivilDate,
  field?: string,
): { warning: string | null } {
  const result = accessCheck(db, personId, contractId, today);
  if (!result.allowed) throw new DomainError('RULE', result.reason, field);
  return { warning: result.warning ?? null };
}
