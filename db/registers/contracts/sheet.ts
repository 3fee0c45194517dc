import { CONFIDENTIALITY_KINDS, TERM_KIND_LABELS, type Contract } from '../../../common/api/contract';
import type { Obligation } from '../../../common/api/obligation';
import { formatAmount } from '../../../common/contracts/money';
import { CONTRACT_STATUS_LABELS } from '../../../common/contracts/status';
import type { SheetDefinition } from '../../reports/definition';

const yuan = (fen: number) => `¥${formatAmount(fen)}`;

function term(a: Contract['agreements'][number]): string {
  if (a.term.kind !== 'years') return TERM_KIND_LABELS[a.term.kind];
  return `${a.term.years ?? ''} 年（自${a.term.from ?? '签订之日'}起）`;
}

function nextText(o: Obligation): string {
  const n = o.next;
  switch (n.state) {
    case 'due':
      return n.overdue ? `${n.due}（已逾期 ${-n.daysLeft} 天）` : n.due;
    case 'complete':
      return '已全部完成';
    case 'limit':
      return '按时限执行';
    case 'unscheduled':
      return n.reason;
  }
}

function statusText(c: Contract): string {
  if (c.voidedAt) return `已作废（${c.voidedAt.slice(0, 10)}，${c.voidReason ?? ''}）`;
  const label = CONTRACT_STATUS_LABELS[c.status];
  return c.terminatedOn ? `${label}（${c.terminatedOn} 终止：${c.terminationReason ?? ''}）` : label;
}

/** 合同概要表: everything recorded about one contract on one or two A4 pages, for the file. */
export function contractSheet(c: Contract, obligations: readonly Obligation[], today: string): SheetDefinition {
  const numbers = c.numbers.map((n) => `${n.scheme}：${n.number}${n.isMain ? '（主）' : ''}`).join('\n');
  const confidentiality = c.hasConfidentialityAgreement ? '' : '【未登记保密协议】';
  const live = obligations.filter((o) => !o.voidedAt);
  return {
    title: '合同概要表',
    subtitle: `${c.mainNumber}\u3000${c.projectName}`,
    fileStem: `合同概要表-${c.mainNumber}`,
    orientation: 'portrait',
    sections: [
      {
        kind: 'fields',
        heading: '一、基本信息',
        perLine: 2,
        fields: [
          { label: '合同编号', value: numbers, span: 2 },
          { label: '采购项目编号', value: c.procurementNumber },
          { label: '状态', value: `${statusText(c)}${confidentiality ? `\n${confidentiality}` : ''}`.trim() },
          { label: '项目名称', value: c.projectName, span: 2 },
          { label: '甲方', value: c.clientName },
          { label: '乙方', value: c.vendorName },
          { label: '签订日期', value: c.signedDate ?? '未签订' },
          { label: '签订地点', value: c.signedPlace },
          { label: '服务期限', value: c.serviceStart || c.serviceEnd ? `${c.serviceStart ?? ''} 至 ${c.serviceEnd ?? ''}` : '' },
          { label: '续签提前', value: `${c.renewalLeadDays} 天` },
          { label: '等保级别', value: c.protectionLevel ? `第${'一二三四五'[c.protectionLevel - 1]}级` : '' },
          {
            label: '正本份数',
            value: c.originals.total ? `一式 ${c.originals.total} 份（甲方 ${c.originals.client} 份，乙方 ${c.originals.vendor} 份）` : '',
          },
        ],
      },
      {
        kind: 'fields',
        heading: '二、金额与付款',
        perLine: 2,
        fields: [
          { label: '合同金额', value: `${yuan(c.amountFen)}\n${c.amountDaxie}` },
          { label: '已付／未付', value: `已付 ${yuan(c.paidFen)}\n未付 ${yuan(c.unpaidFen)}` },
          { label: '税率', value: c.taxRatePercent === null ? '' : `${c.taxRatePercent}%` },
          { label: '不含税金额', value: c.amountExclTaxFen === null ? '' : yuan(c.amountExclTaxFen) },
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: '期次', width: 6, align: 'center' },
          { header: '比例／金额', width: 13, align: 'right' },
          { header: '付款条件', width: 30 },
          { header: '应付日期', width: 11, align: 'center' },
          { header: '发票号', width: 12 },
          { header: '付款日期', width: 11, align: 'center' },
        ],
        rows: c.installments.map((i) => [
          String(i.seq),
          `${i.percent !== null ? `${i.percent}%\n` : ''}${yuan(i.amountFen)}`,
          i.condition,
          i.dueDate ?? '',
          i.invoiceNumber,
          i.paidDate ?? '未付',
        ]),
        empty: '未登记付款节点',
      },
      {
        kind: 'fields',
        heading: '三、履约保函',
        perLine: 2,
        fields: c.bond
          ? [
              { label: '保函金额', value: c.bond.percent !== null ? `${c.bond.percent}%（${yuan(c.bond.amountFen)}）` : yuan(c.bond.amountFen) },
              { label: '开具银行', value: c.bond.bank },
              { label: '有效期至', value: c.bond.validUntil ?? '' },
              { label: '退还日期', value: c.bond.returnedOn ?? '' },
            ]
          : [{ label: '履约保函', value: '无', span: 2 }],
      },
      {
        kind: 'table',
        heading: '四、附属协议',
        columns: [
          { header: '协议类型', width: 16 },
          { header: '签订日期', width: 11, align: 'center' },
          { header: '协议各方', width: 25 },
          { header: '保密期限', width: 14 },
          { header: '安全保密协调责任人', width: 18 },
        ],
        rows: c.agreements.map((a) => [
          `${a.kind}${CONFIDENTIALITY_KINDS.includes(a.kind) ? '（保密）' : ''}`,
          a.signedDate ?? '',
          a.parties,
          term(a),
          [a.coordinators.client && `甲方：${a.coordinators.client}`, a.coordinators.vendor && `乙方：${a.coordinators.vendor}`].filter(Boolean).join('\n'),
        ]),
        empty: '未登记附属协议（无保密协议）',
      },
      {
        kind: 'table',
        heading: `五、履行义务（截至 ${today}）`,
        columns: [
          { header: '履行事项', width: 20 },
          { header: '合同条款', width: 11 },
          { header: '周期', width: 15 },
          { header: '下次到期', width: 17 },
          { header: '完成记录', width: 22 },
        ],
        rows: live.map((o) => {
          const done = o.completions.filter((x) => !x.voidedAt);
          const recent = done.slice(0, 3).map((x) => x.doneOn);
          return [
            o.title,
            o.clause,
            o.scheduleText,
            nextText(o),
            done.length ? `共 ${done.length} 次，最近：${recent.join('、')}${done.length > 3 ? ' 等' : ''}` : '无',
          ];
        }),
        empty: '未登记履行义务',
      },
      {
        kind: 'table',
        heading: '六、联系人',
        columns: [
          { header: '方', width: 6, align: 'center' },
          { header: '姓名', width: 12 },
          { header: '职责', width: 16 },
          { header: '电话', width: 18 },
          { header: '电子邮箱', width: 26 },
        ],
        rows: c.contacts.map((p) => [p.side === 'client' ? '甲方' : '乙方', p.name, p.role, p.phone, p.email]),
        empty: '未登记联系人',
      },
      ...(c.note ? [{ kind: 'text' as const, heading: '七、备注', text: c.note }] : []),
    ],
    signatures: ['经办人', '保密员', '日期'],
  };
}
