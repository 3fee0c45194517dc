import type { z } from 'zod';
import type { Medium, mediaFilterSchema } from '../../../common/api/media';
import type { Db } from '../../core/open';
import type { RegisterDefinition } from '../../reports/definition';
import { listMedia } from './repo';

type Filter = z.output<typeof mediaFilterSchema>;

/** The names the selection line prints for the ids of a filter (编号 N when one is gone). */
export function nameOf(db: Db, table: 'people' | 'organisations', id: number | null): string | null {
  if (id === null) return null;
  return (db.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? `编号 ${id}`;
}

export function contractName(db: Db, id: number | null): string | null {
  if (id === null) return null;
  const c = db
    .prepare(
      `SELECT project_name AS name, coalesce((SELECT number FROM contract_numbers n WHERE n.contract_id = c.id AND n.is_main = 1), '') AS number
       FROM contracts c WHERE id = ?`,
    )
    .get(id) as { name: string; number: string } | undefined;
  if (!c) return `编号 ${id}`;
  return c.number ? `${c.name}（${c.number}）` : c.name;
}

/**
 * 保密编号 + 序列号 for USB drives and removable disks; for a computer's hard disk the computer's
 * 资产编号 + 硬盘序列号 (REGISTER-FORMATS.md §1 notes).
 */
export function serialText(m: Pick<Medium, 'serial' | 'assetNumber'>): string {
  return m.assetNumber ? `资产编号 ${m.assetNumber}${m.serial ? `\n${m.serial}` : ''}` : m.serial;
}

/** The derived status with who holds it and until when: 借出\n张三\n应还 2026-03-10. */
function statusText(m: Medium): string {
  const due = m.dueBack ? (m.status === '外出' ? `应于 ${m.dueBack} 返回` : `应还 ${m.dueBack}`) : '';
  return [m.status, m.status === '丢失' ? '' : (m.holderName ?? ''), due].filter(Boolean).join('\n');
}

function remarks(m: Medium): string {
  return [m.voidedAt ? `【已作废：${m.voidReason ?? ''}】` : '', m.contractLabel ? `合同：${m.contractLabel}` : '', m.note].filter(Boolean).join('\n');
}

/**
 * 存储介质登记台账 (REGISTER-FORMATS.md §1): one row per medium, its status, holder and due date
 * derived from the custody chain. Widths keep a 保密编号, a date and 应还 YYYY-MM-DD on one line at 7 pt on A4
 * landscape (register.test.ts); names, places and uses wrap.
 */
export const mediaRegister: RegisterDefinition<Medium> = {
  title: '存储介质登记台账',
  fileStem: '存储介质登记台账',
  orientation: 'landscape',
  fontSize: 7,
  columns: [
    { header: '保密编号', width: 7.6, value: (m) => m.number },
    { header: '介质类别', width: 5, align: 'center', value: (m) => m.kind },
    { header: '品牌型号', width: 6.8, value: (m) => m.model },
    { header: '序列号', width: 6.8, value: serialText },
    { header: '容量', width: 4.2, align: 'center', value: (m) => m.capacity },
    { header: '密级', width: 3.6, align: 'center', value: (m) => m.classification },
    { header: '保密\n期限', width: 4.6, align: 'center', value: (m) => m.secrecyTerm },
    { header: '知悉/\n使用范围', width: 5.6, value: (m) => m.scope },
    { header: '责任人', width: 4.2, align: 'center', value: (m) => m.responsibleName },
    { header: '所属单位/\n部门', width: 6.6, value: (m) => m.orgName },
    { header: '存放地点', width: 5.6, value: (m) => m.location },
    { header: '用途', width: 5.4, value: (m) => m.purpose },
    { header: '启用日期', width: 6.2, align: 'center', value: (m) => m.enabledOn ?? '' },
    { header: '报备日期', width: 6.2, align: 'center', value: (m) => m.reportedOn ?? '' },
    { header: '状态', width: 8.4, align: 'center', value: statusText },
    { header: '备注', width: 8.2, value: remarks },
  ],
};

const VOIDED_TEXT: Record<Filter['voided'], string> = { exclude: '', only: '仅已作废', include: '含已作废' };

/** The media the list's filter selects, in the list's order, with the filter in words. */
export function selectMediaRegister(db: Db, filter: Filter, today: string): { rows: Medium[]; selection: string } {
  const parts = [
    filter.kind ? `类别：${filter.kind}` : '',
    filter.status ? `状态：${filter.status}` : '',
    filter.classification ? `密级：${filter.classification}` : '',
    filter.holderId !== null ? `持有人：${nameOf(db, 'people', filter.holderId)}` : '',
    filter.responsibleId !== null ? `责任人：${nameOf(db, 'people', filter.responsibleId)}` : '',
    filter.orgId !== null ? `单位：${nameOf(db, 'organisations', filter.orgId)}` : '',
    filter.contractId !== null ? `合同：${contractName(db, filter.contractId)}` : '',
    filter.q ? `检索：${filter.q}` : '',
    VOIDED_TEXT[filter.voided],
  ].filter(Boolean);
  return { rows: listMedia(db, filter, today).rows, selection: parts.join('；') };
}
