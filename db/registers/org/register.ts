import type { z } from 'zod';
import type { Org, orgFilterSchema } from '../../../common/api/org';
import type { Db } from '../../core/open';
import type { RegisterDefinition } from '../../reports/definition';
import { ORG_KIND_LABELS } from './labels';
import { listOrgs } from './repo';

type Filter = z.output<typeof orgFilterSchema>;

export const orgRegister: RegisterDefinition<Org> = {
  title: '单位名录',
  fileStem: '单位名录',
  orientation: 'landscape',
  columns: [
    { header: '单位名称', width: 20, value: (o) => o.name },
    { header: '简称', width: 7, value: (o) => o.shortName },
    { header: '类型', width: 6.5, align: 'center', value: (o) => ORG_KIND_LABELS[o.kind] },
    { header: '统一社会信用代码', width: 14, value: (o) => o.uscc },
    { header: '地址', width: 13, value: (o) => o.address },
    { header: '联系人', width: 6, value: (o) => o.contact },
    { header: '电话', width: 9, value: (o) => o.phone },
    { header: '电子邮箱', width: 10, value: (o) => o.email },
    { header: '备注', width: 10, value: (o) => (o.voidedAt ? `【已作废：${o.voidReason ?? ''}】${o.note}` : o.note) },
  ],
};

const STATUS_TEXT: Record<Filter['status'], string> = { active: '', voided: '仅已作废', all: '含已作废' };

export function selectOrgRegister(db: Db, filter: Filter): { rows: Org[]; selection: string } {
  const parts = [
    filter.kind ? `类型：${ORG_KIND_LABELS[filter.kind]}` : '',
    filter.q ? `检索：${filter.q}` : '',
    STATUS_TEXT[filter.status],
  ].filter(Boolean);
  return { rows: listOrgs(db, filter).rows, selection: parts.join('；') };
}
