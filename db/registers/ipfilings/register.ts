import type { z } from 'zod';
import type { IpFiling, ipFilingFilterSchema, whitelistFilterSchema } from '../../../common/api/ipfiling';
import type { Db } from '../../core/open';
import type { RegisterDefinition } from '../../reports/definition';
import { listFilings } from './repo';

type Filter = z.output<typeof ipFilingFilterSchema>;
type Selection = z.output<typeof whitelistFilterSchema>;

function remarks(f: IpFiling): string {
  return [
    f.voidedAt ? `【已作废：${f.voidReason ?? ''}】` : '',
    f.scope === '超出合同范围' ? `超出合同范围（审批文号：${f.approvalRef}）` : '',
    f.contractName ? `合同：${f.contractName}${f.contractNumber ? `（${f.contractNumber}）` : ''}` : '',
    f.renews ? `续期自 ${f.renews.number}` : '',
    f.renewedBy ? `已续期为 ${f.renewedBy.number}` : '',
    f.rejectReason ? `驳回原因：${f.rejectReason}` : '',
    f.revokeReason ? `撤销原因：${f.revokeReason}` : '',
    f.note,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * 访问IP报备登记表 (REGISTER-FORMATS.md §9). Contacts are printed masked; the columns give a date,
 * a number, a MAC address and the 至YYYY-MM-DD of a period one line each at 7.5 pt on A4 landscape
 * (register.test.ts); addresses, one entry a line, wrap only when longer than the column.
 */
export const ipFilingRegister: RegisterDefinition<IpFiling> = {
  title: '访问IP报备登记表',
  fileStem: '访问IP报备登记表',
  orientation: 'landscape',
  fontSize: 7.5,
  columns: [
    { header: '报备编号', width: 9, value: (f) => f.number },
    { header: '报备单位', width: 7.5, value: (f) => f.orgName },
    { header: '使用人', width: 5.5, value: (f) => f.users.map((u) => u.name).join('\n') },
    { header: '联系方式', width: 8, value: (f) => f.contactMasked },
    { header: 'IP地址/地址段', width: 11.5, value: (f) => f.addresses.map((a) => a.text).join('\n') },
    { header: 'MAC地址', width: 11.5, value: (f) => f.macs.join('\n') },
    { header: '接入方式', width: 5.5, align: 'center', value: (f) => (f.accessNote ? `${f.accessMethod}\n${f.accessNote}` : f.accessMethod) },
    { header: '访问系统', width: 7, value: (f) => f.systems },
    { header: '用途', width: 6.5, value: (f) => f.purpose },
    { header: '有效期起止', width: 9, align: 'center', value: (f) => `${f.validFrom}\n至${f.validTo}` },
    { header: '申请日期', width: 7.5, align: 'center', value: (f) => f.appliedOn },
    { header: '审批人', width: 5, align: 'center', value: (f) => f.approver ?? '' },
    { header: '审批日期', width: 7.5, align: 'center', value: (f) => f.approvedOn ?? '' },
    { header: '状态', width: 6.5, align: 'center', value: (f) => f.statusText },
    { header: '备注', width: 7.5, value: remarks },
  ],
};

const VOIDED_TEXT: Record<Filter['voided'], string> = { exclude: '', only: '仅已作废', include: '含已作废' };

/** The selection in words: 单位：…；使用人：…；合同：…；接入方式：VPN；检索：…. */
export function describeSelection(db: Db, s: Selection): string[] {
  const name = (sql: string, id: number | null) => (id === null ? null : ((db.prepare(sql).pluck().get(id) as string | undefined) ?? `编号 ${id}`));
  const org = name('SELECT name FROM organisations WHERE id = ?', s.orgId);
  const person = name('SELECT name FROM people WHERE id = ?', s.personId);
  const contract = name('SELECT project_name FROM contracts WHERE id = ?', s.contractId);
  return [
    org ? `单位：${org}` : '',
    person ? `使用人：${person}` : '',
    contract ? `合同：${contract}` : '',
    s.accessMethod ? `接入方式：${s.accessMethod}` : '',
    s.q ? `检索：${s.q}` : '',
  ].filter(Boolean);
}

export function selectFilingRegister(db: Db, filter: Filter, today: string): { rows: IpFiling[]; selection: string } {
  const parts = [
    ...describeSelection(db, filter),
    filter.status ? `状态：${filter.status}（截至 ${today}）` : '',
    VOIDED_TEXT[filter.voided],
  ].filter(Boolean);
  return { rows: listFilings(db, filter, today).rows, selection: parts.join('；') };
}
