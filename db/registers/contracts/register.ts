import type { z } from 'zod';
import { TERM_KIND_LABELS, CONFIDENTIALITY_KINDS, type Contract, type contractFilterSchema } from '../../../common/api/contract';
import { formatAmount } from '../../../common/contracts/money';
import { CONTRACT_STATUS_LABELS } from '../../../common/contracts/status';
import type { Db } from '../../core/open';
import type { RegisterDefinition } from '../../reports/definition';
import { listContracts } from './repo';

type Filter = z.output<typeof contractFilterSchema>;

function numbers(c: Contract): string {
  return c.numbers.map((n) => (n.isMain ? n.number : `${n.scheme}：${n.number}`)).join('\n');
}

function period(c: Contract): string {
  if (!c.serviceStart && !c.serviceEnd) return '';
  return `${c.serviceStart ?? ''}至${c.serviceEnd ?? ''}`;
}

function confidentiality(c: Contract): string {
  return c.agreements
    .filter((a) => CONFIDENTIALITY_KINDS.includes(a.kind))
    .map((a) => {
      const term = a.term.kind === 'years' ? `${a.term.years ?? ''}年` : TERM_KIND_LABELS[a.term.kind];
      return `${a.kind}：${a.signedDate ?? '未签'}／${term}`;
    })
    .join('\n');
}

/** One line per name and per phone: a phone number never breaks at its hyphen after the name. */
export function contacts(c: Pick<Contract, 'contacts'>): string {
  return c.contacts
    .map((p) => `${p.side === 'client' ? '甲' : '乙'}：${p.name}${p.phone ? `\n${p.phone}` : ''}`)
    .join('\n');
}

function status(c: Contract): string {
  const label = CONTRACT_STATUS_LABELS[c.status];
  return c.status === 'terminated' && c.terminatedOn ? `${label}（${c.terminatedOn}）` : label;
}

/**
 * 合同台账 (REGISTER-FORMATS.md §10). Widths keep a date, a service period's 至YYYY-MM-DD, a status
 * and a phone number each on one line at 8 pt on A4 landscape (register.test.ts); names and
 * amounts in words wrap.
 */
export const contractRegister: RegisterDefinition<Contract> = {
  title: '合同台账',
  fileStem: '合同台账',
  orientation: 'landscape',
  fontSize: 8,
  columns: [
    { header: '合同编号', width: 9, value: numbers },
    { header: '采购项目编号', width: 7, value: (c) => c.procurementNumber },
    { header: '项目名称', width: 11, value: (c) => c.projectName },
    { header: '甲方', width: 9, value: (c) => c.clientName },
    { header: '乙方', width: 9, value: (c) => c.vendorName },
    { header: '签订日期', width: 8.5, align: 'center', value: (c) => c.signedDate ?? '' },
    { header: '服务期限', width: 10, align: 'center', value: period },
    {
      header: '合同金额（小写/大写）',
      width: 12,
      value: (c) => `¥${formatAmount(c.amountFen)}\n${c.amountDaxie}`,
    },
    {
      header: '已付/未付',
      width: 10,
      align: 'right',
      value: (c) => `已付 ${formatAmount(c.paidFen)}\n未付 ${formatAmount(c.unpaidFen)}`,
    },
    { header: '履约保函到期', width: 8.5, align: 'center', value: (c) => c.bond?.validUntil ?? '' },
    { header: '保密协议（签订日期/保密期限）', width: 10, value: confidentiality },
    { header: '联系人', width: 11.5, value: contacts },
    { header: '状态', width: 7, align: 'center', value: status },
    { header: '备注', width: 8, value: (c) => (c.voidedAt ? `【已作废：${c.voidReason ?? ''}】${c.note}` : c.note) },
  ],
};

const VOIDED_TEXT: Record<Filter['voided'], string> = { exclude: '', only: '仅已作废', include: '含已作废' };

export function selectContractRegister(db: Db, filter: Filter, today: string): { rows: Contract[]; selection: string } {
  const parts = [
    filter.status ? `状态：${CONTRACT_STATUS_LABELS[filter.status]}（截至 ${today}）` : '',
    filter.from || filter.to ? `服务期：${filter.from ?? ''}至${filter.to ?? ''}` : '',
    filter.q ? `检索：${filter.q}` : '',
    VOIDED_TEXT[filter.voided],
  ].filter(Boolean);
  if (filter.orgId !== null) {
    const org = db.prepare('SELECT name FROM organisations WHERE id = ?').pluck().get(filter.orgId) as string | undefined;
    parts.unshift(`单位：${org ?? filter.orgId}`);
  }
  return { rows: listContracts(db, filter, today).rows, selection: parts.join('；') };
}
