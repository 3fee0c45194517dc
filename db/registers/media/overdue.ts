import type { OverdueItem } from '../../../common/api/media';
import type { Db } from '../../core/open';
import { loadState, mediumOpenItems } from './chain';
import { attentionRows } from './repo';

const URGENCY: Readonly<Record<OverdueItem['kind'], number>> = { '丢失/泄露待报告': 0, 逾期未还: 1, 逾期未返回: 1, 维修未修回: 2, 清查异常: 3 };

/**
 * Every open item of the media not voided: incidents not yet reported to the client (the 48-hour
 * deadline first), media past due back, repairs not returned, stocktake findings — most urgent
 * first, then by what they are due by.
 */
export function overdueItems(db: Db, now: string, today: string): OverdueItem[] {
  const items = attentionRows(db, today).flatMap((row) =>
    mediumOpenItems(loadState(db, row), now, today).map((item) => ({
      ...item,
      mediumId: row.id,
      number: row.number,
      mediumKind: row.kind,
      model: row.model,
      status: row.status,
      holderName: row.holder_name,
      responsibleName: row.responsible_name,
    })),
  );
  return items.sort((a, b) => URGENCY[a.kind] - URGENCY[b.kind] || (a.due ?? '9').localeCompare(b.due ?? '9') || a.number.localeCompare(b.number));
}
